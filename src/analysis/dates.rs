//! Dates in text: "Oct. 17", "January 28, 2024", "2024-01-28", "on Sunday", "late Monday",
//! resolved against the document's publication date or a reference date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

/// The month number of a month name or abbreviation ("Oct", "Sept.", "January").
pub fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match s.as_str() {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

/// How a date expression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// Day, month and year.
    Full(NaiveDate),
    /// Day and month; the year comes from context.
    DayMonth {
        /// Month 1-12.
        month: u32,
        /// Day 1-31.
        day: u32,
    },
    /// A weekday ("on Monday"), resolved against the publication date.
    Weekday(Weekday),
    /// Yesterday / today.
    Relative(i64),
    /// Vague ("late January", "in July", "last week"): a time anchor, but no day.
    Vague,
}

/// One date expression found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets in the text that was searched.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// What was written.
    pub form: DateForm,
    /// Introduced by "since" (a period's start, not an event's date).
    pub since: bool,
    /// Part of a range ("between Oct. 17 and 21").
    pub range: bool,
}

// Months as written in text and in the capitals of timeline headings ("FRIDAY, DEC. 27").
const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|JAN(?:UARY|\.)?|FEB(?:RUARY|\.)?|MAR(?:CH|\.)?|APR(?:IL|\.)?|MAY|JUNE?|JULY?|AUG(?:UST|\.)?|SEP(?:T(?:EMBER|\.)?|\.)?|OCT(?:OBER|\.)?|NOV(?:EMBER|\.)?|DEC(?:EMBER|\.)?)";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<iso>(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}(?-u:\b))
      | (?P<md>(?-u:\b)(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y1>(?:19|20)\d{{2}})(?-u:\b))?)
      | (?P<dm>(?-u:\b)(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})(?-u:\b)(?:,?\s+(?P<y2>(?:19|20)\d{{2}})(?-u:\b))?)
      | (?P<wd>(?-u:\b)(?:on\s+|late\s+|early\s+|last\s+)?(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)(?-u:\b))
      | (?P<rel>(?-u:\b)(?:yesterday|today|overnight|last\s+night)(?-u:\b))
      | (?P<hol>(?-u:\b)(?:Christmas\s+(?:Day|Eve)|New\s+Year(?:'s|’s)\s+(?:Day|Eve))(?-u:\b)(?:,?\s+(?P<y3>(?:19|20)\d{{2}})(?-u:\b))?)
      | (?P<vague>(?-u:\b)(?:(?:late|early|mid|in)\s*-?\s*(?:{MONTH})(?:\s+(?:19|20)\d{{2}})?|last\s+(?:week|month)|earlier\s+this\s+(?:week|month)|this\s+(?:week|month)|over\s+the\s+weekend|in\s+(?:19|20)\d{{2}})(?-u:\b))
    "
    ))
    .unwrap()
});

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Finds the date expressions in `text`.
pub fn find(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    for c in DATE_RE.captures_iter(text) {
        let m = c.get(0).expect("group 0");
        let form = if let Some(iso) = c.name("iso") {
            match NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d") {
                Ok(d) => DateForm::Full(d),
                Err(_) => continue,
            }
        } else if c.name("md").is_some() || c.name("dm").is_some() {
            let (mo, d, y) = if c.name("md").is_some() {
                (c.name("m1"), c.name("d1"), c.name("y1"))
            } else {
                (c.name("m2"), c.name("d2"), c.name("y2"))
            };
            let (Some(month), Some(day)) = (
                mo.and_then(|m| month_number(m.as_str())),
                d.and_then(|d| d.as_str().parse::<u32>().ok()),
            ) else {
                continue;
            };
            // "May 5" is a date, "may" alone is not; "March" needs a capital.
            if !mo.is_some_and(|m| m.as_str().starts_with(char::is_uppercase))
                || !(1..=31).contains(&day)
            {
                continue;
            }
            match y.and_then(|y| y.as_str().parse::<i32>().ok()) {
                Some(y) => match NaiveDate::from_ymd_opt(y, month, day) {
                    Some(d) => DateForm::Full(d),
                    None => continue,
                },
                None => DateForm::DayMonth { month, day },
            }
        } else if let Some(w) = c.name("wday") {
            match weekday(w.as_str()) {
                Some(w) => DateForm::Weekday(w),
                None => continue,
            }
        } else if let Some(h) = c.name("hol") {
            let h = h.as_str();
            let (month, day) = if h.starts_with("Christmas") {
                (12, if h.ends_with("Eve") { 24 } else { 25 })
            } else if h.ends_with("Eve") {
                (12, 31)
            } else {
                (1, 1)
            };
            match c.name("y3").and_then(|y| y.as_str().parse::<i32>().ok()) {
                Some(y) => match NaiveDate::from_ymd_opt(y, month, day) {
                    Some(d) => DateForm::Full(d),
                    None => continue,
                },
                None => DateForm::DayMonth { month, day },
            }
        } else if let Some(r) = c.name("rel") {
            match r.as_str().to_ascii_lowercase().as_str() {
                "today" => DateForm::Relative(0),
                _ => DateForm::Relative(-1),
            }
        } else {
            let v = m.as_str();
            if !v
                .split_whitespace()
                .any(|w| w.starts_with(char::is_uppercase) || w.starts_with(char::is_numeric))
                && !v.to_ascii_lowercase().contains("week")
                && !v.to_ascii_lowercase().contains("month")
            {
                continue;
            }
            DateForm::Vague
        };
        let before = text[..m.start()].trim_end();
        let since = before.ends_with("since")
            || before.ends_with("Since")
            || m.as_str().to_ascii_lowercase().starts_with("since");
        let after = &text[m.end()..];
        let range = before.ends_with("between")
            || super::tail_lower(before, 8).ends_with("from")
            || (after.trim_start().starts_with("and ")
                || after.trim_start().starts_with("to ")
                || after.starts_with('-')
                || after.starts_with('–'))
                && after
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|w| w.trim_end_matches([',', '.']).parse::<u32>().is_ok());
        out.push(DateMention {
            start: m.start(),
            end: m.end(),
            form,
            since,
            range,
        });
    }
    out
}

