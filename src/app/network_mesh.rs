//! The network's edges and nodes as two meshes (anti-aliased by a one-pixel feather), kept
//! from frame to frame: they are built again only when the nodes move, the zoom or the
//! highlights change, or a pan brings in what was left out; a pan otherwise only moves
//! them, and a frame where nothing changed draws them as they are. Thousands of shapes
//! through egui's tessellator would cost more than the whole frame may.

use std::sync::Arc;

use egui::{Color32, Mesh, Pos2, Rect, Vec2, vec2};

use proxylens::model::ActorKind;

/// How an edge is drawn.
#[derive(Clone, Copy, Debug)]
pub struct EdgeStyle {
    /// Its ends (node indices).
    pub from: u32,
    /// The end the arrow points at.
    pub to: u32,
    /// How far its middle is bent aside (points at zoom 1; parallel edges are bent apart).
    pub bend: f32,
    /// Colour.
    pub color: Color32,
    /// Width (points).
    pub width: f32,
    /// Whether the selection lights it (it keeps its arrowhead where others lose theirs).
    pub lit: bool,
}

/// What the meshes show: the same key gives the same meshes, up to a pan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneKey {
    /// The layout's revision and steps: where the nodes are.
    pub layout: (u64, u64),
    /// Zoom.
    pub zoom: f32,
    /// Screen pixels per point (the feather is one pixel).
    pub pixels_per_point: f32,
    /// What the edges' and nodes' styles were made from (model, highlights).
    pub style: u64,
    /// Whether so many edges are drawn that the shorter ones get no arrowhead unless lit.
    pub crowded: bool,
}

/// What a frame gives to draw.
pub struct SceneInput<'a> {
    /// What the meshes would show.
    pub key: SceneKey,
    /// Where the layout's origin is on screen.
    pub origin: Pos2,
    /// Each node's centre and radius on screen.
    pub nodes: &'a [(Pos2, f32)],
    /// Each node's kind and fill.
    pub node_looks: &'a dyn Fn(usize) -> (ActorKind, Color32),
    /// Each edge's style (`None`: not drawn).
    pub edges: &'a [Option<EdgeStyle>],
    /// What must be drawn (screen).
    pub visible: Rect,
}

/// An edge as drawn: its start, bend and end, relative to the layout's origin.
#[derive(Clone, Copy, Debug)]
struct DrawnEdge {
    edge: u32,
    start: Vec2,
    mid: Vec2,
    end: Vec2,
}

/// The edge and node meshes, and where the edges went.
pub struct Scene {
    key: Option<SceneKey>,
    /// Where the layout's origin was on screen when the meshes were made (or last moved).
    origin: Pos2,
    /// What the meshes cover (screen, at `origin`) when something was left out.
    covered: Option<Rect>,
    /// The meshes.
    pub edges: Arc<Mesh>,
    /// Nodes.
    pub nodes: Arc<Mesh>,
    drawn: Vec<DrawnEdge>,
    /// Meshes built so far (for tests and the benchmark).
    pub builds: u64,
}

impl Default for Scene {
    fn default() -> Self {
        Scene {
            key: None,
            origin: Pos2::ZERO,
            covered: None,
            edges: Default::default(),
            nodes: Default::default(),
            drawn: Vec::new(),
            builds: 0,
        }
    }
}

/// Edges shorter than this on screen (points) get no arrowhead; in a crowd, edges shorter
/// than the second (unless lit): thousands of arrowheads a few points apart read as noise
/// over the nodes, and zoomed in they come back.
const ARROW_MIN_LEN: f32 = 24.0;
const ARROW_MIN_LEN_CROWDED: f32 = 40.0;

