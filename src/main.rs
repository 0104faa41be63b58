//! The `proxylens` command: the desktop app, or `proxylens extract FOLDER --json OUT.json`,
//! or `proxylens text PATH… [--json OUT.json]`.

use std::path::PathBuf;
use std::process::ExitCode;

mod app;

use proxylens::corpus::{self, LoadOptions, Progress};

const USAGE: &str = "usage:
  proxylens [FOLDER]                       open the app (on FOLDER, or the last folder, or the bundled seeds)
  proxylens extract FOLDER --json OUT.json [--max-file-mb N] [--cache [FILE]]
                                           analyse FOLDER and write the JSON export; with --cache,
                                           reuse and update the analysis cache (the app's, or FILE)
  proxylens text PATH... [--json OUT.json]  print the text the analysis reads (page junk left out) of each
                                           file, or of each file under a folder; with --json, write
                                           {FILE: text} to OUT.json instead
  proxylens generate DIR [--count N] [--seed S]
                                           write N realistic generated articles (txt, md, html) into DIR
  proxylens bench-ui [DOCS] [NODES]        measure UI frame times headless on a generated corpus
  proxylens bench-load FOLDER [DATA_DIR]   open FOLDER headless as the app does (cache in DATA_DIR):
                                           load time, frame times while loading, memory, search, cancel";

fn extract(args: &[String]) -> Result<(), String> {
    let mut folder: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut opts = LoadOptions::default();
    let mut cache_path: Option<PathBuf> = None;
    let mut it = args.iter().peekable();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--cache" => {
                cache_path = match it.next_if(|v| !v.starts_with('-') && v.ends_with(".sqlite")) {
                    Some(f) => Some(f.into()),
                    None => Some(
                        proxylens::cache::default_path()
                            .ok_or("--cache: no data directory (set PROXYLENS_DATA_DIR)")?,
                    ),
                }
            }
            "--json" => out = Some(it.next().ok_or("--json needs a file name")?.into()),
            "--max-file-mb" => {
                let v = it.next().ok_or("--max-file-mb needs a number")?;
                let mb: f64 = v
                    .parse()
                    .map_err(|_| format!("--max-file-mb: `{v}` is not a number"))?;
                opts.max_file_bytes = (mb * 1e6) as u64;
            }
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            s if folder.is_none() => folder = Some(s.into()),
            s => return Err(format!("unexpected argument `{s}`")),
        }
    }
    let folder = folder.ok_or("extract needs a FOLDER")?;
    let out = out.ok_or("extract needs --json OUT.json")?;
    let started = std::time::Instant::now();
    let (c, lex, a) = match cache_path {
        None => {
            let c = corpus::load_folder(&folder, &opts, &Progress::default())
                .map_err(|e| e.to_string())?;
            let lex = c.lexicon();
            let a = proxylens::analysis::analyse(&c, &lex);
            (c, lex, a)
        }
        Some(path) => {
            let mut cache = proxylens::cache::Cache::open(&path)
                .inspect_err(|e| eprintln!("cache not used: {e}"))
                .ok();
            let o =
                proxylens::open::open_folder(&folder, &opts, &Progress::default(), cache.as_mut())
                    .map_err(|e| e.to_string())?;
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
            (o.corpus, o.lexicon, o.analysis)
        }
    };
    let analysed_in = started.elapsed().as_secs_f64();
    for i in &lex.issues {
        eprintln!("lexicon: {i}");
    }
    for f in &c.failed {
        eprintln!("skipped {}: {}", f.file, f.reason);
    }
    eprintln!("writing {}", out.display());
    proxylens::export::write(&out, &c, &lex, &a)
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

/// `proxylens text PATH… [--json OUT.json]`: what ProxyLens reads of each file.
fn text(args: &[String]) -> Result<(), String> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => out = Some(it.next().ok_or("--json needs a file name")?.into()),
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            s => paths.push(s.into()),
        }
    }
    if paths.is_empty() {
        return Err("text needs a PATH".into());
    }
    let opts = LoadOptions::default();
    // (the file's path as given, or under the folder given; the folder it is read from)
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for p in &paths {
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
        match corpus::load_file(root, path, &opts, &lexicon) {
            Ok(d) => {
                let t = corpus::junk::without_junk(&d.text, &d.junk);
                if out.is_none() {
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
    if let Some(out) = out {
        let json = serde_json::to_string_pretty(&texts).map_err(|e| e.to_string())?;
        proxylens::util::write_atomic(&out, json.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

/// When the process started (for the startup benchmark).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn generate(args: &[String]) -> Result<(), String> {
    let mut dir: Option<PathBuf> = None;
    let (mut count, mut seed) = (1000usize, 1u64);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--count" => {
                count = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--count needs a number")?
            }
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed needs a number")?
            }
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            s if dir.is_none() => dir = Some(s.into()),
            s => return Err(format!("unexpected argument `{s}`")),
        }
    }
    let dir = dir.ok_or("generate needs a DIR")?;
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

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("extract") => match extract(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("proxylens: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("text") => match text(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("proxylens: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("generate") => match generate(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("proxylens: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("bench-ui") => {
            let docs = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
            let nodes = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(500);
            app::bench::run(docs, nodes);
            ExitCode::SUCCESS
        }
        Some("bench-load") => {
            let Some(folder) = args.get(1) else {
                eprintln!("proxylens: bench-load needs a FOLDER\n{USAGE}");
                return ExitCode::from(2);
            };
            let data = args
                .get(2)
                .map(PathBuf::from)
                .unwrap_or_else(|| std::env::temp_dir().join("proxylens-bench-data"));
            app::bench::load(std::path::Path::new(folder), &data);
            ExitCode::SUCCESS
        }
        Some("-h" | "--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            let folder = other.map(PathBuf::from);
            if let Some(f) = &folder
                && !f.is_dir()
            {
                eprintln!("proxylens: {} is not a folder\n{USAGE}", f.display());
                return ExitCode::from(2);
            }
            match run_app(folder) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("proxylens: cannot open a window: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn run_app(folder: Option<PathBuf>) -> eframe::Result {
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
    eframe::run_native(
        "ProxyLens",
        options,
        Box::new(move |cc| Ok(Box::new(app::ProxyLensApp::from_creation(cc, folder)))),
    )
}
