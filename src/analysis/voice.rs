//! Whose voice each sentence is in, before any "said": the labelled speaker of a transcript
//! ("MS. SINGH: …", "Q: …"), the body that issues an official text (a press release of
//! CENTCOM speaks for CENTCOM), or the narrator (a news outlet's own voice, which is not a
//! source); and who a pronoun or an unnamed "the spokesman" stands for.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::ActorKind;

use super::DocCtx;
use super::frames::Np;

/// The voice of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    /// The outlet's narration: not a source.
    Narrator,
    /// A labelled speaker or the issuing body (an actor ref), or an unnamed one.
    Speaker(Option<u32>),
    /// A reporter's question in a transcript: only what it quotes has a source.
    Question,
}

/// A transcript label at the start of a line: "MS. SINGH:", "SECRETARY AUSTIN:", "Q:".
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\*\*)?((?:[A-Z][A-Z.'’\-]*\s+){0,6}[A-Z][A-Z.'’\-]*|Q|A)(?:\*\*)?\s*:\s")
        .unwrap()
});

/// Words of a label that name a question.
const QUESTION: &[&str] = &[
    "Q",
    "QUESTION",
    "REPORTER",
    "MODERATOR",
    "STAFF",
    "OPERATOR",
    "AUDIENCE",
];

/// The lexicon actor a name stands for (canonical name or alias, spelling folded).
fn actor_named(ctx: &DocCtx<'_>, name: &str) -> Option<u32> {
    ctx.lex.actor_by_folded_name(name).map(|a| a.0)
}

/// The body that issues the document, when the document is an official text of a
/// non-media actor.
pub fn issuer(ctx: &DocCtx<'_>) -> Option<u32> {
    let head_end = super::floor_char(ctx.text, 2000.min(ctx.text.len()));
    let head = &ctx.lower[..head_end];
    // The markers stand in the header: a title-like line ("Press Release",
    // "Statement by the Secretary", "Readout of …"), or the start of one. A story's "in a
    // statement on Monday" or "told a briefing" is no header.
    let official = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .any(|l| {
            ctx.lex.cues.official_markers.iter().any(|m| {
                l.starts_with(m.as_str())
                    || l.len() <= 120 && !l.ends_with('.') && l.contains(m.as_str())
            })
        });
    let issuing = |a: u32| {
        !matches!(
            ctx.kind(a),
            ActorKind::Media | ActorKind::Organisation | ActorKind::Person | ActorKind::ArmedGroup
        )
    };
    // "From: Ministry of Defence" in the header of a government page.
    let from_line = head.find("\nfrom:").and_then(|at| {
        let end = head[at + 1..].find('\n').map_or(head_end, |e| at + 1 + e);
        ctx.mentions
            .iter()
            .find(|m| m.start > at && m.end <= end && issuing(m.actor))
            .map(|m| m.actor)
    });
    // "From: Ministry of Defence": a body named without its state is the one of the state the
    // document speaks of ("UK Ministry of Defence" on a page about the RAF).
    let from_line = from_line.or_else(|| {
        let at = head.find("\nfrom:")? + "\nfrom:".len();
        let end = head[at..].find('\n').map_or(head_end, |e| at + e);
        let phrase = head[at..end].split(" and ").next()?.trim();
        if phrase.len() < 6 {
            return None;
        }
        let states: Vec<u32> = ctx
            .mentions
            .iter()
            .map(|m| ctx.side(m.actor))
            .filter(|&a| ctx.kind(a) == ActorKind::State)
            .collect();
        ctx.lex
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.kind == ActorKind::GovernmentBody && a.name.to_lowercase().ends_with(phrase)
            })
            .map(|(i, _)| i as u32)
            .find(|&i| states.contains(&ctx.side(i)))
    });
    let named = ctx
        .doc
        .source
        .as_deref()
        .and_then(|src| actor_named(ctx, src))
        .filter(|&a| issuing(a));
    let a = match (from_line, named) {
        (Some(a), _) | (None, Some(a)) => a,
        // An official text that names no outlet: the first body or state its header names.
        (None, None) if official => ctx
            .mentions
            .iter()
            .take_while(|m| m.end <= head_end)
            .find(|m| matches!(ctx.kind(m.actor), ActorKind::GovernmentBody))
            .map(|m| m.actor)?,
        _ => return None,
    };
    // An official text: a marker near the top, or little reported speech (a news story of
    // an official site quotes its officials in every paragraph).
    if official {
        return Some(a);
    }
    let body: Vec<usize> = (0..ctx.sentences.len())
        .filter(|&i| !ctx.sentences[i].heading)
        .collect();
    if body.is_empty() {
        return None;
    }
    let said = body
        .iter()
        .filter(|&&i| {
            let s = ctx.sentences[i];
            let l = &ctx.lower[s.start..s.end];
            [" said", " says", " told ", " added", "according to"]
                .iter()
                .any(|w| l.contains(w))
        })
        .count();
    (said * 4 < body.len()).then_some(a)
}

