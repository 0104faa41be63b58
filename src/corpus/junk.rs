//! Page junk inside article text: script scraps, photo captions and credits, repeated lines,
//! "Read more" link lists, cookie and subscription lines, bylines, "Source link" and trailing
//! page furniture. Junk stays in the displayed text (the reader dims it) but is left out of
//! the analysis.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// Why a stretch of text is junk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JunkKind {
    /// Program code (JavaScript, CSS) that leaked into the text.
    Script,
    /// A photo caption or a picture credit. Actor mentions in it still count.
    Caption,
    /// A line that repeats an earlier one.
    Duplicate,
    /// "Read more" / "READ ALSO" and the links under it.
    LinkList,
    /// Cookie, subscription and sharing lines.
    Boilerplate,
    /// The author's byline or a one-word page marker ("admin", "TT").
    Byline,
    /// "Source: ..." and "Source link".
    SourceLine,
    /// Metadata lines such as "date 2024-02-01".
    Metadata,
    /// Short lines after the end of the article (tags, store links), and a page's
    /// sidebars, comments and footers.
    Furniture,
    /// A page's headline and the summary under it: shown, but the article says it again.
    Headline,
}

impl JunkKind {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            JunkKind::Script => "script",
            JunkKind::Caption => "caption",
            JunkKind::Duplicate => "repeated line",
            JunkKind::LinkList => "link list",
            JunkKind::Boilerplate => "boilerplate",
            JunkKind::Byline => "byline",
            JunkKind::SourceLine => "source line",
            JunkKind::Metadata => "metadata",
            JunkKind::Furniture => "page furniture",
            JunkKind::Headline => "headline",
        }
    }
}

/// One junk range of the displayed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Junk {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Why.
    pub kind: JunkKind,
}

static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\((?:[^()]*(?-u:\b)(?:AP|AFP|Reuters|Getty|EPA|Anadolu|via|photo|file|courtesy|handout)(?-u:\b)[^()]*)\)\s*$|©|(?-u:\b)Getty Images(?-u:\b)|^\s*(?:photo|image|picture|file photo|pictured)\s*[:|]|^\s*this (?:image|photo|picture) (?:from|provided|taken|released|shows)|^\s*FILE\s*[-–—]|(?-u:\b)credit\s*:)").unwrap()
});
static LINK_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:read more|read also|also read|see also|related(?: articles| stories| coverage)?|more on this|recommended|you may also like|more from|most read|trending)(?-u:\b)\s*[:\-–—]?").unwrap()
});
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:we use cookies|cookie(?:s| policy| settings)|accept all|subscribe|subscription|sign up|newsletter|all rights reserved|copyright|advertisement|share this|share on|follow us|click here|privacy policy|terms of (?:use|service)|(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by|log ?in|download (?:the|our) app|enable javascript|your browser|(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|article)|back to top|toggle navigation)(?-u:\b)").unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|al|el|van|von))*\s*(?:[,|]\s*[\w .'’-]*)?$").unwrap()
});
static SOURCE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[.!?”\x22]\s+)(Source:\s*[A-Z][^\n.]+?)\s*$").unwrap());
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:source link|source\s*:?\s*[A-Z][\w .'’&-]+|sources?\s*:.*)\s*$")
        .unwrap()
});
static META_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:date|published|posted|updated|last updated|publication date)\s*[:\-]?\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.Z+-]*)?").unwrap()
});
/// Signs of program code, as alternatives of one pattern (in this order: the first that
/// matches at a place is the one counted there).
const SCRIPT_SIGNS: &[&str] = &[
    r"document\.",
    r"window\.",
    r"getElementById",
    r"innerHTML",
    r"function\s*\(",
    r"(?-u:\b)var\s+\w+\s*=",
    r"(?-u:\b)let\s+\w+\s*=",
    r"(?-u:\b)const\s+\w+\s*=",
    r"=>",
    r"\}\s*\)",
    r"\);",
    r"!==",
    r"===",
    r"\.style\.",
    r"addEventListener",
    r"\{\s*\}",
];
static SCRIPT_TOKENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&SCRIPT_SIGNS.join("|")).unwrap());
/// The signs of each of [`SCRIPT_GATES`] (every sign in one).
const SCRIPT_GATE_GROUPS: &[&[usize]] = &[
    &[0, 1, 2, 3, 8, 10, 11, 12, 13, 14],
    &[4],
    &[5, 6, 7],
    &[9, 15],
];
/// The same signs in a few patterns that each start with a literal the regex engine looks for
/// first: together they tell a line with no sign (almost every line) several times faster
/// than [`SCRIPT_TOKENS`], whose one-byte alternatives ("{", "=") leave it nothing to look
/// for but the automaton.
static SCRIPT_GATES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    SCRIPT_GATE_GROUPS
        .iter()
        .map(|group| {
            let alts: Vec<&str> = group.iter().map(|&i| SCRIPT_SIGNS[i]).collect();
            Regex::new(&alts.join("|")).unwrap()
        })
        .collect()
});

