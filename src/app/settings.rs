//! The settings saved between launches, and their saver: changed settings are written once
//! they have been still for a second, on a thread of their own (the UI thread never waits on
//! the disk), and at exit.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::chart::ChartSettings;
use super::network::NetworkSettings;

/// Everything saved between launches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened folders, newest first.
    pub recent: Vec<PathBuf>,
    /// The folder to open at start (None: the bundled seeds).
    pub last_folder: Option<PathBuf>,
    /// Chart settings.
    pub chart: ChartSettings,
    /// Network settings.
    pub network: NetworkSettings,
    /// Two readers side by side.
    pub side_by_side: bool,
    /// Files above this size are not read (MB).
    pub max_file_mb: f64,
    /// Share of the lower area given to the network (the rest is the reader).
    pub split: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            last_folder: None,
            chart: ChartSettings::default(),
            network: NetworkSettings::default(),
            side_by_side: false,
            max_file_mb: 64.0,
            split: 0.5,
        }
    }
}

/// The settings file in the data directory.
const SETTINGS_FILE: &str = "settings.json";

/// How long settings must stay unchanged before they are written.
const STILL_FOR: Duration = Duration::from_secs(1);

impl Settings {
    /// Reads the settings file; a missing or unreadable one gives the defaults.
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the settings file atomically (a temporary file renamed over it): a crash in
    /// the middle leaves the previous settings.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        proxylens::util::write_atomic(&dir.join(SETTINGS_FILE), &json)
    }
}

/// Writes settings to the data directory in the background.
#[derive(Default)]
pub struct SettingsSaver {
    /// What was last handed to be written (or read at start).
    saved: Option<Settings>,
    /// Since when the settings differ from `saved`.
    dirty_since: Option<Instant>,
    /// The thread that writes (the latest settings win).
    worker: Option<(Sender<Settings>, std::thread::JoinHandle<()>)>,
}

impl SettingsSaver {
    /// A saver that knows `settings` are on disk already.
    pub fn saved(settings: &Settings) -> SettingsSaver {
        SettingsSaver {
            saved: Some(settings.clone()),
            ..Default::default()
        }
    }

    /// Called every frame: hands `settings` to the writer thread once they have been still
    /// for a second. Returns how soon to look again (None: nothing pending). A failure comes
    /// back through `report`, once.
    pub fn autosave(
        &mut self,
        settings: &Settings,
        dir: &Path,
        report: impl Fn(String) + Send + Clone + 'static,
    ) -> Option<Duration> {
        if self.saved.as_ref() == Some(settings) {
            self.dirty_since = None;
            return None;
        }
        let since = *self.dirty_since.get_or_insert_with(Instant::now);
        if since.elapsed() < STILL_FOR {
            return Some(STILL_FOR - since.elapsed());
        }
        self.dirty_since = None;
        let (tx, _) = self.worker.get_or_insert_with(|| {
            let (tx, rx) = channel::<Settings>();
            let dir = dir.to_path_buf();
            let worker = std::thread::spawn(move || {
                while let Ok(mut s) = rx.recv() {
                    // Only the latest settings matter.
                    while let Ok(newer) = rx.try_recv() {
                        s = newer;
                    }
                    if let Err(e) = s.save(&dir) {
                        report(format!(
                            "Could not save the settings in {}: {e}",
                            dir.display()
                        ));
                    }
                }
            });
            (tx, worker)
        });
        let _ = tx.send(settings.clone());
        // Marked saved now: a failure is reported, not retried every frame.
        self.saved = Some(settings.clone());
        None
    }

    /// Saves now, after any background save (at exit). An error is returned once; the same
    /// settings are not tried again.
    pub fn save_now(&mut self, settings: &Settings, dir: &Path) -> Result<(), String> {
        if let Some((tx, worker)) = self.worker.take() {
            drop(tx);
            let _ = worker.join();
        }
        if self.saved.as_ref() == Some(settings) {
            return Ok(());
        }
        self.saved = Some(settings.clone());
        settings
            .save(dir)
            .map_err(|e| format!("Could not save the settings in {}: {e}", dir.display()))
    }
}
