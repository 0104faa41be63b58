//! The actor network: actors as nodes (size by mentions, colour and shape by kind), relations
//! and statements as directed edges (colour by kind, width by reports). The force-directed
//! layout advances a few steps per frame within a time budget and settles; nodes can be
//! dragged (and stay pinned), the view pans and zooms.

use std::collections::HashMap;
use std::time::Instant;

use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::model::{ActorId, ActorKind, RelationKind, StatementKind};

use super::commands::Command;
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
        NetworkModel {
            nodes: candidates,
            edges,
            available,
        }
    }
}

/// Force-directed layout state (kept across rebuilds so nodes stay where they were).
#[derive(Default)]
pub struct Layout {
    pos: HashMap<ActorId, Vec2>,
    vel: HashMap<ActorId, Vec2>,
    pinned: std::collections::HashSet<ActorId>,
    temperature: f32,
    /// Pan offset (screen points) and zoom.
    pub offset: Vec2,
    /// Zoom factor.
    pub zoom: f32,
    /// Layout steps run so far (for tests and the benchmark).
    pub steps: u64,
}

impl Layout {
    /// Puts new nodes in place and wakes the layout.
    pub fn sync(&mut self, m: &NetworkModel) {
        for (i, (id, _)) in m.nodes.iter().enumerate() {
            self.pos.entry(*id).or_insert_with(|| {
                // Deterministic spiral start.
                let t = i as f32 * 2.399_963;
                let r = 40.0 * (i as f32 + 1.0).sqrt();
                vec2(r * t.cos(), r * t.sin())
            });
        }
        self.temperature = self.temperature.max(1.0);
        if self.zoom <= 0.0 {
            self.zoom = 1.0;
        }
    }

    /// Whether the layout has settled.
    pub fn settled(&self) -> bool {
        self.temperature < 0.01
    }

    /// Runs one step; returns the largest move.
    pub fn step(&mut self, m: &NetworkModel) -> f32 {
        let ids: Vec<ActorId> = m.nodes.iter().map(|(id, _)| *id).collect();
        let n = ids.len();
        if n == 0 {
            self.temperature = 0.0;
            return 0.0;
        }
        let k = 110.0f32;
        let mut force = vec![Vec2::ZERO; n];
        let p: Vec<Vec2> = ids.iter().map(|id| self.pos[id]).collect();
        let index: HashMap<ActorId, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for i in 0..n {
            for j in (i + 1)..n {
                let mut d = p[i] - p[j];
                let mut dist2 = d.length_sq();
                if dist2 < 0.01 {
                    d = vec2(
                        ((i * 7 + j) % 5) as f32 - 2.0,
                        ((i + j * 3) % 5) as f32 - 2.0,
                    );
                    dist2 = d.length_sq().max(0.01);
                }
                let f = d * (k * k / dist2);
                force[i] += f;
                force[j] -= f;
            }
        }
        for e in &m.edges {
            let (Some(&i), Some(&j)) = (index.get(&e.from), index.get(&e.to)) else {
                continue;
            };
            let d = p[j] - p[i];
            let dist = d.length().max(0.1);
            let f = d * (dist / k) * 0.5;
            force[i] += f;
            force[j] -= f;
        }
        let mut degree = vec![0u32; n];
        for e in &m.edges {
            if let (Some(&i), Some(&j)) = (index.get(&e.from), index.get(&e.to)) {
                degree[i] += 1;
                degree[j] += 1;
            }
        }
        let mut max_move = 0.0f32;
        for (i, id) in ids.iter().enumerate() {
            // Gravity keeps islands on screen; unconnected actors are held closer.
            force[i] -= p[i] * if degree[i] == 0 { 0.35 } else { 0.06 };
            if self.pinned.contains(id) {
                continue;
            }
            let v = self.vel.entry(*id).or_default();
            *v = (*v + force[i] * 0.05) * 0.6;
            let limit = 30.0 * self.temperature;
            if v.length() > limit {
                *v = v.normalized() * limit;
            }
            max_move = max_move.max(v.length());
            *self.pos.get_mut(id).expect("synced") += *v;
        }
        self.temperature *= 0.985;
        if max_move < 0.05 {
            self.temperature = 0.0;
        }
        self.steps += 1;
        max_move
    }

