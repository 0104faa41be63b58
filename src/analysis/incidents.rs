//! Attack incidents: a sentence reports an attack when it has an attack word and an anchor
//! that makes it a single event (a day, a named place, a casualty count, a named victim).
//! Reports of the same attack, in one document or several, are merged into one incident.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::model::{ActorId, IncidentId, PlaceId, StatementKind};

use super::events;
use super::frames::{Frames, Kind};
use super::numbers::{self, NUMBER};
use super::voice::Who;
use super::{AttackReport, DocCtx, Incident, dates};

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
    /// The kind of word it is told with (see [`super::voice::attack_key_id`]): "the strikes" points back to
    /// strikes before other attacks.
    pub key: u8,
}

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

fn resolve_date(ctx: &DocCtx<'_>, d: &dates::DateMention) -> Option<NaiveDate> {
    if d.range {
        return None;
    }
    dates::resolve(d.form, ctx.doc.date, ctx.anchor)
}

/// A count of people in `text` by the first of `res` that finds one (a number inside a
/// place name, "Tower 22", counts nobody).
fn count(res: &[Regex], text: &str, skip: &dyn Fn(usize) -> bool) -> Option<u64> {
    res.iter().find_map(|re| {
        re.captures_iter(text)
            .filter_map(|c| c.name("n"))
            .filter(|m| !skip(m.start()))
            .find_map(|m| numbers::parse(m.as_str()))
    })
}

