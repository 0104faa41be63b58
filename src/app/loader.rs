//! Loading and analysis off the UI thread, with progress and cancel.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

use proxylens::analysis::{self, Analysis};
use proxylens::cache::Cache;
use proxylens::corpus::{self, Corpus, LoadOptions, Progress, Stage};
use proxylens::lexicon::Lexicon;

use super::chart::{ChartModel, ChartSettings};
use super::network::{NetworkModel, NetworkSettings};
use super::reader::DocStats;

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The seed articles bundled in the binary.
    Seeds,
    /// A folder on disk.
    Folder(PathBuf),
    /// Some files (dropped on the window).
    Files(Vec<PathBuf>),
}

impl Source {
    /// A short label for the window title and the status bar.
    pub fn label(&self) -> String {
        match self {
            Source::Seeds => "bundled seed articles".into(),
            Source::Folder(p) => p.display().to_string(),
            Source::Files(f) => format!("{} dropped files", f.len()),
        }
    }
}

/// A loaded and analysed corpus.
pub struct Loaded {
    /// Where it came from.
    pub source: Source,
    /// The documents.
    pub corpus: Corpus,
    /// The lexicon used.
    pub lexicon: Lexicon,
    /// The findings.
    pub analysis: Analysis,
    /// Seconds spent.
    pub seconds: f64,
    /// What the user should know about the load (cache reuse, a rebuilt cache).
    pub note: Option<String>,
    /// The first view models, built on the loader thread for the settings it was given, so
    /// that installing a large corpus does not stall a frame.
    pub views: Option<Views>,
}

/// View models built ahead, with the settings they were built for.
pub struct Views {
    /// For these chart settings.
    pub chart_settings: ChartSettings,
    /// For these network settings.
    pub network_settings: NetworkSettings,
    /// The chart.
    pub chart: ChartModel,
    /// The network.
    pub network: NetworkModel,
    /// Per-document counts.
    pub stats: Vec<DocStats>,
}

impl Views {
    /// Builds the unfiltered view models.
    pub fn build(
        corpus: &Corpus,
        lexicon: &Lexicon,
        analysis: &Analysis,
        chart_settings: ChartSettings,
        network_settings: NetworkSettings,
    ) -> Views {
        Views {
            chart: ChartModel::build(
                corpus,
                lexicon,
                analysis,
                &chart_settings,
                &|_| true,
                &|_| true,
            ),
            network: NetworkModel::build(analysis, &network_settings, &|_| true),
            stats: super::reader::doc_stats(corpus, analysis),
            chart_settings,
            network_settings,
        }
    }
}

/// A load running on its own thread.
pub struct Job {
    /// What is being opened.
    pub source: Source,
    /// Shared counters, the stage and the cancel flag.
    pub progress: Arc<Progress>,
    /// A refresh after the watched folder changed (keeps what the user was reading).
    pub refresh: bool,
    /// The stage last shown and when it began (for the time left).
    pub shown_stage: std::cell::Cell<(Stage, Instant)>,
    rx: Receiver<Result<Loaded, String>>,
}

impl Job {
    /// Starts loading `source`; `wake` is called when the job has news (to repaint the UI).
    pub fn start(
        source: Source,
        opts: LoadOptions,
        cache: Option<PathBuf>,
        view_settings: (ChartSettings, NetworkSettings),
        wake: impl Fn() + Send + 'static,
    ) -> Job {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (p, src) = (progress.clone(), source.clone());
        std::thread::Builder::new()
            .name("proxylens-load".into())
            .spawn(move || {
                let started = Instant::now();
                let result = load(&src, &opts, &p, cache.as_deref());
                let result = result.map(|(corpus, lexicon, analysis, note)| {
                    let (cs, ns) = view_settings;
                    let views = Views::build(&corpus, &lexicon, &analysis, cs, ns);
                    Loaded {
                        source: src,
                        corpus,
                        lexicon,
                        analysis,
                        seconds: started.elapsed().as_secs_f64(),
                        note,
                        views: Some(views),
                    }
                });
                let _ = tx.send(result);
                wake();
            })
            .expect("spawn loader thread");
        Job {
            source,
            progress,
            shown_stage: std::cell::Cell::new((Stage::Listing, Instant::now())),
            refresh: false,
            rx,
        }
    }

    /// The result, once the job is done.
    pub fn poll(&self) -> Option<Result<Loaded, String>> {
        self.rx.try_recv().ok()
    }

    /// Asks the job to stop.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    /// (done, total) files.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }
}

type Output = (Corpus, Lexicon, Analysis, Option<String>);

fn load(
    src: &Source,
    opts: &LoadOptions,
    p: &Progress,
    cache: Option<&std::path::Path>,
) -> Result<Output, String> {
    let (corpus, lexicon) = match src {
        Source::Seeds => {
            let lex = Lexicon::bundled();
            p.total
                .store(proxylens::seeds::SEEDS.len(), Ordering::Relaxed);
            let c = Corpus::from_memory(proxylens::seeds::SEEDS, &lex);
            p.done
                .store(proxylens::seeds::SEEDS.len(), Ordering::Relaxed);
            (c, lex)
        }
        Source::Folder(path) => {
            // Through the analysis cache: unchanged files are neither read nor analysed again.
            let mut note = None;
            let mut cache = cache.and_then(|c| {
                Cache::open(c)
                    .inspect_err(|e| note = Some(format!("analysis cache not used: {e}")))
                    .ok()
            });
            let o = proxylens::open::open_folder(path, opts, p, cache.as_mut())
                .map_err(|e| e.to_string())?;
            let r = &o.report;
            let reuse = (r.findings_from_cache > 0).then(|| {
                format!(
                    "{} of {} documents from the cache, {} analysed",
                    r.findings_from_cache, r.documents, r.analysed
                )
            });
            let note = [note, r.cache_note.clone(), reuse]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            let note = (!note.is_empty()).then(|| note.join("; "));
            return Ok((o.corpus, o.lexicon, o.analysis, note));
        }
        Source::Files(files) => {
            let lex = Lexicon::bundled();
            p.total.store(files.len(), Ordering::Relaxed);
            let mut docs = Vec::new();
            let mut failed = Vec::new();
            for f in files {
                if p.cancelled() {
                    return Err("cancelled".into());
                }
                let root = f.parent().unwrap_or(std::path::Path::new("/"));
                match corpus::load_file(root, f, opts, &lex) {
                    Ok(d) => docs.push(d),
                    Err(reason) => failed.push(corpus::Failed {
                        file: f.display().to_string(),
                        reason,
                    }),
                }
                p.done.fetch_add(1, Ordering::Relaxed);
            }
            (Corpus::from_documents(docs, failed), lex)
        }
    };
    if p.cancelled() {
        return Err("cancelled".into());
    }
    let a = analysis::analyse_with_progress(&corpus, &lexicon, p).ok_or("cancelled")?;
    Ok((corpus, lexicon, a, None))
}

/// Loads synchronously (tests, benchmarks).
#[cfg(test)]
pub fn load_now(src: &Source) -> Result<Loaded, String> {
    let p = Progress::default();
    let t = Instant::now();
    load(src, &LoadOptions::default(), &p, None).map(|(corpus, lexicon, analysis, note)| Loaded {
        source: src.clone(),
        corpus,
        lexicon,
        analysis,
        seconds: t.elapsed().as_secs_f64(),
        note,
        views: None,
    })
}
