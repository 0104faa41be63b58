//! Loading and analysis off the UI thread, with progress and cancel, through the library's
//! one open path ([`proxylens::open::open`]) and the analysis cache.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

use proxylens::analysis::Analysis;
use proxylens::cache::Cache;
use proxylens::corpus::{Corpus, LoadError, LoadOptions, Progress, Stage};
use proxylens::lexicon::Lexicon;
pub use proxylens::open::Source;

use super::chart::{ChartModel, ChartSettings};
use super::documents::DocStats;
use super::network::{NetworkModel, NetworkSettings};

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
    pub views: Option<FirstViews>,
    /// Which load this is (views cache what they derive from the data by it).
    pub generation: u64,
}

/// A number no other load has.
pub fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Loaded {
    /// A load of data built elsewhere (tests, benchmarks).
    pub fn new(source: Source, corpus: Corpus, lexicon: Lexicon, analysis: Analysis) -> Loaded {
        Loaded {
            source,
            corpus,
            lexicon,
            analysis,
            seconds: 0.0,
            note: None,
            views: None,
            generation: next_generation(),
        }
    }
}

/// View models built ahead, with the settings they were built for.
pub struct FirstViews {
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

impl FirstViews {
    /// Builds the unfiltered view models.
    pub fn build(
        corpus: &Corpus,
        lexicon: &Lexicon,
        analysis: &Analysis,
        chart_settings: ChartSettings,
        network_settings: NetworkSettings,
    ) -> FirstViews {
        FirstViews {
            chart: ChartModel::build(
                corpus,
                lexicon,
                analysis,
                &chart_settings,
                &|_| true,
                &|_| true,
            ),
            network: NetworkModel::build(analysis, &network_settings, &|_| true),
            stats: super::documents::doc_stats(corpus, analysis),
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
    rx: Receiver<Result<Loaded, LoadError>>,
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
        let spawned = std::thread::Builder::new()
            .name("proxylens-load".into())
            .spawn(move || {
                let result = load(&src, &opts, &p, cache.as_deref()).map(|mut loaded| {
                    let (cs, ns) = view_settings;
                    loaded.views = Some(FirstViews::build(
                        &loaded.corpus,
                        &loaded.lexicon,
                        &loaded.analysis,
                        cs,
                        ns,
                    ));
                    loaded
                });
                let _ = tx.send(result);
                wake();
            });
        if let Err(e) = spawned {
            // The receiver gets nothing: report it as a failed load.
            let (tx, rx2) = channel();
            let _ = tx.send(Err(LoadError::Folder {
                path: PathBuf::from(source.label()),
                error: e,
            }));
            return Job {
                source,
                progress,
                shown_stage: std::cell::Cell::new((Stage::Listing, Instant::now())),
                refresh: false,
                rx: rx2,
            };
        }
        Job {
            source,
            progress,
            shown_stage: std::cell::Cell::new((Stage::Listing, Instant::now())),
            refresh: false,
            rx,
        }
    }

    /// The result, once the job is done.
    pub fn poll(&self) -> Option<Result<Loaded, LoadError>> {
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

/// Opens `src` through the cache file `cache` (if given and usable).
pub fn load(
    src: &Source,
    opts: &LoadOptions,
    p: &Progress,
    cache: Option<&std::path::Path>,
) -> Result<Loaded, LoadError> {
    let started = Instant::now();
    let mut note = None;
    let mut cache = match src {
        // The seeds are in the binary: nothing to cache.
        Source::Seeds => None,
        _ => cache.and_then(|c| {
            Cache::open(c)
                .inspect_err(|e| note = Some(format!("analysis cache not used: {e}")))
                .ok()
        }),
    };
    let o = proxylens::open::open(src, opts, p, cache.as_mut())?;
    let r = &o.report;
    let reuse = (r.findings_from_cache > 0).then(|| {
        format!(
            "{} of {} documents from the cache, {} analysed",
            r.findings_from_cache, r.documents, r.analysed
        )
    });
    let notes: Vec<String> = [note, r.cache_note.clone(), reuse]
        .into_iter()
        .flatten()
        .collect();
    let mut loaded = Loaded::new(src.clone(), o.corpus, o.lexicon, o.analysis);
    loaded.note = (!notes.is_empty()).then(|| notes.join("; "));
    loaded.seconds = started.elapsed().as_secs_f64();
    Ok(loaded)
}

/// Loads synchronously without a cache (tests, benchmarks).
#[cfg(test)]
pub fn load_now(src: &Source) -> Result<Loaded, LoadError> {
    load(src, &LoadOptions::default(), &Progress::default(), None)
}
