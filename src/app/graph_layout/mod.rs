//! The actor network's layout engine, without egui: nodes with a size (a disc and the room
//! its label needs), edges, and a [`Layout::step`] that the view calls a few times per frame
//! until [`Layout::settled`].
//!
//! Two layouts:
//! - **force**: each connected component is laid out on its own by forces (repulsion
//!   between all nodes through a Barnes–Hut quadtree, springs along edges, a gravity that
//!   shapes the component to the canvas), then node boxes (disc and label) are pushed apart
//!   until none overlaps; the components are packed side by side in a rectangle of the
//!   canvas's aspect ratio;
//! - **hierarchy**: the ranking edges (backs, leads, member of) put their upper end above
//!   their lower end, level by level; components of ranking edges are packed the same way,
//!   and actors without any ranking edge fill the rest.
//!
//! Everything is deterministic for a seed: the same graph and seed give the same positions
//! after the same number of steps, whatever the frame rate.
//!
//! Units are points at zoom 1; y grows downwards, as on screen.

mod geom;
mod hierarchy;
pub mod labels;
mod pack;
mod quadtree;

pub use geom::{Aabb, V2};

use geom::Rng;
use quadtree::QuadTree;

/// Which layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// Force-directed, components side by side.
    #[default]
    Force,
    /// Levels from the ranking edges: backers, leaders and groups above.
    Hierarchy,
}

/// A node to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSpec {
    /// A stable key (the actor id): a node keeps its place when the graph is rebuilt.
    pub key: u64,
    /// Radius of its disc.
    pub radius: f32,
    /// Size (width, height) of the label drawn under the disc, when the node gets room for
    /// one.
    pub label: Option<(f32, f32)>,
    /// Importance (mentions): breaks ties, orders the packing and the hierarchy.
    pub weight: f32,
}

/// An edge between two nodes (indexes into the node list).
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeSpec {
    /// One end.
    pub from: usize,
    /// The other end.
    pub to: usize,
    /// Strength (number of reports).
    pub weight: f32,
    /// In the hierarchy, `from` goes above `to`.
    pub ranks: bool,
}

/// The room every node keeps free around its box.
pub const PAD: f32 = 3.0;
/// The preferred length of an edge.
const EDGE_LEN: f32 = 60.0;
/// The forces' strength ("alpha") at the start, after a small change, and when a dragged
/// node wakes the layout; it decays by `COOLING` per step and the forces stop below `T_END`
/// (about 300 steps from the start).
const T_START: f32 = 1.0;
const T_WARM: f32 = 0.3;
const T_DRAG: f32 = 0.1;
const T_END: f32 = 0.001;
const COOLING: f32 = 0.977;
/// Share of the velocity lost per step.
const FRICTION: f32 = 0.4;
/// Repulsion between two nodes (negative: apart), at the edge length's scale.
const CHARGE: f32 = -50.0 * (EDGE_LEN / 30.0) * (EDGE_LEN / 30.0);
/// Pull towards the component's centre.
const GRAVITY: f32 = 0.05;
/// Barnes–Hut opening angle (as in d3-force; a cell may then act on a node inside it, a
/// small push off its centre of mass that the springs absorb).
const THETA: f32 = 0.9;
/// Repacking interval while the forces run (steps).
const REPACK_EVERY: u64 = 10;

/// A spring between two connected nodes.
#[derive(Clone, Copy, Debug)]
struct Spring {
    a: usize,
    b: usize,
    /// Rest length.
    len: f32,
    /// Strength: weaker at busy nodes, so that a hub does not pull its leaves into a knot.
    strength: f32,
    /// Share of the correction taken by `b` (the less connected end moves more).
    bias: f32,
}

#[derive(Clone, Debug, Default)]
struct Comp {
    nodes: Vec<usize>,
    /// Where its local origin is drawn, and where it is heading.
    offset: V2,
    target: V2,
    /// The lone nodes (no edge), set in rows by importance: no forces act on them.
    grid: bool,
}

/// What the layout is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Forces (force layout) or moving to the levels (hierarchy).
    Moving,
    /// Pushing overlapping boxes apart (force layout).
    Separating,
    /// Components moving to their packed places.
    Arranging,
    /// Still: no step changes anything.
    Settled,
}

