//! The desktop app: one window with the attack chart, the actor network, the source panels
//! and a details panel, all linked by one [`selection::Selection`].
//!
//! Flow per frame: views draw from the current [`selection::Highlights`] and push
//! [`selection::Command`]s; at the end of the frame the commands are applied, the highlights
//! and the view models (chart, network) are recomputed once if anything changed.

pub mod bench;
pub mod chart;
pub mod details;
pub mod loader;
pub mod network;
pub mod palette;
pub mod reader;
pub mod selection;
#[cfg(test)]
mod tests;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use proxylens::corpus::{LoadOptions, Stage};

use chart::{ChartModel, ChartSettings};
use loader::{Job, Loaded, Source};
use network::{NetworkModel, NetworkSettings, NetworkView};
use reader::{DocStats, ReaderState};
use selection::{Command, Highlights, Selection};

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

/// From this many documents on, the views are recomputed off the UI thread after a click.
const ASYNC_VIEWS_FROM: usize = 20_000;

/// Highlights and view models for one selection.
struct Views {
    highlights: Highlights,
    chart: ChartModel,
    network: NetworkModel,
    lit_edges: Vec<bool>,
}

fn compute_views(
    d: &Loaded,
    selection: &Selection,
    chart_settings: &ChartSettings,
    network_settings: &NetworkSettings,
) -> Views {
    let highlights = selection::highlights(selection, &d.analysis);
    let filter = selection.filter && !selection.items.is_empty();
    let hl = &highlights;
    let keep_inc = |id: proxylens::model::IncidentId| !filter || hl.incidents.contains(&id);
    let keep_tally = |i: usize| !filter || hl.docs.contains(&d.analysis.tallies[i].span.doc);
    let chart = ChartModel::build(
        &d.corpus,
        &d.lexicon,
        &d.analysis,
        chart_settings,
        &keep_inc,
        &keep_tally,
    );
    let keep_actor = |id: proxylens::model::ActorId| !filter || hl.actors.contains(&id);
    let network = NetworkModel::build(&d.analysis, network_settings, &keep_actor);
    let lit_edges = network::lit_edges(&network, &highlights, &d.analysis);
    Views {
        highlights,
        chart,
        network,
        lit_edges,
    }
}

/// The settings file in the data directory.
const SETTINGS_FILE: &str = "settings.json";