/// Whether `t` may start with one of the ASCII `prefixes` as a case-insensitive pattern
/// matches them: a quick test before the line patterns anchored at a line's start, most of
/// which a line's first letters already rule out. Of the ASCII letters only "k" and "s" have
/// other case variants (the Kelvin sign, the long s), both non-ASCII: a prefix is only ruled
/// out by an ASCII byte that is none of its letter's cases, never by a non-ASCII one.
pub(super) fn may_start(t: &str, prefixes: &[&str]) -> bool {
    let b = t.as_bytes();
    prefixes.iter().any(|p| {
        for (i, &c) in p.as_bytes().iter().enumerate() {
            match b.get(i) {
                None => return false,
                Some(x) if !x.is_ascii() => return true,
                Some(x) if x.to_ascii_lowercase() != c => return false,
                Some(_) => {}
            }
        }
        true
    })
}

/// Whether `hay` holds `word` (lower-case ASCII letters that have no non-ASCII case variant,
/// so no "k" nor "s") in any case, as a case-insensitive pattern finds it.
pub(super) fn contains_ci(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    debug_assert!(!w.is_empty() && !w.contains(&b'k') && !w.contains(&b's'));
    memchr::memchr2_iter(w[0], w[0].to_ascii_uppercase(), h)
        .any(|i| h.len() - i >= w.len() && h[i..i + w.len()].eq_ignore_ascii_case(w))
}

/// Where [`LINK_HEADER`], [`SOURCE_LINE`], [`META_LINE`] and [`BYLINE`] can match: the words
/// their trimmed line starts with.
const LINK_STARTS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "more on this",
    "recommended",
    "you may also like",
    "more from",
    "most read",
    "trending",
];
const SOURCE_STARTS: &[&str] = &["source"];
pub(super) const META_STARTS: &[&str] = &[
    "date",
    "published",
    "posted",
    "updated",
    "last updated",
    "publication date",
];
const BYLINE_STARTS: &[&str] = &["by"];

/// Whether [`CAPTION_CREDIT`] can match `t`: each of its forms needs a parenthesis, "©", a
/// colon or a bar, "Getty", or starts with "this " or "file".
fn may_be_caption(t: &str) -> bool {
    t.contains(['(', ':', '|', '©']) || contains_ci(t, "getty") || may_start(t, &["this ", "file"])
}

fn is_script(line: &str) -> bool {
    if !SCRIPT_GATES.iter().any(|g| g.is_match(line)) {
        return false;
    }
    let hits = SCRIPT_TOKENS.find_iter(line).take(3).count();
    if hits >= 2 {
        return true;
    }
    let punct = line
        .bytes()
        .filter(|b| matches!(b, b';' | b'{' | b'}' | b'(' | b')' | b'='))
        .count();
    hits >= 1 && punct * 12 > line.len()
}

fn ends_like_prose(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with([
        '.', '!', '?', '"', '”', '’', ':', ')', '…', '。', '！', '？', '」', '』', '）', '»',
    ])
}

