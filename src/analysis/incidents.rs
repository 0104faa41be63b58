//! Attack incidents: a sentence reports an attack when it has an attack word and an anchor
//! that makes it a single event (a day, a named place, a casualty count, a named victim).
//! Reports of the same attack, in one document or several, are merged into one incident.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::model::{ActorId, ActorKind, IncidentId, PlaceId};

use super::gated::Gated;
use super::mentions::{self, PlaceMention};
use super::numbers::{self, NUMBER};
use super::template::Role;
use super::{AttackReport, DocCtx, Incident, dates, speakers};

/// An attack report found in one document (local actor refs).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Sentence index.
    pub sentence: usize,
    /// The attack word.
    pub trigger: (usize, usize),
    /// Day.
    pub date: Option<NaiveDate>,
    /// Place.
    pub place: Option<PlaceId>,
    /// Country.
    pub country: Option<u32>,
    /// Attacker.
    pub attacker: Option<u32>,
    /// Targets (the first is the incident's target; others are also attacked).
    pub targets: Vec<u32>,
    /// Weapon.
    pub weapon: Option<String>,
    /// Killed.
    pub killed: Option<u64>,
    /// Injured.
    pub injured: Option<u64>,
    /// Refers back to an attack already reported ("the attack", no day or place of its own).
    pub anaphoric: bool,
}

static VETO_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:possible|potential|would|could|future|further|threat\w*|deter\w*|prevent\w*|avoid\w*|risk|halt\w*|suspen\w*|stop\w*|cessation|no|more|new|any|deadly|similar|repeatedly|regularly|frequently|often|routinely|sporadic|numerous|multiple|several|series|continued\s+to|continue\s+to)\s+(?:\S+\s+){0,1}$|(?-u:\b)(?:if|unless|whether|should)(?-u:\b)[^,;.]*$").unwrap()
});
/// Ways of saying how many were killed, most explicit first; group `n` is the number.
static KILLED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"(?i)(?-u:\b)kill(?:ed|ing|s)?\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?P<n>{NUMBER})(?-u:\b)"),
        format!(r"(?i)(?:at\s+least\s+|more\s+than\s+)?(?P<n>{NUMBER})\s+(?:[\w.-]+\s+){{0,3}}?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:killed|dead|died)(?-u:\b)"),
        format!(r"(?i)(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,3}}?lost\s+their\s+lives"),
        format!(r"(?i)(?-u:\b)deaths?\s+of\s+(?P<n>{NUMBER})(?-u:\b)"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid pattern"))
    .collect()
});
/// Ways of saying how many were injured.
static INJURED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"(?i)(?-u:\b)(?:injur|wound)(?:ed|ing)\s+(?:at\s+least\s+)?(?P<n>{NUMBER})(?-u:\b)"),
        format!(r"(?i)(?P<n>{NUMBER})\s+(?:(?:others|people|soldiers|troops|personnel|civilians|service\s*members|us|american|iraqi|syrian|israeli|more|other)\s+){{0,3}}(?:were\s+|was\s+|have\s+been\s+)?(?:injured|wounded|hurt)(?-u:\b)"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid pattern"))
    .collect()
});
static TARGET_PREP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:on|against|targeting|target|targeted|into|at|struck|hit|used\s+by|belonging\s+to|operated\s+by|run\s+by|(?:killing|assassination|attack|bombing)\s+of)\s+(?:(?:the|an?|its|their|senior|top|two|several)\s+)?)$").unwrap()
});
const LIST_WORDS: &[&str] = &[
    "and",
    "or",
    "the",
    "newly",
    "elected",
    "former",
    "late",
    "president",
    "gen.",
    "general",
    "prime",
    "minister",
    "commander",
    "deputy",
    "senior",
    "leader",
    "head",
    "sheikh",
    "’s",
    "'s",
    "lt.",
    "col.",
];
const VICTIM_WORDS: &[&str] = &[
    "soldier",
    "soldiers",
    "troops",
    "forces",
    "personnel",
    "servicemembers",
    "base",
    "bases",
    "embassy",
    "contractor",
    "contractors",
    "facility",
    "facilities",
    "targets",
    "interests",
    "positions",
    "sites",
    "convoy",
    "patrol",
    "garrison",
    "warship",
    "warships",
    "vessel",
    "vessels",
    "ship",
    "ships",
    "commander",
    "commanders",
    "devices",
    "fighters",
    "officials",
    "headquarters",
    "service",
    "members",
];
const DESCRIPTIVE: &[&str] = &[
    "military",
    "army",
    "air",
    "naval",
    "weapons",
    "storage",
    "communication",
    "unit",
    "coalition",
    "special",
    "elite",
    "security",
    "training",
    "senior",
    "top",
    "ammunition",
    "diplomatic",
];
static AGENT_VERB: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)(?-u:\b)(?:struck|strikes|striking|targeted|targeting|attacked|attacking|bombed|killed|launched|carried\s+out|conducted|fired|dropped|shelled|hit|intensified|assassinated|assassinating|eliminate|eliminated|raided|invaded)(?-u:\b)",
    )
});
static KILL_LIST: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?i)(?-u:\b)(?:killing|assassinating|assassination\s+of|killed|killing\s+of)\s+")
});