impl Settings {
    /// Reads the settings file; a missing or unreadable one gives the defaults.
    pub fn load(dir: &std::path::Path) -> Settings {
        std::fs::read(dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the settings file atomically (a temporary file renamed over it): a crash in
    /// the middle leaves the previous settings.
    pub fn save(&self, dir: &std::path::Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        proxylens::util::write_atomic(&dir.join(SETTINGS_FILE), &json)
    }
}

/// A count with thousands separators: 100,000.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A load's progress: the fraction done and what to say (stage, counts, time left).
fn progress_text(job: &Job) -> (f32, String) {
    let (done, total) = job.counts();
    let stage = job.progress.stage();
    if job.shown_stage.get().0 != stage {
        job.shown_stage.set((stage, std::time::Instant::now()));
    }
    let frac = if total > 0 {
        done as f32 / total as f32
    } else {
        0.0
    };
    let elapsed = job.shown_stage.get().1.elapsed().as_secs_f64();
    let left = if done > 0 && done < total && elapsed > 0.5 {
        format!(
            " · about {:.0} s left",
            (elapsed / done as f64 * (total - done) as f64).ceil()
        )
    } else {
        String::new()
    };
    let text = match stage {
        Stage::Listing => format!("Finding files: {}", thousands(total)),
        Stage::Reading => format!(
            "Reading {} of {} files{left}",
            thousands(done),
            thousands(total)
        ),
        Stage::Analysing => format!(
            "Analysing {} of {} documents{left}",
            thousands(done),
            thousands(total)
        ),
    };
    (frac, text)
}

/// Shortens text to `n` characters with an ellipsis, on one line.
pub fn shorten(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!(
            "{}…",
            one.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

/// What a background dialog or save produced.
enum Outcome {
    OpenFolder(PathBuf),
    ExportTo(PathBuf),
    PngTo(PathBuf, PngTarget),
    Message(String),
}

/// Which view a PNG is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PngTarget {
    /// The chart.
    Chart,
    /// The network.
    Network,
}

/// The app.
pub struct ProxyLensApp {
    /// Saved settings.
    pub settings: Settings,
    /// The loaded corpus and its analysis.
    pub data: Option<Arc<Loaded>>,
    /// A load in progress.
    pub job: Option<Job>,
    /// The selection.
    pub selection: Selection,
    /// What the selection lights up.
    pub highlights: Highlights,
    /// Commands from this frame's views.
    pub commands: Vec<Command>,
    /// Chart data.
    pub chart_model: ChartModel,
    /// Network data.
    pub network_model: NetworkModel,
    /// Network view state (layout, pan, zoom).
    pub network: NetworkView,
    /// Readers and document list.
    pub reader: ReaderState,
    /// Per-document counts.
    pub stats: Vec<DocStats>,
    /// A message for the status bar (errors, confirmations).
    pub status: String,
    /// How many times the view models were rebuilt (for the benchmark).
    pub rebuilds: u64,
    /// Where settings and the analysis cache live (None: nothing is written, as in tests).
    pub data_dir: Option<PathBuf>,
    saved_settings: Option<Settings>,
    /// The thread that writes settings (the latest wins), so the UI thread never waits on disk.
    settings_saver: Option<(
        std::sync::mpsc::Sender<Settings>,
        std::thread::JoinHandle<()>,
    )>,
    /// The watch on the opened folder.
    pub watch: Option<watch::FolderWatch>,
    /// A watch being set up (recursive watches walk the whole folder: off the UI thread).
    watch_setup: Option<(PathBuf, Receiver<Result<watch::FolderWatch, String>>)>,
    refresh_pending: bool,
    settings_dirty_since: Option<std::time::Instant>,
    first_frame_reported: bool,
    follow_pending: bool,
    outcomes: (std::sync::mpsc::Sender<Outcome>, Receiver<Outcome>),
    models_dirty: bool,
    /// Views being recomputed off the UI thread (large corpora): request number and result.
    pending_views: Option<(u64, Receiver<(u64, Views)>)>,
    views_requested: u64,
    /// From this many documents on, views are recomputed on a worker thread.
    pub async_views_from: usize,
    chart_drag: Option<f64>,
    /// Where the chart was drawn last frame (plot to screen).
    pub chart_transform: Option<egui_plot::PlotTransform>,
    chart_rect: egui::Rect,
    network_rect: egui::Rect,
    show_failed: bool,
}

impl ProxyLensApp {
    /// A new app with settings; nothing loaded yet.
    pub fn new(settings: Settings) -> Self {
        let mut reader = ReaderState::default();
        reader.side_by_side = settings.side_by_side;
        ProxyLensApp {
            settings,
            data: None,
            job: None,
            selection: Selection::default(),
            highlights: Highlights::default(),
            commands: Vec::new(),
            chart_model: ChartModel::default(),
            network_model: NetworkModel::default(),
            network: NetworkView::default(),
            reader,
            stats: Vec::new(),
            status: String::new(),
            rebuilds: 0,
            data_dir: None,
            saved_settings: None,
            settings_saver: None,
            watch: None,
            watch_setup: None,
            refresh_pending: false,
            settings_dirty_since: None,
            first_frame_reported: false,
            follow_pending: false,
            outcomes: channel(),
            models_dirty: true,
            pending_views: None,
            views_requested: 0,
            async_views_from: ASYNC_VIEWS_FROM,
            chart_drag: None,
            chart_transform: None,
            chart_rect: egui::Rect::NOTHING,
            network_rect: egui::Rect::NOTHING,
            show_failed: false,
        }
    }

    /// Creates the app from eframe: restores settings and starts loading the folder given on
    /// the command line, the last folder, or the bundled seeds.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, folder: Option<PathBuf>) -> Self {
        let data_dir = proxylens::util::data_dir();
        let settings = data_dir.as_deref().map(Settings::load).unwrap_or_default();
        let mut app = ProxyLensApp::new(settings);
        app.saved_settings = Some(app.settings.clone());
        app.data_dir = data_dir;
        let source = match folder.or_else(|| app.settings.last_folder.clone()) {
            Some(f) if f.is_dir() => Source::Folder(f),
            _ => Source::Seeds,
        };
        app.start_load(source, &cc.egui_ctx);
        app
    }

    /// Installs already loaded data (tests, benchmarks).
    pub fn set_data(&mut self, mut loaded: Loaded) {
        self.status = format!(
            "Opened {} in {:.2} s{}",
            loaded.source.label(),
            loaded.seconds,
            loaded
                .note
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
        let views = loaded.views.take();
        // Views being computed for the previous data would not fit the new.
        self.pending_views = None;
        self.data = Some(Arc::new(loaded));
        self.selection = Selection::default();
        self.reader.open = [None, None];
        self.network = NetworkView::default();
        match views {
            // Built on the loader thread for the settings still in force: nothing to redo.
            Some(v)
                if v.chart_settings == self.settings.chart
                    && v.network_settings == self.settings.network =>
            {
                self.stats = v.stats;
                self.chart_model = v.chart;
                self.network_model = v.network;
                self.highlights = Highlights::default();
                self.network.layout.sync(&self.network_model);
                self.models_dirty = false;
            }
            _ => {
                if let Some(d) = &self.data {
                    self.stats = reader::doc_stats(&d.corpus, &d.analysis);
                }
                self.models_dirty = true;
                self.rebuild();
            }
        }
    }

    /// Installs data reloaded after the folder changed: the documents open in the readers
    /// stay open (found again by path) and the network keeps its layout.
    pub fn set_data_refreshed(&mut self, loaded: Loaded) {
        let open_paths: Vec<Option<String>> = self
            .reader
            .open
            .iter()
            .map(|d| {
                let data = self.data.as_ref()?;
                let id = (*d)?;
                data.corpus.docs.get(id.index()).map(|x| x.rel_path.clone())
            })
            .collect();
        let changes = self.watch.as_ref().map_or(0, |w| w.changed);
        let network = std::mem::take(&mut self.network);
        let seconds = loaded.seconds;
        let note = loaded.note.clone();
        self.set_data(loaded);
        self.network = network;
        if let Some(d) = &self.data {
            for (slot, path) in open_paths.into_iter().enumerate() {
                self.reader.open[slot] =
                    path.and_then(|p| d.corpus.docs.iter().find(|x| x.rel_path == p).map(|x| x.id));
            }
        }
        self.status = format!(
            "Updated after {changes} change(s) in the folder, in {seconds:.2} s{}",
            note.map(|n| format!(" ({n})")).unwrap_or_default()
        );
        if let Some(w) = &mut self.watch {
            w.changed = 0;
        }
    }

    /// Follows the opened folder: starts a refresh once changes have settled.
    fn poll_watch(&mut self, ctx: &egui::Context) {
        // Watch the folder that is open (and only that one).
        let folder = match self.data.as_ref().map(|d| &d.source) {
            Some(Source::Folder(p)) => Some(p.clone()),
            _ => None,
        };
        if let Some((_, rx)) = &self.watch_setup
            && let Ok(w) = rx.try_recv()
        {
            self.watch_setup = None;
            match w {
                Ok(w) => self.watch = Some(w),
                Err(e) => self.status = e,
            }
        }
        let wanted = self
            .watch_setup
            .as_ref()
            .map(|(p, _)| p)
            .or(self.watch.as_ref().map(|w| &w.root));
        if wanted != folder.as_ref() {
            self.watch = None;
            self.watch_setup = folder.map(|f| {
                let (tx, rx) = channel();
                let (c, root) = (ctx.clone(), f.clone());
                std::thread::spawn(move || {
                    let c2 = c.clone();
                    let _ = tx.send(watch::FolderWatch::new(&root, move || c2.request_repaint()));
                    c.request_repaint();
                });
                (f, rx)
            });
        }
        let Some(w) = &mut self.watch else { return };
        match w.poll() {
            Ok(true) => self.refresh_pending = true,
            Ok(false) => {}
            Err(wait) if wait < std::time::Duration::MAX => ctx.request_repaint_after(wait),
            Err(_) => {}
        }
        if self.refresh_pending && self.job.is_none() {
            self.refresh_pending = false;
            let root = w.root.clone();
            self.start_load(Source::Folder(root), ctx);
            if let Some(j) = &mut self.job {
                j.refresh = true;
            }
        }
    }

    /// Starts loading in the background.
    pub fn start_load(&mut self, source: Source, ctx: &egui::Context) {
        if let Some(j) = &self.job {
            j.cancel();
        }
        let opts = LoadOptions {
            max_file_bytes: (self.settings.max_file_mb * 1e6) as u64,
            ..Default::default()
        };
        let ctx = ctx.clone();
        let cache = self
            .data_dir
            .as_ref()
            .map(|d| d.join(proxylens::cache::FILE_NAME));
        let views = (self.settings.chart.clone(), self.settings.network.clone());
        self.job = Some(Job::start(source, opts, cache, views, move || {
            ctx.request_repaint()
        }));
    }

    fn open_folder(&mut self, path: PathBuf, ctx: &egui::Context) {
        self.settings.recent.retain(|p| *p != path);
        self.settings.recent.insert(0, path.clone());
        self.settings.recent.truncate(10);
        self.start_load(Source::Folder(path), ctx);
    }

    fn pick_folder(&self) {
        let tx = self.outcomes.0.clone();
        std::thread::spawn(move || {
            if let Some(p) = rfd::FileDialog::new()
                .set_title("Open a folder of articles")
                .pick_folder()
            {
                let _ = tx.send(Outcome::OpenFolder(p));
            }
        });
    }

    fn pick_save(
        &self,
        name: &str,
        ext: &str,
        make: impl FnOnce(PathBuf) -> Outcome + Send + 'static,
    ) {
        let tx = self.outcomes.0.clone();
        let (name, ext) = (name.to_string(), ext.to_string());
        std::thread::spawn(move || {
            if let Some(p) = rfd::FileDialog::new()
                .set_file_name(&name)
                .add_filter(&ext, &[ext.as_str()])
                .save_file()
            {
                let _ = tx.send(make(p));
            }
        });
    }

    /// Recomputes highlights and view models (after a selection or settings change), here and
    /// now.
    pub fn rebuild(&mut self) {
        let Some(d) = self.data.clone() else { return };
        self.rebuilds += 1;
        let v = compute_views(
            &d,
            &self.selection,
            &self.settings.chart,
            &self.settings.network,
        );
        self.install_views(v);
    }

    fn install_views(&mut self, v: Views) {
        self.highlights = v.highlights;
        self.chart_model = v.chart;
        self.network_model = v.network;
        self.network
            .prime_lit(&self.highlights, &self.network_model, v.lit_edges);
        self.network.layout.sync(&self.network_model);
        self.models_dirty = false;
    }

    /// Recomputes the views: at once for a corpus of ordinary size, on a worker thread for a
    /// large one (the old views stay until the new ones are ready, so frames keep coming).
    fn rebuild_views(&mut self, ctx: &egui::Context) {
        let Some(d) = self.data.clone() else { return };
        if d.corpus.docs.len() < self.async_views_from {
            self.rebuild();
            self.follow_selection();
            ctx.request_repaint();
            return;
        }
        self.models_dirty = false;
        self.rebuilds += 1;
        self.views_requested += 1;
        let id = self.views_requested;
        let (tx, rx) = channel();
        let (sel, cs, ns, c) = (
            self.selection.clone(),
            self.settings.chart.clone(),
            self.settings.network.clone(),
            ctx.clone(),
        );
        std::thread::spawn(move || {
            let _ = tx.send((id, compute_views(&d, &sel, &cs, &ns)));
            c.request_repaint();
        });
        self.pending_views = Some((id, rx));
    }

    /// Whether views are being recomputed in the background.
    pub fn views_pending(&self) -> bool {
        self.pending_views.is_some()
    }

    fn poll_views(&mut self) {
        let Some((id, rx)) = &self.pending_views else {
            return;
        };
        match rx.try_recv() {
            Ok((got, v)) if got == *id => {
                self.pending_views = None;
                self.install_views(v);
                self.follow_selection();
            }
            Ok(_) => {}
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending_views = None,
        }
    }

    /// Applies this frame's commands.
    pub fn apply_commands(&mut self) {
        if self.commands.is_empty() {
            return;
        }
        let cmds = std::mem::take(&mut self.commands);
        let before = self.selection.clone();
        for c in &cmds {
            match c {
                Command::Open { doc, at, second } => {
                    let i = usize::from(*second && self.reader.side_by_side);
                    self.reader.open[i] = Some(*doc);
                    self.reader.scroll_to[i] = at.or_else(|| {
                        // Scroll to the first highlight of the selection in that document.
                        self.highlights
                            .spans
                            .iter()
                            .find(|s| s.doc == *doc)
                            .copied()
                    });
                }
                other => selection::apply(&mut self.selection, other),
            }
        }
        if self.selection != before {
            self.models_dirty = true;
            self.follow_pending = !self.selection.items.is_empty();
        }
    }

    /// After a new selection: if the reader shows none of it, open the first document that
    /// has its evidence, at the first highlight.
    fn follow_selection(&mut self) {
        if !std::mem::take(&mut self.follow_pending) {
            return;
        }
        let hl = &self.highlights;
        if hl.docs.is_empty() || self.reader.open[0].is_some_and(|d| hl.docs.contains(&d)) {
            return;
        }
        let target = hl.evidence.first().or(hl.spans.first()).copied();
        if let Some(span) = target {
            self.reader.open[0] = Some(span.doc);
            self.reader.scroll_to[0] = Some(span);
        } else if let Some(&d) = hl.docs.iter().next() {
            self.reader.open[0] = Some(d);
        }
    }

    /// Saves changed settings once they have been still for a second.
    fn autosave_settings(&mut self, ctx: &egui::Context) {
        if self.data_dir.is_none() || self.saved_settings.as_ref() == Some(&self.settings) {
            self.settings_dirty_since = None;
            return;
        }
        let since = *self
            .settings_dirty_since
            .get_or_insert_with(std::time::Instant::now);
        if since.elapsed() >= std::time::Duration::from_secs(1) {
            self.save_settings_in_background();
            self.settings_dirty_since = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    /// Hands the settings to the saver thread (started on first use); a failure comes back
    /// as a status message.
    fn save_settings_in_background(&mut self) {
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        if self.saved_settings.as_ref() == Some(&self.settings) {
            return;
        }
        let (tx, _) = self.settings_saver.get_or_insert_with(|| {
            let (tx, rx) = channel::<Settings>();
            let outcomes = self.outcomes.0.clone();
            let worker = std::thread::spawn(move || {
                while let Ok(mut s) = rx.recv() {
                    // Only the latest settings matter.
                    while let Ok(newer) = rx.try_recv() {
                        s = newer;
                    }
                    if let Err(e) = s.save(&dir) {
                        let _ = outcomes.send(Outcome::Message(format!(
                            "Could not save the settings in {}: {e}",
                            dir.display()
                        )));
                    }
                }
            });
            (tx, worker)
        });
        let _ = tx.send(self.settings.clone());
        // Marked saved now: a failure is reported, not retried every frame.
        self.saved_settings = Some(self.settings.clone());
    }

    /// Saves the settings now, after any background save (at exit).
    pub fn save_settings(&mut self) {
        if let Some((tx, worker)) = self.settings_saver.take() {
            drop(tx);
            let _ = worker.join();
        }
        let Some(dir) = &self.data_dir else { return };
        if self.saved_settings.as_ref() == Some(&self.settings) {
            return;
        }
        match self.settings.save(dir) {
            Ok(()) => self.saved_settings = Some(self.settings.clone()),
            Err(e) => {
                self.status = format!("Could not save the settings in {}: {e}", dir.display());
                // Do not retry every frame.
                self.saved_settings = Some(self.settings.clone());
            }
        }
    }

    fn poll_job(&mut self) {
        let Some(job) = &self.job else { return };
        if let Some(result) = job.poll() {
            let source = job.source.clone();
            let refresh = job.refresh;
            self.job = None;
            match result {
                Ok(loaded) if refresh => self.set_data_refreshed(loaded),
                Ok(loaded) => {
                    self.settings.last_folder = match &loaded.source {
                        Source::Folder(p) => Some(p.clone()),
                        _ => self
                            .settings
                            .last_folder
                            .clone()
                            .filter(|_| !matches!(loaded.source, Source::Seeds)),
                    };
                    self.set_data(loaded);
                }
                Err(e) if e == "cancelled" => {
                    self.status = format!("Cancelled opening {}", source.label())
                }
                Err(e) => self.status = format!("Could not open {}: {e}", source.label()),
            }
        }
    }

    fn poll_outcomes(&mut self, ctx: &egui::Context) {
        while let Ok(o) = self.outcomes.1.try_recv() {
            match o {
                Outcome::OpenFolder(p) => self.open_folder(p, ctx),
                Outcome::ExportTo(p) => {
                    if let Some(d) = self.data.clone() {
                        let tx = self.outcomes.0.clone();
                        std::thread::spawn(move || {
                            let msg = match proxylens::export::write(
                                &p,
                                &d.corpus,
                                &d.lexicon,
                                &d.analysis,
                            ) {
                                Ok(()) => format!("Exported {}", p.display()),
                                Err(e) => format!("Export failed: {e}"),
                            };
                            let _ = tx.send(Outcome::Message(msg));
                        });
                    }
                }
                Outcome::PngTo(path, target) => {
                    let rect = match target {
                        PngTarget::Chart => self.chart_rect,
                        PngTarget::Network => self.network_rect,
                    };
                    let ppp = ctx.pixels_per_point();
                    let tx = self.outcomes.0.clone();
                    let wake = ctx.clone();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                        egui::ScreenshotCallback::new(move |image| {
                            let msg = match save_png(&image, rect, ppp, &path) {
                                Ok(()) => format!("Saved {}", path.display()),
                                Err(e) => format!("Could not save {}: {e}", path.display()),
                            };
                            let _ = tx.send(Outcome::Message(msg));
                            wake.request_repaint();
                        }),
                    ));
                }
                Outcome::Message(m) => self.status = m,
            }
        }
    }

    /// Draws the whole app into `ui` (also used by the tests).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_job();
        self.poll_views();
        self.poll_outcomes(&ctx);
        self.poll_watch(&ctx);
        self.autosave_settings(&ctx);
        self.handle_input(&ctx);
        self.top_bar(ui);
        self.status_bar(ui);
        let Some(d) = self.data.clone() else {
            egui::CentralPanel::default().show(ui, |ui| match &self.job {
                Some(job) => {
                    ui.add_space(ui.available_height() * 0.35);
                    ui.vertical_centered(|ui| {
                        ui.heading(format!("Opening {}", job.source.label()));
                        ui.add_space(8.0);
                        let (frac, text) = progress_text(job);
                        ui.add(egui::ProgressBar::new(frac).text(text).desired_width(480.0));
                        ui.add_space(4.0);
                        ui.weak(
                            "Files opened before are taken from the analysis cache; \
                             the rest are read and analysed on every core.",
                        );
                        ui.add_space(8.0);
                        if ui.button("Cancel").clicked() {
                            job.cancel();
                        }
                    });
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.heading(
                            "Open a folder of articles (File > Open folder…, Ctrl+O) or drop it here.",
                        )
                    });
                }
            });
            return;
        };
        // Startup benchmark: PROXYLENS_EXIT_AFTER_FIRST_FRAME=1 reports when the first frame with
        // the articles is drawn, then quits.
        if std::env::var_os("PROXYLENS_EXIT_AFTER_FIRST_FRAME").is_some()
            && !self.first_frame_reported
        {
            self.first_frame_reported = true;
            if let Some(t) = crate::STARTED.get() {
                println!(
                    "first frame with {} documents after {:.0} ms",
                    d.corpus.docs.len(),
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        egui::Panel::left("side")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=600.0)
            .show(ui, |ui| {
                egui::Panel::bottom("details")
                    .resizable(true)
                    .default_size(ui.available_height() * 0.45)
                    .size_range(120.0..=1200.0)
                    .show(ui, |ui| {
                        details::details_ui(
                            ui,
                            &self.selection,
                            &self.highlights,
                            &d.corpus,
                            &d.lexicon,
                            &d.analysis,
                            &mut self.commands,
                        );
                    });
                if !d.corpus.failed.is_empty() {
                    ui.horizontal(|ui| {
                        ui.colored_label(
                            palette::WARN,
                            format!("{} file(s) skipped", d.corpus.failed.len()),
                        );
                        ui.toggle_value(&mut self.show_failed, "show");
                    });
                    if self.show_failed {
                        egui::ScrollArea::vertical()
                            .id_salt("failed")
                            .max_height(140.0)
                            .show(ui, |ui| {
                                for f in &d.corpus.failed {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("{} — {}", f.file, f.reason))
                                                .small(),
                                        )
                                        .wrap(),
                                    );
                                }
                            });
                    }
                    ui.separator();
                }
                if !d.lexicon.issues.is_empty() {
                    ui.colored_label(
                        palette::WARN,
                        format!("{} lexicon issue(s)", d.lexicon.issues.len()),
                    )
                    .on_hover_text(
                        d.lexicon
                            .issues
                            .iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
                reader::doc_list_ui(
                    ui,
                    &mut self.reader,
                    &d.corpus,
                    &d.analysis,
                    &self.stats,
                    &self.highlights,
                    self.selection.filter,
                    &mut self.commands,
                );
            });
        if d.corpus.docs.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(60.0);
                    ui.heading("No articles here");
                    ui.label(format!("{} holds no .txt, .md or .html files that could be read.", d.source.label()));
                    ui.label("Open another folder (Ctrl+O), drop one on this window, or go back to the bundled seed articles.");
                    if ui.button("Open the seed articles").clicked() {
                        self.start_load(Source::Seeds, &ctx);
                    }
                });
            });
            return;
        }
        egui::Panel::top("chart")
            .resizable(true)
            .default_size((ui.available_height() * 0.45).max(250.0))
            .size_range(160.0..=900.0)
            .show(ui, |ui| {
                self.chart_rect = ui.max_rect();
                if chart::chart_ui(
                    ui,
                    &self.chart_model,
                    &mut self.settings.chart,
                    &self.highlights,
                    &d.analysis,
                    &d.corpus,
                    &mut self.commands,
                    &mut self.chart_drag,
                    &mut self.chart_transform,
                ) {
                    self.models_dirty = true;
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            // Network | reader, with a draggable divider.
            let full = ui.available_rect_before_wrap();
            let x = full.left() + full.width() * self.settings.split;
            let handle = egui::Rect::from_min_max(
                egui::pos2(x - 3.0, full.top()),
                egui::pos2(x + 3.0, full.bottom()),
            );
            let r = ui
                .interact(handle, ui.scope_id().with("split"), egui::Sense::drag())
                .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
            if r.dragged() {
                self.settings.split = (self.settings.split
                    + r.drag_delta().x / full.width().max(1.0))
                .clamp(0.2, 0.8);
            }
            ui.painter().vline(
                x,
                full.y_range(),
                ui.visuals().widgets.noninteractive.bg_stroke,
            );
            let left = egui::Rect::from_min_max(full.min, egui::pos2(x - 4.0, full.bottom()));
            let right = egui::Rect::from_min_max(egui::pos2(x + 6.0, full.top()), full.max);
            self.network_rect = left;
            let mut lui = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(left)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            lui.set_clip_rect(left.intersect(ui.clip_rect()));
            if network::network_ui(
                &mut lui,
                &mut self.network,
                &self.network_model,
                &mut self.settings.network,
                &self.highlights,
                &d.analysis,
                &mut self.commands,
            ) {
                self.models_dirty = true;
            }
            let mut rui = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(right)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            rui.set_clip_rect(right.intersect(ui.clip_rect()));
            self.reader.side_by_side = self.settings.side_by_side;
            reader::reader_ui(
                &mut rui,
                &mut self.reader,
                &d.corpus,
                &d.lexicon,
                &d.analysis,
                &self.highlights,
                &mut self.commands,
            );
            self.settings.side_by_side = self.reader.side_by_side;
            ui.allocate_rect(full, egui::Sense::hover());
        });
        self.apply_commands();
        if self.models_dirty {
            self.rebuild_views(&ctx);
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
            self.pick_folder();
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input() {
            self.commands.push(Command::Clear);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            if dropped.len() == 1 && dropped[0].is_dir() {
                self.open_folder(dropped[0].clone(), ctx);
            } else {
                let files: Vec<PathBuf> = dropped.into_iter().filter(|p| p.is_file()).collect();
                if !files.is_empty() {
                    self.start_load(Source::Files(files), ctx);
                }
            }
        }
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    if ui
                        .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+O"))
                        .clicked()
                    {
                        self.pick_folder();
                        ui.close();
                    }
                    ui.menu_button("Open recent", |ui| {
                        if self.settings.recent.is_empty() {
                            ui.weak("No recent folders");
                        }
                        for p in self.settings.recent.clone() {
                            if ui.button(p.display().to_string()).clicked() {
                                self.open_folder(p, &ctx);
                                ui.close();
                            }
                        }
                    });
                    if ui.button("Open the seed articles").clicked() {
                        self.start_load(Source::Seeds, &ctx);
                        ui.close();
                    }
                    ui.separator();
                    let has = self.data.is_some();
                    if ui
                        .add_enabled(has, egui::Button::new("Export JSON…"))
                        .clicked()
                    {
                        self.pick_save("proxylens-export.json", "json", Outcome::ExportTo);
                        ui.close();
                    }
                    if ui
                        .add_enabled(has, egui::Button::new("Save chart as PNG…"))
                        .clicked()
                    {
                        self.pick_save("attack-chart.png", "png", |p| {
                            Outcome::PngTo(p, PngTarget::Chart)
                        });
                        ui.close();
                    }
                    if ui
                        .add_enabled(has, egui::Button::new("Save network as PNG…"))
                        .clicked()
                    {
                        self.pick_save("actor-network.png", "png", |p| {
                            Outcome::PngTo(p, PngTarget::Network)
                        });
                        ui.close();
                    }
                    ui.separator();
                    if ui.button("Quit").clicked() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button("Selection", |ui| {
                    let has = !self.selection.items.is_empty();
                    let mut f = self.selection.filter;
                    if ui
                        .add_enabled(
                            has,
                            egui::Checkbox::new(&mut f, "Filter every view to the selection"),
                        )
                        .changed()
                    {
                        self.commands.push(Command::SetFilter(f));
                    }
                    if ui
                        .add_enabled(has, egui::Button::new("Clear (Esc)"))
                        .clicked()
                    {
                        self.commands.push(Command::Clear);
                        ui.close();
                    }
                });
                ui.separator();
                ui.label(RichText::new("ProxyLens").strong());
                if let Some(d) = &self.data {
                    ui.weak(shorten(&d.source.label(), 60));
                }
            });
            // Breadcrumbs: the selection and the filter.
            if let Some(d) = self.data.clone()
                && !self.selection.items.is_empty()
            {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Selected:");
                    for item in self.selection.items.clone() {
                        let label = details::describe(&item, &d.corpus, &d.lexicon, &d.analysis);
                        if ui
                            .button(format!("{label}  x"))
                            .on_hover_text("Remove from the selection")
                            .clicked()
                        {
                            self.commands.push(Command::Remove(item));
                        }
                    }
                    let mut f = self.selection.filter;
                    if ui
                        .toggle_value(&mut f, "Filter to selection")
                        .on_hover_text(
                            "Narrow the chart, network and document list to the selection",
                        )
                        .changed()
                    {
                        self.commands.push(Command::SetFilter(f));
                    }
                    if ui.button("Clear").on_hover_text("Esc").clicked() {
                        self.commands.push(Command::Clear);
                    }
                    if self.pending_views.is_some() {
                        ui.spinner();
                        ui.weak("updating the views…");
                    }
                });
            }
            // (With nothing shown yet, the progress sits in the middle of the window.)
            if let Some(job) = self.job.as_ref().filter(|_| self.data.is_some()) {
                let (frac, text) = progress_text(job);
                let mut cancel = false;
                ui.horizontal(|ui| {
                    ui.add(
                        egui::ProgressBar::new(frac)
                            .text(text)
                            .desired_width(ui.available_width() - 90.0),
                    );
                    cancel = ui.button("Cancel").clicked();
                });
                if cancel {
                    job.cancel();
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.weak(&self.status);
            });
        });
    }
}

