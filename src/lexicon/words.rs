//! Word classes for the frame analysis, loaded from `assets/lexicon/frames.toml` (and a
//! user's `proxylens.toml`): which words are verbs of saying, of attacking, of claiming …,
//! which nouns name attacks, forces or officials, and the closed-class words (auxiliaries,
//! negations, determiners) the frames are read with.
//!
//! The table answers one question per word: [`Words::get`] gives its [`Entry`] (every reading
//! the word can have); the analysis decides between the readings in context.

use std::collections::HashMap;

use serde::Deserialize;

/// What kind of act a verb reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// "said", "told": what follows is what a source says.
    Say,
    /// "assessed", "believes": a source's judgement.
    Believe,
    /// "claimed", "took responsibility".
    Claim,
    /// "denied", "rejected".
    Deny,
    /// "blamed", "accused".
    Blame,
    /// "struck", "targeted".
    Attack,
    /// "launched", "carried out": an attack when its object is an attack or a weapon.
    Launch,
    /// "backs", "funded".
    Back,
    /// "leads", "headed".
    Lead,
    /// "retaliated", "responded".
    Retaliate,
    /// "met", "negotiated".
    Meet,
    /// "threatened to", "vowed to".
    Intend,
    /// "killed", "injured".
    Harm,
    /// "involved", "took part".
    Involve,
    /// "intercepted", "shot down": a defence, whose object is an attacking weapon.
    Defend,
    /// "belonged to", "answers to": fighters, weapons or sites that are someone's.
    Belong,
    /// "hid", "concealed": hiding one's part ("hide its hand in the attacks").
    Conceal,
    /// "defended", "justified": speaking up for an act (one's own, when it is an attack).
    Justify,
    /// Any other verb ("began", "remained"): known to be a verb, no predicate.
    Other,
}

impl VerbClass {
    fn parse(s: &str) -> Option<VerbClass> {
        Some(match s {
            "say" => VerbClass::Say,
            "believe" => VerbClass::Believe,
            "claim" => VerbClass::Claim,
            "deny" => VerbClass::Deny,
            "blame" => VerbClass::Blame,
            "attack" => VerbClass::Attack,
            "launch" => VerbClass::Launch,
            "back" => VerbClass::Back,
            "lead" => VerbClass::Lead,
            "retaliate" => VerbClass::Retaliate,
            "meet" => VerbClass::Meet,
            "intend" => VerbClass::Intend,
            "harm" => VerbClass::Harm,
            "involve" => VerbClass::Involve,
            "defend" => VerbClass::Defend,
            "belong" => VerbClass::Belong,
            "justify" => VerbClass::Justify,
            "conceal" => VerbClass::Conceal,
            "other" => VerbClass::Other,
            _ => return None,
        })
    }
}

/// Noun classes, as bits of a [`NounSet`].
pub mod noun {
    /// An attack act.
    pub const ATTACK: u32 = 1 << 0;
    /// An event that is an attack only with an anchor.
    pub const WEAK_ATTACK: u32 = 1 << 1;
    /// Forces, assets or sites of the actor before them.
    pub const FORCE: u32 = 1 << 2;
    /// People or bodies that speak for the actor before them.
    pub const OFFICIAL: u32 = 1 << 3;
    /// An unnamed group.
    pub const COLLECTIVE: u32 = 1 << 4;
    /// The war or crisis that is the context.
    pub const CONTEXT: u32 = 1 << 5;
    /// What is claimed or denied.
    pub const RESPONSIBILITY: u32 = 1 << 6;
    /// What is rejected.
    pub const ALLEGATION: u32 = 1 << 7;
    /// A response.
    pub const RESPONSE: u32 = 1 << 8;
    /// Support.
    pub const BACKING: u32 = 1 << 9;
    /// A head of an organisation.
    pub const LEADER: u32 = 1 << 10;
    /// A part of an organisation.
    pub const MEMBER: u32 = 1 << 11;
    /// An organisation of organisations.
    pub const UMBRELLA: u32 = 1 << 12;
    /// An instrument of attack.
    pub const WEAPON: u32 = 1 << 13;
    /// What a tally counts besides attacks ("times").
    pub const COUNT: u32 = 1 << 14;
    /// A word of office ("spokesman", "minister").
    pub const TITLE: u32 = 1 << 15;
    /// What strikes for its owner: aircraft, warships ("fighter jets carried out the raid").
    pub const PLATFORM: u32 = 1 << 16;
    /// Harm done to people ("deaths", "casualties"): blame for it is blame for violence.
    pub const CASUALTY: u32 = 1 << 17;
    /// What a side says of its own strikes to defend them ("self-defence", "proportionate").
    pub const JUSTIFICATION: u32 = 1 << 18;
    /// What calls a charge false ("a pretext", "baseless").
    pub const FALSEHOOD: u32 = 1 << 19;
    /// A name or body that hides who stands behind it ("a front for X").
    pub const FRONT: u32 = 1 << 20;