    /// Runs steps until the budget is spent or the layout settles.
    pub fn advance(&mut self, m: &NetworkModel, budget_ms: f64) {
        let t = Instant::now();
        while !self.settled() && t.elapsed().as_secs_f64() * 1000.0 < budget_ms {
            self.step(m);
        }
    }

    /// Unpins every node and restarts the layout.
    pub fn reset(&mut self) {
        self.pinned.clear();
        self.pos.clear();
        self.vel.clear();
        self.offset = Vec2::ZERO;
        self.zoom = 1.0;
        self.temperature = 1.0;
    }

    /// Sets zoom and offset so that every node fits in `size`.
    pub fn fit(&mut self, m: &NetworkModel, size: Vec2) {
        let pts: Vec<Vec2> = m
            .nodes
            .iter()
            .filter_map(|(id, _)| self.pos.get(id).copied())
            .collect();
        if pts.is_empty() || size.x <= 0.0 || size.y <= 0.0 {
            return;
        }
        // Fit the bulk of the network (5th to 95th percentile), not its far outliers.
        let mut xs: Vec<f32> = pts.iter().map(|p| p.x).collect();
        let mut ys: Vec<f32> = pts.iter().map(|p| p.y).collect();
        xs.sort_by(f32::total_cmp);
        ys.sort_by(f32::total_cmp);
        let q = |v: &[f32], f: f32| v[((v.len() - 1) as f32 * f).round() as usize];
        let (lo, hi) = (
            vec2(q(&xs, 0.05), q(&ys, 0.05)),
            vec2(q(&xs, 0.95), q(&ys, 0.95)),
        );
        let span = (hi - lo).max(Vec2::splat(40.0));
        self.zoom = (size.x / span.x).min(size.y / span.y).clamp(0.05, 3.0);
        self.offset = -((lo + hi) / 2.0) * self.zoom;
    }

    /// Where a node is (layout units), for tests.
    pub fn position(&self, id: ActorId) -> Option<Vec2> {
        self.pos.get(&id).copied()
    }
}

