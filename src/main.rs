//! The `proxylens` command: the desktop app, or a headless subcommand
//! (`proxylens extract FOLDER --json OUT.json`, `proxylens text PATH…`, `proxylens generate DIR`).
//!
//! Built without the default `gui` feature, it has the headless subcommands only.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[cfg(feature = "gui")]
mod app;

use proxylens::corpus::{LoadOptions, Progress};
use proxylens::open::Source;

/// Read conflict news as linked views: attack counts, actor network, and the sentences
/// behind them.
#[derive(Parser, Debug)]
#[command(name = "proxylens", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Open the app on this folder (default: the last folder, or the bundled seeds).
    folder: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Analyse FOLDER and write the JSON export.
    Extract(ExtractArgs),
    /// Print the text the analysis reads (page junk left out) of each file, or of each file
    /// under a folder; with --json, write {FILE: text} to OUT.json instead.
    Text(TextArgs),
    /// Write N realistic generated articles (txt, md, html) into DIR.
    Generate(GenerateArgs),
    /// Measure UI frame times headless on a generated corpus.
    #[cfg(feature = "gui")]
    BenchUi {
        /// Generated articles.
        #[arg(default_value_t = 10_000)]
        docs: usize,
        /// Network nodes.
        #[arg(default_value_t = 500)]
        nodes: usize,
    },
    /// Open FOLDER headless as the app does (analysis cache in DATA_DIR): load time, frame
    /// times while loading, memory, search, cancel.
    #[cfg(feature = "gui")]
    BenchLoad {
        /// The folder to open.
        folder: PathBuf,
        /// Where the cache goes (default: a folder in the system's temporary folder).
        data_dir: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// The folder of articles.
    folder: PathBuf,
    /// Where to write the export.
    #[arg(long, value_name = "OUT.json")]
    json: PathBuf,
    /// Files above this size are listed as failed, not read (MB).
    #[arg(long, value_name = "N")]
    max_file_mb: Option<f64>,
    /// Reuse and update the analysis cache: the app's, or FILE.
    #[arg(long, value_name = "FILE.sqlite", num_args = 0..=1)]
    cache: Option<Option<PathBuf>>,
}

#[derive(clap::Args, Debug)]
struct TextArgs {
    /// Files or folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write {FILE: text} here instead of printing.
    #[arg(long, value_name = "OUT.json")]
    json: Option<PathBuf>,
}

