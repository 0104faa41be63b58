//! The layout's properties, checked on generated graphs shaped like actor networks (a few
//! hubs, many leaves, small islands, lone actors).

use super::*;

/// A graph of `n` nodes: preferential attachment for most, some islands of two or three,
/// a tenth alone; every fifth edge ranks (from above to).
fn graph(n: usize, seed: u64) -> (Vec<NodeSpec>, Vec<EdgeSpec>) {
    let mut rng = Rng::new(seed);
    let nodes: Vec<NodeSpec> = (0..n)
        .map(|i| {
            let weight = 1.0 + 200.0 / (1.0 + i as f32);
            NodeSpec {
                key: 1000 + i as u64,
                radius: 6.0 + 14.0 * (weight / 201.0).sqrt(),
                label: (i < 40).then(|| (40.0 + (i * 37 % 70) as f32, 14.0)),
                weight,
            }
        })
        .collect();
    let mut edges = Vec::new();
    let core = n * 7 / 10;
    let mut ends: Vec<usize> = vec![0];
    for i in 1..core {
        let k = 1 + usize::from(rng.next_f32() < 0.3);
        for _ in 0..k {
            let j = ends[(rng.next_f32() * ends.len() as f32) as usize % ends.len()];
            if j != i {
                edges.push(EdgeSpec {
                    from: j,
                    to: i,
                    weight: 1.0 + (rng.next_f32() * 5.0).floor(),
                    ranks: edges.len() % 5 == 0,
                });
                ends.push(j);
                ends.push(i);
            }
        }
    }
    // Islands of two and three.
    let mut i = core;
    while i + 3 < n * 9 / 10 {
        edges.push(EdgeSpec {
            from: i,
            to: i + 1,
            weight: 1.0,
            ranks: true,
        });
        if i.is_multiple_of(2) {
            edges.push(EdgeSpec {
                from: i + 1,
                to: i + 2,
                weight: 1.0,
                ranks: false,
            });
            i += 3;
        } else {
            i += 2;
        }
    }
    (nodes, edges)
}

fn settled(n: usize, mode: Mode, seed: u64) -> Layout {
    let (nodes, edges) = graph(n, seed);
    let mut l = Layout::new(seed, 1.4);
    l.set_mode(mode);
    l.set_graph(nodes, edges);
    let steps = l.run(20_000);
    assert!(
        l.settled(),
        "{n} nodes, {mode:?}: not settled after {steps} steps"
    );
    l
}

/// The disc and label boxes of each node where it is.
fn drawn(l: &Layout, i: usize) -> (Aabb, Option<Aabb>) {
    let p = l.position(i);
    let n = l.node(i);
    let disc = Aabb::from_center_size(p, 2.0 * n.radius, 2.0 * n.radius);
    let label = n.label.map(|(w, h)| {
        Aabb::new(
            V2::new(p.x - w / 2.0, p.y + n.radius + 2.0),
            V2::new(p.x + w / 2.0, p.y + n.radius + 2.0 + h),
        )
    });
    (disc, label)
}

#[test]
fn settled_layouts_have_no_overlapping_discs_or_labels() {
    for mode in [Mode::Force, Mode::Hierarchy] {
        for n in [20, 100, 2000] {
            let l = settled(n, mode, 7);
            let boxes: Vec<(Aabb, Option<Aabb>)> = (0..n).map(|i| drawn(&l, i)).collect();
            // All pairs through a sort on x (2,000 nodes).
            let mut all: Vec<(usize, Aabb)> = boxes
                .iter()
                .enumerate()
                .flat_map(|(i, (d, lab))| std::iter::once((i, *d)).chain(lab.map(|b| (i, b))))
                .collect();
            all.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x));
            for a in 0..all.len() {
                for b in (a + 1)..all.len() {
                    if all[b].1.min.x >= all[a].1.max.x {
                        break;
                    }
                    let ((i, x), (j, y)) = (all[a], all[b]);
                    assert!(
                        i == j || !x.overlaps(&y),
                        "{mode:?} {n}: node {i} {x:?} overlaps node {j} {y:?}"
                    );
                }
            }
        }
    }
}

/// The components of a layout (over every edge, or the ranking ones).
fn components(l: &Layout) -> Vec<Vec<usize>> {
    l.comps.iter().map(|c| c.nodes.clone()).collect()
}