    pub(super) fn parse(s: &str) -> Option<u32> {
        Some(match s {
            "attack" => ATTACK,
            "weak_attack" => WEAK_ATTACK,
            "force" => FORCE,
            "official" => OFFICIAL,
            "collective" => COLLECTIVE,
            "context" => CONTEXT,
            "responsibility" => RESPONSIBILITY,
            "allegation" => ALLEGATION,
            "response" => RESPONSE,
            "backing" => BACKING,
            "leader" => LEADER,
            "member" => MEMBER,
            "umbrella" => UMBRELLA,
            "weapon" => WEAPON,
            "count" => COUNT,
            "title" => TITLE,
            "platform" => PLATFORM,
            "casualty" => CASUALTY,
            "justification" => JUSTIFICATION,
            "falsehood" => FALSEHOOD,
            "front" => FRONT,
            _ => return None,
        })
    }
}

/// Closed-class word bits.
pub mod func {
    /// "is", "was", "been".
    pub const BE: u32 = 1 << 0;
    /// "has", "had".
    pub const HAVE: u32 = 1 << 1;
    /// "did".
    pub const DO: u32 = 1 << 2;
    /// "would", "could".
    pub const MODAL: u32 = 1 << 3;
    /// "not", "never".
    pub const NEG: u32 = 1 << 4;
    /// "the", "its".
    pub const DET: u32 = 1 << 5;
    /// "he", "they".
    pub const PRON: u32 = 1 << 6;
    /// "who", "which".
    pub const REL: u32 = 1 << 7;
    /// "in", "on".
    pub const PREP: u32 = 1 << 8;
    /// "and", "while".
    pub const CONJ: u32 = 1 << 9;
    /// "that" after a verb of saying.
    pub const COMP: u32 = 1 << 10;
    /// "also", "reportedly".
    pub const ADV: u32 = 1 << 11;
    /// "possible", "future".
    pub const HYPO: u32 = 1 << 12;
    /// "repeated", "several".
    pub const GENERIC: u32 = 1 << 13;
    /// "believed", "suspected".
    pub const HEDGE: u32 = 1 << 14;
    /// "if", "unless".
    pub const COND: u32 = 1 << 15;

    pub(super) fn parse(s: &str) -> Option<u32> {
        Some(match s {
            "be" => BE,
            "have" => HAVE,
            "do" => DO,
            "modal" => MODAL,
            "negation" => NEG,
            "determiner" => DET,
            "pronoun" => PRON,
            "relative" => REL,
            "preposition" => PREP,
            "conjunction" => CONJ,
            "complementizer" => COMP,
            "adverb" => ADV,
            "hypothetical" => HYPO,
            "generic" => GENERIC,
            "hedge" => HEDGE,
            "condition" => COND,
            _ => return None,
        })
    }
}

/// Verb form bits.
pub mod form {
    /// "attack".
    pub const BASE: u8 = 1 << 0;
    /// "attacks".
    pub const S: u8 = 1 << 1;
    /// "attacked" (tense).
    pub const PAST: u8 = 1 << 2;
    /// "attacked" (participle).
    pub const PART: u8 = 1 << 3;
    /// "attacking".
    pub const ING: u8 = 1 << 4;
}

/// One verb reading of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbSense {
    /// The class.
    pub class: VerbClass,
    /// Form bits (see [`form`]).
    pub form: u8,
    /// The base form ("strike" for "struck").
    pub lemma: Box<str>,
    /// Words that must follow ("out" of "carry out", "responsible" of "hold … responsible").
    pub tail: Box<[Box<str>]>,
}

/// A multi-word noun that starts with this word ("service members").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NounPhrase {
    /// The words after the first.
    pub tail: Box<[Box<str>]>,
    /// Its classes.
    pub classes: u32,
}

/// Every reading of one (lower-case) word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Verb readings.
    pub verbs: Vec<VerbSense>,
    /// Noun classes of the word alone (see [`noun`]).
    pub nouns: u32,
    /// Multi-word nouns that start with it, longest first.
    pub phrases: Vec<NounPhrase>,
    /// Closed-class bits (see [`func`]).
    pub func: u32,
}

