//! The attack-count chart: incidents per week or month, stacked by country, attacker or
//! weapon, with the tallies that articles report drawn in a linked plot below.

use egui::Ui;
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, Line, MarkerShape, Plot, PlotPoints, Points,
    Polygon, Text,
};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::lexicon::Lexicon;
use proxylens::model::IncidentId;

use super::chart_axes;
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
    /// The incidents this folder holds for the same period and region, when the tally counts
    /// attacks in general (not, say, retaliatory strikes).
    pub counted: Option<usize>,
    /// Label: "61 attacks reported by the Pentagon in Iraq and Syria since Oct 17 · 23
    /// counted in this folder".
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
        // Tallies, placed at the day they count up to: stated, else their document's date,
        // else the latest attack it reports; each against the incidents of this folder in the
        // same period and region.
        let mut latest: Vec<Option<chrono::NaiveDate>> = vec![None; corpus.docs.len()];
        for r in &a.reports {
            let l = &mut latest[r.span.doc.index()];
            *l = (*l).max(r.date);
        }
        let counts = IncidentDays::new(a, lex);
        for (i, t) in a.tallies.iter().enumerate().filter(|(i, _)| keep_tally(*i)) {
            let doc = corpus.doc(t.span.doc);
            let latest_attack = latest[t.span.doc.index()];
            let since = t.since.map(day_number);
            let Some(at) = t
                .as_of
                .or(doc.date)
                .or(latest_attack)
                .map(day_number)
                .or(since)
            else {
                continue;
            };
            // A tally that states no start cannot be checked against a period.
            let counted = (counts.comparable(&t.unit) && since.is_some())
                .then(|| counts.count(since, at, t.region.as_deref()));
            m.tallies.push(TallyMark {
                tally: i,
                since,
                at,
                value: t.value as f64,
                counted,
                label: tally_label(t, a, at, counted),
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

/// The days of this folder's incidents, overall and by country (lowercased name), sorted:
/// counts over a period are two binary searches.
struct IncidentDays {
    all: Vec<i32>,
    by_country: std::collections::HashMap<String, Vec<i32>>,
    /// Lowercased names of the states the analysis knows.
    states: std::collections::HashSet<String>,
}

impl IncidentDays {
    fn new(a: &Analysis, lex: &Lexicon) -> IncidentDays {
        let mut all = Vec::new();
        let mut by_country: std::collections::HashMap<String, Vec<i32>> = Default::default();
        for inc in &a.incidents {
            let Some(d) = inc.date else { continue };
            let day = day_number(d);
            all.push(day);
            let country = inc
                .country
                .map(|c| a.actor(c).name.as_str())
                .or_else(|| inc.place.and_then(|p| lex.place(p).country.as_deref()));
            if let Some(c) = country {
                by_country.entry(c.to_lowercase()).or_default().push(day);
            }
        }
        all.sort_unstable();
        by_country.values_mut().for_each(|v| v.sort_unstable());
        let states = a
            .actors
            .iter()
            .filter(|x| x.kind == proxylens::model::ActorKind::State)
            .map(|x| x.name.to_lowercase())
            .collect();
        IncidentDays {
            all,
            by_country,
            states,
        }
    }

    /// Whether a tally of `unit` counts what the incidents are: attacks in general.
    fn comparable(&self, unit: &str) -> bool {
        let u = unit.to_lowercase();
        u == "attacks" || u == "attack"
    }

    /// The countries a region names ("Iraq and Syria"), when it names only states.
    fn countries(&self, region: &str) -> Option<Vec<String>> {
        let parts: Vec<String> = region
            .split([',', '&', '/'])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().trim_start_matches("the ").to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty() && parts.iter().all(|p| self.states.contains(p))).then_some(parts)
    }

    /// Incidents from `since` (or the first) to `until`, both included, in `region` (all
    /// regions when it names none, or something other than states).
    fn count(&self, since: Option<i32>, until: i32, region: Option<&str>) -> usize {
        let within = |days: &[i32]| {
            let lo = since.map_or(0, |s| days.partition_point(|&d| d < s));
            let hi = days.partition_point(|&d| d <= until);
            hi.saturating_sub(lo)
        };
        match region.and_then(|r| self.countries(r)) {
            Some(cs) => cs
                .iter()
                .map(|c| self.by_country.get(c).map_or(0, |v| within(v)))
                .sum(),
            None => within(&self.all),
        }
    }
}

/// "Oct 17", with the year when it is not `ref_day`'s.
fn short_day(day: i32, ref_day: i32) -> String {
    let (d, r) = (day_date(day), day_date(ref_day));
    if d.year() == r.year() {
        d.format("%b %-d").to_string()
    } else {
        d.format("%b %-d %Y").to_string()
    }
}

/// "61 attacks reported by the Pentagon in Iraq and Syria since Oct 17 · 23 counted in this
/// folder".
fn tally_label(
    t: &proxylens::analysis::Tally,
    a: &Analysis,
    at: i32,
    counted: Option<usize>,
) -> String {
    use proxylens::model::ActorKind;
    let more = if t.lower_bound { "at least " } else { "" };
    let who = t
        .reported_by
        .map(|r| {
            let x = a.actor(r);
            let the = matches!(
                x.kind,
                ActorKind::GovernmentBody
                    | ActorKind::InternationalOrg
                    | ActorKind::Media
                    | ActorKind::Organisation
            ) || (x.kind == ActorKind::ArmedGroup && x.name.ends_with('s'));
            let the = if the && !x.name.starts_with("The ") && !x.name.starts_with("the ") {
                "the "
            } else {
                ""
            };
            format!(" reported by {the}{}", x.name)
        })
        .unwrap_or_else(|| " reported".into());
    let region = t
        .region
        .as_deref()
        .map(|r| format!(" in {r}"))
        .unwrap_or_default();
    let period = match t.since {
        Some(s) => format!(" since {}", short_day(day_number(s), at)),
        None => format!(" up to {}", short_day(at, at)),
    };
    let compared = match counted {
        Some(n) => format!(" · {n} counted in this folder"),
        None if t.since.is_none() => " · no start stated, not compared".into(),
        None => format!(" · not compared: the folder counts attacks, not {}", t.unit),
    };
    format!(
        "{more}{} {}{who}{region}{period}{compared}",
        t.value, t.unit
    )
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
    // One time axis: both plots span every bar and every tally's period, link their x
    // bounds (zoom and pan move both) and give their y axes the same width, so that a day
    // sits at the same x in both.
    let (x_lo, x_hi, left_out) = x_extent(model);
    let y_axis_w = y_axis_width(ui, model);
    // Legend of the stacked series (outside the plot, so it never covers a bar).
    ui.horizontal_wrapped(|ui| {
        for (si, name) in model.series.iter().enumerate() {
            super::widgets::chip(ui, name, palette::series(si, name), true);
        }
    });
    if left_out > 0 {
        let first = model
            .bins
            .iter()
            .find(|b| b.total() > 0)
            .map(|b| day_date(b.start).format("%b %Y").to_string())
            .unwrap_or_default();
        ui.weak(format!(
            "{left_out} earlier incident(s), from {first}, lie left of the view: drag the chart or zoom out (Ctrl + wheel)"
        ));
    }
    let bars_h = (bars_h - if left_out > 0 { 40.0 } else { 20.0 }).max(50.0);
    // Bars.
    let mut charts: Vec<BarChart> = Vec::new();
    for (si, name) in model.series.iter().enumerate() {
        let base = palette::series(si, name);
        let bars = series_bars(model, si, base, hl);
        let refs: Vec<&BarChart> = charts.iter().collect();
        let c = BarChart::new(name.clone(), bars)
            .color(base)
            .element_formatter(Box::new(|b, _c| {
                let half = b.bar_width / 0.85 / 2.0;
                let (start, end) = (
                    (b.argument - half).round() as i32,
                    (b.argument + half).round() as i32,
                );
                format!(
                    "{} incident(s)\n{} – {}",
                    b.value,
                    day_date(start),
                    day_date(end - 1)
                )
            }))
            .stack_on(&refs);
        charts.push(c);
    }
    let drag_start = *drag;
    // Dates are read off the lowest plot: the bars carry them only without the tally lane.
    let resp = time_plot("attack-chart", group, x_lo, x_hi, y_axis_w, "attacks")
        .height(bars_h)
        .show_axes([!show_tallies, true])
        .allow_drag(false)
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
    let plot_transform = resp.transform;
    *transform = Some(plot_transform);
    let response = resp.response;
    let bin_at = |x: f64| {
        model
            .bins
            .iter()
            .find(|b| x >= b.start as f64 && x < b.end as f64)
    };
    if response.drag_started() {
        // The range starts where the button went down, not where the drag was recognised
        // (a few points further on).
        let origin = ui.input(|i| i.pointer.press_origin());
        *drag = origin
            .map(|p| plot_transform.value_from_position(p).x)
            .or(pointer.map(|p| p.x));
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
    // Reported tallies, on the same time axis, each against what this folder counts.
    if show_tallies {
        ui.add_space(2.0);
        let lit_tally = |i: usize| {
            let t = &a.tallies[i].span;
            hl.spans_in(t.doc).iter().any(|s| t == s || s.contains(t))
        };
        let text_color = ui.visuals().text_color();
        // Room above the largest tally for its label.
        let top = model.tallies.iter().map(|t| t.value).fold(1.0, f64::max) * 1.35;
        let resp = time_plot("tally-chart", group, x_lo, x_hi, y_axis_w, "tally")
            .height(tallies_h)
            .include_y(top)
            .allow_drag([true, false])
            .show(ui, |p| {
                // All marks in a few point series (lit and not); period lines, counted
                // comparisons and labels only for the selected tallies and the largest ones,
                // so that thousands of tallies stay cheap.
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
                let counted_pts = |v: &[&TallyMark]| {
                    PlotPoints::new(
                        v.iter()
                            .filter_map(|t| Some([t.at as f64, t.counted? as f64]))
                            .collect(),
                    )
                };
                p.points(
                    Points::new("", counted_pts(&rest))
                        .shape(MarkerShape::Circle)
                        .radius(4.0)
                        .filled(false)
                        .color(palette::INCIDENT),
                );
                p.points(
                    Points::new("", counted_pts(&lit))
                        .shape(MarkerShape::Circle)
                        .radius(5.0)
                        .filled(false)
                        .color(palette::SELECTED),
                );
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
                    if let Some(c) = t.counted {
                        p.line(
                            Line::new(
                                "",
                                PlotPoints::new(vec![
                                    [t.at as f64, c as f64],
                                    [t.at as f64, t.value],
                                ]),
                            )
                            .color(palette::INCIDENT.gamma_multiply(0.6))
                            .style(egui_plot::LineStyle::dashed_dense())
                            .width(1.0),
                        );
                    }
                    let text = match t.counted {
                        Some(c) => format!("  {} · {c} here", t.value),
                        None => format!("  {}", t.value),
                    };
                    p.text(
                        Text::new(
                            "",
                            egui_plot::PlotPoint::new(t.at as f64, t.value),
                            egui::RichText::new(text).small(),
                        )
                        .anchor(egui::Align2::LEFT_CENTER)
                        .color(text_color),
                    );
                }
                p.pointer_coordinate()
            });
        ui.ctx()
            .data_mut(|d| d.insert_temp(tally_lane_id(), resp.transform));
        // Hover: the tallies near the pointer, in full.
        let near_of = |tr: &egui_plot::PlotTransform, t: &TallyMark, at: egui::Pos2| -> f32 {
            let d = tr
                .position_from_point(&egui_plot::PlotPoint::new(t.at as f64, t.value))
                .distance(at);
            let c = t.counted.map_or(f32::INFINITY, |c| {
                tr.position_from_point(&egui_plot::PlotPoint::new(t.at as f64, c as f64))
                    .distance(at)
            });
            d.min(c)
        };
        if let Some(pt) = resp.inner.filter(|_| resp.response.hovered()) {
            let tr = &resp.transform;
            let at = tr.position_from_point(&pt);
            let near: Vec<&TallyMark> = model
                .tallies
                .iter()
                .filter(|t| near_of(tr, t, at) < 30.0)
                .take(12)
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
                "tally an article reports (line: the period it counts)",
                palette::TALLY,
                true,
            );
            super::widgets::chip(
                ui,
                "attacks this folder counts for the same period and region",
                palette::INCIDENT,
                false,
            );
        });
        if resp.response.clicked()
            && let Some(pt) = resp.inner
        {
            let tr = &resp.transform;
            let click = tr.position_from_point(&pt);
            if let Some(t) = model
                .tallies
                .iter()
                .min_by(|a, b| near_of(tr, a, click).total_cmp(&near_of(tr, b, click)))
                && near_of(tr, t, click) < 24.0
            {
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
    // The panel keeps the height it has: the plots are sized from it, and a panel whose
    // content ends short of it (by the last item spacing) would shrink a little every frame.
    ui.expand_to_include_rect(ui.max_rect());
    if changed {
        cmds.push(Command::SetChart(settings.clone()));
    }
}

/// The bars of series `si`: one per bin, empty ones too, since stacked charts add up bars by
/// their index (a series without a bar somewhere stacked the rest on the wrong bins: bars
/// floating in the air).
fn series_bars(model: &ChartModel, si: usize, base: egui::Color32, hl: &Highlights) -> Vec<Bar> {
    let selecting = !hl.is_empty();
    model
        .bins
        .iter()
        .map(|b| {
            let ids = b
                .segments
                .iter()
                .find(|(s, _)| *s == si)
                .map_or(&[][..], |(_, v)| v.as_slice());
            let lit = ids.iter().any(|i| hl.incidents.contains(i))
                || hl.time.is_some_and(|(s, e)| b.start >= s && b.end <= e);
            let fill = if selecting && !lit {
                palette::dim(base)
            } else {
                base
            };
            // No name: the hover text is made from the bar when asked for, not a string per
            // bar per frame.
            let mut bar = Bar::new((b.start + b.end) as f64 / 2.0, ids.len() as f64)
                .width((b.end - b.start) as f64 * 0.85)
                .fill(fill);
            if lit && selecting && !ids.is_empty() {
                bar = bar.stroke(egui::Stroke::new(2.0, palette::SELECTED));
            }
            bar
        })
        .collect()
}

/// Minimum spacing of grid lines (points): the scale the tick functions are given.
const GRID_MIN: f32 = 8.0;

/// Where the tally lane was drawn last frame (plot to screen), for tests.
pub fn tally_lane_id() -> egui::Id {
    egui::Id::NULL.with("proxylens-tally-lane-transform")
}

/// The days both plots show at first: every bar and every tally with its period, except a
/// few incidents far before all the others (a 2020 strike recalled in 2024 news), which would
/// squeeze the rest into a sliver at the right edge; they stay a drag or a zoom away.
/// (first day, last day, incidents left out before the first day).
pub fn x_extent(model: &ChartModel) -> (f64, f64, usize) {
    let filled: Vec<(i32, i32, usize)> = model
        .bins
        .iter()
        .filter(|b| b.total() > 0)
        .map(|b| (b.start, b.end, b.total()))
        .collect();
    let all: usize = filled.iter().map(|b| b.2).sum();
    let bars_hi = filled.iter().map(|b| b.1).max();
    // The outliers: a first run of bins holding at most one incident in twenty (at least
    // one), separated from the rest by a gap longer than the rest spans.
    let mut cut = 0;
    let mut before = 0;
    if let Some(hi) = bars_hi {
        let mut prefix = 0;
        for i in 1..filled.len() {
            prefix += filled[i - 1].2;
            if prefix > (all / 20).max(1) {
                break;
            }
            let gap = filled[i].0 - filled[i - 1].1;
            if gap > hi - filled[i].0 {
                cut = i;
                before = prefix;
            }
        }
    }
    let core_lo = filled.get(cut).map(|b| b.0);
    let span = match (core_lo, bars_hi) {
        (Some(a), Some(b)) => b - a,
        _ => i32::MAX / 4,
    };
    let lo = filled
        .get(cut)
        .map(|b| b.0)
        .into_iter()
        .chain(model.tallies.iter().map(|t| {
            let since = t.since.unwrap_or(t.at).min(t.at);
            // A tally's period that reaches far back starts at the view.
            match core_lo {
                Some(c) if since < c - span => t.at.min(c),
                _ => since,
            }
        }))
        .min()
        .unwrap_or(0);
    let hi = bars_hi
        .into_iter()
        .chain(model.tallies.iter().map(|t| t.at + 1))
        .max()
        .unwrap_or(lo + 7);
    let hi = hi.max(lo + 7);
    // A little room at both ends, so that the first and last bars are not cut by the frame.
    let pad = ((hi - lo) / 50).max(3);
    ((lo - pad) as f64, (hi + pad) as f64, before)
}

/// A y axis wide enough for the largest count of either plot, so that both have the same.
fn y_axis_width(ui: &Ui, model: &ChartModel) -> f32 {
    let most = model
        .bins
        .iter()
        .map(|b| b.total() as f64)
        .chain(model.tallies.iter().map(|t| t.value))
        .chain(
            model
                .tallies
                .iter()
                .filter_map(|t| t.counted.map(|c| c as f64)),
        )
        .fold(1.0, f64::max);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let col = ui.visuals().text_color();
    let digits = ui
        .painter()
        .layout_no_wrap(format!("{}", (most * 1.3).ceil() as i64), font.clone(), col)
        .size();
    let label = ui
        .painter()
        .layout_no_wrap("attacks".into(), font, col)
        .size();
    digits.x + 10.0 + label.y * 1.3
}

/// A plot on the chart's time axis: linked x bounds over `lo..hi`, week or month ticks,
/// whole-number counts on a y axis `y_axis_w` wide; zoom and scroll move the time only.
fn time_plot<'a>(
    id: &str,
    group: egui::Id,
    lo: f64,
    hi: f64,
    y_axis_w: f32,
    y_label: &str,
) -> Plot<'a> {
    let time_axis = AxisHints::new_x()
        .formatter(|m: GridMark, range: &std::ops::RangeInclusive<f64>| {
            let Some(step) = chart_axes::TimeStep::from_days(m.step_size) else {
                return String::new();
            };
            let first = m.value - *range.start() < step.days();
            chart_axes::time_label(m.value.round() as i32, step, first)
        })
        .label_spacing(chart_axes::LABEL_MIN_POINTS..=chart_axes::LABEL_MIN_POINTS + 1.0);
    let count_axis = AxisHints::new_y()
        .label(y_label.to_string())
        .formatter(|m: GridMark, _r: &std::ops::RangeInclusive<f64>| {
            chart_axes::count_label(m.value)
        })
        .min_thickness(y_axis_w);
    Plot::new(id.to_string())
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        // The x range is set, not fitted to the data: a bar the extent leaves out (far before
        // the rest) stays out until the user drags or zooms, in both plots alike.
        .default_x_bounds(lo, hi)
        .include_y(0.0)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_boxed_zoom(false)
        .grid_spacing(GRID_MIN..=300.0)
        .x_grid_spacer(|g: GridInput| {
            let days_per_point = g.base_step_size / GRID_MIN as f64;
            chart_axes::time_ticks(g.bounds.0, g.bounds.1, days_per_point)
                .into_iter()
                .map(|t| GridMark {
                    value: t.day as f64,
                    step_size: t.step.days(),
                })
                .collect()
        })
        .y_grid_spacer(|g: GridInput| {
            chart_axes::count_ticks(
                g.bounds.0,
                g.bounds.1,
                g.base_step_size / GRID_MIN as f64,
                22.0,
            )
            .into_iter()
            .map(|(value, step_size)| GridMark { value, step_size })
            .collect()
        })
        .custom_x_axes(vec![time_axis])
        .custom_y_axes(vec![count_axis])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A regression: a series had bars only where it had incidents, so the stacked chart put
    /// the next series on another bin's bar.
    #[test]
    fn every_series_has_a_bar_on_every_bin_so_stacks_line_up() {
        let bins = vec![
            Bin {
                start: 0,
                end: 7,
                segments: vec![
                    (0, vec![IncidentId(0), IncidentId(1)]),
                    (1, vec![IncidentId(2)]),
                ],
            },
            Bin {
                start: 7,
                end: 14,
                segments: vec![(1, vec![IncidentId(3)])],
            },
            Bin {
                start: 14,
                end: 21,
                segments: vec![(0, vec![IncidentId(4)])],
            },
        ];
        let model = ChartModel {
            series: vec!["a".into(), "b".into()],
            bins,
            ..Default::default()
        };
        let hl = Highlights::default();
        for si in 0..2 {
            let bars = series_bars(&model, si, egui::Color32::RED, &hl);
            assert_eq!(bars.len(), model.bins.len());
            for (bar, bin) in bars.iter().zip(&model.bins) {
                assert_eq!(bar.argument, (bin.start + bin.end) as f64 / 2.0);
                let n = bin
                    .segments
                    .iter()
                    .find(|(s, _)| *s == si)
                    .map_or(0, |(_, v)| v.len());
                assert_eq!(bar.value, n as f64);
            }
        }
    }
}