impl Scene {
    /// Brings the meshes up to date with `input`: as they are when the key is the same and
    /// the pan kept what must be drawn within what they cover, moved when the pan moved,
    /// else built again.
    pub fn update(&mut self, input: &SceneInput) {
        let shift = input.origin - self.origin;
        let covers = self
            .covered
            .is_none_or(|c| c.translate(shift).contains_rect(input.visible));
        if self.key == Some(input.key) && covers {
            if shift != Vec2::ZERO {
                for mesh in [&mut self.edges, &mut self.nodes] {
                    for v in &mut Arc::make_mut(mesh).vertices {
                        v.pos += shift;
                    }
                }
                self.origin = input.origin;
                self.covered = self.covered.map(|c| c.translate(shift));
            }
            return;
        }
        self.build(input);
    }

    fn build(&mut self, input: &SceneInput) {
        self.builds += 1;
        self.key = Some(input.key);
        self.origin = input.origin;
        let feather = 1.0 / input.key.pixels_per_point;
        let zoom = input.key.zoom;
        // Half a canvas around what must be drawn, so that a pan does not build it all again
        // at once; everything, when everything is that near.
        let region = input.visible.expand2(input.visible.size() * 0.5);
        let max_bend = input
            .edges
            .iter()
            .flatten()
            .map(|e| e.bend.abs())
            .fold(0.0f32, f32::max)
            * zoom.min(1.0);
        let all = input
            .nodes
            .iter()
            .fold(Rect::NOTHING, |b, (c, r)| {
                b.union(Rect::from_center_size(*c, Vec2::splat(2.0 * r)))
            })
            .expand(max_bend + 2.0);
        self.covered = (!region.contains_rect(all)).then_some(region);
        let cull = self.covered.is_some();
        let arrow_min = if input.key.crowded {
            ARROW_MIN_LEN_CROWDED
        } else {
            ARROW_MIN_LEN
        };
        let edges_out = Arc::make_mut(&mut self.edges);
        clear(edges_out);
        self.drawn.clear();
        for (ei, e) in input.edges.iter().enumerate() {
            let Some(e) = e else { continue };
            let (Some(&(a, ra)), Some(&(b, rb))) = (
                input.nodes.get(e.from as usize),
                input.nodes.get(e.to as usize),
            ) else {
                continue;
            };
            if cull && !region.intersects(Rect::from_two_pos(a, b)) {
                continue;
            }
            let d = b - a;
            let len = d.x.hypot(d.y).max(1e-6);
            let dir = d / len;
            let bend = e.bend * zoom.min(1.0);
            let mid = a + d * 0.5 + vec2(-dir.y, dir.x) * bend;
            let (start, end, tip_dir) = if bend == 0.0 {
                (a + dir * ra, b - dir * (rb + 2.0), dir)
            } else {
                let end = b + unit(mid - b) * (rb + 2.0);
                (a + unit(mid - a) * ra, end, unit(end - mid))
            };
            self.drawn.push(DrawnEdge {
                edge: ei as u32,
                start: start - self.origin,
                mid: mid - self.origin,
                end: end - self.origin,
            });
            if bend == 0.0 {
                line_aa(edges_out, start, end, e.width, e.color, feather);
            } else {
                line_aa(edges_out, start, mid, e.width, e.color, feather);
                line_aa(edges_out, mid, end, e.width, e.color, feather);
            }
            // An arrowhead, where there is room for one.
            let span = (end - start).length();
            if span > ARROW_MIN_LEN && (span > arrow_min || e.lit) {
                let nrm = vec2(-tip_dir.y, tip_dir.x);
                let size = 4.0 + e.width;
                fill_convex(
                    edges_out,
                    &[
                        end,
                        end - tip_dir * size + nrm * size * 0.5,
                        end - tip_dir * size - nrm * size * 0.5,
                    ],
                    e.color,
                    feather,
                );
            }
        }
        let nodes_out = Arc::make_mut(&mut self.nodes);
        clear(nodes_out);
        let mut pts = Vec::with_capacity(32);
        for (i, &(c, r)) in input.nodes.iter().enumerate() {
            if cull && !region.expand(r).contains(c) {
                continue;
            }
            let (kind, fill) = (input.node_looks)(i);
            node_points(c, r, kind, &mut pts);
            fill_convex(nodes_out, &pts, fill, feather);
        }
    }

