//! The actor network: actors as nodes (size by mentions, colour and shape by kind), relations
//! and statements as directed edges (colour by kind, width by reports). The layout (force or
//! hierarchy, [`super::graph_layout`]) advances a few steps per frame within a time budget
//! and settles; labels go where they cover nothing else; nodes can be dragged (and stay
//! pinned), the view pans and zooms.

use std::collections::HashMap;
use std::time::Instant;

use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::model::{ActorId, ActorKind, RelationKind, StatementKind};

use super::commands::Command;
use super::graph_layout;
use super::network_mesh::{self, EdgeStyle, Scene, SceneInput, SceneKey};
use super::palette;
use super::selection::{Highlights, Target};

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EdgeKind {
    /// A relation.
    Relation(RelationKind),
    /// A statement: speaker → the actor at stake.
    Statement(StatementKind),
}

impl EdgeKind {
    /// All kinds, legend order.
    pub fn all() -> Vec<EdgeKind> {
        RelationKind::ALL
            .iter()
            .map(|k| EdgeKind::Relation(*k))
            .chain(StatementKind::ALL.iter().map(|k| EdgeKind::Statement(*k)))
            .collect()
    }

    /// Legend label.
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Relation(k) => k.label(),
            EdgeKind::Statement(StatementKind::Claim) => "claims",
            EdgeKind::Statement(StatementKind::Accusation) => "accuses",
            EdgeKind::Statement(StatementKind::Denial) => "denies",
        }
    }
}

/// Saved network settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkSettings {
    /// How many actors to show (most mentioned first).
    pub max_nodes: usize,
    /// Edge kinds hidden.
    pub hidden_edges: Vec<EdgeKind>,
    /// Actor kinds hidden.
    pub hidden_kinds: Vec<ActorKind>,
    /// Minimum number of reports for an edge.
    pub min_weight: usize,
    /// Show labels of all nodes (not only the larger ones).
    pub all_labels: bool,
    /// Show the legend over the network.
    pub legend: bool,
    /// Force or hierarchy layout.
    pub layout: graph_layout::Mode,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            max_nodes: 60,
            hidden_edges: Vec::new(),
            hidden_kinds: Vec::new(),
            min_weight: 1,
            all_labels: false,
            legend: true,
            layout: graph_layout::Mode::Force,
        }
    }
}

/// An edge of the network.
#[derive(Clone, Debug)]
pub struct Edge {
    /// From.
    pub from: ActorId,
    /// To.
    pub to: ActorId,
    /// Kind.
    pub kind: EdgeKind,
    /// Number of evidence sentences.
    pub weight: usize,
    /// The relation index, for relations.
    pub relation: Option<usize>,
    /// Statement indices, for statement edges.
    pub statements: Vec<usize>,
}

/// Nodes and edges to draw.
#[derive(Clone, Debug, Default)]
pub struct NetworkModel {
    /// (actor, mentions).
    pub nodes: Vec<(ActorId, u32)>,
    /// Edges between shown nodes.
    pub edges: Vec<Edge>,
    /// Actors that would be shown without the node limit.
    pub available: usize,
    /// The shown actors' names, in node order.
    pub names: Vec<String>,
}

impl NetworkModel {
    /// Builds the model; `keep` filters actors (the selection filter).
    pub fn build(
        a: &Analysis,
        s: &NetworkSettings,
        keep: &dyn Fn(ActorId) -> bool,
    ) -> NetworkModel {
        let mut edges: Vec<Edge> = Vec::new();
        for (i, r) in a.relations.iter().enumerate() {
            let kind = EdgeKind::Relation(r.kind);
            edges.push(Edge {
                from: r.from,
                to: r.to,
                kind,
                weight: r.evidence.len(),
                relation: Some(i),
                statements: Vec::new(),
            });
        }
        let mut st: HashMap<(ActorId, ActorId, StatementKind), Vec<usize>> = HashMap::new();
        for (i, s) in a.statements.iter().enumerate() {
            if let (Some(sp), Some(ab)) = (s.speaker, s.about)
                && sp != ab
            {
                st.entry((sp, ab, s.kind)).or_default().push(i);
            }
        }
        for ((from, to, k), v) in st {
            edges.push(Edge {
                from,
                to,
                kind: EdgeKind::Statement(k),
                weight: v.len(),
                relation: None,
                statements: v,
            });
        }
        edges.retain(|e| !s.hidden_edges.contains(&e.kind) && e.weight >= s.min_weight);
        let mut candidates: Vec<(ActorId, u32)> = a
            .actors
            .iter()
            .enumerate()
            .map(|(i, x)| (ActorId(i as u32), x.mention_count))
            .filter(|(id, n)| *n > 0 && keep(*id) && !s.hidden_kinds.contains(&a.actor(*id).kind))
            .collect();
        // Rank by mentions plus connections, so that well-connected actors stay visible. Only
        // edges that could be drawn count (both ends candidates, not a loop), each edge once.
        let is_candidate: std::collections::HashSet<ActorId> =
            candidates.iter().map(|(id, _)| *id).collect();
        let mut degree: HashMap<ActorId, u32> = HashMap::new();
        for e in edges.iter().filter(|e| {
            e.from != e.to && is_candidate.contains(&e.from) && is_candidate.contains(&e.to)
        }) {
            *degree.entry(e.from).or_default() += 1;
            *degree.entry(e.to).or_default() += 1;
        }
        let degree = |id: ActorId| degree.get(&id).copied().unwrap_or(0);
        candidates.sort_by_key(|(id, n)| std::cmp::Reverse(n + 2 * degree(*id)));
        let available = candidates.len();
        candidates.truncate(s.max_nodes);
        let shown: std::collections::HashSet<ActorId> =
            candidates.iter().map(|(id, _)| *id).collect();
        edges.retain(|e| shown.contains(&e.from) && shown.contains(&e.to) && e.from != e.to);
        let names = candidates
            .iter()
            .map(|(id, _)| a.actor(*id).name.clone())
            .collect();
        NetworkModel {
            nodes: candidates,
            edges,
            available,
            names,
        }
    }
}

/// Seed of the network layout: the same network is laid out the same way every time.
const LAYOUT_SEED: u64 = 0x5eed;
/// Time per frame (milliseconds) for the network view, layout and drawing together: the
/// layout gets what the drawing left last frame (at least one step), so that a frame of the
/// whole app stays under 8 ms with a few thousand nodes.
const NETWORK_FRAME_MS: f64 = 5.0;
/// Font size of node labels (points).
const LABEL_FONT: f32 = 11.5;
/// Label room per character (an estimate the layout plans with; labels are measured when
/// drawn).
const LABEL_CHAR_W: f32 = 6.2;
/// Height of a label (points).
const LABEL_H: f32 = 15.0;
/// From this many edges on, the shorter ones on screen get no arrowhead unless lit.
const CROWDED_EDGES: usize = 2000;