fn resolve_date(ctx: &DocCtx<'_>, d: &dates::DateMention) -> Option<NaiveDate> {
    if d.range {
        return None;
    }
    dates::resolve(d.form, ctx.doc.date, ctx.anchor)
}

/// The attack words of each of the sentences `body` (sentence offsets, trigger index): those a
/// leftmost-longest search of the attack words finds between the first and the last of the
/// sentences, from all their occurrences in the document (see [`mentions::Scan`]). The words
/// never span sentences.
pub fn trigger_words(ctx: &DocCtx<'_>, body: &[usize]) -> Vec<Vec<(usize, usize, usize)>> {
    let mut out = vec![Vec::new(); body.len()];
    let (Some(&first), Some(&last)) = (body.first(), body.last()) else {
        return out;
    };
    let from = ctx.sentences[first].start;
    let to = ctx.sentences[last].end;
    let within: Vec<(usize, usize, usize)> = ctx
        .attack_words
        .iter()
        .copied()
        .filter(|&(st, en, _)| from <= st && en <= to)
        .collect();
    for (st, en, word) in mentions::leftmost_longest(&within) {
        let k = body.partition_point(|&i| ctx.sentences[i].end <= st);
        if let Some(&i) = body.get(k) {
            let s = ctx.sentences[i];
            if s.start <= st && en <= s.end {
                out[k].push((st - s.start, en - s.start, word));
            }
        }
    }
    out
}

