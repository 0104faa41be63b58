//! The lexicon: actors, places, outlets and cue phrases, loaded from TOML data.
//!
//! The bundled lexicon lives in `assets/lexicon/` and is compiled into the binary. A user's own
//! `proxylens.toml` (in the opened folder) extends or overrides it: an `[[actor]]` or `[[place]]`
//! with the name of a bundled one replaces it, any other is added. A bad entry is reported with
//! its file and line and skipped; the rest loads.

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::{ActorId, ActorKind, PlaceId, RelationKind};

/// The bundled actor file.
pub const BUNDLED_ACTORS: &str = include_str!("../../assets/lexicon/actors.toml");
/// The bundled place file.
pub const BUNDLED_PLACES: &str = include_str!("../../assets/lexicon/places.toml");
/// The bundled outlet file.
pub const BUNDLED_OUTLETS: &str = include_str!("../../assets/lexicon/outlets.toml");
/// The bundled cue-phrase file.
pub const BUNDLED_CUES: &str = include_str!("../../assets/lexicon/cues.toml");
/// The bundled word classes of the frame analysis.
pub const BUNDLED_FRAMES: &str = include_str!("../../assets/lexicon/frames.toml");

pub mod words;
pub use words::Words;

/// The name of a user's lexicon file inside an opened folder.
pub const USER_LEXICON_FILE: &str = "proxylens.toml";

/// A problem with one entry (or a whole file) of the lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconIssue {
    /// The file, as given to the loader.
    pub file: String,
    /// 1-based line of the entry, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// One actor of the lexicon.
#[derive(Clone, Debug)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: ActorKind,
    /// Other names and spellings (as written in the data).
    pub aliases: Vec<String>,
    /// Adjectives that stand for it ("Iranian").
    pub demonyms: Vec<String>,
    /// The actor it speaks for or belongs to.
    pub affiliation: Option<ActorId>,
    /// Role nouns that can refer back to this person ("spokesman").
    pub roles: Vec<String>,
    /// Actors this one heads.
    pub leads: Vec<ActorId>,
    /// Phrases that contain one of its names but mean something else ("Gulf of Oman" for
    /// Oman): the matcher finds them only to ignore them.
    pub homonyms: Vec<String>,
    /// A diplomatic mission (an embassy, a mission to the UN): what it says, the state it
    /// represents says.
    pub diplomatic: bool,
    /// Where the entry was defined (file:line), for messages.
    pub origin: String,
}

/// One place of the lexicon.
#[derive(Clone, Debug)]
pub struct Place {
    /// Canonical name.
    pub name: String,
    /// The state it is in (canonical actor name), if any.
    pub country: Option<String>,
    /// One of [`PLACE_KINDS`], or empty when not given.
    pub kind: String,
    /// Other spellings.
    pub aliases: Vec<String>,
}

/// The kinds a place can have.
pub const PLACE_KINDS: &[&str] = &["base", "city", "region", "facility", "sea"];

/// A news outlet that publishes pages (not an actor unless it is also in the actor list).
#[derive(Clone, Debug)]
pub struct Outlet {
    /// Canonical name.
    pub name: String,
    /// Other spellings, and web domains.
    pub aliases: Vec<String>,
    /// A wire agency (AP, Reuters): credited in captions, used as source only in a dateline.
    pub agency: bool,
}

/// Where a relation pattern finds a side it does not capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Both sides are captured.
    None,
    /// The nearest actor before the match.
    Nearest,
    /// The first actor of the sentence.
    Subject,
    /// The lexicon affiliation of the captured side.
    Affiliation,
}

/// A pattern for a relation between actors.
#[derive(Clone, Debug)]
pub struct RelationCue {
    /// The relation.
    pub kind: RelationKind,
    /// Compiled pattern over the templated sentence.
    pub regex: regex::bytes::Regex,
    /// Whether `regex` and `quick` run on the lowercased template (see [`lowered_regex`]);
    /// else on its text.
    pub lowered: bool,
    /// A looser form of `regex` for the yes/no test (see [`loose_regex`]), when it differs.
    pub quick: Option<regex::bytes::Regex>,
    /// A looser form of `regex` for taking its matches (see [`Checked`]), when it has one.
    pub checked: Option<Checked>,
    /// Where to find a side the pattern does not capture.
    pub missing: Missing,
    /// Words one of which a sentence must contain for the pattern to be tried.
    pub keywords: Option<Vec<String>>,
    /// Kinds allowed for `from` (empty: any).
    pub from_kind: Vec<ActorKind>,
    /// Kinds allowed for `to` (empty: any).
    pub to_kind: Vec<ActorKind>,
    /// A pattern that cancels the relation when found in the matched text.
    pub veto: Option<regex::bytes::Regex>,
    /// Where it was defined.
    pub origin: String,
}

/// A title before a person's name ("President", "Foreign Minister").
#[derive(Clone, Debug)]
pub struct Title {
    /// The title words, lower case.
    pub title: String,
    /// leads or member_of.
    pub relation: RelationKind,
    /// A body of the state the title belongs to ("Foreign Ministry"), or empty for the
    /// state or organisation itself.
    pub body: String,
}

/// A weapon and the words that name it.
#[derive(Clone, Debug)]
pub struct Weapon {
    /// Export name: drone, rocket, missile, airstrike, ...
    pub name: String,
    /// Lower-case words and phrases.
    pub words: Vec<String>,
}

/// Cue phrases and patterns for the analysis.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    /// Relation patterns.
    pub relations: Vec<RelationCue>,
    /// Titles before names.
    pub titles: Vec<Title>,
    /// Weapons.
    pub weapons: Vec<Weapon>,
    /// Nouns for non-state collectives ("militias"): a demonym before them is not an actor.
    pub collectives: Vec<String>,
    /// Verbs of saying, for reported speech.
    pub speech_verbs: Vec<String>,
    /// What marks an official text in a title-like line of its header ("press release",
    /// "readout", "identical letters").
    pub official_markers: Vec<String>,
    /// A pattern for "[org] title person", built from `titles`, for the lowercased template
    /// (see [`lowered_regex`]).
    pub title_regex: Option<regex::bytes::Regex>,
    /// The cue keywords, lower case, each once; keyword i enables the cues in `gate_cues[i]`
    /// (relation cues, by number). The analysis finds them in
    /// the same pass as the names (`analysis::mentions::Matcher`).
    pub gate_words: Vec<String>,
    /// Cues enabled by each gate keyword.
    pub gate_cues: Vec<Vec<usize>>,
    /// One automaton over the weapon words, lowercased, for ASCII-lowercased text (it finds
    /// there what a case-insensitive search finds in the text); pattern i belongs to
    /// `weapon_of[i]`.
    pub weapon_matcher: Option<aho_corasick::AhoCorasick>,
    /// The weapon (index into `weapons`) of each weapon-matcher pattern.
    pub weapon_of: Vec<usize>,
}

