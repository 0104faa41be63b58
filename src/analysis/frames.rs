//! Frames: who says what, who does what to whom, where and when — read from each sentence
//! once, for every later pass (statements, attacks, relations, tallies).
//!
//! A sentence becomes a string of [`Tok`]ens: words, and the actors, places and dates the
//! earlier passes found, each one token. Every word is tagged from the word table
//! (`assets/lexicon/frames.toml`, see [`crate::lexicon::words`]): a verb of a class, a noun of
//! some classes, a closed-class word, or a name. Predicates are the verbs and nouns of the
//! classes the analysis cares about; each gets its arguments by position and grammar, not by
//! the sentence it was written from:
//!
//! - the **subject** is the noun phrase before the verb, past auxiliaries, adverbs, an
//!   appositive or a relative pronoun ("Kataib Hezbollah, one of the factions, said",
//!   "the group that claimed"); in the passive it is the patient and "by X" the agent;
//! - the **object** is the noun phrase after it; "on", "to", "of", "for", "at" phrases are
//!   kept for the verbs that take them ("blamed the attack **on** X", "accused X **of**");
//! - an attack noun takes its agent from an actor before it ("Houthi attacks", "Iran's
//!   strike"), from "by X", or from the verb that governs it ("X launched an attack",
//!   "the attack was carried out by X"), its target from "on/against X";
//! - **negation**, **modality** ("would", "could"), **intention** ("threatened to") and
//!   **conditions** ("if") are read once from the words before a predicate, for every class;
//! - **speech frames** ("X said …", "…, X said", "according to X", quotes, transcript
//!   labels, the issuing body of an official text) give each predicate its source.

use crate::lexicon::words::{Entry, VerbClass, form, func, noun};
use crate::model::ActorKind;

use super::DocCtx;
use super::template::Role;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word (its entry, if the table has one, is in [`Tok::entry`]).
    Word,
    /// An actor mention (index into the sentence template's mentions) and/or a place
    /// mention (index into the document's places).
    Ent {
        /// The template mention.
        actor: Option<usize>,
        /// The place.
        place: Option<usize>,
    },
    /// A date expression (index into the sentence's dates).
    Date(usize),
    /// A number written in digits.
    Num(u64),
    /// Punctuation.
    Punct(char),
}

/// The part of speech a word plays here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// A noun (its classes, see [`noun`]).
    Noun(u32),
    /// A verb (its form bits, see [`form`]); senses in the entry.
    Verb(u8),
    /// A name not in the lexicon (a capitalised word).
    Name,
    /// An adjective or participle used as one.
    Adj,
    /// An adverb.
    Adv,
    /// A determiner ("the", "its", "no").
    Det,
    /// A preposition.
    Prep,
    /// A conjunction.
    Conj,
    /// "that" introducing what was said.
    Comp,
    /// A relative pronoun.
    Rel,
    /// A personal pronoun.
    Pron,
    /// An auxiliary (its function bits).
    Aux(u32),
    /// "not", "never".
    Neg,
    /// The possessive "'s".
    Poss,
    /// An actor, place or date, a number, punctuation.
    Other,
}

/// One token of a sentence.
#[derive(Clone, Copy, Debug)]
pub struct Tok<'l> {
    /// First byte in the document.
    pub s: usize,
    /// One past the last.
    pub e: usize,
    /// What it is.
    pub kind: Kind,
    /// Its table entry (words only).
    pub entry: Option<&'l Entry>,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Written right after the previous token, without a space ("-backed", "'s").
    pub glued: bool,
    /// Its value, for number words ("three").
    pub num: Option<u64>,
    /// The part of speech.
    pub tag: Tag,
    /// Noun classes of a multi-word noun starting here, and how many tokens it spans.
    pub phrase: Option<(u32, u8)>,
}

impl Tok<'_> {
    /// Whether it is a word whose closed-class bits include `bits`.
    pub fn is(&self, bits: u32) -> bool {
        self.entry.is_some_and(|e| e.func & bits != 0)
    }

    /// Noun classes it has as a noun here (a multi-word noun counts from its first word).
    pub fn noun(&self) -> u32 {
        match self.tag {
            Tag::Noun(c) => c | self.phrase.map_or(0, |p| p.0),
            _ => 0,
        }
    }
}

/// The tokens of one sentence, with the text they come from.
pub struct Sent<'a, 'l> {
    /// The tokens.
    pub toks: Vec<Tok<'l>>,
    /// The document's lowercased text.
    pub lower: &'a str,
    /// The document's text.
    pub text: &'a str,
    /// The sentence's index in its document.
    pub si: usize,
    /// Its actor mentions (the template's).
    pub mentions: &'a [super::template::SentMention],
}

impl<'l> Sent<'_, 'l> {
    /// The lowercased word of token `i` ("" for non-words).
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => &self.lower[t.s..t.e],
            _ => "",
        }
    }

    /// The lemma token `i` has as a verb of class `class` ("attributing": "attribute"), or "".
    pub fn lemma(&self, i: usize, class: VerbClass) -> &'l str {
        self.toks
            .get(i)
            .and_then(|t| t.entry)
            .and_then(|e| e.verbs.iter().find(|v| v.class == class))
            .map_or("", |v| &*v.lemma)
    }

    /// Whether token `i` is the word `w`.
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.w(i) == w
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct(c))
    }
}

