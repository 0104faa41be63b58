//! The layered ("hierarchy") layout of one component: every ranking edge points down (a
//! backer above what it backs, a leader above what it leads, a group above its members),
//! levels from the longest path, orders within a level by barycentres, x by the order, and
//! long levels wrapped into several rows.

use super::geom::{Aabb, V2};

/// The input of one component, in local indexes `0..n`.
pub struct Component<'a> {
    /// Each node's box around its centre (disc and label room).
    pub ext: &'a [Aabb],
    /// Importance, for the order in which cycles are broken.
    pub weight: &'a [f32],
    /// Tie-breaking key.
    pub key: &'a [u64],
    /// Edges (upper, lower).
    pub edges: &'a [(usize, usize)],
}

/// The level of each node: every edge goes from a lower level number to a higher one
/// (edges closing a cycle are dropped first, the least important node's edge first).
pub fn levels(c: &Component<'_>) -> Vec<u32> {
    let n = c.ext.len();
    let mut downs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, v) in c.edges {
        if u != v {
            downs[u].push(v);
        }
    }
    for d in &mut downs {
        d.sort_unstable();
        d.dedup();
    }
    // Depth-first from the most important node: an edge back to a node on the stack would
    // close a cycle and is dropped.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        c.weight[b]
            .total_cmp(&c.weight[a])
            .then(c.key[a].cmp(&c.key[b]))
    });
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut dag: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &root in &order {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (u, ref mut k)) = stack.last_mut() {
            if *k < downs[u].len() {
                let v = downs[u][*k];
                *k += 1;
                match state[v] {
                    0 => {
                        dag[u].push(v);
                        state[v] = 1;
                        stack.push((v, 0));
                    }
                    2 => dag[u].push(v),
                    _ => {} // back edge: dropped
                }
            } else {
                state[u] = 2;
                stack.pop();
            }
        }
    }
    // Longest path from the sources (Kahn's order, deterministic).
    let mut indeg = vec![0usize; n];
    for d in &dag {
        for &v in d {
            indeg[v] += 1;
        }
    }
    let mut queue: std::collections::VecDeque<usize> =
        order.iter().copied().filter(|&v| indeg[v] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    let mut level = vec![0u32; n];
    while let Some(u) = queue.pop_front() {
        topo.push(u);
        for &v in &dag[u] {
            level[v] = level[v].max(level[u] + 1);
            indeg[v] -= 1;
            if indeg[v] == 0 {
                queue.push_back(v);
            }
        }
    }
    // A node with nothing above it sits just above the highest of what it ranks over (a
    // leader of a group on the group's row above, not on the top row).
    let mut ups = vec![0usize; n];
    for d in &dag {
        for &v in d {
            ups[v] += 1;
        }
    }
    for &u in topo.iter().rev() {
        if ups[u] == 0
            && let Some(m) = dag[u].iter().map(|&v| level[v]).min()
        {
            level[u] = m.saturating_sub(1).max(level[u]);
        }
    }
    let lowest = level.iter().copied().min().unwrap_or(0);
    level.iter_mut().for_each(|l| *l -= lowest);
    level
}