impl Entry {
    /// Whether the word has a verb reading of `class`.
    pub fn verb(&self, class: VerbClass) -> bool {
        self.verbs.iter().any(|v| v.class == class)
    }

    /// Whether it is a closed-class word of `bits`.
    pub fn is(&self, bits: u32) -> bool {
        self.func & bits != 0
    }
}

/// A word class entry's example sentence, run by the tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// `verb:say`, `noun:attack`, …
    pub class: String,
    /// The words of the entry (their lemmas or forms).
    pub words: Vec<String>,
    /// The sentence.
    pub sentence: String,
    /// Whether a frame must be found (`false`: a counter-example).
    pub positive: bool,
    /// `file:line` of the entry.
    pub origin: String,
}

/// The word table.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Looked up for every word of every sentence: hashed with rustc's fast hash, not the
    /// default's DoS-resistant one (the keys are the lexicon's own words).
    map: HashMap<Box<str>, Entry, rustc_hash::FxBuildHasher>,
    /// Every example and counter-example, for the tests.
    pub examples: Vec<Example>,
}

/// A `[[verbs]]` or `[[nouns]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClass {
    class: String,
    words: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counter: Vec<String>,
}

/// The regular forms of a verb: (word, form bits).
fn inflect(base: &str) -> Vec<(String, u8)> {
    let b = base;
    let vowel = |c: char| "aeiou".contains(c);
    let last = b.chars().last().unwrap_or(' ');
    let before_last = b.chars().rev().nth(1).unwrap_or(' ');
    let s = if b.ends_with('s')
        || b.ends_with('x')
        || b.ends_with('z')
        || b.ends_with("ch")
        || b.ends_with("sh")
    {
        format!("{b}es")
    } else if last == 'y' && !vowel(before_last) {
        format!("{}ies", &b[..b.len() - 1])
    } else {
        format!("{b}s")
    };
    let past = if last == 'e' {
        format!("{b}d")
    } else if last == 'y' && !vowel(before_last) {
        format!("{}ied", &b[..b.len() - 1])
    } else {
        format!("{b}ed")
    };
    let ing = if let Some(stem) = b.strip_suffix("ie") {
        format!("{stem}ying")
    } else if last == 'e' && !b.ends_with("ee") && b.len() > 2 {
        format!("{}ing", &b[..b.len() - 1])
    } else {
        format!("{b}ing")
    };
    vec![
        (b.to_string(), form::BASE),
        (s, form::S),
        (past, form::PAST | form::PART),
        (ing, form::ING),
    ]
}

/// The forms of a verb written `base`, `base:past:participle` or `base:past:participle:ing`,
/// each possibly several words ("carry out"): (first word, form bits, tail words).
fn verb_forms(spec: &str) -> Vec<(String, u8, Vec<String>)> {
    let parts: Vec<&str> = spec.split(':').map(str::trim).collect();
    let split = |s: &str| -> (String, Vec<String>) {
        let mut w = s.split_whitespace().map(|x| x.to_lowercase());
        let first = w.next().unwrap_or_default();
        (first, w.collect())
    };
    let (base, tail) = split(parts[0]);
    let mut forms = inflect(&base);
    if parts.len() >= 3 {
        let (past, _) = split(parts[1]);
        let (part, _) = split(parts[2]);
        forms.retain(|(_, f)| *f & (form::PAST | form::PART) == 0);
        if past == part {
            forms.push((past, form::PAST | form::PART));
        } else {
            forms.push((past, form::PAST));
            forms.push((part, form::PART));
        }
    }
    if parts.len() >= 4 {
        let (ing, _) = split(parts[3]);
        forms.retain(|(_, f)| *f != form::ING);
        forms.push((ing, form::ING));
    }
    // The same word in several forms ("hit": base and past) gets their bits together.
    let mut merged: Vec<(String, u8, Vec<String>)> = Vec::new();
    for (w, f) in forms {
        match merged.iter_mut().find(|(x, _, _)| *x == w) {
            Some(m) => m.1 |= f,
            None => merged.push((w, f, tail.clone())),
        }
    }
    merged
}

impl Words {
    /// The entry of a lower-case word.
    pub fn get(&self, word: &str) -> Option<&Entry> {
        self.map.get(word)
    }

