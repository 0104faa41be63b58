//! Click-through tests of the chart and the network on the seed articles (egui_kittest, no
//! display needed): what a user clicks or drags, and what the views then show.

use egui::{Event, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::graph_layout::Mode;
use super::loader::{Source, load_now};
use super::selection::{Item, Target};
use super::{ProxyLensApp, Settings};

fn harness_at(w: f32, h: f32, mode: Mode) -> Harness<'static, ProxyLensApp> {
    let mut app = ProxyLensApp::new(Settings::default());
    app.settings.network.layout = mode;
    app.set_data(load_now(&Source::Seeds).expect("seeds load"));
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .build_ui_state(|ui, app: &mut ProxyLensApp| app.show(ui), app);
    for _ in 0..5 {
        h.step();
    }
    settle(&mut h);
    h
}

fn harness() -> Harness<'static, ProxyLensApp> {
    harness_at(1280.0, 800.0, Mode::Force)
}

/// Runs the network layout to its end (as the frames would, faster), then lets every panel
/// draw with it; again if the view planned the layout anew once it saw it fitted.
pub(super) fn settle(h: &mut Harness<'static, ProxyLensApp>) {
    for _ in 0..4 {
        {
            let app = h.state_mut();
            for _ in 0..20_000 {
                if !app.network.layout.step(&app.network_model) {
                    break;
                }
            }
            assert!(app.network.layout.settled(), "the layout settles");
        }
        for _ in 0..6 {
            h.step();
        }
        if h.state().network.layout.settled() {
            return;
        }
    }
    panic!("the layout keeps being planned anew");
}

fn press(h: &mut Harness<'static, ProxyLensApp>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

fn click_at(h: &mut Harness<'static, ProxyLensApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    press(h, pos, true);
    h.step();
    press(h, pos, false);
    h.step();
    h.step();
}

/// Where the tally lane puts a point (last frame).
fn lane(h: &Harness<'static, ProxyLensApp>) -> egui_plot::PlotTransform {
    h.ctx
        .data(|d| d.get_temp::<egui_plot::PlotTransform>(super::chart::tally_lane_id()))
        .expect("the tally lane is drawn")
}

#[test]
fn the_tally_lane_and_the_bars_share_one_time_axis_through_zoom_and_pan() {
    let mut h = harness();
    let same_axis = |h: &Harness<'static, ProxyLensApp>| {
        let bars = h.state().chart.transform.expect("bars drawn");
        let lane = lane(h);
        let (lo, hi) = (bars.bounds().min()[0], bars.bounds().max()[0]);
        for k in 0..=10 {
            let day = lo + (hi - lo) * k as f64 / 10.0;
            let (a, b) = (
                bars.position_from_point_x(day),
                lane.position_from_point_x(day),
            );
            assert!(
                (a - b).abs() < 0.5,
                "day {day}: x {a} in the bars, {b} in the lane"
            );
        }
        (lo, hi)
    };
    let before = same_axis(&h);
    // Every bar and every tally is in view, but for a few incidents far before the rest (the
    // seeds recall the strike of January 2020), which the header names.
    let app = h.state();
    let (lo, hi, left_out) = super::chart::x_extent(&app.chart_model);
    let filled: Vec<_> = app
        .chart_model
        .bins
        .iter()
        .filter(|b| b.total() > 0)
        .collect();
    let out: usize = filled
        .iter()
        .filter(|b| (b.end as f64) <= lo)
        .map(|b| b.total())
        .sum();
    assert_eq!(out, left_out);
    assert!(left_out * 20 <= filled.iter().map(|b| b.total()).sum::<usize>().max(20));
    let first_in = filled
        .iter()
        .find(|b| b.start as f64 >= lo)
        .expect("bars in view");
    let last = filled.last().expect("bins").end as f64;
    assert!(
        before.0 <= first_in.start as f64 && before.1 >= last,
        "{before:?}"
    );
    assert!(
        before.0 <= lo + 1.0 && before.1 >= hi - 1.0,
        "{before:?} vs {lo}..{hi}"
    );
    for t in &app.chart_model.tallies {
        assert!(before.0 <= t.at as f64 && t.at as f64 <= before.1);
    }
    if left_out > 0 {
        h.get_by_label_contains("earlier incident(s)");
    }
    // Zoom in over the bars (ctrl + wheel, as a user does): both follow.
    let bars = h.state().chart.transform.expect("bars");
    let over_bars = bars.frame().center();
    h.hover_at(over_bars);
    h.step();
    h.event(Event::Zoom(2.0));
    h.step();
    h.step();
    let zoomed = same_axis(&h);
    assert!(
        zoomed.1 - zoomed.0 < 0.7 * (before.1 - before.0),
        "{before:?} -> {zoomed:?}"
    );
    // Pan the lane by dragging it: the bars follow.
    let lane_mid = lane(&h).frame().center();
    h.hover_at(lane_mid);
    h.step();
    press(&mut h, lane_mid, true);
    h.step();
    for k in 1..=10 {
        h.hover_at(lane_mid + egui::vec2(12.0 * k as f32, 0.0));
        h.step();
    }
    press(&mut h, lane_mid + egui::vec2(120.0, 0.0), false);
    h.step();
    h.step();
    let panned = same_axis(&h);
    assert!(panned.0 < zoomed.0 - 1.0, "{zoomed:?} -> {panned:?}");
    assert!(
        h.state().selection.items.is_empty(),
        "panning selects nothing"
    );
}