/// A node's radius: by its share of the most mentioned actor shown, so that the same picture
/// holds for five articles or a hundred thousand (area grows with mentions).
fn node_radius(mentions: u32, most: u32) -> f32 {
    6.0 + 22.0 * (mentions as f32 / most.max(1) as f32).sqrt()
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

/// An edge's width: by its share of the most reported edge shown.
fn edge_width(weight: usize, heaviest: usize) -> f32 {
    1.0 + 5.0 * (weight as f32 / heaviest.max(1) as f32).sqrt()
}

/// Draws a node shape by kind.
pub fn node_shape(center: Pos2, r: f32, kind: ActorKind, fill: Color32, stroke: Stroke) -> Shape {
    match kind {
        ActorKind::State => Shape::circle_filled(center, r, fill),
        ActorKind::ArmedGroup => Shape::convex_polygon(
            vec![
                center + vec2(0.0, -r * 1.2),
                center + vec2(r * 1.1, r * 0.8),
                center + vec2(-r * 1.1, r * 0.8),
            ],
            fill,
            stroke,
        ),
        ActorKind::Person => Shape::rect_filled(
            Rect::from_center_size(center, Vec2::splat(r * 1.5)),
            2.0,
            fill,
        ),
        ActorKind::GovernmentBody => Shape::convex_polygon(
            vec![
                center + vec2(0.0, -r * 1.2),
                center + vec2(r * 1.2, 0.0),
                center + vec2(0.0, r * 1.2),
                center + vec2(-r * 1.2, 0.0),
            ],
            fill,
            stroke,
        ),
        ActorKind::Media => Shape::rect_filled(
            Rect::from_center_size(center, vec2(r * 2.0, r * 1.1)),
            4.0,
            fill,
        ),
        _ => {
            let pts: Vec<Pos2> = (0..6)
                .map(|i| center + Vec2::angled(i as f32 * std::f32::consts::TAU / 6.0) * r * 1.1)
                .collect();
            Shape::convex_polygon(pts, fill, stroke)
        }
    }
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
    dragging: Option<ActorId>,
}

impl Default for NetworkView {
    fn default() -> Self {
        NetworkView {
            layout: Layout::default(),
            search: String::new(),
            canvas: Rect::NOTHING,
            auto_fit: true,
            dragging: None,
        }
    }
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
                }
            }
        }
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
        let label = ui.label("Min reports");
        changed |= ui
            .add(egui::DragValue::new(&mut settings.min_weight).range(1..=50))
            .labelled_by(label.id)
            .on_hover_text("Hide edges reported fewer times than this")
            .changed();
        ui.menu_button("Filters", |ui| {
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
        });
        ui.toggle_value(&mut settings.legend, "Legend")
            .on_hover_ui(|ui| {
                ui.label("Actors (shape and colour by kind):");
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
            view.layout.sync(model);
            view.auto_fit = true;
        }
    });
    let (rect, bg) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    view.canvas = rect;
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
    // Layout: a few milliseconds per frame, never blocking.
    view.layout.advance(model, 4.0);
    if !view.layout.settled() {
        ui.ctx().request_repaint();
    }
    if view.auto_fit {
        view.layout.fit(model, rect.shrink(30.0).size());
    }
    // Pan and zoom.
    if bg.dragged() && view.dragging.is_none() {
        view.layout.offset += bg.drag_delta();
        view.auto_fit = false;
    }
    if bg.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y + i.zoom_delta().ln() * 200.0);
        if scroll != 0.0 {
            let old = view.layout.zoom;
            let new = (old * (scroll * 0.002).exp()).clamp(0.1, 6.0);
            if let Some(p) = ui.input(|i| i.pointer.hover_pos()) {
                let c = p - rect.center() - view.layout.offset;
                view.layout.offset -= c * (new / old - 1.0);
            }
            view.layout.zoom = new;
            view.auto_fit = false;
        }
    }
    if bg.clicked() {
        cmds.push(Command::Clear);
    }
    let zoom = view.layout.zoom;
    let center = rect.center() + view.layout.offset;
    let to_screen = |p: Vec2| center + p * zoom;
    let selecting = !hl.is_empty();
    let most = model.nodes.iter().map(|(_, n)| *n).max().unwrap_or(1);
    let heaviest = model.edges.iter().map(|e| e.weight).max().unwrap_or(1);
    let radius: HashMap<ActorId, f32> = model
        .nodes
        .iter()
        .map(|(id, n)| (*id, node_radius(*n, most) * zoom.sqrt()))
        .collect();
    // Edges (parallel edges between the same pair are bent apart).
    let mut pair_count: HashMap<(ActorId, ActorId), usize> = HashMap::new();
    let mut hovered_edge: Option<(usize, f32)> = None;
    let pointer = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|p| rect.contains(*p));
    for (ei, e) in model.edges.iter().enumerate() {
        let (Some(pa), Some(pb)) = (view.layout.position(e.from), view.layout.position(e.to))
        else {
            continue;
        };
        let (a_s, b_s) = (to_screen(pa), to_screen(pb));
        let key = if e.from < e.to {
            (e.from, e.to)
        } else {
            (e.to, e.from)
        };
        let nth = pair_count.entry(key).or_default();
        let bend = (*nth as f32) * 14.0 * if e.from < e.to { 1.0 } else { -1.0 };
        *nth += 1;
        let dir = (b_s - a_s).normalized();
        let normal = vec2(-dir.y, dir.x);
        let mid = a_s + (b_s - a_s) * 0.5 + normal * bend;
        let lit = lit_edges.get(ei).copied().unwrap_or(false);
        let col = palette::edge(e.kind);
        let col = if selecting && !lit {
            palette::dim(col)
        } else {
            col
        };
        let w = edge_width(e.weight, heaviest) * if lit { 1.8 } else { 1.0 };
        let ra = radius.get(&e.from).copied().unwrap_or(6.0);
        let rb = radius.get(&e.to).copied().unwrap_or(6.0);
        let start = a_s + (mid - a_s).normalized() * ra;
        let end = b_s + (mid - b_s).normalized() * (rb + 2.0);
        let pts = vec![start, mid, end];
        painter.add(Shape::line(pts, Stroke::new(w, col)));
        // Arrow head.
        let d = (end - mid).normalized();
        let n = vec2(-d.y, d.x);
        let size = 5.0 + w;
        painter.add(Shape::convex_polygon(
            vec![
                end,
                end - d * size + n * size * 0.5,
                end - d * size - n * size * 0.5,
            ],
            col,
            Stroke::NONE,
        ));
        if let Some(p) = pointer {
            let dist = seg_dist(p, start, mid).min(seg_dist(p, mid, end));
            if dist < 5.0 && hovered_edge.is_none_or(|(_, d)| dist < d) {
                hovered_edge = Some((ei, dist));
            }
        }
    }
    // Nodes.
    let mut hovered_node = None;
    let mut placed_labels: Vec<Rect> = Vec::new();
    let font = egui::FontId::proportional(11.0 + zoom.min(2.0));
    // Label the dozen most mentioned actors; the rest on hover, selection or zoom.
    let label_min = {
        let mut m: Vec<u32> = model.nodes.iter().map(|(_, n)| *n).collect();
        m.sort_unstable_by(|a, b| b.cmp(a));
        m.get(11).copied().unwrap_or(0).max(2)
    };
    for (id, mentions) in &model.nodes {
        let Some(p) = view.layout.position(*id) else {
            continue;
        };
        let sp = to_screen(p);
        let r = radius[id];
        let actor = a.actor(*id);
        let node_rect = Rect::from_center_size(sp, Vec2::splat(r * 2.4));
        let resp = ui.interact(
            node_rect.intersect(rect),
            ui.scope_id().with(("node", id.0)),
            Sense::click_and_drag(),
        );
        if resp.drag_started() {
            view.dragging = Some(*id);
        }
        if resp.dragged() {
            if let Some(pos) = view.layout.pos.get_mut(id) {
                *pos += resp.drag_delta() / zoom;
            }
            view.layout.pinned.insert(*id);
            view.layout.temperature = view.layout.temperature.max(0.3);
        }
        if resp.drag_stopped() {
            view.dragging = None;
        }
        if resp.clicked() {
            cmds.push(Command::Select(Target::Actor(*id)));
        }
        if resp.double_clicked() {
            view.layout.pinned.remove(id);
            view.layout.temperature = 1.0;
        }
        if resp.hovered() {
            hovered_node = Some(*id);
        }
        let lit = hl.actors.contains(id);
        let base = palette::kind(actor.kind);
        let fill = if selecting && !lit {
            palette::dim(base)
        } else {
            base
        };
        let stroke = if lit && selecting {
            Stroke::new(2.5, palette::SELECTED)
        } else {
            Stroke::new(1.0, ui.visuals().window_stroke.color)
        };
        painter.add(node_shape(sp, r, actor.kind, fill, Stroke::NONE));
        if lit && selecting {
            painter.circle_stroke(sp, r * 1.35, stroke);
        }
        if view.layout.pinned.contains(id) {
            painter.circle_filled(sp + vec2(r, -r), 2.5, ui.visuals().text_color());
        }
        let show_label = settings.all_labels
            || (lit && selecting)
            || *mentions >= label_min
            || zoom > 1.6
            || hovered_node == Some(*id);
        if show_label {
            let text_col = if selecting && !lit {
                ui.visuals().weak_text_color()
            } else {
                ui.visuals().text_color()
            };
            let galley = painter.layout_no_wrap(actor.name.clone(), font.clone(), text_col);
            let tp = sp + vec2(-galley.size().x / 2.0, r + 2.0);
            // Labels never cover each other: the more important actor (drawn first) keeps its
            // label, unless the other is selected or hovered.
            let label_rect = Rect::from_min_size(tp, galley.size()).expand(1.0);
            let must = (lit && selecting) || hovered_node == Some(*id);
            if must
                || !placed_labels
                    .iter()
                    .any(|r: &Rect| r.intersects(label_rect))
            {
                placed_labels.push(label_rect);
                painter.rect_filled(
                    label_rect,
                    2.0,
                    ui.visuals().extreme_bg_color.gamma_multiply(0.8),
                );
                painter.galley(tp, galley, text_col);
            }
        }
        resp.on_hover_ui(|ui| {
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
            ui.weak("Click to select · drag to move (pins it) · double-click to unpin");
        });
    }
    if let (Some((ei, _)), None) = (hovered_edge, hovered_node) {
        let e = &model.edges[ei];
        let tip = format!(
            "{} {} {} · {} report(s)",
            a.actor(e.from).name,
            e.kind.label(),
            a.actor(e.to).name,
            e.weight
        );
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            ui.scope_id().with("edge-tip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            ui.label(tip);
            ui.weak("Click to select the edge and its evidence");
        });
        if bg.clicked() {
            cmds.retain(|c| *c != Command::Clear);
            match e.relation {
                Some(r) => cmds.push(Command::Select(Target::Relation(r))),
                None => {
                    if let Some(&s) = e.statements.first() {
                        cmds.push(Command::Select(Target::Statement(s)));
                    }
                }
            }
        }
    }
    // The legend sits over the network when there is room; otherwise it is the tooltip of
    // the "Legend" button.
    if settings.legend && rect.width() > 430.0 && rect.height() > 340.0 {
        legend(ui, rect, &painter);
    }
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

