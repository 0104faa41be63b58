//! Finding actors and places in text: one Aho-Corasick pass over every alias, spelling
//! variant and demonym of the lexicon, with the traps of news text handled ("Kataib
//! Hezbollah" is not Hezbollah, "US" is not "us", "IS" only as a capitalised token,
//! possessives, homonyms such as "Gulf of Oman", US addresses such as "of Savannah,
//! Georgia"), and a guesser for actors that are not in the lexicon.
//!
//! What the gazetteer cannot tell apart is left to the reader: a name written alone that is
//! also a first name ("Chad", "Jordan") or a US state outside an address ("Georgia's
//! governor") counts as the state.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::Regex as BytesRegex;

use crate::lexicon::Lexicon;
use crate::model::{ActorKind, PlaceId};

/// What an alias pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Actor(u32),
    Place(u32),
    /// A homonym of this actor's name ("Gulf of Oman"): found so that the name inside it is
    /// not, and then dropped.
    NotActor(u32),
}

#[derive(Clone, Copy, Debug)]
struct PatternInfo {
    target: Target,
    /// Matches only with exactly this case (short acronyms).
    exact_case: bool,
    /// The first letter must be a capital in the text.
    capital: bool,
    /// The capital is asked for after a leading lower-case "al-" or "al " ("al-Tanf" matches
    /// "al-Tanf" and "Al-Tanf", not "al-tanf").
    after_particle: bool,
    /// The pattern is a demonym ("Iranian").
    demonym: bool,
    /// The pattern has several words (allowed to follow a run-together lowercase letter).
    multiword: bool,
    /// A name made of capitalised common words ("Iraqi Security Forces", "Supreme National
    /// Security Council") names the body only with its capitals; "Iraqi security forces"
    /// describes whoever is meant.
    title_case: bool,
}

/// Whether the words after the first of a multi-word name are capitalised common words
/// (`common` says which lower-case words are in the lexicon's word list).
fn title_cased(v: &str, common: &dyn Fn(&str) -> bool) -> bool {
    let mut words = v.split_whitespace();
    words.next();
    let mut any = false;
    for w in words {
        if w.starts_with(char::is_uppercase) && w.len() > 3 && common(&w.to_lowercase()) {
            any = true;
        }
    }
    any
}

/// Whether the text has the capitals the name's capitalised common words ask for.
fn keeps_capitals(found: &str, pattern: &str) -> bool {
    let f: Vec<&str> = found.split_whitespace().collect();
    let p: Vec<&str> = pattern.split_whitespace().collect();
    f.len() != p.len()
        || f.iter().zip(&p).skip(1).all(|(a, b)| {
            !(b.starts_with(char::is_uppercase) && b.len() > 3) || a.starts_with(char::is_uppercase)
        })
}

/// Finds lexicon names and cue keywords in text, all in one pass.
pub struct Matcher {
    /// One automaton over the lowercased actor names, place names and cue keywords, in that
    /// order, that reports every occurrence of each, for ASCII-lowercased text: with
    /// lowercased words it finds what a case-insensitive search finds in the text. One pass
    /// costs about half as much as a search per kind.
    ac: AhoCorasick,
    actor_info: Vec<PatternInfo>,
    actor_patterns: Vec<String>,
    place_info: Vec<PatternInfo>,
    /// Whether each actor of the lexicon is a state (for the address rule).
    is_state: Vec<bool>,
    /// The lexicon's address regions ("Pennsylvania", "Ga.").
    address_regions: Vec<String>,
    /// The first pattern of the place names, of the cue keywords.
    places_from: usize,
    keywords_from: usize,
}

/// What one pass of the [`Matcher`] finds in a text.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Actor mentions, in order.
    pub actors: Vec<RawMention>,
    /// Place mentions, in order.
    pub places: Vec<PlaceMention>,
    /// Every occurrence of a cue keyword: (offset, index in `lex.cues.gate_words`).
    pub keywords: Vec<(usize, usize)>,
}

/// Of all the occurrences of some words, `(start, end, word)` sorted by start, the longest
/// first, then by word (as [`Scan`] gives them), those a leftmost-longest search reports: at
/// each step the longest that starts first, then the next that starts after its end.
pub fn leftmost_longest(
    all: &[(usize, usize, usize)],
) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut end = 0;
    all.iter().copied().filter(move |&(s, e, _)| {
        let take = s >= end;
        if take {
            end = e;
        }
        take
    })
}

/// An actor found in text. `actor` indexes the lexicon, or (from `lexicon.actors.len()` on) the
/// document's own list of unknown actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawMention {
    /// The actor (see above).
    pub actor: u32,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Found through a demonym ("Iranian").
    pub demonym: bool,
}

/// A place found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlaceMention {
    /// The place.
    pub place: PlaceId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An actor not in the lexicon, guessed from the shape of its name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnknownActor {
    /// The name as written (without a leading "the").
    pub name: String,
    /// The guessed kind.
    pub kind: ActorKind,
}

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "an", "ar", "az", "abu", "bin", "ibn", "bint", "abd",
];

/// Spelling variants of a name: apostrophes straight, curly or dropped; hyphen or space after
/// Arabic particles; hyphens as spaces.
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let push = |s: String, out: &mut Vec<String>| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let apos: Vec<String> = if name.contains(['\'', '’', 'ʼ', '`']) {
        let base = name.replace(['’', 'ʼ', '`'], "'");
        vec![
            base.clone(),
            base.replace('\'', "’"),
            base.replace('\'', ""),
        ]
    } else {
        vec![name.to_string()]
    };
    for a in apos {
        push(a.clone(), &mut out);
        // particles: "al-Haq" <-> "al Haq"
        let words: Vec<&str> = a.split(' ').collect();
        let hy: Vec<String> = words
            .iter()
            .map(|w| {
                let lw = w.to_ascii_lowercase();
                match lw.split_once('-') {
                    Some((p, _)) if PARTICLES.contains(&p) => w.replacen('-', " ", 1),
                    _ => w.to_string(),
                }
            })
            .collect();
        push(hy.join(" "), &mut out);
        let mut joined = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let lw = words[i].to_ascii_lowercase();
            if PARTICLES.contains(&lw.as_str()) && i + 1 < words.len() && i > 0 {
                joined.push(format!("{}-{}", words[i], words[i + 1]));
                i += 2;
            } else {
                joined.push(words[i].to_string());
                i += 1;
            }
        }
        push(joined.join(" "), &mut out);
        if a.contains('-') {
            push(a.replace('-', " "), &mut out);
        }
    }
    out
}

