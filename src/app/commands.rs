//! What views and menus ask for, and the one step that applies it.
//!
//! While a frame is drawn, every view, menu and key handler pushes [`Command`]s; none of them
//! changes the selection, the settings or what the reader shows. Between frames
//! [`ProxyLensApp::apply_commands`] applies them in order: it owns the click rule
//! (Shift/Ctrl adds to the selection), turns what was clicked into a stable
//! [`Item`](super::selection::Item), decides which reader opens a document, and marks the
//! view models for recomputation when the selection or a setting they depend on changed.

use std::path::PathBuf;

use proxylens::model::{DocId, Span};
use proxylens::open::Source;

use super::ProxyLensApp;
use super::chart::ChartSettings;
use super::dialogs::PngTarget;
use super::network::NetworkSettings;
use super::selection::{Item, Target};

/// Something a view or a menu asks for; applied between frames.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A click on something: it becomes the selection, or with Shift/Ctrl held it is added
    /// to the selection (or taken out if it was in it).
    Select(Target),
    /// Drop one item from the selection (a breadcrumb's ×).
    Remove(Item),
    /// Clear the selection and the filter.
    Clear,
    /// Narrow every view to the selection, or widen again.
    SetFilter(bool),
    /// Show a document in a reader, scrolled to a span (or to the selection's first mark in
    /// it). In the second reader when `second` or Alt is held, with two readers shown.
    OpenDoc {
        /// The document.
        doc: DocId,
        /// Where to scroll.
        at: Option<Span>,
        /// In the second (side-by-side) reader.
        second: bool,
    },
    /// New chart settings.
    SetChart(ChartSettings),
    /// New network settings.
    SetNetwork(NetworkSettings),
    /// One reader, or two side by side.
    SetSideBySide(bool),
    /// The share of the lower area given to the network.
    SetSplit(f32),
    /// Open something (a folder, the seeds, dropped files).
    Load(Source),
    /// Open a folder and remember it among the recent ones.
    LoadFolder(PathBuf),
    /// Stop the load in progress.
    CancelLoad,
    /// Ask for a folder to open (a dialog off the UI thread).
    PickFolder,
    /// Ask where to write the JSON export.
    PickExport,
    /// Ask where to save a view as PNG.
    PickPng(PngTarget),
}

/// Whether two network settings give different network models (labels and the legend only
/// change the drawing).
fn network_model_differs(a: &NetworkSettings, b: &NetworkSettings) -> bool {
    a.max_nodes != b.max_nodes
        || a.min_weight != b.min_weight
        || a.hidden_edges != b.hidden_edges
        || a.hidden_kinds != b.hidden_kinds
}

impl ProxyLensApp {
    /// The one central step: applies this frame's commands (see the module doc).
    pub fn apply_commands(&mut self, ctx: &egui::Context) {
        if self.commands.is_empty() {
            return;
        }
        let cmds = std::mem::take(&mut self.commands);
        let (add, alt) = ctx.input(|i| (i.modifiers.shift || i.modifiers.command, i.modifiers.alt));
        let before = self.selection.clone();
        for c in cmds {
            match c {
                Command::Select(t) => {
                    if let Some(d) = &self.data {
                        let item = Item::of(t, &d.corpus, &d.analysis);
                        self.selection.click(item, add);
                    }
                }
                Command::Remove(item) => self.selection.remove(&item),
                Command::Clear => self.selection.clear(),
                Command::SetFilter(on) => self.selection.set_filter(on),
                Command::OpenDoc { doc, at, second } => {
                    let i = usize::from((second || alt) && self.settings.side_by_side);
                    self.reader.open[i] = Some(doc);
                    self.reader.scroll_to[i] = at.or_else(|| {
                        // Scroll to the first highlight of the selection in that document.
                        self.highlights.spans_in(doc).first().copied()
                    });
                    self.reader.position[i] = at;
                }
                Command::SetChart(s) => {
                    if s != self.settings.chart {
                        self.settings.chart = s;
                        self.models_dirty = true;
                    }
                }
                Command::SetNetwork(s) => {
                    if network_model_differs(&s, &self.settings.network) {
                        self.models_dirty = true;
                    }
                    self.settings.network = s;
                }
                Command::SetSideBySide(on) => self.settings.side_by_side = on,
                Command::SetSplit(f) => self.settings.split = f.clamp(0.2, 0.8),
                Command::Load(source) => self.start_load(source, ctx),
                Command::LoadFolder(path) => self.open_folder(path, ctx),
                Command::CancelLoad => {
                    if let Some(j) = &self.job {
                        j.cancel();
                    }
                }
                Command::PickFolder => self.dialogs.pick_folder(),
                Command::PickExport => self.dialogs.pick_export(),
                Command::PickPng(t) => self.dialogs.pick_png(t),
            }
        }
        if self.selection != before {
            self.models_dirty = true;
            self.follow_pending = !self.selection.items.is_empty();
        }
    }

    /// After a new selection: if the reader shows none of it, open the first document that
    /// has its evidence, at the first highlight.
    pub(super) fn follow_selection(&mut self) {
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
}
