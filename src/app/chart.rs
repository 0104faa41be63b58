//! The attack-count chart: incidents per week or month, stacked by country, attacker or
//! weapon, with the tallies that articles report drawn in a linked plot below.

use egui::Ui;
use egui_plot::{Bar, BarChart, Line, MarkerShape, Plot, PlotPoints, Points, Polygon, Text};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::lexicon::Lexicon;
use proxylens::model::IncidentId;

use super::commands::Command;
use super::palette;
use super::selection::{Highlights, Target, day_date, day_number};
use chrono::Datelike;

/// Bin width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinBy {
    /// Monday-based weeks.
    Week,
    /// Calendar months.
    Month,
}

/// What the bars are stacked by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StackBy {
    /// Country of the attack.
    Country,
    /// Attacker.
    Attacker,
    /// Weapon.
    Weapon,
}

/// Saved chart settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {
    /// Bin width.
    pub bin: BinBy,
    /// Stacking.
    pub stack: StackBy,
    /// Show the reported tallies.
    pub show_tallies: bool,
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            bin: BinBy::Week,
            stack: StackBy::Country,
            show_tallies: true,
        }
    }
}

/// One bar (a bin) and its stacked segments.
#[derive(Clone, Debug)]
pub struct Bin {
    /// First day.
    pub start: i32,
    /// One past the last day.
    pub end: i32,
    /// (series index, incidents).
    pub segments: Vec<(usize, Vec<IncidentId>)>,
}

impl Bin {
    /// Incidents in the bin.
    pub fn total(&self) -> usize {
        self.segments.iter().map(|(_, v)| v.len()).sum()
    }
}

/// A reported tally placed on the time axis.
#[derive(Clone, Debug)]
pub struct TallyMark {
    /// Index into `Analysis::tallies`.
    pub tally: usize,
    /// Start of the period (day), if stated.
    pub since: Option<i32>,
    /// Day it was reported (publication date or the latest dated attack of its article).
    pub at: i32,
    /// Count.
    pub value: f64,
    /// Label: "61 attacks since 2023-10-17 — Pentagon".
    pub label: String,
}

/// The chart's data, rebuilt when the data, the settings or the filter change.
#[derive(Clone, Debug, Default)]
pub struct ChartModel {
    /// Series names (legend), in stacking order.
    pub series: Vec<String>,
    /// Bars.
    pub bins: Vec<Bin>,
    /// Tallies.
    pub tallies: Vec<TallyMark>,
    /// The tallies drawn: per bin, the largest one (thousands of marks would hide each other).
    pub shown_tallies: Vec<usize>,
    /// Incidents without a day.
    pub undated: usize,
}

fn bin_of(day: i32, by: BinBy) -> (i32, i32) {
    let d = day_date(day);
    match by {
        BinBy::Week => {
            let start = day - d.weekday().num_days_from_monday() as i32;
            (start, start + 7)
        }
        BinBy::Month => {
            let first = d.with_day(1).expect("day 1");
            let next = if d.month() == 12 {
                chrono::NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
            } else {
                chrono::NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
            }
            .expect("valid month");
            (day_number(first), day_number(next))
        }
    }
}