/// The layout state.
#[derive(Clone, Debug)]
pub struct Layout {
    nodes: Vec<NodeSpec>,
    edges: Vec<EdgeSpec>,
    /// Each node's box around its centre: disc, label room and padding.
    ext: Vec<Aabb>,
    mass: Vec<f32>,
    mode: Mode,
    aspect: f32,
    seed: u64,
    /// Position within its component.
    local: Vec<V2>,
    /// Velocity (force layout).
    vel: Vec<V2>,
    /// Springs: distinct connected pairs with their rest length, strength and bias.
    springs: Vec<Spring>,
    /// Hierarchy: where each node is heading (local).
    target: Vec<V2>,
    comp_of: Vec<usize>,
    comps: Vec<Comp>,
    pinned: Vec<bool>,
    temperature: f32,
    phase: Phase,
    /// Packing kept as it is (after the user moved a node).
    packing_frozen: bool,
    /// The layout started from places it had (a rebuild, a drag): the packing is redone
    /// only if components would overlap.
    warm: bool,
    steps: u64,
    /// Counts the changes made from outside (a new graph, layout, aspect, a drag): a copy
    /// stepped elsewhere (a worker thread) fits this layout only while it is the same.
    revision: u64,
    /// Steps spent in the current phase.
    phase_steps: u64,
    tree: QuadTree,
}