fn seg_dist(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

fn legend(ui: &Ui, rect: Rect, painter: &egui::Painter) {
    let font = egui::FontId::proportional(10.5);
    let col = ui.visuals().text_color();
    let row_h = 13.0;
    let edges = EdgeKind::all();
    let rows = edges.len().max(ActorKind::ALL.len());
    let h = rows as f32 * row_h + 8.0;
    let w = 250.0;
    let top_left = pos2(rect.left() + 6.0, rect.bottom() - h - 6.0);
    painter.rect_filled(
        Rect::from_min_size(top_left, vec2(w, h)),
        4.0,
        ui.visuals().extreme_bg_color.gamma_multiply(0.92),
    );
    for (i, k) in ActorKind::ALL.into_iter().enumerate() {
        let p = top_left + vec2(10.0, 10.0 + i as f32 * row_h);
        painter.add(node_shape(p, 4.5, k, palette::kind(k), Stroke::NONE));
        painter.text(
            p + vec2(10.0, 0.0),
            egui::Align2::LEFT_CENTER,
            k.label(),
            font.clone(),
            col,
        );
    }
    for (i, k) in edges.into_iter().enumerate() {
        let p = top_left + vec2(135.0, 10.0 + i as f32 * row_h);
        painter.line_segment(
            [p + vec2(-6.0, 0.0), p + vec2(6.0, 0.0)],
            Stroke::new(2.5, palette::edge(k)),
        );
        painter.text(
            p + vec2(10.0, 0.0),
            egui::Align2::LEFT_CENTER,
            k.label(),
            font.clone(),
            col,
        );
    }
}