    fn entry(&mut self, word: &str) -> &mut Entry {
        self.map.entry(word.into()).or_default()
    }

    /// Adds a `[[verbs]]` entry; `Err` names what is wrong.
    pub(crate) fn add_verbs(&mut self, raw: RawClass, origin: &str) -> Result<(), String> {
        let class = VerbClass::parse(&raw.class)
            .ok_or_else(|| format!("unknown verb class `{}`", raw.class))?;
        for spec in &raw.words {
            if spec.trim().is_empty() {
                return Err("an empty word".into());
            }
            // The lemma is the verb itself ("carry" of "carry out").
            let lemma: Box<str> = spec
                .split(':')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase()
                .into();
            for (w, f, tail) in verb_forms(spec) {
                let tail: Box<[Box<str>]> = tail.into_iter().map(Into::into).collect();
                let e = self.entry(&w);
                if let Some(v) = e
                    .verbs
                    .iter_mut()
                    .find(|v| v.class == class && v.tail == tail && v.lemma == lemma)
                {
                    v.form |= f;
                } else {
                    e.verbs.push(VerbSense {
                        class,
                        form: f,
                        lemma: lemma.clone(),
                        tail,
                    });
                }
            }
        }
        self.add_examples("verb", raw, origin);
        Ok(())
    }

    /// Adds a `[[nouns]]` entry.
    pub(crate) fn add_nouns(&mut self, raw: RawClass, origin: &str) -> Result<(), String> {
        let class =
            noun::parse(&raw.class).ok_or_else(|| format!("unknown noun class `{}`", raw.class))?;
        for w in &raw.words {
            let words: Vec<String> = w.split_whitespace().map(|x| x.to_lowercase()).collect();
            let Some((first, tail)) = words.split_first() else {
                return Err("an empty word".into());
            };
            let e = self.entry(first);
            if tail.is_empty() {
                e.nouns |= class;
            } else {
                let tail: Box<[Box<str>]> = tail.iter().map(|s| s.as_str().into()).collect();
                match e.phrases.iter_mut().find(|p| p.tail == tail) {
                    Some(p) => p.classes |= class,
                    None => e.phrases.push(NounPhrase {
                        tail,
                        classes: class,
                    }),
                }
                e.phrases.sort_by_key(|p| std::cmp::Reverse(p.tail.len()));
            }
        }
        self.add_examples("noun", raw, origin);
        Ok(())
    }

    fn add_examples(&mut self, what: &str, raw: RawClass, origin: &str) {
        let words: Vec<String> = raw.words.iter().map(|w| w.to_lowercase()).collect();
        let class = format!("{what}:{}", raw.class);
        for (list, positive) in [(raw.examples, true), (raw.counter, false)] {
            for sentence in list {
                self.examples.push(Example {
                    class: class.clone(),
                    words: words.clone(),
                    sentence,
                    positive,
                    origin: origin.to_string(),
                });
            }
        }
    }

    /// Adds the closed-class lists of a `[function]` table; returns the unknown list names.
    pub(crate) fn add_function(&mut self, table: &toml::Table) -> Vec<String> {
        let mut unknown = Vec::new();
        for (k, v) in table {
            let Some(bit) = func::parse(k) else {
                unknown.push(k.clone());
                continue;
            };
            for w in v
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
            {
                self.entry(&w.to_lowercase()).func |= bit;
            }
        }
        unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms() {
        let forms = |s: &str| -> Vec<(String, u8)> {
            verb_forms(s).into_iter().map(|(w, f, _)| (w, f)).collect()
        };
        assert!(forms("target").contains(&("targeted".into(), form::PAST | form::PART)));
        assert!(forms("target").contains(&("targeting".into(), form::ING)));
        assert!(forms("deny:denied:denied").contains(&("denies".into(), form::S)));
        assert!(forms("deny:denied:denied").contains(&("denied".into(), form::PAST | form::PART)));
        assert!(forms("strike:struck:struck:striking").contains(&("striking".into(), form::ING)));
        let hit = forms("hit:hit:hit:hitting");
        assert!(hit.contains(&("hit".into(), form::BASE | form::PAST | form::PART)));
        assert!(forms("launch").contains(&("launches".into(), form::S)));
        assert!(forms("emphasize").contains(&("emphasizing".into(), form::ING)));
        let carry = verb_forms("carry out");
        assert!(
            carry
                .iter()
                .any(|(w, f, t)| w == "carried" && *f & form::PAST != 0 && t == &["out"])
        );
    }
}
