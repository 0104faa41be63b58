//! Tick marks of the chart's axes: time ticks on week starts (Mondays), month starts,
//! quarter starts or years, whichever the zoom leaves room for, and whole-number ticks on
//! count axes. Plain functions of the visible range and its scale (no egui), so that they
//! are tested on their own.

use chrono::{Datelike, NaiveDate};

use super::selection::{day_date, day_number};

/// Tick labels closer than this (points) are not drawn; finer marks than that are grid
/// lines only.
pub const LABEL_MIN_POINTS: f32 = 40.0;

/// A unit of the time axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimeStep {
    /// Monday-based weeks.
    Week,
    /// Calendar months.
    Month,
    /// Quarters (January, April, July, October).
    Quarter,
    /// Calendar years.
    Year,
}

impl TimeStep {
    const ALL: [TimeStep; 4] = [
        TimeStep::Week,
        TimeStep::Month,
        TimeStep::Quarter,
        TimeStep::Year,
    ];

    /// Nominal length in days (what the plot uses to space and fade the marks).
    pub fn days(self) -> f64 {
        match self {
            TimeStep::Week => 7.0,
            TimeStep::Month => 30.0,
            TimeStep::Quarter => 91.0,
            TimeStep::Year => 365.0,
        }
    }

    /// The room (points) a step needs to carry its label.
    fn needs_points(self) -> f64 {
        match self {
            // "Oct 16 2023" on the first tick.
            TimeStep::Week => 76.0,
            // "Jan 2024".
            TimeStep::Month | TimeStep::Quarter => 64.0,
            TimeStep::Year => 44.0,
        }
    }

    /// The step a tick of nominal length `days` is.
    pub fn from_days(days: f64) -> Option<TimeStep> {
        TimeStep::ALL
            .into_iter()
            .find(|s| (s.days() - days).abs() < 0.5)
    }

    /// The first day of this step's period holding `day`.
    fn floor(self, day: i32) -> i32 {
        let d = day_date(day);
        let first = |y: i32, m: u32| day_number(NaiveDate::from_ymd_opt(y, m, 1).expect("month"));
        match self {
            TimeStep::Week => day - d.weekday().num_days_from_monday() as i32,
            TimeStep::Month => first(d.year(), d.month()),
            TimeStep::Quarter => first(d.year(), (d.month0() / 3) * 3 + 1),
            TimeStep::Year => first(d.year(), 1),
        }
    }

    /// The first day of the next period after the one starting on `start`.
    fn next(self, start: i32) -> i32 {
        let d = day_date(start);
        let add_months = |n: u32| {
            let m0 = d.month0() + n;
            let (y, m) = (d.year() + (m0 / 12) as i32, m0 % 12 + 1);
            day_number(NaiveDate::from_ymd_opt(y, m, 1).expect("month"))
        };
        match self {
            TimeStep::Week => start + 7,
            TimeStep::Month => add_months(1),
            TimeStep::Quarter => add_months(3),
            TimeStep::Year => add_months(12),
        }
    }
}

/// One tick: the day it marks and the step it belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeTick {
    /// Day number.
    pub day: i32,
    /// Its step.
    pub step: TimeStep,
}

/// The step labelled at a scale of `days_per_point`: the finest whose label fits.
pub fn label_step(days_per_point: f64) -> TimeStep {
    TimeStep::ALL
        .into_iter()
        .find(|s| s.days() / days_per_point.max(1e-9) >= s.needs_points())
        .unwrap_or(TimeStep::Year)
}

/// The ticks over days `min..=max` at `days_per_point`: the labelled step, and the next finer
/// one as unlabelled grid lines when those stay closer than [`LABEL_MIN_POINTS`].
pub fn time_ticks(min: f64, max: f64, days_per_point: f64) -> Vec<TimeTick> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    // Beyond what dates can say (a zoom far out): no ticks rather than a panic.
    let (lo, hi) = (
        min.floor().max(-700_000.0) as i32,
        max.ceil().min(2_000_000.0) as i32,
    );
    if hi <= lo {
        return Vec::new();
    }
    let major = label_step(days_per_point);
    let minor = TimeStep::ALL
        .into_iter()
        .rev()
        .find(|s| *s < major)
        .filter(|s| {
            (s.days() / days_per_point) < LABEL_MIN_POINTS as f64
                && s.days() / days_per_point >= 6.0
        });
    let mut out = Vec::new();
    let mut majors = std::collections::HashSet::new();
    let mut d = major.floor(lo);
    while d <= hi && out.len() < 2000 {
        if d >= lo {
            out.push(TimeTick {
                day: d,
                step: major,
            });
            majors.insert(d);
        }
        d = major.next(d);
    }
    if let Some(m) = minor {
        let mut d = m.floor(lo);
        while d <= hi && out.len() < 4000 {
            if d >= lo && !majors.contains(&d) {
                out.push(TimeTick { day: d, step: m });
            }
            d = m.next(d);
        }
    }
    out
}

/// A tick's label. `first` is whether it is the first labelled tick in view (weeks then
/// carry their year).
pub fn time_label(day: i32, step: TimeStep, first: bool) -> String {
    let d = day_date(day);
    match step {
        TimeStep::Week if first || d.ordinal() <= 7 => d.format("%b %-d %Y").to_string(),
        TimeStep::Week => d.format("%b %-d").to_string(),
        TimeStep::Month | TimeStep::Quarter => d.format("%b %Y").to_string(),
        TimeStep::Year => d.format("%Y").to_string(),
    }
}