    /// The edge nearest `p` (screen) within `within` points, and how near.
    pub fn edge_near(&self, p: Pos2, within: f32) -> Option<(usize, f32)> {
        let p = p - self.origin;
        let mut best: Option<(usize, f32)> = None;
        for e in &self.drawn {
            let lo = e.start.min(e.mid).min(e.end) - Vec2::splat(within);
            let hi = e.start.max(e.mid).max(e.end) + Vec2::splat(within);
            if p.x < lo.x || p.y < lo.y || p.x > hi.x || p.y > hi.y {
                continue;
            }
            let dist = seg_dist(p, e.start, e.mid).min(seg_dist(p, e.mid, e.end));
            if dist < within && best.is_none_or(|(_, d)| dist < d) {
                best = Some((e.edge as usize, dist));
            }
        }
        best
    }

    /// Each edge's middle on screen, for the `n` edges of the model (`None`: not drawn).
    pub fn edge_mids(&self, n: usize) -> Vec<Option<Pos2>> {
        let mut out = vec![None; n];
        for e in &self.drawn {
            if let Some(m) = out.get_mut(e.edge as usize) {
                *m = Some(self.origin + e.mid);
            }
        }
        out
    }
}

/// Empties `mesh`, keeping its room (`Mesh::clear` lets the vertices' go, and growing them
/// again every frame would cost more than filling them).
fn clear(mesh: &mut Mesh) {
    mesh.vertices.clear();
    mesh.indices.clear();
}

/// `v` made one long (zero stays zero).
fn unit(v: Vec2) -> Vec2 {
    let len = v.x.hypot(v.y);
    if len > 0.0 { v / len } else { v }
}

