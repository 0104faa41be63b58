//! Relations between actors: patterns from the lexicon matched on the templated sentence,
//! titles before names ("US President Joe Biden" → leads), and lists that complete an earlier
//! sentence ("those supported by Iran. Notable groups include A, B and C").

use std::sync::LazyLock;

use regex::Regex;
use regex::bytes::Regex as BytesRegex;

use crate::lexicon::Missing;
use crate::model::{ActorKind, RelationKind};

use super::template::{Role, SentMention, Template};
use super::{CueHit, DocCtx, speakers};

/// A relation found in one document (local actor refs).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// From.
    pub from: u32,
    /// To.
    pub to: u32,
    /// Kind.
    pub kind: RelationKind,
    /// Sentence index.
    pub sentence: usize,
}

/// What earlier sentences left open for a list that follows.
#[derive(Default)]
pub struct State {
    backer: Option<(u32, usize)>,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"@(\d+)@").unwrap());

/// A byte pattern over the ASCII template: no Unicode classes, so the DFA stays small.
fn ascii_regex(pattern: &str) -> BytesRegex {
    regex::bytes::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
        .expect("a valid built-in pattern")
}

/// The words without which the pending-backer pattern cannot match: one fast pass over the
/// lowercased template tells whether to try it.
static PENDING_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["backed", "supported", "sponsored", "funded"])
        .expect("valid words")
});
static PENDING_BACKER: LazyLock<BytesRegex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:supported|backed|sponsored|funded)\s+by\s+(?:the\s+)?@(\d+)@|@(\d+)@-(?:backed|supported|sponsored)\s+(?:\w+\s+)?(?:militias|groups|factions|proxies|organi[sz]ations)\b",
    )
});
static LIST: LazyLock<BytesRegex> = LazyLock::new(|| {
    ascii_regex(
        r"(?i)\b(?:groups|factions|militias|organi[sz]ations|members)\s+(?:include|included|including|such\s+as|are|were)\s+(?:the\s+)?(@\d+@(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?@\d+@)*)",
    )
});

/// The mention whose marker number a capture holds.
fn mention_of<'t>(t: &'t Template, g: Option<regex::bytes::Match<'_>>) -> Option<&'t SentMention> {
    let k: usize = std::str::from_utf8(g?.as_bytes()).ok()?.parse().ok()?;
    t.mentions.get(k)
}

fn markers(t: &Template, s: &str) -> Vec<(u32, Role)> {
    if let Ok(k) = s.parse::<usize>() {
        return t
            .mentions
            .get(k)
            .map(|m| (m.actor, m.role))
            .into_iter()
            .collect();
    }
    MARKER
        .captures_iter(s)
        .filter_map(|c| t.mentions.get(c[1].parse::<usize>().ok()?))
        .map(|m| (m.actor, m.role))
        .collect()
}

/// A word that names a part of a state or body before a head's title: "security chief X",
/// "the army commander X" head that part, not the whole.
fn head_of_part(w: &str) -> bool {
    matches!(
        w,
        "security"
            | "intelligence"
            | "army"
            | "military"
            | "police"
            | "spy"
            | "navy"
            | "naval"
            | "border"
            | "counterterrorism"
            | "operations"
    )
}

fn kind_ok(ctx: &DocCtx<'_>, a: u32, kinds: &[ActorKind]) -> bool {
    kinds.is_empty() || kinds.contains(&ctx.kind(a))
}

/// The state a person governs or belongs to, from the lexicon.
fn state_of(ctx: &DocCtx<'_>, a: u32) -> Option<u32> {
    if (a as usize) < ctx.lex.actors.len() {
        ctx.lex.state_of(crate::model::ActorId(a)).map(|x| x.0)
    } else {
        None
    }
}

