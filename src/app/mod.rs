//! The desktop app: one window with the attack chart, the actor network, the source panels
//! and a details panel, all linked by one [`selection::Selection`].
//!
//! One frame, in order ([`ProxyLensApp::show`]):
//! 1. take in what background work finished ([`loader`], [`view_models`], [`dialogs`],
//!    [`watch`], [`settings`]);
//! 2. draw the menus ([`menus`]) and the panels ([`panels`]): each view ([`chart`],
//!    [`network`], [`documents`], [`reader`], [`details`]) draws from the current highlights
//!    and reports what the user did as [`commands::Command`]s, changing nothing else;
//! 3. apply the commands in the one central step ([`commands`]);
//! 4. recompute the highlights and view models once if the selection or a setting changed.

pub mod bench;
pub mod chart;
pub mod chart_axes;
pub mod commands;
pub mod details;
pub mod dialogs;
pub mod documents;
pub mod graph_layout;
pub mod loader;
pub mod menus;
pub mod network;
pub mod network_mesh;
pub mod palette;
pub mod panels;
pub mod reader;
pub mod selection;
pub mod settings;
#[cfg(test)]
mod tests;
pub mod view_models;
#[cfg(test)]
mod view_tests;
pub mod watch;
pub mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;

use proxylens::corpus::{LoadError, LoadOptions};

use chart::ChartModel;
use commands::Command;
use dialogs::{Dialogs, Outcome, PngTarget};
use documents::{DocList, DocStats};
use loader::{Job, Loaded, Source};
use network::{NetworkModel, NetworkView};
use reader::ReaderState;
use selection::{Highlights, Selection};
use settings::{Settings, SettingsSaver};
use view_models::{ASYNC_VIEWS_FROM, Recompute};
use watch::Watching;

pub use dialogs::icon;
pub use widgets::shorten;

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
    /// Commands from this frame's views and menus.
    pub commands: Vec<Command>,
    /// Chart data.
    pub chart_model: ChartModel,
    /// Network data.
    pub network_model: NetworkModel,
    /// Per edge of the network: whether the selection lights it.
    pub lit_edges: Vec<bool>,
    /// Network view state (layout, pan, zoom).
    pub network: NetworkView,
    /// Chart view state (a drag in progress, where it was drawn).
    pub chart: panels::ChartView,
    /// The readers.
    pub reader: ReaderState,
    /// The document list.
    pub doc_list: DocList,
    /// Per-document counts.
    pub stats: Vec<DocStats>,
    /// A message for the status bar (errors, confirmations).
    pub status: String,
    /// How many times the view models were rebuilt (for the benchmark).
    pub rebuilds: u64,
    /// Where settings and the analysis cache live (None: nothing is written, as in tests).
    pub data_dir: Option<PathBuf>,
    /// The watch on the opened folder.
    pub watch: Watching,
    /// From this many documents on, views are recomputed on a worker thread.
    pub async_views_from: usize,
    saver: SettingsSaver,
    dialogs: Dialogs,
    recompute: Recompute,
    models_dirty: bool,
    follow_pending: bool,
    first_frame_reported: bool,
    network_rect: egui::Rect,
    show_failed: bool,
}