/// The whole lexicon, validated.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Actors, indexed by [`ActorId`].
    pub actors: Vec<Actor>,
    /// Places, indexed by [`PlaceId`].
    pub places: Vec<Place>,
    /// Outlets.
    pub outlets: Vec<Outlet>,
    /// Cue phrases.
    pub cues: Cues,
    /// Word classes of the frame analysis.
    pub words: Words,
    /// Regions written after a town in a US address ("Pennsylvania", "Ga."): a state's name
    /// next to one is a town or a US state ("Lebanon, Pennsylvania", "of Savannah, Georgia"),
    /// not the state (see `analysis::mentions`). From `[words] address_regions`.
    pub address_regions: Vec<String>,
    /// One automaton over the names of the outlets that are not agencies, and their aliases
    /// that are not web domains and longer than three characters (case-sensitive), as
    /// `corpus::meta` seeks them in a page's furniture; pattern i names the outlet
    /// `outlet_name_of[i]`.
    pub outlet_names: Option<aho_corasick::AhoCorasick>,
    /// The outlet (index into `outlets`) of each pattern of `outlet_names`.
    pub outlet_name_of: Vec<usize>,
    /// Everything that was wrong but skipped.
    pub issues: Vec<LexiconIssue>,
    by_name: HashMap<String, ActorId>,
    /// Every canonical name and alias, folded by [`fold_name`]: the first actor that has it.
    by_folded: HashMap<String, ActorId>,
}

/// A name folded for lookup: trimmed, lower case, without a leading "the", letters and digits
/// only ("The Jerusalem Post" and "Jerusalem-Post" fold alike).
pub fn fold_name(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("the ").unwrap_or(&s);
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

// ---------------------------------------------------------------- raw (serde) forms

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    affiliation: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    leads: Vec<String>,
    #[serde(default)]
    backers: Vec<String>,
    #[serde(default)]
    homonyms: Vec<String>,
    #[serde(default)]
    diplomatic: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutlet {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    agency: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelationCue {
    kind: String,
    pattern: String,
    #[serde(default)]
    missing: Option<String>,
    #[serde(default)]
    from_kind: Vec<ActorKind>,
    #[serde(default)]
    to_kind: Vec<ActorKind>,
    #[serde(default)]
    veto: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    title: String,
    relation: String,
    #[serde(default)]
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeapon {
    name: String,
    words: Vec<String>,
}

/// One data file given to [`Lexicon::load`].
pub struct Source<'a> {
    /// Its name, for messages.
    pub name: &'a str,
    /// Its TOML text.
    pub text: &'a str,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The sections of one lexicon file, each entry with its span.
#[derive(Deserialize, Default)]
struct Sections {
    #[serde(default)]
    actor: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    place: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    outlet: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    statement: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    relation: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    title: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    weapon: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    words: Option<toml::Table>,
    #[serde(default)]
    verbs: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    nouns: Vec<toml::Spanned<toml::Value>>,
    #[serde(default)]
    function: Option<toml::Table>,
}

fn with_lines(
    src: &Source<'_>,
    items: Vec<toml::Spanned<toml::Value>>,
) -> Vec<(usize, toml::Value)> {
    // The newlines once, then a binary search per entry (counting them from the start for
    // each entry made loading a large file quadratic).
    let newlines: Vec<usize> = src
        .text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    items
        .into_iter()
        .map(|v| {
            let line = newlines.partition_point(|&nl| nl < v.span().start) + 1;
            (line, v.into_inner())
        })
        .collect()
}

/// Reads the named entries of one section into `into`, with the file and line each comes
/// from: an entry without a name is reported and skipped; a later file's entry of the same name
/// replaces the earlier one.
fn read_named<T: serde::de::DeserializeOwned>(
    src: &Source<'_>,
    items: Vec<toml::Spanned<toml::Value>>,
    what: &str,
    name: impl Fn(&T) -> &String,
    into: &mut Vec<(T, String)>,
    issues: &mut Vec<LexiconIssue>,
) {
    for (line, v) in with_lines(src, items) {
        let Some(x) = typed::<T>(src, line, v, issues) else {
            continue;
        };
        if name(&x).trim().is_empty() {
            issues.push(LexiconIssue {
                file: src.name.into(),
                line: Some(line),
                message: format!("{what} without a name, skipped"),
            });
            continue;
        }
        let origin = format!("{}:{}", src.name, line);
        if let Some(slot) = into.iter_mut().find(|(r, _)| name(r) == name(&x)) {
            *slot = (x, origin);
        } else {
            into.push((x, origin));
        }
    }
}

fn parse_doc(src: &Source<'_>, issues: &mut Vec<LexiconIssue>) -> Option<Sections> {
    match toml::from_str::<Sections>(src.text) {
        Ok(t) => Some(t),
        Err(e) => {
            let line = e.span().map(|s| line_of(src.text, s.start));
            issues.push(LexiconIssue {
                file: src.name.to_string(),
                line,
                message: format!("file skipped: {}", e.message()),
            });
            None
        }
    }
}

fn typed<T: serde::de::DeserializeOwned>(
    src: &Source<'_>,
    line: usize,
    v: toml::Value,
    issues: &mut Vec<LexiconIssue>,
) -> Option<T> {
    match v.try_into::<T>() {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(LexiconIssue {
                file: src.name.to_string(),
                line: Some(line),
                message: format!("entry skipped: {}", e.message()),
            });
            None
        }
    }
}

/// Words too common in news text to be a useful gate.
const COMMON: &[&str] = &[
    "with",
    "between",
    "from",
    "that",
    "this",
    "have",
    "were",
    "the",
    "and",
    "for",
    "group",
    "groups",
    "forces",
    "attack",
    "attacks",
    "strike",
    "strikes",
    "said",
    "president",
    "leader",
    "head",
    "part",
];

/// Whether a literal is rare enough to gate a pattern: three letters or more, or an
/// apostrophe (the possessive "'s"); one- and two-letter words are everywhere. Not a marker.
fn gates(literal: &[u8]) -> bool {
    let l = literal.trim_ascii();
    // A marker's characters are not in the document's text, where the keywords are sought.
    !l.iter().any(|b| matches!(b, b'@' | b'#' | b'~')) && (l.len() >= 3 || l.contains(&b'\''))
}

/// Words one of which every match of `pattern` (already expanded, without `(?i)`) must
/// contain, lower case; `None` when no such set can be found (the cue is then always tried).
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::{Hir, HirKind};
    fn rec(h: &Hir) -> Option<Vec<Vec<u8>>> {
        match h.kind() {
            HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
            HirKind::Capture(c) => rec(&c.sub),
            HirKind::Repetition(r) if r.min >= 1 => rec(&r.sub),
            // Of the parts a match needs, gate on the one with the rarest words.
            HirKind::Concat(xs) => xs
                .iter()
                .filter_map(rec)
                .filter(|set| set.iter().all(|w| gates(w)))
                .max_by_key(|set| {
                    let common = set
                        .iter()
                        .filter(|w| {
                            COMMON.contains(&String::from_utf8_lossy(w).to_lowercase().trim())
                        })
                        .count();
                    (
                        std::cmp::Reverse(common),
                        set.iter().map(Vec::len).min().unwrap_or(0),
                    )
                }),
            HirKind::Alternation(xs) => {
                let mut all = Vec::new();
                for x in xs {
                    all.extend(rec(x)?);
                }
                Some(all)
            }
            _ => None,
        }
    }
    let set = rec(&byte_syntax(pattern)?)?;
    let words: Vec<String> = set
        .into_iter()
        .map(|w| String::from_utf8_lossy(&w).to_lowercase())
        .collect();
    if !words.iter().all(|w| gates(w.as_bytes())) {
        return None;
    }
    Some(words)
}

/// Expands the placeholders of a cue pattern into regex syntax (see `assets/lexicon/cues.toml`).
pub fn expand_pattern(p: &str) -> String {
    const LIST_SEP: &str = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)(?:the\s+)?";
    const ITEM: &str = r"@\d+@(?:\s+in\s+#\d+#)?";
    let list = |name: &str| format!(r"(?P<{name}>{ITEM}(?:{LIST_SEP}{ITEM})*)");
    let mut s = p.to_string();
    for (ph, rep) in [
        ("{froms}", list("froms")),
        ("{tos}", list("tos")),
        ("{from}", r"@(?P<from>\d+)@".to_string()),
        ("{to}", r"@(?P<to>\d+)@".to_string()),
        ("{about}", r"(?:the\s+)?@(?P<about>\d+)@".to_string()),
        ("{subj}", r"@(?P<subj>\d+)@".to_string()),
        ("{to_gov}", r"@(?P<to_gov>\d+)@".to_string()),
        ("{A}", r"@\d+@".to_string()),
        (
            "{np}",
            r"(?:(?:the|a|an|its|their|his|her)\s+)?(?:@\d+@(?:'s|’s|'|’)\s*)?(?:@\d+@\s+(?:supreme\s+leader|president|prime\s+minister|foreign\s+minister|leader|commander|minister|spokes\w+|officials?)\s+)?(?:@\d+@-\w+\s+)?(?:(?:elite|so-called|powerful|main|new|(?:newly|recently)\s+(?:elected|appointed|named|installed)|umbrella|armed|militant|shia|sunni|pro-\w+|\w+-based|supreme\s+leader|president|prime\s+minister|foreign\s+minister|leader|king|gen\.|general|commander|minister|secretary(?:\s+of\s+state)?)\s+)*".to_string(),
        ),
        ("{w}", r"(?:[^\s;@#~]+\s+)".to_string()),
        ("{gap}", r"[^;@~]".to_string()),
    ] {
        s = s.replace(ph, &rep);
    }
    // ASCII word boundaries: a Unicode `\b` keeps the regex engine off its fast DFA.
    let s = s.replace(r"\b", r"(?-u:\b)");
    format!("(?i){s}")
}