/// Whether a noun looks plural: "-s", and the plurals that do not end so ("gunmen",
/// "people").
fn looks_plural(w: &str) -> bool {
    (w.ends_with('s') && !w.ends_with("ss"))
        || w.ends_with("men")
        || matches!(w, "people" | "personnel" | "police" | "children")
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text[s..e]` (outside entities) into word and punctuation tokens.
fn words_in<'l>(
    text: &str,
    s: usize,
    e: usize,
    words: &'l crate::lexicon::Words,
    out: &mut Vec<Tok<'l>>,
) {
    let part = &text[s..e];
    let mut it = part.char_indices().peekable();
    let mut prev_end: Option<usize> = None;
    while let Some((i, c)) = it.next() {
        let abs = s + i;
        if c.is_whitespace() {
            continue;
        }
        let glued = prev_end == Some(abs)
            || (prev_end.is_none() && abs == s && s > 0 && {
                let b = text[..s].chars().next_back();
                b.is_some_and(|b| !b.is_whitespace())
            });
        // A hyphen that joins this word to the previous token ("Iran-backed"): the word is
        // glued to it and the hyphen dropped.
        if (c == '-' || c == '‑') && glued && part[i + c.len_utf8()..].starts_with(is_word_char) {
            prev_end = Some(abs + c.len_utf8());
            continue;
        }
        if is_word_char(c) {
            // A word: letters and digits, with inner apostrophes, periods of abbreviations
            // ("U.S."), and digit commas ("2,500").
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                let next = part[j + d.len_utf8()..].chars().next();
                let inner = match d {
                    '-' | '‑' => next.is_some_and(is_word_char),
                    '\'' | '’' => {
                        // "Kata'ib" but not the possessive "'s" or "n't".
                        let rest = &part[j + d.len_utf8()..];
                        next.is_some_and(is_word_char)
                            && (!rest.starts_with('s') || rest[1..].starts_with(is_word_char))
                            && !(rest.starts_with('t') && part[..j].ends_with('n'))
                    }
                    ',' => {
                        part[..j].ends_with(|x: char| x.is_ascii_digit())
                            && part.as_bytes()[j + 1..]
                                .get(..3)
                                .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
                    }
                    '.' => {
                        // Abbreviations with inner periods: "U.S", "a.m".
                        let word = &part[i..j];
                        word.chars().count() <= 2 && next.is_some_and(|x| x.is_alphabetic())
                    }
                    _ => false,
                };
                if inner {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let mut word = &part[i..end];
            let mut wstart = abs;
            // "didn't": "did" + "n't".
            let rest = &part[end..];
            if (rest.starts_with("'t") || rest.starts_with("’t"))
                && word.ends_with(['n', 'N'])
                && word.len() > 1
            {
                let stem = &word[..word.len() - 1];
                push_word(text, wstart, wstart + stem.len(), glued, words, out);
                let tlen = if rest.starts_with('\'') { 2 } else { 4 };
                push_word(
                    text,
                    wstart + stem.len(),
                    end + s + tlen - s,
                    true,
                    words,
                    out,
                );
                // skip the apostrophe and t
                for _ in 0..2 {
                    it.next();
                }
                prev_end = Some(s + end + tlen);
                continue;
            }
            // Hyphenated words whose whole form is not in the table split: "Iran-backed" was
            // already cut at the name, "one-way" gives "one" and "-way".
            while let Some(h) = word.find('-') {
                let whole = word.to_lowercase();
                if words.get(&whole).is_some() {
                    break;
                }
                let (a, b) = word.split_at(h);
                if !a.is_empty() {
                    push_word(
                        text,
                        wstart,
                        wstart + a.len(),
                        glued && wstart == abs,
                        words,
                        out,
                    );
                }
                wstart += a.len() + 1;
                word = &b[1..];
                if word.is_empty() {
                    break;
                }
                // The part after the hyphen is glued.
                let _ = &word;
            }
            if !word.is_empty() {
                let g = if wstart == abs { glued } else { true };
                push_word(text, wstart, wstart + word.len(), g, words, out);
            }
            prev_end = Some(s + end);
        } else if (c == '\'' || c == '’')
            && part[i + c.len_utf8()..].starts_with(['s', 'S'])
            && !part[i + c.len_utf8() + 1..].starts_with(is_word_char)
        {
            // The possessive "'s".
            it.next();
            let e2 = abs + c.len_utf8() + 1;
            out.push(Tok {
                s: abs,
                e: e2,
                kind: Kind::Word,
                entry: None,
                cap: false,
                glued: true,
                num: None,
                tag: Tag::Poss,
                phrase: None,
            });
            prev_end = Some(e2);
        } else {
            let e2 = abs + c.len_utf8();
            out.push(Tok {
                s: abs,
                e: e2,
                kind: Kind::Punct(c),
                entry: None,
                cap: false,
                glued,
                num: None,
                tag: Tag::Other,
                phrase: None,
            });
            prev_end = Some(e2);
        }
    }
}

fn push_word<'l>(
    text: &str,
    s: usize,
    e: usize,
    glued: bool,
    words: &'l crate::lexicon::Words,
    out: &mut Vec<Tok<'l>>,
) {
    if s >= e {
        return;
    }
    let w = &text[s..e];
    // Most words are written in lower case already: they are their own key.
    let lw: std::borrow::Cow<'_, str> =
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            w.into()
        } else {
            w.to_lowercase().into()
        };
    let num = if w.chars().all(|c| c.is_ascii_digit() || c == ',') {
        w.replace(',', "").parse::<u64>().ok()
    } else {
        super::numbers::parse(&lw).filter(|_| !lw.contains(' '))
    };
    let kind = match num {
        Some(n) if w.starts_with(|c: char| c.is_ascii_digit()) => Kind::Num(n),
        _ => Kind::Word,
    };
    out.push(Tok {
        s,
        e,
        kind,
        entry: words.get(&lw).or_else(|| {
            // "militias'" and the like: the word without the trailing apostrophe.
            lw.strip_suffix(['\'', '’']).and_then(|x| words.get(x))
        }),
        cap: w.starts_with(char::is_uppercase),
        glued,
        num,
        tag: Tag::Other,
        phrase: None,
    });
}

/// Tokenises sentence `si` of the document.
pub fn tokens<'a, 'l>(ctx: &'a DocCtx<'l>, si: usize) -> Sent<'a, 'l> {
    let s = ctx.sentences[si];
    let t = &ctx.templates[si];
    let words = &ctx.lex.words;
    // Entities: actor mentions and places (merged where they overlap), dates.
    let mut ents: Vec<(usize, usize, Kind)> = Vec::new();
    for (k, m) in t.mentions.iter().enumerate() {
        ents.push((
            m.start,
            m.end,
            Kind::Ent {
                actor: Some(k),
                place: None,
            },
        ));
    }
    let p0 = ctx.places.partition_point(|p| p.start < s.start);
    for (pi, p) in ctx.places.iter().enumerate().skip(p0) {
        if p.start >= s.end {
            break;
        }
        if p.end > s.end {
            continue;
        }
        match ents.iter_mut().find(|(a, b, _)| *a < p.end && p.start < *b) {
            Some((a, b, Kind::Ent { place, .. })) => {
                *place = Some(pi);
                *a = (*a).min(p.start);
                *b = (*b).max(p.end);
            }
            Some(_) => {}
            None => ents.push((
                p.start,
                p.end,
                Kind::Ent {
                    actor: None,
                    place: Some(pi),
                },
            )),
        }
    }
    for (di, d) in ctx.dates[si].iter().enumerate() {
        let (ds, de) = (s.start + d.start, s.start + d.end);
        if ents.iter().any(|(a, b, _)| *a < de && ds < *b) {
            continue;
        }
        ents.push((ds, de, Kind::Date(di)));
    }
    ents.sort_by_key(|e| (e.0, std::cmp::Reverse(e.1)));
    let mut toks: Vec<Tok<'l>> = Vec::with_capacity(32);
    let mut pos = s.start;
    for (a, b, kind) in ents {
        if a < pos {
            continue;
        }
        words_in(ctx.text, pos, a, words, &mut toks);
        let glued = a > s.start && !ctx.text[..a].ends_with(char::is_whitespace) && pos == a;
        toks.push(Tok {
            s: a,
            e: b,
            kind,
            entry: None,
            cap: ctx.text[a..b].starts_with(char::is_uppercase),
            glued,
            num: None,
            tag: Tag::Other,
            phrase: None,
        });
        pos = b;
    }
    words_in(ctx.text, pos, s.end, words, &mut toks);
    let mut sent = Sent {
        toks,
        lower: &ctx.lower,
        text: ctx.text,
        si,
        mentions: &t.mentions,
    };
    tag(&mut sent);
    sent
}

/// Whether the tag starts or continues a noun phrase.
fn np_material(t: &Tok<'_>) -> bool {
    match t.tag {
        Tag::Noun(_) | Tag::Name | Tag::Adj | Tag::Det | Tag::Poss => true,
        Tag::Other => matches!(t.kind, Kind::Ent { .. } | Kind::Num(_) | Kind::Date(_)),
        _ => false,
    }
}

/// Tags every word (see [`Tag`]), left to right.
fn tag(sent: &mut Sent<'_, '_>) {
    let n = sent.toks.len();
    // Multi-word nouns first: their first word carries the classes.
    for i in 0..n {
        let Some(e) = sent.toks[i].entry else {
            continue;
        };
        for p in &e.phrases {
            let k = p.tail.len();
            if i + k < n && (0..k).all(|j| sent.w(i + 1 + j) == &*p.tail[j]) {
                sent.toks[i].phrase = Some((p.classes, (k + 1) as u8));
                break;
            }
        }
    }
    for i in 0..n {
        let t = sent.toks[i];
        if t.tag == Tag::Poss || t.kind != Kind::Word {
            continue;
        }
        // "at least five rockets", "at most two": a bound on the number (in its phrase, as
        // a determiner is), not a place.
        let number_at = |k: usize| {
            sent.toks
                .get(k)
                .is_some_and(|t| t.num.is_some() || matches!(t.kind, Kind::Num(_)))
        };
        let bound = match sent.w(i) {
            "at" => matches!(sent.w(i + 1), "least" | "most") && number_at(i + 2),
            "least" | "most" => i > 0 && sent.w(i - 1) == "at" && number_at(i + 1),
            _ => false,
        };
        let tag = if bound { Tag::Det } else { word_tag(sent, i) };
        sent.toks[i].tag = tag;
    }
}

/// The index of the previous token that is not an adverb, or `None`.
fn prev_skip_adv(sent: &Sent<'_, '_>, i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        if sent.toks[j].tag != Tag::Adv {
            return Some(j);
        }
    }
    None
}

fn word_tag(sent: &Sent<'_, '_>, i: usize) -> Tag {
    let t = sent.toks[i];
    let w = sent.w(i);
    let prev = prev_skip_adv(sent, i).map(|j| sent.toks[j]);
    let next = sent.toks.get(i + 1).copied();
    let next_w = sent.w(i + 1);
    let Some(e) = t.entry else {
        if t.num.is_some() {
            return Tag::Det;
        }
        // Unknown words: names, and verbs and adverbs by their endings.
        if t.cap && i > 0 && !sent.is_punct(i - 1, '“') && !sent.is_punct(i - 1, '"') {
            return Tag::Name;
        }
        if t.cap && next.is_some_and(|n| n.cap && n.kind == Kind::Word) {
            return Tag::Name;
        }
        let after_det = prev.is_some_and(|p| matches!(p.tag, Tag::Det | Tag::Poss | Tag::Adj));
        if w.ends_with("ly") && w.len() > 4 {
            return Tag::Adv;
        }
        // After "will", "could", "did" (past adverbs and "not"), a word is a verb's base form:
        // "the attacks will intensify", "could escalate".
        let modal = |j: Option<usize>| {
            j.is_some_and(
                |j| matches!(sent.toks[j].tag, Tag::Aux(f) if f & (func::MODAL | func::DO) != 0),
            )
        };
        let p_i = prev_skip_adv(sent, i);
        let after_neg = p_i.is_some_and(|j| sent.toks[j].tag == Tag::Neg);
        // After a verb and "to", a word is an infinitive: "wants to hide", "tried to flee".
        let infinitive = p_i.is_some_and(|j| {
            sent.w(j) == "to" && j > 0 && matches!(sent.toks[j - 1].tag, Tag::Verb(_))
        });
        if !t.cap
            && (modal(p_i)
                || infinitive
                || after_neg && modal(p_i.and_then(|j| prev_skip_adv(sent, j))))
        {
            return Tag::Verb(form::BASE);
        }
        // "Iran-aligned", "Houthi-controlled": glued to a name, an adjective.
        if w.ends_with("ed")
            && t.glued
            && i > 0
            && matches!(sent.toks[i - 1].kind, Kind::Ent { .. })
        {
            return Tag::Adj;
        }
        if w.ends_with("ed") && w.len() > 4 && !after_det {
            return Tag::Verb(form::PAST | form::PART);
        }
        if w.ends_with("ing") && w.len() > 5 && !after_det {
            return Tag::Verb(form::ING);
        }
        if t.cap {
            return Tag::Name;
        }
        return Tag::Noun(0);
    };
    // Closed classes.
    if e.func & (func::BE | func::HAVE | func::DO | func::MODAL) != 0 && !t.glued {
        return Tag::Aux(e.func);
    }
    if e.func & (func::BE | func::HAVE | func::MODAL) != 0 && t.glued && w != "'s" && w != "’s" {
        return Tag::Aux(e.func);
    }
    if e.is(func::NEG) && w != "no" {
        return Tag::Neg;
    }
    if w == "that" {
        // "blamed that attack on …": after a verb that does not report speech, "that" before
        // a noun is a determiner.
        let speech_verb = prev.and_then(|p| p.entry).is_some_and(|e| {
            e.verbs.iter().any(|v| {
                matches!(
                    v.class,
                    VerbClass::Say
                        | VerbClass::Believe
                        | VerbClass::Deny
                        | VerbClass::Claim
                        | VerbClass::Intend
                )
            })
        });
        let noun_next = next
            .and_then(|n| n.entry)
            .is_some_and(|e| e.nouns & (noun::ATTACK | noun::WEAK_ATTACK) != 0)
            && !sent.toks.get(i + 2).is_some_and(|n| {
                n.entry.is_some_and(|e| {
                    e.func & (func::BE | func::HAVE | func::MODAL) != 0 || !e.verbs.is_empty()
                })
            });
        if matches!(prev.map(|p| p.tag), Some(Tag::Verb(_))) && !speech_verb && noun_next {
            return Tag::Det;
        }
        return match prev.map(|p| p.tag) {
            Some(Tag::Verb(_)) | Some(Tag::Comp) | Some(Tag::Conj) | None => Tag::Comp,
            Some(Tag::Noun(c)) if c & (noun::ALLEGATION | noun::RESPONSIBILITY) != 0 => Tag::Comp,
            Some(Tag::Noun(_)) | Some(Tag::Name) | Some(Tag::Other)
                if next.is_some_and(|n| {
                    matches!(n.tag, Tag::Aux(_) | Tag::Adv | Tag::Neg)
                        || n.entry.is_some_and(|e| !e.verbs.is_empty())
                }) =>
            {
                Tag::Rel
            }
            Some(Tag::Prep) => Tag::Det,
            _ if next.is_some_and(|n| n.entry.is_some_and(|e| e.nouns != 0)) => Tag::Det,
            _ => Tag::Comp,
        };
    }
    if w == "one" && next_w == "of" {
        return Tag::Pron;
    }
    if w == "back" && prev.is_some_and(|p| matches!(p.tag, Tag::Verb(_))) {
        return Tag::Adv;
    }
    if e.is(func::REL) && !e.is(func::DET) {
        return Tag::Rel;
    }
    if e.is(func::PRON) && !e.is(func::DET) {
        return Tag::Pron;
    }
    let has_verb = !e.verbs.is_empty();
    let has_noun = e.nouns != 0 || t.phrase.is_some();
    if e.is(func::DET) && !(has_noun && prev.is_some_and(|p| p.tag == Tag::Det)) {
        return Tag::Det;
    }
    if e.is(func::PREP) && !has_verb {
        return Tag::Prep;
    }
    if e.is(func::CONJ) && !has_verb && !has_noun {
        return Tag::Conj;
    }
    if e.is(func::COMP) && !has_verb && !has_noun {
        return Tag::Comp;
    }
    if e.is(func::ADV) && !has_verb && !has_noun {
        return Tag::Adv;
    }
    let forms = e.verbs.iter().fold(0u8, |a, v| a | v.form);
    // The first word of a multi-word noun ("press secretary", "service members").
    if t.phrase.is_some()
        && !(prev.is_some_and(|p| matches!(p.tag, Tag::Aux(_) | Tag::Pron)) && has_verb)
    {
        return Tag::Noun(e.nouns);
    }
    // "a drone strike", "an army raid": a word that is also a noun ends the phrase.
    if has_verb && has_noun && ends_a_phrase(sent, i, forms) {
        return Tag::Noun(e.nouns);
    }
    if has_verb && has_noun {
        return if verb_here(sent, i, forms) {
            Tag::Verb(forms)
        } else {
            Tag::Noun(e.nouns)
        };
    }
    if has_verb {
        // "Iran-backed", "Houthi-run": a participle glued to a name is an adjective.
        if t.glued
            && i > 0
            && matches!(sent.toks[i - 1].kind, Kind::Ent { .. })
            && forms & (form::PART | form::ING) != 0
        {
            return Tag::Adj;
        }
        // After a determiner, a possessive or an adjective, a word of a verb's "-s" form is
        // a plural noun: "his recent remarks", "the group's threats".
        if forms & form::S != 0
            && forms & (form::PAST | form::ING) == 0
            && prev.is_some_and(|p| matches!(p.tag, Tag::Det | Tag::Poss | Tag::Adj))
            && w.ends_with('s')
        {
            return Tag::Noun(0);
        }
        // A participle that cannot be a clause's verb, before a noun, is an adjective: "said
        // armed men stormed …", "Iran-aligned armed factions", "by trained fighters".
        if forms & form::PART != 0
            && forms & form::BASE == 0
            && prev.is_none_or(|p| {
                matches!(p.tag, Tag::Adj | Tag::Verb(_) | Tag::Comp | Tag::Prep)
                    && !(p.tag == Tag::Prep && sent.w(prev_skip_adv(sent, i).unwrap_or(0)) == "to")
            })
            && next.is_some_and(|n| {
                n.kind == Kind::Word && n.entry.is_some_and(|e| e.nouns != 0 && e.verbs.is_empty())
            })
        {
            return Tag::Adj;
        }
        // A participle after a determiner and before a noun is an adjective ("the claimed
        // attack"); "most likely conducted the attack" stays a verb.
        if prev.is_some_and(|p| matches!(p.tag, Tag::Det | Tag::Poss))
            && forms & (form::PART | form::ING) != 0
            && forms & form::BASE == 0
            && next.is_some_and(|n| {
                matches!(n.tag, Tag::Noun(_) | Tag::Adj | Tag::Name | Tag::Other)
                    && !matches!(n.kind, Kind::Punct(_))
                    || n.entry.is_some_and(|e| e.nouns != 0)
            })
        {
            return Tag::Adj;
        }
        // "an army post", "a Telegram post".
        if ends_a_phrase(sent, i, forms) {
            return Tag::Noun(0);
        }
        // Right after an article, a verb's base form is a noun: "announced a halt", "the
        // return of", "a pause in".
        if forms & form::BASE != 0
            && i > 0
            && matches!(sent.w(i - 1), "a" | "an" | "the")
            && !w.ends_with("ing")
            && next.is_none_or(|n| {
                matches!(n.kind, Kind::Punct(_))
                    || n.entry.is_some_and(|e| {
                        e.func & (func::PREP | func::CONJ | func::COMP) != 0 && e.nouns == 0
                    })
            })
        {
            return Tag::Noun(0);
        }
        // Between an article and a noun, a verb's base form modifies the noun: "a direct
        // response", "a separate statement", "a clear violation".
        if forms & form::BASE != 0
            && i > 0
            && matches!(sent.w(i - 1), "a" | "an" | "the")
            && !w.ends_with("ing")
            && next.is_some_and(|n| {
                n.kind == Kind::Word && n.entry.is_some_and(|e| e.nouns != 0 && e.func == 0)
            })
        {
            return Tag::Adj;
        }
        if e.is(func::PREP) && !verb_here(sent, i, forms) {
            return Tag::Prep;
        }
        if e.is(func::ADV) && !verb_here(sent, i, forms) {
            return Tag::Adv;
        }
        return Tag::Verb(forms);
    }
    if has_noun {
        return Tag::Noun(e.nouns);
    }
    if e.is(func::PREP) {
        return Tag::Prep;
    }
    if e.is(func::CONJ) {
        return Tag::Conj;
    }
    if e.is(func::ADV) {
        return Tag::Adv;
    }
    if e.func & (func::HYPO | func::GENERIC | func::HEDGE) != 0 {
        return Tag::Adj;
    }
    if t.cap && i > 0 {
        return Tag::Name;
    }
    Tag::Noun(0)
}

/// Whether the base form at `i` is the last noun of a phrase that "a" or "an" opened, past
/// nouns and adjectives ("a drone strike", "an army post"): a singular subject would take
/// "-s", and a form that is also past ("a drone hit") stays a verb.
fn ends_a_phrase(sent: &Sent<'_, '_>, i: usize, forms: u8) -> bool {
    if forms & form::BASE == 0 || forms & (form::PAST | form::S) != 0 || i < 2 {
        return false;
    }
    let mut k = i;
    while k > 0
        && matches!(sent.toks[k - 1].tag, Tag::Noun(_) | Tag::Adj)
        && sent.toks[k - 1].kind == Kind::Word
    {
        k -= 1;
    }
    k < i && k > 0 && matches!(sent.w(k - 1), "a" | "an")
}

/// Whether a word that can be a verb or a noun is a verb here.
fn verb_here(sent: &Sent<'_, '_>, i: usize, forms: u8) -> bool {
    let prev_i = prev_skip_adv(sent, i);
    let prev = prev_i.map(|j| sent.toks[j]);
    let next = sent.toks.get(i + 1).copied();
    let Some(p) = prev else {
        // Sentence start: "Attacks on bases rose", "Strikes hit ...": a noun, unless a
        // determiner or a name follows a base form ("Target the ...", rare in news).
        return false;
    };
    let pw = sent.w(prev_i.unwrap_or(0));
    match p.tag {
        Tag::Det | Tag::Poss | Tag::Adj => return false,
        Tag::Aux(_) | Tag::Neg | Tag::Rel | Tag::Pron => return true,
        Tag::Prep if pw == "to" => return forms & form::BASE != 0,
        Tag::Prep => return false,
        Tag::Comp => return true,
        _ => {}
    }
    if matches!(p.kind, Kind::Num(_)) || p.num.is_some() {
        return false;
    }
    // "the Erbil bombing", "the Tower 22 shelling": an -ing form after a determiner and names
    // is a noun.
    if forms & form::ING != 0
        && forms & (form::BASE | form::S | form::PAST) == 0
        && let Some(j) = prev_i
    {
        let mut k = j + 1;
        while k > 0
            && (matches!(sent.toks[k - 1].kind, Kind::Ent { .. } | Kind::Num(_))
                || sent.toks[k - 1].tag == Tag::Name)
        {
            k -= 1;
        }
        if k <= j && k > 0 && matches!(sent.toks[k - 1].tag, Tag::Det | Tag::Poss) {
            return false;
        }
    }
    if forms & (form::PAST | form::PART | form::ING) != 0 && forms & (form::BASE | form::S) == 0 {
        return true;
    }
    // After a bare singular weapon, an attack word is the head of the compound: "claims
    // rocket attacks the same day" ("a drone strikes the base", "two drones attack" are
    // verbs).
    if matches!(p.tag, Tag::Noun(c) if c & noun::WEAPON != 0)
        && !looks_plural(pw)
        && prev_i.is_some_and(|j| {
            let mut k = j;
            while k > 0 && matches!(sent.toks[k - 1].tag, Tag::Noun(_) | Tag::Adj) {
                k -= 1;
            }
            k == 0
                || !matches!(sent.toks[k - 1].tag, Tag::Det | Tag::Poss)
                    && !matches!(sent.toks[k - 1].kind, Kind::Num(_))
                    && sent.toks[k - 1].num.is_none()
        })
        && sent.toks[i]
            .entry
            .is_some_and(|e| e.nouns & (noun::ATTACK | noun::WEAK_ATTACK) != 0)
    {
        return false;
    }
    // After an article and a singular name, likewise: "the Tower 22 attack", "a US strike".
    if forms == form::BASE
        && matches!(p.kind, Kind::Ent { .. })
        && let Some(j) = prev_i
        && j > 0
        && matches!(sent.w(j - 1), "the" | "a" | "an")
        && !sent.lower[p.s..p.e].ends_with('s')
    {
        return false;
    }
    // A bare base form after a singular common noun cannot agree with it as a verb ("the
    // carrier strike groups", "an army post"): it is the next noun of the compound.
    if forms == form::BASE
        && matches!(p.tag, Tag::Noun(_))
        && p.kind == Kind::Word
        && !p.cap
        && !looks_plural(pw)
        && let Some(j) = prev_i
    {
        // Only inside a phrase a determiner or a number opens ("two aircraft carrier strike
        // groups"), not after a name or a preposition's phrase ("operating under the X
        // banner claim responsibility").
        let mut k = j;
        while k > 0
            && matches!(sent.toks[k - 1].tag, Tag::Noun(_) | Tag::Adj)
            && sent.toks[k - 1].kind == Kind::Word
        {
            k -= 1;
        }
        let opener = k > 0
            && (sent.toks[k - 1].tag == Tag::Det
                || matches!(sent.toks[k - 1].kind, Kind::Num(_))
                || sent.toks[k - 1].num.is_some());
        if opener {
            return false;
        }
    }
    // After a conjunction, what came before it decides ("funds and arms the groups").
    if p.tag == Tag::Conj
        && let Some(j) = prev_i
        && j > 0
        && let Some(k) = prev_skip_adv(sent, j)
    {
        match sent.toks[k].tag {
            Tag::Verb(_) => return true,
            Tag::Noun(_) => return false,
            _ => {}
        }
    }
    // After a noun phrase: a verb when an object follows ("Iran backs the Houthis"), a noun
    // before a preposition ("US strikes on ...") or at the end. The next word is not tagged
    // yet: guess its tag from its entry.
    let n = match next {
        Some(n) => n,
        None => return false,
    };
    let nw = sent.w(i + 1);
    let guess = if n.tag != Tag::Other || n.kind != Kind::Word {
        n.tag
    } else if n.num.is_some() {
        Tag::Det
    } else if let Some(e) = n.entry {
        if e.is(func::DET) {
            Tag::Det
        } else if e.is(func::PRON) {
            Tag::Pron
        } else if e.is(func::PREP) {
            Tag::Prep
        } else if e.is(func::ADV) {
            Tag::Adv
        } else if e.nouns != 0 {
            Tag::Noun(e.nouns)
        } else if e.is(func::HYPO | func::GENERIC) {
            Tag::Adj
        } else {
            Tag::Other
        }
    } else if n.cap {
        Tag::Name
    } else {
        Tag::Noun(0)
    };
    match guess {
        Tag::Det | Tag::Pron | Tag::Adj | Tag::Comp => true,
        Tag::Other => matches!(n.kind, Kind::Ent { .. } | Kind::Num(_)),
        Tag::Name => true,
        Tag::Noun(_) => !n.cap,
        Tag::Prep => matches!(nw, "at" | "with" | "back" | "to") && forms & form::S == 0,
        Tag::Adv => true,
        _ => false,
    }
}

// ---------------------------------------------------------------- noun phrases

/// Who a noun phrase names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Np {
    /// Token range.
    pub s: usize,
    /// End (exclusive).
    pub e: usize,
    /// The actors it names (actor refs), coordinated ones each ("Israel and the US").
    pub actors: Vec<u32>,
    /// An unnamed collective ("Iran-backed militias", "Iraqi factions").
    pub collective: bool,
    /// The backer in "X-backed militias".
    pub modifier: Option<u32>,
    /// A pronoun ("he", "they", "we").
    pub pron: Option<&'static str>,
    /// The head noun's classes.
    pub head: u32,
    /// The head noun ("spokesman", "group"), for anaphora.
    pub head_word: Option<(usize, usize)>,
    /// Places named in it.
    pub places: Vec<usize>,
    /// A "no" or "none of" that negates it ("no group").
    pub negated: bool,
    /// Hypothetical or generic modifiers ("possible", "several").
    pub hypothetical: bool,
    /// Generic modifiers.
    pub generic: bool,
    /// The actor before a possessive ("Iran's" in "Iran's involvement").
    pub possessor: Option<u32>,
    /// "the group", "the ministry": points back to an actor named before.
    pub anaphor: bool,
    /// Its actors are all named through demonyms ("the Lebanese channel").
    pub demonym_only: bool,
    /// The noun of an anaphoric possessor ("group" in "the group's fighters"): the phrase
    /// belongs to the actor that noun points back to.
    pub poss_anaphor: Option<(usize, usize)>,
}

impl Np {
    /// Whether the phrase's head word (lowercased in `lower`, the document's text) is one of
    /// `words`.
    pub fn head_is(&self, lower: &str, words: &[&str]) -> bool {
        self.head_word
            .is_some_and(|(hs, he)| words.contains(&&lower[hs..he]))
    }
}

/// Nouns of quantity whose "of" phrase is the real head ("a wave of strikes").
const QUANTITY: &[&str] = &[
    "wave",
    "series",
    "barrage",
    "salvo",
    "volley",
    "number",
    "dozens",
    "hundreds",
    "scores",
    "string",
    "spate",
    "round",
    "rounds",
    "flurry",
    "wave",
    "swarm",
    "batch",
    "pair",
    "couple",
    "total",
    "handful",
    "set",
    "cluster",
    "combination",
    "mix",
    "range",
];

/// Verbs of going on, starting and stopping, whose subject the verb after them shares.
const CATENATIVE: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "continuing",
    "keep",
    "keeps",
    "kept",
    "begin",
    "begins",
    "began",
    "begun",
    "start",
    "starts",
    "started",
    "resume",
    "resumed",
    "resumes",
    "went",
    "go",
    "goes",
    "gone",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me",
];

impl Sent<'_, '_> {
    /// The noun phrase that starts at token `i` (determiners, adjectives, nouns, names,
    /// actors, "of" phrases of quantity and office), if one does.
    pub fn np_at(&self, ctx: &DocCtx<'_>, i: usize, limit: usize) -> Option<Np> {
        let t = self.toks.get(i)?;
        if t.tag == Tag::Pron {
            let w = self.w(i);
            let p = PRONOUNS.iter().find(|p| **p == w).copied()?;
            return Some(Np {
                s: i,
                e: i + 1,
                pron: Some(p),
                ..Default::default()
            });
        }
        if !(np_material(t) || t.tag == Tag::Prep && self.w(i) == "some") {
            return None;
        }
        let mut e = i;
        let mut quoted = false;
        while e < limit.min(self.toks.len()) {
            let x = &self.toks[e];
            // Scare quotes inside a phrase: 'the "occupation forces"', 'a "vital target"'.
            if e > i && matches!(x.kind, Kind::Punct('"' | '“' | '”')) {
                let open = !quoted
                    && x.kind != Kind::Punct('”')
                    && matches!(self.toks[e - 1].tag, Tag::Det | Tag::Adj | Tag::Poss)
                    && self.toks.get(e + 1).is_some_and(np_material);
                if open || quoted && x.kind != Kind::Punct('“') {
                    quoted = open;
                    e += 1;
                    continue;
                }
            }
            // A determiner after a noun starts another phrase ("told reporters the base …"),
            // and so does a word of quantity ("attacked US bases dozens of times").
            if (x.tag == Tag::Det && x.num.is_none()
                || x.is(func::GENERIC) && x.tag == Tag::Adj
                || x.num.is_some())
                && e > i
                && matches!(self.toks[e - 1].tag, Tag::Noun(_) | Tag::Name)
                && self.toks[e - 1].kind == Kind::Word
                && !(x.num.is_some() && self.toks[e - 1].cap)
            {
                break;
            }
            if np_material(x) {
                // A capitalised word after a date or number starts a new phrase only at the
                // start of a sentence; keep going.
                e += x.phrase.map_or(1, |p| p.1 as usize).max(1);
                continue;
            }
            // "X's", "X-backed militias".
            if x.tag == Tag::Adj || (x.glued && x.kind == Kind::Word && e > i) {
                e += 1;
                continue;
            }
            // Coordination inside a phrase: "Israel and the United States", "A, B and C".
            let w = self.w(e);
            if (w == "and" || w == "or" || self.is_punct(e, ','))
                && e + 1 < limit
                && self.coordinated(e)
            {
                e += 1;
                if self.w(e) == "and" || self.w(e) == "or" {
                    e += 1;
                }
                continue;
            }
            // "of" phrases that continue the head: "one of the groups", "the leader of X",
            // "members of X", "forces of X".
            if w == "of" && e > i && e + 1 < limit {
                let h = self.toks[e - 1];
                let hc = h.noun();
                let quantity = matches!(
                    self.w(e - 1),
                    "one"
                        | "some"
                        | "all"
                        | "many"
                        | "most"
                        | "none"
                        | "several"
                        | "both"
                        | "each"
                        | "any"
                        | "two"
                        | "three"
                        | "part"
                        | "member"
                        | "members"
                ) || h.num.is_some()
                    || matches!(h.kind, Kind::Num(_));
                let office = hc
                    & (noun::LEADER
                        | noun::MEMBER
                        | noun::FORCE
                        | noun::OFFICIAL
                        | noun::COLLECTIVE
                        | noun::UMBRELLA)
                    != 0;
                let measure = QUANTITY.contains(&self.w(e - 1));
                // "the fighters of the Islamic Resistance": an actor after "of" names whose.
                let actor_after = hc
                    & (noun::ATTACK | noun::WEAK_ATTACK | noun::RESPONSIBILITY | noun::CONTEXT)
                    == 0
                    && {
                        let mut k = e + 1;
                        while self.toks.get(k).is_some_and(|t| t.tag == Tag::Det) {
                            k += 1;
                        }
                        self.toks
                            .get(k)
                            .is_some_and(|t| matches!(t.kind, Kind::Ent { actor: Some(_), .. }))
                    };
                if (quantity || office || measure || actor_after)
                    && self.toks.get(e + 1).is_some_and(np_material)
                {
                    e += 1;
                    continue;
                }
            }
            // "an umbrella organization known as X", "a group calling itself X".
            if e > i
                && matches!(self.toks[e - 1].tag, Tag::Noun(_))
                && ((matches!(w, "known" | "called") && matches!(self.w(e + 1), "as" | "the"))
                    || (w == "calling" && matches!(self.w(e + 1), "itself" | "themselves"))
                    || w == "named")
            {
                let k = if w == "named" || (w == "called" && self.w(e + 1) != "as") {
                    e + 1
                } else {
                    e + 2
                };
                let k = if self.w(k) == "the" { k + 1 } else { k };
                if self
                    .toks
                    .get(k)
                    .is_some_and(|t| matches!(t.kind, Kind::Ent { actor: Some(_), .. }))
                {
                    e = k;
                    continue;
                }
            }
            // "hardline factions such as Kataeb Hezbollah", "groups including X and Y".
            if e > i
                && self.toks[e - 1].noun() & noun::COLLECTIVE != 0
                && (matches!(w, "including" | "like") || (w == "such" && self.w(e + 1) == "as"))
            {
                let k = if w == "such" { e + 2 } else { e + 1 };
                if self
                    .toks
                    .get(k)
                    .is_some_and(|t| matches!(t.kind, Kind::Ent { actor: Some(_), .. }))
                {
                    e = k;
                    continue;
                }
            }
            // "more than 85 targets", "fewer than ten".
            if w == "than" && e > i && matches!(self.w(e - 1), "more" | "fewer" | "less" | "other")
            {
                e += 1;
                continue;
            }
            break;
        }
        if e == i {
            return None;
        }
        Some(self.np_info(ctx, i, e))
    }

    /// The noun phrase at `i`, also when it stands in quotation marks (a complement quoted
    /// from a statement: 'blamed "rogue elements" for the attack', 'carried out by "armed
    /// groups operating in Syria"'); the marks are part of the phrase.
    fn np_quoted(&self, ctx: &DocCtx<'_>, i: usize, limit: usize) -> Option<Np> {
        if !matches!(
            self.toks.get(i).map(|t| t.kind),
            Some(Kind::Punct('"' | '“' | '‘'))
        ) {
            return self.np_at(ctx, i, limit);
        }
        let mut np = self.np_at(ctx, i + 1, limit)?;
        if np.pron.is_some() {
            return None;
        }
        if np.e < limit && self.is_close_quote(np.e) {
            np.e += 1;
        }
        Some(np)
    }

    /// Whether the comma or "and" at `k` joins two noun phrases of a list (a name or actor on
    /// each side), rather than two clauses.
    fn coordinated(&self, k: usize) -> bool {
        let mut j = k + 1;
        if self.w(j) == "and" || self.w(j) == "or" {
            j += 1;
        }
        while self
            .toks
            .get(j)
            .is_some_and(|t| t.tag == Tag::Det || t.tag == Tag::Adj)
        {
            j += 1;
        }
        let after = self
            .toks
            .get(j)
            .is_some_and(|t| matches!(t.kind, Kind::Ent { .. }) || t.tag == Tag::Name);
        // "F-16 and F-15E jets": a designator ends in a number glued to its letters.
        let before = k > 0
            && self.toks.get(k - 1).is_some_and(|t| {
                matches!(t.kind, Kind::Ent { .. })
                    || t.tag == Tag::Name
                    || t.tag == Tag::Noun(0)
                    || matches!(t.kind, Kind::Num(_)) && t.glued
            });
        // The actor after must not start a clause: "Iran denied it, and Iraq said …", "…
        // by Harakat al-Nujaba, US officials said". A bare comma joins a list only when an
        // "and" or "or" closes it before a verb.
        let clause_follows = {
            let mut m = j + 1;
            while self
                .toks
                .get(m)
                .is_some_and(|t| np_material(t) || t.tag == Tag::Adj)
            {
                m += 1;
            }
            let verb_next = self
                .toks
                .get(m)
                .is_some_and(|t| matches!(t.tag, Tag::Verb(_) | Tag::Aux(_)));
            let list_closes = (k + 1..m).any(|x| matches!(self.w(x), "and" | "or"));
            self.is_punct(k, ',') && verb_next && (self.w(k + 1) == "and" || !list_closes)
        };
        // Two nouns of armed forces or weapons: "US bombers and fighters", "drones and
        // rockets". After a verb, "struck bases and militants fired …" joins two clauses.
        let nouns = (self.w(k) == "and" || self.w(k) == "or")
            && k > 0
            && k + 1 < self.toks.len()
            && self.toks[k - 1].kind == Kind::Word
            && self.toks[k + 1].kind == Kind::Word
            && self.toks[k - 1].noun() & (noun::FORCE | noun::WEAPON) != 0
            && self.toks[k + 1].noun() & (noun::FORCE | noun::WEAPON | noun::COLLECTIVE) != 0
            && {
                let verb_before = (0..k - 1)
                    .rev()
                    .take_while(|&x| !matches!(self.toks[x].kind, Kind::Punct(',' | ';' | ':')))
                    .any(|x| matches!(self.toks[x].tag, Tag::Verb(_)));
                let verb_after = self
                    .toks
                    .get(k + 2)
                    .is_some_and(|t| matches!(t.tag, Tag::Verb(_) | Tag::Aux(_)));
                !(verb_before && verb_after)
            };
        nouns || after && before && !clause_follows
    }

    /// What the phrase `toks[s..e]` names.
    fn np_info(&self, ctx: &DocCtx<'_>, s: usize, e: usize) -> Np {
        let mut np = Np {
            s,
            e,
            ..Default::default()
        };
        // Tokens after an "of" belong to the complement; the head is before it, but the
        // actors after it still name who the phrase is about ("the leader of Hezbollah").
        let of_at = (s..e).find(|&k| self.w(k) == "of");
        let head_end = of_at.unwrap_or(e);
        // The head noun: the last noun before the "of" (or the end); for a noun of quantity,
        // the one after it ("a wave of strikes").
        let mut head_at = None;
        for k in (s..head_end).rev() {
            let x = &self.toks[k];
            if let Tag::Noun(_) = x.tag {
                head_at = Some(k);
                break;
            }
            if matches!(x.kind, Kind::Ent { .. }) || x.tag == Tag::Name {
                break;
            }
        }
        // A word of quantity before "of" may be tagged as an adjective ("dozens of attacks").
        if let Some(o) = of_at
            && o > s
            && (QUANTITY.contains(&self.w(o - 1))
                || self.toks[o - 1].is(func::GENERIC | func::DET)
                || self.toks[o - 1].num.is_some())
        {
            head_at = Some(o - 1);
        }
        if let (Some(h), Some(o)) = (head_at, of_at)
            && (QUANTITY.contains(&self.w(h))
                || matches!(
                    self.w(h),
                    "one" | "some" | "most" | "many" | "all" | "none" | "several" | "both" | "each"
                )
                || self.toks[h].is(func::GENERIC)
                || self.toks[h].num.is_some())
        {
            let sub_end = (o + 1..e).find(|&k| self.w(k) == "of").unwrap_or(e);
            head_at = (o + 1..sub_end)
                .rev()
                .find(|&k| matches!(self.toks[k].tag, Tag::Noun(_)));
        }
        if let Some(h) = head_at {
            let x = &self.toks[h];
            np.head = x.noun();
            np.head_word = Some((x.s, x.e));
        }
        for k in s..e {
            let x = &self.toks[k];
            let w = self.w(k);
            if k == s && (w == "no" || w == "none") {
                np.negated = true;
            }
            if x.is(func::HYPO) && k < head_end {
                np.hypothetical = true;
            }
            if x.is(func::GENERIC) && k < head_end {
                np.generic = true;
            }
            if let Kind::Ent { actor, place } = x.kind {
                if let Some(p) = place {
                    np.places.push(p);
                }
                if let Some(a) = actor {
                    let m = &self.mentions[a];
                    let possessive = self.toks.get(k + 1).is_some_and(|n| n.tag == Tag::Poss);
                    match m.role {
                        Role::Modifier => {
                            // "anti-US" names a target, not a backer.
                            if !self.lower
                                [super::floor_char(self.lower, x.s.saturating_sub(5))..x.s]
                                .ends_with("anti-")
                            {
                                np.modifier = Some(m.actor);
                            }
                        }
                        Role::Collective => np.collective = true,
                        // A state named as a place ("a base in Jordan") is no party.
                        Role::Location => {}
                        _ => {
                            if possessive && k + 2 < e {
                                np.possessor = Some(m.actor);
                            }
                            if !np.actors.contains(&m.actor) {
                                np.actors.push(m.actor);
                            }
                        }
                    }
                }
            }
        }
        if np.head & noun::COLLECTIVE != 0
            && np.actors.iter().all(|&a| ctx.kind(a) == ActorKind::State)
            && !np.actors.is_empty()
        {
            // "Iraqi militias", "Syrian groups": the state only describes them.
            let demonym_only = (s..head_end).all(|k| match self.toks[k].kind {
                Kind::Ent { actor: Some(a), .. } => self.mentions[a].demonym,
                _ => true,
            });
            if demonym_only {
                np.actors.clear();
                np.collective = true;
            }
        }
        // "the group", "the umbrella group", "the same militia": a definite singular head
        // points back to one named before.
        let definite_singular = self.w(s) == "the"
            && head_at.is_some_and(|h| {
                let hw = self.w(h);
                !looks_plural(hw)
                    && !self.toks[h].cap
                    && (s + 1..h).all(|k| {
                        // "the Iraqi group": a demonym describes the one named before.
                        let demonym = matches!(self.toks[k].kind, Kind::Ent { actor: Some(a), .. } if self.mentions[a].demonym);
                        (matches!(self.toks[k].tag, Tag::Adj | Tag::Noun(_))
                            || matches!(self.w(k), "same" | "very"))
                            && self.toks[k].kind == Kind::Word
                            || demonym
                    })
            });
        // "the group's fighters", "the militia's drones": a definite possessor of one
        // common noun points back, and the phrase is that actor's.
        if np.actors.is_empty()
            && self.w(s) == "the"
            && s + 2 < e
            && self.toks[s + 2].tag == Tag::Poss
            && self.toks[s + 1].kind == Kind::Word
            && !self.toks[s + 1].cap
            && matches!(self.toks[s + 1].tag, Tag::Noun(_))
        {
            let x = &self.toks[s + 1];
            np.poss_anaphor = Some((x.s, x.e));
            np.collective = false;
        }
        if np.actors.is_empty()
            && np.head & noun::COLLECTIVE != 0
            && !definite_singular
            && np.poss_anaphor.is_none()
        {
            np.collective = true;
        }
        if definite_singular && np.actors.is_empty() {
            np.collective = false;
            np.anaphor = true;
        }
        // "its fighters", "their bases", "our forces": the possessor is a pronoun.
        if np.actors.is_empty() && !np.collective
            || np.actors.is_empty() && np.head & noun::COLLECTIVE != 0
        {
            let p = match self.w(s) {
                "its" => Some("it"),
                "their" => Some("they"),
                "his" | "her" => Some("he"),
                "our" => Some("we"),
                _ => None,
            };
            if p.is_some()
                && np.head
                    & (noun::FORCE
                        | noun::COLLECTIVE
                        | noun::OFFICIAL
                        | noun::MEMBER
                        | noun::WEAPON
                        | noun::LEADER)
                    != 0
            {
                np.pron = p;
                np.collective = false;
            }
        }
        np.demonym_only = !np.actors.is_empty()
            && (s..e).all(|k| match self.toks[k].kind {
                Kind::Ent { actor: Some(a), .. } => self.mentions[a].demonym,
                _ => true,
            });
        // A person in the phrase is who it names ("Pentagon press secretary Pat Ryder").
        if let Some(&p) = np.actors.iter().rev().find(|&&a| ctx.is_person(a))
            && !self.list_like(s, e)
        {
            np.actors = vec![p];
        } else if np.actors.len() > 1 && !self.list_like(s, e) {
            // "Iran's Revolutionary Guards": the last actor is the head.
            let last = *np.actors.last().expect("non-empty");
            np.actors = vec![last];
        }
        np
    }

    /// Whether the phrase is a list ("A, B and C", "A and B").
    fn list_like(&self, s: usize, e: usize) -> bool {
        (s..e).any(|k| {
            (self.w(k) == "and" || self.w(k) == "or" || self.is_punct(k, ','))
                && self.coordinated(k)
        })
    }
}

// ---------------------------------------------------------------- predicates

/// What a predicate reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PClass {
    /// A verb of the class (see [`VerbClass`]).
    Verb(VerbClass),
    /// An attack noun ("the raid").
    AttackNoun,
    /// An event noun that is an attack only with an anchor ("the blast").
    WeakAttackNoun,
    /// "X is behind", "X is responsible for", "X bears responsibility", "the hallmarks of X".
    Responsible,
    /// "X had nothing to do with", "X played no role", "X acted on its own".
    NotInvolved,
}

/// How the words before a predicate qualify it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mood {
    /// "did not", "never", "no".
    pub neg: bool,
    /// "would", "could", "may".
    pub modal: bool,
    /// Under "threatened to", "vowed to", "ready to".
    pub intended: bool,
    /// In an "if" or "unless" clause.
    pub cond: bool,
    /// "is believed to", "reportedly".
    pub hedged: bool,
    /// Passive ("was struck").
    pub passive: bool,
    /// Where the auxiliary chain before the predicate starts.
    pub chain: usize,
}

impl Mood {
    /// Whether the act is reported as having happened.
    pub fn factual(&self) -> bool {
        !self.neg && !self.modal && !self.intended && !self.cond
    }
}

/// A predicate and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pred {
    /// The predicate word's token.
    pub tok: usize,
    /// What it reports.
    pub class: PClass,
    /// Its mood.
    pub mood: Mood,
    /// The grammatical subject (the agent when active; the patient when passive).
    pub subj: Option<Np>,
    /// The direct object.
    pub obj: Option<Np>,
    /// Prepositional phrases after it, in order: (preposition, phrase).
    pub pps: Vec<(&'static str, Np)>,
    /// The subject is shared with an earlier verb ("claimed the attack and said …").
    pub shared_subject: bool,
    /// The clause segment it lies in (token range).
    pub segment: (usize, usize),
}

impl Pred {
    /// The phrase after preposition `p`.
    pub fn pp(&self, p: &str) -> Option<&Np> {
        self.pps.iter().find(|(q, _)| *q == p).map(|(_, n)| n)
    }

    /// Who acts: the active subject, or the passive "by" phrase.
    pub fn agent(&self) -> Option<&Np> {
        if self.mood.passive {
            self.pp("by")
        } else {
            self.subj.as_ref()
        }
    }

    /// Who undergoes: the active object, or the passive subject.
    pub fn patient(&self) -> Option<&Np> {
        if self.mood.passive {
            self.subj.as_ref()
        } else {
            self.obj.as_ref()
        }
    }
}

/// The points of the compass: "south of Damascus" says where, as a preposition does.
pub const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Prepositions whose phrases predicates keep.
const KEPT_PREPS: &[&str] = &[
    "on",
    "against",
    "at",
    "to",
    "of",
    "for",
    "in",
    "near",
    "by",
    "with",
    "from",
    "targeting",
    "into",
    "over",
    "outside",
    "inside",
    "across",
    "around",
    "behind",
    "after",
    "following",
    "toward",
    "towards",
    "onto",
    "upon",
];

/// Adjectives and verbs after which "to" makes what follows only intended.
const INTEND_ADJ: &[&str] = &[
    "ready",
    "able",
    "prepared",
    "likely",
    "set",
    "poised",
    "willing",
    "determined",
    "unable",
    "expected",
    "going",
    "due",
    "about",
    "free",
    "entitled",
    "right",
];

impl Sent<'_, '_> {
    /// The clause segments: split at `;`, `:`, dashes, round brackets and subordinating
    /// words (square brackets hold an editor's words inside the clause: "the fighters [of
    /// the militia] fired").
    pub fn segments(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, t) in self.toks.iter().enumerate() {
            let cut_before = match t.kind {
                Kind::Punct(c) => matches!(c, ';' | ':' | '—' | '–' | '(' | ')'),
                _ => {
                    let w = self.w(i);
                    (t.tag == Tag::Conj
                        && matches!(
                            w,
                            "but"
                                | "while"
                                | "whereas"
                                | "although"
                                | "though"
                                | "because"
                                | "when"
                                | "unless"
                                | "if"
                                | "whilst"
                                | "after"
                                | "before"
                                | "since"
                                | "as"
                        ))
                        || (t.tag == Tag::Prep
                            && matches!(w, "after" | "following" | "since" | "before")
                            && i > 0)
                        // "The strikes came as Israel and Hamas agreed to a truce": "as"
                        // before a clause of its own.
                        || (w == "as" && i > 0 && self.clause_after(i + 1))
                        || (t.tag == Tag::Rel && i > 0)
                        || (t.tag == Tag::Comp && i > 0)
                }
            };
            if cut_before && i > start {
                out.push((start, i));
                start = i;
            }
        }
        out.push((start, self.toks.len()));
        out
    }

    /// The mood of the predicate at `i`, read from the words before it.
    pub fn mood(&self, i: usize, seg: (usize, usize)) -> Mood {
        let mut m = Mood {
            chain: i,
            ..Default::default()
        };
        let mut j = i;
        while j > seg.0 {
            let k = j - 1;
            let t = &self.toks[k];
            let w = self.w(k);
            if matches!(t.kind, Kind::Punct('"' | '“' | '”')) {
                j = k;
                continue;
            }
            match t.tag {
                Tag::Adv => {
                    if t.is(func::HEDGE) {
                        m.hedged = true;
                    }
                }
                Tag::Neg => m.neg = true,
                Tag::Aux(f) => {
                    if f & func::MODAL != 0 {
                        m.modal = true;
                    }
                    if f & func::BE != 0 {
                        let form = match self.toks[i].tag {
                            Tag::Verb(f) => f,
                            _ => 0,
                        };
                        if form & form::PART != 0 && j == m.chain {
                            m.passive = true;
                        } else if form & form::PART != 0 {
                            // "was also struck", "were not targeted".
                            let between_ok = (k + 1..i).all(|x| {
                                matches!(self.toks[x].tag, Tag::Adv | Tag::Neg | Tag::Aux(_))
                            });
                            if between_ok {
                                m.passive = true;
                            }
                        }
                    }
                }
                Tag::Prep if w == "to" => {
                    // What governs the "to": an intention ("vowed to strike"), a readiness
                    // ("ready to strike"), or a purpose ("used drones to attack").
                    if let Some(g) = prev_skip_adv(self, k) {
                        let gt = &self.toks[g];
                        let gw = self.w(g);
                        let intends = gt.entry.is_some_and(|e| e.verb(VerbClass::Intend))
                            || INTEND_ADJ.contains(&gw)
                            || matches!(gt.tag, Tag::Aux(_));
                        if intends {
                            m.intended = true;
                        }
                        if gt.tag == Tag::Neg
                            || (g > 0 && self.toks[g - 1].tag == Tag::Neg && intends)
                        {
                            m.neg = true;
                        }
                        // "will continue to strike", "has not stopped firing": the verb of
                        // going on passes on the mood of its own chain.
                        if CATENATIVE.contains(&gw) {
                            let g_mood = self.mood(g, seg);
                            m.modal |= g_mood.modal;
                            m.neg |= g_mood.neg;
                            m.intended |= g_mood.intended;
                            m.cond |= g_mood.cond;
                        }
                    }
                    j = k;
                    break;
                }
                _ if w == "be" || w == "been" => {}
                // "would keep targeting ships", "kept firing": the verb of going on passes
                // on the mood of its chain.
                Tag::Verb(_) if CATENATIVE.contains(&w) && j == i => {
                    let g_mood = self.mood(k, seg);
                    m.modal |= g_mood.modal;
                    m.neg |= g_mood.neg;
                    m.intended |= g_mood.intended;
                    m.cond |= g_mood.cond;
                    break;
                }
                _ => break,
            }
            j = k;
        }
        m.chain = j;
        // A condition anywhere earlier in the segment.
        if (seg.0..i).any(|k| {
            self.toks[k].is(func::COND)
                && matches!(self.toks[k].tag, Tag::Conj | Tag::Comp | Tag::Aux(_))
        }) || (seg.0 > 0 && self.toks[seg.0].is(func::COND))
        {
            m.cond = true;
        }
        m
    }

    /// The end of the noun phrase ending at `j` (inclusive): its start.
    fn np_start_ending_at(&self, j: usize, floor: usize) -> usize {
        let mut s = j;
        while s > floor {
            let p = &self.toks[s - 1];
            let w = self.w(s - 1);
            // A day before an article opens no phrase with it: "On Wednesday the group said".
            let day_before_article = matches!(p.kind, Kind::Date(_))
                && matches!(
                    self.w(s),
                    "the" | "a" | "an" | "this" | "these" | "its" | "their"
                );
            if (np_material(p) || p.tag == Tag::Adj || (p.glued && p.kind == Kind::Word))
                && !day_before_article
            {
                s -= 1;
                continue;
            }
            if (w == "and" || w == "or" || self.is_punct(s - 1, ','))
                && s >= 2
                && self.coordinated(s - 1)
            {
                s -= 1;
                continue;
            }
            if w == "of" && s >= 2 && np_material(&self.toks[s - 2]) {
                s -= 1;
                continue;
            }
            break;
        }
        s
    }

    /// Where the subject phrase that ends at `j` starts: "an airstrike on a building in
    /// Damascus killed …" — the phrases after a preposition belong to the noun before them.
    fn subject_start(&self, j: usize, floor: usize) -> usize {
        let mut s = self.np_start_ending_at(j, floor);
        let mut hops = 0;
        loop {
            // "a district south of Damascus": "south of" is one preposition.
            if hops < 4
                && s > floor + 2
                && self.w(s - 1) == "of"
                && COMPASS.contains(&self.w(s - 2))
                && np_material(&self.toks[s - 3])
            {
                let before = self.np_start_ending_at(s - 3, floor);
                if before < s - 2 {
                    s = before;
                    hops += 1;
                    continue;
                }
            }
            break;
        }
        while hops < 4
            && s > floor + 1
            && self.toks[s - 1].tag == Tag::Prep
            && matches!(
                self.w(s - 1),
                "on" | "in"
                    | "at"
                    | "near"
                    | "against"
                    | "of"
                    | "from"
                    | "by"
                    | "with"
                    | "over"
                    | "outside"
                    | "inside"
                    | "into"
                    | "targeting"
            )
            && (np_material(&self.toks[s - 2]) || self.toks[s - 2].tag == Tag::Adj)
        {
            let before = self.np_start_ending_at(s - 2, floor);
            if before >= s - 1 {
                break;
            }
            s = before;
            hops += 1;
        }
        s
    }

    /// Whether a gerund after "in", "of" or "for" at `prep` tells of an act of the clause's
    /// actor: after a verb ("succeeded in"), an actor ("accused Iran of"), a word of a part in
    /// an act ("a role in", "responsible for"); not after other nouns ("the era of
    /// eliminating", "designated the airline for helping").
    fn gerund_of_actor(&self, prep: usize) -> bool {
        let Some(b) = prep.checked_sub(1) else {
            return false;
        };
        let t = &self.toks[b];
        matches!(t.tag, Tag::Verb(_))
            || matches!(t.kind, Kind::Ent { actor: Some(_), .. })
            || t.noun() & noun::RESPONSIBILITY != 0
            || matches!(
                self.w(b),
                "responsible" | "involved" | "accountable" | "guilty" | "complicit"
            )
    }

    /// Who acts in a gerund after the preposition at `prep`: the object of the verb before
    /// it when that names an actor ("accused Iran of arming"), else that verb's subject ("the
    /// commander had a role in planning").
    fn controller(&self, ctx: &DocCtx<'_>, prep: usize, floor: usize) -> Option<Np> {
        let v = (floor..prep)
            .rev()
            .take_while(|&k| !matches!(self.toks[k].tag, Tag::Comp | Tag::Rel))
            .find(|&k| matches!(self.toks[k].tag, Tag::Verb(_) | Tag::Aux(_)))?;
        if let Some(o) = self.np_at(ctx, v + 1, prep)
            && !o.actors.is_empty()
            && o.e == prep
        {
            return Some(o);
        }
        let mut c = v;
        while c > floor && matches!(self.toks[c - 1].tag, Tag::Aux(_) | Tag::Adv | Tag::Neg) {
            c -= 1;
        }
        self.subject(ctx, c, floor).0
    }

    /// The subject of the verb whose auxiliary chain starts at `chain` (None if none is found
    /// within the clause). The flag says the subject is shared with an earlier verb.
    pub fn subject(&self, ctx: &DocCtx<'_>, chain: usize, floor: usize) -> (Option<Np>, bool) {
        if chain == 0 || chain <= floor {
            return (None, false);
        }
        let mut j = chain - 1;
        // A quote mark between subject and verb: `its fighters had "shelled …`.
        while j > floor && matches!(self.toks[j].kind, Kind::Punct('"' | '“' | '”')) {
            j -= 1;
        }
        // A verb of going on before it: "X has continued to claim", "X kept claiming", "X
        // began to fire": the subject is that verb's.
        {
            let mut k = j;
            if self.w(k) == "to" && k > floor {
                k -= 1;
            }
            if k > floor && CATENATIVE.contains(&self.w(k)) {
                k -= 1;
                while k > floor && matches!(self.toks[k].tag, Tag::Aux(_) | Tag::Adv | Tag::Neg) {
                    k -= 1;
                }
                j = k;
            }
        }
        // Adjuncts between a subject and its verb: "X on Tuesday said", "X late Monday said",
        // "X, the ministry's spokesman, on Monday called …".
        while j > floor && matches!(self.toks[j].kind, Kind::Date(_)) {
            if self.toks[j - 1].tag == Tag::Prep
                && !matches!(self.w(j - 1), "on" | "late" | "early" | "last")
            {
                break;
            }
            j -= 1;
            if self.toks[j].tag == Tag::Prep {
                if j == floor {
                    return (None, false);
                }
                j -= 1;
            }
        }
        // An appositive or relative clause in commas: "X, one of the factions, said".
        if self.is_punct(j, ',') && j > floor {
            let mut k = j;
            let mut found = None;
            while k > floor && j - k < 25 {
                k -= 1;
                if self.is_punct(k, ',') {
                    found = Some(k);
                    break;
                }
                if matches!(self.toks[k].kind, Kind::Punct(';' | ':')) {
                    break;
                }
            }
            if let Some(k) = found {
                // "… and, as usual, said": a verb coordinated past an adverbial in commas
                // shares the subject before the "and".
                if k > floor && matches!(self.w(k - 1), "and" | "but" | "or") {
                    return (None, true);
                }
                let inner = self.np_at(ctx, k + 1, j);
                // The appositive names a person: that person is the subject
                // ("Iran's foreign ministry spokesman, Nasser Kanaani, said").
                if let Some(np) = &inner
                    && np.e == j
                    && np.actors.len() == 1
                    && ctx.is_person(np.actors[0])
                {
                    return (inner, false);
                }
                if k > floor {
                    let s = self.subject_start(k - 1, floor);
                    if s < k
                        && let Some(np) = self.np_at(ctx, s, k)
                    {
                        return (Some(np), false);
                    }
                }
            }
            return (None, false);
        }
        let t = &self.toks[j];
        if t.tag == Tag::Rel {
            // The antecedent of "who", "which", "that".
            let mut a = j;
            if a > floor && self.is_punct(a - 1, ',') {
                a -= 1;
            }
            if a == 0 || a <= floor.saturating_sub(40) {
                return (None, false);
            }
            let mut s = self.np_start_ending_at(a - 1, 0);
            // "a missile from Yemen that hit …", "a base in Syria that houses …": a place
            // after a preposition does not act; the clause is about the noun before it.
            let place_only = (s..a).any(|k| match self.toks[k].kind {
                Kind::Ent { place: Some(_), .. } => true,
                Kind::Ent { actor: Some(m), .. } => {
                    self.mentions[m].role == Role::Location
                        || ctx.kind(self.mentions[m].actor) == ActorKind::State
                }
                _ => false,
            }) && (s..a).all(|k| {
                matches!(self.toks[k].kind, Kind::Ent { .. }) || self.toks[k].tag == Tag::Det
            });
            if place_only
                && s >= 2
                && matches!(
                    self.w(s - 1),
                    "in" | "from" | "near" | "at" | "inside" | "outside"
                )
                && matches!(self.toks[s - 2].tag, Tag::Noun(_))
            {
                s = self.np_start_ending_at(s - 2, 0);
                return (
                    self.np_at(ctx, s, a.min(s + 64)).filter(|n| n.e <= a),
                    false,
                );
            }
            return (self.np_at(ctx, s, a), false);
        }
        if t.tag == Tag::Conj && matches!(self.w(j), "and" | "but" | "or") {
            return (None, true);
        }
        if t.tag == Tag::Pron {
            return (self.np_at(ctx, j, j + 1), false);
        }
        if np_material(t) || t.tag == Tag::Adj {
            let s = self.subject_start(j, floor);
            // "the groups conducting these attacks are supported …": a participle clause
            // between the subject and its verb.
            if s > floor + 1
                && matches!(self.toks[s - 1].tag, Tag::Verb(f) if f & form::ING != 0)
                && matches!(self.toks[s - 2].tag, Tag::Noun(_) | Tag::Name)
                && !self.is_punct(s - 2, ',')
            {
                let head_end = s - 2;
                let hs = self.np_start_ending_at(head_end, floor);
                if let Some(np) = self.np_at(ctx, hs, head_end + 1) {
                    return (Some(np), false);
                }
            }
            // "factions based in Iraq were …", "the groups operating in Syria have …".
            if s > floor + 2
                && self.toks[s - 1].tag == Tag::Prep
                && matches!(self.toks[s - 2].tag, Tag::Verb(f) if f & (form::ING | form::PART) != 0)
                && matches!(self.toks[s - 3].tag, Tag::Noun(_) | Tag::Name)
                && self.toks[s - 3].kind == Kind::Word
            {
                let head_end = s - 3;
                let hs = self.np_start_ending_at(head_end, floor);
                if let Some(np) = self.np_at(ctx, hs, head_end + 1) {
                    return (Some(np), false);
                }
            }
            let np = self
                .np_at(ctx, s, j + 1)
                .or_else(|| self.np_at(ctx, self.np_start_ending_at(j, floor), j + 1));
            return (np, false);
        }
        (None, false)
    }

    /// The object of the verb at `i` and the prepositional phrases after it, within `limit`.
    pub fn complements(
        &self,
        ctx: &DocCtx<'_>,
        i: usize,
        limit: usize,
    ) -> (Option<Np>, Vec<(&'static str, Np)>) {
        let mut j = i + 1;
        // Particles and tails of phrasal verbs, adverbs.
        while j < limit
            && (self.toks[j].tag == Tag::Adv
                || matches!(self.toks[j].kind, Kind::Date(_))
                    && self.toks.get(j + 1).is_some_and(|n| n.tag == Tag::Prep)
                || matches!(
                    self.w(j),
                    "out" | "down" | "up" | "off" | "responsibility" | "credit"
                ))
            && !(self.w(j) == "responsibility" || self.w(j) == "credit")
        {
            j += 1;
        }
        let mut obj = None;
        if j < limit
            && let Some(np) = self.np_quoted(ctx, j, limit)
        {
            j = np.e;
            obj = Some(np);
        }
        let mut pps = Vec::new();
        let mut steps = 0;
        while j < limit && steps < 6 {
            steps += 1;
            let t = &self.toks[j];
            let w = self.w(j);
            if t.tag == Tag::Adv
                || matches!(t.kind, Kind::Date(_))
                || self.is_punct(j, ',') && self.toks.get(j + 1).is_some_and(|n| n.tag == Tag::Prep)
            {
                j += 1;
                continue;
            }
            if matches!(
                w,
                "out"
                    | "down"
                    | "back"
                    | "up"
                    | "responsible"
                    | "accountable"
                    | "responsibility"
                    | "credit"
            ) {
                j += 1;
                continue;
            }
            let prep = KEPT_PREPS.iter().find(|p| **p == w).copied();
            let prep = match prep {
                Some(p)
                    if matches!(t.tag, Tag::Prep | Tag::Verb(_) | Tag::Adv) || p == "targeting" =>
                {
                    p
                }
                _ => break,
            };
            match self.np_quoted(ctx, j + 1, limit) {
                Some(np) => {
                    j = np.e;
                    // "in response to attacks on US troops by the militia": what follows
                    // belongs to the response, not to the verb.
                    let response = np.head & noun::RESPONSE != 0;
                    pps.push((prep, np));
                    if response {
                        break;
                    }
                }
                None => {
                    // "blamed it on", "according to": nothing after.
                    j += 1;
                }
            }
        }
        (obj, pps)
    }

    /// The predicates of the sentence.
    pub fn predicates(&self, ctx: &DocCtx<'_>) -> Vec<Pred> {
        let segs = self.segments();
        let seg_of = |i: usize| -> (usize, usize) {
            *segs
                .iter()
                .find(|(a, b)| *a <= i && i < *b)
                .unwrap_or(&(0, self.toks.len()))
        };
        let mut out: Vec<Pred> = Vec::new();
        for i in 0..self.toks.len() {
            let t = &self.toks[i];
            let seg = seg_of(i);
            let classes: Vec<PClass> = match t.tag {
                Tag::Verb(_)
                    if matches!(self.w(i), "bear" | "bears" | "bore" | "borne" | "bearing")
                        && (i + 1..(i + 4).min(self.toks.len()))
                            .any(|k| self.w(k) == "responsibility") =>
                {
                    vec![PClass::Responsible]
                }
                // "a group calling itself X" names; it does not speak.
                Tag::Verb(_)
                    if matches!(self.w(i), "call" | "calls" | "calling" | "called")
                        && matches!(
                            self.w(i + 1),
                            "itself" | "themselves" | "himself" | "herself"
                        ) =>
                {
                    continue;
                }
                Tag::Verb(f) => {
                    let Some(e) = t.entry else { continue };
                    let mut v: Vec<PClass> = Vec::new();
                    for s in &e.verbs {
                        if f & s.form == 0 {
                            continue;
                        }
                        if !s.tail.is_empty() && !self.tail_follows(i, &s.tail) {
                            continue;
                        }
                        if s.class == VerbClass::Other {
                            continue;
                        }
                        // "would not back down", "backed off": a retreat, not support.
                        if s.class == VerbClass::Back
                            && matches!(self.w(i + 1), "down" | "off" | "away")
                        {
                            continue;
                        }
                        let c = PClass::Verb(s.class);
                        if !v.contains(&c) {
                            v.push(c);
                        }
                    }
                    v
                }
                // "X was responsible", "are responsible for": read as a word of any class.
                _ if i > 0 && matches!(self.w(i), "responsible" | "culpable") => {
                    vec![PClass::Responsible]
                }
                // "the hallmarks of Kataib Hezbollah", "Iran's fingerprints", "was the work of
                // X".
                Tag::Noun(_)
                    if matches!(
                        self.w(i),
                        "hallmarks" | "hallmark" | "footprints" | "fingerprints" | "signature"
                    ) || self.w(i) == "work"
                        && i >= 2
                        && self.w(i - 1) == "the"
                        && self.w(i + 1) == "of"
                        && matches!(self.toks[i - 2].tag, Tag::Aux(f) if f & func::BE != 0) =>
                {
                    vec![PClass::Responsible]
                }
                Tag::Noun(_) => {
                    let c = t.noun();
                    let mut v = Vec::new();
                    if c & noun::ATTACK != 0 {
                        v.push(PClass::AttackNoun);
                    } else if c & noun::WEAK_ATTACK != 0 {
                        v.push(PClass::WeakAttackNoun);
                    }
                    v
                }
                Tag::Prep if self.w(i) == "behind" => vec![PClass::Responsible],
                _ => {
                    let w = self.w(i);
                    if matches!(w, "responsible" | "culpable" | "accountable") && i > 0 {
                        vec![PClass::Responsible]
                    } else {
                        continue;
                    }
                }
            };
            for class in classes {
                let mood = self.mood(i, seg);
                let is_noun = matches!(class, PClass::AttackNoun | PClass::WeakAttackNoun);
                // The subject may lie before a relative clause or an appositive of its own
                // ("X, an umbrella that includes Y, has claimed"): only hard punctuation
                // bounds the search.
                // "US Central Command (CENTCOM) said", "the fighters [of the militia] fired":
                // the subject stands before the brackets.
                let open = match mood.chain.checked_sub(1).map(|k| self.toks[k].kind) {
                    Some(Kind::Punct(')')) => Some('('),
                    Some(Kind::Punct(']')) => Some('['),
                    _ => None,
                };
                let bracketed = open
                    .filter(|_| mood.chain >= 3)
                    .and_then(|o| {
                        (mood.chain.saturating_sub(12)..mood.chain - 1)
                            .rev()
                            .find(|&k| self.is_punct(k, o))
                    })
                    .filter(|&k| k > 0);
                let chain_at = bracketed.unwrap_or(mood.chain);
                let floor = (0..chain_at)
                    .rev()
                    .find(|&k| {
                        matches!(
                            self.toks[k].kind,
                            Kind::Punct(';' | ':' | '(' | ')' | '—' | '–' | '[' | ']')
                        )
                    })
                    .map_or(0, |k| k + 1);
                let (subj, shared) = if is_noun {
                    (None, false)
                } else {
                    self.subject(ctx, chain_at, floor)
                };
                // "had a role in planning attacks", "claimed the raid after firing rockets",
                // "accused Iran of arming them": a gerund after a preposition acts for the
                // clause's object when that names an actor, else for its subject.
                let (subj, shared) = match self.toks[i].tag {
                    Tag::Verb(f)
                        if !is_noun
                            && f & form::ING != 0
                            && mood.chain == i
                            && i > floor + 1
                            && (matches!(
                                self.w(i - 1),
                                "after" | "before" | "without" | "while"
                            ) || matches!(self.w(i - 1), "in" | "of" | "for")
                                && self.gerund_of_actor(i - 1)) =>
                    {
                        match self.controller(ctx, i - 1, floor) {
                            Some(np) => (Some(np), false),
                            None => (subj, shared),
                        }
                    }
                    _ => (subj, shared),
                };
                let (subj, shared) = if subj.is_none() && !shared && !is_noun && seg.0 > 0 {
                    // A subject before a relative pronoun or "that": "the group that claimed".
                    if self.toks[seg.0].tag == Tag::Rel && seg.0 + 1 == mood.chain {
                        self.subject(ctx, seg.0 + 1, 0)
                    } else {
                        (subj, shared)
                    }
                } else {
                    (subj, shared)
                };
                let (obj, pps) = if is_noun {
                    let (_, pps) = self.complements(ctx, i, seg.1);
                    (None, pps)
                } else {
                    self.complements(ctx, i, seg.1)
                };
                let mut p = Pred {
                    tok: i,
                    class,
                    mood,
                    subj,
                    obj,
                    pps,
                    shared_subject: shared,
                    segment: seg,
                };
                // "…, holding them responsible": a participle after a comma, with no subject of
                // its own, has the subject of the clause before it.
                // A participle right after a comma has no subject of its own, even when a
                // phrase in commas stands before it ("In a statement, X said …, adding that").
                let speech = matches!(class, PClass::Verb(VerbClass::Say));
                let participle = (p.subj.is_none() || speech)
                    && !is_noun
                    && mood.chain == i
                    && i > 0
                    && self.is_punct(i - 1, ',')
                    && matches!(self.toks[i].tag, Tag::Verb(f) if f & form::ING != 0);
                if participle {
                    p.subj = None;
                    p.shared_subject = true;
                }
                // A speech participle continues the speech ("X said the drone hit the base,
                // adding that …": X adds, not the drone); another, the clause before it.
                // A speaker is someone: "a statement circulated on Telegram, saying …" is the
                // group's saying, not the statement's.
                let prev =
                    |q: &&Pred| matches!(q.class, PClass::Verb(_)) && q.tok < i && q.subj.is_some();
                let someone = |q: &&Pred| {
                    q.subj
                        .as_ref()
                        .is_some_and(|s| !s.actors.is_empty() || s.pron.is_some() || s.collective)
                };
                // The nearest act of speech (said, denied, claimed, blamed), else the main
                // clause's verb: "Iran rejected allegations that it was behind an attack that
                // killed three, saying …" is Iran's saying.
                let shared_with = if participle && speech {
                    let mut before = out.iter().rev().filter(prev);
                    before
                        .clone()
                        .find(|q| {
                            matches!(
                                q.class,
                                PClass::Verb(
                                    VerbClass::Say
                                        | VerbClass::Deny
                                        | VerbClass::Claim
                                        | VerbClass::Blame
                                )
                            ) && someone(q)
                        })
                        .or_else(|| out.iter().filter(prev).find(someone))
                        .or_else(|| before.next())
                } else {
                    out.iter().rev().find(prev)
                };
                // "X said the strikes began at 4 p.m. and hit …": the verb before the "and" is
                // none of ours ("began"), but it is the one whose subject is shared.
                let between = (p.shared_subject && !participle)
                    .then(|| {
                        (floor..mood.chain)
                            .rev()
                            .find(|&k| matches!(self.toks[k].tag, Tag::Verb(_)))
                    })
                    .flatten()
                    .filter(|&k| {
                        shared_with.is_none_or(|q| q.tok < k) && !out.iter().any(|q| q.tok == k)
                    })
                    // Coordinated verbs share a tense ("began … and hit"; not "was disrupting
                    // … and said").
                    .filter(|&k| match (self.toks[k].tag, self.toks[i].tag) {
                        (Tag::Verb(a), Tag::Verb(b)) => {
                            a & b & (form::PAST | form::S | form::BASE) != 0
                        }
                        _ => false,
                    });
                if let Some(k) = between {
                    let mut c = k;
                    while c > floor && matches!(self.toks[c - 1].tag, Tag::Aux(_) | Tag::Adv) {
                        c -= 1;
                    }
                    if let (Some(np), false) = self.subject(ctx, c, floor) {
                        p.subj = Some(np);
                    }
                }
                if p.shared_subject
                    && let Some(prev) = shared_with
                {
                    if between.is_none() {
                        p.subj = prev.subj.clone();
                    }
                    // "wants to hide its hand and deny its role": the first verb's mood holds.
                    p.mood.intended |= prev.mood.intended;
                    // ... also when the first verb is not one of ours: a base form coordinated
                    // after "wants to …" is wanted too ("threatened X and attacked Y" is not).
                    p.mood.intended |= prev.class == PClass::Verb(VerbClass::Intend)
                        && self.w(prev.tok + 1) == "to"
                        && matches!(self.toks[i].tag, Tag::Verb(f) if f == form::BASE);
                    p.mood.modal |= prev.mood.modal;
                    p.mood.cond |= prev.mood.cond;
                    if prev.mood.neg
                        && !p.mood.neg
                        && self.toks[mood.chain.saturating_sub(1)].tag == Tag::Conj
                        && self.w(mood.chain.saturating_sub(1)) == "or"
                    {
                        p.mood.neg = true;
                    }
                }
                if is_noun {
                    p.mood = self.noun_mood(i, seg);
                }
                // "No group has claimed the attack": a negated subject negates the verb.
                if p.subj.as_ref().is_some_and(|n| n.negated) && !p.mood.passive {
                    p.mood.neg = true;
                }
                out.push(p);
            }
        }
        // "was planned, financed and carried out by X": coordinated participles share the
        // "by" phrase of the last.
        for k in 0..out.len() {
            if !out[k].mood.passive || out[k].pp("by").is_some() {
                continue;
            }
            let next_by = out[k + 1..]
                .iter()
                .take_while(|q| q.tok <= out[k].tok + 8)
                .find(|q| {
                    matches!(q.class, PClass::Verb(_))
                        && q.pp("by").is_some()
                        && (q.subj.is_none()
                            || q.subj.as_ref().map(|s| (s.s, s.e))
                                == out[k].subj.as_ref().map(|s| (s.s, s.e)))
                })
                .and_then(|q| q.pp("by").cloned());
            if let Some(by) = next_by {
                out[k].pps.push(("by", by));
            }
        }
        // "an attack claimed by X", "drones launched by Y": a participle right after its noun
        // with a "by" phrase is passive.
        for p in out.iter_mut() {
            if !p.mood.passive
                && matches!(p.class, PClass::Verb(_))
                && p.pps.first().is_some_and(|(w, _)| *w == "by")
                // "an attack claimed by X", or set off by commas: "an attack on the base,
                // claimed by X, wounded three".
                && (p.subj.as_ref().is_some_and(|s| s.e == p.tok)
                    || p.tok > 0 && self.is_punct(p.tok - 1, ',') && p.mood.chain == p.tok)
                && matches!(self.toks[p.tok].tag, Tag::Verb(f) if f & (form::PAST | form::PART) != 0)
            {
                p.mood.passive = true;
                // Set off by commas, it tells of the noun right before them ("the Quds
                // Force, commanded by X,"), not of a subject further back.
                if p.subj.as_ref().is_none_or(|s| s.e != p.tok) && p.tok >= 2 {
                    let s = self.np_start_ending_at(p.tok - 2, p.segment.0.min(p.tok - 2));
                    p.subj = self.np_at(ctx, s, p.tok - 1);
                }
            }
        }
        // "X is believed to have carried out …", "X is said to be behind …": the verb after
        // "to" takes the passive verb's subject, hedged.
        for k in 1..out.len() {
            let p = &out[k];
            if p.subj.is_some() || !matches!(p.class, PClass::Verb(_) | PClass::Responsible) {
                continue;
            }
            let mut j = p.tok;
            while j > 0 && matches!(self.w(j - 1), "have" | "be" | "been" | "to") {
                j -= 1;
                if self.w(j) == "to" {
                    break;
                }
            }
            if j == p.tok || self.w(j) != "to" || j == 0 {
                continue;
            }
            let Some(q) = out[..k].iter().rev().find(|q| q.tok + 1 == j) else {
                continue;
            };
            if q.mood.passive
                && matches!(q.class, PClass::Verb(VerbClass::Believe | VerbClass::Say))
                && let Some(subj) = q.subj.clone()
            {
                out[k].subj = Some(subj);
                out[k].mood.hedged = true;
            }
        }
        // "The ambush appeared to have been carried out by X", "the blast seems to have been
        // caused by Y": the verb after a raising verb takes its subject, hedged.
        for p in out.iter_mut() {
            if p.subj.is_some() || !matches!(p.class, PClass::Verb(_)) {
                continue;
            }
            // The chain may start at "to" ("to have been carried") or after it.
            let mut j = p.mood.chain;
            while j > 0 && matches!(self.w(j - 1), "have" | "been" | "be" | "to") {
                j -= 1;
                if self.w(j) == "to" {
                    break;
                }
            }
            if self.w(j) != "to"
                || j == 0
                || !matches!(
                    self.w(j - 1),
                    "appear" | "appears" | "appeared" | "seem" | "seems" | "seemed"
                )
            {
                continue;
            }
            let raising = j - 1;
            let floor = (0..raising)
                .rev()
                .find(|&x| matches!(self.toks[x].kind, Kind::Punct(';' | ':' | '(' | ')')))
                .map_or(0, |x| x + 1);
            if let (Some(subj), _) = self.subject(ctx, raising, floor) {
                p.subj = Some(subj);
                p.mood.hedged = true;
            }
        }
        self.non_involvement(ctx, &mut out, &segs);
        out
    }

    /// Whether the tail words of a phrasal verb follow token `i` (within two words each).
    fn tail_follows(&self, i: usize, tail: &[Box<str>]) -> bool {
        let mut j = i + 1;
        for w in tail {
            let gap = if matches!(&**w, "responsible" | "accountable") {
                7
            } else {
                3
            };
            let end = (j + gap).min(self.toks.len());
            let at = (j..end)
                .take_while(|&k| self.w(k) == &**w || !matches!(self.toks[k].kind, Kind::Punct(_)))
                .find(|&k| self.w(k) == &**w);
            match at {
                Some(k) => j = k + 1,
                None => return false,
            }
        }
        true
    }

    /// The mood of an attack noun: its own determiners and adjectives ("no attack",
    /// "possible strikes"), and the verb that governs it ("threatened attacks").
    fn noun_mood(&self, i: usize, seg: (usize, usize)) -> Mood {
        let mut m = Mood {
            chain: i,
            ..Default::default()
        };
        let mut k = i;
        while k > seg.0 {
            k -= 1;
            let t = &self.toks[k];
            if !(np_material(t) || t.tag == Tag::Adj || (t.glued && t.kind == Kind::Word)) {
                break;
            }
            let w = self.w(k);
            if w == "no" {
                m.neg = true;
            }
            if t.is(func::HYPO) {
                m.intended = true;
            }
        }
        // "the threat of more raids", "fears of an attack".
        if k >= 1
            && self.w(k) == "of"
            && matches!(
                self.w(k - 1),
                "threat"
                    | "threats"
                    | "risk"
                    | "risks"
                    | "fear"
                    | "fears"
                    | "prospect"
                    | "possibility"
                    | "danger"
                    | "spectre"
                    | "specter"
                    | "warning"
                    | "warnings"
            )
        {
            m.intended = true;
        }
        // "braced for an attack", "preparing for strikes", "warned of attacks": what is
        // awaited has not happened.
        if k >= 1
            && matches!(self.w(k), "for" | "of" | "against")
            && matches!(self.toks[k - 1].tag, Tag::Verb(_))
            && self.toks[k - 1]
                .entry
                .is_some_and(|e| e.verb(VerbClass::Intend))
        {
            m.intended = true;
        }
        // The governing verb: "vowed new attacks", "would be a strike".
        if k < i
            && let Tag::Verb(_) = self.toks[k].tag
        {
            let g = self.mood(k, seg);
            // A phrasal sense needs its particle: "called for strikes", not "called the
            // strikes a mistake".
            if self.toks[k].entry.is_some_and(|e| {
                e.verbs.iter().any(|v| {
                    v.class == VerbClass::Intend
                        && (v.tail.is_empty() || self.tail_follows(k, &v.tail))
                })
            }) {
                m.intended = true;
            }
            m.modal |= g.modal;
            m.intended |= g.intended;
            m.cond |= g.cond;
            if self.toks[k].entry.is_some_and(|e| {
                e.verb(VerbClass::Deny) || e.verb(VerbClass::Launch) || e.verb(VerbClass::Claim)
            }) {
                m.neg |= g.neg;
            }
        }
        if (seg.0..i).any(|x| {
            self.toks[x].is(func::COND)
                && matches!(self.toks[x].tag, Tag::Conj | Tag::Comp | Tag::Aux(_))
        }) {
            m.cond = true;
        }
        m
    }

    /// "X had nothing to do with", "X played no role in", "X acted on its own",
    /// "X does not take orders from Y", "X was not involved".
    fn non_involvement(&self, ctx: &DocCtx<'_>, out: &mut Vec<Pred>, segs: &[(usize, usize)]) {
        for &(a, b) in segs {
            for i in a..b {
                let w = self.w(i);
                let hit = match w {
                    "nothing" => self.w(i + 1) == "to" && self.w(i + 2) == "do",
                    // "on its own", "of its own accord"; not "a tribute of his own".
                    "own" => {
                        i >= 2
                            && matches!(self.w(i - 1), "its" | "their" | "his" | "her")
                            && (self.w(i - 2) == "on"
                                || self.w(i - 2) == "of"
                                    && matches!(
                                        self.w(i + 1),
                                        "accord"
                                            | "volition"
                                            | "will"
                                            | "principles"
                                            | "priorities"
                                            | "interests"
                                            | "calculations"
                                    ))
                    }
                    "independently" | "autonomously" | "unilaterally" => true,
                    "orders" | "instructions" | "directives" => {
                        (a..i).any(|k| self.toks[k].tag == Tag::Neg)
                    }
                    "decisions" => i >= 1 && self.w(i - 1) == "own",
                    "unaware" | "uninvolved" | "independent" => true,
                    // "they did not know how we conduct our operations".
                    "know" | "knew" | "known" => {
                        (a..i).rev().take(3).any(|k| self.toks[k].tag == Tag::Neg)
                    }
                    // "Iran is not a party to …", "has no proxies".
                    "party" => {
                        self.w(i + 1) == "to"
                            && (a..i).rev().take(3).any(|k| self.toks[k].tag == Tag::Neg)
                    }
                    "proxies" | "proxy" => i >= 1 && self.w(i - 1) == "no",
                    "linked" | "connected" | "tied" | "related" => {
                        matches!(self.w(i + 1), "to" | "with")
                            && (a..i).rev().take(3).any(|k| self.toks[k].tag == Tag::Neg)
                    }
                    _ => {
                        self.toks[i].noun() & noun::RESPONSIBILITY != 0
                            && i >= 1
                            && (self.w(i - 1) == "no" || (i >= 2 && self.w(i - 2) == "no"))
                            && !matches!(w, "credit" | "responsibility")
                    }
                };
                // "did not take part in": the phrasal sense needs its particle ("did not
                // take place" denies no part).
                let involved = matches!(self.toks[i].tag, Tag::Verb(_))
                    && self.toks[i].entry.is_some_and(|e| {
                        e.verbs.iter().any(|v| {
                            v.class == VerbClass::Involve
                                && (v.tail.is_empty() || self.tail_follows(i, &v.tail))
                        })
                    })
                    && self.mood(i, (a, b)).neg;
                if !(hit || involved) {
                    continue;
                }
                if out
                    .iter()
                    .any(|p| p.class == PClass::NotInvolved && p.segment == (a, b))
                {
                    continue;
                }
                // The subject: the first noun phrase of the segment's clause.
                let mut k = a;
                while k < i && !(np_material(&self.toks[k]) || self.toks[k].tag == Tag::Pron) {
                    k += 1;
                }
                let subj = self.np_at(ctx, k, i);
                let (_, pps) = self.complements(ctx, i, b);
                out.push(Pred {
                    tok: i,
                    class: PClass::NotInvolved,
                    mood: Mood::default(),
                    subj,
                    obj: None,
                    pps,
                    shared_subject: false,
                    segment: (a, b),
                });
            }
        }
    }
}