/// The network's layout: the engine ([`graph_layout::Layout`]) fed from the model, and the
/// view's pan and zoom. Kept across rebuilds, so that nodes stay where they were.
pub struct Layout {
    engine: graph_layout::Layout,
    ids: Vec<ActorId>,
    index: HashMap<ActorId, usize>,
    /// Each edge's bend (parallel edges between one pair are drawn apart), by edge index.
    bends: Vec<f32>,
    /// Each edge's ends (node indices), by edge index, when both are shown.
    ends: Vec<Option<(u32, u32)>>,
    /// What the engine was built from: the model's fingerprint, whether every actor gets
    /// label room, and the canvas size it planned for.
    built: Option<(u64, bool, Vec2)>,
    /// The canvas (points) the next build plans for, and whether every label gets room.
    canvas: Vec2,
    all_labels: bool,
    /// The zoom at which the whole layout fits the canvas.
    fit_zoom: f32,
    /// How long the last layout step took (milliseconds).
    step_ms: f64,
    /// The zoom the label room was planned for, and the fit zoom seen after settling when the
    /// plan is redone with it (once per model).
    planned_zoom: f32,
    zoom_seen: Option<f32>,
    replans: u32,
    /// Pan offset (screen points) and zoom.
    pub offset: Vec2,
    /// Zoom factor.
    pub zoom: f32,
    /// Layout steps run so far (for tests and the benchmark).
    pub steps: u64,
    /// The thread the layout steps run on, once started.
    worker: Option<Worker>,
}

/// Layout steps off the UI thread: the view sends a copy of the layout; the thread steps it
/// until it settles (or a newer copy comes), leaving the latest state every few milliseconds
/// where the view takes it, if nothing changed the layout meanwhile (a new graph, a drag) and
/// it got further. The layout is deterministic, so the result is the same as stepping on the
/// UI thread, and the layout settles as fast as a core allows however slowly frames come.
struct Worker {
    jobs: std::sync::mpsc::Sender<graph_layout::Layout>,
    latest: std::sync::Arc<std::sync::Mutex<Option<graph_layout::Layout>>>,
    /// The revision of the copy the thread works on, while it works.
    working_on: Option<u64>,
}

/// How often the worker leaves its state for the view (milliseconds).
const WORKER_SLICE_MS: u64 = 12;

impl Worker {
    fn start(ctx: &egui::Context) -> Option<Worker> {
        let (jobs, job_rx) = std::sync::mpsc::channel::<graph_layout::Layout>();
        let latest = std::sync::Arc::new(std::sync::Mutex::new(None));
        let out = latest.clone();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("network-layout".into())
            .spawn(move || {
                // Wait for a copy; step it, leaving the state every slice; take a newer copy
                // as soon as one comes.
                while let Ok(mut e) = job_rx.recv() {
                    loop {
                        while let Ok(newer) = job_rx.try_recv() {
                            e = newer;
                        }
                        let t = Instant::now();
                        while !e.settled()
                            && t.elapsed() < std::time::Duration::from_millis(WORKER_SLICE_MS)
                        {
                            e.step();
                        }
                        let done = e.settled();
                        match out.lock() {
                            Ok(mut slot) => *slot = Some(e.clone()),
                            Err(_) => return,
                        }
                        ctx.request_repaint();
                        if done {
                            break;
                        }
                    }
                }
            })
            .ok()?;
        Some(Worker {
            jobs,
            latest,
            working_on: None,
        })
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            engine: graph_layout::Layout::new(LAYOUT_SEED, 1.5),
            ids: Vec::new(),
            index: HashMap::new(),
            bends: Vec::new(),
            ends: Vec::new(),
            built: None,
            canvas: vec2(640.0, 420.0),
            all_labels: false,
            fit_zoom: 1.0,
            step_ms: 0.0,
            planned_zoom: 1.0,
            zoom_seen: None,
            replans: 0,
            offset: Vec2::ZERO,
            zoom: 1.0,
            steps: 0,
            worker: None,
        }
    }
}