/// The syntax of a cue pattern as [`byte_regex`] reads it; `None` if it does not parse.
fn byte_syntax(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}

/// A byte regex without Unicode classes: gaps such as `{gap}{0,60}` stay small for the DFA
/// (a Unicode class repeated 60 times does not), which keeps matching fast.
fn byte_regex(pattern: &str) -> Result<regex::bytes::Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(pattern)
        .unicode(false)
        .build()
}

/// A case-insensitive pattern compiled to run on ASCII-lowercased text (the templates'
/// `lower`): its letters are lowered, so it matches there exactly where the pattern matches
/// the original text, at the same offsets. The regex engine finds the literals of such a
/// pattern with fast prefilters, which it cannot do for case-insensitive literals (a word of
/// n letters has 2^n spellings); cue matching is about a quarter faster. `None` for a
/// pattern with a case-sensitive part (`(?-i:US)`), which must see the original text, or
/// one that does not compile.
pub fn lowered_regex(pattern: &str) -> Option<regex::bytes::Regex> {
    byte_regex(&lowered_hir(pattern, Loosen::No)?.to_string()).ok()
}

/// A looser form of a cue pattern for the yes/no test, for lowercased text like
/// [`lowered_regex`]: its long bounded repetitions are unbounded (`{gap}{0,60}` becomes
/// `{gap}*`). It matches wherever the pattern does, so a text it rejects the cue cannot
/// match; and the regex engine runs it faster (a bounded gap multiplies the states of its
/// automaton by the bound). `None` when there is nothing to loosen.
pub fn loose_regex(pattern: &str) -> Option<regex::bytes::Regex> {
    let strict = lowered_hir(pattern, Loosen::No)?.to_string();
    let loose = lowered_hir(pattern, Loosen::Unbounded)?.to_string();
    (loose != strict).then(|| byte_regex(&loose).ok()).flatten()
}

/// The prefix of the capture groups [`Checked`] puts around the repetitions it loosens; the
/// bound follows (`__loose_60_0`: at most 60 bytes, the first such group).
const LOOSE_GROUP: &str = "__loose_";

/// A cue pattern's looser form (see [`loose_regex`]) for taking its matches and captures.
///
/// Each repetition the loosening made unbounded is a capture group here, so that a match can
/// be checked against the pattern's bounds. Where every match of the looser form keeps within
/// them, its matches and captures are the pattern's: a match of the pattern is one of the
/// looser form, the looser form's leftmost match is then one of the pattern's at the same
/// start, and both forms rank the ways of matching there in the same order. The looser form's
/// automata are far smaller (a gap of at most 60 bytes multiplies the states by 60), so its
/// captures cost a fraction of the pattern's; where a match breaks a bound, the pattern itself
/// is run ([`Checked::captures`]).
#[derive(Clone, Debug)]
pub struct Checked {
    regex: regex::bytes::Regex,
    /// (group index, most bytes) of each loosened repetition.
    bounds: Vec<(usize, usize)>,
}

impl Checked {
    /// The checked looser form of a cue pattern, for lowercased text. `None` when nothing is
    /// loosened, or when a loosened repetition cannot be checked by its length (its part can
    /// be longer than one byte, or it sits inside another repetition).
    pub fn new(pattern: &str) -> Option<Checked> {
        let strict = lowered_hir(pattern, Loosen::No)?.to_string();
        let marked = lowered_hir(pattern, Loosen::Marked)?.to_string();
        if marked == strict {
            return None;
        }
        let regex = byte_regex(&marked).ok()?;
        let bounds = regex
            .capture_names()
            .enumerate()
            .filter_map(|(i, name)| {
                let max = name?.strip_prefix(LOOSE_GROUP)?.split('_').next()?;
                Some((i, max.parse().ok()?))
            })
            .collect();
        Some(Checked { regex, bounds })
    }