/// The attack reports of sentence `si`, whose attack words are `words` (see
/// [`trigger_words`]).
pub fn extract(ctx: &DocCtx<'_>, si: usize, words: &[(usize, usize, usize)]) -> Vec<Found> {
    let s = ctx.sentences[si];
    let t = &ctx.templates[si];
    let sent = &ctx.text[s.start..s.end];
    // Trigger words.
    let mut triggers: Vec<(usize, usize)> = Vec::new();
    let n_strong = ctx.lex.cues.attack_triggers.len();
    // Weak words count only with a stated day, or after a weapon word ("drone incident").
    let day_stated = || {
        ctx.dates[si].iter().any(|d| {
            !d.since
                && !d.range
                && matches!(
                    d.form,
                    dates::DateForm::Full(_)
                        | dates::DateForm::DayMonth { .. }
                        | dates::DateForm::Weekday(_)
                )
        })
    };
    let mut day: Option<bool> = None;
    {
        for &(st, en, pi) in words {
            let ok_l = !sent[..st]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let ok_r = !sent[en..].chars().next().is_some_and(char::is_alphanumeric);
            if !ok_l
                || !ok_r
                || VETO_BEFORE.is_match(&sent[super::floor_char(sent, st.saturating_sub(100))..st])
            {
                continue;
            }
            if pi >= n_strong {
                let word = &ctx.lex.cues.weak_attack_triggers[pi - n_strong];
                let ok = if word == "incident" {
                    let before = super::tail_lower(sent[..st].trim_end(), 64);
                    ctx.lex
                        .cues
                        .weapons
                        .iter()
                        .flat_map(|x| x.words.iter())
                        .any(|ww| before.ends_with(ww.as_str()))
                } else {
                    *day.get_or_insert_with(day_stated)
                };
                if !ok {
                    continue;
                }
            }
            triggers.push((st, en));
        }
    }
    if triggers.is_empty() {
        return Vec::new();
    }
    triggers.sort();
    // Anchors.
    let ds: Vec<dates::DateMention> = ctx.dates[si].iter().copied().filter(|d| !d.since).collect();
    // A place that is also an actor's name counts as a place only where it is named as a
    // location or as a target ("in Tehran", "targeting Tel Aviv"), not as a government ("Tehran said").
    let places: Vec<_> = ctx
        .places
        .iter()
        .filter(|p| p.start >= s.start && p.end <= s.end)
        .filter(|p| {
            match t
                .mentions
                .iter()
                .find(|m| m.start < p.end && p.start < m.end)
            {
                None => true,
                Some(m) if m.role == Role::Location => true,
                Some(_) => {
                    let before = ctx.text[s.start..p.start].to_lowercase();
                    let before = before.trim_end();
                    [
                        "targeting",
                        "targeted",
                        "target",
                        "attack on",
                        "strike on",
                        "strikes on",
                        "attacks on",
                        "struck",
                        "hit",
                    ]
                    .iter()
                    .any(|w| before.ends_with(w))
                }
            }
        })
        .collect();
    // "killed N" / "injuring N" first, then "N ... were killed"; a number that is part of a
    // place name ("Tower 22") counts nobody.
    let in_place = |pos: usize| {
        places
            .iter()
            .any(|p| p.start <= s.start + pos && s.start + pos < p.end)
    };
    let count = |res: &[Regex]| -> Option<u64> {
        res.iter().find_map(|re| {
            re.captures_iter(sent)
                .filter_map(|c| c.name("n"))
                .filter(|m| !in_place(m.start()))
                .find_map(|m| numbers::parse(m.as_str()))
        })
    };
    let lower = &ctx.lower[s.start..s.end];
    let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    let killed_m = if has(&["kill", "dead", "died", "lives", "death"]) {
        count(&KILLED)
    } else {
        None
    };
    let injured_m = if has(&["injur", "wound", "hurt"]) {
        count(&INJURED)
    } else {
        None
    };
    // People killed by name: "killing Gen. X and Y", "assassinating X and Y".
    let mut victims: Vec<(u32, usize)> = Vec::new();
    let kill_list = KILL_LIST
        .may_match(&t.lower)
        .then(|| KILL_LIST.find_iter(&t.text));
    for m in kill_list.into_iter().flatten() {
        let mut pos = m.end();
        let mut expect_item = true;
        for mm in t.mentions.iter().filter(|x| x.t_start >= m.end()) {
            if mm.t_start < pos {
                continue;
            }
            let between = t.text[pos..mm.t_start].to_lowercase();
            let words: Vec<&str> = between
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .collect();
            let listy = words.iter().all(|w| LIST_WORDS.contains(w));
            let first = expect_item;
            expect_item = false;
            if !(first || listy && (between.contains(',') || words.contains(&"and")))
                || words.len() > 5
            {
                break;
            }
            if mm.role == Role::Refers && ctx.is_person(mm.actor) {
                victims.push((mm.actor, mm.start));
            } else if !(t.text[mm.t_end..].starts_with("’s")
                || t.text[mm.t_end..].starts_with("'s"))
            {
                break;
            }
            pos = mm.t_end;
            if t.text[pos..].starts_with("’s") || t.text[pos..].starts_with("'s") {
                pos += t.text[pos..]
                    .chars()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>();
                expect_item = true;
                continue;
            }
            // "X, the head of ..., and Y": skip the appositive to the list's next item.
            let rest = &t.text[pos..];
            if rest.starts_with(", the ") || rest.starts_with(", a ") || rest.starts_with(", who ")
            {
                match rest.find(", and ") {
                    Some(c) if c < 160 && !rest[..c].contains(['.', ';']) => pos += c,
                    _ => break,
                }
            }
        }
    }
    let has_anchor = !ds.is_empty()
        || !places.is_empty()
        || killed_m.is_some()
        || injured_m.is_some()
        || !victims.is_empty();
    if !has_anchor {
        return Vec::new();
    }
    // Targets per trigger: a victim noun phrase, or an actor after on/against/targeting.
    let tpos = |doc: usize| -> usize {
        t.mentions
            .iter()
            .find(|m| m.start >= doc)
            .map(|m| m.t_start)
            .unwrap_or(t.text.len())
    };
    let mut target_of = Vec::new();
    for (i, &(st, _)) in triggers.iter().enumerate() {
        let win_end = triggers.get(i + 1).map(|x| s.start + x.0).unwrap_or(s.end);
        let tstart = tpos(s.start + st);
        let mut tgt = None;
        for m in t
            .mentions
            .iter()
            .filter(|m| m.t_start >= tstart && m.end <= win_end && m.role == Role::Refers)
        {
            let before =
                &t.text[super::floor_char(&t.text, m.t_start.saturating_sub(40))..m.t_start];
            if TARGET_PREP.is_match(before) {
                tgt = Some(m.actor);
                break;
            }
        }
        target_of.push(tgt);
    }
    // Victim-noun targets anywhere in the sentence ("three US soldiers").
    let victim_target = t
        .mentions
        .iter()
        .filter(|m| m.role == Role::Refers)
        .find(|m| {
            let rest = t.text[m.t_end..]
                .trim_start_matches(['’', '\'', 's'])
                .to_lowercase();
            let words: Vec<&str> = rest.split_whitespace().take(3).collect();
            for w in words {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if VICTIM_WORDS.contains(&w) {
                    return true;
                }
                if !DESCRIPTIVE.contains(&w) {
                    return false;
                }
            }
            false
        })
        .map(|m| m.actor);
    // Group triggers into incidents: a new group when a trigger has its own, different target.
    let mut groups: Vec<(Vec<usize>, Option<u32>)> = Vec::new();
    for (i, tg) in target_of.iter().enumerate() {
        match groups.last_mut() {
            Some((members, gt)) if !(tg.is_some() && gt.is_some() && tg != gt) => {
                members.push(i);
                if gt.is_none() {
                    *gt = *tg;
                }
            }
            _ => groups.push((vec![i], *tg)),
        }
    }
    // Attacker: "by X", the actor right before the attack word, or the clause subject of an
    // agentive verb.
    let attacker_for = |first_trigger: usize, target: Option<u32>| -> Option<u32> {
        let (st, en) = triggers[first_trigger];
        let ttrig = tpos(s.start + st);
        let after = &sent[en..];
        if let Some(p) = after.find(" by ")
            && p < 40
        {
            let by = s.start + en + p + 4;
            if let Some(m) = t
                .mentions
                .iter()
                .find(|m| m.start >= by && m.start < by + 40 && m.role == Role::Refers)
                && Some(m.actor) != target
            {
                return Some(m.actor);
            }
        }
        if let Some(m) = t.mentions.iter().rev().find(|m| m.t_end <= ttrig) {
            let gap = t.text[m.t_end..ttrig].to_lowercase();
            let ok_word = |w: &str| {
                let w = w.trim_matches(|c: char| c == '.' || c == ',');
                w.is_empty()
                    || w.chars().all(|c| c.is_ascii_digit())
                    || dates::month_number(w).is_some()
                    || matches!(
                        w,
                        "’s" | "'s"
                            | "’"
                            | "'"
                            | "s"
                            | "fighter"
                            | "jets"
                            | "warplanes"
                            | "drone"
                            | "drones"
                            | "missile"
                            | "missiles"
                            | "rocket"
                            | "rockets"
                            | "air"
                            | "military"
                            | "forces"
                            | "suicide"
                            | "deadly"
                    )
            };
            let words: Vec<&str> = gap.split_whitespace().collect();
            if m.role == Role::Refers
                && words.len() <= 3
                && words.iter().all(|w| ok_word(w))
                && !gap.contains(',')
                && Some(m.actor) != target
            {
                return Some(m.actor);
            }
        }
        let active = AGENT_VERB.may_match(lower)
            && AGENT_VERB.find_iter(sent).any(|v| {
                let before = super::tail_lower(sent[..v.start()].trim_end(), 16);
                !(before.ends_with(" was")
                    || before.ends_with(" were")
                    || before.ends_with(" been")
                    || before.ends_with(" being")
                    || before.ends_with(" be"))
            });
        if active {
            let subj = speakers::subject(t, ttrig, ctx);
            if let Some(&a) = subj.first()
                && Some(a) != target
                && target.is_none_or(|x| ctx.side(x) != ctx.side(a))
            {
                return Some(a);
            }
        }
        None
    };
    let weapon_at = |pos: usize| -> Option<String> {
        let ac = ctx.lex.cues.weapon_matcher.as_ref()?;
        ac.find_iter(&ctx.lower[s.start..s.end])
            .filter(|m| {
                !sent[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !sent[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .min_by_key(|m| m.start().abs_diff(pos))
            .map(|m| {
                ctx.lex.cues.weapons[ctx.lex.cues.weapon_of[m.pattern().as_usize()]]
                    .name
                    .clone()
            })
    };
    let state_country = |name: &str| ctx.lex.actor_by_name(name).map(|a| a.0);
    let mut out = Vec::new();
    for (members, gtarget) in groups {
        let first = members[0];
        let (st, en) = triggers[first];
        // Places of this group: in its window.
        let win_s = s.start + st;
        let win_e = members
            .last()
            .and_then(|&l| triggers.get(l + 1))
            .map(|x| s.start + x.0)
            .unwrap_or(s.end);
        let mut gplaces: Vec<PlaceId> = places
            .iter()
            .filter(|p| p.start >= win_s && p.end <= win_e)
            .map(|p| p.place)
            .collect();
        if gplaces.is_empty() {
            gplaces = places.iter().map(|p| p.place).collect();
        }
        gplaces.dedup();
        let plural = members.iter().any(|&i| {
            let w = &sent[triggers[i].0..triggers[i].1];
            w.ends_with('s') && !w.ends_with("ss")
        });
        let in_window: Vec<&&PlaceMention> = places
            .iter()
            .filter(|p| p.start >= win_s && p.end <= win_e)
            .collect();
        let listed = in_window.windows(2).all(|w| {
            let between = ctx.text[w[0].end..w[1].start].to_lowercase();
            between.len() < 40 && (between.contains(" and ") || between.trim() == ",")
        });
        let split_places = plural && gplaces.len() >= 2 && in_window.len() >= 2 && listed;
        let target = victim_target.or(gtarget);
        // Named victims: one incident each for an assassination list, one incident for a strike.
        let assassination = members.iter().all(|&i| {
            let w = sent[triggers[i].0..triggers[i].1].to_lowercase();
            w.starts_with("assassinat") || w == "killing"
        }) && victims.len() >= 2;
        let date = {
            let near = ds.iter().min_by_key(|d| d.start.abs_diff(st));
            near.and_then(|d| resolve_date(ctx, d))
        };
        let attacker = attacker_for(first, target);
        // Country: the place's, else the one state named as a location.
        let locs: Vec<u32> = {
            let mut v: Vec<u32> = t
                .mentions
                .iter()
                .filter(|m| m.role == Role::Location && ctx.kind(m.actor) == ActorKind::State)
                .map(|m| m.actor)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let country_of = |p: Option<PlaceId>| -> Option<u32> {
            p.and_then(|p| ctx.lex.place(p).country.as_deref().and_then(state_country))
                .or(if locs.len() == 1 { Some(locs[0]) } else { None })
        };
        let weapon = weapon_at(st);
        let base = Found {
            sentence: si,
            trigger: (s.start + st, s.start + en),
            date,
            place: None,
            country: None,
            attacker,
            targets: target.into_iter().collect(),
            weapon,
            killed: killed_m,
            injured: injured_m,
            anaphoric: {
                let before = super::tail_lower(&sent[..st], 24);
                let definite = [
                    "the ",
                    "this ",
                    "that ",
                    "the drone ",
                    "the missile ",
                    "the rocket ",
                ]
                .iter()
                .any(|d| before.ends_with(d));
                definite && date.is_none() && gplaces.is_empty() && victims.is_empty()
            },
        };
        if assassination {
            for &(v, _) in &victims {
                out.push(Found {
                    targets: vec![v],
                    killed: Some(1),
                    place: gplaces.first().copied().filter(|_| gplaces.len() == 1),
                    country: country_of(gplaces.first().copied().filter(|_| gplaces.len() == 1)),
                    ..base.clone()
                });
            }
        } else if split_places {
            for &p in &gplaces {
                out.push(Found {
                    place: Some(p),
                    country: country_of(Some(p)),
                    ..base.clone()
                });
            }
        } else {
            let place = gplaces.first().copied();
            let mut f = Found {
                place,
                country: country_of(place),
                ..base.clone()
            };
            if !victims.is_empty() {
                f.targets = victims.iter().map(|v| v.0).collect();
                if f.killed.is_none() {
                    f.killed = Some(victims.len() as u64);
                }
            }
            out.push(f);
        }
    }
    out
}

fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// What decides whether two reports are one attack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sig {
    date: Option<NaiveDate>,
    place: Option<PlaceId>,
    country: Option<ActorId>,
    attacker: Option<ActorId>,
    target: Option<ActorId>,
}

impl Sig {
    fn of(r: &AttackReport) -> Sig {
        Sig {
            date: r.date,
            place: r.place,
            country: r.country,
            attacker: r.attacker,
            target: r.target,
        }
    }
}

/// Whether two reports (in the same document or not) can be one attack. What holds across
/// documents also holds within one.
fn same_incident(a: &Sig, b: &Sig, same_doc: bool) -> bool {
    if !compatible(&a.date, &b.date)
        || !compatible(&a.place, &b.place)
        || !compatible(&a.country, &b.country)
    {
        return false;
    }
    if !compatible(&a.attacker, &b.attacker) || !compatible(&a.target, &b.target) {
        return false;
    }
    let strong = (a.date.is_some() && a.date == b.date) as u8
        + (a.place.is_some() && a.place == b.place) as u8;
    let actors = (a.attacker.is_some() && a.attacker == b.attacker) as u8
        + (a.target.is_some() && a.target == b.target) as u8;
    if same_doc {
        (a.date.is_some() && a.date == b.date)
            || strong >= 1 && actors >= 1
            || (actors == 2 && (a.place == b.place || a.date == b.date))
    } else {
        strong == 2
            || (a.date.is_some()
                && a.date == b.date
                && (actors >= 1 || a.country.is_some() && a.country == b.country))
    }
}

/// What a report shares with reports of other documents on the same day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum DayKey {
    Place(PlaceId),
    Attacker(u32),
    Target(u32),
    Country(u32),
    /// The country, for reports that name no place.
    CountryNoPlace(u32),
}

/// The buckets a report is filed under.
fn day_keys(r: &AttackReport) -> impl Iterator<Item = DayKey> {
    [
        r.place.map(DayKey::Place),
        r.attacker.map(|a| DayKey::Attacker(a.0)),
        r.target.map(|a| DayKey::Target(a.0)),
        r.country.map(|a| DayKey::Country(a.0)),
        r.country
            .filter(|_| r.place.is_none())
            .map(|a| DayKey::CountryNoPlace(a.0)),
    ]
    .into_iter()
    .flatten()
}

/// The buckets where a report's matches can be. Sharing only the country, two reports can
/// be one attack only if one of them names no place (two named places must be equal).
fn lookup_keys(r: &AttackReport) -> impl Iterator<Item = DayKey> {
    [
        r.place.map(DayKey::Place),
        r.attacker.map(|a| DayKey::Attacker(a.0)),
        r.target.map(|a| DayKey::Target(a.0)),
        r.country.map(|a| match r.place {
            Some(_) => DayKey::CountryNoPlace(a.0),
            None => DayKey::Country(a.0),
        }),
    ]
    .into_iter()
    .flatten()
}

/// Merges reports into incidents (the same attack reported twice in a document, or by several
/// documents) and sets each report's incident id.
pub fn merge(reports: &mut [AttackReport]) -> Vec<Incident> {
    let mut incidents: Vec<Incident> = Vec::new();
    // Candidates come from two indexes, so that merging stays linear in the corpus size:
    // incidents already reported by the same document, and, across documents, incidents with
    // a report of the same day that shares a place, an attacker, a target or a country (the
    // only ways two documents' reports can be the same attack; see `same_incident`).
    let mut by_doc: std::collections::HashMap<crate::model::DocId, Vec<usize>> = Default::default();
    let mut by_day: std::collections::HashMap<(NaiveDate, DayKey), Vec<usize>> = Default::default();
    let mut incident_of: Vec<usize> = Vec::with_capacity(reports.len());
    let mut candidates: Vec<usize> = Vec::new();
    let mut sigs: Vec<Vec<Sig>> = Vec::new();
    for i in 0..reports.len() {
        let r = reports[i].clone();
        // "the attack" with nothing of its own: the last attack reported in the document.
        let previous = (r.anaphoric && i > 0 && reports[i - 1].span.doc == r.span.doc)
            .then(|| incident_of[i - 1]);
        let sig = Sig::of(&r);
        // Reports of this document sit at the end of an incident's list (documents come in
        // order); the others count by their distinct signatures, which keeps big incidents
        // (one attack in thousands of articles) cheap to test.
        let matches = |k: &usize| {
            incidents[*k]
                .reports
                .iter()
                .rev()
                .take_while(|&&j| reports[j].span.doc == r.span.doc)
                .any(|&j| same_incident(&Sig::of(&reports[j]), &sig, true))
                || sigs[*k].iter().any(|o| same_incident(o, &sig, false))
        };
        let found = previous
            .or_else(|| {
                by_doc
                    .get(&r.span.doc)
                    .and_then(|v| v.iter().rev().find(|k| matches(k)).copied())
            })
            .or_else(|| {
                let d = r.date?;
                candidates.clear();
                for key in lookup_keys(&r) {
                    if let Some(v) = by_day.get(&(d, key)) {
                        candidates.extend_from_slice(v);
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                candidates.iter().find(|k| matches(k)).copied()
            });
        let k = match found {
            Some(k) => {
                let inc = &mut incidents[k];
                inc.reports.push(i);
                inc.date = inc.date.or(r.date);
                inc.place = inc.place.or(r.place);
                inc.country = inc.country.or(r.country);
                inc.attacker = inc.attacker.or(r.attacker);
                inc.target = inc.target.or(r.target);
                inc.weapon = inc.weapon.clone().or(r.weapon.clone());
                inc.killed = inc.killed.max(r.killed);
                inc.injured = inc.injured.max(r.injured);
                k
            }
            None => {
                incidents.push(Incident {
                    id: IncidentId(incidents.len() as u32),
                    reports: vec![i],
                    date: r.date,
                    place: r.place,
                    country: r.country,
                    attacker: r.attacker,
                    target: r.target,
                    weapon: r.weapon.clone(),
                    killed: r.killed,
                    injured: r.injured,
                });
                incidents.len() - 1
            }
        };
        if sigs.len() <= k {
            sigs.push(Vec::new());
        }
        if !sigs[k].contains(&sig) {
            sigs[k].push(sig);
        }
        let doc_list = by_doc.entry(r.span.doc).or_default();
        if !doc_list.contains(&k) {
            doc_list.push(k);
        }
        if let Some(d) = r.date {
            for key in day_keys(&r) {
                let l = by_day.entry((d, key)).or_default();
                if l.last() != Some(&k) && !l.contains(&k) {
                    l.push(k);
                }
            }
        }
        incident_of.push(k);
        reports[i].incident = incidents[k].id;
    }
    incidents
}