/// A cheap fingerprint of what the layout depends on in a model (a multiply-rotate hash:
/// it runs every frame over thousands of edges).
fn fingerprint(m: &NetworkModel) -> u64 {
    let mut h: u64 = m.nodes.len() as u64;
    let mut mix = |x: u64| h = (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    for (id, n) in &m.nodes {
        mix(((id.0 as u64) << 32) | *n as u64);
    }
    for e in &m.edges {
        let kind = match e.kind {
            EdgeKind::Relation(k) => k as u64,
            EdgeKind::Statement(k) => 16 + k as u64,
        };
        mix(((e.from.0 as u64) << 32) | e.to.0 as u64);
        mix((kind << 32) | e.weight as u64);
    }
    h
}

impl Layout {
    /// Takes a new model in (nodes already placed keep their place) and wakes the layout.
    pub fn sync(&mut self, m: &NetworkModel) {
        self.prepare(m);
        if self.zoom <= 0.0 {
            self.zoom = 1.0;
        }
    }

    /// Rebuilds the engine's graph when the model, the label setting or (clearly) the canvas
    /// changed since the last build.
    fn prepare(&mut self, m: &NetworkModel) {
        let fp = fingerprint(m);
        if let Some((f, all, canvas)) = self.built {
            let area = |v: Vec2| (v.x * v.y).max(1.0);
            let ratio = area(self.canvas) / area(canvas);
            if f == fp && all == self.all_labels && (0.6..1.67).contains(&ratio) {
                return;
            }
        }
        // A new model, canvas or label setting is planned from scratch.
        self.zoom_seen = None;
        self.replans = 0;
        self.build(m, fp);
    }

    /// Gives the engine the graph of `m` (fingerprint `fp`), planned for the canvas and the
    /// zoom seen, if any.
    fn build(&mut self, m: &NetworkModel, fp: u64) {
        self.built = Some((fp, self.all_labels, self.canvas));
        let (nodes, edges, planned) = layout_graph(m, self.canvas, self.all_labels, self.zoom_seen);
        self.planned_zoom = planned;
        self.ids = m.nodes.iter().map(|(id, _)| *id).collect();
        self.index = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        self.bends = edge_bends(m);
        self.ends = m
            .edges
            .iter()
            .map(|e| {
                Some((
                    *self.index.get(&e.from)? as u32,
                    *self.index.get(&e.to)? as u32,
                ))
            })
            .collect();
        self.engine.set_graph(nodes, edges);
    }

    /// Once settled and fitted: when the graph came out larger than planned (so labels on
    /// screen are larger than the room kept for them), plans again with the zoom seen (and a
    /// margin), at most twice per model.
    fn replan(&mut self, m: &NetworkModel, ctx: &egui::Context) {
        if self.settled() && self.replans < 2 && self.fit_zoom < self.planned_zoom * 0.97 {
            self.replans += 1;
            self.zoom_seen = Some(self.fit_zoom * 0.9);
            self.build(m, fingerprint(m));
            ctx.request_repaint();
        }
    }

    /// Whether the layout has settled.
    pub fn settled(&self) -> bool {
        self.engine.settled()
    }

    /// Runs one layout step; returns whether anything moved.
    pub fn step(&mut self, m: &NetworkModel) -> bool {
        self.prepare(m);
        let moved = self.engine.step();
        self.steps = self.engine.steps();
        moved
    }

    /// Runs steps until the budget is spent or the layout settles (at least one).
    /// Runs layout steps for at most `budget_ms` (at least one step, and no step that the
    /// last one's duration says would overrun).
    pub fn advance(&mut self, m: &NetworkModel, budget_ms: f64) {
        self.prepare(m);
        let t = Instant::now();
        let mut first = true;
        while !self.engine.settled() {
            let elapsed = t.elapsed().as_secs_f64() * 1000.0;
            if !first && elapsed + self.step_ms > budget_ms {
                break;
            }
            first = false;
            let s = Instant::now();
            self.engine.step();
            self.step_ms = s.elapsed().as_secs_f64() * 1000.0;
        }
        self.steps = self.engine.steps();
    }

    /// Moves the layout on without holding up the frame: takes back the worker's copy when
    /// it is done, and sends it the next one. Steps on this thread within `budget_ms` while
    /// the user drags a node (the worker's copies would not fit) or when no thread can be
    /// started. Returns whether the layout is still moving.
    fn pump(
        &mut self,
        m: &NetworkModel,
        ctx: &egui::Context,
        dragging: bool,
        budget_ms: f64,
    ) -> bool {
        self.prepare(m);
        if let Some(w) = &mut self.worker {
            let taken = w.latest.lock().ok().and_then(|mut slot| slot.take());
            if let Some(e) = taken {
                if e.revision() == self.engine.revision() && e.steps() > self.engine.steps() {
                    self.engine = e;
                }
                if self.engine.settled() {
                    w.working_on = None;
                }
            }
        }
        if !self.engine.settled() {
            if self.worker.is_none() && !dragging {
                self.worker = Worker::start(ctx);
            }
            match &mut self.worker {
                Some(w) if !dragging => {
                    let rev = self.engine.revision();
                    if w.working_on != Some(rev) {
                        w.working_on = w.jobs.send(self.engine.clone()).is_ok().then_some(rev);
                        if w.working_on.is_none() {
                            self.worker = None;
                        }
                    }
                }
                _ => self.advance(m, budget_ms),
            }
        }
        self.steps = self.engine.steps();
        !self.engine.settled()
    }

    /// Lays the network out again from scratch, in `mode` (for the benchmark).
    pub fn restart(&mut self, mode: graph_layout::Mode) {
        self.engine.set_mode(mode);
        self.engine.reset();
    }

    /// Unpins every node and lays the network out again.
    pub fn reset(&mut self) {
        self.engine.reset();
        self.offset = Vec2::ZERO;
        self.zoom = 1.0;
    }

    /// Sets zoom and offset so that the whole layout fits `region` (screen) of a canvas
    /// centred on `centre`.
    pub fn fit(&mut self, region: Rect, centre: Pos2) {
        self.fit_box(self.engine.bounds(), region, centre);
    }

    /// Sets zoom and offset so that `b` (layout units) fits `region`.
    fn fit_box(&mut self, b: graph_layout::Aabb, region: Rect, centre: Pos2) {
        if b.is_empty() || region.width() <= 0.0 || region.height() <= 0.0 {
            return;
        }
        self.zoom = (region.width() / b.width().max(1.0))
            .min(region.height() / b.height().max(1.0))
            .clamp(0.02, 2.5);
        let mid = vec2(b.center().x, b.center().y);
        self.offset = region.center() - centre - mid * self.zoom;
        self.fit_zoom = self.zoom;
    }

    /// Where a box of layout units is on screen.
    fn screen_rect(&self, b: graph_layout::Aabb, centre: Pos2) -> Rect {
        let origin = centre + self.offset;
        Rect::from_min_max(
            origin + vec2(b.min.x, b.min.y) * self.zoom,
            origin + vec2(b.max.x, b.max.y) * self.zoom,
        )
    }

    /// Whether no node's box covers `r` (screen).
    fn clear_of(&self, r: Rect, centre: Pos2) -> bool {
        let r = r.expand(4.0);
        (0..self.engine.len()).all(|j| {
            !self
                .screen_rect(self.engine.node_box(j), centre)
                .intersects(r)
        })
    }

    /// Fits the layout to `canvas` (centred on `centre`) and finds the legend (of `legend`
    /// size) a place no node covers: a corner the graph leaves free, else above (or beside)
    /// the legend in the bottom-left corner. Returns where the legend goes.
    pub fn fit_with_legend(
        &mut self,
        canvas: Rect,
        centre: Pos2,
        legend: Option<Vec2>,
    ) -> Option<Rect> {
        let candidates = fit_candidates(canvas, legend);
        for (region, legend_rect) in &candidates {
            self.fit(*region, centre);
            if legend_rect.is_none_or(|l| self.clear_of(l, centre)) {
                return *legend_rect;
            }
        }
        candidates.last().and_then(|c| c.1)
    }

    /// Where a node is (layout units), if shown.
    pub fn position(&self, id: ActorId) -> Option<Vec2> {
        let &i = self.index.get(&id)?;
        (i < self.engine.len()).then(|| {
            let p = self.engine.position(i);
            vec2(p.x, p.y)
        })
    }

    /// Which layout runs.
    pub fn mode(&self) -> graph_layout::Mode {
        self.engine.mode()
    }
}

/// The engine's input for a model: node discs by mentions, label room for as many of the
/// most important actors as a canvas of `canvas` can show (all with `all_labels`), edges
/// with their ranking direction (backs and leads: from above; member of: the group above).
/// `zoom_seen`, when given, is the zoom the layout is known to be seen at (else estimated from
/// the canvas). Returns the nodes, the edges and the zoom planned for.
fn layout_graph(
    m: &NetworkModel,
    canvas: Vec2,
    all_labels: bool,
    zoom_seen: Option<f32>,
) -> (
    Vec<graph_layout::NodeSpec>,
    Vec<graph_layout::EdgeSpec>,
    f32,
) {
    let most = m.nodes.iter().map(|(_, n)| *n).max().unwrap_or(1);
    let radii: Vec<f32> = m.nodes.iter().map(|(_, n)| node_radius(*n, most)).collect();
    let sizes: Vec<(f32, f32)> = m
        .names
        .iter()
        .map(|s| (s.chars().count() as f32 * LABEL_CHAR_W + 6.0, LABEL_H))
        .collect();
    // The screen area the labels may take, and the zoom the discs will be seen at.
    let area = (canvas.x * canvas.y).max(10_000.0);
    let pad = 2.0 * graph_layout::PAD;
    let mut label_area = 0.0;
    let mut room = vec![false; m.nodes.len()];
    // Nodes are ranked most important first.
    for (i, s) in sizes.iter().enumerate() {
        let a = (s.0 + pad) * (s.1 + pad + 2.0);
        if !all_labels && label_area + a > 0.3 * area {
            break;
        }
        label_area += a;
        room[i] = true;
    }
    let discs: f32 = radii
        .iter()
        .map(|r| (2.0 * r + pad + 4.0).powi(2) * 1.6)
        .sum();
    let zoom = zoom_seen
        .unwrap_or_else(|| ((area - label_area).max(area * 0.3) / discs.max(1.0)).sqrt())
        .clamp(0.15, 1.0);
    let nodes = m
        .nodes
        .iter()
        .enumerate()
        .map(|(i, (id, n))| graph_layout::NodeSpec {
            key: id.0 as u64,
            radius: radii[i],
            label: room[i].then(|| (sizes[i].0 / zoom, sizes[i].1 / zoom)),
            weight: *n as f32,
        })
        .collect();
    let index: HashMap<ActorId, usize> = m
        .nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    // A leader is often a member of what they lead as well: the lead sets the order then
    // (the two edges would make a cycle the layout breaks by importance, either way).
    let leads: std::collections::HashSet<(ActorId, ActorId)> = m
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Relation(RelationKind::Leads))
        .map(|e| (e.from, e.to))
        .collect();
    let edges = m
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (*index.get(&e.from)?, *index.get(&e.to)?);
            let (from, to, ranks) = match e.kind {
                EdgeKind::Relation(RelationKind::Backs | RelationKind::Leads) => (a, b, true),
                EdgeKind::Relation(RelationKind::MemberOf) => {
                    (b, a, !leads.contains(&(e.from, e.to)))
                }
                _ => (a, b, false),
            };
            Some(graph_layout::EdgeSpec {
                from,
                to,
                weight: e.weight as f32,
                ranks,
            })
        })
        .collect();
    (nodes, edges, zoom)
}