impl ProxyLensApp {
    /// A new app with settings; nothing loaded yet.
    pub fn new(settings: Settings) -> Self {
        ProxyLensApp {
            settings,
            data: None,
            job: None,
            selection: Selection::default(),
            highlights: Highlights::default(),
            commands: Vec::new(),
            chart_model: ChartModel::default(),
            network_model: NetworkModel::default(),
            lit_edges: Vec::new(),
            network: NetworkView::default(),
            chart: panels::ChartView::default(),
            reader: ReaderState::default(),
            doc_list: DocList::default(),
            stats: Vec::new(),
            status: String::new(),
            rebuilds: 0,
            data_dir: None,
            watch: Watching::default(),
            async_views_from: ASYNC_VIEWS_FROM,
            saver: SettingsSaver::default(),
            dialogs: Dialogs::default(),
            recompute: Recompute::default(),
            models_dirty: true,
            follow_pending: false,
            first_frame_reported: false,
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
        app.saver = SettingsSaver::saved(&app.settings);
        app.data_dir = data_dir;
        let source = match folder.or_else(|| app.settings.last_folder.clone()) {
            Some(f) if f.is_dir() => Source::Folder(f),
            _ => Source::Seeds,
        };
        app.start_load(source, &cc.egui_ctx);
        app
    }

    /// Installs loaded data; the selection is kept where its items are found in it (a folder
    /// read again keeps what was selected), and the readers keep their documents (by path).
    pub fn set_data(&mut self, loaded: Loaded) {
        let status = format!(
            "Opened {} in {:.2} s{}",
            loaded.source.label(),
            loaded.seconds,
            loaded
                .note
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
        let dropped = self.install_data(loaded);
        self.status = status + &dropped_note(dropped);
    }

    /// Installs data, keeping what of the selection and the readers it still has; returns how
    /// many selected items it does not have.
    fn install_data(&mut self, mut loaded: Loaded) -> usize {
        let open_paths: Vec<Option<String>> = self
            .reader
            .open
            .iter()
            .map(|d| {
                let data = self.data.as_ref()?;
                data.corpus
                    .docs
                    .get((*d)?.index())
                    .map(|x| x.rel_path.clone())
            })
            .collect();
        let views = loaded.views.take();
        // Views being computed for the previous data would not fit the new.
        self.drop_pending_views();
        let dropped = self
            .selection
            .retain_resolvable(&loaded.corpus, &loaded.analysis);
        let corpus = &loaded.corpus;
        self.reader.open = [0, 1].map(|i| {
            open_paths[i]
                .as_deref()
                .and_then(|p| selection::doc_by_path(corpus, p))
        });
        self.reader.scroll_to = [None, None];
        if self.reader.open[0].is_none() {
            self.reader.open[0] = corpus.docs.first().map(|d| d.id);
        }
        let d = Arc::new(loaded);
        self.data = Some(d.clone());
        match views {
            // Built on the loader thread for the settings still in force, with nothing
            // selected: nothing to redo.
            Some(v)
                if v.chart_settings == self.settings.chart
                    && v.network_settings == self.settings.network
                    && self.selection.items.is_empty() =>
            {
                self.stats = v.stats;
                self.chart_model = v.chart;
                self.network_model = v.network;
                self.highlights = Highlights::default();
                self.lit_edges = vec![false; self.network_model.edges.len()];
                self.network.layout.sync(&self.network_model);
                self.models_dirty = false;
            }
            _ => {
                self.stats = documents::doc_stats(&d.corpus, &d.analysis);
                self.models_dirty = true;
                self.rebuild();
            }
        }
        dropped
    }

    /// Installs data reloaded after the folder changed: as [`Self::set_data`], and the
    /// network keeps its layout.
    pub fn set_data_refreshed(&mut self, loaded: Loaded) {
        let changes = self.watch.changed();
        let network = std::mem::take(&mut self.network);
        let (seconds, note) = (loaded.seconds, loaded.note.clone());
        let dropped = self.install_data(loaded);
        self.network = network;
        self.network.layout.sync(&self.network_model);
        self.status = format!(
            "Updated after {changes} change(s) in the folder, in {seconds:.2} s{}{}",
            note.map(|n| format!(" ({n})")).unwrap_or_default(),
            dropped_note(dropped)
        );
        self.watch.reset_changed();
    }

    /// Follows the opened folder: starts a refresh once changes have settled.
    fn poll_watch(&mut self, ctx: &egui::Context) {
        let folder = match self.data.as_ref().map(|d| &d.source) {
            Some(Source::Folder(p)) => Some(p.clone()),
            _ => None,
        };
        match self
            .watch
            .follow(folder.as_deref(), self.job.is_none(), ctx)
        {
            Ok(Some(root)) => {
                self.start_load(Source::Folder(root), ctx);
                if let Some(j) = &mut self.job {
                    j.refresh = true;
                }
            }
            Ok(None) => {}
            Err(e) => self.status = e,
        }
    }

    /// Starts loading in the background (a load in progress is cancelled).
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

    /// Saves the settings now, after any background save (at exit).
    pub fn save_settings(&mut self) {
        let Some(dir) = &self.data_dir else { return };
        if let Err(e) = self.saver.save_now(&self.settings, dir) {
            self.status = e;
        }
    }

    fn autosave_settings(&mut self, ctx: &egui::Context) {
        let Some(dir) = &self.data_dir else { return };
        if let Some(wait) = self
            .saver
            .autosave(&self.settings, dir, self.dialogs.messenger())
        {
            ctx.request_repaint_after(wait);
        }
    }

    fn poll_job(&mut self) {
        let Some(job) = &self.job else { return };
        let Some(result) = job.poll() else { return };
        let (source, refresh) = (job.source.clone(), job.refresh);
        self.job = None;
        match result {
            Ok(loaded) if refresh => self.set_data_refreshed(loaded),
            Ok(loaded) => {
                // A new folder starts with nothing selected.
                let same = self.data.as_ref().map(|d| &d.source) == Some(&loaded.source);
                if !same {
                    self.selection.clear();
                    self.reader.open = [None, None];
                    self.network = NetworkView::default();
                }
                self.settings.last_folder = match &loaded.source {
                    Source::Folder(p) => Some(p.clone()),
                    Source::Seeds => None,
                    Source::Files(_) => self.settings.last_folder.clone(),
                };
                self.set_data(loaded);
            }
            Err(LoadError::Cancelled) => {
                self.status = format!("Cancelled opening {}", source.label())
            }
            Err(e) => self.status = format!("Could not open {}: {e}", source.label()),
        }
    }

    fn poll_outcomes(&mut self, ctx: &egui::Context) {
        while let Some(o) = self.dialogs.poll() {
            match o {
                Outcome::OpenFolder(p) => self.open_folder(p, ctx),
                Outcome::ExportTo(p) => {
                    if let Some(d) = self.data.clone() {
                        self.dialogs.export(d, p);
                    }
                }
                Outcome::PngTo(path, target) => {
                    let rect = match target {
                        PngTarget::Chart => self.chart.rect,
                        PngTarget::Network => self.network_rect,
                    };
                    self.dialogs.save_png(ctx, rect, path);
                }
                Outcome::Message(m) => self.status = m,
            }
        }
    }

    /// Draws the whole app into `ui` (also used by the tests): one frame, in the order of
    /// the module doc.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_job();
        self.poll_views();
        self.poll_outcomes(&ctx);
        self.poll_watch(&ctx);
        self.autosave_settings(&ctx);
        panels::handle_input(self, &ctx);
        menus::top_bar(self, ui);
        menus::status_bar(self, ui);
        panels::panels(self, ui);
        self.apply_commands(&ctx);
        if self.models_dirty && self.data.is_some() {
            self.rebuild_views(&ctx);
        }
    }
}

/// What the status line says of selected items a reload no longer has.
fn dropped_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "; 1 selected item is no longer there".into(),
        n => format!("; {n} selected items are no longer there"),
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

#[cfg(test)]
impl ProxyLensApp {
    /// Where the bar of chart bin `i` was drawn last frame (its middle), if visible.
    pub fn bar_screen_pos(&self, i: usize) -> Option<egui::Pos2> {
        let t = self.chart.transform.as_ref()?;
        let b = self.chart_model.bins.get(i)?;
        let x = (b.start + b.end) as f64 / 2.0;
        Some(t.position_from_point(&egui_plot::PlotPoint::new(x, b.total() as f64 / 2.0)))
    }

    /// Where an actor's node was drawn last frame, if shown.
    pub fn node_screen_pos(&self, id: proxylens::model::ActorId) -> Option<egui::Pos2> {
        self.network.node_on_screen(id).map(|(centre, _)| centre)
    }
}