fn seg_dist(p: Vec2, a: Vec2, b: Vec2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

/// The outline of a node by kind (a convex polygon, into `out`): a state is a disc, an armed
/// group a triangle, a person a square, a government body a diamond, a media outlet a wide
/// box, anything else a hexagon.
pub fn node_points(center: Pos2, r: f32, kind: ActorKind, out: &mut Vec<Pos2>) {
    out.clear();
    let mut poly = |k: usize, turn: f32, rx: f32, ry: f32| {
        out.extend((0..k).map(|i| {
            let t = turn + i as f32 * std::f32::consts::TAU / k as f32;
            center + vec2(t.cos() * rx, t.sin() * ry)
        }));
    };
    match kind {
        ActorKind::State => poly((r as usize).clamp(6, 32), 0.0, r, r),
        ActorKind::ArmedGroup => out.extend([
            center + vec2(0.0, -r),
            center + vec2(r * 0.95, r * 0.7),
            center + vec2(-r * 0.95, r * 0.7),
        ]),
        ActorKind::Person => {
            let h = r * 0.75;
            out.extend([
                center + vec2(-h, -h),
                center + vec2(h, -h),
                center + vec2(h, h),
                center + vec2(-h, h),
            ]);
        }
        ActorKind::GovernmentBody => poly(4, -std::f32::consts::FRAC_PI_2, r, r),
        ActorKind::Media => {
            let (w, h) = (r, r * 0.55);
            out.extend([
                center + vec2(-w, -h),
                center + vec2(w, -h),
                center + vec2(w, h),
                center + vec2(-w, h),
            ]);
        }
        _ => poly(6, 0.0, r, r),
    }
}

/// Adds a filled convex polygon to `mesh`, its edge feathered over `feather` points (as
/// egui's tessellator does).
pub fn fill_convex(mesh: &mut Mesh, pts: &[Pos2], color: Color32, feather: f32) {
    let n = pts.len();
    if n < 3 {
        return;
    }
    let area: f32 = (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum();
    let sign = if area >= 0.0 { 1.0 } else { -1.0 };
    // Outward normal of each side i (from point i to point i + 1).
    let mut normals = [Vec2::ZERO; 48];
    let n = n.min(normals.len());
    for (i, nrm) in normals.iter_mut().enumerate().take(n) {
        let e = pts[(i + 1) % n] - pts[i];
        let len = (e.x * e.x + e.y * e.y).sqrt().max(1e-6);
        *nrm = vec2(e.y, -e.x) * (sign / len);
    }
    let base = mesh.vertices.len() as u32;
    mesh.reserve_vertices(2 * n);
    mesh.reserve_triangles(3 * n);
    for i in 0..n {
        let (n0, n1) = (normals[(i + n - 1) % n], normals[i]);
        let avg = n0 + n1;
        let len2 = avg.x * avg.x + avg.y * avg.y;
        // Miter: an offset of half a feather along both sides' normals (bounded at sharp
        // corners).
        let m = if len2 > 1e-6 {
            avg * (2.0 / len2).min(6.0)
        } else {
            n0
        };
        mesh.colored_vertex(pts[i] - m * (feather * 0.5), color);
        mesh.colored_vertex(pts[i] + m * (feather * 0.5), Color32::TRANSPARENT);
    }
    for i in 1..(n as u32 - 1) {
        mesh.add_triangle(base, base + 2 * i, base + 2 * (i + 1));
    }
    for i in 0..n as u32 {
        let j = (i + 1) % n as u32;
        let (ai, ao, bi, bo) = (
            base + 2 * i,
            base + 2 * i + 1,
            base + 2 * j,
            base + 2 * j + 1,
        );
        mesh.add_triangle(ai, ao, bo);
        mesh.add_triangle(ai, bo, bi);
    }
}

/// Adds a line from `a` to `b`, `width` points wide, to `mesh`, its sides feathered (a line
/// thinner than the feather is drawn one feather wide and fainter).
fn line_aa(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32, feather: f32) {
    let d = b - a;
    let len = (d.x * d.x + d.y * d.y).sqrt();
    if len < 1e-3 {
        return;
    }
    let n = vec2(-d.y, d.x) / len;
    if width < 1.5 * feather {
        // A thin line (most of them, in a large network): its colour along the middle,
        // fading out `h` to each side, as much ink as `width` of full colour (fainter and one
        // feather to each side when thinner than the feather). Three vertices across instead
        // of four, where the middle two would nearly meet.
        let (color, h) = if width < feather {
            (color.gamma_multiply(width / feather), feather)
        } else {
            (color, width)
        };
        let base = mesh.vertices.len() as u32;
        for p in [a, b] {
            mesh.colored_vertex(p + n * h, Color32::TRANSPARENT);
            mesh.colored_vertex(p, color);
            mesh.colored_vertex(p - n * h, Color32::TRANSPARENT);
        }
        for k in 0..2u32 {
            let (a0, a1, b0, b1) = (base + k, base + k + 1, base + 3 + k, base + 3 + k + 1);
            mesh.add_triangle(a0, a1, b1);
            mesh.add_triangle(a0, b1, b0);
        }
        return;
    }
    let (color, w) = if width < feather {
        (color.gamma_multiply(width / feather), feather)
    } else {
        (color, width)
    };
    let (inner, outer) = ((w - feather) * 0.5, (w + feather) * 0.5);
    let base = mesh.vertices.len() as u32;
    for p in [a, b] {
        mesh.colored_vertex(p + n * outer, Color32::TRANSPARENT);
        mesh.colored_vertex(p + n * inner, color);
        mesh.colored_vertex(p - n * inner, color);
        mesh.colored_vertex(p - n * outer, Color32::TRANSPARENT);
    }
    for k in 0..3u32 {
        let (a0, a1, b0, b1) = (base + k, base + k + 1, base + 4 + k, base + 4 + k + 1);
        mesh.add_triangle(a0, a1, b1);
        mesh.add_triangle(a0, b1, b0);
    }
}