/// Parallel edges between one pair are bent apart: the n-th of a pair by n × 14 points.
fn edge_bends(m: &NetworkModel) -> Vec<f32> {
    let mut pair_count: HashMap<(ActorId, ActorId), usize> = HashMap::new();
    m.edges
        .iter()
        .map(|e| {
            let key = if e.from < e.to {
                (e.from, e.to)
            } else {
                (e.to, e.from)
            };
            let nth = pair_count.entry(key).or_default();
            let bend = (*nth as f32) * 14.0 * if e.from < e.to { 1.0 } else { -1.0 };
            *nth += 1;
            bend
        })
        .collect()
}

/// A node's radius: by its share of the most mentioned actor shown, so that the same picture
/// holds for five articles or a hundred thousand (area grows with mentions).
fn node_radius(mentions: u32, most: u32) -> f32 {
    6.0 + 22.0 * (mentions as f32 / most.max(1) as f32).sqrt()
}

/// A node's radius on screen at `zoom`: shrinks with the layout when zoomed out (so discs
/// never overlap), grows more slowly when zoomed in.
fn drawn_radius(r: f32, zoom: f32) -> f32 {
    let k = if zoom < 1.0 {
        zoom
    } else {
        zoom.sqrt().min(1.6)
    };
    (r * k).max(2.0)
}

/// Which edges of `model` the highlights light up.
pub fn lit_edges(model: &NetworkModel, hl: &Highlights, a: &Analysis) -> Vec<bool> {
    model
        .edges
        .iter()
        .map(|e| {
            e.relation.is_some_and(|r| hl.relations.contains(&r))
                || (hl.actors.contains(&e.from) && hl.actors.contains(&e.to))
                || e.statements
                    .iter()
                    .any(|s| hl.has_span(&a.statements[*s].span))
        })
        .collect()
}

/// How each edge of `model` is drawn (its ends and bend from `layout`): lit edges in their
/// colour and wider, the others dimmed while something is selected; many edges each fainter,
/// statements fainter than relations, and in the hierarchy all but the ranking edges.
fn edge_styles(
    model: &NetworkModel,
    layout: &Layout,
    lit_edges: &[bool],
    selecting: bool,
    hierarchy: bool,
) -> Vec<Option<EdgeStyle>> {
    let heaviest = model.edges.iter().map(|e| e.weight).max().unwrap_or(1);
    let faint = (0.8 * (200.0 / model.edges.len().max(1) as f32).sqrt()).clamp(0.3, 0.8);
    model
        .edges
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            let (from, to) = (*layout.ends.get(ei)?)?;
            let lit = lit_edges.get(ei).copied().unwrap_or(false);
            let ranking = matches!(
                e.kind,
                EdgeKind::Relation(
                    RelationKind::Backs | RelationKind::Leads | RelationKind::MemberOf
                )
            );
            let base = palette::edge(e.kind);
            let color = if selecting && !lit {
                palette::dim(base)
            } else if lit {
                base
            } else if hierarchy && !ranking {
                base.gamma_multiply(faint * 0.3)
            } else if matches!(e.kind, EdgeKind::Statement(_)) {
                // Who says what about whom: many, and less structural than relations.
                base.gamma_multiply(faint * if faint < 0.8 { 0.5 } else { 1.0 })
            } else {
                base.gamma_multiply(faint)
            };
            Some(EdgeStyle {
                from,
                to,
                bend: layout.bends.get(ei).copied().unwrap_or(0.0),
                color,
                width: edge_width(e.weight, heaviest) * if lit { 1.8 } else { 1.0 },
                lit,
            })
        })
        .collect()
}

impl NetworkView {
    /// Where node `id` was drawn last frame (centre, radius), if it was.
    #[cfg(test)]
    pub fn node_on_screen(&self, id: ActorId) -> Option<(Pos2, f32)> {
        let &i = self.layout.index.get(&id)?;
        self.drawn.nodes.get(i).copied()
    }

    /// The middle of edge `i` (index into the model's edges) as drawn last frame.
    #[cfg(test)]
    pub fn edge_middle_on_screen(&self, i: usize) -> Option<Pos2> {
        self.drawn.edge_mids.get(i).copied().flatten()
    }

    /// The labels drawn last frame: (actor, box).
    #[cfg(test)]
    pub fn labels_on_screen(&self) -> &[(ActorId, Rect)] {
        &self.drawn.labels
    }