#[test]
fn clicking_a_tally_selects_it_and_opens_its_sentence() {
    let mut h = harness();
    let d = h.state().data.clone().expect("data");
    // The largest tally drawn in the lane (the Pentagon's count, on the seeds).
    let mark = {
        let m = &h.state().chart_model;
        m.shown_tallies
            .iter()
            .map(|&i| m.tallies[i].clone())
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .expect("a tally is drawn")
    };
    let pos = lane(&h).position_from_point(&egui_plot::PlotPoint::new(mark.at as f64, mark.value));
    click_at(&mut h, pos);
    let app = h.state();
    assert_eq!(
        app.selection.items,
        vec![Item::of(Target::Tally(mark.tally), &d.corpus, &d.analysis)]
    );
    let span = d.analysis.tallies[mark.tally].span;
    assert_eq!(app.reader.open[0], Some(span.doc));
    assert!(app.highlights.evidence.contains(&span));
    assert!(h.query_all_by_label_contains("tally: ").count() >= 1);
}

#[test]
fn tallies_are_set_against_the_incidents_counted_for_their_period_and_region() {
    let h = harness();
    let app = h.state();
    let d = app.data.clone().expect("data");
    let a = &d.analysis;
    let mut compared = 0;
    for t in &app.chart_model.tallies {
        let tally = &a.tallies[t.tally];
        let Some(counted) = t.counted else {
            // Only tallies of attacks with a stated start are compared.
            assert!(
                tally.unit != "attacks" || tally.since.is_none(),
                "{}",
                t.label
            );
            continue;
        };
        compared += 1;
        // Count by hand: dated incidents in the period, in a country the region names.
        let countries: Vec<String> = tally
            .region
            .iter()
            .flat_map(|r| r.split(" and "))
            .map(|s| s.trim().to_lowercase())
            .collect();
        let by_hand = a
            .incidents
            .iter()
            .filter(|inc| {
                let Some(day) = inc.date.map(super::selection::day_number) else {
                    return false;
                };
                let country = inc
                    .country
                    .map(|c| a.actor(c).name.to_lowercase())
                    .or_else(|| {
                        inc.place
                            .and_then(|p| d.lexicon.place(p).country.clone())
                            .map(|c| c.to_lowercase())
                    });
                t.since.is_none_or(|s| day >= s)
                    && day <= t.at
                    && (countries.is_empty() || country.is_some_and(|c| countries.contains(&c)))
            })
            .count();
        assert_eq!(counted, by_hand, "{}", t.label);
        assert!(
            t.label
                .contains(&format!("{} counted in this folder", counted)),
            "{}",
            t.label
        );
        if tally.since.is_some() {
            assert!(t.label.contains(" since "), "{}", t.label);
        }
        if let Some(r) = &tally.region {
            assert!(t.label.contains(&format!(" in {r}")), "{}", t.label);
        }
    }
    assert!(compared >= 3, "{compared}");
    // The Pentagon's count reads as a briefing would put it, its breakdown by country too
    // ("61 attacks since Oct. 17: 29 in Iraq and 32 in Syria").
    let labels: Vec<&str> = app
        .chart_model
        .tallies
        .iter()
        .map(|t| t.label.as_str())
        .collect();
    for want in [
        "61 attacks reported by the Pentagon since Oct 17 · ",
        "29 attacks reported by the Pentagon in Iraq since Oct 17 · ",
        "32 attacks reported by the Pentagon in Syria since Oct 17 · ",
    ] {
        assert!(
            labels.iter().any(|l| l.starts_with(want)),
            "{want}: {labels:?}"
        );
    }
}

