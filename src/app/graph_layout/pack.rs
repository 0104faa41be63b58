//! Packing the boxes of connected components side by side into a rectangle of a given
//! aspect ratio (bottom-left skyline packing, largest first).

use super::geom::{Aabb, V2};

/// One horizontal piece of the skyline: from `x`, `w` wide, filled down to `y`.
#[derive(Clone, Copy, Debug)]
struct Segment {
    x: f32,
    w: f32,
    y: f32,
}

/// Places boxes of sizes `sizes` (width, height) in a strip `width` wide, each as high up as
/// it fits, then as far left; returns the top-left corners and the width and height used.
fn skyline(sizes: &[(f32, f32)], order: &[usize], width: f32) -> (Vec<V2>, f32, f32) {
    let mut sky = vec![Segment {
        x: 0.0,
        w: width,
        y: 0.0,
    }];
    let mut at = vec![V2::ZERO; sizes.len()];
    let (mut used_w, mut used_h) = (0.0f32, 0.0f32);
    for &i in order {
        let (w, h) = sizes[i];
        // The best start segment: lowest resulting top, then leftmost.
        let mut best: Option<(f32, f32, usize)> = None;
        for s in 0..sky.len() {
            let x = sky[s].x;
            if x + w > width + 1e-3 && s > 0 {
                break;
            }
            let mut y = 0.0f32;
            let mut k = s;
            while k < sky.len() && sky[k].x < x + w - 1e-3 {
                y = y.max(sky[k].y);
                k += 1;
            }
            if best.is_none_or(|(by, bx, _)| y < by - 1e-3 || (y < by + 1e-3 && x < bx)) {
                best = Some((y, x, s));
            }
        }
        let (y, x, _) = best.unwrap_or((0.0, 0.0, 0));
        at[i] = V2::new(x, y);
        used_w = used_w.max(x + w);
        used_h = used_h.max(y + h);
        // Raise the skyline under the new box.
        let (x0, x1, top) = (x, x + w, y + h);
        let mut next: Vec<Segment> = Vec::with_capacity(sky.len() + 2);
        for seg in &sky {
            let (s0, s1) = (seg.x, seg.x + seg.w);
            if s1 <= x0 + 1e-4 || s0 >= x1 - 1e-4 {
                next.push(*seg);
                continue;
            }
            if s0 < x0 {
                next.push(Segment {
                    x: s0,
                    w: x0 - s0,
                    y: seg.y,
                });
            }
            if next.last().is_none_or(|l| l.x + l.w <= x0 + 1e-4) {
                next.push(Segment {
                    x: x0,
                    w: x1 - x0,
                    y: top,
                });
            }
            if s1 > x1 {
                next.push(Segment {
                    x: x1,
                    w: s1 - x1,
                    y: seg.y,
                });
            }
        }
        // Box wider than the strip: it sticks out to the right.
        if x1 > width && next.last().is_some_and(|l| l.x + l.w < x1) {
            next.push(Segment {
                x: width,
                w: x1 - width,
                y: top,
            });
        }
        // Merge neighbours at the same level.
        sky.clear();
        for seg in next {
            match sky.last_mut() {
                Some(l) if (l.y - seg.y).abs() < 1e-3 => l.w += seg.w,
                _ => sky.push(seg),
            }
        }
    }
    (at, used_w, used_h)
}

/// Packs `boxes` (their current extents) with `gap` between them so that the whole is
/// centred on the origin and fits a rectangle of `aspect` (width / height) as large as
/// possible; returns the offset to add to each box.
pub fn pack(boxes: &[Aabb], gap: f32, aspect: f32) -> Vec<V2> {
    if boxes.is_empty() {
        return Vec::new();
    }
    let aspect = aspect.clamp(0.2, 5.0);
    let sizes: Vec<(f32, f32)> = boxes
        .iter()
        .map(|b| (b.width().max(0.0) + gap, b.height().max(0.0) + gap))
        .collect();
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    // Largest first; equal boxes keep their order (the caller sorts by importance).
    order.sort_by(|&a, &b| {
        let (sa, sb) = (sizes[a].0 * sizes[a].1, sizes[b].0 * sizes[b].1);
        sb.total_cmp(&sa).then(a.cmp(&b))
    });
    let area: f32 = sizes.iter().map(|(w, h)| w * h).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    let ideal = (area * aspect).sqrt();
    let mut best: Option<(f32, Vec<V2>, f32, f32)> = None;
    for f in [0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.75, 2.0, 2.5] {
        let width = (ideal * f).max(widest);
        let (at, w, h) = skyline(&sizes, &order, width);
        // The scale at which the packing fills a canvas of this aspect (height 1).
        let score = (aspect / w.max(1e-3)).min(1.0 / h.max(1e-3));
        if best.as_ref().is_none_or(|b| score > b.0 * 1.0001) {
            best = Some((score, at, w, h));
        }
    }
    let (_, at, w, h) = best.expect("candidates");
    let shift = V2::new(-(w - gap) / 2.0, -(h - gap) / 2.0);
    boxes
        .iter()
        .zip(at)
        .map(|(b, c)| c + shift - b.min)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(boxes: &[Aabb], off: &[V2]) -> Vec<Aabb> {
        boxes
            .iter()
            .zip(off)
            .map(|(b, o)| b.translate(*o))
            .collect()
    }

    #[test]
    fn packed_boxes_never_overlap_and_keep_the_gap() {
        let mut boxes = vec![Aabb::new(V2::new(-120.0, -80.0), V2::new(140.0, 90.0))];
        for i in 0..60 {
            let w = 10.0 + (i * 37 % 50) as f32;
            let h = 8.0 + (i * 13 % 40) as f32;
            boxes.push(Aabb::new(V2::new(5.0, 5.0), V2::new(5.0 + w, 5.0 + h)));
        }
        for aspect in [0.5, 1.0, 1.6, 3.0] {
            let off = pack(&boxes, 6.0, aspect);
            let p = placed(&boxes, &off);
            for i in 0..p.len() {
                for j in (i + 1)..p.len() {
                    assert!(
                        !p[i].expand(2.9).overlaps(&p[j].expand(2.9)),
                        "aspect {aspect}: {i} {:?} and {j} {:?}",
                        p[i],
                        p[j]
                    );
                }
            }
        }
    }

    #[test]
    fn the_packing_follows_the_aspect_and_is_centred() {
        let boxes: Vec<Aabb> = (0..100)
            .map(|_| Aabb::new(V2::ZERO, V2::new(10.0, 10.0)))
            .collect();
        for aspect in [0.5f32, 1.0, 2.0] {
            let p = placed(&boxes, &pack(&boxes, 2.0, aspect));
            let all = p.iter().fold(Aabb::EMPTY, |a, b| a.union(b));
            let got = all.width() / all.height();
            assert!((got / aspect - 1.0).abs() < 0.35, "{aspect}: {got}");
            assert!(all.center().length() < 1.0, "{:?}", all.center());
        }
    }
}