fn is_acronym(p: &str) -> bool {
    let letters: Vec<char> = p.chars().filter(|c| c.is_alphanumeric()).collect();
    !letters.is_empty()
        && letters.len() <= 5
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The patterns of one kind, each once, with what they stand for.
fn build(patterns: &[(String, PatternInfo)]) -> (Vec<PatternInfo>, Vec<String>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut pats = Vec::new();
    let mut infos = Vec::new();
    for (p, info) in patterns {
        // Case-sensitive acronyms keep their own entry; others dedupe case-insensitively.
        let key = if info.exact_case {
            format!("\u{1}{p}")
        } else {
            p.to_lowercase()
        };
        if let Some(&i) = seen.get(&key) {
            // The same spelling with and without a capital: the looser rule wins.
            let merged: &mut PatternInfo = &mut infos[i];
            if merged.target == info.target {
                merged.capital &= info.capital;
                merged.after_particle |= info.after_particle;
                merged.title_case &= info.title_case;
            }
            continue;
        }
        seen.insert(key, pats.len());
        pats.push(p.clone());
        infos.push(*info);
    }
    (infos, pats)
}

impl Matcher {
    /// Builds the matcher for a lexicon.
    pub fn new(lex: &Lexicon) -> Matcher {
        let common = |w: &str| lex.words.get(w).is_some();
        let mut actor_pats = Vec::new();
        for (i, a) in lex.actors.iter().enumerate() {
            let (actor, not_actor) = (Target::Actor(i as u32), Target::NotActor(i as u32));
            let names = std::iter::once((&a.name, false, actor))
                .chain(a.aliases.iter().map(|x| (x, false, actor)))
                .chain(a.demonyms.iter().map(|x| (x, true, actor)))
                .chain(a.homonyms.iter().map(|x| (x, false, not_actor)));
            for (n, demonym, target) in names {
                for v in variants(n) {
                    let exact = is_acronym(&v);
                    let capital = v.starts_with(char::is_uppercase);
                    let multiword = v.contains(' ');
                    let title_case = multiword && title_cased(&v, &common);
                    actor_pats.push((
                        v,
                        PatternInfo {
                            target,
                            exact_case: exact,
                            capital,
                            after_particle: false,
                            demonym,
                            multiword,
                            title_case,
                        },
                    ));
                }
            }
        }
        let (actor_info, actor_patterns) = build(&actor_pats);
        let mut place_pats = Vec::new();
        for (i, p) in lex.places.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                for v in variants(n) {
                    let exact = is_acronym(&v);
                    let after_particle = v.starts_with("al-") || v.starts_with("al ");
                    let capital = v.starts_with(char::is_uppercase) || after_particle;
                    let multiword = v.contains(' ');
                    place_pats.push((
                        v,
                        PatternInfo {
                            target: Target::Place(i as u32),
                            exact_case: exact,
                            capital,
                            after_particle,
                            demonym: false,
                            multiword,
                            title_case: false,
                        },
                    ));
                }
            }
        }
        let (place_info, place_patterns) = build(&place_pats);
        let places_from = actor_patterns.len();
        let keywords_from = places_from + place_patterns.len();
        // The case rules of names are checked on the text (`accept`). A contiguous NFA: over
        // the bundled gazetteer's 7,000 spellings a DFA takes 36 MB and a fifth of a second
        // to build, and scans no faster.
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(
                actor_patterns
                    .iter()
                    .chain(&place_patterns)
                    .chain(&lex.cues.gate_words)
                    .map(|p| p.to_ascii_lowercase()),
            )
            .expect("name automaton");
        Matcher {
            ac,
            actor_info,
            actor_patterns,
            place_info,
            is_state: lex
                .actors
                .iter()
                .map(|a| a.kind == ActorKind::State)
                .collect(),
            address_regions: lex.address_regions.clone(),
            places_from,
            keywords_from,
        }
    }

    /// Everything the matcher finds in `text`; `lower` is `text` ASCII-lowercased.
    pub fn scan(&self, text: &str, lower: &str) -> Scan {
        let (mut actors, mut places) = (Vec::new(), Vec::new());
        let mut out = Scan::default();
        // A name found inside a word ("ina" in "China") is dropped at once: it could only hide
        // a name that starts within it.
        for m in self.ac.find_overlapping_iter(lower) {
            let (s, e, p) = (m.start(), m.end(), m.pattern().as_usize());
            if p < self.places_from {
                if bounded(text, s, e, &self.actor_info[p]) {
                    actors.push((s, e, p));
                }
            } else if p < self.keywords_from {
                let p = p - self.places_from;
                if bounded(text, s, e, &self.place_info[p]) {
                    places.push((s, e, p));
                }
            } else {
                out.keywords.push((s, p - self.keywords_from));
            }
        }
        for v in [&mut actors, &mut places] {
            v.sort_unstable_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
        }
        for (s, e, p) in leftmost_longest(&actors) {
            let info = self.actor_info[p];
            if let Target::Actor(a) = info.target
                && accept(text, s, e, &info, &self.actor_patterns[p])
            {
                out.actors.push(RawMention {
                    actor: a,
                    start: s,
                    end: e,
                    demonym: info.demonym,
                });
            }
        }
        for (s, e, p) in leftmost_longest(&places) {
            let info = self.place_info[p];
            if let Target::Place(pl) = info.target
                && accept(text, s, e, &info, "")
            {
                out.places.push(PlaceMention {
                    place: PlaceId(pl),
                    start: s,
                    end: e,
                });
            }
        }
        if !self.address_regions.is_empty() {
            let in_address: Vec<bool> = out
                .actors
                .iter()
                .map(|m| self.in_us_address(text, m, &out.actors, &out.places))
                .collect();
            let mut keep = in_address.iter().map(|&a| !a);
            out.actors.retain(|_| keep.next().unwrap_or(true));
        }
        out
    }

    /// The address region `text` starts with, if any, followed by no letter or digit.
    fn region_at(&self, text: &str) -> Option<usize> {
        self.address_regions
            .iter()
            .filter(|r| {
                text.get(..r.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(r))
                    && !text[r.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .map(String::len)
            .max()
    }

    /// Whether a state's mention is part of a US address, where it names a town or a US state:
    /// "Lebanon, Pennsylvania" (a region of an address follows, and no other actor starts
    /// there: "Israel, Georgia and Ukraine" is a list) or "of Savannah, Georgia" (it is a
    /// region itself, after a town that no actor or place covers, itself after "of", "in",
    /// "from", "at", "near", a comma, or starting a line in capitals as in a dateline).
    fn in_us_address(
        &self,
        text: &str,
        m: &RawMention,
        actors: &[RawMention],
        places: &[PlaceMention],
    ) -> bool {
        if !self
            .is_state
            .get(m.actor as usize)
            .copied()
            .unwrap_or(false)
        {
            return false;
        }
        let covered = |s: usize, e: usize| {
            actors.iter().any(|a| a.start < e && s < a.end)
                || places.iter().any(|p| p.start < e && s < p.end)
        };
        // "Lebanon, Pennsylvania"
        if let Some(rest) = text[m.end..].strip_prefix(", ") {
            let at = m.end + 2;
            if self.region_at(rest).is_some() && !actors.iter().any(|a| a.start == at) {
                return true;
            }
        }
        // "of Savannah, Georgia"
        let Some(before) = text[..m.start].strip_suffix(", ") else {
            return false;
        };
        if self.region_at(&text[m.start..]) != Some(m.end - m.start) {
            return false;
        }
        // The town: one to three capitalised words.
        let mut town_start = before.len();
        let mut words = 0;
        for w in before.rsplit(' ') {
            let name_like = w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
            if !name_like || words == 3 {
                break;
            }
            town_start -= w.len() + usize::from(town_start != before.len());
            words += 1;
        }
        if words == 0 || covered(town_start, before.len()) {
            return false;
        }
        let lead = &before[..town_start];
        let town = &before[town_start..];
        let line_start =
            lead.trim_end_matches([' ', '\t']).ends_with('\n') || lead.trim().is_empty();
        let preposition = ["of", "in", "from", "at", "near", "outside", "to"]
            .iter()
            .any(|p| {
                lead.strip_suffix(' ')
                    .and_then(|l| l.strip_suffix(p))
                    .is_some_and(|l| !l.chars().next_back().is_some_and(char::is_alphanumeric))
            });
        preposition
            || lead.trim_end().ends_with(',')
            || (line_start && !town.chars().any(char::is_lowercase))
    }

    /// All actor mentions in `text`, in order.
    pub fn actors(&self, text: &str) -> Vec<RawMention> {
        self.scan(text, &text.to_ascii_lowercase()).actors
    }

    /// All place mentions in `text`, in order.
    pub fn places(&self, text: &str) -> Vec<PlaceMention> {
        self.scan(text, &text.to_ascii_lowercase()).places
    }
}

/// Whether a name found at `s..e` stands as a word: no letter or digit right after it, nor
/// right before it, unless it is a multi-word name run together with a lowercase letter
/// ("Sadr'sSaraya al Salam").
fn bounded(text: &str, s: usize, e: usize, info: &PatternInfo) -> bool {
    if text[e..].chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    match text[..s].chars().next_back() {
        Some(p) if p.is_alphanumeric() => {
            info.multiword && p.is_lowercase() && text[s..e].starts_with(char::is_uppercase)
        }
        _ => true,
    }
}

fn accept(text: &str, s: usize, e: usize, info: &PatternInfo, pattern: &str) -> bool {
    let found = &text[s..e];
    if !bounded(text, s, e, info) {
        return false;
    }
    if info.exact_case {
        if found != pattern && !pattern.is_empty() {
            return false;
        }
        if !found
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
        {
            return false;
        }
        // An acronym inside an all-capitals heading is just a word ("WHAT IS NEXT").
        let before_word: String = text[..s]
            .chars()
            .rev()
            .skip_while(|c| !c.is_alphabetic())
            .take_while(|c| c.is_alphabetic())
            .collect();
        let after_word: String = text[e..]
            .chars()
            .skip_while(|c| !c.is_alphabetic())
            .take_while(|c| c.is_alphabetic())
            .collect();
        let caps = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
        let gap_before = text[..s]
            .chars()
            .rev()
            .take_while(|c| !c.is_alphabetic())
            .any(|c| c == '\n' || c == '.');
        let gap_after = text[e..]
            .chars()
            .take_while(|c| !c.is_alphabetic())
            .any(|c| c == '\n' || c == '.');
        // A comma or a quote between words ends a run of capitals ("CENTCOM, US aircraft").
        let comma_before = text[..s]
            .chars()
            .rev()
            .take_while(|c| !c.is_alphabetic())
            .any(|c| matches!(c, ',' | ';' | ':' | '"' | '“' | '(' | ')'));
        let caps_before = caps(&before_word) && !gap_before && !comma_before;
        let caps_after = caps(&after_word) && !gap_after;
        // Inside a run of capitals, or next to one on a line written all in capitals.
        let line = {
            let ls = text[..s].rfind('\n').map_or(0, |p| p + 1);
            let le = text[e..].find('\n').map_or(text.len(), |p| e + p);
            &text[ls..le]
        };
        let heading_line = line
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        if (caps_before && caps_after) || ((caps_before || caps_after) && heading_line) {
            return false;
        }
    } else if info.title_case && !keeps_capitals(found, pattern) {
        return false;
    } else if info.capital {
        // A particle is three ASCII bytes ("al-", "al "), so the slice is on a boundary.
        let word = if info.after_particle {
            found.get(3..).unwrap_or(found)
        } else {
            found
        };
        if !word.starts_with(char::is_uppercase) {
            return false;
        }
    }
    true
}

/// A byte pattern for names: ASCII classes plus the Latin letters of accented names and the
/// typographic apostrophe, so the DFA stays small (Unicode `\\w` makes it large and slow).
/// `{W}` is a name character, `{L}` a lower-case one, `{Q}` the apostrophe ’.
fn name_regex(pattern: &str) -> BytesRegex {
    let p = pattern
        .replace("{W}", r"(?:[\w'\-]|\xE2\x80\x99|[\xC3-\xC5][\x80-\xBF])")
        .replace(
            "{L}",
            r"(?:[a-z'\-]|\xE2\x80\x99|\xC3[\x9F-\xBF]|[\xC4\xC5][\x80-\xBF])",
        )
        .replace("{Q}", r"\xE2\x80\x99");
    regex::bytes::RegexBuilder::new(&p)
        .unicode(false)
        .build()
        .expect("a valid built-in pattern")
}

/// The words that end a group's name ("the X Y Brigades").
const GROUP_WORD: &str = r"(?:Brigades?|Battalions?|Movement|Front|Army|Organi[sz]ation|Forces|Party|Council|Corps|Regiment|Division|Militia|Gathering|Coalition|Alliance|Committee|League|Guards?|Airlines|Airways|Shipping|Maritime|Navigation|Tankers)";
/// Up to four capitalised words before a group word.
static UNKNOWN_GROUP: LazyLock<BytesRegex> =
    LazyLock::new(|| name_regex(&format!(r"\b(?:[A-Z]{{W}}+\s+){{1,4}}{GROUP_WORD}\b")));
/// Where [`UNKNOWN_GROUP`] can match: one capitalised word and a group word. The regex engine
/// finds these literals fast, but not those of the repeated words before them.
static UNKNOWN_GROUP_NEAR: LazyLock<BytesRegex> =
    LazyLock::new(|| name_regex(&format!(r"\b[A-Z]{{W}}+\s+{GROUP_WORD}\b")));
/// A group word of Arabic names first ("Saraya X", "Kataib X").
static UNKNOWN_GROUP_PREFIXED: LazyLock<BytesRegex> = LazyLock::new(|| {
    name_regex(
        r"\b(?:Saraya|Kataib|Kata'ib|Kata{Q}ib|Liwa|Harakat|Jaysh|Jaish|Ansar|Asaib|Asa'ib|Tanzim|Jund|Firqat|Quwat|Hizb)\s+(?:(?:al|el|ad|as|ash|ul)[- ])?[A-Z]{W}+(?:\s+(?:(?:al|el|ad|as|ash)[- ])?[A-Z]{W}+){0,3}",
    )
});
/// A broadcaster by its name before "TV" ("state-run Al-Mamlaka TV", "Rudaw TV"); the name
/// is the capture, without the "TV".
static UNKNOWN_MEDIA: LazyLock<BytesRegex> = LazyLock::new(|| {
    name_regex(r"\b((?:(?:Al|al|El|el)[- ])?[A-Z]{W}+(?:[- ][A-Z]{W}+){0,2})\s+(?:TV|Television)\b")
});
/// Words before "TV" that say what kind of television it is, or are page furniture ("Watch
/// Live TV"), not a broadcaster's name.
const NOT_MEDIA_NAME: &[&str] = &[
    "State",
    "National",
    "Public",
    "Local",
    "Live",
    "Watch",
    "Cable",
    "Satellite",
    "Breaking",
    "News",
    "Official",
    "Government",
    "Russian",
    "Arab",
    "Arabic",
    "The",
    "On",
];
/// Where [`UNKNOWN_MEDIA`] can match.
static UNKNOWN_MEDIA_NEAR: LazyLock<BytesRegex> =
    LazyLock::new(|| name_regex(r"\b(?:TV|Television)\b"));
static UNKNOWN_PERSON: LazyLock<BytesRegex> = LazyLock::new(|| {
    name_regex(
        r"\b(?:President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Gen\.|General|Lt\.|Maj\.|Brig\.|Col\.|Commander|Spokesman|Spokesperson|Sheikh|Sen\.|Senator|Rep\.|Secretary|Ayatollah|Sayyed|Sayyid|Dr\.|Mr\.|Ms\.|Mrs\.|MP|Ambassador|Prince|Emir|Colonel|Major|Captain|Admiral|Sgt\.|Sergeant|Spc\.|Specialist|Pfc\.|Private|Cpl\.|Corporal|Capt\.|Adm\.|Lieutenant|Gov\.|Governor|Mayor|Judge|Imam|Hajj|Haji|Mullah|spokes(?:man|woman|person)|analyst|commander|adviser|advisor|researcher|envoy|ambassador|minister|leader|director|secretary|chief)\s+((?:(?:al|el|Abu|Abdul|Abd|bin|ibn)[- ])?[A-Z]{L}+(?:\s+(?:(?:al|el|bin|ibn|de|van)[- ])?[A-Z]{L}+){1,3})",
    )
});
const ROLE_WORD: &str = r"(?:expert|analyst|researcher|fellow|professor|official|spokes(?:man|person|woman)|commander|leader|head|director|adviser|advisor|journalist|observer|minister|lawmaker|scholar|cleric)";
static APPOSITIVE_PERSON: LazyLock<BytesRegex> = LazyLock::new(|| {
    name_regex(&format!(
        r"\b([A-Z]{{L}}+(?:\s+(?:(?:al|el|bin|ibn)[- ])?[A-Z]{{L}}+){{1,2}}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{ROLE_WORD}\b"
    ))
});
/// Where [`APPOSITIVE_PERSON`] can match: its role word.
static APPOSITIVE_NEAR: LazyLock<BytesRegex> =
    LazyLock::new(|| name_regex(&format!(r"\b{ROLE_WORD}\b")));

/// The leftmost-first matches of `full`, searched only around the matches of `near`, a fast
/// pattern every match of `full` contains: from `back` bytes before to `ahead` bytes after it.
fn find_near(
    full: &BytesRegex,
    near: &BytesRegex,
    text: &[u8],
    back: usize,
    ahead: usize,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(l) = near.find_at(text, pos) {
        let from = l.start().saturating_sub(back).max(pos);
        let to = (l.end() + ahead).min(text.len());
        match full.find_at(&text[..to], from) {
            Some(m) => {
                out.push((m.start(), m.end()));
                pos = m.end().max(l.start() + 1);
            }
            None => pos = l.start() + 1,
        }
    }
    out
}

/// Words of services, bodies and ranks, never in a person's name: "Press Secretary Air Force
/// Brig. Gen. X" names a service after the title, not a person.
const NOT_IN_PERSON_NAME: &[&str] = &[
    "Air",
    "Force",
    "Forces",
    "Army",
    "Navy",
    "Naval",
    "Marine",
    "Marines",
    "Corps",
    "Guard",
    "Department",
    "Ministry",
    "Command",
    "Brig",
    "Gen",
    "Lt",
    "Col",
    "Maj",
    "Press",
    "Office",
];

const NOT_NAME_START: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "While",
    "When",
    "After",
    "Before",
    "Since",
    "As",
    "If",
    "Its",
    "Their",
    "His",
    "Her",
    "This",
    "That",
    "These",
    "Those",
    "Some",
    "Many",
    "Most",
    "Other",
    "For",
    "With",
    "From",
    "By",
    "Of",
    "To",
    "Prior",
    "Despite",
    "Although",
    "Though",
    "Under",
    "Over",
    "Both",
    "Several",
    "Iran",
    "Iranian",
    "Iraqi",
    "Syrian",
    "US",
    "U.S.",
    "American",
    "Israeli",
    "Lebanese",
    "Yemeni",
    "Western",
    "Regional",
    "Security",
    "Coalition",
];

/// Guesses actors that are not in the lexicon, in text outside the `covered` ranges.
pub fn guess_unknown(text: &str, covered: &[(usize, usize)]) -> Vec<(UnknownActor, usize, usize)> {
    let overlaps = |s: usize, e: usize| covered.iter().any(|&(cs, ce)| cs < e && s < ce);
    let mut out = Vec::new();
    // Names of both forms, in order; where they overlap, the first (the run of capitals).
    let mut groups = find_near(
        &UNKNOWN_GROUP,
        &UNKNOWN_GROUP_NEAR,
        text.as_bytes(),
        200,
        100,
    );
    groups.extend(
        UNKNOWN_GROUP_PREFIXED
            .find_iter(text.as_bytes())
            .map(|m| (m.start(), m.end())),
    );
    groups.sort_unstable();
    // Broadcasters, whose name ends before "TV".
    let bytes = text.as_bytes();
    for (s, e) in find_near(&UNKNOWN_MEDIA, &UNKNOWN_MEDIA_NEAR, bytes, 60, 0) {
        let Some(m) = UNKNOWN_MEDIA
            .captures_at(&bytes[..e], s)
            .and_then(|c| c.get(1))
        else {
            continue;
        };
        let (s, e) = (m.start(), m.end());
        if !text.is_char_boundary(s)
            || !text.is_char_boundary(e)
            || overlaps(s, e)
            || NOT_NAME_START.contains(&&text[s..e])
            || text[s..e]
                .split([' ', '-'])
                .any(|w| NOT_MEDIA_NAME.contains(&w))
            || groups.iter().any(|&(gs, ge)| gs < e && s < ge)
        {
            continue;
        }
        out.push((
            UnknownActor {
                name: text[s..e].to_string(),
                kind: ActorKind::Media,
            },
            s,
            e,
        ));
    }
    let mut last_end = 0;
    for (gs, ge) in groups {
        if gs < last_end || !text.is_char_boundary(gs) || !text.is_char_boundary(ge) {
            continue;
        }
        last_end = ge;
        let m = gs..ge;
        let mut s = m.start;
        let mut name = &text[m.clone()];
        // Drop leading words that start a sentence rather than a name.
        while let Some((first, rest)) = name.split_once(' ') {
            if NOT_NAME_START.contains(&first) {
                s += first.len() + 1;
                name = rest;
            } else {
                break;
            }
        }
        if name.split_whitespace().count() < 2 || overlaps(s, m.end) {
            continue;
        }
        let kind =
            if name.ends_with("Party") || name.ends_with("Movement") || name.ends_with("Gathering")
            {
                ActorKind::PoliticalParty
            } else if [
                "Council",
                "Committee",
                "Airlines",
                "Airways",
                "Shipping",
                "Maritime",
            ]
            .iter()
            .chain(&["Navigation", "Tankers"])
            .any(|w| name.ends_with(w))
            {
                // Councils and committees; airlines and shipping firms.
                ActorKind::Organisation
            } else {
                ActorKind::ArmedGroup
            };
        out.push((
            UnknownActor {
                name: name.trim().to_string(),
                kind,
            },
            s,
            m.end,
        ));
    }
    let titled = UNKNOWN_PERSON
        .captures_iter(bytes)
        .filter_map(|c| c.get(1).map(|m| m.range()));
    let appositive = find_near(&APPOSITIVE_PERSON, &APPOSITIVE_NEAR, bytes, 250, 0)
        .into_iter()
        .filter_map(|(s, e)| {
            let c = APPOSITIVE_PERSON.captures_at(&bytes[..e], s)?;
            c.get(1).map(|m| m.range())
        })
        .collect::<Vec<_>>();
    for m in titled.collect::<Vec<_>>().into_iter().chain(appositive) {
        if !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        let name = &text[m.clone()];
        if overlaps(m.start, m.end)
            || NOT_NAME_START.contains(&name.split(' ').next().unwrap_or(""))
            || name
                .split_whitespace()
                .any(|w| NOT_IN_PERSON_NAME.contains(&w))
        {
            continue;
        }
        if out.iter().any(|(_, s, e)| *s < m.end && m.start < *e) {
            continue;
        }
        out.push((
            UnknownActor {
                name: name.to_string(),
                kind: ActorKind::Person,
            },
            m.start,
            m.end,
        ));
    }
    out.sort_by_key(|(_, s, _)| *s);
    out
}

/// Later mentions of people by their family name alone ("Austin said", "Secretary Austin",
/// "al-Sudani's office") once the document has named them in full. A family name two people
/// of the document share, or that is itself the name of an actor, is left alone.
pub fn family_names(text: &str, lex: &Lexicon, found: &[RawMention]) -> Vec<RawMention> {
    let lex_n = lex.actors.len() as u32;
    // Each person named in full, first position first; their family names.
    let mut people: Vec<(u32, usize)> = Vec::new();
    for m in found {
        if m.actor < lex_n
            && !m.demonym
            && lex.actors[m.actor as usize].kind == ActorKind::Person
            && !people.iter().any(|(a, _)| *a == m.actor)
        {
            people.push((m.actor, m.start));
        }
    }
    let mut names: Vec<(String, u32, usize)> = Vec::new();
    for &(a, first) in &people {
        let full = &lex.actors[a as usize].name;
        let Some(last) = full.rsplit(' ').next() else {
            continue;
        };
        if last.len() == full.len() {
            continue;
        }
        let mut forms = vec![last.to_string()];
        for prefix in ["al-", "Al-", "el-", "El-"] {
            if let Some(rest) = last.strip_prefix(prefix) {
                forms.push(rest.to_string());
            }
        }
        for f in forms {
            if f.chars().count() < 4 || !f.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            names.push((f, a, first));
        }
    }
    let shared = |f: &str| names.iter().filter(|(g, _, _)| g == f).count() > 1;
    let mut out = Vec::new();
    for (f, a, first) in &names {
        if shared(f) || lex.actor_by_folded_name(f).is_some_and(|x| x.0 != *a) {
            continue;
        }
        for (s, _) in text.match_indices(f.as_str()) {
            let e = s + f.len();
            if s < *first {
                continue;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
            {
                continue;
            }
            if found.iter().any(|m| m.start < e && s < m.end) {
                continue;
            }
            // A capitalised word before it makes another name ("Fort Austin"), unless it is
            // a title ("Secretary Austin", "Gen. Kurilla").
            let prev = text[..s].trim_end();
            let prev_word = prev
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .trim_end_matches('.');
            if prev.len() + 1 >= s
                && prev_word.starts_with(|c: char| c.is_uppercase())
                && !lex.words.get(&prev_word.to_lowercase()).is_some_and(|e| {
                    e.nouns
                        & (crate::lexicon::words::noun::TITLE | crate::lexicon::words::noun::LEADER)
                        != 0
                })
                && !matches!(
                    prev_word,
                    "Mr" | "Mrs" | "Ms" | "Dr" | "Gen" | "Col" | "Adm" | "Sen" | "Rep"
                )
            {
                continue;
            }
            out.push(RawMention {
                actor: *a,
                start: s,
                end: e,
                demonym: false,
            });
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_overlapping_pass_finds_what_leftmost_longest_searches_find() {
        // The names, searched on their own leftmost-longest as before, against the selection
        // from the one overlapping pass; on the seeds and on generated articles.
        let lex = Lexicon::bundled();
        let m = Matcher::new(&lex);
        let actor_words: Vec<String> = m
            .actor_patterns
            .iter()
            .map(|p| p.to_ascii_lowercase())
            .collect();
        let actors_ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&actor_words)
            .expect("automaton");
        let texts: Vec<String> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| b.to_vec())
            .chain(
                crate::synth::generate(300, 11, &lex)
                    .into_iter()
                    .map(|(_, b)| b),
            )
            .map(|b| String::from_utf8_lossy(&b).to_ascii_lowercase())
            .collect();
        let mut found = 0;
        for lower in &texts {
            let mut actors = Vec::new();
            for x in m.ac.find_overlapping_iter(lower.as_str()) {
                let p = x.pattern().as_usize();
                if p < m.places_from {
                    actors.push((x.start(), x.end(), p));
                }
            }
            actors.sort_unstable_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
            let want: Vec<_> = actors_ac
                .find_iter(lower.as_str())
                .map(|x| (x.start(), x.end(), x.pattern().as_usize()))
                .collect();
            let got: Vec<_> = leftmost_longest(&actors).collect();
            assert_eq!(want, got);
            found += want.len();
        }
        assert!(found > 10_000, "{found}");
    }

    /// The bundled lexicon and its matcher, built once for the tests that share them.
    static BUNDLED: LazyLock<(Lexicon, Matcher)> = LazyLock::new(|| {
        let lex = Lexicon::bundled();
        let m = Matcher::new(&lex);
        (lex, m)
    });

    fn names(text: &str) -> Vec<(String, String)> {
        let (lex, m) = &*BUNDLED;
        m.actors(text)
            .into_iter()
            .map(|r| {
                (
                    text[r.start..r.end].to_string(),
                    lex.actors[r.actor as usize].name.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn alias_traps() {
        let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
            (
                "Kataib Hezbollah and Hezbollah",
                vec![
                    ("Kataib Hezbollah", "Kataib Hezbollah"),
                    ("Hezbollah", "Hezbollah"),
                ],
            ),
            (
                "the Hezbollah Brigades, or Iraqi Hezbollah",
                vec![
                    ("Hezbollah Brigades", "Kataib Hezbollah"),
                    ("Iraqi Hezbollah", "Kataib Hezbollah"),
                ],
            ),
            (
                "Kata'ib Hizballah and Kataeb Hezbollah",
                vec![
                    ("Kata'ib Hizballah", "Kataib Hezbollah"),
                    ("Kataeb Hezbollah", "Kataib Hezbollah"),
                ],
            ),
            (
                "the Biden administration said Biden",
                vec![
                    ("Biden administration", "United States"),
                    ("Biden", "Joe Biden"),
                ],
            ),
            ("let us go to the US", vec![("US", "United States")]),
            ("the fall of IS; this is it", vec![("IS", "ISIS")]),
            ("WHAT IS NEXT", vec![]),
            (
                "Iran's proxies and Iran’s allies",
                vec![("Iran", "Iran"), ("Iran", "Iran")],
            ),
            ("Iranian officials", vec![("Iranian", "Iran")]),
            ("Ain al-Asad", vec![]),
            (
                "Asaib Ahl al Haq and Asa’ib Ahl al-Haq",
                vec![
                    ("Asaib Ahl al Haq", "Asaib Ahl al-Haq"),
                    ("Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"),
                ],
            ),
            (
                "Muqtada al Sadr'sSaraya al Salam armed group",
                vec![
                    ("Muqtada al Sadr", "Muqtada al-Sadr"),
                    ("Saraya al Salam", "Saraya al-Salam"),
                ],
            ),
            (
                "Harakat Hezbollah al-Nujaba fired",
                vec![("Harakat Hezbollah al-Nujaba", "Harakat al-Nujaba")],
            ),
        ];
        for (text, want) in cases {
            let got = names(text);
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn places_with_spellings() {
        let (lex, m) = &*BUNDLED;
        for (text, want) in [
            ("at Ain al-Assad", "al-Asad air base"),
            ("Ayn al-Asad", "al-Asad air base"),
            ("the Rukban base", "Tower 22"),
            ("in Deir ez-Zor", "Deir Ezzor"),
        ] {
            let p = m.places(text);
            assert_eq!(p.len(), 1, "{text}");
            assert_eq!(lex.place(p[0].place).name, want);
        }
    }

    /// The spellings one name is matched by, each once, as [`build`] keys them.
    fn keys(name: &str) -> Vec<String> {
        variants(name)
            .into_iter()
            .map(|v| {
                if is_acronym(&v) {
                    format!("\u{1}{v}")
                } else {
                    v.to_lowercase()
                }
            })
            .collect()
    }

    #[test]
    fn no_spelling_names_two_actors_or_two_places() {
        // The matcher keeps the first owner of a spelling and drops the others silently; in
        // the bundled lexicon every spelling has one owner (a homonym may repeat another
        // actor's homonym).
        let lex = Lexicon::bundled();
        let mut owner: HashMap<String, (usize, bool)> = HashMap::new();
        let mut clashes = Vec::new();
        for (i, a) in lex.actors.iter().enumerate() {
            let names = std::iter::once((&a.name, false))
                .chain(a.aliases.iter().map(|n| (n, false)))
                .chain(a.demonyms.iter().map(|n| (n, false)))
                .chain(a.homonyms.iter().map(|n| (n, true)));
            for (n, homonym) in names {
                for k in keys(n) {
                    match owner.get(&k) {
                        Some(&(j, h)) if j != i && !(h && homonym) => {
                            clashes.push(format!("{n:?}: {} / {}", lex.actors[j].name, a.name));
                        }
                        Some(_) => {}
                        None => {
                            owner.insert(k, (i, homonym));
                        }
                    }
                }
            }
        }
        let mut place_owner: HashMap<String, usize> = HashMap::new();
        for (i, p) in lex.places.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                for k in keys(n) {
                    match place_owner.get(&k) {
                        Some(&j) if j != i => {
                            clashes.push(format!("{n:?}: {} / {}", lex.places[j].name, p.name));
                        }
                        Some(_) => {}
                        None => {
                            place_owner.insert(k, i);
                        }
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn gazetteer_traps() {
        // Made-up sentences of the kinds of text the gazetteer meets: casualty releases, ship
        // reports, Iranian and Houthi statements.
        let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
            // A US address: the town's state is not the country, nor is a US town named
            // after a state.
            (
                "Spc. Jane Roe, 24, of Savannah, Georgia, died when a drone struck Tower 22 in Jordan.",
                vec![("Jordan", "Jordan")],
            ),
            (
                "The three were assigned to the 926th Engineer Brigade, Fort Moore, Georgia.",
                vec![],
            ),
            ("SAVANNAH, Georgia - The soldier's family spoke.", vec![]),
            (
                "The company's plant in Lebanon, Pennsylvania, closed.",
                vec![],
            ),
            (
                "He grew up near Lebanon, Tenn., the Pentagon said.",
                vec![("Pentagon", "Pentagon")],
            ),
            // Georgia the country: in a list of states, after a known place, or alone.
            (
                "Russia, Georgia and Armenia signed.",
                vec![
                    ("Russia", "Russia"),
                    ("Georgia", "Georgia"),
                    ("Armenia", "Armenia"),
                ],
            ),
            (
                "Diplomats in Tbilisi, Georgia, protested.",
                vec![("Georgia", "Georgia")],
            ),
            (
                "Meanwhile, Georgia recalled its envoy.",
                vec![("Georgia", "Georgia")],
            ),
            (
                "Israel, Lebanon, Georgia and Jordan were named.",
                vec![
                    ("Israel", "Israel"),
                    ("Lebanon", "Lebanon"),
                    ("Georgia", "Georgia"),
                    ("Jordan", "Jordan"),
                ],
            ),
            // What the gazetteer cannot tell: a US state named alone is the country.
            (
                "Georgia's governor visited the base.",
                vec![("Georgia", "Georgia")],
            ),
            // A longer name wins over the state inside it.
            (
                "The Georgia National Guard deployed.",
                vec![("Georgia National Guard", "Georgia National Guard")],
            ),
            (
                "Israel Katz warned Hezbollah.",
                vec![("Israel Katz", "Israel Katz"), ("Hezbollah", "Hezbollah")],
            ),
            // Flags of convenience.
            (
                "A Liberia-flagged tanker and a Marshall Islands-flagged bulk carrier were hit.",
                vec![
                    ("Liberia", "Liberia"),
                    ("Marshall Islands", "Marshall Islands"),
                ],
            ),
            ("the Bahamas-flagged ship", vec![("Bahamas", "Bahamas")]),
            // Seas and regions named after states are not the states.
            (
                "Iranian boats sailed from the Gulf of Oman to the Indian Ocean.",
                vec![("Iranian", "Iran")],
            ),
            (
                "Patrols in the South China Sea and the Jordan Valley.",
                vec![],
            ),
            ("Latin American and New Mexico officials met.", vec![]),
            (
                "Roast turkey is served; Turkey objected.",
                vec![("Turkey", "Turkey")],
            ),
            // Demonyms, adjective and plural.
            (
                "The Dutch and New Zealanders agreed; Emiratis abstained.",
                vec![
                    ("Dutch", "Netherlands"),
                    ("New Zealanders", "New Zealand"),
                    ("Emiratis", "United Arab Emirates"),
                ],
            ),
            // Groups whose names hold other names.
            (
                "Harakat Ansar Allah al-Awfiya and Ansar Allah both claimed it.",
                vec![
                    (
                        "Harakat Ansar Allah al-Awfiya",
                        "Harakat Ansar Allah al-Awfiya",
                    ),
                    ("Ansar Allah", "Houthis"),
                ],
            ),
            (
                "the Revolutionary Guards' navy and the IRGC Aerospace Force",
                vec![
                    ("Revolutionary Guards' navy", "IRGC Navy"),
                    ("IRGC Aerospace Force", "IRGC Aerospace Force"),
                ],
            ),
            (
                "the al-Qassam Brigades, Hamas's armed wing",
                vec![
                    ("al-Qassam Brigades", "Qassam Brigades"),
                    ("Hamas", "Hamas"),
                ],
            ),
            (
                "Kataib Sayyid al-Shuhada, Kata'ib al-Imam Ali and Saraya Awliya al-Dam",
                vec![
                    ("Kataib Sayyid al-Shuhada", "Kataib Sayyid al-Shuhada"),
                    ("Kata'ib al-Imam Ali", "Kataib Imam Ali"),
                    ("Saraya Awliya al-Dam", "Saraya Awliya al-Dam"),
                ],
            ),
            // The enemies' names for Israel, and a Houthi statement's name for the Houthis.
            (
                "The Yemeni Armed Forces targeted the Zionist entity.",
                vec![
                    ("Yemeni Armed Forces", "Houthis"),
                    ("Zionist entity", "Israel"),
                ],
            ),
            // Bodies with their chain of command.
            (
                "U.S. Central Command and the State Department spoke; the Security Council met.",
                vec![
                    ("U.S. Central Command", "CENTCOM"),
                    ("State Department", "US State Department"),
                    ("Security Council", "United Nations Security Council"),
                ],
            ),
        ];
        for (text, want) in cases {
            let got = names(text);
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
        let lex = &BUNDLED.0;
        let chain = |name: &str| -> Vec<String> {
            let mut out = vec![];
            let mut cur = lex.actor_by_name(name);
            while let Some(id) = cur {
                out.push(lex.actor(id).name.clone());
                cur = lex.actor(id).affiliation;
            }
            out
        };
        assert_eq!(chain("CENTCOM"), ["CENTCOM", "Pentagon", "United States"]);
        assert_eq!(chain("Quds Force"), ["Quds Force", "IRGC", "Iran"]);
        let irgc = lex.actor_by_name("IRGC").unwrap();
        assert_eq!(lex.actor(lex.side_of(irgc)).name, "Iran");
    }

    #[test]
    fn places_of_attacks_and_seas() {
        let (lex, m) = &*BUNDLED;
        for (text, want) in [
            ("rockets hit the al-Tanf garrison", "al-Tanf"),
            (
                "a drone hit Erbil International Airport",
                "Erbil International Airport",
            ),
            ("a drone hit the coalition base in Erbil", "Erbil air base"),
            ("at Harir air base", "Harir air base"),
            ("near Albu Kamal", "al-Boukamal"),
            ("in Deir al-Zour province", "Deir Ezzor"),
            ("at Victoria base near the airport", "Victory Base"),
            ("fired at Kharab al-Jir", "Kharab al-Jir"),
            ("in the southern suburbs of Beirut", "Dahiyeh"),
            ("off the port of Hodeidah", "Hodeidah"),
            ("in the Gulf of Oman", "Gulf of Oman"),
            ("through the Strait of Hormuz", "Strait of Hormuz"),
            ("missiles at Umm al-Rashrash", "Eilat"),
        ] {
            let p = m.places(text);
            assert_eq!(p.len(), 1, "{text}: {p:?}");
            assert_eq!(lex.place(p[0].place).name, want, "{text}");
        }
        for p in &lex.places {
            if p.kind == "sea" {
                assert!(p.country.is_none() || p.name == "Suez Canal", "{}", p.name);
            }
        }
    }

    #[test]
    fn guesses_unknown_actors() {
        let text = "The Tanzim al-Fajr Brigades struck. Gen. Karim Haddad said. Liwa Zulfiqar fighters too. Nour Saleh, an analyst at a think tank, agreed.";
        let g = guess_unknown(text, &[]);
        let names: Vec<(&str, ActorKind)> = g
            .iter()
            .map(|(u, _, _)| (u.name.as_str(), u.kind))
            .collect();
        assert!(
            names.contains(&("Tanzim al-Fajr Brigades", ActorKind::ArmedGroup)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Karim Haddad", ActorKind::Person)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Liwa Zulfiqar", ActorKind::ArmedGroup)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Nour Saleh", ActorKind::Person)),
            "{names:?}"
        );
    }

    #[test]
    fn unknown_names_keep_accents_and_curly_apostrophes() {
        let text = "Gen. José Ramírez spoke. The Kata’ib Sayf al-Qudsi claimed it. Then Éloïse Ménard, a researcher at a think tank, said so.";
        let g = guess_unknown(text, &[]);
        let names: Vec<&str> = g.iter().map(|(u, _, _)| u.name.as_str()).collect();
        for want in ["José Ramírez", "Kata’ib Sayf al-Qudsi"] {
            assert!(names.contains(&want), "{want} not in {names:?}");
        }
        // Spans are on character boundaries of the text.
        for (u, s, e) in &g {
            assert_eq!(&text[*s..*e], u.name);
        }
    }
}