#[test]
fn dragging_across_the_chart_selects_the_time_range() {
    let mut h = harness();
    let bins = h.state().chart_model.bins.clone();
    assert!(bins.len() >= 4);
    // From the middle of the second bar to the middle of the fourth.
    let (b0, b1) = (&bins[1], &bins[3]);
    let t = h.state().chart.transform.expect("bars drawn");
    let y = t.frame().center().y;
    let x = |b: &super::chart::Bin| t.position_from_point_x((b.start + b.end) as f64 / 2.0);
    let (from, to) = (Pos2::new(x(b0), y), Pos2::new(x(b1), y));
    h.hover_at(from);
    h.step();
    press(&mut h, from, true);
    h.step();
    for k in 1..=12 {
        h.hover_at(from + (to - from) * (k as f32 / 12.0));
        h.step();
    }
    press(&mut h, to, false);
    h.step();
    h.step();
    let app = h.state();
    let [Item::Time { start, end }] = app.selection.items[..] else {
        panic!("selected {:?}", app.selection.items)
    };
    // The range runs from inside the second bar to inside the fourth.
    assert!(start >= b0.start && start < b0.end, "{start} vs {b0:?}");
    assert!(end > b1.start && end <= b1.end + 1, "{end} vs {b1:?}");
    // The third bar's incidents (wholly inside) are selected everywhere; the first bar's not.
    for (_, ids) in &bins[2].segments {
        assert!(ids.iter().all(|i| app.highlights.incidents.contains(i)));
    }
    for (_, ids) in &bins[0].segments {
        assert!(ids.iter().all(|i| !app.highlights.incidents.contains(i)));
    }
    assert!(h.query_all_by_label_contains("time: ").count() >= 1);
}

/// Distance from `p` to the segment `a`–`b`.
fn seg_dist(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

#[test]
fn clicking_an_edge_selects_its_relation_and_evidence() {
    let mut h = harness();
    let d = h.state().data.clone().expect("data");
    // A relation edge whose middle is clear of every node and every other edge.
    let (ei, r, at) = {
        let app = h.state();
        let m = &app.network_model;
        let v = &app.network;
        let ends = |e: &super::network::Edge| {
            Some((v.node_on_screen(e.from)?.0, v.node_on_screen(e.to)?.0))
        };
        m.edges
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.relation?, v.edge_middle_on_screen(i)?)))
            .find(|&(i, _, mid)| {
                v.canvas.shrink(10.0).contains(mid)
                    && m.nodes.iter().all(|(id, _)| {
                        v.node_on_screen(*id)
                            .is_none_or(|(c, r)| c.distance(mid) > r + 10.0)
                    })
                    && m.edges.iter().enumerate().all(|(j, f)| {
                        j == i
                            || ends(f).is_none_or(|(a, b)| {
                                // Parallel edges are bent apart; skip pairs that share ends.
                                (f.from == m.edges[i].from && f.to == m.edges[i].to)
                                    || (f.from == m.edges[i].to && f.to == m.edges[i].from)
                                    || seg_dist(mid, a, b) > 9.0
                            })
                    })
            })
            .expect("a relation edge clear of the rest")
    };
    click_at(&mut h, at);
    let app = h.state();
    assert_eq!(
        app.selection.items,
        vec![Item::of(Target::Relation(r), &d.corpus, &d.analysis)],
        "edge {ei}"
    );
    assert!(app.highlights.relations.contains(&r));
    let rel = &d.analysis.relations[r];
    assert!(app.highlights.actors.contains(&rel.from) && app.highlights.actors.contains(&rel.to));
    assert!(
        rel.evidence
            .iter()
            .all(|e| app.highlights.evidence.contains(e))
    );
    h.get_by_label_contains("Evidence (");
}

/// Labels drawn last frame: none over another, none over another node, none over the legend.
fn assert_labels_clear(h: &Harness<'static, ProxyLensApp>, what: &str) {
    let app = h.state();
    let v = &app.network;
    let labels = v.labels_on_screen();
    assert!(labels.len() >= 8, "{what}: only {} labels", labels.len());
    let legend = v.legend_on_screen();
    for (k, (id, r)) in labels.iter().enumerate() {
        assert!(
            v.canvas.contains_rect(*r),
            "{what}: label of {id:?} outside the canvas"
        );
        for (other, q) in &labels[k + 1..] {
            assert!(
                !r.intersects(*q),
                "{what}: labels of {id:?} and {other:?} overlap"
            );
        }
        for (n, _) in &app.network_model.nodes {
            if n == id {
                continue;
            }
            if let Some((c, rad)) = v.node_on_screen(*n) {
                let disc = Rect::from_center_size(c, egui::Vec2::splat(2.0 * rad));
                assert!(
                    !r.intersects(disc),
                    "{what}: label of {id:?} over node {n:?}"
                );
            }
        }
        if let Some(l) = legend {
            assert!(!r.intersects(l), "{what}: label of {id:?} over the legend");
        }
    }
    // The legend sits in a corner no node covers.
    if let Some(l) = legend {
        for (n, _) in &app.network_model.nodes {
            if let Some((c, rad)) = v.node_on_screen(*n) {
                let disc = Rect::from_center_size(c, egui::Vec2::splat(2.0 * rad));
                assert!(!disc.intersects(l), "{what}: node {n:?} under the legend");
            }
        }
    }
    // Nodes never overlap.
    let discs: Vec<(Pos2, f32)> = app
        .network_model
        .nodes
        .iter()
        .filter_map(|(id, _)| v.node_on_screen(*id))
        .collect();
    for (i, (a, ra)) in discs.iter().enumerate() {
        for (b, rb) in &discs[i + 1..] {
            assert!(
                a.distance(*b) >= ra + rb - 0.5,
                "{what}: nodes overlap at {a:?} {b:?}"
            );
        }
    }
}

