//! Watching the opened folder: files added, changed or removed while it is open are picked
//! up without the user asking (through the cache, only they are read and analysed again).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// How long the folder must stay quiet before a refresh (a copy of many files is one refresh).
pub const QUIET: Duration = Duration::from_millis(600);

/// A watch on one folder.
pub struct FolderWatch {
    /// The folder.
    pub root: PathBuf,
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    last_change: Option<Instant>,
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

impl FolderWatch {
    /// Starts watching `root` recursively; `wake` is called on every event (to repaint).
    pub fn new(root: &Path, wake: impl Fn() + Send + 'static) -> Result<FolderWatch, String> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
            wake();
        })
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(FolderWatch {
            root: root.to_path_buf(),
            _watcher: watcher,
            rx,
            last_change: None,
            changed: 0,
        })
    }

    /// Takes the events that arrived. Returns true once changes have settled (the folder has
    /// been quiet for [`QUIET`]) and a refresh is due; until then, how long to wait.
    pub fn poll(&mut self) -> Result<bool, Duration> {
        while let Ok(e) = self.rx.try_recv() {
            let Ok(e) = e else { continue };
            let counts = matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) && !matches!(
                e.kind,
                EventKind::Modify(notify::event::ModifyKind::Metadata(_))
            );
            if counts && e.paths.iter().any(|p| relevant(p)) {
                self.changed += 1;
                self.last_change = Some(Instant::now());
            }
        }
        match self.last_change {
            None => Err(Duration::MAX),
            Some(t) if t.elapsed() >= QUIET => {
                self.last_change = None;
                Ok(true)
            }
            Some(t) => Err(QUIET - t.elapsed()),
        }
    }
}