/// How confident the reference date for resolving years is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The document's own publication date or latest full date: events lie before it.
    Document(NaiveDate),
    /// A date from elsewhere in the corpus: take the nearest year.
    Corpus(NaiveDate),
}

/// Resolves a date expression to a day, if it names one.
pub fn resolve(
    form: DateForm,
    pub_date: Option<NaiveDate>,
    anchor: Option<Anchor>,
) -> Option<NaiveDate> {
    match form {
        DateForm::Full(d) => Some(d),
        DateForm::DayMonth { month, day } => {
            let anchor = anchor?;
            let (a, past) = match anchor {
                Anchor::Document(a) => (a, true),
                Anchor::Corpus(a) => (a, false),
            };
            let cands: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .collect();
            if past {
                // The latest that is not more than a week after the anchor.
                cands
                    .into_iter()
                    .filter(|d| *d <= a + Duration::days(7))
                    .max()
            } else {
                cands.into_iter().min_by_key(|d| (*d - a).num_days().abs())
            }
        }
        DateForm::Weekday(w) => {
            let p = pub_date?;
            let back = (p.weekday().num_days_from_monday() as i64
                - w.num_days_from_monday() as i64)
                .rem_euclid(7);
            Some(p - Duration::days(back))
        }
        DateForm::Relative(n) => pub_date.map(|p| p + Duration::days(n)),
        DateForm::Vague => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn finds_and_resolves() {
        let pub_date = Some(d("2024-02-01"));
        let doc = Some(Anchor::Document(d("2024-02-01")));
        let cases: Vec<(&str, Option<&str>, bool)> = vec![
            ("on January 28, the attack", Some("2024-01-28"), false),
            ("on Oct. 17 a blast", Some("2023-10-17"), false),
            ("on 3 January 2020 he died", Some("2020-01-03"), false),
            ("since Oct. 17", Some("2023-10-17"), true),
            ("late Monday", Some("2024-01-29"), false),
            ("on Sunday", Some("2024-01-28"), false),
            ("in late January", None, false),
        ];
        for (text, want, since) in cases {
            let f = find(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].since, since, "{text}");
            let got = resolve(f[0].form, pub_date, doc).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn corpus_anchor_takes_nearest_year() {
        let a = Some(Anchor::Corpus(d("2024-02-01")));
        let f = find("on July 26");
        assert_eq!(resolve(f[0].form, None, a), Some(d("2024-07-26")));
        let f = find("on October 7");
        assert_eq!(resolve(f[0].form, None, a), Some(d("2023-10-07")));
    }

    #[test]
    fn ranges_and_words_that_are_not_dates() {
        let f = find("between Oct. 17 and 21 at the base");
        assert!(f[0].range);
        assert!(find("they may 5 times").is_empty());
    }
}
