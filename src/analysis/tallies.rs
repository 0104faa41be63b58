//! Reported tallies of attacks, read from a sentence's tokens (see [`super::frames`]):
//!
//! - a number before an attack noun: "61 attacks since Oct. 17", "more than 165 rocket, drone
//!   and missile attacks", "170 operations against US bases";
//! - an attack verb with a count of times: "have been attacked at least 66 times", "came under
//!   attack 78 times", "struck back on ten separate occasions";
//! - a running count: "the tally reached 38", "brings the total to at least 165";
//! - none: "no attacks since February 4", "has not claimed a single attack since";
//! - a breakdown of the count before it: "— 32 in Iraq and 34 in Syria", "Of those, 29 were in
//!   Iraq".
//!
//! A count of the reporter's own side's strikes ("the US has struck back three times") has
//! the unit "retaliatory strikes". The period starts at the sentence's "since" date, else at
//! the last one the document gave.

use chrono::NaiveDate;

use crate::lexicon::words::{VerbClass, noun};

use super::frames::{Frames, Kind, Sent, Tag};
use super::{DocCtx, dates};

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

/// Words before a number that make it a lower bound.
const BOUNDS: &[&str] = &[
    "more",
    "least",
    "over",
    "nearly",
    "almost",
    "about",
    "some",
    "roughly",
    "around",
    "approximately",
    "upwards",
    "than",
];

/// Nouns a number of which is not a count of attacks.
const NOT_COUNTED: &[&str] = &[
    "people",
    "soldiers",
    "troops",
    "personnel",
    "civilians",
    "members",
    "forces",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "targets",
    "sites",
    "facilities",
    "locations",
    "munitions",
    "bombs",
    "missiles",
    "rockets",
    "drones",
    "casualties",
    "dead",
    "killed",
    "wounded",
    "injured",
    "fighters",
    "militants",
    "vessels",
    "ships",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "percent",
    "%",
    "service",
    "servicemembers",
    "americans",
    "contractors",
    "others",
    "mariners",
    "sailors",
    "crew",
];

/// The number token at `i`, if it is one, and its value.
fn number(sent: &Sent<'_, '_>, i: usize) -> Option<u64> {
    let t = sent.toks.get(i)?;
    match t.kind {
        Kind::Num(n) => Some(n),
        Kind::Word => {
            let w = sent.w(i);
            // "a dozen", "two dozen", "a single attack".
            if w == "dozen" {
                let before = i
                    .checked_sub(1)
                    .and_then(|j| number(sent, j).filter(|_| sent.w(j) != "dozen"));
                return Some(before.unwrap_or(1) * 12);
            }
            if w == "single" && i > 0 && sent.w(i - 1) == "a" {
                return Some(1);
            }
            t.num
        }
        _ => None,
    }
}

/// Skips a number's own words back: "two" in "two dozen".
fn is_part_of_next(sent: &Sent<'_, '_>, i: usize) -> bool {
    sent.w(i + 1) == "dozen" || sent.w(i + 1) == "hundred"
}

fn since_in(ctx: &DocCtx<'_>, si: usize) -> Option<NaiveDate> {
    ctx.dates[si]
        .iter()
        .copied()
        .filter(|d| d.since)
        .find_map(|d| dates::resolve(d.form, ctx.doc.date, ctx.anchor))
}