/// Positions (centred on the origin) for the nodes of `c` at `levels`, `gap` apart, with
/// rows no wider than a block of `aspect` would be.
pub fn positions(c: &Component<'_>, level: &[u32], gap: f32, aspect: f32) -> Vec<V2> {
    let n = c.ext.len();
    if n == 0 {
        return Vec::new();
    }
    let depth = level.iter().copied().max().unwrap_or(0) as usize + 1;
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    let mut by_key: Vec<usize> = (0..n).collect();
    by_key.sort_by(|&a, &b| {
        c.weight[b]
            .total_cmp(&c.weight[a])
            .then(c.key[a].cmp(&c.key[b]))
    });
    for &v in &by_key {
        rows[level[v] as usize].push(v);
    }
    let mut ups: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut downs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, v) in c.edges {
        if u != v {
            downs[u].push(v);
            ups[v].push(u);
        }
    }
    // Order within levels: barycentre sweeps, down then up.
    let mut rank = vec![0f32; n];
    let set_ranks = |rows: &Vec<Vec<usize>>, rank: &mut Vec<f32>| {
        for r in rows {
            for (i, &v) in r.iter().enumerate() {
                rank[v] = i as f32;
            }
        }
    };
    set_ranks(&rows, &mut rank);
    for sweep in 0..8 {
        let down = sweep % 2 == 0;
        let range: Vec<usize> = if down {
            (1..depth).collect()
        } else {
            (0..depth.saturating_sub(1)).rev().collect()
        };
        for li in range {
            let nb = if down { &ups } else { &downs };
            let bary: Vec<(usize, f32)> = rows[li]
                .iter()
                .map(|&v| {
                    let xs = &nb[v];
                    let b = if xs.is_empty() {
                        rank[v]
                    } else {
                        // Ranks of the other level scaled to this level's length.
                        let other = if down { li - 1 } else { li + 1 };
                        let scale = rows[li].len() as f32 / rows[other].len().max(1) as f32;
                        xs.iter().map(|&u| rank[u] * scale).sum::<f32>() / xs.len() as f32
                    };
                    (v, b)
                })
                .collect();
            let mut sorted = bary;
            sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(rank[a.0].total_cmp(&rank[b.0])));
            rows[li] = sorted.into_iter().map(|(v, _)| v).collect();
            for (i, &v) in rows[li].iter().enumerate() {
                rank[v] = i as f32;
            }
        }
    }
    // Wrap long levels into rows no wider than the block would be at `aspect`.
    let area: f32 = c
        .ext
        .iter()
        .map(|e| (e.width() + gap) * (e.height() + gap * 2.0))
        .sum();
    let widest = c.ext.iter().map(|e| e.width()).fold(0.0, f32::max);
    let max_w = ((area * aspect.clamp(0.3, 4.0)).sqrt() * 1.3).max(widest * 3.0);
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for r in rows {
        let mut cur: Vec<usize> = Vec::new();
        let mut w = 0.0;
        for v in r {
            let vw = c.ext[v].width() + gap;
            if !cur.is_empty() && w + vw > max_w {
                lines.push(std::mem::take(&mut cur));
                w = 0.0;
            }
            w += vw;
            cur.push(v);
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
    }
    // x: in order, then pulled towards the nodes above (and below), keeping the order and
    // the gaps.
    let mut x = vec![0f32; n];
    let sep = |a: usize, b: usize| c.ext[a].max.x - c.ext[b].min.x + gap;
    for line in &lines {
        let mut at = 0.0;
        for (i, &v) in line.iter().enumerate() {
            if i > 0 {
                at += sep(line[i - 1], v);
            }
            x[v] = at;
        }
        let mid = at / 2.0;
        for &v in line {
            x[v] -= mid;
        }
    }
    for pass in 0..4 {
        let towards = if pass % 2 == 0 { &ups } else { &downs };
        let order: Vec<usize> = if pass % 2 == 0 {
            (0..lines.len()).collect()
        } else {
            (0..lines.len()).rev().collect()
        };
        for li in order {
            let line = &lines[li];
            let want: Vec<f32> = line
                .iter()
                .map(|&v| {
                    let nb = &towards[v];
                    if nb.is_empty() {
                        x[v]
                    } else {
                        nb.iter().map(|&u| x[u]).sum::<f32>() / nb.len() as f32
                    }
                })
                .collect();
            let mut p = want.clone();
            for i in 1..line.len() {
                p[i] = p[i].max(p[i - 1] + sep(line[i - 1], line[i]));
            }
            let shift = p.iter().zip(&want).map(|(a, b)| a - b).sum::<f32>() / line.len() as f32;
            for (i, &v) in line.iter().enumerate() {
                x[v] = p[i] - shift;
            }
        }
    }
    // y: rows stacked top-down, the nodes of a row on one line; a block wider than `aspect`
    // gets taller gaps (up to four times), so that it fills its share of the canvas.
    let heights: Vec<(f32, f32)> = lines
        .iter()
        .map(|line| {
            let above = line.iter().map(|&v| -c.ext[v].min.y).fold(0.0, f32::max);
            let below = line.iter().map(|&v| c.ext[v].max.y).fold(0.0, f32::max);
            (above, below)
        })
        .collect();
    let width = (0..n)
        .map(|v| x[v] + c.ext[v].max.x)
        .fold(f32::MIN, f32::max)
        - (0..n)
            .map(|v| x[v] + c.ext[v].min.x)
            .fold(f32::MAX, f32::min);
    let tight: f32 = heights.iter().map(|(a, b)| a + b).sum::<f32>()
        + gap * 2.0 * lines.len().saturating_sub(1) as f32;
    let extra = if lines.len() > 1 {
        ((width / aspect.clamp(0.3, 4.0) - tight) / (lines.len() - 1) as f32).clamp(0.0, gap * 6.0)
    } else {
        0.0
    };
    let mut out = vec![V2::ZERO; n];
    let mut top = 0.0f32;
    for (line, (above, below)) in lines.iter().zip(&heights) {
        let y = top + above;
        for &v in line {
            out[v] = V2::new(x[v], y);
        }
        top = y + below + gap * 2.0 + extra;
    }
    let bb = out
        .iter()
        .zip(c.ext)
        .fold(Aabb::EMPTY, |a, (p, e)| a.union(&e.translate(*p)));
    let mid = bb.center();
    out.iter_mut().for_each(|p| *p -= mid);
    out
}