impl Layout {
    /// An empty layout; `aspect` is the canvas's width / height.
    pub fn new(seed: u64, aspect: f32) -> Layout {
        Layout {
            nodes: Vec::new(),
            edges: Vec::new(),
            ext: Vec::new(),
            mass: Vec::new(),
            mode: Mode::Force,
            aspect: aspect.clamp(0.3, 4.0),
            seed,
            local: Vec::new(),
            vel: Vec::new(),
            springs: Vec::new(),
            target: Vec::new(),
            comp_of: Vec::new(),
            comps: Vec::new(),
            pinned: Vec::new(),
            temperature: 0.0,
            phase: Phase::Settled,
            packing_frozen: false,
            warm: false,
            steps: 0,
            revision: 0,
            phase_steps: 0,
            tree: QuadTree::default(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The current layout.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Steps run so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Changes made from outside so far (see the field).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether nothing moves any more (a step would change nothing).
    pub fn settled(&self) -> bool {
        self.phase == Phase::Settled
    }

    /// The node's spec.
    pub fn node(&self, i: usize) -> &NodeSpec {
        &self.nodes[i]
    }

    /// Where node `i` is.
    pub fn position(&self, i: usize) -> V2 {
        self.local[i] + self.comps[self.comp_of[i]].offset
    }

    /// Node `i`'s box (disc and label room, without the padding) where it is.
    pub fn node_box(&self, i: usize) -> Aabb {
        self.ext[i].expand(-PAD).translate(self.position(i))
    }

    /// The box holding every node's box.
    pub fn bounds(&self) -> Aabb {
        (0..self.len()).fold(Aabb::EMPTY, |a, i| a.union(&self.node_box(i)))
    }

    /// Whether the user has pinned node `i`.
    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned[i]
    }

    /// Installs a new graph. Nodes already known (by key) keep where they are; new ones
    /// start next to their neighbours. The layout runs again (gently when most nodes are
    /// known).
    pub fn set_graph(&mut self, nodes: Vec<NodeSpec>, edges: Vec<EdgeSpec>) {
        if nodes == self.nodes && edges == self.edges {
            return;
        }
        self.revision += 1;
        let old: std::collections::HashMap<u64, (V2, bool)> = (0..self.len())
            .map(|i| (self.nodes[i].key, (self.position(i), self.pinned[i])))
            .collect();
        let n = nodes.len();
        let edges: Vec<EdgeSpec> = edges
            .into_iter()
            .filter(|e| e.from < n && e.to < n && e.from != e.to)
            .collect();
        let mut degree = vec![0u32; n];
        for e in &edges {
            degree[e.from] += 1;
            degree[e.to] += 1;
        }
        self.mass = degree.iter().map(|&d| 1.0 + d as f32).collect();
        self.ext = nodes.iter().map(node_ext).collect();
        self.springs = springs(&nodes, &edges, &self.ext);
        let mut world: Vec<Option<V2>> = vec![None; n];
        let mut pinned = vec![false; n];
        for (i, nd) in nodes.iter().enumerate() {
            if let Some(&(p, pin)) = old.get(&nd.key) {
                world[i] = Some(p);
                pinned[i] = pin;
            }
        }
        let kept = world.iter().filter(|w| w.is_some()).count();
        self.nodes = nodes;
        self.edges = edges;
        self.pinned = pinned;
        self.vel = vec![V2::ZERO; n];
        self.place_new(&mut world);
        let world: Vec<V2> = world.into_iter().map(|w| w.unwrap_or(V2::ZERO)).collect();
        self.rebuild_components(&world, kept > 0);
        self.warm = kept * 2 > n;
        self.temperature = if self.warm { T_WARM } else { T_START };
        self.packing_frozen = false;
        self.start();
    }

    /// Switches between the force and the hierarchy layout.
    pub fn set_mode(&mut self, mode: Mode) {
        if mode == self.mode {
            return;
        }
        self.mode = mode;
        self.revision += 1;
        let world: Vec<V2> = (0..self.len()).map(|i| self.position(i)).collect();
        // A node pinned in one layout would not fit the other's order.
        self.pinned.iter_mut().for_each(|p| *p = false);
        self.packing_frozen = false;
        self.rebuild_components(&world, true);
        self.warm = false;
        self.temperature = T_WARM;
        self.start();
    }

    /// Tells the layout the canvas's aspect ratio (width / height); a clear change repacks
    /// the components.
    pub fn set_aspect(&mut self, aspect: f32) {
        let aspect = aspect.clamp(0.3, 4.0);
        if (aspect / self.aspect - 1.0).abs() < 0.08 {
            return;
        }
        self.aspect = aspect;
        self.revision += 1;
        if self.mode == Mode::Hierarchy {
            let world: Vec<V2> = (0..self.len()).map(|i| self.position(i)).collect();
            self.rebuild_components(&world, true);
            self.start();
        } else if !self.packing_frozen {
            for c in 0..self.comps.len() {
                if self.comps[c].grid {
                    self.grid_targets(c);
                }
            }
            self.repack();
            if self.phase == Phase::Settled {
                self.phase = Phase::Arranging;
            }
        }
    }

    /// Lays everything out again from scratch (pins dropped).
    pub fn reset(&mut self) {
        let nodes = std::mem::take(&mut self.nodes);
        let edges = std::mem::take(&mut self.edges);
        self.local.clear();
        self.comps.clear();
        self.comp_of.clear();
        self.pinned.clear();
        self.steps = 0;
        self.set_graph(nodes, edges);
    }

    /// The user moves node `i` to `world`: it stays there (pinned) and its neighbours
    /// follow.
    pub fn drag_to(&mut self, i: usize, world: V2) {
        if i >= self.len() {
            return;
        }
        let off = self.comps[self.comp_of[i]].offset;
        self.local[i] = world - off;
        self.pinned[i] = true;
        self.revision += 1;
        self.packing_frozen = true;
        if self.mode == Mode::Hierarchy {
            self.target[i] = self.local[i];
        }
        self.temperature = self.temperature.max(T_DRAG);
        if self.phase != Phase::Moving {
            self.phase = Phase::Moving;
            self.phase_steps = 0;
        }
    }

    /// Lets node `i` move again.
    pub fn unpin(&mut self, i: usize) {
        if i < self.len() && self.pinned[i] {
            self.pinned[i] = false;
            self.revision += 1;
            self.temperature = self.temperature.max(T_WARM);
            self.phase = Phase::Moving;
            self.phase_steps = 0;
        }
    }

    /// Runs one step; returns whether anything moved.
    pub fn step(&mut self) -> bool {
        if self.phase == Phase::Settled {
            return false;
        }
        self.steps += 1;
        self.phase_steps += 1;
        let phase = self.phase;
        match (self.mode, self.phase) {
            (_, Phase::Settled) => {}
            (Mode::Force, Phase::Moving) => {
                self.forces();
                self.ease_to_targets();
                self.separate(1);
                self.temperature *= COOLING;
                if !self.packing_frozen
                    && self.steps.is_multiple_of(REPACK_EVERY)
                    && (!self.warm || self.components_collide())
                {
                    self.repack();
                }
                self.move_offsets();
                if self.temperature < T_END {
                    self.phase = Phase::Separating;
                }
            }
            (Mode::Force, Phase::Separating) => {
                // Two passes per step (a step stays short); a crowd that never comes apart
                // is given up on after a bound, so the layout always settles.
                let clean = self.separate(2);
                if clean || self.phase_steps > 1000 {
                    if !self.packing_frozen && (!self.warm || self.components_collide()) {
                        self.repack();
                    }
                    self.phase = Phase::Arranging;
                }
                self.move_offsets();
            }
            (Mode::Hierarchy, Phase::Moving) => {
                let moving = self.ease_to_targets();
                let offsets = self.move_offsets();
                if !moving && !offsets {
                    self.phase = Phase::Settled;
                }
            }
            (_, Phase::Arranging | Phase::Separating) => {
                let eased = self.ease_to_targets();
                if !self.move_offsets() && !eased {
                    self.phase = Phase::Settled;
                }
            }
        }
        if self.phase != phase {
            self.phase_steps = 0;
        }
        true
    }

    /// Runs steps until settled or `max_steps` are done; returns the steps run.
    #[cfg(test)]
    pub fn run(&mut self, max_steps: usize) -> usize {
        let mut k = 0;
        while k < max_steps && self.step() {
            k += 1;
        }
        k
    }

    fn start(&mut self) {
        self.phase_steps = 0;
        self.phase = if self.is_empty() {
            Phase::Settled
        } else {
            Phase::Moving
        };
    }

    /// Gives every node without a position one: next to its placed neighbours, else on a
    /// spiral around the most important node of its component (breadth-first, so that
    /// neighbours start close).
    fn place_new(&self, world: &mut [Option<V2>]) {
        let n = self.nodes.len();
        let mut rng = Rng::new(self.seed);
        let adj = self.adjacency(false);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            self.nodes[b]
                .weight
                .total_cmp(&self.nodes[a].weight)
                .then(self.nodes[a].key.cmp(&self.nodes[b].key))
        });
        let mut seen = vec![false; n];
        let mut spiral = 0usize;
        for &root in &order {
            if seen[root] {
                continue;
            }
            // Breadth-first over the component.
            let mut queue = std::collections::VecDeque::from([root]);
            seen[root] = true;
            while let Some(u) = queue.pop_front() {
                if world[u].is_none() {
                    let placed: Vec<V2> = adj[u].iter().filter_map(|&v| world[v]).collect();
                    let jitter = V2::new(rng.next_f32() - 0.5, rng.next_f32() - 0.5) * EDGE_LEN;
                    world[u] = Some(if placed.is_empty() {
                        let t = spiral as f32 * 2.399_963;
                        let r = EDGE_LEN * (spiral as f32 + 0.5).sqrt();
                        spiral += 1;
                        V2::new(r * t.cos(), r * t.sin()) + jitter * 0.1
                    } else {
                        placed.iter().fold(V2::ZERO, |a, p| a + *p) / placed.len() as f32 + jitter
                    });
                }
                for &v in &adj[u] {
                    if !seen[v] {
                        seen[v] = true;
                        queue.push_back(v);
                    }
                }
            }
        }
    }