    /// All the matches of `strict` (the pattern this was made from, lowered) in `haystack`,
    /// with their captures (by name: the groups are numbered differently).
    pub fn captures<'h>(
        &self,
        strict: &regex::bytes::Regex,
        haystack: &'h [u8],
    ) -> Vec<regex::bytes::Captures<'h>> {
        let found: Vec<_> = self.regex.captures_iter(haystack).collect();
        let within = found.iter().all(|c| {
            self.bounds
                .iter()
                .all(|&(g, max)| c.get(g).is_none_or(|m| m.len() <= max))
        });
        if within {
            found
        } else {
            strict.captures_iter(haystack).collect()
        }
    }
}

/// How [`lowered_hir`] treats long bounded repetitions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loosen {
    /// Kept.
    No,
    /// Unbounded.
    Unbounded,
    /// Unbounded, each in a capture group named for its bound (see [`Checked`]); the result
    /// is `None` if one cannot be checked by its length.
    Marked,
}

/// The pattern's syntax with its letters lowered, and the repetitions bounded at 4 or more
/// loosened as `loosen` says.
fn lowered_hir(pattern: &str, loosen: Loosen) -> Option<regex_syntax::hir::Hir> {
    use regex_syntax::hir::{
        Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition,
    };
    /// `marked`: loosened repetitions so far; `in_rep`: inside a repetition. `None` when a
    /// marked repetition cannot be checked.
    fn lower(h: &Hir, loosen: Loosen, marked: &mut usize, in_rep: bool) -> Option<Hir> {
        let mut rec = |h: &Hir, in_rep: bool| lower(h, loosen, marked, in_rep);
        Some(match h.kind() {
            HirKind::Literal(l) => Hir::literal(l.0.to_ascii_lowercase()),
            HirKind::Class(Class::Bytes(c)) => {
                let lowered = ClassBytes::new(c.iter().flat_map(|r| {
                    (r.start()..=r.end()).map(|b| {
                        let b = b.to_ascii_lowercase();
                        ClassBytesRange::new(b, b)
                    })
                }));
                Hir::class(Class::Bytes(lowered))
            }
            HirKind::Repetition(r) => {
                let long = loosen != Loosen::No && r.max.is_some_and(|m| m >= 4);
                let rep = Hir::repetition(Repetition {
                    sub: Box::new(rec(&r.sub, true)?),
                    max: if long { None } else { r.max },
                    ..r.clone()
                });
                if long && loosen == Loosen::Marked {
                    let p = r.sub.properties();
                    if in_rep || p.minimum_len() != Some(1) || p.maximum_len() != Some(1) {
                        return None;
                    }
                    let name = format!("{LOOSE_GROUP}{}_{}", r.max.unwrap_or(0), *marked);
                    *marked += 1;
                    Hir::capture(Capture {
                        index: 0,
                        name: Some(name.into()),
                        sub: Box::new(rep),
                    })
                } else {
                    rep
                }
            }
            HirKind::Capture(c) => Hir::capture(Capture {
                sub: Box::new(rec(&c.sub, in_rep)?),
                ..c.clone()
            }),
            HirKind::Concat(xs) => {
                Hir::concat(xs.iter().map(|x| rec(x, in_rep)).collect::<Option<_>>()?)
            }
            HirKind::Alternation(xs) => {
                Hir::alternation(xs.iter().map(|x| rec(x, in_rep)).collect::<Option<_>>()?)
            }
            // Empty, look-around; no Unicode classes without Unicode mode.
            _ => h.clone(),
        })
    }
    /// Whether a part of the pattern tells letters' case apart: under `(?i)` every letter is
    /// a class holding both cases.
    fn case_sensitive(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Literal(l) => l.0.iter().any(u8::is_ascii_alphabetic),
            HirKind::Class(Class::Bytes(c)) => c.iter().any(|r| {
                (r.start()..=r.end()).any(|b| {
                    b.is_ascii_alphabetic()
                        && !c.iter().any(|o| {
                            let other = b ^ 0x20;
                            o.start() <= other && other <= o.end()
                        })
                })
            }),
            HirKind::Repetition(r) => case_sensitive(&r.sub),
            HirKind::Capture(c) => case_sensitive(&c.sub),
            HirKind::Concat(xs) | HirKind::Alternation(xs) => xs.iter().any(case_sensitive),
            _ => false,
        }
    }
    let hir = byte_syntax(pattern)?;
    if case_sensitive(&hir) {
        return None;
    }
    lower(&hir, loosen, &mut 0, false)
}

/// A compiled cue: its pattern, its optional veto and the words that gate it.
struct CompiledCue {
    regex: regex::bytes::Regex,
    lowered: bool,
    quick: Option<regex::bytes::Regex>,
    checked: Option<Checked>,
    veto: Option<regex::bytes::Regex>,
    keywords: Option<Vec<String>>,
}

/// Compiles a cue's pattern and veto; a bad one is reported and gives `None`.
fn compile_cue(
    src: &Source<'_>,
    line: usize,
    pattern: &str,
    veto: Option<&str>,
    issues: &mut Vec<LexiconIssue>,
) -> Option<CompiledCue> {
    let expanded = expand_pattern(pattern);
    let (regex, lowered) = match lowered_regex(&expanded) {
        Some(r) => (r, true),
        None => (compile(src, line, pattern, issues)?, false),
    };
    let veto = match veto {
        Some(v) => Some(compile(src, line, v, issues)?),
        None => None,
    };
    let keywords = required_words(expand_pattern(pattern).trim_start_matches("(?i)"));
    let quick = loose_regex(&expanded);
    let checked = Checked::new(&expanded);
    Some(CompiledCue {
        regex,
        lowered,
        quick,
        checked,
        veto,
        keywords,
    })
}

/// Compiles a pattern; a bad one is reported.
fn compile(
    src: &Source<'_>,
    line: usize,
    pattern: &str,
    issues: &mut Vec<LexiconIssue>,
) -> Option<regex::bytes::Regex> {
    match byte_regex(&expand_pattern(pattern)) {
        Ok(r) => Some(r),
        Err(e) => {
            issues.push(LexiconIssue {
                file: src.name.to_string(),
                line: Some(line),
                message: format!("bad pattern, entry skipped: {e}"),
            });
            None
        }
    }
}