/// The relations of sentence `si`, whose relation cue matches are `hits`.
pub fn extract(ctx: &DocCtx<'_>, si: usize, state: &mut State, hits: &[CueHit<'_>]) -> Vec<Found> {
    let t = &ctx.templates[si];
    let mut out = Vec::new();
    let push = |from: u32, to: u32, kind: RelationKind, out: &mut Vec<Found>| {
        if from != to
            && !out
                .iter()
                .any(|f: &Found| f.from == from && f.to == to && f.kind == kind)
        {
            out.push(Found {
                from,
                to,
                kind,
                sentence: si,
            });
        }
    };
    for hit in hits {
        let cue = &ctx.lex.cues.relations[hit.cue];
        for c in &hit.matches {
            let m = c.get(0).expect("group 0");
            if cue.veto.as_ref().is_some_and(|v| v.is_match(m.as_bytes())) {
                continue;
            }
            if !t.text.is_char_boundary(m.start()) || !t.text.is_char_boundary(m.end()) {
                continue;
            }
            let side = |single: &str, list: &str| -> Vec<u32> {
                // "the Iran-backed militia X": a name glued to a participle modifies the
                // phrase; it is not the actor the cue names.
                if single == "to"
                    && let Some(g) = c.name(single)
                    && t.text.as_bytes().get(g.end() + 1) == Some(&b'-')
                {
                    return Vec::new();
                }
                if let Some(g) = c.name(single) {
                    return markers(t, std::str::from_utf8(g.as_bytes()).unwrap_or(""))
                        .into_iter()
                        .filter(|(_, r)| *r != Role::Collective)
                        .map(|(a, _)| a)
                        .collect();
                }
                if let Some(g) = c.name(list) {
                    return markers(t, std::str::from_utf8(g.as_bytes()).unwrap_or(""))
                        .into_iter()
                        .filter(|(_, r)| *r == Role::Refers)
                        .map(|(a, _)| a)
                        .collect();
                }
                Vec::new()
            };
            let mut froms = side("from", "froms");

            let mut tos = side("to", "tos");
            if let Some(g) = c.name("to_gov") {
                tos = markers(t, std::str::from_utf8(g.as_bytes()).unwrap_or(""))
                    .into_iter()
                    .filter_map(|(a, _)| {
                        if ctx.is_person(a) {
                            state_of(ctx, a)
                        } else {
                            Some(a)
                        }
                    })
                    .collect();
            }
            let fill = |captured: &[u32]| -> Vec<u32> {
                match cue.missing {
                    Missing::None => Vec::new(),
                    Missing::Nearest => {
                        // The antecedent of a relative clause ("X groups, which ... are supported by Y").
                        let rel = [", which ", ", who ", ", that "]
                            .iter()
                            .filter_map(|p| t.text[..m.start()].rfind(p))
                            .max();
                        let antecedent = rel.and_then(|r| {
                            t.mentions
                                .iter()
                                .rfind(|x| {
                                    x.t_end <= r
                                        && r - x.t_end <= 15
                                        && x.role == Role::Refers
                                        && !captured.contains(&x.actor)
                                })
                                .map(|x| x.actor)
                        });
                        if let Some(a) = antecedent {
                            return vec![a];
                        }
                        t.mentions
                            .iter()
                            .rfind(|x| {
                                x.t_end <= m.start()
                                    && x.role == Role::Refers
                                    && !captured.contains(&x.actor)
                            })
                            .filter(|x| m.start() - x.t_end <= 30)
                            .map(|x| x.actor)
                            .into_iter()
                            .collect()
                    }
                    Missing::Subject => {
                        let cs = speakers::clause_start(t, 0).min(m.start());
                        let cs = if cs >= m.start() { 0 } else { cs };
                        speakers::first_run(t, cs, m.start(), ctx)
                            .into_iter()
                            .filter(|a| !captured.contains(a))
                            .take(1)
                            .collect()
                    }
                    Missing::Affiliation => captured
                        .iter()
                        .filter_map(|&a| ctx.affiliation(a))
                        .take(1)
                        .collect(),
                }
            };
            if froms.is_empty() {
                froms = fill(&tos);
            }
            if tos.is_empty() {
                tos = fill(&froms);
            }
            // An agent is a subject, not the object of a preposition ("pressure on the US and ... war").
            if matches!(
                cue.kind,
                RelationKind::Attacks | RelationKind::RetaliatesAgainst
            ) && (c.name("from").is_some() || c.name("froms").is_some())
            {
                let g = c.name("from").or_else(|| c.name("froms")).expect("checked");
                let before = super::tail_lower(t.text[..g.start()].trim_end(), 64);
                let last = before
                    .rsplit(|ch: char| !ch.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let last = if last == "the" {
                    before
                        .trim_end_matches("the")
                        .trim_end()
                        .rsplit(|ch: char| !ch.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .unwrap_or("")
                } else {
                    last
                };
                let after = t.text[g.end()..].trim_start_matches(['\'', '’', 's', ' ']);
                let next_word: String = after
                    .chars()
                    .take_while(|ch| ch.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                let possessive = t.text[g.end()..].starts_with("'s")
                    || t.text[g.end()..].starts_with("’s")
                    || matches!(
                        next_word.as_str(),
                        "attack"
                            | "attacks"
                            | "strike"
                            | "strikes"
                            | "airstrike"
                            | "airstrikes"
                            | "assault"
                            | "incursion"
                            | "war"
                            | "offensive"
                            | "raid"
                            | "raids"
                            | "escalation"
                            | "bombing"
                    );
                if !possessive
                    && matches!(
                        last,
                        "on" | "to"
                            | "against"
                            | "with"
                            | "for"
                            | "of"
                            | "from"
                            | "at"
                            | "in"
                            | "into"
                            | "between"
                    )
                {
                    continue;
                }
            }
            for &f in &froms {
                for &to in &tos {
                    if kind_ok(ctx, f, &cue.from_kind) && kind_ok(ctx, to, &cue.to_kind) {
                        push(f, to, cue.kind, &mut out);
                    }
                }
            }
        }
    }
    // Titles before names: only where a person is named, and one DFA pass before captures.
    let has_person = t
        .mentions
        .iter()
        .any(|m| m.role == Role::Refers && ctx.is_person(m.actor));
    let has_title = || {
        ctx.lex
            .cues
            .title_regex
            .as_ref()
            .is_some_and(|re| re.is_match(t.lower.as_bytes()))
    };
    if let Some(re) = ctx
        .lex
        .cues
        .title_regex
        .as_ref()
        .filter(|_| has_person && has_title())
    {
        for c in re.captures_iter(t.lower.as_bytes()) {
            let Some(person) = c
                .name("person")
                .and_then(|g| t.marker(std::str::from_utf8(g.as_bytes()).unwrap_or("")))
            else {
                continue;
            };
            if !ctx.is_person(person.actor) || person.role != Role::Refers {
                continue;
            }
            let title = String::from_utf8_lossy(&c["title"])
                .to_lowercase()
                .replace('-', " ");
            let Some(tdef) = ctx
                .lex
                .cues
                .titles
                .iter()
                .find(|x| x.title.replace('-', " ") == title)
            else {
                continue;
            };
            let org = c
                .name("org")
                .and_then(|g| t.marker(std::str::from_utf8(g.as_bytes()).unwrap_or("")))
                .filter(|m| m.role == Role::Refers || m.role == Role::Location)
                .map(|m| m.actor);
            let lex_person = ctx.lex.actors.get(person.actor as usize);
            let to = match org {
                Some(o) if !tdef.body.is_empty() => ctx
                    .lex
                    .actors
                    .iter()
                    .position(|a| {
                        a.affiliation.map(|x| x.0) == Some(o) && a.name.contains(tdef.body.as_str())
                    })
                    .map(|i| i as u32)
                    .or(Some(o)),
                Some(o) => Some(o),
                None => match tdef.relation {
                    RelationKind::Leads => lex_person
                        .and_then(|p| p.leads.first().map(|x| x.0))
                        .or_else(|| {
                            ctx.affiliation(person.actor)
                                .filter(|&a| ctx.kind(a) == ActorKind::State)
                        }),
                    _ => ctx.affiliation(person.actor),
                },
            };
            let kind = if org.is_some() && !tdef.body.is_empty() && to == org {
                RelationKind::MemberOf
            } else {
                tdef.relation
            };
            // "Russian security chief X", "the army commander X": the head of a part, with no
            // body named, is a member of the state, not its leader.
            let kind = if kind == RelationKind::Leads && org.is_none() {
                let title_start = c.name("title").map_or(0, |g| g.start());
                let before = t.text[..title_start].trim_end();
                let prev = before
                    .rsplit(|ch: char| !ch.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let part = head_of_part(prev);
                if part { RelationKind::MemberOf } else { kind }
            } else {
                kind
            };
            if let Some(to) = to {
                push(person.actor, to, kind, &mut out);
            }
        }
    }
    // Lists that complete an earlier sentence.
    let bytes = t.text.as_bytes();
    let open_list = state.backer.is_some_and(|(_, at)| si <= at + 2);
    if open_list
        && !t.mentions.is_empty()
        && let Some(c) = LIST.captures(bytes)
    {
        let members: Vec<u32> = markers(t, std::str::from_utf8(&c[1]).unwrap_or(""))
            .into_iter()
            .filter(|(_, r)| *r == Role::Refers)
            .map(|(a, _)| a)
            .collect();
        if let Some((b, at)) = state.backer
            && si <= at + 2
        {
            for &m in &members {
                push(b, m, RelationKind::Backs, &mut out);
            }
        }
    }
    let backing = !t.mentions.is_empty() && PENDING_WORDS.is_match(&t.lower);
    if backing && PENDING_BACKER.is_match(bytes) {
        let c = PENDING_BACKER.captures(bytes).expect("it matched");
        if let Some(m) = mention_of(t, c.get(1).or_else(|| c.get(2))) {
            state.backer = Some((m.actor, si));
        }
    }
    out
}

/// Relations read from the sentence's frames and attack events (see [`super::frames`],
/// [`super::events`]): who attacks, retaliates against, backs, leads or meets whom, by the
/// same grammar for every verb of a class.
pub fn from_frames(
    ctx: &DocCtx<'_>,
    si: usize,
    fr: &super::frames::Frames<'_, '_>,
    evs: &[super::events::Event],
    stmts: &[super::statements::Found],
) -> Vec<Found> {
    use super::frames::{Kind, PClass, Tag};
    use super::voice::Who;
    use crate::lexicon::words::{VerbClass, noun};
    let sent = &fr.sent;
    let mut out: Vec<Found> = Vec::new();
    let push = |from: u32, to: u32, kind: RelationKind, out: &mut Vec<Found>| {
        // One side does not attack, back or meet itself; its people are members of it.
        let across = matches!(kind, RelationKind::MemberOf | RelationKind::Leads)
            || ctx.side(from) != ctx.side(to);
        if from != to
            && across
            && !out
                .iter()
                .any(|f| f.from == from && f.to == to && f.kind == kind)
        {
            out.push(Found {
                from,
                to,
                kind,
                sentence: si,
            });
        }
    };
    let who = |np: &super::frames::Np| super::voice::who(ctx, np, sent.toks[np.s].s, ctx.text);
    let speaker_side = stmts.iter().find_map(|f| f.speaker).map(|s| ctx.side(s));
    let actor = |w: Option<Who>| -> Option<u32> {
        match w {
            Some(Who::Actor(a)) => Some(a),
            Some(Who::We) => speaker_side,
            _ => None,
        }
    };
    // A response anywhere in the sentence: "in response to", "retaliatory", "retaliation".
    let response = sent.toks.iter().any(|t| {
        t.noun() & noun::RESPONSE != 0 || t.entry.is_some_and(|e| e.verb(VerbClass::Retaliate))
    }) || sent.lower
        [sent.toks.first().map_or(0, |t| t.s)..sent.toks.last().map_or(0, |t| t.e)]
        .contains("retaliat");
    // What is responded to: the phrase after "in response to", "retaliation for"; the agent
    // of the attack in it.
    let response_at = sent.toks.iter().position(|t| {
        t.noun() & noun::RESPONSE != 0 || sent.lower[t.s..t.e].starts_with("retaliat")
    });
    let responded: Option<(usize, usize)> = response_at.and_then(|r| {
        matches!(sent.w(r + 1), "to" | "for" | "against" | "of").then(|| {
            let end = (r + 2..sent.toks.len())
                .find(|&k| matches!(sent.toks[k].kind, Kind::Punct(',' | ';' | '.')))
                .unwrap_or(sent.toks.len());
            (r + 2, end)
        })
    });
    let inside = |k: usize| responded.is_some_and(|(a, b)| a <= k && k < b);
    let responded_to: Option<u32> = evs
        .iter()
        .filter(|e| inside(e.tok))
        .find_map(|e| actor(e.agent));
    for e in evs {
        if e.mood.neg || e.mood.modal || e.mood.intended || e.mood.cond {
            continue;
        }
        let (Some(a), t) = (actor(e.agent), actor(e.target)) else {
            continue;
        };
        if let Some(t) = t {
            push(a, t, RelationKind::Attacks, &mut out);
        }
        // The act that responds (not the one responded to) retaliates against the attacker
        // of the first, else against its own target.
        if response && !inside(e.tok) {
            if let Some(y) = responded_to.filter(|&y| y != a) {
                push(a, y, RelationKind::RetaliatesAgainst, &mut out);
            } else if let Some(t) = t
                && !ctx.is_person(t)
                && ctx.kind(t) != ActorKind::State
            {
                push(a, t, RelationKind::RetaliatesAgainst, &mut out);
            }
        }
    }
    for p in &fr.preds {
        if p.mood.neg || p.mood.modal || p.mood.intended || p.mood.cond {
            continue;
        }
        match p.class {
            PClass::Verb(VerbClass::Back) => {
                let (backer, backed) = if p.mood.passive {
                    (p.pp("by"), p.subj.as_ref())
                } else {
                    (p.subj.as_ref(), p.obj.as_ref())
                };
                let (Some(b), Some(d)) = (backer, backed) else {
                    continue;
                };
                let Who::Actor(_) = who(b) else { continue };
                // "the IRGC's Quds Force": both back.
                for &x in b.possessor.iter().chain(&b.actors) {
                    for &y in &d.actors {
                        if !ctx.is_person(y) {
                            push(x, y, RelationKind::Backs, &mut out);
                        }
                    }
                }
            }
            PClass::Verb(VerbClass::Lead) => {
                let (leader, led) = if p.mood.passive {
                    (p.pp("by"), p.subj.as_ref())
                } else {
                    (p.subj.as_ref(), p.obj.as_ref())
                };
                let (Some(l), Some(d)) = (leader, led) else {
                    continue;
                };
                if let (Who::Actor(x), Who::Actor(y)) = (who(l), who(d))
                    && ctx.is_person(x)
                    && !ctx.is_person(y)
                {
                    push(x, y, RelationKind::Leads, &mut out);
                }
            }
            PClass::Verb(VerbClass::Meet) => {
                let Some(s) = p.subj.as_ref() else { continue };
                // "met with X", "met X": the partner is the verb's first complement, not a
                // "with" further on ("what it called an attack on its border with Syria").
                let other = match p.pps.first() {
                    Some(("with", np)) if p.obj.is_none() => Some(np),
                    _ => p.obj.as_ref(),
                };
                if let (Who::Actor(x), Some(o)) = (who(s), other)
                    && let Who::Actor(y) = who(o)
                    && sent.w(p.tok) != "calling"
                {
                    push(x, y, RelationKind::NegotiatesWith, &mut out);
                }
            }
            PClass::Verb(VerbClass::Retaliate) => {
                let Some(s) = p.subj.as_ref() else { continue };
                let Who::Actor(x) = who(s) else { continue };
                if let Some(t) = p
                    .pp("against")
                    .or(p.pp("on"))
                    .and_then(|n| actor(Some(who(n))))
                {
                    push(x, t, RelationKind::RetaliatesAgainst, &mut out);
                }
            }
            _ => {}
        }
    }
    titles(ctx, fr, &mut out, &push);
    umbrellas(ctx, fr, &mut out, &push);
    // "with support from Australia, Bahrain and Canada": they back the main clause's agent.
    for i in 1..sent.toks.len() {
        if !(sent.toks[i].noun() & noun::BACKING != 0 && sent.w(i - 1) == "with"
            || (sent.w(i) == "support" && matches!(sent.w(i - 1), "the" | "with")))
        {
            continue;
        }
        if !matches!(sent.w(i + 1), "from" | "of") {
            continue;
        }
        let Some(backers) = sent.np_at(ctx, i + 2, sent.toks.len()) else {
            continue;
        };
        let agent = evs.iter().find_map(|e| actor(e.agent)).or_else(|| {
            fr.preds
                .iter()
                .find_map(|p| p.agent().and_then(|n| n.actors.first().copied()))
        });
        if let Some(a) = agent {
            // A person's act is their side's ("with support from Canada, President X ordered").
            let a = if ctx.is_person(a) { ctx.side(a) } else { a };
            for &b in &backers.actors {
                push(b, a, RelationKind::Backs, &mut out);
            }
        }
    }
    // "X's proxies", "a proxy of X", "loyal to X", "aligned with X".
    for i in 0..sent.toks.len() {
        let w = sent.w(i);
        let backer_after = match w {
            "proxy" | "proxies" | "ally" | "allies" | "client" | "clients" => {
                matches!(sent.w(i + 1), "of" | "for")
            }
            "loyal" | "beholden" => sent.w(i + 1) == "to",
            "aligned" | "allied" | "linked" | "affiliated" | "tied" | "close" | "associated"
            | "subordinate" => matches!(sent.w(i + 1), "to" | "with") && !sent.toks[i].glued,
            _ => false,
        };
        let backer_before =
            matches!(w, "proxy" | "proxies") && i >= 2 && sent.toks[i - 1].tag == Tag::Poss;
        let backer = if backer_after {
            sent.np_at(ctx, i + 2, sent.toks.len())
                .and_then(|n| n.actors.first().copied())
        } else if backer_before {
            match sent.toks[i - 2].kind {
                Kind::Ent { actor: Some(m), .. } => Some(sent.mentions[m].actor),
                _ => None,
            }
        } else {
            None
        };
        let Some(backer) = backer else { continue };
        // The backed: an actor right after ("Iran's proxy Kataib Hezbollah"), the phrase the
        // word stands in apposition to ("KH, a proxy of Iran"), or the clause's subject
        // ("KH is loyal to Iran").
        let mut backed: Vec<u32> = Vec::new();
        if backer_before && let Some(n) = sent.np_at(ctx, i + 1, sent.toks.len()) {
            backed.extend(n.actors.iter().copied());
        }
        if backed.is_empty() {
            let mut k = i;
            while k > 0
                && !sent.is_punct(k - 1, ',')
                && i - k < 6
                && !matches!(sent.toks[k - 1].tag, Tag::Verb(_))
            {
                k -= 1;
            }
            let before = if k > 0 && sent.is_punct(k - 1, ',') {
                k - 1
            } else {
                k
            };
            let (s, _) = sent.subject(ctx, before, 0);
            if let Some(n) = s {
                backed.extend(n.actors.iter().copied());
            }
        }
        for b in backed {
            if !ctx.is_person(b) && ctx.kind(b) != ActorKind::State
                || matches!(w, "proxy" | "proxies" | "loyal")
            {
                push(backer, b, RelationKind::Backs, &mut out);
            }
        }
    }
    // "X-backed Y", "X-aligned Y": an actor glued to a backing participle before a head.
    for i in 1..sent.toks.len() {
        let t = &sent.toks[i];
        if !(t.glued && t.tag == Tag::Adj) {
            continue;
        }
        let w = sent.w(i);
        if !matches!(
            w,
            "backed"
                | "supported"
                | "sponsored"
                | "funded"
                | "armed"
                | "aligned"
                | "allied"
                | "linked"
                | "affiliated"
                | "controlled"
                | "run"
                | "led"
                | "trained"
                | "financed"
                | "directed"
                | "loyal"
        ) {
            continue;
        }
        let Kind::Ent { actor: Some(m), .. } = sent.toks[i - 1].kind else {
            continue;
        };
        let backer = sent.mentions[m].actor;
        // The phrase it modifies.
        let Some(np) = sent.np_at(ctx, i + 1, sent.toks.len()) else {
            continue;
        };
        let kind = if matches!(w, "led" | "run") && ctx.is_person(backer) {
            RelationKind::Leads
        } else {
            RelationKind::Backs
        };
        // "Houthi-controlled parts of Yemen": a state is held, not backed.
        for &y in &np.actors {
            if !ctx.is_person(y) && ctx.kind(y) != ActorKind::State {
                push(backer, y, kind, &mut out);
            }
        }
        // "Iran-backed groups such as A and B", "… including A, B".
        let mut k = np.e;
        if sent.is_punct(k, ',') {
            k += 1;
        }
        let lead_in = match (sent.w(k), sent.w(k + 1)) {
            ("including", _) | ("like", _) => Some(k + 1),
            ("such", "as") => Some(k + 2),
            _ => None,
        };
        if let Some(j) = lead_in
            && let Some(list) = sent.np_at(ctx, j, sent.toks.len())
        {
            for &y in &list.actors {
                if !ctx.is_person(y) {
                    push(backer, y, RelationKind::Backs, &mut out);
                }
            }
        }
    }
    out
}

/// How the frame readers add a relation (once per sentence and kind).
type Push<'a> = dyn Fn(u32, u32, RelationKind, &mut Vec<Found>) + 'a;

/// Words of office next to a person's name: "Pentagon press secretary Pat Ryder" (member of
/// the Pentagon), "Hezbollah leader Hassan Nasrallah" (leads Hezbollah), "Kanaani, the foreign
/// ministry's spokesman", "Qais al-Khazali, the head of Asaib Ahl al-Haq". Without a body named
/// with the title, the person's own affiliation from the lexicon.
fn titles(
    ctx: &DocCtx<'_>,
    fr: &super::frames::Frames<'_, '_>,
    out: &mut Vec<Found>,
    push: &Push<'_>,
) {
    use super::frames::{Kind, Tag};
    use crate::lexicon::words::noun;
    let sent = &fr.sent;
    let n = sent.toks.len();
    // A multi-word title is one word ("chief negotiator" is no chief).
    let word_classes = |t: &super::frames::Tok<'_>| match t.phrase {
        Some((c, n)) if n > 1 => c,
        _ => t.noun() | t.entry.map_or(0, |e| e.nouns),
    };
    let subordinate_word = |w: &str| {
        head_of_part(w)
            || matches!(
                w,
                "senior" | "top" | "deputy" | "vice" | "assistant" | "field" | "local" | "regional"
            )
    };
    let lead_modifies_title = |q: usize| {
        let len = sent.toks[q].phrase.map_or(1, |p| p.1 as usize).max(1);
        sent.toks.get(q + len).is_some_and(|t| {
            t.kind == Kind::Word && t.noun() & noun::TITLE != 0 && t.noun() & noun::LEADER == 0
        })
    };
    // "a Baghdad-based analyst", "the US-led coalition": a name glued to a participle
    // modifies the phrase; it is not the body the person belongs to.
    let based = |q: usize| {
        sent.toks
            .get(q + 1)
            .is_some_and(|t| t.glued && t.kind == Kind::Word)
            && sent.w(q + 1).ends_with("ed")
    };
    for k in 0..n {
        let Kind::Ent { actor: Some(m), .. } = sent.toks[k].kind else {
            continue;
        };
        let person = sent.mentions[m].actor;
        if !ctx.is_person(person) || sent.mentions[m].role != Role::Refers {
            continue;
        }
        // Before the name: the phrase of title words and bodies that ends at it.
        let mut lead = false;
        let mut member = false;
        // One of several heads, or a deputy: "a senior commander of X", "a Hezbollah
        // leader", "the deputy head of X", "the group's chief negotiator" are members.
        let mut subordinate = false;
        let mut orgs: Vec<u32> = Vec::new();
        let mut j = k;
        // "Iran's foreign ministry spokesman, Nasser Kanaani": the title before a comma.
        if j >= 2
            && sent.is_punct(j - 1, ',')
            && sent.toks[j - 2].noun() & (noun::TITLE | noun::LEADER) != 0
        {
            j -= 1;
        }
        while j > 0 {
            let t = &sent.toks[j - 1];
            let ok = match t.kind {
                Kind::Ent { actor: Some(_), .. } if based(j - 1) => true,
                Kind::Ent { actor: Some(a), .. } => {
                    let x = sent.mentions[a].actor;
                    if ctx.is_person(x) {
                        false
                    } else {
                        orgs.push(x);
                        true
                    }
                }
                Kind::Punct('.') => j >= 2 && sent.toks[j - 2].kind == Kind::Word,
                Kind::Word => {
                    let c = word_classes(t);
                    subordinate |= subordinate_word(sent.w(j - 1));
                    if c & noun::LEADER != 0 {
                        // "chief negotiator", "chief spokesman": a title of its own.
                        subordinate |= lead_modifies_title(j - 1);
                        lead = true;
                        true
                    } else if c & (noun::TITLE | noun::MEMBER) != 0 {
                        member = true;
                        true
                    } else {
                        // "the head of X": "of" after a title; "the US killing of General
                        // X" names no body of X's.
                        (matches!(t.tag, Tag::Adj | Tag::Name | Tag::Poss | Tag::Noun(_))
                            && c & (noun::ATTACK | noun::WEAK_ATTACK | noun::RESPONSE) == 0)
                            || matches!(
                                sent.w(j - 1),
                                "the" | "former" | "late" | "then" | "de" | "-"
                            )
                            || sent.w(j - 1) == "of"
                                && j >= 2
                                && word_classes(&sent.toks[j - 2])
                                    & (noun::TITLE | noun::LEADER | noun::MEMBER)
                                    != 0
                    }
                }
                _ => false,
            };
            if !ok {
                break;
            }
            j -= 1;
        }
        if j > 0 && matches!(sent.w(j - 1), "a" | "an") {
            subordinate = true;
        }
        // After the name: ", the group's spokesman," / ", head of X,".
        if !lead && !member && sent.is_punct(k + 1, ',') {
            let mut q = k + 2;
            while q < n
                && q < k + 14
                && !matches!(sent.toks[q].kind, Kind::Punct(',' | ';' | '.' | ':'))
            {
                let t = &sent.toks[q];
                match t.kind {
                    // "an analyst at a firm in London": a state named as a place is no body.
                    Kind::Ent { actor: Some(a), .. }
                        if sent.mentions[a].role == Role::Location || based(q) => {}
                    Kind::Ent { actor: Some(a), .. } => {
                        let x = sent.mentions[a].actor;
                        if ctx.is_person(x) {
                            break;
                        }
                        orgs.push(x);
                    }
                    Kind::Word => {
                        let c = word_classes(t);
                        subordinate |= subordinate_word(sent.w(q))
                            || q == k + 2 && matches!(sent.w(q), "a" | "an");
                        if c & noun::LEADER != 0 {
                            subordinate |= lead_modifies_title(q);
                            lead = true;
                        } else if c & noun::TITLE != 0 {
                            member = true;
                        } else if matches!(t.tag, Tag::Verb(_)) {
                            break;
                        }
                    }
                    _ => {}
                }
                q += 1;
            }
            if !(lead || member) {
                orgs.clear();
            }
        }
        if !(lead || member) {
            continue;
        }
        let kind = if lead && !subordinate {
            RelationKind::Leads
        } else {
            RelationKind::MemberOf
        };
        // The body: the last one named with the title (the most specific: "Iran's Foreign
        // Ministry spokesman": the ministry); else the lexicon's.
        let org = orgs
            .iter()
            .copied()
            .find(|&o| ctx.kind(o) != ActorKind::State)
            .or_else(|| orgs.first().copied())
            .or_else(|| match kind {
                RelationKind::Leads => ctx
                    .lex
                    .actors
                    .get(person as usize)
                    .and_then(|p| p.leads.first().map(|x| x.0)),
                _ => ctx.affiliation(person),
            });
        if let Some(o) = org {
            push(person, o, kind, out);
        }
    }
}

/// Organisations of organisations: "X, an umbrella of groups that includes A and B",
/// "the X umbrella, which brings together A, B and C", "A and B, which operate under the X
/// banner", "A, a faction of X", "A is part of X".
fn umbrellas(
    ctx: &DocCtx<'_>,
    fr: &super::frames::Frames<'_, '_>,
    out: &mut Vec<Found>,
    push: &Push<'_>,
) {
    use super::frames::{Kind, Tag};
    use crate::lexicon::words::noun;
    let sent = &fr.sent;
    let n = sent.toks.len();
    let ent = |k: usize| -> Option<u32> {
        match sent.toks.get(k)?.kind {
            Kind::Ent { actor: Some(m), .. } if sent.mentions[m].role == Role::Refers => {
                Some(sent.mentions[m].actor).filter(|&a| !ctx.is_person(a))
            }
            _ => None,
        }
    };
    let groupish = |a: u32| {
        matches!(
            ctx.kind(a),
            ActorKind::ArmedGroup
                | ActorKind::PoliticalParty
                | ActorKind::InternationalOrg
                | ActorKind::Organisation
        )
    };
    for i in 0..n {
        let c = sent.toks[i].noun();
        if c & noun::UMBRELLA != 0 {
            // The umbrella actor: "X, an umbrella …", "X is an umbrella …", "the X umbrella".
            let mut u = None;
            if i > 0
                && let Some(a) = ent(i - 1)
            {
                u = Some(a);
            }
            if u.is_none() {
                let mut k = i;
                while k > 0
                    && i - k < 5
                    && matches!(
                        sent.toks[k - 1].tag,
                        Tag::Det | Tag::Adj | Tag::Noun(_) | Tag::Aux(_)
                    )
                {
                    k -= 1;
                }
                if k > 0 && sent.is_punct(k - 1, ',') {
                    k -= 1;
                }
                if k > 0
                    && let Some(a) = ent(k - 1)
                {
                    u = Some(a);
                }
            }
            let Some(u) = u.filter(|&a| groupish(a)) else {
                continue;
            };
            // Members: named after "includes", "including", "such as", "of", "comprising",
            // "brings together", "among them".
            let mut k = i + 1;
            let mut listing = false;
            while k < n && k < i + 30 && !matches!(sent.toks[k].kind, Kind::Punct(';' | '.' | ':'))
            {
                let w = sent.w(k);
                if matches!(
                    w,
                    "includes"
                        | "include"
                        | "including"
                        | "included"
                        | "comprising"
                        | "comprises"
                        | "together"
                        | "among"
                        | "such"
                        | "like"
                        | "of"
                        | "for"
                        | "encompassing"
                        | "grouping"
                ) {
                    listing = true;
                }
                if listing
                    && let Some(a) = ent(k)
                    && a != u
                    && groupish(a)
                {
                    push(a, u, RelationKind::MemberOf, out);
                }
                k += 1;
            }
        }
        // "under the X banner/umbrella/name": the clause's subject is a member of X.
        if sent.w(i) == "under" {
            let mut k = i + 1;
            while k < n && sent.toks[k].tag == Tag::Det {
                k += 1;
            }
            if let Some(u) = ent(k).or_else(|| {
                if matches!(sent.w(k), "banner" | "name" | "umbrella") && sent.w(k + 1) == "of" {
                    ent(k + 2).or(ent(k + 3))
                } else {
                    None
                }
            }) {
                let (subj, _) = sent.subject(
                    ctx,
                    {
                        // the verb before "under" ("operate under")
                        let mut v = i;
                        while v > 0 && !matches!(sent.toks[v - 1].tag, Tag::Verb(_)) && i - v < 4 {
                            v -= 1;
                        }
                        v.saturating_sub(1)
                    },
                    0,
                );
                if let Some(s) = subj {
                    for &a in &s.actors {
                        if a != u && groupish(a) {
                            push(a, u, RelationKind::MemberOf, out);
                        }
                    }
                }
            }
        }
        // "A, a faction of X", "A is part of X", "A, one of the groups in X".
        if c & noun::MEMBER != 0 || matches!(sent.w(i), "part" | "member" | "members") {
            let mut k = i + 1;
            if !matches!(sent.w(k), "of" | "in" | "within") {
                continue;
            }
            k += 1;
            // "part of the Iran-led \"Axis of Resistance\"": determiners, adjectives and an
            // opening quote before the name.
            while k < n
                && (matches!(sent.toks[k].tag, Tag::Det | Tag::Adj)
                    || matches!(sent.toks[k].kind, Kind::Punct('"' | '“' | '\'' | '‘')))
            {
                k += 1;
            }
            let Some(x) = ent(k).filter(|&a| groupish(a)) else {
                continue;
            };
            let (subj, _) = {
                let mut b = i;
                while b > 0
                    && matches!(
                        sent.toks[b - 1].tag,
                        Tag::Det | Tag::Adj | Tag::Aux(_) | Tag::Pron
                    )
                    && i - b < 5
                {
                    b -= 1;
                }
                if b > 0 && sent.is_punct(b - 1, ',') {
                    b -= 1;
                }
                sent.subject(ctx, b, 0)
            };
            if let Some(s) = subj {
                for &a in &s.actors {
                    if a != x && (groupish(a) || ctx.kind(a) == ActorKind::GovernmentBody) {
                        push(a, x, RelationKind::MemberOf, out);
                    }
                }
            }
        }
    }
}

/// Bodies a title names without their state, through the person it is the title of:
/// "foreign ministry spokesman Nasser Kanaani" names the Iranian Foreign Ministry when the
/// lexicon has him in it; (actor, start, end) of the words that name it.
pub fn implied_bodies(
    ctx: &DocCtx<'_>,
    fr: &super::frames::Frames<'_, '_>,
) -> Vec<(u32, usize, usize)> {
    use super::frames::Kind;
    let sent = &fr.sent;
    let mut out = Vec::new();
    for k in 0..sent.toks.len() {
        let Kind::Ent { actor: Some(m), .. } = sent.toks[k].kind else {
            continue;
        };
        let person = sent.mentions[m].actor;
        if !ctx.is_person(person) {
            continue;
        }
        let Some(body) = ctx.affiliation(person) else {
            continue;
        };
        if ctx.kind(body) != ActorKind::GovernmentBody {
            continue;
        }
        // The words of the body's name that are not its state's ("Foreign Ministry").
        let name = ctx.lex.actors[body as usize].name.to_lowercase();
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| !w.ends_with("ian") && !w.ends_with("i") && *w != "us" && *w != "u.s.")
            .collect();
        if words.is_empty() {
            continue;
        }
        // The title phrase before the name (a comma allowed: "… spokesman, X").
        let mut j = k;
        if j >= 1 && sent.is_punct(j - 1, ',') {
            j -= 1;
        }
        let mut s = j;
        while s > 0
            && j - s < 6
            && sent.toks[s - 1].kind == Kind::Word
            && !sent.is_punct(s - 1, ',')
        {
            s -= 1;
        }
        if s == j {
            continue;
        }
        let phrase: Vec<&str> = (s..j).map(|x| sent.w(x)).collect();
        if let Some(first) = phrase.iter().position(|w| *w == words[0])
            && words
                .iter()
                .enumerate()
                .all(|(n, w)| phrase.get(first + n) == Some(w))
        {
            let a = sent.toks[s + first].s;
            let b = sent.toks[s + first + words.len() - 1].e;
            out.push((body, a, b));
        }
    }
    out
}

/// Whether a relation can hold between the kinds of its actors, whatever sentence gave it:
/// states, armed groups, bodies and coalitions attack, retaliate and back (not people, media
/// or think tanks); a person leads; nobody attacks, backs or retaliates against its own side.
pub fn plausible(ctx: &DocCtx<'_>, r: &Found) -> bool {
    use ActorKind::*;
    let (f, t) = (ctx.kind(r.from), ctx.kind(r.to));
    let party = |k: ActorKind| {
        matches!(
            k,
            State | ArmedGroup | GovernmentBody | InternationalOrg | PoliticalParty
        )
    };
    match r.kind {
        RelationKind::Attacks | RelationKind::RetaliatesAgainst => {
            party(f) && !matches!(t, Media | Organisation) && ctx.side(r.from) != ctx.side(r.to)
        }
        RelationKind::Backs => party(f) && t != Person && ctx.side(r.from) != ctx.side(r.to),
        RelationKind::Leads => f == Person,
        RelationKind::MemberOf => r.from != r.to,
        RelationKind::NegotiatesWith => ctx.side(r.from) != ctx.side(r.to),
    }
}
