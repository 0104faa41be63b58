//! Where node labels go on screen: the most important first, each beside its node (below,
//! above, right or left), never over another label, another node or a keep-out box; a label
//! that finds no free place is dropped (the view shows it on hover).

use super::geom::{Aabb, V2};

/// One label to place.
#[derive(Clone, Copy, Debug)]
pub struct LabelRequest {
    /// The node it names (index into the `nodes` given to [`place_labels`]).
    pub node: usize,
    /// The node's centre (screen).
    pub at: V2,
    /// The node's radius (screen).
    pub radius: f32,
    /// The label's size (screen).
    pub size: V2,
    /// Placed even when no free place is found (the hovered node's label).
    pub force: bool,
}

/// A uniform grid of boxes for overlap queries.
struct Grid {
    cell: f32,
    cells: std::collections::HashMap<(i32, i32), Vec<u32>>,
    boxes: Vec<Aabb>,
    owner: Vec<u32>,
}

impl Grid {
    fn new(cell: f32) -> Grid {
        Grid {
            cell: cell.max(1.0),
            cells: Default::default(),
            boxes: Vec::new(),
            owner: Vec::new(),
        }
    }

    fn span(&self, b: &Aabb) -> (i32, i32, i32, i32) {
        let c = self.cell;
        (
            (b.min.x / c).floor() as i32,
            (b.min.y / c).floor() as i32,
            (b.max.x / c).floor() as i32,
            (b.max.y / c).floor() as i32,
        )
    }

    fn insert(&mut self, b: Aabb, owner: u32) {
        let k = self.boxes.len() as u32;
        self.boxes.push(b);
        self.owner.push(owner);
        let (x0, y0, x1, y1) = self.span(&b);
        for gx in x0..=x1 {
            for gy in y0..=y1 {
                self.cells.entry((gx, gy)).or_default().push(k);
            }
        }
    }