/// The attack reports of sentence `si`, from its events (see [`events`]) and statements.
pub fn extract(
    ctx: &DocCtx<'_>,
    si: usize,
    fr: &Frames<'_, '_>,
    evs: &[events::Event],
    stmts: &[super::statements::Found],
) -> Vec<Found> {
    let s = ctx.sentences[si];
    let sent = &fr.sent;
    let mut out = Vec::new();
    let state_country = |name: &str| ctx.lex.actor_by_name(name).map(|a| a.0);
    // A count with its days listed tells of each attack ("three times, on Oct. 26, Nov. 8 and
    // Nov. 12").
    let real: Vec<&events::Event> = evs
        .iter()
        .filter(|e| e.mood.factual() && !e.generic && (!e.counted || e.days.len() >= 2))
        .collect();
    let single = real.len() == 1;
    for e in &real {
        let (seg_s, seg_e) = (
            sent.toks.get(e.segment.0).map_or(s.start, |t| t.s),
            sent.toks
                .get(e.segment.1.saturating_sub(1))
                .map_or(s.end, |t| t.e),
        );
        // Casualties: in the event's clause, or in the whole sentence when it reports one act.
        let (cs, ce) = if single {
            (s.start, s.end)
        } else {
            (seg_s, seg_e)
        };
        let text = &ctx.text[cs..ce];
        let lower = &ctx.lower[cs..ce];
        let in_place = |pos: usize| {
            e.places.iter().any(|&p| {
                let pm = &ctx.places[p];
                pm.start <= cs + pos && cs + pos < pm.end
            })
        };
        let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
        let killed = has(&["kill", "dead", "died", "lives", "death"])
            .then(|| count(&KILLED, text, &in_place))
            .flatten();
        let injured = has(&["injur", "wound", "hurt"])
            .then(|| count(&INJURED, text, &in_place))
            .flatten();
        let date = e
            .date
            .and_then(|k| match sent.toks[k].kind {
                Kind::Date(d) => resolve_date(ctx, &ctx.dates[si][d]),
                _ => None,
            })
            .or_else(|| {
                // A timeline's line: the day that opens it ("December 26: …", "On Jan. 4, …")
                // is the day of what it tells.
                let first_word = sent
                    .toks
                    .iter()
                    .position(|t| !matches!(t.kind, Kind::Punct(_)))?;
                let opener = match sent.toks[first_word].kind {
                    Kind::Date(d) => Some(d),
                    Kind::Word if sent.w(first_word) == "on" => {
                        match sent.toks.get(first_word + 1).map(|t| t.kind) {
                            Some(Kind::Date(d)) => Some(d),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let d = opener?;
                let k = sent.toks.iter().position(|t| t.kind == Kind::Date(d))?;
                let closes = sent.toks[k + 1..]
                    .iter()
                    .find(|t| !matches!(t.kind, Kind::Punct('*' | '_')))
                    .is_some_and(|t| matches!(t.kind, Kind::Punct(':' | ',' | '—' | '–' | '-')));
                closes
                    .then(|| resolve_date(ctx, &ctx.dates[si][d]))
                    .flatten()
            })
            .or_else(|| {
                // The only day of a sentence that reports one act.
                if !single {
                    return None;
                }
                let ds: Vec<_> = ctx.dates[si]
                    .iter()
                    .enumerate()
                    .filter(|(di, d)| {
                        !d.since
                            && !d.range
                            && !sent
                                .toks
                                .iter()
                                .position(|t| t.kind == Kind::Date(*di))
                                .is_some_and(|k| super::events::speech_day(fr, k, usize::MAX))
                    })
                    .map(|(_, d)| d)
                    .collect();
                (ds.len() == 1).then(|| resolve_date(ctx, ds[0])).flatten()
            })
            .or_else(|| {
                // A timeline's entry under a heading that is a day ("FRIDAY, DEC. 27",
                // "Jan. 3, 2020"): that day, when the sentence names none of its own.
                if e.date.is_some() || !ctx.dates[si].is_empty() {
                    return None;
                }
                let h = (0..si).rev().find(|&h| ctx.sentences[h].heading)?;
                let hs = ctx.sentences[h];
                let head = ctx.text[hs.start..hs.end].trim();
                // Its date (past a weekday before it: "FRIDAY, DEC. 27").
                let ds = &ctx.dates[h];
                if ds.is_empty() || ds.len() > 2 {
                    return None;
                }
                let d = ds
                    .iter()
                    .find(|d| !matches!(d.form, dates::DateForm::Weekday(_)))
                    .or(ds.first())?;
                // The heading is its date, give or take a weekday and punctuation.
                let spans: usize = ds.iter().map(|d| d.end - d.start).sum();
                let rest = head.len().saturating_sub(spans);
                (head.len() <= 40 && rest <= 12 && !d.since && !d.range)
                    .then(|| resolve_date(ctx, d))
                    .flatten()
            });
        let speaker_side = stmts.iter().find_map(|f| f.speaker).map(|sp| ctx.side(sp));
        let actor = |w: Option<Who>| -> Option<u32> {
            match w {
                Some(Who::Actor(a)) => Some(a),
                Some(Who::We) => speaker_side,
                _ => None,
            }
        };
        let mut attacker = actor(e.agent);
        if attacker.is_none() && !matches!(e.agent, Some(Who::Collective)) {
            // Whom the sentence's claims or accusations name, when they name one.
            let named: Vec<u32> = stmts
                .iter()
                .filter(|f| f.kind != StatementKind::Denial)
                .filter_map(|f| f.about)
                .collect();
            if let Some(&a) = named.first()
                && named.iter().all(|&x| x == a)
            {
                attacker = Some(a);
            }
        }
        // Who attacks is a state, a force or a group: a person named as acting ("Biden
        // struck", "the general's strike") acts for the side he leads or serves; an outlet or
        // a research body reporting it attacks no one.
        let attacker = attacker.and_then(|a| match ctx.kind(a) {
            crate::model::ActorKind::Person => {
                let s = ctx.side(a);
                (s != a && !ctx.is_person(s)).then_some(s)
            }
            crate::model::ActorKind::Media | crate::model::ActorKind::Organisation => None,
            _ => Some(a),
        });
        let target = actor(e.target).filter(|&t| Some(t) != attacker);
        let person_target = target.filter(|&t| ctx.is_person(t));
        // What makes it one act: a day (even one this undated article cannot resolve), a
        // place, casualties, a named victim, or a named attacker and target in a country.
        let day_named = e.date.is_some_and(|k| match sent.toks[k].kind {
            Kind::Date(d) => ctx.dates[si][d].form != dates::DateForm::Vague,
            _ => false,
        });
        // A day told relative to the one before ("two days later", "the next day", "hours
        // later") is a particular day, when the act has an actor or a target.
        let relative_day = (attacker.is_some() || target.is_some() || !e.countries.is_empty())
            && (e.segment.0..e.segment.1).any(|k| {
                let w = sent.w(k);
                (w == "later"
                    && matches!(
                        sent.w(k.saturating_sub(1)),
                        "days" | "day" | "hours" | "hour" | "weeks" | "week" | "minutes"
                    ))
                    || (matches!(w, "next" | "following")
                        && sent.w(k.saturating_sub(1)) == "the"
                        && matches!(sent.w(k + 1), "day" | "morning" | "night" | "evening"))
            });
        let anchored = date.is_some()
            || day_named
            || relative_day
            || !e.places.is_empty()
            || killed.is_some()
            || injured.is_some()
            || person_target.is_some()
            || (attacker.is_some() && target.is_some() && !e.countries.is_empty());
        if !anchored && !e.definite {
            continue;
        }
        let weapon = weapon_near(ctx, s.start, s.end, sent.toks[e.tok].s);
        let country_of = |p: Option<PlaceId>| -> Option<u32> {
            p.and_then(|p| ctx.lex.place(p).country.as_deref().and_then(state_country))
                .or(if e.countries.len() == 1 {
                    Some(e.countries[0])
                } else {
                    None
                })
        };
        // A place named to say where another is ("a district south of Damascus", "on the
        // outskirts of Erbil") is a landmark, not a second site, when another place is named.
        let landmark = |p: usize| {
            let at = ctx.places[p].start;
            let before = &ctx.lower[super::floor_char(&ctx.lower, at.saturating_sub(24))..at];
            let before = before.trim_end();
            // "the K-1 base near Kirkuk": a town near a named base.
            (before.ends_with(" near") || before.ends_with(" outside"))
                && !matches!(
                    ctx.lex.place(ctx.places[p].place).kind.as_str(),
                    "base" | "facility"
                )
                && e.places.iter().any(|&q| {
                    matches!(
                        ctx.lex.place(ctx.places[q].place).kind.as_str(),
                        "base" | "facility"
                    )
                })
                || before.ends_with(" of")
                    && super::frames::COMPASS
                        .iter()
                        .chain(&["outskirts"])
                        .any(|c| before[..before.len() - 3].trim_end().ends_with(c))
        };
        let kept: Vec<usize> = if e.places.iter().any(|&p| !landmark(p)) {
            e.places.iter().copied().filter(|&p| !landmark(p)).collect()
        } else {
            e.places.clone()
        };
        let place_ids: Vec<PlaceId> = {
            let mut v: Vec<PlaceId> = kept.iter().map(|&p| ctx.places[p].place).collect();
            v.dedup();
            // A city named with a site in it ("the US embassy in Baghdad"): the site.
            let names: Vec<String> = v
                .iter()
                .map(|&p| ctx.lex.place(p).name.to_lowercase())
                .collect();
            let mut i = 0;
            v.retain(|_| {
                let me = &names[i];
                i += 1;
                !names
                    .iter()
                    .any(|other| other != me && other.contains(me.as_str()))
            });
            v
        };
        let killing = matches!(
            sent.w(e.tok),
            "killed" | "killing" | "assassinated" | "assassination" | "assassinating"
        );
        let base = Found {
            sentence: si,
            trigger: (sent.toks[e.tok].s, sent.toks[e.tok].e),
            key: super::voice::attack_key_id(sent.w(e.word(&fr.preds))),
            date,
            place: place_ids.first().copied(),
            country: country_of(place_ids.first().copied()),
            attacker,
            targets: target.into_iter().collect(),
            weapon,
            killed: killed.or((killing && person_target.is_some()).then_some(1)),
            injured,
            // "the attack", and "the strikes", "these attacks" told of again.
            anaphoric: e.definite || e.noun_only && e.anaphoric_det,
        };
        // Attacks on several listed places: one incident each ("drone attacks on A and B",
        // "struck a site at A and an airfield at B").
        let w = sent.w(e.tok);
        let plural = w.ends_with('s') && !w.ends_with("ss");
        let sites = place_ids
            .iter()
            .filter(|&&p| matches!(ctx.lex.place(p).kind.as_str(), "base" | "facility" | "city"))
            .count();
        // Attacks on several listed days: one each ("retaliated three times, on Oct. 26,
        // Nov. 8 and Nov. 12").
        let days: Vec<NaiveDate> = e
            .days
            .iter()
            .filter_map(|&k| match sent.toks[k].kind {
                Kind::Date(d) => resolve_date(ctx, &ctx.dates[si][d]),
                _ => None,
            })
            .collect();
        if days.len() >= 2 {
            for d in days {
                out.push(Found {
                    date: Some(d),
                    ..base.clone()
                });
            }
        } else if (plural || !e.noun_only) && place_ids.len() >= 2 && sites >= 2 {
            for &p in &place_ids {
                out.push(Found {
                    place: Some(p),
                    country: country_of(Some(p)),
                    ..base.clone()
                });
            }
        } else {
            out.push(base);
        }
    }
    out
}

/// The weapon named nearest to `pos` in the sentence `start..end`.
fn weapon_near(ctx: &DocCtx<'_>, start: usize, end: usize, pos: usize) -> Option<String> {
    let ac = ctx.lex.cues.weapon_matcher.as_ref()?;
    let sent = &ctx.text[start..end];
    ac.find_iter(&ctx.lower[start..end])
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
        .min_by_key(|m| (start + m.start()).abs_diff(pos))
        .map(|m| {
            ctx.lex.cues.weapons[ctx.lex.cues.weapon_of[m.pattern().as_usize()]]
                .name
                .clone()
        })
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
            // Told again in the same article without its day: the same country and side.
            || (a.country.is_some() && a.country == b.country && actors >= 1 && (a.date.is_none() || b.date.is_none()))
            // The same place again in one article, once without its day.
            || (a.place.is_some() && a.place == b.place && (a.date.is_none() || b.date.is_none()))
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
/// Reports that point back to no attack of their document ("the attack" with nothing before
/// it) are dropped.
pub fn merge(reports: &mut Vec<AttackReport>) -> Vec<Incident> {
    let mut incidents: Vec<Incident> = Vec::new();
    // Candidates come from two indexes, so that merging stays linear in the corpus size:
    // incidents already reported by the same document, and, across documents, incidents with
    // a report of the same day that shares a place, an attacker, a target or a country (the
    // only ways two documents' reports can be the same attack; see `same_incident`).
    // The incidents of the document being read (documents come in order: the lists of
    // those before are never looked at again, and a corpus of tens of thousands of short
    // documents kept megabytes of them).
    let mut doc_incidents: (Option<crate::model::DocId>, Vec<usize>) = (None, Vec::new());
    // Looked up and filled five times per report: the fast hash of the compiler's tables.
    // Incident indexes as `u32` (as their ids): most lists hold one, and there is a list per
    // day and place, attacker, target or country of the corpus.
    let mut by_day: std::collections::HashMap<
        (NaiveDate, DayKey),
        Vec<u32>,
        rustc_hash::FxBuildHasher,
    > = Default::default();
    let mut incident_of: Vec<usize> = Vec::with_capacity(reports.len());
    let mut candidates: Vec<usize> = Vec::new();
    let mut sigs: Vec<Vec<Sig>> = Vec::new();
    for i in 0..reports.len() {
        let r = reports[i].clone();
        if doc_incidents.0 != Some(r.span.doc) {
            doc_incidents.0 = Some(r.span.doc);
            doc_incidents.1.clear();
        }
        // "the attack": the last attack reported in the document, when nothing the report
        // says contradicts it.
        // Bare re-mentions before it ("the strikes were a response") point further back.
        // What the document itself said of that attack decides, not what other documents
        // added to the incident (another article's nearby village is no contradiction).
        // "The strikes" points back to the strikes told of last, past a drone attack told of
        // since ("launched airstrikes days after a drone attack killed three. The strikes
        // hit …"); else to the last attack told of.
        let compatible_with_doc = |j: usize| {
            let k = incident_of[j];
            let mut said = incidents[k]
                .reports
                .iter()
                .rev()
                .take_while(|&&x| reports[x].span.doc == r.span.doc)
                .map(|&x| &reports[x]);
            said.all(|o| {
                compatible(&o.date, &r.date)
                    && compatible(&o.place, &r.place)
                    && compatible(&o.country, &r.country)
                    && compatible(&o.attacker, &r.attacker)
                    && compatible(&o.target, &r.target)
            })
        };
        let told = || {
            (0..i)
                .rev()
                .take_while(|&j| reports[j].span.doc == r.span.doc)
                .filter(|&j| incident_of[j] != usize::MAX)
        };
        let previous = r
            .anaphoric
            .then(|| {
                let same_word = told().find(|&j| reports[j].key == r.key);
                [same_word, told().next()]
                    .into_iter()
                    .flatten()
                    .find(|&j| compatible_with_doc(j))
            })
            .flatten()
            .map(|j| incident_of[j]);
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
            .or_else(|| doc_incidents.1.iter().rev().find(|k| matches(k)).copied())
            .or_else(|| {
                let d = r.date?;
                candidates.clear();
                for key in lookup_keys(&r) {
                    if let Some(v) = by_day.get(&(d, key)) {
                        candidates.extend(v.iter().map(|&k| k as usize));
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                candidates.iter().find(|k| matches(k)).copied()
            });
        // "the attack" that points back to nothing this document reported is no new attack.
        let bare = r.anaphoric
            && r.date.is_none()
            && r.place.is_none()
            && r.killed.is_none()
            && r.injured.is_none();
        if found.is_none() && bare {
            incident_of.push(usize::MAX);
            reports[i].incident = IncidentId(u32::MAX);
            continue;
        }
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
            // Most incidents keep one signature: room for one, not the four a first push
            // reserves (a large corpus has tens of thousands of incidents).
            sigs.push(Vec::with_capacity(1));
        }
        if !sigs[k].contains(&sig) {
            sigs[k].push(sig);
        }
        if !doc_incidents.1.contains(&k) {
            doc_incidents.1.push(k);
        }
        if let Some(d) = r.date {
            for key in day_keys(&r) {
                let l = by_day.entry((d, key)).or_default();
                let k = k as u32;
                if l.last() != Some(&k) && !l.contains(&k) {
                    l.push(k);
                }
            }
        }
        incident_of.push(k);
        reports[i].incident = incidents[k].id;
    }
    // Drop the reports of no incident, and renumber the others' indexes.
    if incident_of.contains(&usize::MAX) {
        let mut new_index = vec![usize::MAX; reports.len()];
        let mut kept = 0;
        for (i, &k) in incident_of.iter().enumerate() {
            if k != usize::MAX {
                new_index[i] = kept;
                kept += 1;
            }
        }
        let mut i = 0;
        reports.retain(|_| {
            let keep = incident_of[i] != usize::MAX;
            i += 1;
            keep
        });
        for inc in &mut incidents {
            for r in &mut inc.reports {
                *r = new_index[*r];
            }
        }
    }
    incidents
}