    /// Neighbours of each node (over every edge, or only the ranking ones).
    fn adjacency(&self, ranking_only: bool) -> Vec<Vec<usize>> {
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for e in self.edges.iter().filter(|e| e.ranks || !ranking_only) {
            adj[e.from].push(e.to);
            adj[e.to].push(e.from);
        }
        for a in &mut adj {
            a.sort_unstable();
            a.dedup();
        }
        adj
    }

    /// Splits the graph into components (over every edge for the force layout, over the
    /// ranking edges for the hierarchy), with local positions from `world`; in the hierarchy
    /// the levels are computed. Then packs.
    fn rebuild_components(&mut self, world: &[V2], keep_offsets: bool) {
        let n = self.nodes.len();
        let adj = self.adjacency(self.mode == Mode::Hierarchy);
        let mut comp_of = vec![usize::MAX; n];
        let mut comps: Vec<Comp> = Vec::new();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            self.nodes[b]
                .weight
                .total_cmp(&self.nodes[a].weight)
                .then(self.nodes[a].key.cmp(&self.nodes[b].key))
        });
        for &root in &order {
            if comp_of[root] != usize::MAX {
                continue;
            }
            let c = comps.len();
            let mut members = vec![root];
            comp_of[root] = c;
            let mut k = 0;
            while k < members.len() {
                let u = members[k];
                k += 1;
                for &v in &adj[u] {
                    if comp_of[v] == usize::MAX {
                        comp_of[v] = c;
                        members.push(v);
                    }
                }
            }
            members.sort_unstable();
            comps.push(Comp {
                nodes: members,
                ..Default::default()
            });
        }
        // Lone nodes go together into one block of rows, most important first (packing
        // hundreds of them one by one would cost more and look ragged).
        let lone: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| comps[comp_of[i]].nodes.len() == 1)
            .collect();
        if lone.len() > 1 {
            comps.retain(|c| c.nodes.len() > 1);
            comps.push(Comp {
                nodes: lone,
                grid: true,
                ..Default::default()
            });
            for (c, comp) in comps.iter().enumerate() {
                for &i in &comp.nodes {
                    comp_of[i] = c;
                }
            }
        }
        for c in &mut comps {
            let centre = c.nodes.iter().fold(V2::ZERO, |a, &i| a + world[i]) / c.nodes.len() as f32;
            c.offset = centre;
            c.target = centre;
        }
        self.local = (0..n)
            .map(|i| world[i] - comps[comp_of[i]].offset)
            .collect();
        self.comp_of = comp_of;
        self.comps = comps;
        self.target = self.local.clone();
        for c in 0..self.comps.len() {
            if self.comps[c].grid {
                self.grid_targets(c);
            }
        }
        if self.mode == Mode::Hierarchy {
            self.hierarchy_targets();
        }
        self.repack();
        if self.mode == Mode::Hierarchy {
            self.stretch_levels();
        }
        if !keep_offsets {
            for c in &mut self.comps {
                c.offset = c.target;
            }
        }
    }

    /// The lone nodes' block: rows as wide as a block of the canvas's aspect, in order.
    fn grid_targets(&mut self, c: usize) {
        let members = &self.comps[c].nodes;
        let gap = EDGE_LEN * 0.25;
        let area: f32 = members
            .iter()
            .map(|&i| (self.ext[i].width() + gap) * (self.ext[i].height() + gap))
            .sum();
        let widest = members
            .iter()
            .map(|&i| self.ext[i].width())
            .fold(0.0, f32::max);
        let row_w = (area * self.aspect).sqrt().max(widest);
        let mut at = V2::ZERO;
        let mut row: Vec<usize> = Vec::new();
        let place = |row: &mut Vec<usize>, top: &mut f32, t: &mut Vec<V2>| {
            let above = row.iter().map(|&i| -self.ext[i].min.y).fold(0.0, f32::max);
            let below = row.iter().map(|&i| self.ext[i].max.y).fold(0.0, f32::max);
            let mut x = 0.0;
            for &i in row.iter() {
                t[i] = V2::new(x - self.ext[i].min.x, *top + above);
                x += self.ext[i].width() + gap;
            }
            *top += above + below + gap;
            row.clear();
        };
        let mut target = std::mem::take(&mut self.target);
        for &i in members {
            let w = self.ext[i].width() + gap;
            if !row.is_empty() && at.x + w > row_w {
                place(&mut row, &mut at.y, &mut target);
                at.x = 0.0;
            }
            at.x += w;
            row.push(i);
        }
        place(&mut row, &mut at.y, &mut target);
        self.target = target;
    }

    /// Moves the nodes that head for a target (all in the hierarchy, the lone ones' block in
    /// the force layout) a quarter of the way; returns whether any is still on its way.
    fn ease_to_targets(&mut self) -> bool {
        let mut moving = false;
        for c in 0..self.comps.len() {
            if self.mode == Mode::Force && !self.comps[c].grid {
                continue;
            }
            for k in 0..self.comps[c].nodes.len() {
                let i = self.comps[c].nodes[k];
                if self.pinned[i] {
                    continue;
                }
                let d = self.target[i] - self.local[i];
                if d.length_sq() < 0.01 {
                    self.local[i] = self.target[i];
                } else {
                    self.local[i] += d * 0.25;
                    moving = true;
                }
            }
        }
        moving
    }

    /// Hierarchy: when the packed levels come out wider than the canvas, their rows are set
    /// further apart (up to four times), so that the drawing fills the canvas's height.
    fn stretch_levels(&mut self) {
        let frame = (0..self.comps.len()).fold(Aabb::EMPTY, |a, c| {
            a.union(&self.comp_box(c).translate(self.comps[c].target))
        });
        if frame.is_empty() || frame.height() <= 0.0 {
            return;
        }
        let f = (frame.width() / self.aspect / frame.height()).min(4.0);
        if f <= 1.1 {
            return;
        }
        for c in 0..self.comps.len() {
            if self.comps[c].grid || self.comps[c].nodes.len() < 2 {
                continue;
            }
            for k in 0..self.comps[c].nodes.len() {
                let i = self.comps[c].nodes[k];
                self.target[i].y *= f;
            }
        }
        self.repack();
    }

    /// Hierarchy: each component's level positions.
    fn hierarchy_targets(&mut self) {
        for c in 0..self.comps.len() {
            if self.comps[c].grid {
                continue;
            }
            let members = &self.comps[c].nodes;
            let mut local_of = std::collections::HashMap::new();
            for (k, &i) in members.iter().enumerate() {
                local_of.insert(i, k);
            }
            let edges: Vec<(usize, usize)> = self
                .edges
                .iter()
                .filter(|e| e.ranks)
                .filter_map(|e| Some((*local_of.get(&e.from)?, *local_of.get(&e.to)?)))
                .collect();
            let ext: Vec<Aabb> = members.iter().map(|&i| self.ext[i]).collect();
            let weight: Vec<f32> = members.iter().map(|&i| self.nodes[i].weight).collect();
            let key: Vec<u64> = members.iter().map(|&i| self.nodes[i].key).collect();
            let comp = hierarchy::Component {
                ext: &ext,
                weight: &weight,
                key: &key,
                edges: &edges,
            };
            let levels = hierarchy::levels(&comp);
            let pos = hierarchy::positions(&comp, &levels, EDGE_LEN * 0.25, self.aspect);
            for (k, &i) in members.iter().enumerate() {
                self.target[i] = pos[k];
            }
        }
    }

    /// The box of component `c` in local units (at the nodes' current places, or at their
    /// targets in the hierarchy).
    fn comp_box(&self, c: usize) -> Aabb {
        let at = if self.mode == Mode::Hierarchy || self.comps[c].grid {
            &self.target
        } else {
            &self.local
        };
        self.comps[c]
            .nodes
            .iter()
            .fold(Aabb::EMPTY, |a, &i| a.union(&self.ext[i].translate(at[i])))
    }

    /// Packs the components' boxes; their offsets then move there.
    fn repack(&mut self) {
        let boxes: Vec<Aabb> = (0..self.comps.len()).map(|c| self.comp_box(c)).collect();
        let offsets = pack::pack(&boxes, EDGE_LEN * 0.5, self.aspect);
        for (c, o) in self.comps.iter_mut().zip(offsets) {
            c.target = o;
        }
    }

    /// Moves every component's offset a quarter of the way to its target; returns whether
    /// any is still on its way.
    fn move_offsets(&mut self) -> bool {
        let mut moving = false;
        for c in &mut self.comps {
            let d = c.target - c.offset;
            if d.length_sq() < 0.01 {
                c.offset = c.target;
            } else {
                c.offset += d * 0.25;
                moving = true;
            }
        }
        moving
    }

    /// One step of the forces, component by component: springs along edges, repulsion
    /// between all nodes (Barnes–Hut), a pull towards the centre that is stronger across the
    /// canvas's short side; velocities lose `FRICTION` per step.
    fn forces(&mut self) {
        let alpha = self.temperature;
        let n = self.len();
        // Springs (on the positions the velocities are heading to).
        for s in &self.springs {
            let (a, b) = (s.a, s.b);
            let mut d = (self.local[b] + self.vel[b]) - (self.local[a] + self.vel[a]);
            if d.length_sq() < 1e-6 {
                d = V2::new(1e-3 * (1 + a % 5) as f32, 1e-3 * (1 + b % 3) as f32);
            }
            let l = d.length();
            let k = (l - s.len) / l * alpha * s.strength;
            self.vel[b] -= d * (k * s.bias);
            self.vel[a] += d * (k * (1.0 - s.bias));
        }
        let (gx, gy) = if self.aspect >= 1.0 {
            (GRAVITY / self.aspect, GRAVITY)
        } else {
            (GRAVITY, GRAVITY * self.aspect)
        };
        for c in 0..self.comps.len() {
            if self.comps[c].grid {
                continue;
            }
            let members = std::mem::take(&mut self.comps[c].nodes);
            if members.len() > 1 {
                self.tree.build(&members, &self.local, &self.mass);
                for &i in &members {
                    let p = self.local[i];
                    let mut v = V2::ZERO;
                    self.tree
                        .for_each_source(p, i, THETA, &self.local, &self.mass, |q, mq| {
                            let mut d = q - p;
                            let mut l2 = d.length_sq();
                            if l2 < 1e-6 {
                                // Coincident: a fixed nudge (deterministic).
                                d = V2::new(0.3 + (i % 7) as f32 * 0.1, 0.2);
                                l2 = d.length_sq();
                            }
                            // Closer than a node's size the push stops growing; a busy
                            // node pushes harder, so that its neighbours get room.
                            let l2 = l2.max(100.0);
                            v += d * (CHARGE * mq.sqrt() * alpha / l2);
                        });
                    v -= V2::new(p.x * gx, p.y * gy) * alpha;
                    self.vel[i] += v;
                }
            }
            self.comps[c].nodes = members;
        }
        let mut max_move = 0.0f32;
        for i in 0..n {
            let c = &self.comps[self.comp_of[i]];
            if self.pinned[i] || c.grid || c.nodes.len() == 1 {
                self.vel[i] = V2::ZERO;
                continue;
            }
            self.vel[i] = self.vel[i] * (1.0 - FRICTION);
            // A bound on a step keeps a crowded start from blowing apart.
            let l = self.vel[i].length();
            if l > EDGE_LEN {
                self.vel[i] = self.vel[i] * (EDGE_LEN / l);
            }
            self.local[i] += self.vel[i];
            max_move = max_move.max(self.vel[i].length());
        }
        // Nothing moves any more: no need to wait for the cooling.
        if max_move < 0.02 && self.phase_steps > 10 {
            self.temperature = self.temperature.min(T_END * 0.99);
        }
    }

    /// Whether the boxes of two components overlap where they are.
    fn components_collide(&self) -> bool {
        let mut boxes: Vec<Aabb> = (0..self.comps.len())
            .map(|c| self.comp_box(c).translate(self.comps[c].offset))
            .collect();
        boxes.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
        for i in 0..boxes.len() {
            for j in (i + 1)..boxes.len() {
                if boxes[j].min.x >= boxes[i].max.x {
                    break;
                }
                if boxes[i].overlaps(&boxes[j]) {
                    return true;
                }
            }
        }
        false
    }

    /// Pushes overlapping boxes of the same component apart, `passes` times at most;
    /// returns whether a pass found no overlaps in every component.
    fn separate(&mut self, passes: usize) -> bool {
        let mut clean = true;
        for c in 0..self.comps.len() {
            if self.comps[c].nodes.len() < 2 || self.comps[c].grid {
                continue;
            }
            let members = std::mem::take(&mut self.comps[c].nodes);
            // Clean when a pass finds nothing to push.
            let found_clean = (0..passes).any(|_| self.separate_once(&members));
            clean &= found_clean;
            self.comps[c].nodes = members;
        }
        clean
    }

    /// Cells of a grid over the boxes of `members`: the cell size and the (cell, member)
    /// pairs, sorted.
    fn grid(&self, members: &[usize]) -> (f32, Vec<CellMember>) {
        let mut sizes: Vec<f32> = members
            .iter()
            .map(|&i| self.ext[i].width().max(self.ext[i].height()))
            .collect();
        sizes.sort_by(f32::total_cmp);
        let cell = sizes[sizes.len() / 2].max(4.0) * 1.5;
        let mut cells = Vec::with_capacity(members.len() * 2);
        for &i in members {
            let b = self.ext[i].translate(self.local[i]);
            let (x0, y0) = (
                (b.min.x / cell).floor() as i32,
                (b.min.y / cell).floor() as i32,
            );
            let (x1, y1) = (
                (b.max.x / cell).floor() as i32,
                (b.max.y / cell).floor() as i32,
            );
            for gx in x0..=x1 {
                for gy in y0..=y1 {
                    cells.push(((gx, gy), i));
                }
            }
        }
        cells.sort_unstable();
        (cell, cells)
    }

    /// Calls `f(i, j)` once for every pair of overlapping boxes among `members`.
    fn overlapping_pairs(&self, members: &[usize], mut f: impl FnMut(usize, usize)) {
        let (cell, cells) = self.grid(members);
        let mut k = 0;
        while k < cells.len() {
            let mut end = k;
            while end < cells.len() && cells[end].0 == cells[k].0 {
                end += 1;
            }
            let (gx, gy) = cells[k].0;
            for a in k..end {
                for b in (a + 1)..end {
                    let (i, j) = (cells[a].1, cells[b].1);
                    let bi = self.ext[i].translate(self.local[i]);
                    let bj = self.ext[j].translate(self.local[j]);
                    if !bi.overlaps(&bj) {
                        continue;
                    }
                    // Count the pair in the one cell holding its overlap's top-left corner.
                    let cx = (bi.min.x.max(bj.min.x) / cell).floor() as i32;
                    let cy = (bi.min.y.max(bj.min.y) / cell).floor() as i32;
                    if (cx, cy) == (gx, gy) {
                        f(i, j);
                    }
                }
            }
            k = end;
        }
    }

    /// One pass of pushing apart; returns whether nothing overlapped.
    fn separate_once(&mut self, members: &[usize]) -> bool {
        let mut pairs = Vec::new();
        self.overlapping_pairs(members, |i, j| pairs.push((i.min(j), i.max(j))));
        if pairs.is_empty() {
            return true;
        }
        pairs.sort_unstable();
        for (i, j) in pairs {
            let bi = self.ext[i].translate(self.local[i]);
            let bj = self.ext[j].translate(self.local[j]);
            let dx = bi.max.x.min(bj.max.x) - bi.min.x.max(bj.min.x);
            let dy = bi.max.y.min(bj.max.y) - bi.min.y.max(bj.min.y);
            if dx <= 0.0 || dy <= 0.0 {
                continue;
            }
            let (ci, cj) = (bi.center(), bj.center());
            let push = if dx < dy {
                let s = if ci.x < cj.x || (ci.x == cj.x && i < j) {
                    -1.0
                } else {
                    1.0
                };
                V2::new(s * (dx + 0.01), 0.0)
            } else {
                let s = if ci.y < cj.y || (ci.y == cj.y && i < j) {
                    -1.0
                } else {
                    1.0
                };
                V2::new(0.0, s * (dy + 0.01))
            };
            match (self.pinned[i], self.pinned[j]) {
                (true, true) => {}
                (true, false) => self.local[j] -= push,
                (false, true) => self.local[i] += push,
                (false, false) => {
                    self.local[i] += push * 0.5;
                    self.local[j] -= push * 0.5;
                }
            }
        }
        false
    }
}

