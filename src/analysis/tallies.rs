//! Reported tallies of attacks: "61 attacks since Oct. 17", "178 drone and missile attacks
//! over 100 days", "Of those, 29 have been in Iraq and 32 in Syria", "more than five dozen
//! attacks", "struck back just three times".

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::gated::Gated;
use super::numbers::{self, NUMBER};
use super::{DocCtx, dates, speakers};

/// A tally found in one document (local actor refs).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Value.
    pub value: u64,
    /// Unit.
    pub unit: String,
    /// Period start.
    pub since: Option<NaiveDate>,
    /// Region.
    pub region: Option<String>,
    /// Reporter.
    pub reported_by: Option<u32>,
    /// "more than".
    pub lower_bound: bool,
    /// Sentence index.
    pub sentence: usize,
    /// The number's span.
    pub number: (usize, usize),
}

/// What a document's earlier tallies set up for later ones.
#[derive(Default)]
pub struct State {
    last: Option<Found>,
    since: Option<NaiveDate>,
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<q>more\s+than|over|at\s+least|nearly|almost|about|some|roughly|around|upwards\s+of)?\s*(?P<n>{NUMBER})\s+(?P<mid>(?:[\w-]+\s+){{0,3}}?)(?P<unit>attacks|strikes|assaults|incidents|airstrikes|drone\s+attacks|rocket\s+attacks)(?-u:\b)"
    ))
    .expect("a valid built-in pattern")
});
/// Where [`COUNT`] can match: its unit word, searched in the lowercased sentence (a literal
/// search; `COUNT`, case-insensitive and starting with optional words, runs its automaton
/// over every byte).
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:attacks|strikes|assaults|incidents|airstrikes)(?-u:\b)")
        .expect("a valid built-in pattern")
});

/// The matches of [`COUNT`] in `sent` (`lower` is its lowercased copy), in order: searched
/// back from each unit word, at most 200 bytes (a number and three words).
fn counts<'s>(sent: &'s str, lower: &str) -> Vec<regex::Captures<'s>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(u) = UNIT.find_at(lower, pos) {
        let from = super::floor_char(sent, u.start().saturating_sub(200)).max(pos);
        match COUNT.captures_at(&sent[..u.end()], from) {
            Some(c) => {
                pos = c.get(0).expect("group 0").end().max(u.start() + 1);
                out.push(c);
            }
            // No count ends here, nor can one run over this word (it would end here too).
            None => pos = u.end(),
        }
    }
    out
}

static TIMES: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?i)(?-u:\b)(?:struck\s+back|retaliated|hit\s+back|responded|conducted\s+retaliatory\s+strikes)\s+(?:just\s+|only\s+|about\s+)?(?P<n>{NUMBER})\s+times(?-u:\b)"
    ))
});
static BREAKDOWN_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:of\s+(?:those|them|these|the\s+attacks)|including)(?-u:\b)").unwrap()
});
static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?P<n>(?i:{NUMBER}))\s+(?i:have\s+been\s+|were\s+|took\s+place\s+|occurred\s+|happened\s+)?(?i:in)\s+(?P<r>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")).unwrap()
});
static NOT_ATTACK_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:people|soldiers|troops|personnel|civilians|members|forces|days|weeks|months|years|times|injur\w*|casualties|killed|wounded|dead)(?-u:\b)").unwrap()
});
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)in\s+((?:[A-Z][a-z]+)(?:(?:,\s+|\s+and\s+)[A-Z][a-z]+)*)").unwrap()
});

fn since_in(ctx: &DocCtx<'_>, si: usize) -> Option<NaiveDate> {
    ctx.dates[si]
        .iter()
        .copied()
        .filter(|d| d.since)
        .find_map(|d| dates::resolve(d.form, ctx.doc.date, ctx.anchor))
}

fn reporter(ctx: &DocCtx<'_>, si: usize, doc_pos: usize) -> Option<u32> {
    let t = &ctx.templates[si];
    let tp = (0..=t.text.len())
        .rev()
        .find(|&p| t.text.is_char_boundary(p) && t.doc_pos(p) <= doc_pos)
        .unwrap_or(0);
    let acc = speakers::according_to(t, ctx);
    if let Some(&a) = acc.first() {
        return Some(a);
    }
    if let Some(q) = ctx.quote_at(doc_pos) {
        return speakers::quote_speaker(q, ctx).first().copied();
    }
    let (vs, _) = speakers::speech_verb_before(t, tp)?;
    speakers::subject(t, vs, ctx).first().copied()
}

