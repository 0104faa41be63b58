//! A Barnes–Hut quadtree: the repulsion of far groups of nodes is taken from their centre of
//! mass, so that a step costs O(n log n) instead of O(n²).

use super::geom::V2;

/// Cells with at most this many points are not split.
const LEAF_SIZE: usize = 4;
/// Deeper cells are not split either (coincident points).
const MAX_DEPTH: u32 = 24;

#[derive(Clone, Debug)]
struct Cell {
    /// Centre of mass.
    com: V2,
    /// Total mass.
    mass: f32,
    /// Side length.
    size: f32,
    /// First child (the four children are consecutive), or 0 for a leaf.
    child: u32,
    /// Range of `order` holding the points of a leaf.
    start: u32,
    end: u32,
}

/// The tree over one set of points (rebuilt every step; its buffers are reused).
#[derive(Clone, Debug, Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    order: Vec<u32>,
    scratch: Vec<u32>,
    stack: Vec<u32>,
}

impl QuadTree {
    /// Builds the tree over `pts` (indexes into `pos` and `mass`).
    pub fn build(&mut self, pts: &[usize], pos: &[V2], mass: &[f32]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(pts.iter().map(|&i| i as u32));
        if pts.is_empty() {
            return;
        }
        let (mut lo, mut hi) = (V2::new(f32::MAX, f32::MAX), V2::new(f32::MIN, f32::MIN));
        for &i in pts {
            let p = pos[i];
            lo = V2::new(lo.x.min(p.x), lo.y.min(p.y));
            hi = V2::new(hi.x.max(p.x), hi.y.max(p.y));
        }
        let size = (hi.x - lo.x).max(hi.y - lo.y).max(1e-3) * 1.0001;
        self.cells.push(Cell {
            com: V2::ZERO,
            mass: 0.0,
            size,
            child: 0,
            start: 0,
            end: pts.len() as u32,
        });
        self.split(0, lo, 0, pos, mass);
    }

    fn split(&mut self, cell: usize, corner: V2, depth: u32, pos: &[V2], mass: &[f32]) {
        let (start, end) = (
            self.cells[cell].start as usize,
            self.cells[cell].end as usize,
        );
        let mut m = 0.0;
        let mut com = V2::ZERO;
        for &i in &self.order[start..end] {
            let w = mass[i as usize];
            m += w;
            com += pos[i as usize] * w;
        }
        self.cells[cell].mass = m;
        self.cells[cell].com = if m > 0.0 { com / m } else { corner };
        if end - start <= LEAF_SIZE || depth >= MAX_DEPTH {
            return;
        }
        let half = self.cells[cell].size / 2.0;
        let mid = corner + V2::new(half, half);
        // Partition the cell's points into the four quadrants (stable, through `scratch`).
        let quadrant = |p: V2| usize::from(p.x >= mid.x) + 2 * usize::from(p.y >= mid.y);
        let mut counts = [0usize; 4];
        for &i in &self.order[start..end] {
            counts[quadrant(pos[i as usize])] += 1;
        }
        let mut at = [start; 4];
        for q in 1..4 {
            at[q] = at[q - 1] + counts[q - 1];
        }
        let bounds = at;
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.order[start..end]);
        for k in 0..self.scratch.len() {
            let i = self.scratch[k];
            let q = quadrant(pos[i as usize]);
            self.order[at[q]] = i;
            at[q] += 1;
        }
        let first = self.cells.len();
        self.cells[cell].child = first as u32;
        for q in 0..4 {
            self.cells.push(Cell {
                com: V2::ZERO,
                mass: 0.0,
                size: half,
                child: 0,
                start: bounds[q] as u32,
                end: (bounds[q] + counts[q]) as u32,
            });
        }
        for (q, &count) in counts.iter().enumerate() {
            let c = corner + V2::new(half * (q % 2) as f32, half * (q / 2) as f32);
            if count > 0 {
                self.split(first + q, c, depth + 1, pos, mass);
            }
        }
    }

    /// Calls `f(centre, mass)` for every point or far group that acts on a body at `p`
    /// (`skip` is the body itself); `theta` trades accuracy for speed (0: exact).
    pub fn for_each_source(
        &mut self,
        p: V2,
        skip: usize,
        theta: f32,
        pos: &[V2],
        mass: &[f32],
        mut f: impl FnMut(V2, f32),
    ) {
        if self.cells.is_empty() {
            return;
        }
        self.stack.clear();
        self.stack.push(0);
        while let Some(c) = self.stack.pop() {
            let cell = &self.cells[c as usize];
            if cell.mass <= 0.0 {
                continue;
            }
            if cell.child == 0 {
                for &i in &self.order[cell.start as usize..cell.end as usize] {
                    if i as usize != skip {
                        f(pos[i as usize], mass[i as usize]);
                    }
                }
                continue;
            }
            let d = (cell.com - p).length();
            if cell.size < theta * d {
                f(cell.com, cell.mass);
            } else {
                for q in 0..4 {
                    self.stack.push(cell.child + q);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_groups_act_through_their_centre_of_mass_and_near_points_one_by_one() {
        let pos: Vec<V2> = (0..200)
            .map(|i| V2::new((i % 20) as f32 * 3.0, (i / 20) as f32 * 5.0))
            .collect();
        let mass: Vec<f32> = (0..200).map(|i| 1.0 + (i % 3) as f32).collect();
        let idx: Vec<usize> = (0..200).collect();
        let mut t = QuadTree::default();
        t.build(&idx, &pos, &mass);
        for probe in [0usize, 57, 199] {
            let p = pos[probe];
            // Exact (theta 0) visits every other point once.
            let (mut n, mut m) = (0, 0.0);
            t.for_each_source(p, probe, 0.0, &pos, &mass, |_, w| {
                n += 1;
                m += w;
            });
            assert_eq!(n, 199);
            let total: f32 = mass.iter().sum::<f32>() - mass[probe];
            assert!((m - total).abs() < 1e-3);
            // Approximate: the same total mass, from fewer sources, and the force close.
            let force = |theta: f32, t: &mut QuadTree| {
                let mut f = V2::ZERO;
                let mut k = 0;
                t.for_each_source(p, probe, theta, &pos, &mass, |c, w| {
                    let d = p - c;
                    f += d * (w / d.length_sq().max(1.0));
                    k += 1;
                });
                (f, k)
            };
            let (exact, _) = force(0.0, &mut t);
            let (approx, k) = force(0.8, &mut t);
            assert!(k < 199, "{k}");
            assert!((exact - approx).length() <= 0.1 * exact.length() + 0.05);
        }
    }
}