/// One spring per connected pair: rest length by the two nodes' sizes, strength and bias
/// by their connections (as in d3-force).
fn springs(nodes: &[NodeSpec], edges: &[EdgeSpec], ext: &[Aabb]) -> Vec<Spring> {
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .map(|e| (e.from.min(e.to), e.from.max(e.to)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut count = vec![0u32; nodes.len()];
    for &(a, b) in &pairs {
        count[a] += 1;
        count[b] += 1;
    }
    pairs
        .into_iter()
        .map(|(a, b)| {
            let size = |i: usize| ext[i].width().max(ext[i].height()) / 2.0;
            let (ca, cb) = (count[a] as f32, count[b] as f32);
            Spring {
                a,
                b,
                len: EDGE_LEN + size(a) + size(b),
                strength: 1.0 / ca.min(cb),
                bias: ca / (ca + cb),
            }
        })
        .collect()
}

/// A grid cell and a node with a part of its box in it.
type CellMember = ((i32, i32), usize);

/// A node's box around its centre: the disc, the label under it, and the padding.
fn node_ext(n: &NodeSpec) -> Aabb {
    let r = n.radius.max(0.5);
    let (lw, lh) = n.label.unwrap_or((0.0, 0.0));
    let half = r.max(lw / 2.0);
    let below = if n.label.is_some() { r + 2.0 + lh } else { r };
    Aabb::new(V2::new(-half, -r), V2::new(half, below)).expand(PAD)
}

#[cfg(test)]
mod tests;