#[test]
fn network_labels_never_cover_each_other_nodes_or_the_legend() {
    for (w, hgt) in [(1280.0, 800.0), (1024.0, 700.0)] {
        for mode in [Mode::Force, Mode::Hierarchy] {
            let h = harness_at(w, hgt, mode);
            assert_labels_clear(&h, &format!("{mode:?} at {w}x{hgt}"));
        }
    }
}

#[test]
fn hovering_a_node_shows_its_label() {
    let mut h = harness();
    // The least important actor shown has no room for a label until hovered.
    let (id, name) = {
        let app = h.state();
        let m = &app.network_model;
        let i = (0..m.nodes.len())
            .rev()
            .find(|&i| {
                let id = m.nodes[i].0;
                !app.network.labels_on_screen().iter().any(|(x, _)| *x == id)
                    && app
                        .network
                        .node_on_screen(id)
                        .is_some_and(|(c, _)| app.network.canvas.shrink(40.0).contains(c))
            })
            .expect("an unlabelled node");
        (m.nodes[i].0, m.names[i].clone())
    };
    let (c, _) = h.state().network.node_on_screen(id).expect("drawn");
    h.hover_at(c);
    h.step();
    h.step();
    assert!(
        h.state()
            .network
            .labels_on_screen()
            .iter()
            .any(|(x, _)| *x == id),
        "{name}'s label shows on hover"
    );
}

#[test]
fn the_hierarchy_puts_backers_leaders_and_groups_above() {
    let mut h = harness();
    h.get_by_label("Hierarchy").click();
    h.step();
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.network.layout.mode(), Mode::Hierarchy);
    let d = app.data.clone().expect("data");
    let y = |name: &str| {
        let id = d.analysis.actor_by_name(name).expect(name);
        app.network.node_on_screen(id).expect(name).0.y
    };
    // Iran backs Kataib Hezbollah; Ali Khamenei leads Iran (when shown). Every other
    // ranking edge the seeds give is checked below.
    assert!(y("Iran") < y("Kataib Hezbollah"));
    let shown = |name: &str| {
        d.analysis
            .actor_by_name(name)
            .is_some_and(|id| app.network.node_on_screen(id).is_some())
    };
    if shown("Ali Khamenei") {
        assert!(y("Ali Khamenei") < y("Iran"));
    }
    // Every ranking edge shown points down the page.
    for e in &app.network_model.edges {
        use super::network::EdgeKind;
        use proxylens::model::RelationKind;
        let leads = |from, to| {
            app.network_model.edges.iter().any(|l| {
                l.kind == EdgeKind::Relation(RelationKind::Leads) && l.from == from && l.to == to
            })
        };
        let (up, down) = match e.kind {
            EdgeKind::Relation(RelationKind::Backs | RelationKind::Leads) => (e.from, e.to),
            // A leader who is also a member of what they lead is above it.
            EdgeKind::Relation(RelationKind::MemberOf) if leads(e.from, e.to) => continue,
            EdgeKind::Relation(RelationKind::MemberOf) => (e.to, e.from),
            _ => continue,
        };
        let (Some(a), Some(b)) = (
            app.network.node_on_screen(up),
            app.network.node_on_screen(down),
        ) else {
            continue;
        };
        assert!(
            a.0.y < b.0.y,
            "{} is not above {}",
            d.analysis.actor(up).name,
            d.analysis.actor(down).name
        );
    }
    // And back: the force layout again.
    h.get_by_label("Force").click();
    h.step();
    settle(&mut h);
    assert_eq!(h.state().network.layout.mode(), Mode::Force);
}

/// A regression: the chart's content ended one item spacing short of its panel, so the
/// panel shrank by a few points every frame (and the network below grew) until the minimum.
#[test]
fn the_chart_panel_keeps_its_height_from_frame_to_frame() {
    let mut h = harness();
    let (chart, canvas) = (h.state().chart.rect, h.state().network.canvas);
    for _ in 0..30 {
        h.step();
    }
    assert_eq!(h.state().chart.rect, chart);
    assert_eq!(h.state().network.canvas, canvas);
    assert!(
        h.state().network.layout.settled(),
        "and the layout stays settled"
    );
}