    /// Where the legend was drawn last frame, if it was.
    #[cfg(test)]
    pub fn legend_on_screen(&self) -> Option<Rect> {
        self.drawn.legend
    }
}

/// An edge's width: by its share of the most reported edge shown.
fn edge_width(weight: usize, heaviest: usize) -> f32 {
    1.0 + 2.5 * (weight as f32 / heaviest.max(1) as f32).sqrt()
}

/// Draws a node shape by kind (the legend's swatches; the network itself draws
/// [`network_mesh::node_points`] into a mesh).
pub fn node_shape(center: Pos2, r: f32, kind: ActorKind, fill: Color32, stroke: Stroke) -> Shape {
    match kind {
        ActorKind::State => Shape::circle_filled(center, r, fill),
        _ => {
            let mut pts = Vec::new();
            network_mesh::node_points(center, r, kind, &mut pts);
            Shape::convex_polygon(pts, fill, stroke)
        }
    }
}

/// What was drawn last frame, for the tests to click and check.
#[derive(Default)]
#[cfg_attr(not(test), allow(dead_code))]
struct Drawn {
    /// Per node (layout order): centre and radius.
    nodes: Vec<(Pos2, f32)>,
    /// Per edge: its middle, when on screen.
    edge_mids: Vec<Option<Pos2>>,
    labels: Vec<(ActorId, Rect)>,
    legend: Option<Rect>,
}

/// Per-view state of the network.
pub struct NetworkView {
    /// The layout.
    pub layout: Layout,
    /// Search text.
    pub search: String,
    /// Where the canvas was drawn last frame.
    pub canvas: Rect,
    /// Keep the whole layout in view until the user pans or zooms.
    pub auto_fit: bool,
    dragging: Option<usize>,
    /// How long drawing the network took last frame (milliseconds).
    draw_ms: f64,
    /// Where the legend goes (from the canvas's top left).
    legend_at: Option<Vec2>,
    /// The edges and nodes as drawn, kept while nothing they show changes.
    scene: Scene,
    /// How each edge is drawn, and what that was made from.
    styles: Vec<Option<EdgeStyle>>,
    node_fills: Vec<(ActorKind, Color32)>,
    styles_key: Option<u64>,
    /// Each node's label laid out (in the placeholder colour), and for which model and scale.
    galleys: Vec<Option<std::sync::Arc<egui::Galley>>>,
    galleys_key: Option<(u64, u32)>,
    /// How full the font atlas was last frame: it empties when egui starts it again, and
    /// galleys laid out before then point into the old one.
    atlas_fill: f32,
    drawn: Drawn,
}

impl Default for NetworkView {
    fn default() -> Self {
        NetworkView {
            layout: Layout::default(),
            search: String::new(),
            canvas: Rect::NOTHING,
            auto_fit: true,
            dragging: None,
            draw_ms: 0.0,
            legend_at: None,
            scene: Scene::default(),
            styles: Vec::new(),
            node_fills: Vec::new(),
            styles_key: None,
            galleys: Vec::new(),
            galleys_key: None,
            atlas_fill: 0.0,
            drawn: Drawn::default(),
        }
    }
}

/// An entry of the legend.
#[derive(Clone, Copy, Debug)]
enum LegendEntry {
    Kind(ActorKind),
    Edge(EdgeKind),
}

/// The legend for the kinds of actors (and edges) shown: entries flowing in lines at most
/// `max_w` wide, actors first, edges from a new line. Returns each entry with its place
/// (from the legend's top left) and the legend's size.
fn legend_content(
    ui: &Ui,
    model: &NetworkModel,
    a: &Analysis,
    max_w: f32,
    with_edges: bool,
) -> (Vec<(LegendEntry, Vec2)>, Vec2) {
    let kinds = ActorKind::ALL
        .into_iter()
        .filter(|k| model.nodes.iter().any(|(id, _)| a.actor(*id).kind == *k))
        .map(LegendEntry::Kind);
    let edges: Vec<LegendEntry> = EdgeKind::all()
        .into_iter()
        .filter(|k| with_edges && model.edges.iter().any(|e| e.kind == *k))
        .map(LegendEntry::Edge)
        .collect();
    let font = egui::FontId::proportional(LEGEND_FONT);
    let col = ui.visuals().text_color();
    let pad = 6.0;
    let (mut x, mut y, mut widest) = (pad, pad, 0.0f32);
    let mut out = Vec::new();
    let mut place = |e: LegendEntry, new_line: bool, out: &mut Vec<(LegendEntry, Vec2)>| {
        let label = match e {
            LegendEntry::Kind(k) => k.label(),
            LegendEntry::Edge(k) => k.label(),
        };
        let w = 18.0
            + ui.painter()
                .layout_no_wrap(label.into(), font.clone(), col)
                .size()
                .x
            + 10.0;
        // A new line: asked for, or the entry would not fit (unless the line is empty).
        if x > pad && (new_line || x + w > max_w - pad) {
            x = pad;
            y += LEGEND_ROW;
        }
        out.push((e, vec2(x, y)));
        x += w;
        widest = widest.max(x);
    };
    for k in kinds {
        place(k, false, &mut out);
    }
    for (i, e) in edges.into_iter().enumerate() {
        place(e, i == 0, &mut out);
    }
    (out, vec2(widest + pad - 10.0, y + LEGEND_ROW + pad))
}

/// Height of a legend line, and its font size (points).
const LEGEND_ROW: f32 = 15.0;
const LEGEND_FONT: f32 = 10.5;

fn legend_ui(ui: &Ui, painter: &egui::Painter, at: Rect, entries: &[(LegendEntry, Vec2)]) {
    let font = egui::FontId::proportional(LEGEND_FONT);
    let col = ui.visuals().text_color();
    painter.rect_filled(at, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.92));
    painter.rect_stroke(
        at,
        4.0,
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    for (e, d) in entries {
        let p = at.left_top() + *d + vec2(7.0, LEGEND_ROW / 2.0);
        let label = match e {
            LegendEntry::Kind(k) => {
                painter.add(node_shape(p, 4.5, *k, palette::kind(*k), Stroke::NONE));
                k.label()
            }
            LegendEntry::Edge(k) => {
                painter.line_segment(
                    [p + vec2(-6.0, 0.0), p + vec2(6.0, 0.0)],
                    Stroke::new(2.5, palette::edge(*k)),
                );
                k.label()
            }
        };
        painter.text(
            p + vec2(11.0, 0.0),
            egui::Align2::LEFT_CENTER,
            label,
            font.clone(),
            col,
        );
    }
}