#[test]
fn components_do_not_overlap_and_fill_the_canvas_shape() {
    for mode in [Mode::Force, Mode::Hierarchy] {
        for n in [20, 100, 2000] {
            let l = settled(n, mode, 3);
            let comps = components(&l);
            assert!(comps.len() > 1, "{n}: the graph has islands");
            let boxes: Vec<Aabb> = comps
                .iter()
                .map(|c| c.iter().fold(Aabb::EMPTY, |a, &i| a.union(&l.node_box(i))))
                .collect();
            for i in 0..boxes.len() {
                for j in (i + 1)..boxes.len() {
                    assert!(
                        !boxes[i].overlaps(&boxes[j]),
                        "{mode:?} {n}: components {i} and {j} overlap"
                    );
                }
            }
            // Spread over a canvas of aspect 1.4: neither a tall column nor a thin line.
            let b = l.bounds();
            let aspect = b.width() / b.height();
            assert!(
                (0.7..=2.8).contains(&aspect),
                "{mode:?} {n}: aspect {aspect}"
            );
            // And not a knot with outliers: the middle 90% of the nodes (in x and in y) spans
            // most of the bounds.
            let q = |mut v: Vec<f32>, f: f32| {
                v.sort_by(f32::total_cmp);
                v[((v.len() - 1) as f32 * f).round() as usize]
            };
            let xs: Vec<f32> = (0..n).map(|i| l.position(i).x).collect();
            let ys: Vec<f32> = (0..n).map(|i| l.position(i).y).collect();
            let middle = (q(xs.clone(), 0.95) - q(xs, 0.05)) * (q(ys.clone(), 0.95) - q(ys, 0.05));
            let share = middle / (b.width() * b.height());
            assert!(
                share > 0.4,
                "{mode:?} {n}: the middle nodes span {share} of the bounds"
            );
        }
    }
}

#[test]
fn connected_nodes_end_closer_than_unconnected_ones() {
    let l = settled(100, Mode::Force, 5);
    let (_, edges) = graph(100, 5);
    let mean_edge = edges
        .iter()
        .map(|e| (l.position(e.from) - l.position(e.to)).length())
        .sum::<f32>()
        / edges.len() as f32;
    let mut pairs = 0.0;
    let mut total = 0.0;
    for i in 0..100 {
        for j in (i + 1)..100 {
            if l.comp_of[i] == l.comp_of[j] {
                total += (l.position(i) - l.position(j)).length();
                pairs += 1.0;
            }
        }
    }
    assert!(
        mean_edge < 0.7 * total / pairs,
        "{mean_edge} vs {}",
        total / pairs
    );
}

#[test]
fn hierarchy_puts_the_upper_end_of_every_ranking_edge_above_the_lower() {
    for n in [20, 100, 2000] {
        let l = settled(n, Mode::Hierarchy, 11);
        let (_, edges) = graph(n, 11);
        // The generated ranking edges go from older to newer nodes: no cycles.
        let mut ranking = 0;
        for e in edges.iter().filter(|e| e.ranks) {
            ranking += 1;
            let (up, down) = (l.node_box(e.from), l.node_box(e.to));
            assert!(
                up.max.y < down.min.y,
                "{n}: {} at {:?} is not above {} at {:?}",
                e.from,
                up,
                e.to,
                down
            );
        }
        assert!(ranking > 3);
    }
}

#[test]
fn hierarchy_levels_follow_longest_paths_and_survive_cycles() {
    let ext = vec![Aabb::from_center_size(V2::ZERO, 10.0, 10.0); 5];
    let weight = vec![5.0, 4.0, 3.0, 2.0, 1.0];
    let key = vec![0, 1, 2, 3, 4];
    // 0 -> 1 -> 2, 0 -> 2, 3 -> 2, and a cycle 2 -> 4 -> 2.
    let edges = vec![(0, 1), (1, 2), (0, 2), (3, 2), (2, 4), (4, 2)];
    let c = hierarchy::Component {
        ext: &ext,
        weight: &weight,
        key: &key,
        edges: &edges,
    };
    let lv = hierarchy::levels(&c);
    assert_eq!(lv[0], 0);
    assert_eq!(lv[1], 1);
    assert_eq!(lv[2], 2);
    // 3 has nothing above it: it sits just above what it ranks over.
    assert_eq!(lv[3], 1);
    assert_eq!(lv[4], 3);
}

#[test]
fn the_same_seed_gives_the_same_layout() {
    for mode in [Mode::Force, Mode::Hierarchy] {
        let a = settled(300, mode, 42);
        let b = settled(300, mode, 42);
        for i in 0..300 {
            assert_eq!(a.position(i), b.position(i), "{mode:?} node {i}");
        }
        assert_eq!(a.steps(), b.steps());
    }
    let a = settled(300, Mode::Force, 42);
    let c = settled(300, Mode::Force, 43);
    assert!((0..300).any(|i| a.position(i) != c.position(i)));
}