/// Reads one file as the analysis would (size limit, decoding, page reading, junk).
fn read_document(
    root: &std::path::Path,
    path: &std::path::Path,
    opts: &LoadOptions,
    lexicon: &proxylens::lexicon::Lexicon,
) -> Result<proxylens::corpus::Document, String> {
    use proxylens::corpus::{self, Format};
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > opts.max_file_bytes {
        return Err(format!(
            "too large: {:.1} MB (limit {:.1} MB)",
            meta.len() as f64 / 1e6,
            opts.max_file_bytes as f64 / 1e6
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let format = Format::of(path).unwrap_or(Format::Text);
    corpus::build_document(&corpus::rel(root, path), format, &bytes, lexicon)
}

fn text(args: TextArgs) -> Result<(), String> {
    use proxylens::corpus;
    let opts = LoadOptions::default();
    // (the file's path as given, or under the folder given; the folder it is read from)
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            let (found, failed) =
                corpus::list_files(p, &opts, &Progress::default()).map_err(|e| e.to_string())?;
            for f in failed {
                eprintln!("skipped {}: {}", p.join(&f.file).display(), f.reason);
            }
            files.extend(found.into_iter().map(|f| (f, p.clone())));
        } else if !p.is_file() {
            return Err(format!("{}: no such file or folder", p.display()));
        } else {
            let root = p.parent().map(PathBuf::from).unwrap_or_default();
            files.push((p.clone(), root));
        }
    }
    let lexicon = proxylens::lexicon::Lexicon::bundled();
    let started = std::time::Instant::now();
    let mut texts = serde_json::Map::new();
    let mut failed = 0;
    for (path, root) in &files {
        match read_document(root, path, &opts, &lexicon) {
            Ok(d) => {
                let t = corpus::junk::without_junk(&d.text, &d.junk);
                if args.json.is_none() {
                    println!("==> {} <==\n{t}\n", path.display());
                }
                texts.insert(path.display().to_string(), t.into());
            }
            Err(reason) => {
                failed += 1;
                eprintln!("skipped {}: {reason}", path.display());
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "read {} files ({failed} skipped) in {secs:.3} s on one thread: {:.0} files/s",
        files.len(),
        files.len() as f64 / secs.max(1e-9)
    );
    if let Some(out) = args.json {
        let json = serde_json::to_string_pretty(&texts).map_err(|e| e.to_string())?;
        proxylens::util::write_atomic(&out, json.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

#[derive(clap::Args, Debug)]
struct GenerateArgs {
    /// The folder to write into.
    dir: PathBuf,
    /// How many articles.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// The generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn extract(args: ExtractArgs) -> Result<(), String> {
    // The export lists no mention, sentence or place: on a corpus of short articles the
    // mentions alone are a tenth of the peak memory.
    let mut opts = LoadOptions {
        keep_positions: false,
        ..Default::default()
    };
    if let Some(mb) = args.max_file_mb {
        if mb.is_nan() || mb <= 0.0 {
            return Err(format!("--max-file-mb: {mb} is not a positive size"));
        }
        opts.max_file_bytes = (mb * 1e6) as u64;
    }
    let cache_path = match args.cache {
        None => None,
        Some(Some(f)) => Some(f),
        Some(None) => Some(
            proxylens::cache::default_path()
                .ok_or("--cache: no data directory (set PROXYLENS_DATA_DIR)")?,
        ),
    };
    let started = std::time::Instant::now();
    let mut cache = cache_path.as_deref().and_then(|p| {
        proxylens::cache::Cache::open(p)
            .inspect_err(|e| eprintln!("cache not used: {e}"))
            .ok()
    });
    let o = proxylens::open::open(
        &Source::Folder(args.folder),
        &opts,
        &Progress::default(),
        cache.as_mut(),
    )
    .map_err(|e| e.to_string())?;
    if let Some(path) = &cache_path {
        let r = &o.report;
        eprintln!(
            "cache {}: {} documents, {} read from the cache, {} findings from the cache, {} analysed, {} entries dropped; read {:.2} s, analysis {:.2} s",
            path.display(),
            r.documents,
            r.docs_from_cache,
            r.findings_from_cache,
            r.analysed,
            r.removed,
            r.read_seconds,
            r.analyse_seconds
        );
        if let Some(n) = &r.cache_note {
            eprintln!("cache: {n}");
        }
    }
    let (c, lex, a) = (&o.corpus, &o.lexicon, &o.analysis);
    let analysed_in = started.elapsed().as_secs_f64();
    for i in &lex.issues {
        eprintln!("lexicon: {i}");
    }
    for f in &c.failed {
        eprintln!("skipped {}: {}", f.file, f.reason);
    }
    let out = &args.json;
    eprintln!("writing {}", out.display());
    proxylens::export::write(out, c, lex, a)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "{} documents ({} skipped) in {:.2} s: {} actors, {} statements, {} tallies, {} attack reports in {} incidents, {} relations → {}",
        c.docs.len(),
        c.failed.len(),
        analysed_in,
        a.actors.iter().filter(|x| !x.docs.is_empty()).count(),
        a.statements.len(),
        a.tallies.len(),
        a.reports.len(),
        a.incidents.len(),
        a.relations.len(),
        out.display()
    );
    Ok(())
}

/// When the process started (for the startup benchmark).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn generate(args: GenerateArgs) -> Result<(), String> {
    let GenerateArgs { dir, count, seed } = args;
    let lex = proxylens::lexicon::Lexicon::bundled();
    let mut bytes = 0usize;
    // In batches, so that a million articles never sit in memory at once.
    for start in (0..count).step_by(1000) {
        let n = (count - start).min(1000);
        for (name, data) in proxylens::synth::generate_range(start, n, seed, &lex) {
            let path = dir.join(&name);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p)
                    .map_err(|e| format!("cannot create {}: {e}", p.display()))?;
            }
            std::fs::write(&path, &data)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            bytes += data.len();
        }
    }
    eprintln!(
        "wrote {count} articles ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}

/// A headless command's outcome as the exit code: 2 and the message for a bad argument or an
/// unreadable folder.
fn exit(r: Result<(), String>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("proxylens: {e}");
            ExitCode::from(2)
        }
    }
}

/// Sets glibc's malloc to serve large blocks (a corpus' lists of findings as they grow, a big
/// page's text) from the system and to give them back when freed. By default it raises that
/// threshold after each large block freed, up to 32 MB, so that lists growing past it are
/// copied at each doubling inside the heap and the blocks they leave stay resident (on 50 MB
/// of short articles the peak was 177 MB, with this 164 MB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc() {
    /// `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`.
    const M_MMAP_THRESHOLD: i32 = -3;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only changes the allocator's parameters (glibc takes its lock), and it
    // runs first thing in main, before any other thread exists.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc() {}

fn main() -> ExitCode {
    tune_malloc();
    STARTED.get_or_init(std::time::Instant::now);
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::Extract(a)) => exit(extract(a)),
        Some(Cmd::Text(a)) => exit(text(a)),
        Some(Cmd::Generate(a)) => exit(generate(a)),
        #[cfg(feature = "gui")]
        Some(Cmd::BenchUi { docs, nodes }) => {
            app::bench::run(docs, nodes);
            ExitCode::SUCCESS
        }
        #[cfg(feature = "gui")]
        Some(Cmd::BenchLoad { folder, data_dir }) => {
            let data =
                data_dir.unwrap_or_else(|| std::env::temp_dir().join("proxylens-bench-data"));
            app::bench::load(&folder, &data);
            ExitCode::SUCCESS
        }
        None => run_app(cli.folder),
    }
}