/// Where the graph may be fitted and where the legend then goes, best first: the whole
/// canvas with the legend in a corner the graph leaves free (bottom left, bottom right, top
/// right, top left), else above or beside the legend in the bottom-left corner.
fn fit_candidates(canvas: Rect, legend: Option<Vec2>) -> Vec<(Rect, Option<Rect>)> {
    let inner = |r: Rect| r.shrink(14.0);
    let Some(size) = legend else {
        return vec![(inner(canvas), None)];
    };
    let m = 6.0;
    let corner = |x_right: bool, y_bottom: bool| {
        let x = if x_right {
            canvas.right() - size.x - m
        } else {
            canvas.left() + m
        };
        let y = if y_bottom {
            canvas.bottom() - size.y - m
        } else {
            canvas.top() + m
        };
        Rect::from_min_size(pos2(x, y), size)
    };
    let bl = corner(false, true);
    let mut out: Vec<(Rect, Option<Rect>)> =
        [(false, true), (true, true), (true, false), (false, false)]
            .into_iter()
            .map(|(r, b)| (inner(canvas), Some(corner(r, b))))
            .collect();
    // Above the legend first (it is wider than tall, so that keeps more room), then beside
    // it; a fixed order, so that the plan does not flip when the canvas changes a little.
    let right = Rect::from_min_max(pos2(bl.right() + 8.0, canvas.top()), canvas.max);
    let above = Rect::from_min_max(canvas.min, pos2(canvas.right(), bl.top() - 8.0));
    let (first, second) = (above, right);
    out.push((inner(first), Some(bl)));
    out.push((inner(second), Some(bl)));
    out
}

