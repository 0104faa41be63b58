//! Document metadata: title, publication date and outlet.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Format;
use super::html::HtmlPage;
use super::junk::{Junk, JunkKind};
use crate::lexicon::Lexicon;

/// What was found.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
}

static ISO_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:date|published|posted|updated|last updated|publication date|dated)\s*[:\-]?\s*(?:on\s+)?(\d{4}-\d{2}-\d{2})").unwrap()
});
static WORD_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:date|published|posted|updated|last updated|publication date|dated)\s*[:\-]?\s*(?:on\s+)?(?:\w+day,?\s+)?([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})").unwrap()
});
static DATE_ONLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:\w+day,?\s+)?([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:\s*[|,–-]?\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$").unwrap()
});
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*[A-Z][A-Za-z0-9 .,'’-]+\((AP|Reuters|AFP)\)\s*[-–—]").unwrap()
});
static SOURCE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[.!?”\x22]\s+)\s*(?i:source)\s*:?\s+([A-Z][\w .'’&-]+?)\s*$").unwrap()
});
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})").unwrap());

/// A full date (day, month, year) on one of the short lines before the body begins: bylines
/// and page headers write it in many ways ("Updated 9:14 PM EST, Sun January 28, 2024",
/// "By X | February 8, 2024 |", "October, 18, 2023 - 22:05", "Baghdad, Saturday 3 February
/// 2024", "16/02/2021 - 10:42"). The body starts at the first long line.
fn header_date(head: &str, junk: &[Junk]) -> Option<NaiveDate> {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?:$|[^\d/.])").unwrap()
    });
    static MONTH_COMMA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([A-Z][a-z]{2,8}),\s+(\d{1,2}),\s+((?:19|20)\d{2})\b").unwrap()
    });
    let mut pos = 0;
    for line in head.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let words = line.split_whitespace().count();
        if words >= 25 {
            break;
        }
        if in_junk(junk, start, &[JunkKind::Caption, JunkKind::Duplicate]) || words == 0 {
            continue;
        }
        // A line of the page's header says when: a byline or a label ("Published",
        // "Updated", "By X |"), a dateline ("Baghdad, Saturday 3 February 2024"), not a
        // caption or a credit.
        let l = line.to_ascii_lowercase();
        let credit = [
            "(ap)",
            "(reuters)",
            "(afp)",
            "photo",
            "getty",
            "image",
            "file",
        ]
        .iter()
        .any(|c| l.contains(c));
        let marked = [
            "published",
            "updated",
            "posted",
            "by ",
            "date",
            "|",
            "·",
            " - ",
            " – ",
            " — ",
            "press",
            "transcript",
            "release",
        ]
        .iter()
        .any(|c| l.contains(c))
            || l.split(',')
                .next()
                .is_some_and(|w| w.split_whitespace().count() <= 2)
                && l.contains(',')
                && words <= 8;
        if credit || !marked {
            continue;
        }
        for d in crate::analysis::dates::find(line) {
            if let crate::analysis::dates::DateForm::Full(x) = d.form
                && !d.range
            {
                return Some(x);
            }
        }
        if let Some(c) = MONTH_COMMA.captures(line)
            && let Some(m) = crate::analysis::dates::month_number(&c[1])
            && let Some(x) = NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[2].parse().ok()?)
        {
            return Some(x);
        }
        if let Some(c) = NUMERIC.captures(line) {
            // Day first, as outside the United States; month first when the day cannot be.
            let (a, b, y): (u32, u32, i32) =
                (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            let x = NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b));
            if x.is_some() {
                return x;
            }
        }
    }
    None
}

/// Whether a line of `head` can be one [`DATE_ONLY_LINE`] matches: such a line ends (but for
/// white space) with the digits of a year, a day or minutes, with "am"/"pm" ("p.m."), or
/// with the capitals of a time zone.
fn may_end_in_date(head: &str) -> bool {
    head.split('\n').any(|l| {
        let mut cs = l.trim_end().chars().rev();
        match cs.next() {
            Some(c) => {
                c.is_numeric()
                    || c.is_ascii_uppercase()
                    || matches!(c, 'm' | 'M')
                    || (c == '.' && matches!(cs.next(), Some('m' | 'M')))
            }
            None => false,
        }
    })
}

/// The end of YAML front matter (`---` ... `---`) at the start of a Markdown file.
pub fn front_matter(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let after = 4 + end + 4;
    Some(
        text[after..]
            .find('\n')
            .map(|n| after + n + 1)
            .unwrap_or(text.len()),
    )
}