/// The person an official text is by, when its first lines say so ("Statement from
/// Secretary of Defense Lloyd J. Austin III", "Remarks by the President").
fn author(ctx: &DocCtx<'_>) -> Option<u32> {
    let head_end = super::floor_char(ctx.text, 600.min(ctx.text.len()));
    let lower = &ctx.lower[..head_end];
    for cue in [
        "statement by",
        "statement from",
        "remarks by",
        "readout of",
        "letter from",
        "statement of",
    ] {
        if let Some(at) = lower.find(cue) {
            let from = at + cue.len();
            let line_end = lower[from..].find('\n').map_or(head_end, |e| from + e);
            if let Some(m) = ctx
                .mentions
                .iter()
                .find(|m| m.start >= from && m.end <= line_end && ctx.is_person(m.actor))
            {
                return Some(m.actor);
            }
        }
    }
    None
}

/// The outlets that published the page: a media outlet or research body named in its header
/// (the masthead "Tasnim News Agency", the line "*Middle East Institute · June 11, 2024*"), in
/// the dateline of its first paragraph ("TEHRAN (Tasnim) –", "Tehran, IRNA --"), else the
/// page's source. A page's own outlet is not one of the actors it tells of.
pub fn publishers(ctx: &DocCtx<'_>) -> Vec<u32> {
    let publishing = |a: u32| matches!(ctx.kind(a), ActorKind::Media | ActorKind::Organisation);
    // The header ends where the first paragraph of prose begins.
    let mut body = None;
    let mut pos = 0;
    for line in ctx.text.split('\n') {
        if line.split_whitespace().count() >= 25 {
            body = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len() + 1;
        if pos > 3000 {
            break;
        }
    }
    let Some((body_start, body_end)) = body else {
        return Vec::new();
    };
    let mut out: Vec<u32> = ctx
        .mentions
        .iter()
        .filter(|m| m.end <= body_start && publishing(m.actor))
        .map(|m| m.actor)
        .collect();
    // The dateline: an outlet in brackets or before a dash near the start of the paragraph.
    let lead = super::floor_char(ctx.text, (body_start + 80).min(body_end));
    for m in ctx
        .mentions
        .iter()
        .filter(|m| m.start >= body_start && m.end <= lead && publishing(m.actor))
    {
        let after = ctx.text[m.end..].trim_start_matches([')', ' ']);
        if after.starts_with(['–', '—', '-']) {
            out.push(m.actor);
        }
    }
    if out.is_empty()
        && let Some(src) = ctx.doc.source.as_deref()
        && let Some(id) = ctx.lex.actor_by_name(src)
        && publishing(id.0)
    {
        out.push(id.0);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The voice of each sentence of the document.
pub fn voices(ctx: &DocCtx<'_>) -> Vec<Voice> {
    voices_and_labels(ctx).0
}

/// The voice of each sentence, and the transcript labels that name a person ("MR MILLER:"),
/// as mentions of that person: (actor, start, end).
pub fn voices_and_labels(ctx: &DocCtx<'_>) -> (Vec<Voice>, Vec<(u32, usize, usize)>) {
    let mut labels = Vec::new();
    let issuer = issuer(ctx).map(|a| author(ctx).unwrap_or(a));
    let base = issuer.map_or(Voice::Narrator, |a| Voice::Speaker(Some(a)));
    // Transcript labels at the starts of lines ("MS. SINGH: …", "Q: …"): each gives the voice
    // of what follows it, up to the next label. Found on lines, not sentences: "MS." may end
    // a sentence of its own.
    let mut turns: Vec<(usize, Voice)> = Vec::new();
    let mut line_start = 0;
    for line in ctx.text.split('\n') {
        if let Some(c) = LABEL.captures(line)
            && ctx.doc.junk_at(line_start).is_none()
        {
            let label = c.get(1).map_or("", |m| m.as_str()).trim();
            let words: Vec<&str> = label.split_whitespace().collect();
            if words
                .iter()
                .any(|w| QUESTION.contains(&w.trim_matches('.')))
            {
                turns.push((line_start, Voice::Question));
            } else if words.len() <= 6
                && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && label
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
            {
                let named = label_speaker(ctx, &words, issuer);
                if let (Some(a), Some(m)) = (named, c.get(1)) {
                    labels.push((a, line_start + m.start(), line_start + m.end()));
                }
                turns.push((line_start, Voice::Speaker(named.or(issuer))));
            }
        }
        line_start += line.len() + 1;
    }
    let voices = ctx
        .sentences
        .iter()
        .map(|s| {
            let i = turns.partition_point(|(p, _)| *p <= s.start);
            if i == 0 { base } else { turns[i - 1].1 }
        })
        .collect();
    (voices, labels)
}

/// The person a transcript label names ("MS. SINGH", "GENERAL RYDER"): a person of the
/// lexicon or of the document whose last name is in it.
fn label_speaker(ctx: &DocCtx<'_>, words: &[&str], issuer: Option<u32>) -> Option<u32> {
    let names: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| {
            w.len() > 2
                && !matches!(
                    w.as_str(),
                    "mr" | "ms"
                        | "mrs"
                        | "dr"
                        | "gen"
                        | "general"
                        | "secretary"
                        | "admiral"
                        | "adm"
                        | "col"
                        | "colonel"
                        | "press"
                        | "deputy"
                        | "senior"
                        | "official"
                        | "officials"
                        | "defense"
                        | "defence"
                        | "state"
                        | "department"
                        | "spokesperson"
                        | "spokesman"
                        | "ambassador"
                        | "minister"
                        | "president"
                        | "director"
                        | "lieutenant"
                        | "major"
                        | "brigadier"
                        | "sergeant"
                )
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    let last = |full: &str| full.split_whitespace().last().unwrap_or("").to_lowercase();
    // People mentioned in the document first, then the lexicon's.
    for m in &ctx.mentions {
        if ctx.is_person(m.actor) {
            let name = match ctx.lex.actors.get(m.actor as usize) {
                Some(a) => a.name.clone(),
                None => ctx.unknown[m.actor as usize - ctx.lex.actors.len()]
                    .name
                    .clone(),
            };
            if names.iter().any(|n| *n == last(&name)) {
                return Some(m.actor);
            }
        }
    }
    // Of the lexicon's people with that name, the one the page names in full anywhere (a
    // byline, the page's description), else the one who works for the page's issuer ("MR
    // MILLER" on a State Department page), else the first.
    let candidates: Vec<u32> = ctx
        .lex
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Person && names.iter().any(|n| *n == last(&a.name)))
        .map(|(i, _)| i as u32)
        .collect();
    candidates
        .iter()
        .copied()
        .find(|&i| {
            let a = &ctx.lex.actors[i as usize];
            std::iter::once(&a.name)
                .chain(a.aliases.iter())
                .any(|n| n.contains(' ') && ctx.lower.contains(&n.to_ascii_lowercase()))
        })
        .or_else(|| {
            candidates.iter().copied().find(|&i| {
                let aff = ctx.lex.actors[i as usize].affiliation.map(|x| x.0);
                aff.is_some() && aff == issuer
            })
        })
        .or_else(|| candidates.first().copied())
}

/// Who a noun phrase stands for, as an actor ref: its own actor, or for a pronoun or an
/// unnamed role ("the spokesman", "the group") the actor it points back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// An actor.
    Actor(u32),
    /// An unnamed collective ("Iran-backed militias").
    Collective,
    /// "we", "our forces": the speaker's own side.
    We,
    /// Nobody that can be named.
    Unknown,
}

/// Resolves the phrase `np` of the sentence at document offset `pos`.
pub fn who(ctx: &DocCtx<'_>, np: &Np, pos: usize, text: &str) -> Who {
    // "the Lebanese channel", "the Iranian agency": the media actor named before.
    if np.demonym_only
        && let Some((hs, he)) = np.head_word
        && matches!(
            text[hs..he].to_ascii_lowercase().as_str(),
            "channel"
                | "broadcaster"
                | "network"
                | "outlet"
                | "newspaper"
                | "daily"
                | "agency"
                | "television"
                | "tv"
                | "website"
                | "station"
        )
        && let Some(m) = ctx
            .mentions
            .iter()
            .rev()
            .find(|m| m.end <= pos && ctx.kind(m.actor) == ActorKind::Media)
    {
        return Who::Actor(m.actor);
    }
    if let Some(&a) = np.actors.first() {
        return Who::Actor(a);
    }
    if let Some(p) = np.pron {
        return match p {
            "he" | "she" | "him" => ctx.last_person_before(pos).map_or(Who::Unknown, Who::Actor),
            "it" | "they" | "them" => earlier_in_sentence(ctx, pos, |a| !ctx.is_person(a))
                .or_else(|| ctx.last_subject_before(pos))
                .map_or(Who::Unknown, Who::Actor),
            "we" | "us" | "i" | "me" => Who::We,
            _ => Who::Unknown,
        };
    }
    if let Some((hs, he)) = np.poss_anaphor.or(np.head_word.filter(|_| np.anaphor)) {
        let w = text[hs..he].to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "group"
                | "movement"
                | "militia"
                | "organisation"
                | "organization"
                | "faction"
                | "resistance"
                | "network"
                | "coalition"
        ) {
            let group = |a: u32| {
                matches!(
                    ctx.kind(a),
                    ActorKind::ArmedGroup | ActorKind::PoliticalParty
                )
            };
            let found = earlier_in_sentence(ctx, pos, group)
                .or_else(|| ctx.last_subject_before(pos).filter(|&a| group(a)))
                .or_else(|| {
                    ctx.mentions
                        .iter()
                        .rev()
                        .filter(|m| m.end <= pos)
                        .map(|m| m.actor)
                        .find(|&a| group(a))
                });
            // "the group's attacks" points back to the group named before; with none, it is
            // an unnamed one.
            return match found {
                Some(a) => Who::Actor(a),
                None if np.collective => Who::Collective,
                None => Who::Unknown,
            };
        }
    }
    if np.collective {
        return Who::Collective;
    }
    // "our forces", "our troops".
    if let Some((hs, _)) = np.head_word {
        let before = &text[..hs];
        if before.trim_end().to_ascii_lowercase().ends_with("our") {
            return Who::We;
        }
    }
    if let Some((hs, he)) = np.head_word {
        let w = text[hs..he].to_ascii_lowercase();
        match w.as_str() {
            "group" | "movement" | "militia" | "organisation" | "organization" | "faction" => {
                return ctx
                    .last_subject_before(pos)
                    .map_or(Who::Unknown, Who::Actor);
            }
            "spokesman" | "spokeswoman" | "spokesperson" | "minister" | "general" | "commander"
            | "president" | "leader" | "envoy" | "ambassador" | "secretary" => {
                return ctx
                    .person_with_role_before(&w, pos)
                    .map_or(Who::Unknown, Who::Actor);
            }
            "ministry" | "department" | "agency" | "command" | "embassy" => {
                return ctx
                    .mentions
                    .iter()
                    .rev()
                    .filter(|m| m.end <= pos && ctx.kind(m.actor) == ActorKind::GovernmentBody)
                    .map(|m| m.actor)
                    .next()
                    .map_or(Who::Unknown, Who::Actor);
            }
            _ => {}
        }
    }
    Who::Unknown
}

/// The last actor of the sentence around `pos`, before it, that refers to an actor (not a
/// place or a description) and passes `ok`.
fn earlier_in_sentence(ctx: &DocCtx<'_>, pos: usize, ok: impl Fn(u32) -> bool) -> Option<u32> {
    let start = ctx.sentence_start_before(pos);
    let i = ctx.mentions.partition_point(|m| m.end <= pos);
    ctx.mentions[..i]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| m.start >= start)
        .filter(|(k, _)| ctx.roles[*k] == super::template::Role::Refers)
        .map(|(_, m)| m.actor)
        .find(|&a| ok(a))
}