/// Words in `s`; in Chinese, Japanese and Korean, which put no spaces between words, every
/// two characters count as one.
fn word_count(s: &str) -> usize {
    let spaced = s.split_whitespace().count();
    let cjk = s
        .chars()
        .filter(|&c| {
            matches!(c as u32,
                0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
        })
        .count();
    spaced.max(cjk / 2)
}

/// Finds the junk in `text`. `known` holds ranges already known to be junk (sorted, apart).
pub fn detect(text: &str, known: &[Junk]) -> Vec<Junk> {
    detect_with(text, known, true)
}

/// Finds the junk in the text of a web page, whose structure already told the article from
/// the furniture around it (`known`): the short lines that end it are the article's own.
pub fn detect_in_page(text: &str, known: &[Junk]) -> Vec<Junk> {
    detect_with(text, known, false)
}

fn detect_with(text: &str, known: &[Junk], trailing_furniture: bool) -> Vec<Junk> {
    let mut junk: Vec<Junk> = known.to_vec();
    let mut seen: HashSet<&str, rustc_hash::FxBuildHasher> = HashSet::default();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for l in text.split('\n') {
        lines.push((off, l));
        off += l.len() + 1;
    }
    let mut in_links = 0usize;
    // A line inside a range already known to be junk keeps that kind.
    let known_covers = |s: usize, e: usize| {
        let i = known.partition_point(|j| j.end <= s);
        known.get(i).is_some_and(|j| j.start <= s && e <= j.end)
    };
    for &(start, line) in &lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        let e = start + line.trim_end().len();
        if known_covers(s, e) {
            continue;
        }
        let mut mark = |kind| {
            junk.push(Junk {
                start: s,
                end: e,
                kind,
            })
        };
        // Counted only for the lines a rule may mark: most lines are prose that none does.
        let words = std::cell::LazyCell::new(|| word_count(t));
        if is_script(t) {
            mark(JunkKind::Script);
        } else if t.starts_with("![") && t.contains("](") {
            // A Markdown image: its text describes the photo, as a caption does.
            mark(JunkKind::Caption);
        } else if may_be_caption(t)
            && CAPTION_CREDIT.is_match(t)
            && (*words < 60 || t.contains('©'))
        {
            mark(JunkKind::Caption);
        } else if t.len() >= 20 && !seen.insert(t) {
            mark(JunkKind::Duplicate);
        } else if may_start(t, LINK_STARTS) && LINK_HEADER.is_match(t) && *words < 25 {
            mark(JunkKind::LinkList);
            in_links = 8;
            continue;
        } else if in_links > 0 && *words < 20 && !ends_like_prose(t) && !t.contains(". ") {
            mark(JunkKind::LinkList);
            in_links -= 1;
            continue;
        } else if may_start(t, SOURCE_STARTS) && SOURCE_LINE.is_match(t) && *words <= 8 {
            mark(JunkKind::SourceLine);
        } else if may_start(t, META_STARTS) && META_LINE.is_match(t) && *words <= 3 {
            mark(JunkKind::Metadata);
        } else if BOILERPLATE.is_match(t) && *words < 25 {
            mark(JunkKind::Boilerplate);
        } else if (may_start(t, BYLINE_STARTS) && BYLINE.is_match(t) && *words <= 8)
            || (t.len() <= 24
                && t.chars().count() <= 6
                && *words == 1
                && !t.ends_with(['.', '?', '!']))
        {
            mark(JunkKind::Byline);
        } else {
            // A metadata prefix glued to the first paragraph ("date 2024-02-01 In a statement").
            if may_start(line.trim_start(), META_STARTS)
                && let Some(m) = META_LINE.find(line)
            {
                junk.push(Junk {
                    start: start + m.start(),
                    end: start + m.end(),
                    kind: JunkKind::Metadata,
                });
            }
            if line.contains("Source:")
                && let Some(c) = SOURCE_TAIL.captures(line)
            {
                let m = c.get(1).expect("group 1");
                junk.push(Junk {
                    start: start + m.start(),
                    end: start + m.end(),
                    kind: JunkKind::SourceLine,
                });
            }
        }
        if in_links > 0 && ends_like_prose(t) {
            in_links = 0;
        }
    }
    // Trailing furniture: short unpunctuated lines after the last line of prose (never the
    // first line, which is the title).
    let first_line = lines
        .iter()
        .position(|(_, l)| !l.trim().is_empty())
        .unwrap_or(0);
    let trailing = if trailing_furniture { lines.len() } else { 0 };
    for &(start, line) in lines.iter().skip(first_line + 1).rev().take(trailing) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let s = start + (line.len() - line.trim_start().len());
        let e = start + line.trim_end().len();
        if junk.iter().any(|j| j.start <= s && e <= j.end) {
            continue;
        }
        if word_count(t) <= 5 && !ends_like_prose(t) {
            junk.push(Junk {
                start: s,
                end: e,
                kind: JunkKind::Furniture,
            });
        } else {
            break;
        }
    }
    junk.sort_by_key(|j| (j.start, j.end));
    junk.dedup_by(|b, a| a.start <= b.start && b.end <= a.end);
    junk
}