    /// Whether `b` overlaps a box of another owner than `me`.
    fn hits(&self, b: &Aabb, me: u32) -> bool {
        let (x0, y0, x1, y1) = self.span(b);
        for gx in x0..=x1 {
            for gy in y0..=y1 {
                if let Some(v) = self.cells.get(&(gx, gy))
                    && v.iter().any(|&k| {
                        self.owner[k as usize] != me && self.boxes[k as usize].overlaps(b)
                    })
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Places `labels` (in priority order) inside `bounds`, away from the node discs `nodes`
/// (centre, radius) and from the boxes `keep_out`, until the labels placed cover
/// `area_budget` (forced ones always go). Returns each label's box, or `None` when it is
/// dropped.
pub fn place_labels(
    labels: &[LabelRequest],
    nodes: &[(V2, f32)],
    keep_out: &[Aabb],
    bounds: Aabb,
    area_budget: f32,
) -> Vec<Option<Aabb>> {
    let typical = labels
        .iter()
        .map(|l| l.size.y * 4.0)
        .fold(24.0f32, f32::max)
        .min(200.0);
    let mut grid = Grid::new(typical);
    const NOBODY: u32 = u32::MAX;
    for (i, (c, r)) in nodes.iter().enumerate() {
        if bounds.expand(*r).contains(*c) {
            grid.insert(Aabb::from_center_size(*c, 2.0 * r, 2.0 * r), i as u32);
        }
    }
    for b in keep_out {
        grid.insert(*b, NOBODY);
    }
    let mut out = vec![None; labels.len()];
    let mut covered = 0.0;
    for (i, l) in labels.iter().enumerate() {
        let (w, h, r) = (l.size.x, l.size.y, l.radius);
        if !l.force && covered + w * h > area_budget {
            continue;
        }
        let gap = 2.0;
        let candidates = [
            // Below, above, right, left.
            Aabb::new(
                V2::new(l.at.x - w / 2.0, l.at.y + r + gap),
                V2::new(l.at.x + w / 2.0, l.at.y + r + gap + h),
            ),
            Aabb::new(
                V2::new(l.at.x - w / 2.0, l.at.y - r - gap - h),
                V2::new(l.at.x + w / 2.0, l.at.y - r - gap),
            ),
            Aabb::new(
                V2::new(l.at.x + r + gap + 1.0, l.at.y - h / 2.0),
                V2::new(l.at.x + r + gap + 1.0 + w, l.at.y + h / 2.0),
            ),
            Aabb::new(
                V2::new(l.at.x - r - gap - 1.0 - w, l.at.y - h / 2.0),
                V2::new(l.at.x - r - gap - 1.0, l.at.y + h / 2.0),
            ),
        ];
        // A label's own node never blocks it; labels are owned by their node too, so a
        // forced label may sit on nothing but its own disc.
        let me = l.node as u32;
        let free = candidates
            .iter()
            .find(|b| bounds.contains_box(b) && !grid.hits(b, me))
            .copied();
        let chosen = free.or(if l.force { Some(candidates[0]) } else { None });
        if let Some(b) = chosen {
            grid.insert(b, NOBODY);
            covered += w * h;
            out[i] = Some(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap_each_other_or_other_nodes_and_the_important_ones_stay() {
        // A crowded cluster: 300 nodes in a 400x300 box.
        let mut rng = super::super::geom::Rng::new(3);
        let mut nodes: Vec<(V2, f32)> = (0..300)
            .map(|_| {
                (
                    V2::new(rng.next_f32() * 400.0, rng.next_f32() * 300.0),
                    2.0 + rng.next_f32() * 8.0,
                )
            })
            .collect();
        // The most important node has some room around it.
        let first = nodes[0].0;
        let mut k = 0;
        nodes.retain(|(c, _)| {
            k += 1;
            k == 1 || (*c - first).length() > 70.0
        });
        let labels: Vec<LabelRequest> = nodes
            .iter()
            .enumerate()
            .map(|(i, (c, r))| LabelRequest {
                node: i,
                at: *c,
                radius: *r,
                size: V2::new(30.0 + (i % 7) as f32 * 12.0, 13.0),
                force: false,
            })
            .collect();
        let legend = Aabb::new(V2::new(0.0, 240.0), V2::new(120.0, 300.0));
        let bounds = Aabb::new(V2::ZERO, V2::new(400.0, 300.0));
        let out = place_labels(&labels, &nodes, &[legend], bounds, f32::INFINITY);
        // A budget of area stops the placing early.
        let few = place_labels(&labels, &nodes, &[legend], bounds, 400.0 * 13.0);
        assert!(
            few.iter()
                .flatten()
                .map(|b| b.width() * b.height())
                .sum::<f32>()
                <= 400.0 * 13.0
        );
        assert!(few.iter().flatten().count() < out.iter().flatten().count());
        let placed: Vec<(usize, Aabb)> = out
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| (i, b)))
            .collect();
        assert!(out[0].is_some(), "the most important label is placed");
        assert!(
            placed.len() > 10 && placed.len() < nodes.len(),
            "{}",
            placed.len()
        );
        for (k, (i, a)) in placed.iter().enumerate() {
            assert!(bounds.contains_box(a));
            assert!(!a.overlaps(&legend));
            for (j, b) in &placed[k + 1..] {
                assert!(!a.overlaps(b), "labels {i} and {j}");
            }
            for (n, (c, r)) in nodes.iter().enumerate() {
                let disc = Aabb::from_center_size(*c, 2.0 * r, 2.0 * r);
                assert!(n == *i || !a.overlaps(&disc), "label {i} over node {n}");
            }
        }
    }

    #[test]
    fn a_forced_label_is_shown_even_in_a_crowd() {
        let nodes = vec![(V2::new(50.0, 50.0), 5.0), (V2::new(50.0, 62.0), 5.0)];
        let mut labels = vec![
            LabelRequest {
                node: 0,
                at: nodes[0].0,
                radius: 5.0,
                size: V2::new(300.0, 13.0),
                force: false,
            };
            2
        ];
        labels[1].node = 1;
        labels[1].at = nodes[1].0;
        labels[1].force = true;
        let out = place_labels(
            &labels,
            &nodes,
            &[],
            Aabb::new(V2::ZERO, V2::new(100.0, 100.0)),
            0.0,
        );
        assert_eq!(out[0], None);
        assert!(out[1].is_some());
    }
}
