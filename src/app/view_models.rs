//! What the views draw from, derived once per change of the data, the selection or a setting:
//! the highlights, the chart and network models, and which network edges the selection
//! lights. For a large corpus they are recomputed on a worker thread while the old ones stay
//! on screen.

use std::sync::mpsc::{Receiver, channel};

use proxylens::model::{ActorId, IncidentId};

use super::ProxyLensApp;
use super::chart::{ChartModel, ChartSettings};
use super::loader::Loaded;
use super::network::{self, NetworkModel, NetworkSettings};
use super::selection::{self, Highlights, Selection};

/// From this many documents on, the views are recomputed off the UI thread after a click.
pub const ASYNC_VIEWS_FROM: usize = 20_000;

/// Highlights and view models for one selection, built together so that they always fit.
pub struct ViewModels {
    /// What the selection lights up.
    pub highlights: Highlights,
    /// The chart.
    pub chart: ChartModel,
    /// The network.
    pub network: NetworkModel,
    /// Per edge of `network`: whether the selection lights it.
    pub lit_edges: Vec<bool>,
}

/// Computes the view models for a selection.
pub fn compute(
    d: &Loaded,
    selection: &Selection,
    chart_settings: &ChartSettings,
    network_settings: &NetworkSettings,
) -> ViewModels {
    let highlights = selection::highlights(selection, &d.corpus, &d.analysis);
    let filter = selection.filter && !highlights.targets.is_empty();
    let hl = &highlights;
    let keep_inc = |id: IncidentId| !filter || hl.incidents.contains(&id);
    let keep_tally = |i: usize| !filter || hl.docs.contains(&d.analysis.tallies[i].span.doc);
    let chart = ChartModel::build(
        &d.corpus,
        &d.lexicon,
        &d.analysis,
        chart_settings,
        &keep_inc,
        &keep_tally,
    );
    let keep_actor = |id: ActorId| !filter || hl.actors.contains(&id);
    let network = NetworkModel::build(&d.analysis, network_settings, &keep_actor);
    let lit_edges = network::lit_edges(&network, &highlights, &d.analysis);
    ViewModels {
        highlights,
        chart,
        network,
        lit_edges,
    }
}

/// View models being recomputed on a worker thread.
#[derive(Default)]
pub struct Recompute {
    /// The request in flight: its number and where its result arrives.
    pending: Option<(u64, Receiver<(u64, ViewModels)>)>,
    requested: u64,
}

impl ProxyLensApp {
    /// Recomputes highlights and view models here and now.
    pub fn rebuild(&mut self) {
        let Some(d) = self.data.clone() else { return };
        self.rebuilds += 1;
        let v = compute(
            &d,
            &self.selection,
            &self.settings.chart,
            &self.settings.network,
        );
        self.install_views(v);
    }

    pub(super) fn install_views(&mut self, v: ViewModels) {
        self.highlights = v.highlights;
        self.chart_model = v.chart;
        self.network_model = v.network;
        self.lit_edges = v.lit_edges;
        self.network.layout.sync(&self.network_model);
        self.models_dirty = false;
    }

    /// Recomputes the views: at once for a corpus of ordinary size, on a worker thread for a
    /// large one (the old views stay until the new ones are ready, so frames keep coming).
    pub(super) fn rebuild_views(&mut self, ctx: &egui::Context) {
        let Some(d) = self.data.clone() else { return };
        if d.corpus.docs.len() < self.async_views_from {
            self.rebuild();
            self.follow_selection();
            ctx.request_repaint();
            return;
        }
        self.models_dirty = false;
        self.rebuilds += 1;
        self.recompute.requested += 1;
        let id = self.recompute.requested;
        let (tx, rx) = channel();
        let (sel, cs, ns, c) = (
            self.selection.clone(),
            self.settings.chart.clone(),
            self.settings.network.clone(),
            ctx.clone(),
        );
        std::thread::spawn(move || {
            let _ = tx.send((id, compute(&d, &sel, &cs, &ns)));
            c.request_repaint();
        });
        self.recompute.pending = Some((id, rx));
    }

    /// Whether views are being recomputed in the background.
    pub fn views_pending(&self) -> bool {
        self.recompute.pending.is_some()
    }

    /// Forgets views being computed (they would not fit new data).
    pub(super) fn drop_pending_views(&mut self) {
        self.recompute.pending = None;
    }

    /// Installs views computed in the background, when they are ready.
    pub(super) fn poll_views(&mut self) {
        let Some((id, rx)) = &self.recompute.pending else {
            return;
        };
        match rx.try_recv() {
            Ok((got, v)) if got == *id => {
                self.recompute.pending = None;
                self.install_views(v);
                self.follow_selection();
            }
            Ok(_) => {}
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.recompute.pending = None,
        }
    }
}