impl eframe::App for ProxyLensApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self) {
        self.save_settings();
    }
}

fn save_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    ppp: f32,
    path: &std::path::Path,
) -> Result<(), String> {
    let [w, h] = image.size;
    let x0 = ((rect.min.x * ppp).max(0.0) as usize).min(w);
    let y0 = ((rect.min.y * ppp).max(0.0) as usize).min(h);
    let x1 = ((rect.max.x * ppp) as usize).clamp(x0, w);
    let y1 = ((rect.max.y * ppp) as usize).clamp(y0, h);
    let (cw, ch) = (x1 - x0, y1 - y0);
    if cw == 0 || ch == 0 {
        return Err("the view is not visible".into());
    }
    let mut rgba = Vec::with_capacity(cw * ch * 4);
    for y in y0..y1 {
        for x in x0..x1 {
            rgba.extend_from_slice(&image.pixels[y * w + x].to_array());
        }
    }
    let mut buf = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut buf, cw as u32, ch as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgba).map_err(|e| e.to_string())?;
    }
    proxylens::util::write_atomic(path, &buf).map_err(|e| e.to_string())
}

/// The window icon, from `assets/icon.png`.
pub fn icon() -> Option<egui::IconData> {
    let bytes: &[u8] = include_bytes!("../../assets/icon.png");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgba {
        return None;
    }
    buf.truncate(info.buffer_size());
    Some(egui::IconData {
        rgba: buf,
        width: info.width,
        height: info.height,
    })
}

#[cfg(test)]
impl ProxyLensApp {
    /// Where the bar of chart bin `i` was drawn last frame (its middle), if visible.
    pub fn bar_screen_pos(&self, i: usize) -> Option<egui::Pos2> {
        let t = self.chart_transform.as_ref()?;
        let b = self.chart_model.bins.get(i)?;
        let x = (b.start + b.end) as f64 / 2.0;
        Some(t.position_from_point(&egui_plot::PlotPoint::new(x, b.total() as f64 / 2.0)))
    }

    /// Where an actor's node was drawn last frame, if shown.
    pub fn node_screen_pos(&self, id: proxylens::model::ActorId) -> Option<egui::Pos2> {
        let p = self.network.layout.position(id)?;
        let rect = self.network.canvas;
        Some(rect.center() + self.network.layout.offset + p * self.network.layout.zoom)
    }
}