/// Whole-number ticks over `min..=max` at `values_per_point`: steps of 1, 2, 5, 10, 20, 50 …
/// at least `min_points` apart; negative values get none. Returns (value, step).
pub fn count_ticks(min: f64, max: f64, values_per_point: f64, min_points: f64) -> Vec<(f64, f64)> {
    if !(min.is_finite() && max.is_finite()) || max < 0.0 || max <= min {
        return Vec::new();
    }
    let want = values_per_point.abs() * min_points;
    let mut step = 1.0f64;
    let mut k = 0;
    while step < want && step < 1e15 {
        step *= [2.0, 2.5, 2.0][k % 3];
        k += 1;
    }
    let start = (min.max(0.0) / step).ceil() as i64;
    let end = (max / step).floor() as i64;
    (start..=end.min(start + 1000))
        .map(|i| (i as f64 * step, step))
        .collect()
}

/// A count tick's label: the whole number, nothing for anything else.
pub fn count_label(v: f64) -> String {
    if v >= 0.0 && (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    #[test]
    fn ticks_fall_on_mondays_or_month_starts_as_the_zoom_allows() {
        let (lo, hi) = (day(2023, 10, 1), day(2024, 3, 31));
        // 183 days over 2,500 points: weeks fit ("Oct 16"), with no finer grid.
        let t = time_ticks(lo as f64, hi as f64, 183.0 / 2500.0);
        assert!(t.iter().all(|t| t.step == TimeStep::Week));
        assert!(
            t.iter()
                .all(|t| day_date(t.day).weekday() == chrono::Weekday::Mon)
        );
        assert_eq!(t.len(), 26);
        // Over 400 points: months labelled, weeks as grid lines.
        let t = time_ticks(lo as f64, hi as f64, 183.0 / 400.0);
        let months: Vec<String> = t
            .iter()
            .filter(|t| t.step == TimeStep::Month)
            .map(|t| time_label(t.day, t.step, false))
            .collect();
        assert_eq!(
            months,
            [
                "Oct 2023", "Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024"
            ]
        );
        assert!(t.iter().any(|t| t.step == TimeStep::Week));
        // Two years over 300 points: quarters; ten years: years.
        let t = time_ticks(
            day(2022, 1, 1) as f64,
            day(2024, 1, 1) as f64,
            730.0 / 300.0,
        );
        assert!(t.iter().any(|t| t.step == TimeStep::Quarter));
        assert!(t.iter().filter(|t| t.step == TimeStep::Quarter).all(|t| {
            [1, 4, 7, 10].contains(&day_date(t.day).month()) && day_date(t.day).day() == 1
        }));
        let t = time_ticks(
            day(2010, 1, 1) as f64,
            day(2020, 1, 1) as f64,
            3650.0 / 300.0,
        );
        assert!(
            t.iter()
                .all(|t| t.step == TimeStep::Year || t.step == TimeStep::Quarter)
        );
        assert_eq!(time_label(day(2015, 1, 1), TimeStep::Year, false), "2015");
    }

    #[test]
    fn labelled_ticks_leave_room_for_their_labels() {
        for dpp in [0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 3.0, 8.0, 40.0] {
            let step = label_step(dpp);
            if dpp < 8.0 {
                assert!(step.days() / dpp >= step.needs_points(), "{dpp}");
            }
            // Unlabelled grid lines stay closer than a label needs, so the plot draws none.
            for t in time_ticks(19_000.0, 19_400.0, dpp) {
                if t.step != step {
                    assert!(t.step.days() / dpp < LABEL_MIN_POINTS as f64);
                }
            }
        }
    }

    #[test]
    fn week_labels_carry_the_year_first_and_in_january() {
        assert_eq!(
            time_label(day(2023, 10, 16), TimeStep::Week, false),
            "Oct 16"
        );
        assert_eq!(
            time_label(day(2023, 10, 16), TimeStep::Week, true),
            "Oct 16 2023"
        );
        assert_eq!(
            time_label(day(2024, 1, 1), TimeStep::Week, false),
            "Jan 1 2024"
        );
    }

    #[test]
    fn count_ticks_are_whole_numbers() {
        // Counts 0..3 over 100 points: every whole number, never 0.5.
        let t = count_ticks(-0.2, 3.3, 3.5 / 100.0, 20.0);
        assert_eq!(
            t.iter().map(|x| x.0).collect::<Vec<_>>(),
            [0.0, 1.0, 2.0, 3.0]
        );
        // 0..180 over 120 points: steps of 50.
        let t = count_ticks(0.0, 180.0, 180.0 / 120.0, 20.0);
        assert_eq!(
            t.iter().map(|x| x.0).collect::<Vec<_>>(),
            [0.0, 50.0, 100.0, 150.0]
        );
        assert!(count_ticks(-5.0, -1.0, 0.1, 20.0).is_empty());
        assert_eq!(count_label(3.0), "3");
        assert_eq!(count_label(0.5), "");
        assert_eq!(count_label(-1.0), "");
    }

    #[test]
    fn odd_ranges_give_no_ticks_instead_of_a_panic() {
        assert!(time_ticks(f64::NAN, 3.0, 1.0).is_empty());
        assert!(time_ticks(5.0, 1.0, 1.0).is_empty());
        assert!(time_ticks(-1e12, 1e12, 1e9).len() < 4000);
        assert!(count_ticks(0.0, 1e300, 1e290, 20.0).len() <= 1001);
    }
}