impl ChartModel {
    /// Builds the model; `keep` filters incidents (the selection filter).
    pub fn build(
        corpus: &Corpus,
        lex: &Lexicon,
        a: &Analysis,
        s: &ChartSettings,
        keep: &dyn Fn(IncidentId) -> bool,
        keep_tally: &dyn Fn(usize) -> bool,
    ) -> ChartModel {
        let mut m = ChartModel::default();
        // Series keys as ids while counting (no string per incident); names at the end.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        enum Key<'a> {
            Actor(proxylens::model::ActorId),
            Name(&'a str),
            Unknown,
        }
        fn key_of<'a>(
            inc: &'a proxylens::analysis::Incident,
            lex: &'a Lexicon,
            stack: StackBy,
        ) -> Key<'a> {
            match stack {
                StackBy::Country => inc
                    .country
                    .map(Key::Actor)
                    .or_else(|| {
                        inc.place
                            .and_then(|p| lex.place(p).country.as_deref())
                            .map(Key::Name)
                    })
                    .unwrap_or(Key::Unknown),
                StackBy::Attacker => inc.attacker.map(Key::Actor).unwrap_or(Key::Unknown),
                StackBy::Weapon => inc.weapon.as_deref().map(Key::Name).unwrap_or(Key::Unknown),
            }
        }
        let key = |inc| key_of(inc, lex, s.stack);
        let name = |k: Key<'_>| -> String {
            match k {
                Key::Actor(id) => a.actor(id).name.clone(),
                Key::Name(n) => n.to_string(),
                Key::Unknown => "unknown".into(),
            }
        };
        let mut by_bin: std::collections::BTreeMap<(i32, i32), Vec<(Key<'_>, IncidentId)>> =
            Default::default();
        let mut counts: std::collections::HashMap<Key<'_>, usize> = Default::default();
        for inc in a.incidents.iter().filter(|i| keep(i.id)) {
            let Some(d) = inc.date else {
                m.undated += 1;
                continue;
            };
            let k = key(inc);
            *counts.entry(k).or_default() += 1;
            by_bin
                .entry(bin_of(day_number(d), s.bin))
                .or_default()
                .push((k, inc.id));
        }
        // A country named by id and by a place's country name is one series.
        let mut totals: std::collections::HashMap<String, usize> = Default::default();
        let mut key_name: std::collections::HashMap<Key<'_>, String> = Default::default();
        for (k, n) in counts {
            let nm = name(k);
            *totals.entry(nm.clone()).or_default() += n;
            key_name.insert(k, nm);
        }
        // Series by size, "unknown" last.
        let mut series: Vec<(String, usize)> = totals.into_iter().collect();
        series.sort_by(|a, b| {
            (a.0 == "unknown")
                .cmp(&(b.0 == "unknown"))
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        // At most ten series: the rest is "other", so that the legend stays readable.
        let keep: Vec<String> = series
            .iter()
            .filter(|(k, _)| k != "unknown")
            .take(9)
            .map(|(k, _)| k.clone())
            .collect();
        let folded = series
            .iter()
            .any(|(k, _)| k != "unknown" && !keep.contains(k));
        m.series = keep;
        if folded {
            m.series.push("other".into());
        }
        if series.iter().any(|(k, _)| k == "unknown") {
            m.series.push("unknown".into());
        }
        let series_of: std::collections::HashMap<Key<'_>, usize> = key_name
            .iter()
            .map(|(k, nm)| {
                let si = m
                    .series
                    .iter()
                    .position(|x| x == nm)
                    .or_else(|| m.series.iter().position(|x| x == "other"))
                    .unwrap_or(0);
                (*k, si)
            })
            .collect();
        for ((start, end), items) in by_bin {
            let mut segs: Vec<(usize, Vec<IncidentId>)> = Vec::new();
            for (k, id) in items {
                let si = series_of[&k];
                match segs.iter_mut().find(|(s, _)| *s == si) {
                    Some((_, v)) => v.push(id),
                    None => segs.push((si, vec![id])),
                }
            }
            segs.sort_by_key(|(s, _)| *s);
            m.bins.push(Bin {
                start,
                end,
                segments: segs,
            });
        }
        // Tallies, placed at their document's date, else the latest attack it reports.
        let mut latest: Vec<Option<chrono::NaiveDate>> = vec![None; corpus.docs.len()];
        for r in &a.reports {
            let l = &mut latest[r.span.doc.index()];
            *l = (*l).max(r.date);
        }
        for (i, t) in a.tallies.iter().enumerate().filter(|(i, _)| keep_tally(*i)) {
            let doc = corpus.doc(t.span.doc);
            let latest_attack = latest[t.span.doc.index()];
            let since = t.since.map(day_number);
            let Some(at) = doc.date.or(latest_attack).map(day_number).or(since) else {
                continue;
            };
            let who = t
                .reported_by
                .map(|r| format!(" — {}", a.actor(r).name))
                .unwrap_or_default();
            let region = t
                .region
                .as_deref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default();
            let since_s = t.since.map(|d| format!(" since {d}")).unwrap_or_default();
            let more = if t.lower_bound { ">=" } else { "" };
            m.tallies.push(TallyMark {
                tally: i,
                since,
                at,
                value: t.value as f64,
                label: format!("{more}{} {}{region}{since_s}{who}", t.value, t.unit),
            });
        }
        let mut best: std::collections::HashMap<i32, usize> = Default::default();
        for (i, t) in m.tallies.iter().enumerate() {
            let (b, _) = bin_of(t.at, s.bin);
            let e = best.entry(b).or_insert(i);
            if m.tallies[*e].value < t.value {
                *e = i;
            }
        }
        m.shown_tallies = best.into_values().collect();
        m.shown_tallies.sort_unstable();
        m
    }
}

/// Draws the chart; reports clicks, drags and settings changes as commands.
#[allow(clippy::too_many_arguments)]
pub fn chart_ui(
    ui: &mut Ui,
    model: &ChartModel,
    current: &ChartSettings,
    hl: &Highlights,
    a: &Analysis,
    corpus: &Corpus,
    cmds: &mut Vec<Command>,
    drag: &mut Option<f64>,
    transform: &mut Option<egui_plot::PlotTransform>,
) {
    // The toolbar edits a copy; the central step takes it in.
    let mut edited = current.clone();
    let settings = &mut edited;
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Attacks over time");
        ui.separator();
        ui.label("Per");
        changed |= ui.selectable_value(&mut settings.bin, BinBy::Week, "week").changed();
        changed |= ui.selectable_value(&mut settings.bin, BinBy::Month, "month").changed();
        ui.separator();
        ui.label("Stack by");
        changed |= ui.selectable_value(&mut settings.stack, StackBy::Country, "country").changed();
        changed |= ui.selectable_value(&mut settings.stack, StackBy::Attacker, "attacker").changed();
        changed |= ui.selectable_value(&mut settings.stack, StackBy::Weapon, "weapon").changed();
        ui.separator();
        changed |= ui.checkbox(&mut settings.show_tallies, "Reported tallies").changed();
        let counted: usize = model.bins.iter().map(Bin::total).sum();
        ui.label(format!("{counted} dated incidents, {} undated", model.undated)).on_hover_text("Incidents without a stated day are not drawn; they are listed in the details panel when selected.");
    });
    if model.bins.is_empty() && model.tallies.is_empty() {
        ui.centered_and_justified(|ui| ui.weak("No dated attacks in these articles."));
        if changed {
            cmds.push(Command::SetChart(settings.clone()));
        }
        return;
    }
    let selecting = !hl.is_empty();
    let group = ui.scope_id().with("chart-x-link");
    // Both plots share the panel's height; the panel never grows to fit them.
    let avail = ui.available_height();
    // In a short panel the bars get all the room.
    let show_tallies = settings.show_tallies && !model.tallies.is_empty() && avail > 170.0;
    let tallies_h = if show_tallies {
        ((avail - 30.0) * 0.35).max(50.0)
    } else {
        0.0
    };
    let bars_h = (avail - tallies_h - if show_tallies { 34.0 } else { 4.0 }).max(60.0);
    let fmt_x = |m: egui_plot::GridMark, _r: &std::ops::RangeInclusive<f64>| -> String {
        let d = day_date(m.value.round() as i32);
        d.format("%Y-%m-%d").to_string()
    };
    // Legend of the stacked series (outside the plot, so it never covers a bar).
    ui.horizontal_wrapped(|ui| {
        for (si, name) in model.series.iter().enumerate() {
            super::widgets::chip(ui, name, palette::series(si, name), true);
        }
    });
    let bars_h = (bars_h - 20.0).max(50.0);
    // Bars.
    let mut charts: Vec<BarChart> = Vec::new();
    for (si, name) in model.series.iter().enumerate() {
        let base = palette::series(si, name);
        let bars: Vec<Bar> = model
            .bins
            .iter()
            .filter_map(|b| {
                let (_, ids) = b.segments.iter().find(|(s, _)| *s == si)?;
                let lit = ids.iter().any(|i| hl.incidents.contains(i))
                    || hl.time.is_some_and(|(s, e)| b.start >= s && b.end <= e);
                let fill = if selecting && !lit {
                    palette::dim(base)
                } else {
                    base
                };
                let mut bar = Bar::new((b.start + b.end) as f64 / 2.0, ids.len() as f64)
                    .width((b.end - b.start) as f64 * 0.85)
                    .fill(fill)
                    .name(format!("{} – {}", day_date(b.start), day_date(b.end - 1)));
                if lit && selecting {
                    bar = bar.stroke(egui::Stroke::new(2.0, palette::SELECTED));
                }
                Some(bar)
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let c = BarChart::new(name.clone(), bars)
            .color(base)
            .element_formatter(Box::new(|b, _c| {
                format!("{} incident(s)\n{}", b.value, b.name)
            }))
            .stack_on(&refs);
        charts.push(c);
    }
    let drag_start = *drag;
    let resp = Plot::new("attack-chart")
        .height(bars_h)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .y_axis_label("attacks")
        .x_axis_formatter(fmt_x)
        .show(ui, |p| {
            for c in charts {
                p.bar_chart(c);
            }
            if let (Some(s), Some(now)) = (drag_start, p.pointer_coordinate()) {
                let b = p.plot_bounds();
                let (x0, x1) = (s.min(now.x), s.max(now.x));
                p.polygon(
                    Polygon::new(
                        "selection",
                        PlotPoints::new(vec![
                            [x0, b.min()[1]],
                            [x1, b.min()[1]],
                            [x1, b.max()[1]],
                            [x0, b.max()[1]],
                        ]),
                    )
                    .fill_color(palette::SELECTED.gamma_multiply(0.15))
                    .stroke(egui::Stroke::new(1.0, palette::SELECTED)),
                );
            }
            p.pointer_coordinate()
        });
    let pointer = resp.inner;
    *transform = Some(resp.transform);
    let response = resp.response;
    let bin_at = |x: f64| {
        model
            .bins
            .iter()
            .find(|b| x >= b.start as f64 && x < b.end as f64)
    };
    if response.drag_started() {
        *drag = pointer.map(|p| p.x);
    }
    if response.drag_stopped() {
        if let (Some(s), Some(p)) = (drag.take(), pointer) {
            let (x0, x1) = (s.min(p.x).floor() as i32, s.max(p.x).ceil() as i32);
            if x1 - x0 >= 1 {
                cmds.push(Command::Select(Target::Time { start: x0, end: x1 }));
            }
        }
        *drag = None;
    }
    if response.clicked()
        && let Some(b) =
            pointer.and_then(|p| bin_at(p.x).filter(|b| p.y <= b.total() as f64 + 0.25))
    {
        cmds.push(Command::Select(Target::Time {
            start: b.start,
            end: b.end,
        }))
    }
    if let Some(b) = pointer.and_then(|p| bin_at(p.x))
        && response.hovered()
        && drag.is_none()
    {
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(format!(
                "{} – {}: {} incident(s)",
                day_date(b.start),
                day_date(b.end - 1),
                b.total()
            ));
            for (si, ids) in &b.segments {
                ui.label(format!("{}: {}", model.series[*si], ids.len()));
            }
            ui.separator();
            for id in b.segments.iter().flat_map(|(_, v)| v.iter()).take(8) {
                let inc = &a.incidents[id.index()];
                let r = &a.reports[inc.reports[0]];
                let text = &corpus.doc(r.span.doc).text[r.span.range()];
                ui.label(egui::RichText::new(super::shorten(text, 110)).small());
            }
            ui.weak("Click to select this bar; drag to select a time range.");
        });
    }
    // Reported tallies, on the same time axis.
    if show_tallies {
        ui.add_space(2.0);
        let lit_tally = |i: usize| {
            let t = &a.tallies[i].span;
            hl.spans_in(t.doc).iter().any(|s| t == s || s.contains(t))
        };
        let text_color = ui.visuals().text_color();
        let resp = Plot::new("tally-chart")
            .height(tallies_h)
            .link_axis(group, [true, false])
            .link_cursor(group, [true, false])
            .allow_drag(false)
            .include_y(0.0)
            .y_axis_label("tally")
            .x_axis_formatter(fmt_x)
            .show(ui, |p| {
                // All marks in two point series (lit and not); period lines and labels only for
                // the selected tallies and the largest ones, so that thousands of tallies stay cheap.
                let lit: Vec<&TallyMark> = model
                    .tallies
                    .iter()
                    .filter(|t| lit_tally(t.tally))
                    .take(500)
                    .collect();
                let rest: Vec<&TallyMark> = model
                    .shown_tallies
                    .iter()
                    .map(|&i| &model.tallies[i])
                    .filter(|t| !lit_tally(t.tally))
                    .collect();
                let pts = |v: &[&TallyMark]| {
                    PlotPoints::new(v.iter().map(|t| [t.at as f64, t.value]).collect())
                };
                p.points(
                    Points::new("", pts(&rest))
                        .shape(MarkerShape::Diamond)
                        .radius(5.0)
                        .filled(true)
                        .color(palette::TALLY),
                );
                p.points(
                    Points::new("", pts(&lit))
                        .shape(MarkerShape::Diamond)
                        .radius(6.5)
                        .filled(true)
                        .color(palette::SELECTED),
                );
                let mut big: Vec<&TallyMark> = rest.clone();
                big.sort_by(|a, b| b.value.total_cmp(&a.value));
                big.truncate(12);
                for (t, col) in lit
                    .iter()
                    .take(60)
                    .map(|t| (*t, palette::SELECTED))
                    .chain(big.into_iter().map(|t| (t, palette::TALLY)))
                {
                    if let Some(s) = t.since {
                        p.line(
                            Line::new(
                                "",
                                PlotPoints::new(vec![[s as f64, t.value], [t.at as f64, t.value]]),
                            )
                            .color(col.gamma_multiply(0.7))
                            .width(2.0),
                        );
                    }
                    p.text(
                        Text::new(
                            "",
                            egui_plot::PlotPoint::new(t.at as f64, t.value),
                            egui::RichText::new(format!("  {}", t.value)).small(),
                        )
                        .anchor(egui::Align2::LEFT_CENTER)
                        .color(text_color),
                    );
                }
                p.pointer_coordinate()
            });
        // Hover: the tallies near the pointer, in full.
        if let Some(pt) = resp.inner.filter(|_| resp.response.hovered()) {
            let tr = &resp.transform;
            let at = tr.position_from_point(&pt);
            let near: Vec<&TallyMark> = model
                .tallies
                .iter()
                .filter(|t| {
                    tr.position_from_point(&egui_plot::PlotPoint::new(t.at as f64, t.value))
                        .distance(at)
                        < 30.0
                })
                .collect();
            if !near.is_empty() {
                resp.response.clone().on_hover_ui_at_pointer(|ui| {
                    for t in near {
                        ui.label(&t.label);
                    }
                    ui.weak("Click to read the sentence");
                });
            }
        }
        ui.horizontal_wrapped(|ui| {
            super::widgets::chip(
                ui,
                "tally an article reports (line: the period it counts); hover for who reports it",
                palette::TALLY,
                true,
            );
        });
        if resp.response.clicked()
            && let Some(pt) = resp.inner
        {
            let tr = &resp.transform;
            let click = tr.position_from_point(&pt);
            if let Some(t) = model.tallies.iter().min_by(|a, b| {
                let da = tr
                    .position_from_point(&egui_plot::PlotPoint::new(a.at as f64, a.value))
                    .distance(click);
                let db = tr
                    .position_from_point(&egui_plot::PlotPoint::new(b.at as f64, b.value))
                    .distance(click);
                da.total_cmp(&db)
            }) {
                let d = tr
                    .position_from_point(&egui_plot::PlotPoint::new(t.at as f64, t.value))
                    .distance(click);
                if d < 24.0 {
                    cmds.push(Command::Select(Target::Tally(t.tally)));
                    let span = a.tallies[t.tally].span;
                    cmds.push(Command::OpenDoc {
                        doc: span.doc,
                        at: Some(span),
                        second: false,
                    });
                }
            }
        }
    }
    if changed {
        cmds.push(Command::SetChart(settings.clone()));
    }
}