impl Cues {
    /// Which relation cues each part of a text can match: those
    /// without keywords, and those whose keywords occur in it. `keywords` are the offsets and
    /// numbers (in `gate_words`) of the keywords found in the text; `part_of` tells which of
    /// `parts` parts the keyword starting at a byte offset belongs to.
    pub fn enabled(
        &self,
        keywords: &[(usize, usize)],
        parts: usize,
        part_of: impl Fn(usize) -> Option<usize>,
    ) -> Vec<Vec<bool>> {
        let ungated: Vec<bool> = self
            .relations
            .iter()
            .map(|c| c.keywords.is_none())
            .collect();
        let mut on = vec![ungated; parts];
        for &(pos, word) in keywords {
            if let Some(k) = part_of(pos) {
                for &i in &self.gate_cues[word] {
                    on[k][i] = true;
                }
            }
        }
        on
    }
}

impl Lexicon {
    /// The bundled data files.
    const BUNDLED: [Source<'static>; 5] = [
        Source {
            name: "assets/lexicon/actors.toml",
            text: BUNDLED_ACTORS,
        },
        Source {
            name: "assets/lexicon/places.toml",
            text: BUNDLED_PLACES,
        },
        Source {
            name: "assets/lexicon/outlets.toml",
            text: BUNDLED_OUTLETS,
        },
        Source {
            name: "assets/lexicon/cues.toml",
            text: BUNDLED_CUES,
        },
        Source {
            name: "assets/lexicon/frames.toml",
            text: BUNDLED_FRAMES,
        },
    ];

    /// The bundled lexicon.
    pub fn bundled() -> Lexicon {
        Lexicon::load(&Self::BUNDLED)
    }

    /// The bundled lexicon extended by a user file (`proxylens.toml`), when given.
    pub fn with_user_file(name: &str, text: &str) -> Lexicon {
        let [a, b, c, d, e] = Self::BUNDLED;
        Lexicon::load(&[a, b, c, d, e, Source { name, text }])
    }

    /// Loads and validates the given files in order; later entries override earlier ones of
    /// the same name. Never fails: every problem becomes a [`LexiconIssue`].
    pub fn load(sources: &[Source<'_>]) -> Lexicon {
        let mut issues = Vec::new();
        // name -> (raw, file:line); keeps first-definition order.
        let mut raw_actors: Vec<(RawActor, String)> = Vec::new();
        // name -> (raw, file:line)
        let mut raw_places: Vec<(RawPlace, String)> = Vec::new();
        let mut address_regions: Vec<String> = Vec::new();
        let mut outlets: Vec<Outlet> = Vec::new();
        let mut cues = Cues::default();
        let mut words = Words::default();

        for src in sources {
            let Some(mut doc) = parse_doc(src, &mut issues) else {
                continue;
            };
            let actors = std::mem::take(&mut doc.actor);
            read_named(
                src,
                actors,
                "actor",
                |a: &RawActor| &a.name,
                &mut raw_actors,
                &mut issues,
            );
            let places = std::mem::take(&mut doc.place);
            read_named(
                src,
                places,
                "place",
                |p: &RawPlace| &p.name,
                &mut raw_places,
                &mut issues,
            );
            for (line, v) in with_lines(src, std::mem::take(&mut doc.outlet)) {
                let Some(o) = typed::<RawOutlet>(src, line, v, &mut issues) else {
                    continue;
                };
                outlets.retain(|x| x.name != o.name);
                outlets.push(Outlet {
                    name: o.name,
                    aliases: o.aliases,
                    agency: o.agency,
                });
            }
            for (line, _) in with_lines(src, std::mem::take(&mut doc.statement)) {
                issues.push(LexiconIssue {
                    file: src.name.into(),
                    line: Some(line),
                    message: "[[statement]] patterns are no longer read: claims, accusations and denials come from the word classes (add words to [[verbs]] with class = \"claim\", \"blame\" or \"deny\"; see assets/lexicon/frames.toml), entry skipped".into(),
                });
            }
            for (line, v) in with_lines(src, std::mem::take(&mut doc.relation)) {
                let Some(c) = typed::<RawRelationCue>(src, line, v, &mut issues) else {
                    continue;
                };
                let Some(kind) = RelationKind::parse(&c.kind) else {
                    issues.push(LexiconIssue {
                        file: src.name.into(),
                        line: Some(line),
                        message: format!("unknown relation kind `{}`, entry skipped", c.kind),
                    });
                    continue;
                };
                let Some(CompiledCue {
                    regex,
                    lowered,
                    quick,
                    checked,
                    veto,
                    keywords,
                }) = compile_cue(src, line, &c.pattern, c.veto.as_deref(), &mut issues)
                else {
                    continue;
                };
                let missing = match c.missing.as_deref() {
                    None => Missing::None,
                    Some("nearest") => Missing::Nearest,
                    Some("subject") => Missing::Subject,
                    Some("affiliation") => Missing::Affiliation,
                    Some(other) => {
                        issues.push(LexiconIssue {
                            file: src.name.into(),
                            line: Some(line),
                            message: format!("unknown `missing = \"{other}\"`, entry skipped"),
                        });
                        continue;
                    }
                };
                let names: Vec<&str> = regex.capture_names().flatten().collect();
                let has = |n: &str| names.contains(&n);
                let sides = [
                    has("from") || has("froms"),
                    has("to") || has("tos") || has("to_gov"),
                ];
                let ok = match missing {
                    Missing::None => sides[0] && sides[1],
                    _ => sides[0] || sides[1],
                };
                if !ok {
                    issues.push(LexiconIssue { file: src.name.into(), line: Some(line), message: "relation pattern needs {from}/{froms} and {to}/{tos}, or one of them and `missing`; entry skipped".into() });
                    continue;
                }
                cues.relations.push(RelationCue {
                    keywords,
                    kind,
                    regex,
                    lowered,
                    quick,
                    checked,
                    missing,
                    from_kind: c.from_kind,
                    to_kind: c.to_kind,
                    veto,
                    origin: format!("{}:{}", src.name, line),
                });
            }
            for (line, v) in with_lines(src, std::mem::take(&mut doc.title)) {
                let Some(t) = typed::<RawTitle>(src, line, v, &mut issues) else {
                    continue;
                };
                let Some(relation) = RelationKind::parse(&t.relation) else {
                    issues.push(LexiconIssue {
                        file: src.name.into(),
                        line: Some(line),
                        message: format!("unknown relation `{}`, entry skipped", t.relation),
                    });
                    continue;
                };
                cues.titles.push(Title {
                    title: t.title.to_lowercase(),
                    relation,
                    body: t.body,
                });
            }
            for (line, v) in with_lines(src, std::mem::take(&mut doc.weapon)) {
                let Some(w) = typed::<RawWeapon>(src, line, v, &mut issues) else {
                    continue;
                };
                cues.weapons.push(Weapon {
                    name: w.name,
                    words: w.words.iter().map(|s| s.to_lowercase()).collect(),
                });
            }
            for (key, list) in [
                ("verbs", std::mem::take(&mut doc.verbs)),
                ("nouns", std::mem::take(&mut doc.nouns)),
            ] {
                for (line, v) in with_lines(src, list) {
                    let Some(raw) = typed::<words::RawClass>(src, line, v, &mut issues) else {
                        continue;
                    };
                    let origin = format!("{}:{}", src.name, line);
                    let r = if key == "verbs" {
                        words.add_verbs(raw, &origin)
                    } else {
                        words.add_nouns(raw, &origin)
                    };
                    if let Err(e) = r {
                        issues.push(LexiconIssue {
                            file: src.name.into(),
                            line: Some(line),
                            message: format!("{e}, entry skipped"),
                        });
                    }
                }
            }
            if let Some(f) = doc.function.as_ref() {
                for k in words.add_function(f) {
                    issues.push(LexiconIssue {
                        file: src.name.into(),
                        line: None,
                        message: format!("[function] has an unknown list `{k}`, ignored"),
                    });
                }
            }
            if let Some(words) = doc.words.as_ref() {
                let list = |k: &str| -> Vec<String> {
                    words
                        .get(k)
                        .and_then(|v| v.as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str())
                                .map(|s| s.to_lowercase())
                                .collect()
                        })
                        .unwrap_or_default()
                };
                cues.collectives.extend(list("collectives"));
                cues.speech_verbs.extend(list("speech_verbs"));
                cues.official_markers.extend(list("official_markers"));
                // Proper nouns: their case is kept.
                if let Some(a) = words.get("address_regions").and_then(|v| v.as_array()) {
                    address_regions.extend(a.iter().filter_map(|x| x.as_str()).map(String::from));
                }
            }
        }