/// The place named right after token `i` ("in Iraq", "in Iraq and Syria"), as written.
fn region_after(sent: &Sent<'_, '_>, i: usize, ctx: &DocCtx<'_>) -> Option<String> {
    let mut k = i;
    let stop = (i + 6).min(sent.toks.len());
    while k < stop && sent.w(k) != "in" {
        if matches!(sent.toks[k].kind, Kind::Punct(',' | ';' | ':' | '—' | '–')) {
            return None;
        }
        k += 1;
    }
    if k >= stop {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut j = k + 1;
    while j < sent.toks.len() {
        let t = &sent.toks[j];
        match t.kind {
            Kind::Ent { .. } => names.push(&ctx.text[t.s..t.e]),
            Kind::Word if matches!(sent.w(j), "and" | "the") => {}
            Kind::Punct(',')
                if sent
                    .toks
                    .get(j + 1)
                    .is_some_and(|n| matches!(n.kind, Kind::Ent { .. }))
                    && names.len() == 1 => {}
            _ => break,
        }
        j += 1;
    }
    match names.len() {
        0 => None,
        1 => Some(names[0].to_string()),
        n => Some(format!(
            "{} and {}",
            names[..n - 1].join(", "),
            names[n - 1]
        )),
    }
}

/// The tallies of sentence `si`.
pub fn extract(
    ctx: &DocCtx<'_>,
    si: usize,
    fr: &Frames<'_, '_>,
    stmts: &[super::statements::Found],
    state: &mut State,
) -> Vec<Found> {
    let sent = &fr.sent;
    let n = sent.toks.len();
    let own_since = since_in(ctx, si);
    let since = own_since.or(state.since);
    // Who reports the count: the source of the sentence's speech (the body for a spokesman).
    let reporter = fr
        .speech
        .first()
        .and_then(|sp| sp.speaker.as_ref())
        .and_then(|np| np.actors.first().copied())
        .or_else(|| stmts.iter().find_map(|f| f.speaker))
        .map(|a| {
            if ctx.is_person(a) {
                ctx.affiliation(a).unwrap_or(a)
            } else {
                a
            }
        });
    let us = |a: u32| reporter.is_some_and(|r| ctx.side(r) == ctx.side(a));
    let mut out: Vec<Found> = Vec::new();
    let push = |value: u64, i: usize, unit: &str, region: Option<String>, out: &mut Vec<Found>| {
        let t = sent.toks[i];
        if out.iter().any(|f| f.number == (t.s, t.e)) {
            return;
        }
        let lower_bound = i > 0 && BOUNDS.contains(&sent.w(i - 1));
        out.push(Found {
            value,
            unit: unit.to_string(),
            since,
            region,
            reported_by: reporter,
            lower_bound,
            sentence: si,
            number: (t.s, t.e),
        });
    };
    // The unit of a count whose agent is the reporter's own side.
    let unit_of = |agent: Option<u32>| {
        if agent.is_some_and(us) {
            "retaliatory strikes"
        } else {
            "attacks"
        }
    };
    let preds = &fr.preds;
    let agent_before = |i: usize| -> Option<u32> {
        preds
            .iter()
            .filter(|p| p.tok < i && matches!(p.class, super::frames::PClass::Verb(_)))
            .filter_map(|p| p.agent())
            .filter_map(|np| np.actors.first().copied())
            .next_back()
    };
    for i in 0..n {
        let Some(value) = number(sent, i) else {
            continue;
        };
        if is_part_of_next(sent, i) {
            continue;
        }
        let t = sent.toks[i];
        // Years are not counts.
        if (1900..=2100).contains(&value) && matches!(t.kind, Kind::Num(_)) && t.e - t.s == 4 {
            continue;
        }
        // "one of 20", "a total of 20" are not counts of their own here.
        if i >= 2 && sent.w(i - 1) == "of" && matches!(sent.w(i - 2), "one" | "total") {
            continue;
        }
        // What the number counts: the next noun, past adjectives and weapon words
        // ("165 rocket, drone and missile attacks").
        let mut k = i + 1;
        let mut counted: Option<usize> = None;
        while k < n && k <= i + 7 {
            let x = &sent.toks[k];
            let w = sent.w(k);
            if x.noun() & noun::ATTACK != 0
                || matches!(
                    w,
                    "operations"
                        | "attacks"
                        | "strikes"
                        | "raids"
                        | "incidents"
                        | "claims"
                        | "assaults"
                        | "rounds"
                )
            {
                counted = Some(k);
                break;
            }
            let adj_like = matches!(x.tag, Tag::Adj | Tag::Name)
                || x.noun() & noun::WEAPON != 0
                || matches!(
                    w,
                    "," | "and"
                        | "or"
                        | "separate"
                        | "such"
                        | "drone"
                        | "rocket"
                        | "missile"
                        | "mortar"
                        | "claimed"
                        | "reported"
                        | "recorded"
                        | "documented"
                        | "more"
                        | "new"
                        | "other"
                        | "further"
                        | "additional"
                        | "confirmed"
                        | "known"
                        | "total"
                        | "of"
                );
            if !adj_like && !matches!(x.kind, Kind::Punct(',')) {
                break;
            }
            k += 1;
        }
        if let Some(c) = counted {
            let cw = sent.w(c);
            if NOT_COUNTED.contains(&cw) {
                continue;
            }
            // "one of the attacks", "the first of three strikes" are not tallies of the
            // sentence's own; an ordinal before ("the fourth attack") is not a number here.
            if i > 0 && sent.w(i - 1) == "the" && value < 3 && !sent.w(c).ends_with('s') {
                continue;
            }
            // A number of single events: "two strikes on Friday" is a count too.
            let unit = if cw == "strikes" || cw == "rounds" {
                unit_of(agent_before(i).or_else(|| {
                    preds
                        .iter()
                        .filter(|p| p.tok > c)
                        .find_map(|p| p.pp("by").and_then(|n| n.actors.first().copied()))
                }))
            } else {
                "attacks"
            };
            // Attack counts only: a count of claims is one of the attacks claimed.
            push(value, i, unit, region_after(sent, c + 1, ctx), &mut out);
            continue;
        }
        // "attacked … N times", "on N occasions", "N separate times".
        let times =
            (i + 1..(i + 4).min(n)).find(|&k| matches!(sent.w(k), "times" | "occasions" | "time"));
        if let Some(tk) = times {
            let verb = preds.iter().rev().find(|p| {
                p.tok < i
                    && p.tok + 12 > i
                    && matches!(
                        p.class,
                        super::frames::PClass::Verb(
                            VerbClass::Attack | VerbClass::Launch | VerbClass::Retaliate
                        ) | super::frames::PClass::AttackNoun
                    )
            });
            let under_attack = (i.saturating_sub(8)..i)
                .any(|k| sent.w(k) == "attack" || sent.w(k) == "fire")
                && (i.saturating_sub(8)..i).any(|k| sent.w(k) == "under");
            if let Some(p) = verb {
                let agent = p.agent().and_then(|np| np.actors.first().copied());
                let retaliation =
                    matches!(p.class, super::frames::PClass::Verb(VerbClass::Retaliate))
                        || (p.tok + 1 < n && sent.w(p.tok + 1) == "back");
                let unit = if retaliation || (!p.mood.passive && agent.is_some_and(us)) {
                    "retaliatory strikes"
                } else {
                    "attacks"
                };
                push(value, i, unit, region_after(sent, tk + 1, ctx), &mut out);
                continue;
            } else if under_attack {
                push(
                    value,
                    i,
                    "attacks",
                    region_after(sent, tk + 1, ctx),
                    &mut out,
                );
                continue;
            }
        }
        // A running count: "the count had risen to 19", "brings the total … to 165",
        // "the tally reaches 38", "stands at 103".
        // The noun of the count may stand far before its number: "brings the total number of
        // attacks on US forces in the Middle East since October 17 to at least 165".
        let counting = (i.saturating_sub(20)..i)
            .any(|k| matches!(sent.w(k), "count" | "tally" | "total" | "number" | "toll"))
            && (i.saturating_sub(4)..i).any(|k| {
                matches!(
                    sent.w(k),
                    "to" | "at"
                        | "reached"
                        | "reaches"
                        | "reach"
                        | "is"
                        | "was"
                        | "stood"
                        | "stands"
                )
            });
        let counts_attacks = (i.saturating_sub(20)..(i + 3).min(n)).any(|k| {
            sent.toks[k].noun() & noun::ATTACK != 0 || sent.w(k) == "count" || sent.w(k) == "tally"
        });
        // "The number of troops hurt has climbed to 40" counts people, not attacks.
        let not_people = !(i + 1..(i + 3).min(n)).any(|k| NOT_COUNTED.contains(&sent.w(k)))
            && !(i.saturating_sub(20)..i).any(|k| {
                matches!(sent.w(k), "number" | "total" | "count" | "toll")
                    && sent.w(k + 1) == "of"
                    && (k + 2..(k + 5).min(i)).any(|j| NOT_COUNTED.contains(&sent.w(j)))
            });
        if counting && counts_attacks && not_people {
            push(value, i, "attacks", None, &mut out);
        }
    }
    // None: "no attacks on US forces since …", "has not reported an attack", "not claimed a
    // single attack", "no further attacks" (in a sentence that counts: with "since" or a
    // reporting verb).
    let reports = own_since.is_some()
        || fr.speech.iter().any(|_| true)
        || (0..n).any(|k| {
            matches!(
                sent.w(k),
                "reported" | "recorded" | "counted" | "claimed" | "since" | "week" | "weeks"
            )
        });
    if out.is_empty() && reports {
        for i in 0..n {
            let w = sent.w(i);
            let attack_next = |k: usize| {
                (k..(k + 3).min(n)).find(|&j| {
                    sent.toks[j].noun() & noun::ATTACK != 0 && !sent.w(j).ends_with("ing")
                })
            };
            let zero_at = if w == "no" || w == "zero" {
                attack_next(i + 1)
            } else if w == "not" || w == "n't" {
                // "has not reported an attack", "did not claim a single attack".
                (i + 1..(i + 6).min(n))
                    .find(|&k| matches!(sent.w(k), "a" | "an" | "any"))
                    .and_then(|k| attack_next(k + 1))
            } else {
                None
            };
            if let Some(a) = zero_at {
                push(0, i, "attacks", region_after(sent, a + 1, ctx), &mut out);
                break;
            }
        }
    }
    // A breakdown of the last count: "— 32 in Iraq and 34 in Syria", "Of those, 29 were in
    // Iraq", "66 took place in Iraq, 98 in Syria".
    let opens_breakdown = (0..n.min(4))
        .any(|k| matches!(sent.w(k), "of" | "including" | "breakdown"))
        && (0..n.min(4)).any(|k| {
            matches!(
                sent.w(k),
                "these" | "those" | "them" | "which" | "breakdown" | "including"
            )
        });
    let base = out
        .iter()
        .rev()
        .find(|f| {
            f.region
                .as_deref()
                .is_none_or(|r| r.contains(" and ") || r.contains(','))
        })
        .cloned()
        .or_else(|| {
            if opens_breakdown {
                state.last.clone()
            } else {
                None
            }
        });
    if let Some(base) = base {
        for i in 0..n {
            let Some(value) = number(sent, i) else {
                continue;
            };
            let t = sent.toks[i];
            if out.iter().any(|f| f.number == (t.s, t.e)) || is_part_of_next(sent, i) {
                continue;
            }
            if (1900..=2100).contains(&value) && t.e - t.s == 4 {
                continue;
            }
            // N [times|attacks] [were|took place|occurred] in PLACE
            let mut k = i + 1;
            while k < n
                && k <= i + 4
                && matches!(
                    sent.w(k),
                    "times"
                        | "attacks"
                        | "were"
                        | "was"
                        | "took"
                        | "place"
                        | "occurred"
                        | "happened"
                        | "have"
                        | "been"
                        | "had"
                )
            {
                k += 1;
            }
            if sent.w(k) != "in" {
                continue;
            }
            let Some(region) = region_after(sent, k, ctx) else {
                continue;
            };
            push(value, i, &base.unit.clone(), Some(region), &mut out);
            if let Some(f) = out.last_mut() {
                f.since = f.since.or(base.since);
                f.reported_by = f.reported_by.or(base.reported_by);
            }
        }
    }
    if let Some(l) = out
        .iter()
        .rev()
        .find(|f| f.unit == "attacks" && f.region.as_deref().is_none_or(|r| r.contains(" and ")))
    {
        state.last = Some(l.clone());
    } else if let Some(l) = out.last() {
        state.last = Some(l.clone());
    }
    if own_since.is_some() && (!out.is_empty() || state.since.is_none()) {
        state.since = own_since;
    }
    out
}
