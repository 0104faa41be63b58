//! Watching the opened folder: files added, changed or removed while it is open are picked
//! up without the user asking (through the cache, only they are read and analysed again).
//! `notify-debouncer-full` turns a burst of events into one batch per quiet period.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long a file must stay quiet before its change counts (a copy in progress is one
/// change, not one per written block).
pub const QUIET: Duration = Duration::from_millis(600);

/// A watch on one folder.
pub struct FolderWatch {
    /// The folder.
    pub root: PathBuf,
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    rx: Receiver<DebounceEventResult>,
    /// Files changed since the last refresh.
    pub changed: usize,
}

/// Whether a path is something a refresh would read: an article or the folder's lexicon.
fn relevant(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    name == proxylens::lexicon::USER_LEXICON_FILE
        || proxylens::corpus::Format::of(p).is_some()
        // A folder moved in or out, or a file renamed: its path has no extension to tell.
        || p.extension().is_none()
}

/// Whether an event changes what a refresh would read.
fn counts(e: &notify::Event) -> bool {
    matches!(
        e.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && !matches!(
        e.kind,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_))
    ) && e.paths.iter().any(|p| relevant(p))
}

impl FolderWatch {
    /// Starts watching `root` recursively; `wake` is called on every batch (to repaint).
    pub fn new(root: &Path, wake: impl Fn() + Send + 'static) -> Result<FolderWatch, String> {
        let (tx, rx) = channel();
        let mut debouncer = new_debouncer(QUIET, None, move |r: DebounceEventResult| {
            let _ = tx.send(r);
            wake();
        })
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        debouncer
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(FolderWatch {
            root: root.to_path_buf(),
            _debouncer: debouncer,
            rx,
            changed: 0,
        })
    }

    /// Takes the batches that arrived; true when one of them changed an article or the
    /// folder's lexicon (a refresh is due).
    pub fn poll(&mut self) -> bool {
        let mut due = false;
        while let Ok(batch) = self.rx.try_recv() {
            // Errors of the watch (a vanished sub-folder) leave the rest of it working.
            let Ok(events) = batch else { continue };
            let n = events.iter().filter(|e| counts(e)).count();
            self.changed += n;
            due |= n > 0;
        }
        due
    }
}

/// The watch on whatever folder is open, set up off the UI thread (a recursive watch walks
/// the whole folder).
#[derive(Default)]
pub struct Watching {
    /// The watch, once set up.
    pub watch: Option<FolderWatch>,
    setup: Option<(PathBuf, Receiver<Result<FolderWatch, String>>)>,
    /// A folder that could not be watched (not tried again while it stays open).
    failed: Option<PathBuf>,
    refresh_pending: bool,
}

impl Watching {
    /// Whether a watch is in place.
    #[cfg(test)]
    pub fn is_watching(&self) -> bool {
        self.watch.is_some()
    }

    /// Files changed since the last refresh.
    pub fn changed(&self) -> usize {
        self.watch.as_ref().map_or(0, |w| w.changed)
    }

    /// Starts counting changes anew (a refresh took them in).
    pub fn reset_changed(&mut self) {
        if let Some(w) = &mut self.watch {
            w.changed = 0;
        }
    }

    /// Called every frame with the folder that is open: watches it (and only it). Returns the
    /// folder to refresh once it changed and `idle` (no load running); a setup error comes
    /// back as `Err` once.
    pub fn follow(
        &mut self,
        folder: Option<&Path>,
        idle: bool,
        ctx: &egui::Context,
    ) -> Result<Option<PathBuf>, String> {
        let mut error = None;
        if let Some((_, rx)) = &self.setup
            && let Ok(w) = rx.try_recv()
        {
            self.setup = None;
            match w {
                Ok(w) => self.watch = Some(w),
                Err(e) => {
                    self.failed = folder.map(Path::to_path_buf);
                    error = Some(e);
                }
            }
        }
        let wanted = self
            .setup
            .as_ref()
            .map(|(p, _)| p.as_path())
            .or(self.watch.as_ref().map(|w| w.root.as_path()))
            .or(self.failed.as_deref());
        if wanted != folder {
            self.watch = None;
            self.failed = None;
            self.refresh_pending = false;
            self.setup = folder.map(|f| {
                let (tx, rx) = channel();
                let (c, root) = (ctx.clone(), f.to_path_buf());
                std::thread::spawn(move || {
                    let c2 = c.clone();
                    let _ = tx.send(FolderWatch::new(&root, move || c2.request_repaint()));
                    c.request_repaint();
                });
                (f.to_path_buf(), rx)
            });
        }
        if let Some(e) = error {
            return Err(e);
        }
        let Some(w) = &mut self.watch else {
            return Ok(None);
        };
        self.refresh_pending |= w.poll();
        if self.refresh_pending && idle {
            self.refresh_pending = false;
            return Ok(Some(w.root.clone()));
        }
        Ok(None)
    }
}