/// The tallies of sentence `si`.
pub fn extract(ctx: &DocCtx<'_>, si: usize, state: &mut State) -> Vec<Found> {
    let s = ctx.sentences[si];
    let sent = &ctx.text[s.start..s.end];
    let mut out = Vec::new();
    let own_since = since_in(ctx, si);
    if BREAKDOWN_START.is_match(sent)
        && let Some(prev) = state.last.clone()
    {
        for c in BREAKDOWN.captures_iter(sent) {
            let n = c.name("n").expect("n");
            let Some(value) = numbers::parse(n.as_str()) else {
                continue;
            };
            out.push(Found {
                value,
                unit: prev.unit.clone(),
                since: own_since.or(prev.since),
                region: Some(c["r"].to_string()),
                reported_by: prev.reported_by,
                lower_bound: false,
                sentence: si,
                number: (s.start + n.start(), s.start + n.end()),
            });
        }
        if !out.is_empty() {
            return out;
        }
    }
    let lower = &ctx.lower[s.start..s.end];
    let gated = |re: &'static Gated| re.may_match(lower).then(|| re.captures_iter(sent));
    for c in counts(sent, lower) {
        let n = c.name("n").expect("n");
        let mid = c.name("mid").map_or("", |m| m.as_str());
        let Some(value) = numbers::parse(n.as_str()) else {
            continue;
        };
        let before = super::tail_lower(sent[..n.start()].trim_end(), 24);
        if before.ends_with("one of")
            || before.ends_with("one of the")
            || mid.split_whitespace().any(|w| w.eq_ignore_ascii_case("of"))
            || NOT_ATTACK_COUNT.is_match(mid)
            || (1900..=2100).contains(&value) && n.as_str().len() == 4
        {
            continue;
        }
        let unit = if mid.to_ascii_lowercase().contains("retaliat") {
            "retaliatory strikes"
        } else {
            "attacks"
        };
        let after = &sent[c.get(0).expect("0").end()..];
        let region = REGION
            .captures(after)
            .map(|r| r[1].to_string())
            .filter(|r| {
                !r.starts_with("Oct")
                    && dates::month_number(r.split_whitespace().next().unwrap_or("")).is_none()
            });
        out.push(Found {
            value,
            unit: unit.to_string(),
            since: own_since.or(state.since),
            region,
            reported_by: reporter(ctx, si, s.start + n.start()),
            lower_bound: c.name("q").is_some(),
            sentence: si,
            number: (s.start + n.start(), s.start + n.end()),
        });
    }
    for c in gated(&TIMES).into_iter().flatten() {
        let n = c.name("n").expect("n");
        let Some(value) = numbers::parse(n.as_str()) else {
            continue;
        };
        out.push(Found {
            value,
            unit: "retaliatory strikes".into(),
            since: own_since.or(state.since),
            region: None,
            reported_by: reporter(ctx, si, s.start + n.start()),
            lower_bound: false,
            sentence: si,
            number: (s.start + n.start(), s.start + n.end()),
        });
    }
    if let Some(l) = out.iter().rev().find(|f| f.unit == "attacks") {
        state.last = Some(l.clone());
    }
    if own_since.is_some() && (!out.is_empty() || state.since.is_none()) {
        state.since = own_since;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_searched_from_unit_words_are_those_of_the_whole_pattern() {
        let sentences = [
            "Militias have carried out 61 attacks since Oct. 17, 29 in Iraq and 32 in Syria.",
            "More than SIXTY drone and rocket Attacks hit bases; at least 150 strikes followed.",
            "One of the 61 attacks killed three, and 4 strikes strikes attacks came later.",
            "61 strikes' damage, 5 big new drone attacks, 7 incidents-like assaults airstrikes",
            "No numbers here, only attacks and strikes.",
            "Über 12 Angriffe: twelve Ünïcode-named drone attacks on al-Tanf",
        ];
        for s in sentences {
            let lower = s.to_ascii_lowercase();
            let want: Vec<_> = COUNT
                .captures_iter(s)
                .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
                .collect();
            let got: Vec<_> = counts(s, &lower)
                .iter()
                .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
                .collect();
            assert_eq!(got, want, "{s}");
        }
    }
}