#[test]
fn a_settled_layout_stays_still_and_a_rebuild_keeps_places() {
    let mut l = settled(100, Mode::Force, 9);
    let before: Vec<V2> = (0..100).map(|i| l.position(i)).collect();
    assert!(!l.step(), "a settled layout does not move");
    assert_eq!(before, (0..100).map(|i| l.position(i)).collect::<Vec<_>>());
    // The same graph again (a view rebuild): nodes stay close to where they were.
    let (nodes, edges) = graph(100, 9);
    l.set_graph(nodes, edges);
    l.run(20_000);
    assert!(l.settled());
    let moved = (0..100)
        .map(|i| (l.position(i) - before[i]).length())
        .sum::<f32>()
        / 100.0;
    assert!(moved < EDGE_LEN, "nodes moved {moved} on average");
}

#[test]
fn a_dragged_node_stays_where_it_is_put() {
    let mut l = settled(50, Mode::Force, 2);
    let to = l.position(0) + V2::new(200.0, -120.0);
    l.drag_to(0, to);
    l.run(20_000);
    assert!(l.settled());
    assert!(l.is_pinned(0));
    assert!((l.position(0) - to).length() < 1e-3);
    l.unpin(0);
    assert!(!l.settled());
}

#[test]
fn switching_layouts_and_canvas_shapes_settles_again() {
    let mut l = settled(200, Mode::Force, 4);
    l.set_mode(Mode::Hierarchy);
    assert!(!l.settled());
    l.run(20_000);
    assert!(l.settled());
    l.set_aspect(0.6);
    l.run(20_000);
    assert!(l.settled());
    let b = l.bounds();
    assert!(b.width() / b.height() < 1.4, "{:?}", b);
    l.set_mode(Mode::Force);
    l.run(20_000);
    assert!(l.settled());
}

#[test]
fn empty_and_tiny_graphs_settle_at_once() {
    let mut l = Layout::new(1, 1.0);
    l.set_graph(Vec::new(), Vec::new());
    assert!(l.settled());
    let one = vec![NodeSpec {
        key: 1,
        radius: 8.0,
        label: Some((50.0, 14.0)),
        weight: 1.0,
    }];
    l.set_graph(one, Vec::new());
    l.run(1000);
    assert!(l.settled());
    assert!(l.position(0).length() < 60.0);
}

/// Draws a layout as SVG for a person to look at:
/// `PROXYLENS_LAYOUT_SVG=/tmp/l cargo test --bin proxylens draw_layouts -- --ignored`.
#[test]
#[ignore]
fn draw_layouts() {
    let dir = std::env::var("PROXYLENS_LAYOUT_SVG").unwrap_or_else(|_| "/tmp/layouts".into());
    std::fs::create_dir_all(&dir).expect("mkdir");
    for mode in [Mode::Force, Mode::Hierarchy] {
        for n in [20, 100, 2000] {
            let l = settled(n, mode, 7);
            let (_, edges) = graph(n, 7);
            let b = l.bounds().expand(10.0);
            let mut s = format!(
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='{} {} {} {}' width='1200' height='{}'><rect x='{}' y='{}' width='{}' height='{}' fill='white'/>",
                b.min.x,
                b.min.y,
                b.width(),
                b.height(),
                (1200.0 * b.height() / b.width()) as u32,
                b.min.x,
                b.min.y,
                b.width(),
                b.height()
            );
            for e in &edges {
                let (p, q) = (l.position(e.from), l.position(e.to));
                let col = if e.ranks { "green" } else { "#999" };
                s += &format!(
                    "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='{col}' stroke-width='1'/>",
                    p.x, p.y, q.x, q.y
                );
            }
            for i in 0..n {
                let (d, lab) = drawn(&l, i);
                let c = d.center();
                s += &format!(
                    "<circle cx='{}' cy='{}' r='{}' fill='steelblue'/>",
                    c.x,
                    c.y,
                    d.width() / 2.0
                );
                if let Some(lb) = lab {
                    s += &format!(
                        "<rect x='{}' y='{}' width='{}' height='{}' fill='none' stroke='orange'/>",
                        lb.min.x,
                        lb.min.y,
                        lb.width(),
                        lb.height()
                    );
                }
            }
            s += "</svg>";
            std::fs::write(format!("{dir}/{mode:?}-{n}.svg"), s).expect("write");
        }
    }
}