        // Names -> ids, then resolve references.
        let mut by_name = HashMap::new();
        for (i, (a, _)) in raw_actors.iter().enumerate() {
            by_name.insert(a.name.clone(), ActorId(i as u32));
        }
        let mut actors = Vec::with_capacity(raw_actors.len());
        for (a, origin) in &raw_actors {
            let resolve =
                |n: &str, what: &str, issues: &mut Vec<LexiconIssue>| -> Option<ActorId> {
                    let id = by_name.get(n).copied();
                    if id.is_none() {
                        let (file, line) = split_origin(origin);
                        issues.push(LexiconIssue {
                            file,
                            line,
                            message: format!("{} `{}`: unknown {what} `{n}`, ignored", a.name, n),
                        });
                    }
                    id
                };
            let affiliation = a
                .affiliation
                .as_deref()
                .and_then(|n| resolve(n, "affiliation", &mut issues));
            let leads = a
                .leads
                .iter()
                .filter_map(|n| resolve(n, "actor in `leads`", &mut issues))
                .collect();
            for b in &a.backers {
                resolve(b, "backer", &mut issues);
            }
            actors.push(Actor {
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                demonyms: a.demonyms.clone(),
                affiliation,
                roles: a.roles.iter().map(|r| r.to_lowercase()).collect(),
                leads,
                homonyms: a.homonyms.clone(),
                diplomatic: a.diplomatic,
                origin: origin.clone(),
            });
        }
        // Affiliation cycles would loop the speaker resolution: break them.
        for i in 0..actors.len() {
            let mut seen = vec![i];
            let mut cur = actors[i].affiliation;
            while let Some(c) = cur {
                if seen.contains(&c.index()) {
                    let (file, line) = split_origin(&actors[i].origin);
                    issues.push(LexiconIssue {
                        file,
                        line,
                        message: format!(
                            "affiliation cycle through `{}`, affiliation dropped",
                            actors[i].name
                        ),
                    });
                    actors[i].affiliation = None;
                    break;
                }
                seen.push(c.index());
                cur = actors[c.index()].affiliation;
            }
        }
        {
            let mut words: Vec<String> = Vec::new();
            let mut cues_of: Vec<Vec<usize>> = Vec::new();
            let all = cues.relations.iter().map(|c| &c.keywords);
            for (i, kw) in all.enumerate() {
                for w in kw.iter().flatten() {
                    match words.iter().position(|x| x == w) {
                        Some(j) => cues_of[j].push(i),
                        None => {
                            words.push(w.clone());
                            cues_of.push(vec![i]);
                        }
                    }
                }
            }
            cues.gate_words = words;
            cues.gate_cues = cues_of;
        }
        // The weapon automaton runs on ASCII-lowercased text: with lowercased words it finds
        // what a case-insensitive search finds in the text, and a case-sensitive automaton can
        // skip ahead with a fast literal search.
        let mut weapon_words = Vec::new();
        for (i, w) in cues.weapons.iter().enumerate() {
            for word in &w.words {
                weapon_words.push(word.as_str());
                cues.weapon_of.push(i);
            }
        }
        cues.weapon_matcher = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(weapon_words.iter().map(|w| w.to_ascii_lowercase()))
            .ok();
        if !cues.titles.is_empty() {
            let mut titles: Vec<String> = cues
                .titles
                .iter()
                .map(|t| {
                    regex::escape(&t.title)
                        .replace(r"\-", "[- ]")
                        .replace(' ', r"[\s-]+")
                })
                .collect();
            titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
            let pat = format!(
                r"(?i)(?:@(?P<org>\d+)@(?:’s|'s|')?\s+|#(?P<orgl>\d+)#\s+)?(?:(?:former|late|then|current|(?:newly|recently)\s+(?:elected|appointed|named|installed)|slain|top|senior|acting|new|interim|deputy)\s+)?\b(?P<title>{})\s+(?:(?:gen\.|general|sheikh|sayyed|sayyid|ayatollah|dr\.|mp|lt\.\s+gen\.|maj\.\s+gen\.)\s+)?@(?P<person>\d+)@",
                titles.join("|")
            );
            let pat = pat.replace(r"\s", r"[ \t\n]");
            cues.title_regex = lowered_regex(&pat);
        }
        let places = raw_places
            .into_iter()
            .map(|(p, origin)| {
                let (file, line) = split_origin(&origin);
                let state = by_name
                    .get(&p.country)
                    .is_some_and(|id| actors[id.index()].kind == ActorKind::State);
                let country = if p.country.is_empty() {
                    None
                } else if state {
                    Some(p.country)
                } else {
                    issues.push(LexiconIssue {
                        file: file.clone(),
                        line,
                        message: format!(
                            "place `{}`: country `{}` is not a state of the lexicon, ignored",
                            p.name, p.country
                        ),
                    });
                    None
                };
                if !p.kind.is_empty() && !PLACE_KINDS.contains(&p.kind.as_str()) {
                    issues.push(LexiconIssue {
                        file,
                        line,
                        message: format!(
                            "place `{}`: unknown kind `{}` (one of {})",
                            p.name,
                            p.kind,
                            PLACE_KINDS.join(", ")
                        ),
                    });
                }
                Place {
                    name: p.name,
                    country,
                    kind: p.kind,
                    aliases: p.aliases,
                }
            })
            .collect();
        // The furniture names of the outlets, each once (for the first outlet it names).
        let mut outlet_name_of = Vec::new();
        let mut furniture_names: Vec<&str> = Vec::new();
        for (i, o) in outlets.iter().enumerate().filter(|(_, o)| !o.agency) {
            let names = std::iter::once(&o.name)
                .chain(o.aliases.iter().filter(|a| !a.contains('.') && a.len() > 3));
            for n in names {
                if !furniture_names.contains(&n.as_str()) {
                    furniture_names.push(n);
                    outlet_name_of.push(i);
                }
            }
        }
        let outlet_names = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&furniture_names)
            .ok();
        let mut by_folded = HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                let k = fold_name(n);
                if !k.is_empty() {
                    by_folded.entry(k).or_insert(ActorId(i as u32));
                }
            }
        }
        Lexicon {
            actors,
            places,
            outlets,
            cues,
            words,
            address_regions,
            outlet_names,
            outlet_name_of,
            issues,
            by_name,
            by_folded,
        }
    }

    /// The actor whose canonical name or alias folds like `name` ([`fold_name`]).
    pub fn actor_by_folded_name(&self, name: &str) -> Option<ActorId> {
        let k = fold_name(name);
        if k.is_empty() {
            return None;
        }
        self.by_folded.get(&k).copied()
    }

    /// The actor with this canonical name.
    pub fn actor_by_name(&self, name: &str) -> Option<ActorId> {
        self.by_name.get(name).copied()
    }

    /// The actor.
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }

    /// The place.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.index()]
    }

    /// The side an actor speaks for: a person or government body is followed up its
    /// affiliations to the first state or armed group; a group or state is its own side.
    pub fn side_of(&self, id: ActorId) -> ActorId {
        let mut cur = id;
        for _ in 0..8 {
            let a = self.actor(cur);
            match a.kind {
                ActorKind::State | ActorKind::ArmedGroup | ActorKind::PoliticalParty => return cur,
                _ => match a.affiliation {
                    Some(next) => cur = next,
                    None => return cur,
                },
            }
        }
        cur
    }

    /// The state an actor belongs to, following affiliations.
    pub fn state_of(&self, id: ActorId) -> Option<ActorId> {
        let mut cur = id;
        for _ in 0..8 {
            let a = self.actor(cur);
            if a.kind == ActorKind::State {
                return Some(cur);
            }
            cur = a.affiliation?;
        }
        None
    }
}