fn front_matter_field(text: &str, key: &str) -> Option<String> {
    let end = front_matter(text)?;
    text[..end].lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn in_junk(junk: &[Junk], pos: usize, kinds: &[JunkKind]) -> bool {
    junk.iter()
        .any(|j| j.start <= pos && pos < j.end && kinds.contains(&j.kind))
}

/// Extracts title, date and source.
pub fn extract(
    text: &str,
    junk: &[Junk],
    page: Option<&HtmlPage>,
    format: Format,
    lexicon: &Lexicon,
) -> Meta {
    let mut m = Meta::default();
    // Title.
    if let Some(p) = page {
        m.title = p.h1.clone().or_else(|| p.title.clone());
    }
    if m.title.is_none() && format == Format::Markdown {
        m.title = front_matter_field(text, "title");
    }
    if m.title.is_none() {
        let mut off = 0;
        for line in text.split('\n') {
            let t = line.trim().trim_start_matches('#').trim();
            let pos = off + (line.len() - line.trim_start().len());
            off += line.len() + 1;
            if t.is_empty()
                || junk
                    .iter()
                    .any(|j| j.start <= pos && pos < j.end && j.kind != JunkKind::Duplicate)
            {
                continue;
            }
            let title: String = if t.len() > 160 {
                let cut = t
                    .char_indices()
                    .take_while(|&(i, _)| i < 120)
                    .last()
                    .map(|(i, c)| i + c.len_utf8())
                    .unwrap_or(t.len());
                format!("{}…", &t[..cut])
            } else {
                t.to_string()
            };
            m.title = Some(title);
            break;
        }
    }
    // Date.
    let head = &text[..text
        .char_indices()
        .nth(3000)
        .map(|(i, _)| i)
        .unwrap_or(text.len())];
    let mut date = page.and_then(|p| p.date.as_deref()).and_then(parse_iso);
    if date.is_none() && format == Format::Markdown {
        date = front_matter_field(text, "date")
            .as_deref()
            .and_then(parse_iso);
    }
    // The labelled forms start a line with their label; most heads have none.
    let labelled = std::cell::LazyCell::new(|| {
        head.split('\n')
            .any(|l| super::junk::may_start(l.trim_start(), super::junk::META_STARTS))
    });
    if date.is_none() && *labelled {
        date = ISO_LABELLED.captures(head).and_then(|c| parse_iso(&c[1]));
    }
    if date.is_none() && *labelled {
        date = WORD_LABELLED
            .captures(head)
            .and_then(|c| parse_written(&c[1]));
    }
    if date.is_none() && may_end_in_date(head) {
        date = DATE_ONLY_LINE
            .captures_iter(head)
            .find(|c| {
                !in_junk(
                    junk,
                    c.get(1).map_or(0, |g| g.start()),
                    &[JunkKind::Caption, JunkKind::Duplicate],
                )
            })
            .and_then(|c| parse_written(&c[1]).or_else(|| parse_iso(&c[1])));
    }
    if date.is_none() && format == Format::Markdown {
        date = [
            "date_published",
            "published",
            "pubdate",
            "created",
            "date_created",
        ]
        .iter()
        .find_map(|k| front_matter_field(text, k))
        .as_deref()
        .and_then(parse_iso);
    }
    if date.is_none() {
        date = header_date(head, junk);
    }
    m.date = date;
    // Source.
    let outlet_named = |s: &str| -> Option<String> {
        let s = s.trim().trim_end_matches('.');
        lexicon
            .outlets
            .iter()
            .find(|o| {
                o.name.eq_ignore_ascii_case(s)
                    || o.aliases.iter().any(|a| a.eq_ignore_ascii_case(s))
            })
            .map(|o| o.name.clone())
    };
    // The label's "source" ("ſource" too, as the pattern ignores case) holds "ource".
    let mut source = if super::junk::contains_ci(text, "ource") {
        SOURCE_LABEL
            .captures_iter(text)
            .filter(|c| !c[1].to_ascii_lowercase().starts_with("link"))
            .last()
            .map(|c| outlet_named(&c[1]).unwrap_or_else(|| c[1].trim().to_string()))
    } else {
        None
    };
    if source.is_none() {
        source = page
            .and_then(|p| p.site_name.clone())
            .map(|s| outlet_named(&s).unwrap_or(s));
    }
    if source.is_none() {
        let url = page
            .and_then(|p| p.url.clone())
            .or_else(|| URL.captures(text).map(|c| c[0].to_string()));
        if let Some(u) = url.and_then(|u| URL.captures(&u).map(|c| c[1].to_string())) {
            source = lexicon
                .outlets
                .iter()
                .find(|o| {
                    // The domain or a subdomain of it: "ft.com" is not "microsoft.com".
                    o.aliases.iter().any(|a| {
                        a.contains('.')
                            && u.strip_suffix(a.as_str())
                                .is_some_and(|sub| sub.is_empty() || sub.ends_with('.'))
                    })
                })
                .map(|o| o.name.clone());
        }
    }
    if source.is_none() {
        source = outlet_in_furniture(text, junk, lexicon);
    }
    if source.is_none()
        && ["(AP)", "(Reuters)", "(AFP)"]
            .iter()
            .any(|a| head.contains(a))
    {
        source = DATELINE_AGENCY
            .captures(head)
            .and_then(|c| outlet_named(&c[1]));
    }
    m.source = source;
    m
}

/// A non-agency outlet named in page furniture ("Jerusalem Post Store"), or as the outlet the
/// people in the story speak to ("he told Asharq Al-Awsat").
fn outlet_in_furniture(text: &str, junk: &[Junk], lexicon: &Lexicon) -> Option<String> {
    // Every occurrence of every name in one pass; the first outlet of the list that has a
    // qualifying one wins.
    let names = lexicon.outlet_names.as_ref()?;
    let mut best: Option<usize> = None;
    for m in names.find_overlapping_iter(text) {
        let outlet = lexicon.outlet_name_of[m.pattern().as_usize()];
        if best.is_some_and(|b| b <= outlet) {
            continue;
        }
        let (pos, end) = (m.start(), m.end());
        let before_ok = pos == 0
            || !text[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if !before_ok || !after_ok {
            continue;
        }
        let furniture = in_junk(
            junk,
            pos,
            &[
                JunkKind::Furniture,
                JunkKind::Boilerplate,
                JunkKind::SourceLine,
                JunkKind::Byline,
            ],
        );
        let before = text[..pos].trim_end();
        let interview = ["told", "to", "with"].iter().any(|w| {
            before.ends_with(w)
                && (before.ends_with("told")
                    || before.ends_with("speaking to")
                    || before.ends_with("interview with"))
        });
        if furniture || interview {
            best = Some(outlet);
        }
    }
    best.map(|o| lexicon.outlets[o].name.clone())
}

/// Parses `YYYY-MM-DD` (ignoring what follows).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.get(..10)?;
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Parses "January 28, 2024", "Jan. 28 2024", "28 January 2024".
pub fn parse_written(s: &str) -> Option<NaiveDate> {
    let cleaned: String = s.replace([',', '.'], " ");
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    if parts.len() != 3 {
        return None;
    }
    let (m, d, y) = if parts[0].chars().next()?.is_ascii_digit() {
        (parts[1], parts[0], parts[2])
    } else {
        (parts[0], parts[1], parts[2])
    };
    let month = crate::analysis::dates::month_number(m)?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::junk;

    #[test]
    fn the_quick_tests_never_rule_out_a_head_the_date_patterns_match() {
        for head in [
            "January 28, 2024",
            "Sunday, January 28, 2024 9:14 PM EST",
            "3 February 2024 \r",
            "16 Feb 2021 | 10:42 p.m.",
            "Title\n\n2024-02-06\n\nBody.",
        ] {
            assert!(DATE_ONLY_LINE.is_match(head), "{head:?}");
            assert!(may_end_in_date(head), "{head:?}");
        }
        assert!(!may_end_in_date("Drones struck.\nThe base, he said."));
        let labelled = |head: &str| {
            head.split('\n')
                .any(|l| junk::may_start(l.trim_start(), junk::META_STARTS))
        };
        for head in [
            "Posted on 2024-02-06",
            "Title\n Poſted: 2024-02-06",
            "  LAST UPDATED: 2024-02-06",
        ] {
            assert!(ISO_LABELLED.is_match(head) && labelled(head), "{head:?}");
        }
        assert!(!labelled("The base 2024-02-06"));
        assert!(
            SOURCE_LABEL.is_match("Said. ſource: Reuters") && junk::contains_ci("ſource", "ource")
        );
    }

    fn meta_of(text: &str) -> Meta {
        let lex = Lexicon::bundled();
        let j = junk::detect(text, &[]);
        extract(text, &j, None, Format::Text, &lex)
    }

    #[test]
    fn dates_from_labels_and_lines() {
        let cases = [
            (" date 2024-02-01 In a statement", Some("2024-02-01")),
            (
                "Title\nPublished: January 28, 2024\nBody.",
                Some("2024-01-28"),
            ),
            ("Title\n28 January 2024\nBody.", Some("2024-01-28")),
            (
                "Title\nA caption, Nov. 8, 2023 (AP)\nBody on Nov. 8, 2023.",
                None,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                meta_of(text).date.map(|d| d.to_string()).as_deref(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn sources() {
        let cases = [
            (
                "Title\n\nBody said. Source: Deutsche Welle\n",
                Some("Deutsche Welle"),
            ),
            (
                "Title\n\nBody text.\nJerusalem Post Store\n",
                Some("Jerusalem Post"),
            ),
            (
                "Title\n\n“Quote,” he told Asharq Al-Awsat.\n",
                Some("Asharq Al-Awsat"),
            ),
            ("Title\n\nBody text.\n\nSource link\n", None),
            ("Title\n\nA photo (AP)\nBody text.\n", None),
            ("BAGHDAD (Reuters) - Rockets hit the base.", Some("Reuters")),
            (
                "Title\n\nhttps://english.almayadeen.net/news/politics/x\nBody text.\n",
                Some("Al Mayadeen"),
            ),
            // A domain matches itself and its subdomains only ("ft.com").
            (
                "Title\n\nhttps://www.microsoft.com/en-us/x\nBody text.\n",
                None,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(meta_of(text).source.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn title_is_first_real_line() {
        assert_eq!(
            meta_of("\n\n# The Headline\n\nbody").title.as_deref(),
            Some("The Headline")
        );
        assert_eq!(
            meta_of("Skip to content\nThe Headline\n\nThe body of the story.")
                .title
                .as_deref(),
            Some("The Headline")
        );
    }
}