// ---------------------------------------------------------------- speech

/// A source and what it says: "X said …", "…, X said", "according to X, …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speech {
    /// The verb (or "according").
    pub verb: usize,
    /// Who speaks.
    pub speaker: Option<Np>,
    /// What is said (token range).
    pub content: (usize, usize),
}

/// Verbs whose object is who is told, not what is said.
const TELL: &[&str] = &["tell", "inform", "brief", "assure", "warn", "remind"];

impl Sent<'_, '_> {
    /// The speech frames of the sentence, given its predicates.
    pub fn speech(&self, ctx: &DocCtx<'_>, preds: &[Pred]) -> Vec<Speech> {
        let n = self.toks.len();
        let mut out = Vec::new();
        for p in preds {
            let PClass::Verb(c) = p.class else { continue };
            let i = p.tok;
            let next_comp = self.toks.get(i + 1).is_some_and(|t| t.tag == Tag::Comp);
            let is_speech = matches!(c, VerbClass::Say | VerbClass::Believe)
                || (matches!(c, VerbClass::Claim | VerbClass::Deny | VerbClass::Blame)
                    && next_comp);
            if !is_speech
                || p.mood.neg
                || p.mood.intended
                || p.mood.passive && self.w(i) != "quoted"
            {
                continue;
            }
            // Trailing attribution: ", X said." or ", said X." (or after a closing quote).
            let subj_start = p
                .subj
                .as_ref()
                .map_or(p.mood.chain, |s| s.s.min(p.mood.chain));
            let inverted = p.subj.is_none()
                && (i > 0 && (self.is_punct(i - 1, ',') || self.is_close_quote(i - 1)));
            let (speaker, frame_start, frame_end) = if inverted {
                let np = self.np_at(ctx, i + 1, n);
                let e = np.as_ref().map_or(i + 1, |x| x.e);
                (np, i, e)
            } else {
                (p.subj.clone(), subj_start, i + 1)
            };
            let before_comma = frame_start > 0
                && (self.is_punct(frame_start - 1, ',') || self.is_close_quote(frame_start - 1))
                && frame_start >= 3;
            // After the frame: only adjuncts until the end or a comma.
            let mut k = frame_end;
            while k < n {
                let t = &self.toks[k];
                let w = self.w(k);
                if matches!(t.kind, Kind::Date(_))
                    || t.tag == Tag::Adv
                    || matches!(
                        w,
                        "in" | "on"
                            | "a"
                            | "an"
                            | "the"
                            | "statement"
                            | "interview"
                            | "to"
                            | "reporters"
                            | "journalists"
                            | "late"
                            | "early"
                    )
                    || (t.tag == Tag::Prep && matches!(w, "in" | "on" | "at" | "during" | "to"))
                {
                    k += 1;
                    continue;
                }
                if matches!(t.kind, Kind::Ent { .. })
                    && k > frame_end
                    && matches!(self.w(k - 1), "to" | "on" | "in" | "with")
                {
                    k += 1;
                    continue;
                }
                break;
            }
            let trailing = before_comma
                && (k >= n
                    || matches!(
                        self.toks[k].kind,
                        Kind::Punct('.' | ',' | ';' | '!' | '?' | '"' | '”' | ')')
                    ));
            if trailing {
                // A frame set inside the clause ("The strikes, he said, were a response to
                // …"): what is said goes on after it.
                let inside = k + 1 < n && self.is_punct(k, ',') && self.starts_clause(k + 1);
                out.push(Speech {
                    verb: i,
                    speaker,
                    content: (0, if inside { n } else { frame_start - 1 }),
                });
                continue;
            }
            // Leading: what follows the verb, past who is told and how it was said.
            let mut c0 = i + 1;
            if TELL.contains(
                &self.toks[i]
                    .entry
                    .and_then(|e| e.verbs.first())
                    .map_or("", |v| &*v.lemma),
            ) && let Some(o) = &p.obj
                && o.s == c0
            {
                c0 = o.e;
            }
            let mut guard = 0;
            while c0 < n && guard < 12 {
                guard += 1;
                let t = &self.toks[c0];
                let w = self.w(c0);
                if t.tag == Tag::Comp
                    || matches!(t.kind, Kind::Punct(':' | ',' | '“' | '"'))
                    || t.tag == Tag::Adv
                    || matches!(t.kind, Kind::Date(_))
                {
                    c0 += 1;
                    continue;
                }
                if t.tag == Tag::Prep
                    && matches!(w, "in" | "on" | "during" | "at" | "to" | "via" | "through")
                {
                    // "in a statement", "on Telegram", "to reporters".
                    match self.np_at(ctx, c0 + 1, n) {
                        Some(np) if np.e - np.s <= 4 && !self.starts_clause(np.e) => {
                            c0 = np.e;
                            continue;
                        }
                        _ => break,
                    }
                }
                break;
            }
            if c0 >= n || speaker.is_none() {
                continue;
            }
            // The content ends where a contrasting clause starts ("…, while Y said …"), or
            // where another source named after "and" speaks ("…, and Hezbollah denied …").
            let mut c1 = n;
            for k in c0..n {
                if matches!(self.toks[k].kind, Kind::Punct(';'))
                    || (self.toks[k].tag == Tag::Conj
                        && matches!(self.w(k), "but" | "while" | "whereas"))
                {
                    c1 = k;
                    break;
                }
            }
            for q in preds {
                if q.tok <= c0 || q.tok >= c1 {
                    continue;
                }
                let speaks = matches!(
                    q.class,
                    PClass::Verb(
                        VerbClass::Say
                            | VerbClass::Believe
                            | VerbClass::Deny
                            | VerbClass::Claim
                            | VerbClass::Blame
                    )
                );
                if let Some(sj) = q.subj.as_ref()
                    && speaks
                    && !sj.actors.is_empty()
                    && sj.s > c0
                    && matches!(self.w(sj.s - 1), "and" | "but")
                {
                    c1 = sj.s - 1;
                }
            }
            out.push(Speech {
                verb: i,
                speaker,
                content: (c0, c1),
            });
        }
        // "according to X".
        for i in 0..n {
            if self.w(i) == "according" && self.w(i + 1) == "to" {
                let np = self.np_at(ctx, i + 2, n);
                // "according to Israeli figures", "according to a tally by X": the source of a
                // number, not of who did what.
                if np.as_ref().is_some_and(|x| {
                    x.head_is(
                        &ctx.lower,
                        &[
                            "figures",
                            "figure",
                            "data",
                            "tally",
                            "count",
                            "statistics",
                            "estimates",
                            "estimate",
                            "toll",
                            "numbers",
                            "records",
                        ],
                    )
                }) {
                    continue;
                }
                let e = np.as_ref().map_or(i + 2, |x| x.e);
                let content = if i <= 1 { (e, n) } else { (0, i) };
                out.push(Speech {
                    verb: i,
                    speaker: np,
                    content,
                });
            }
        }
        out
    }