/// What earlier sentences of a document leave for later ones: the last source that spoke,
/// and who carried out the last attacks of each kind ("the strikes" of a later sentence).
#[derive(Clone, Debug, Default)]
pub struct Discourse {
    /// The last speaker (an actor ref).
    pub last_speaker: Option<u32>,
    /// The last agent of an attack by the noun's key ("strike", "attack"), newest last.
    agents: Vec<(&'static str, u32)>,
}

/// The kinds [`attack_key`] gives, in the order [`attack_key_id`] numbers them.
const ATTACK_KEYS: [&str; 6] = [
    "strike",
    "bombing",
    "raid",
    "assassination",
    "operation",
    "attack",
];

/// [`attack_key`] as a number (for the reports an incident table keeps).
pub fn attack_key_id(word: &str) -> u8 {
    let key = attack_key(word);
    ATTACK_KEYS.iter().position(|&k| k == key).unwrap_or(5) as u8
}

/// The key of an attack noun for [`Discourse`]: plural and compounds folded.
pub fn attack_key(word: &str) -> &'static str {
    let w = word.trim_end_matches('s');
    if w.ends_with("strike") || w == "struck" || w == "striking" {
        "strike"
    } else if w.starts_with("bomb") {
        "bombing"
    } else if w.starts_with("raid") {
        "raid"
    } else if w.starts_with("assassinat") || w.starts_with("killing") {
        "assassination"
    } else if w.starts_with("operation") {
        "operation"
    } else {
        "attack"
    }
}

impl Discourse {
    /// The agent of the last attack of this kind.
    pub fn agent_for(&self, key: &str) -> Option<u32> {
        self.agents
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// Notes the agent of an attack of this kind.
    pub fn note_agent(&mut self, key: &'static str, a: u32) {
        self.agents.retain(|(k, _)| *k != key);
        self.agents.push((key, a));
    }
}