/// Draws the network; reports clicks and settings changes as commands. `lit_edges` says,
/// per edge of `model`, whether the selection lights it (computed with the model).
#[allow(clippy::too_many_arguments)]
pub fn network_ui(
    ui: &mut Ui,
    view: &mut NetworkView,
    model: &NetworkModel,
    current: &NetworkSettings,
    hl: &Highlights,
    lit_edges: &[bool],
    a: &Analysis,
    cmds: &mut Vec<Command>,
) {
    // The toolbar edits a copy; the central step takes it in.
    let mut edited = current.clone();
    let settings = &mut edited;
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Actor network");
        ui.separator();
        let r = ui.add(
            egui::TextEdit::singleline(&mut view.search)
                .hint_text("Find actor…")
                .desired_width(120.0),
        );
        if r.changed() || r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let q = view.search.to_lowercase();
            if q.len() >= 2
                && let Some((id, _)) = model.nodes.iter().find(|(id, _)| {
                    a.actor(*id).name.to_lowercase().contains(&q)
                        || a.actor(*id)
                            .aliases
                            .iter()
                            .any(|x| x.to_lowercase().contains(&q))
                })
                && (r.lost_focus() || r.changed())
            {
                cmds.push(Command::Select(Target::Actor(*id)));
                if let Some(p) = view.layout.position(*id) {
                    view.layout.offset = -p * view.layout.zoom;
                    view.auto_fit = false;
                }
            }
        }
        ui.selectable_value(&mut settings.layout, graph_layout::Mode::Force, "Force")
            .on_hover_text("Related actors close together; separate groups side by side");
        ui.selectable_value(
            &mut settings.layout,
            graph_layout::Mode::Hierarchy,
            "Hierarchy",
        )
        .on_hover_text(
            "Backers above the groups they back, leaders above what they lead, \
                 groups above their members",
        );
        // What is shown, in one menu, so that the bar fits a narrow canvas on one line.
        ui.menu_button(
            format!("{} of {} actors", model.nodes.len(), model.available),
            |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Actors");
                    changed |= ui
                        .add(
                            egui::DragValue::new(&mut settings.max_nodes)
                                .range(5..=2000)
                                .speed(1.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("How many actors to show, most mentioned first")
                        .changed();
                    ui.label(format!("of {}", model.available));
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Min reports");
                    changed |= ui
                        .add(egui::DragValue::new(&mut settings.min_weight).range(1..=50))
                        .labelled_by(label.id)
                        .on_hover_text("Hide edges reported fewer times than this")
                        .changed();
                });
                ui.separator();
                ui.label("Edges");
                let edges: Vec<(EdgeKind, &str)> = EdgeKind::all()
                    .into_iter()
                    .map(|k| (k, k.label()))
                    .collect();
                changed |= hidden_checkboxes(ui, &edges, &mut settings.hidden_edges);
                ui.separator();
                ui.label("Actors");
                let kinds: Vec<(ActorKind, &str)> =
                    ActorKind::ALL.into_iter().map(|k| (k, k.label())).collect();
                changed |= hidden_checkboxes(ui, &kinds, &mut settings.hidden_kinds);
                ui.separator();
                ui.checkbox(&mut settings.all_labels, "Label every actor");
                ui.checkbox(&mut settings.legend, "Legend on the network");
            },
        )
        .response
        .on_hover_ui(|ui| {
            ui.label("Which actors and edges are shown. Actors (shape and colour by kind):");
            for k in ActorKind::ALL {
                super::widgets::chip(ui, k.label(), palette::kind(k), true);
            }
            ui.label("Edges:");
            for k in EdgeKind::all() {
                super::widgets::chip(ui, k.label(), palette::edge(k), false);
            }
        });
        if ui
            .button("Fit")
            .on_hover_text("Show the whole network")
            .clicked()
        {
            view.auto_fit = true;
        }
        if ui
            .button("Re-layout")
            .on_hover_text("Unpin every actor and lay the network out again")
            .clicked()
        {
            view.layout.reset();
            view.auto_fit = true;
        }
    });
    let (rect, bg) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    view.canvas = rect;
    view.drawn = Drawn::default();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    if model.nodes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "No actors to show with these filters.",
            egui::FontId::proportional(14.0),
            ui.visuals().weak_text_color(),
        );
        if changed || *settings != *current {
            cmds.push(Command::SetNetwork(settings.clone()));
        }
        return;
    }
    // The legend takes a corner the graph keeps out of.
    // A legend that would cover more than a fifth of a small canvas shows the actors only
    // (the edges' colours are in their tooltips and in the menu's).
    let legend_entries =
        (settings.legend && rect.width() > 300.0 && rect.height() > 200.0).then(|| {
            let max_w = (rect.width() - 12.0).min(600.0);
            let (entries, size) = legend_content(ui, model, a, max_w, true);
            if size.x * size.y > rect.area() * 0.2 {
                legend_content(ui, model, a, max_w, false)
            } else {
                (entries, size)
            }
        });
    let legend_size = legend_entries.as_ref().map(|l| l.1);
    // Layout: on its own thread (or a few milliseconds per frame), never blocking; it
    // settles and then stops asking for frames. It plans for the room above the legend
    // (the whole canvas, when the graph leaves a corner free for it, is a bonus).
    let layout = &mut view.layout;
    let candidates = fit_candidates(rect, legend_size);
    let region = candidates[candidates.len().saturating_sub(2)].0;
    layout.canvas = region.size();
    layout.all_labels = settings.all_labels;
    layout.engine.set_mode(settings.layout);
    layout
        .engine
        .set_aspect(region.width() / region.height().max(1.0));
    let budget = (NETWORK_FRAME_MS - view.draw_ms).clamp(0.5, 4.0);
    let layout = &mut view.layout;
    if layout.pump(model, ui.ctx(), view.dragging.is_some(), budget) {
        ui.ctx().request_repaint();
    }
    let drawing = Instant::now();
    if view.auto_fit {
        view.legend_at = layout
            .fit_with_legend(rect, rect.center(), legend_size)
            .map(|r| r.min - rect.min);
        layout.replan(model, ui.ctx());
    }
    let layout = &mut view.layout;
    // Where the user leaves the view, the legend stays (in the bottom-left corner when it
    // was off before).
    let legend_rect = legend_size.map(|size| {
        let at = view
            .legend_at
            .map(|d| rect.min + d)
            .unwrap_or(pos2(rect.left() + 6.0, rect.bottom() - size.y - 6.0));
        Rect::from_min_size(at, size)
    });
    let legend = legend_entries.zip(legend_rect).map(|((e, _), r)| (e, r));
    let n = layout.engine.len().min(model.nodes.len());
    let screen_of = |layout: &Layout| -> Vec<(Pos2, f32)> {
        let centre = rect.center() + layout.offset;
        (0..n)
            .map(|i| {
                let p = layout.engine.position(i);
                (
                    centre + vec2(p.x, p.y) * layout.zoom,
                    drawn_radius(layout.engine.node(i).radius, layout.zoom),
                )
            })
            .collect()
    };
    let mut screen = screen_of(&view.layout);
    let node_at = |screen: &[(Pos2, f32)], p: Pos2| -> Option<usize> {
        screen
            .iter()
            .enumerate()
            .filter(|(_, (c, r))| c.distance(p) <= r + 4.0)
            .min_by(|x, y| x.1.0.distance(p).total_cmp(&y.1.0.distance(p)))
            .map(|(i, _)| i)
    };
    // Dragging a node moves it (and pins it); dragging the background pans.
    if bg.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin());
        view.dragging = origin.and_then(|p| node_at(&screen, p));
    }
    if bg.dragged() {
        match view.dragging {
            Some(i) => {
                if let Some(p) = ui.input(|inp| inp.pointer.interact_pos()) {
                    let l = &mut view.layout;
                    let w = (p - rect.center() - l.offset) / l.zoom;
                    l.engine.drag_to(i, graph_layout::V2::new(w.x, w.y));
                    ui.ctx().request_repaint();
                }
            }
            None => {
                view.layout.offset += bg.drag_delta();
                view.auto_fit = false;
            }
        }
    }
    if bg.drag_stopped() {
        view.dragging = None;
    }
    if bg.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y + i.zoom_delta().ln() * 200.0);
        if scroll != 0.0 {
            let l = &mut view.layout;
            let old = l.zoom;
            let new = (old * (scroll * 0.002).exp()).clamp(0.02, 6.0);
            if let Some(p) = ui.input(|i| i.pointer.hover_pos()) {
                let c = p - rect.center() - l.offset;
                l.offset -= c * (new / old - 1.0);
            }
            l.zoom = new;
            view.auto_fit = false;
        }
    }
    screen = screen_of(&view.layout);
    let zoom = view.layout.zoom;
    let selecting = !hl.is_empty();
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| rect.contains(*p) && bg.hovered());
    let hovered_node = pointer.and_then(|p| node_at(&screen, p));
    let hierarchy = view.layout.mode() == graph_layout::Mode::Hierarchy;
    // How edges and nodes look changes with the model and the highlights only.
    let style_key = {
        let fp = view.layout.built.map_or(0, |b| b.0);
        let mut h = fp ^ (model.edges.len() as u64) << 40;
        let mut mix = |x: u64| h = (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        mix(hl.generation);
        mix(std::ptr::from_ref(a) as u64);
        mix(selecting as u64 | (hierarchy as u64) << 1);
        for (i, _) in lit_edges.iter().enumerate().filter(|(_, l)| **l) {
            mix(i as u64);
        }
        h
    };
    if view.styles_key != Some(style_key) {
        view.styles_key = Some(style_key);
        view.styles = edge_styles(model, &view.layout, lit_edges, selecting, hierarchy);
        view.node_fills = model
            .nodes
            .iter()
            .map(|(id, _)| {
                let kind = a.actor(*id).kind;
                let base = palette::kind(kind);
                let lit = hl.actors.contains(id);
                (
                    kind,
                    if selecting && !lit {
                        palette::dim(base)
                    } else {
                        base
                    },
                )
            })
            .collect();
    }
    let visible = rect.expand(20.0);
    let origin = rect.center() + view.layout.offset;
    let engine = &view.layout.engine;
    let key = SceneKey {
        layout: (engine.revision(), engine.steps()),
        zoom,
        pixels_per_point: ui.ctx().pixels_per_point(),
        style: style_key,
        crowded: model.edges.len() > CROWDED_EDGES,
    };
    let fills = &view.node_fills;
    let node_looks = |i: usize| {
        fills
            .get(i)
            .copied()
            .unwrap_or((ActorKind::Organisation, Color32::GRAY))
    };
    view.scene.update(&SceneInput {
        key,
        origin,
        nodes: &screen,
        node_looks: &node_looks,
        edges: &view.styles,
        visible,
    });
    let hovered_edge = pointer
        .filter(|_| hovered_node.is_none())
        .and_then(|p| view.scene.edge_near(p, 5.0));
    let edge_mids = view.scene.edge_mids(model.edges.len());
    // Each mesh under a clip rect of its own, so that the tessellator copies it once into a
    // mesh of its own instead of growing one shared mesh (which costs more than drawing).
    painter
        .with_clip_rect(rect.shrink(0.01))
        .add(Shape::Mesh(view.scene.edges.clone()));
    painter
        .with_clip_rect(rect.shrink(0.02))
        .add(Shape::Mesh(view.scene.nodes.clone()));
    // Selection rings and pins over the nodes.
    let text_col = ui.visuals().text_color();
    let weak_col = ui.visuals().weak_text_color();
    for (i, (id, _)) in model.nodes.iter().enumerate().take(n) {
        let (sp, r) = screen[i];
        if !visible.contains(sp) {
            continue;
        }
        if selecting && hl.actors.contains(id) {
            painter.add(Shape::circle_stroke(
                sp,
                r * 1.3 + 1.0,
                Stroke::new(2.5, palette::SELECTED),
            ));
        }
        if view.layout.engine.is_pinned(i) {
            painter.add(Shape::circle_filled(sp + vec2(r, -r), 2.5, text_col));
        }
    }
    // Labels: the hovered actor's always; then the selected, then the most important; each
    // only where it covers no other label or node (the rest show on hover).
    let zoomed_in = zoom > view.layout.fit_zoom * 1.3;
    let font = egui::FontId::proportional(LABEL_FONT);
    let mut order: Vec<usize> = Vec::new();
    order.extend(hovered_node);
    if selecting {
        order.extend(
            (0..n).filter(|&i| hl.actors.contains(&model.nodes[i].0) && Some(i) != hovered_node),
        );
    }
    // Then everyone by importance, until labels cover a fifth of the canvas (all of them
    // with "label every actor", or zoomed in).
    order.extend((0..n).filter(|&i| {
        Some(i) != hovered_node && !(selecting && hl.actors.contains(&model.nodes[i].0))
    }));
    order.retain(|&i| rect.contains(screen[i].0));
    order.truncate(400);
    // Each label is laid out once per model and scale (in the placeholder colour, coloured
    // when drawn), and again when egui starts its font atlas anew.
    let galleys_key = (
        view.layout.built.map_or(0, |b| b.0),
        ui.ctx().pixels_per_point().to_bits(),
    );
    let atlas_fill = ui.ctx().fonts(|f| f.font_atlas_fill_ratio());
    let atlas_restarted = atlas_fill < view.atlas_fill;
    view.atlas_fill = atlas_fill;
    if view.galleys_key != Some(galleys_key)
        || view.galleys.len() != model.names.len()
        || atlas_restarted
    {
        view.galleys_key = Some(galleys_key);
        view.galleys = vec![None; model.names.len()];
    }
    let galleys: Vec<std::sync::Arc<egui::Galley>> = order
        .iter()
        .map(|&i| {
            view.galleys[i]
                .get_or_insert_with(|| {
                    painter.layout_no_wrap(
                        model.names[i].clone(),
                        font.clone(),
                        Color32::PLACEHOLDER,
                    )
                })
                .clone()
        })
        .collect();
    let to_v2 = |p: Pos2| graph_layout::V2::new(p.x, p.y);
    let requests: Vec<graph_layout::labels::LabelRequest> = order
        .iter()
        .zip(&galleys)
        .map(|(&i, g)| graph_layout::labels::LabelRequest {
            node: i,
            at: to_v2(screen[i].0),
            radius: screen[i].1,
            size: graph_layout::V2::new(g.size().x + 4.0, g.size().y),
            force: Some(i) == hovered_node,
        })
        .collect();
    let discs: Vec<(graph_layout::V2, f32)> = screen.iter().map(|(c, r)| (to_v2(*c), *r)).collect();
    let to_aabb = |r: Rect| graph_layout::Aabb::new(to_v2(r.min), to_v2(r.max));
    let keep_out: Vec<graph_layout::Aabb> = legend.iter().map(|l| to_aabb(l.1)).collect();
    let label_area = if settings.all_labels || zoomed_in {
        f32::INFINITY
    } else {
        rect.area() * 0.2
    };
    let placed = graph_layout::labels::place_labels(
        &requests,
        &discs,
        &keep_out,
        to_aabb(rect.shrink(2.0)),
        label_area,
    );
    let mut labels = Vec::new();
    for ((&i, g), at) in order.iter().zip(galleys).zip(placed) {
        let Some(b) = at else { continue };
        let r = Rect::from_min_max(pos2(b.min.x, b.min.y), pos2(b.max.x, b.max.y));
        painter.rect_filled(r, 2.0, ui.visuals().extreme_bg_color.gamma_multiply(0.85));
        let lit = hl.actors.contains(&model.nodes[i].0);
        let col = if selecting && !lit {
            weak_col
        } else {
            text_col
        };
        painter.galley(r.min + vec2(2.0, 0.0), g, col);
        labels.push((model.nodes[i].0, r));
    }
    if let Some((entries, at)) = &legend {
        legend_ui(ui, &painter, *at, entries);
    }
    view.drawn = Drawn {
        nodes: screen.clone(),
        edge_mids,
        labels,
        legend: legend.as_ref().map(|l| l.1),
    };
    // Clicks: a node selects its actor, an edge its relation or statements, the background
    // clears.
    if bg.double_clicked()
        && let Some(i) = hovered_node
    {
        view.layout.engine.unpin(i);
    }
    if bg.clicked() {
        if let Some(i) = hovered_node {
            cmds.push(Command::Select(Target::Actor(model.nodes[i].0)));
        } else if let Some((ei, _)) = hovered_edge {
            let e = &model.edges[ei];
            match e.relation {
                Some(r) => cmds.push(Command::Select(Target::Relation(r))),
                None => {
                    if let Some(&s) = e.statements.first() {
                        cmds.push(Command::Select(Target::Statement(s)));
                    }
                }
            }
        } else {
            cmds.push(Command::Clear);
        }
    }
    // Tooltips.
    if let Some(i) = hovered_node {
        let actor = a.actor(model.nodes[i].0);
        let pinned = view.layout.engine.is_pinned(i);
        bg.on_hover_ui_at_pointer(|ui| {
            ui.strong(&actor.name);
            ui.label(format!(
                "{} · {} mention(s) in {} document(s)",
                actor.kind.label(),
                actor.mention_count,
                actor.docs.len()
            ));
            if !actor.known {
                ui.weak("not in the lexicon: guessed from the text");
            }
            ui.weak(if pinned {
                "Click to select · drag to move · double-click to unpin"
            } else {
                "Click to select · drag to move (pins it)"
            });
        });
    } else if let Some((ei, _)) = hovered_edge {
        let e = &model.edges[ei];
        let tip = format!(
            "{} {} {} · {} report(s)",
            a.actor(e.from).name,
            e.kind.label(),
            a.actor(e.to).name,
            e.weight
        );
        bg.on_hover_ui_at_pointer(|ui| {
            ui.label(tip);
            ui.weak("Click to select the edge and its evidence");
        });
    }
    view.draw_ms = drawing.elapsed().as_secs_f64() * 1000.0;
    if changed || *settings != *current {
        cmds.push(Command::SetNetwork(settings.clone()));
    }
}

/// One checkbox per item, checked when the item is not in `hidden`; returns whether any changed.
fn hidden_checkboxes<T: Copy + PartialEq>(
    ui: &mut Ui,
    items: &[(T, &str)],
    hidden: &mut Vec<T>,
) -> bool {
    let mut changed = false;
    for &(k, label) in items {
        let mut on = !hidden.contains(&k);
        if ui.checkbox(&mut on, label).changed() {
            hidden.retain(|x| *x != k);
            if !on {
                hidden.push(k);
            }
            changed = true;
        }
    }
    changed
}