    fn is_close_quote(&self, i: usize) -> bool {
        matches!(
            self.toks.get(i).map(|t| t.kind),
            Some(Kind::Punct('”' | '"' | '’'))
        )
    }

    /// Whether a noun phrase with its own finite verb starts at `i` ("as Israel and Hamas
    /// agreed …", not "as a warning", "as well as").
    fn clause_after(&self, i: usize) -> bool {
        let mut k = i;
        while k < self.toks.len() && k < i + 8 {
            let t = &self.toks[k];
            if matches!(t.tag, Tag::Aux(_))
                || matches!(t.tag, Tag::Verb(f) if f & (form::PAST | form::S) != 0)
            {
                return k > i;
            }
            let joined = matches!(self.w(k), "and" | "or") && k > i;
            if !(np_material(t) || t.tag == Tag::Pron || joined) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// Whether a clause (a verb) starts at `i`.
    fn starts_clause(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.tag, Tag::Verb(_) | Tag::Aux(_)))
    }
}

/// Everything the later passes need of one sentence.
pub struct Frames<'a, 'l> {
    /// The tokens.
    pub sent: Sent<'a, 'l>,
    /// The predicates.
    pub preds: Vec<Pred>,
    /// The speech frames.
    pub speech: Vec<Speech>,
}

/// Reads sentence `si`.
pub fn read<'a, 'l>(ctx: &'a DocCtx<'l>, si: usize) -> Frames<'a, 'l> {
    let sent = tokens(ctx, si);
    let preds = sent.predicates(ctx);
    let speech = sent.speech(ctx, &preds);
    Frames {
        sent,
        preds,
        speech,
    }
}

impl Frames<'_, '_> {
    /// The innermost speech frame whose content holds token `i` (not the frame of `i` itself).
    pub fn speech_over(&self, i: usize) -> Option<&Speech> {
        self.speech
            .iter()
            .filter(|s| s.content.0 <= i && i < s.content.1 && s.verb != i)
            .min_by_key(|s| s.content.1 - s.content.0)
    }
}