fn split_origin(origin: &str) -> (String, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((f, l)) => (f.to_string(), l.parse().ok()),
        None => (origin.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_loads_without_issues() {
        let lex = Lexicon::bundled();
        assert!(lex.issues.is_empty(), "{:#?}", lex.issues);
        assert!(lex.actors.len() > 100);
        assert!(lex.places.len() > 30);
        assert!(!lex.words.examples.is_empty());
        assert!(!lex.cues.relations.is_empty());
        let kh = lex.actor_by_name("Kataib Hezbollah").unwrap();
        assert_eq!(lex.actor(kh).kind, ActorKind::ArmedGroup);
        // Every UN member state and the four others (Palestine, Taiwan, Kosovo, the Vatican).
        let states = lex
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::State)
            .count();
        assert_eq!(states, 197);
        assert!(lex.address_regions.iter().any(|r| r == "Pennsylvania"));
    }

    #[test]
    fn places_with_an_unknown_country_or_kind_are_reported() {
        let user = "[[place]]\nname = \"Camp Test\"\ncountry = \"Atlantis\"\nkind = \"base\"\n\n[[place]]\nname = \"Test Reef\"\nkind = \"reef\"\n\n[[place]]\nname = \"Hezbollah Town\"\ncountry = \"Hezbollah\"\nkind = \"city\"\n";
        let lex = Lexicon::with_user_file("proxylens.toml", user);
        let msgs: Vec<String> = lex.issues.iter().map(|i| i.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(msgs[0].starts_with("proxylens.toml:1: place `Camp Test`: country `Atlantis`"));
        assert!(msgs[1].starts_with("proxylens.toml:6: place `Test Reef`: unknown kind `reef`"));
        assert!(msgs[2].contains("country `Hezbollah` is not a state"));
        let camp = lex.places.iter().find(|p| p.name == "Camp Test").unwrap();
        assert_eq!(camp.country, None);
    }

    #[test]
    fn homonyms_load_from_a_user_file() {
        let user = "[[actor]]\nname = \"Chad\"\nkind = \"state\"\nhomonyms = [\"Chad Smith\"]\n";
        let lex = Lexicon::with_user_file("proxylens.toml", user);
        assert!(lex.issues.is_empty(), "{:#?}", lex.issues);
        let chad = lex.actor_by_name("Chad").unwrap();
        assert_eq!(lex.actor(chad).homonyms, ["Chad Smith"]);
    }

    /// The bundled cue patterns, expanded.
    fn bundled_cue_patterns() -> impl Iterator<Item = String> {
        crate::lexicon::BUNDLED_CUES
            .lines()
            .filter_map(|l| l.strip_prefix("pattern = '"))
            .map(|p| expand_pattern(p.trim_end_matches('\'')))
    }

    #[test]
    fn lowered_patterns_match_lowered_text_as_the_pattern_matches_the_text() {
        let patterns: Vec<String> = bundled_cue_patterns()
            .chain([
                r"(?i)\bAbC[dD]e\s+[^A-Z]+(?P<x>\d+)".to_string(),
                r"(?i)[^a]b{2,4}?\W".to_string(),
            ])
            .collect();
        assert!(patterns.len() > 20);
        let mut matches = 0;
        let texts = [
            "@0@-Backed militias DENIED any involvement in the ATTACK on @1@ forces.",
            "@0@, which Is Backed By @1@, said it Was Not Behind the strikes; @2@ Claimed Responsibility.",
            "@0@\u{2019}s Support For @1@ and the Talks between @2@ and @3@ — “We Retaliated Against @4@”",
            "ABCDE xyz 12 and aBcDe QRS 7; ABBB. abbb! Abbbbb? @0@ SUPPORTS the @1@ Government of @2@",
            "@0@ Attacks On @1@ and @2@\u{2019} Leader, @3@, Head of the Islamic @4@ in \u{e9}t\u{e9}",
        ];
        for p in &patterns {
            let original = byte_regex(p).expect("valid");
            let lowered = lowered_regex(p).expect("no case-sensitive part");
            for text in texts {
                let low = text.to_ascii_lowercase();
                let a: Vec<_> = original
                    .captures_iter(text.as_bytes())
                    .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
                    .collect();
                let b: Vec<_> = lowered
                    .captures_iter(low.as_bytes())
                    .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>())
                    .collect();
                assert_eq!(a, b, "{p} on {text}");
                matches += a.len();
                if let Some(loose) = loose_regex(p) {
                    assert!(
                        loose.is_match(low.as_bytes()) || a.is_empty(),
                        "{p} on {text}"
                    );
                }
            }
        }
        assert!(
            matches >= 10,
            "the texts should exercise the patterns: {matches}"
        );
        let gap = expand_pattern(r"{from}{gap}{0,60}?\battacks?\b");
        let loose = loose_regex(&gap).expect("a bounded gap to loosen");
        assert!(loose.is_match(format!("@0@ {} attack", "x".repeat(70)).as_bytes()));
        assert!(loose_regex(&expand_pattern(r"\bden(?:y|ies)\s+{about}")).is_none());
        // A case-sensitive part keeps the pattern on the original text.
        for p in [r"\b(?-i:US)\b", r"(?-i:[A-Z])\w+ said", r"(?-i:[a-z])"] {
            assert!(lowered_regex(&expand_pattern(p)).is_none(), "{p}");
        }
        assert!(lowered_regex(&expand_pattern(r"\bUS\b [a-z] (?i:x)")).is_some());
        let lex = Lexicon::with_user_file(
            "proxylens.toml",
            "[[relation]]\nkind = \"backs\"\npattern = '{from} (?-i:FUNDS) {to}'\n",
        );
        let cue = lex.cues.relations.last().expect("the user's cue");
        assert!(!cue.lowered);
        assert!(cue.regex.is_match(b"@0@ FUNDS @1@") && !cue.regex.is_match(b"@0@ funds @1@"));
        // Statement patterns of old files are reported, not read.
        let old = Lexicon::with_user_file(
            "proxylens.toml",
            "[[statement]]\nkind = \"claim\"\npattern = 'we did it'\n",
        );
        assert!(
            old.issues
                .iter()
                .any(|i| i.message.contains("no longer read") && i.line == Some(1))
        );
    }

    /// The whole-match spans and named groups (those of `names`) of a list of captures, for
    /// comparing forms of a pattern whose groups are numbered differently.
    fn named_spans(
        names: &regex::bytes::Regex,
        found: &[regex::bytes::Captures<'_>],
    ) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        found
            .iter()
            .map(|c| {
                std::iter::once(c.get(0).map(|m| m.range()))
                    .chain(
                        names
                            .capture_names()
                            .flatten()
                            .map(|n| c.name(n).map(|m| m.range())),
                    )
                    .collect()
            })
            .collect()
    }

    #[test]
    fn checked_loose_captures_are_the_patterns_captures() {
        let patterns: Vec<String> = bundled_cue_patterns()
            .chain([
                // A leftmost loose match that breaks the bound, and a later one that keeps it.
                expand_pattern(r"\bfoo\b{gap}{0,10}?\bbar\b"),
                expand_pattern(r"\bfoo\b{gap}{4,10}\bbar\b"),
            ])
            .collect();
        // Sentences of cue words, markers and filler runs of every length around the bounds.
        let words = [
            "@0@",
            "@1@",
            "@2@",
            "#0#",
            "attack",
            "attacks",
            "on",
            "against",
            "the",
            "foo",
            "bar",
            "backed",
            "by",
            "supported",
            "militias",
            "denied",
            "responsibility",
            "for",
            "claimed",
            "said",
            "'s",
            ",",
            "and",
            "strikes",
            "war",
            "met",
            "with",
            "leader",
            "of",
            "blamed",
            "x",
            "yy",
            "zzzzzzzzzzzzzzz",
            "struck",
            "targeted",
            "linked",
            "to",
            "retaliated",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let texts: Vec<String> = (0..3000)
            .map(|_| {
                let n = 3 + next(25);
                (0..n)
                    .map(|_| words[next(words.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let (mut checked_patterns, mut matches, mut broken) = (0, 0, 0);
        for p in &patterns {
            let Some(checked) = Checked::new(p) else {
                continue;
            };
            checked_patterns += 1;
            let strict = lowered_regex(p).expect("lowered");
            for text in &texts {
                let h = text.as_bytes();
                let want: Vec<_> = strict.captures_iter(h).collect();
                let got = checked.captures(&strict, h);
                assert_eq!(
                    named_spans(&strict, &want),
                    named_spans(&strict, &got),
                    "{p} on {text}"
                );
                matches += want.len();
                let loose: Vec<_> = checked.regex.captures_iter(h).collect();
                if named_spans(&strict, &loose) != named_spans(&strict, &want) {
                    broken += 1;
                }
            }
        }
        assert!(checked_patterns >= 1, "{checked_patterns}");
        assert!(
            matches >= 100,
            "the texts should exercise the patterns: {matches}"
        );
        assert!(broken >= 10, "the texts should break the bounds: {broken}");
    }

    #[test]
    fn user_file_overrides_and_reports_bad_entries_with_line() {
        let user = "[[actor]]\nname = \"Kataib Hezbollah\"\nkind = \"armed_group\"\naliases = [\"KH-X\"]\n\n[[actor]]\nname = \"Broken\"\nkind = \"spaceship\"\n\n[[actor]]\nname = \"Liwa Test\"\nkind = \"armed_group\"\n";
        let lex = Lexicon::with_user_file("proxylens.toml", user);
        let kh = lex.actor_by_name("Kataib Hezbollah").unwrap();
        assert_eq!(lex.actor(kh).aliases, vec!["KH-X".to_string()]);
        assert!(lex.actor_by_name("Liwa Test").is_some());
        assert!(lex.actor_by_name("Broken").is_none());
        let issue = lex
            .issues
            .iter()
            .find(|i| i.file == "proxylens.toml")
            .expect("issue reported");
        assert!(matches!(issue.line, Some(6..=8)), "{issue}");
    }

    #[test]
    fn invalid_toml_is_reported_and_rest_loads() {
        let lex = Lexicon::with_user_file("proxylens.toml", "[[actor]\nname = ");
        assert!(lex.issues.iter().any(|i| i.file == "proxylens.toml"));
        assert!(lex.actor_by_name("Iran").is_some());
    }

    #[test]
    fn side_of_follows_affiliation_to_state() {
        let lex = Lexicon::bundled();
        let k = lex.actor_by_name("Nasser Kanaani").unwrap();
        assert_eq!(lex.actor(lex.side_of(k)).name, "Iran");
    }
}