/// The text the analysis reads: `text` with the `junk` ranges (sorted, as [`detect`] gives
/// them) left out. A junk range becomes a line break, so that the text on either side of it
/// never runs together; runs of blank lines shrink to one.
pub fn without_junk(text: &str, junk: &[Junk]) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut pos = 0;
    for j in junk {
        let (s, e) = (j.start.min(text.len()), j.end.min(text.len()));
        if s > pos {
            kept.push_str(&text[pos..s]);
        }
        if e > pos {
            kept.push('\n');
            pos = e;
        }
    }
    kept.push_str(&text[pos.min(text.len())..]);
    let mut out = String::with_capacity(kept.len());
    for para in kept.split("\n\n") {
        let lines: Vec<&str> = para
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&lines.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, JunkKind)> {
        detect(text, &[])
            .into_iter()
            .map(|j| (text[j.start..j.end].to_string(), j.kind))
            .collect()
    }

    #[test]
    fn the_script_gates_hold_every_sign_once() {
        let mut all: Vec<usize> = SCRIPT_GATE_GROUPS
            .iter()
            .flat_map(|g| g.iter().copied())
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..SCRIPT_SIGNS.len()).collect::<Vec<_>>());
    }

    #[test]
    fn the_quick_tests_never_rule_out_a_line_the_patterns_match() {
        // Lines each pattern matches, in odd cases and with the long s and the Kelvin sign
        // that case-insensitive patterns take for "s" and "k".
        type Case<'a> = (&'a Regex, &'a dyn Fn(&str) -> bool, &'a [&'a str]);
        let cases: &[Case<'_>] = &[
            (
                &LINK_HEADER,
                &|t| may_start(t, LINK_STARTS),
                &[
                    "READ ALSO:",
                    "Related stories",
                    "ſee also",
                    "MoSt ReAd",
                    "You May Also Like",
                ],
            ),
            (
                &SOURCE_LINE,
                &|t| may_start(t, SOURCE_STARTS),
                &[
                    "Source link",
                    "ſource: Reuters",
                    "SOURCES: x",
                    "source Al Jazeera",
                ],
            ),
            (
                &META_LINE,
                &|t| may_start(t, META_STARTS),
                &[
                    "date 2024-02-01",
                    "Laſt updated: 2024-02-01",
                    "PUBLICATION DATE 2024-02-01",
                ],
            ),
            (
                &BYLINE,
                &|t| may_start(t, BYLINE_STARTS),
                &["by Jane Doe", "BY John Smith, Reuters"],
            ),
            (
                &CAPTION_CREDIT,
                &may_be_caption,
                &[
                    "A photo (AP)",
                    "© 2024",
                    "GETTY IMAGES",
                    "Photo: x",
                    "Thiſ image shows it",
                    "FILE - A base",
                    "Credit : x",
                ],
            ),
        ];
        for (re, quick, lines) in cases {
            for l in *lines {
                assert!(re.is_match(l), "{l}: the pattern matches");
                assert!(quick(l), "{l}: the quick test lets it through");
            }
        }
        assert!(!may_start("The army said", LINK_STARTS));
        assert!(!may_be_caption("Drones struck the base on Tuesday."));
        assert!(contains_ci("Getty", "getty") && !contains_ci("Get ty", "getty"));
    }

    #[test]
    fn recognises_page_junk() {
        let text = "Title of the story\n\nby Jane Doe\nA caption of a photo (AP)\n\n![Troops board a plane at a base in Kuwait.](https://example.org/p.jpg)\n\nFirst paragraph says something.\n\nA caption of a photo (AP)\nREAD ALSO:\nAnother story headline\nYet another one\n\nSecond paragraph, with more. Source: Deutsche Welle\n\nWe use cookies to improve your experience.\n`; document.getElementById(\"x\").innerHTML = cont; var d = 1;\nadmin\nJerusalem Post Store";
        let k = kinds(text);
        let has = |s: &str, kind: JunkKind| k.iter().any(|(t, kk)| t == s && *kk == kind);
        assert!(has("by Jane Doe", JunkKind::Byline), "{k:#?}");
        assert!(has("A caption of a photo (AP)", JunkKind::Caption));
        assert!(has(
            "![Troops board a plane at a base in Kuwait.](https://example.org/p.jpg)",
            JunkKind::Caption
        ));
        assert!(has("READ ALSO:", JunkKind::LinkList));
        assert!(has("Another story headline", JunkKind::LinkList));
        assert!(has("Source: Deutsche Welle", JunkKind::SourceLine));
        assert!(has(
            "We use cookies to improve your experience.",
            JunkKind::Boilerplate
        ));
        assert!(
            k.iter()
                .any(|(t, kk)| t.starts_with("`; document") && *kk == JunkKind::Script)
        );
        assert!(has("admin", JunkKind::Byline));
        assert!(has("Jerusalem Post Store", JunkKind::Furniture));
        assert!(!k.iter().any(|(t, _)| t.starts_with("First paragraph")));
        assert!(!k.iter().any(|(t, _)| t.starts_with("Title of the story")));
    }

    #[test]
    fn skip_links_copied_with_a_page_are_junk_and_no_title() {
        let text = "Skip to main content
Drones strike a base near Erbil

The first paragraph.

Back to top";
        let k = kinds(text);
        assert!(
            k.iter()
                .any(|(t, kk)| t == "Skip to main content" && *kk == JunkKind::Boilerplate),
            "{k:#?}"
        );
        assert!(
            k.iter()
                .any(|(t, kk)| t == "Back to top" && *kk == JunkKind::Boilerplate),
            "{k:#?}"
        );
        assert!(!k.iter().any(|(t, _)| t.starts_with("Drones strike")));
    }

    #[test]
    fn without_junk_keeps_the_analysed_lines() {
        let text =
            "Headline here\n\nby Jane Doe\nThe first paragraph.\n\nA photo (AP)\n\nThe last one.";
        let j = detect(text, &[]);
        assert_eq!(
            without_junk(text, &j),
            "Headline here\n\nThe first paragraph.\n\nThe last one."
        );
    }

    #[test]
    fn repeated_line_is_duplicate_and_glued_date_is_metadata() {
        let text = "The same long heading line here\n\nThe same long heading line here\n date 2024-02-01 In a statement on Monday, he spoke.";
        let k = kinds(text);
        assert!(k.contains(&(
            "The same long heading line here".into(),
            JunkKind::Duplicate
        )));
        assert!(
            k.iter()
                .any(|(t, kk)| t.trim() == "date 2024-02-01" && *kk == JunkKind::Metadata),
            "{k:?}"
        );
    }
}
