//! Loading and analysis off the UI thread, with progress and cancel.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use proxylens::analysis::{self, Analysis};
use proxylens::corpus::{self, Corpus, LoadOptions, Progress};
use proxylens::lexicon::Lexicon;

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
}

/// Which stage a load is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading files.
    Reading,
    /// Analysing.
    Analysing,
}

/// A load running on its own thread.
pub struct Job {
    /// What is being opened.
    pub source: Source,
    /// Shared counters and the cancel flag.
    pub progress: Arc<Progress>,
    /// The current stage.
    pub stage: Arc<Mutex<Stage>>,
    /// When it started.
    pub started: Instant,
    rx: Receiver<Result<Loaded, String>>,
}

impl Job {
    /// Starts loading `source`; `wake` is called when the job has news (to repaint the UI).
    pub fn start(source: Source, opts: LoadOptions, wake: impl Fn() + Send + 'static) -> Job {
        let progress = Arc::new(Progress::default());
        let stage = Arc::new(Mutex::new(Stage::Reading));
        let (tx, rx) = channel();
        let (p, st, src) = (progress.clone(), stage.clone(), source.clone());
        std::thread::Builder::new()
            .name("proxylens-load".into())
            .spawn(move || {
                let started = Instant::now();
                let result = load(&src, &opts, &p, &st);
                let result = result.map(|(corpus, lexicon, analysis)| Loaded {
                    source: src,
                    corpus,
                    lexicon,
                    analysis,
                    seconds: started.elapsed().as_secs_f64(),
                });
                let _ = tx.send(result);
                wake();
            })
            .expect("spawn loader thread");
        Job {
            source,
            progress,
            stage,
            started: Instant::now(),
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

fn load(
    src: &Source,
    opts: &LoadOptions,
    p: &Progress,
    stage: &Mutex<Stage>,
) -> Result<(Corpus, Lexicon, Analysis), String> {
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
            // The folder's own proxylens.toml counts, so the lexicon comes from the corpus.
            let c = corpus::load_folder(path, opts, p).map_err(|e| e.to_string())?;
            let lex = c.lexicon();
            (c, lex)
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
    if let Ok(mut s) = stage.lock() {
        *s = Stage::Analysing;
    }
    let a = analysis::analyse_with_progress(&corpus, &lexicon, p).ok_or("cancelled")?;
    Ok((corpus, lexicon, a))
}

/// Loads synchronously (tests, benchmarks).
#[cfg(test)]
pub fn load_now(src: &Source) -> Result<Loaded, String> {
    let p = Progress::default();
    let st = Mutex::new(Stage::Reading);
    let t = Instant::now();
    load(src, &LoadOptions::default(), &p, &st).map(|(corpus, lexicon, analysis)| Loaded {
        source: src.clone(),
        corpus,
        lexicon,
        analysis,
        seconds: t.elapsed().as_secs_f64(),
    })
}