#[cfg(feature = "gui")]
fn run_app(folder: Option<PathBuf>) -> ExitCode {
    if let Some(f) = &folder
        && !f.is_dir()
    {
        eprintln!("proxylens: {} is not a folder", f.display());
        return ExitCode::from(2);
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ProxyLens")
        .with_app_id("proxylens")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 560.0]);
    if let Some(icon) = app::icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let r = eframe::run_native(
        "ProxyLens",
        options,
        Box::new(move |cc| Ok(Box::new(app::ProxyLensApp::from_creation(cc, folder)))),
    );
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("proxylens: cannot open a window: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn run_app(_folder: Option<PathBuf>) -> ExitCode {
    eprintln!(
        "proxylens: this build has no desktop app (built without the `gui` feature); \
         the headless commands are `extract` and `generate` (see --help)"
    );
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_parses_as_documented() {
        <Cli as clap::CommandFactory>::command().debug_assert();
        let c = Cli::try_parse_from(["proxylens", "extract", "seeds", "--json", "o.json"]).unwrap();
        let Some(Cmd::Extract(a)) = c.command else {
            panic!("{c:?}")
        };
        assert_eq!(a.folder, PathBuf::from("seeds"));
        assert_eq!(a.json, PathBuf::from("o.json"));
        assert!(a.cache.is_none());
        // `--cache` alone: the app's cache; `--cache FILE`: that file; before or after --json.
        for (args, want) in [
            (vec!["--cache", "--json", "o.json"], None),
            (vec!["--json", "o.json", "--cache"], None),
            (
                vec!["--json", "o.json", "--cache", "/tmp/c.sqlite"],
                Some(PathBuf::from("/tmp/c.sqlite")),
            ),
        ] {
            let mut v = vec!["proxylens", "extract", "seeds"];
            v.extend(args);
            let Some(Cmd::Extract(a)) = Cli::try_parse_from(v).unwrap().command else {
                panic!()
            };
            assert_eq!(a.cache, Some(want));
        }
        let c = Cli::try_parse_from([
            "proxylens",
            "extract",
            "seeds",
            "--json",
            "o.json",
            "--max-file-mb",
            "2.5",
        ])
        .unwrap();
        let Some(Cmd::Extract(a)) = c.command else {
            panic!()
        };
        assert_eq!(a.max_file_mb, Some(2.5));
        // A folder alone opens the app on it.
        let c = Cli::try_parse_from(["proxylens", "some/folder"]).unwrap();
        assert_eq!(c.folder, Some(PathBuf::from("some/folder")));
        assert!(c.command.is_none());
        // Mistakes are refused with a message, not guessed.
        assert!(Cli::try_parse_from(["proxylens", "extract", "seeds"]).is_err());
        assert!(
            Cli::try_parse_from(["proxylens", "extract", "seeds", "--json", "o", "--bogus"])
                .is_err()
        );
        let c = Cli::try_parse_from(["proxylens", "generate", "d", "--count", "5"]).unwrap();
        let Some(Cmd::Generate(g)) = c.command else {
            panic!()
        };
        assert_eq!((g.count, g.seed), (5, 1));
    }
}
