//! The analysis: from a corpus and a lexicon to actors, mentions, statements, attack
//! incidents, tallies and relations, each tied to the span of text it came from.
//!
//! Each document is analysed on its own (in parallel); the results are then merged: unknown
//! actors get global ids, reports of the same attack become one incident, and relations are
//! gathered with all their evidence.

pub mod dates;
pub mod events;
pub mod frames;
pub mod gated;
pub mod incidents;
pub mod mentions;
pub mod numbers;
pub mod relations;
pub mod sentences;
pub mod speakers;
pub mod statements;
pub mod tallies;
pub mod template;
pub mod voice;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::corpus::{Corpus, Document, JunkKind};
use crate::lexicon::Lexicon;
use crate::model::{
    ActorId, ActorKind, DocId, IncidentId, PlaceId, RelationKind, Span, StatementKind,
};

use mentions::{Matcher, PlaceMention, RawMention, UnknownActor};
use sentences::Sentence;
use speakers::Quote;
use template::{Role, Template};

/// An actor as the analysis knows it (from the lexicon, or guessed).
#[derive(Clone, Debug)]
pub struct ActorInfo {
    /// Canonical name.
    pub name: String,
    /// Kind (guessed for unknown actors).
    pub kind: ActorKind,
    /// Names it is known by (lexicon aliases and demonyms).
    pub aliases: Vec<String>,
    /// Whether it comes from the lexicon.
    pub known: bool,
    /// The documents it is mentioned in.
    pub docs: Vec<DocId>,
    /// How many mentions it has.
    pub mention_count: u32,
}

/// One mention of an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The actor.
    pub actor: ActorId,
    /// Where.
    pub span: Span,
    /// Inside a caption or other junk (counted for the document's actors, not analysed).
    pub in_junk: bool,
}

/// One sentence of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceRec {
    /// Where.
    pub span: Span,
    /// A heading: actors count, findings do not.
    pub heading: bool,
}

/// A claim, accusation or denial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Which.
    pub kind: StatementKind,
    /// Who says it.
    pub speaker: Option<ActorId>,
    /// Whose responsibility is at stake.
    pub about: Option<ActorId>,
    /// The sentence.
    pub span: Span,
    /// The cue phrase.
    pub cue: Span,
}

/// A reported count of attacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    /// The count (a lower bound when `lower_bound`).
    pub value: u64,
    /// "attacks" or "retaliatory strikes".
    pub unit: String,
    /// Start of the counted period.
    pub since: Option<NaiveDate>,
    /// Day of the count, when stated.
    pub as_of: Option<NaiveDate>,
    /// Where the attacks happened ("Iraq and Syria").
    pub region: Option<String>,
    /// Who reports the count.
    pub reported_by: Option<ActorId>,
    /// "more than", "at least".
    pub lower_bound: bool,
    /// The sentence.
    pub span: Span,
    /// The number itself.
    pub number: Span,
}

/// One document's report of an attack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttackReport {
    /// The incident it belongs to.
    pub incident: IncidentId,
    /// The sentence.
    pub span: Span,
    /// The word that reports the attack.
    pub trigger: Span,
    /// Day of the attack.
    pub date: Option<NaiveDate>,
    /// Where.
    pub place: Option<PlaceId>,
    /// The country (a state actor).
    pub country: Option<ActorId>,
    /// Who attacked.
    pub attacker: Option<ActorId>,
    /// Who was attacked.
    pub target: Option<ActorId>,
    /// drone, rocket, missile, airstrike, ...
    pub weapon: Option<String>,
    /// People killed.
    pub killed: Option<u64>,
    /// People injured.
    pub injured: Option<u64>,
    /// Refers back to an attack already reported in the document.
    pub anaphoric: bool,
    /// The kind of word it is told with ("strike", "raid", "attack", as a number): what "the
    /// strikes" points back to.
    pub key: u8,
}

/// An attack, merged from all the reports of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    /// Its id.
    pub id: IncidentId,
    /// Indexes into [`Analysis::reports`].
    pub reports: Vec<usize>,
    /// Day.
    pub date: Option<NaiveDate>,
    /// Place.
    pub place: Option<PlaceId>,
    /// Country.
    pub country: Option<ActorId>,
    /// Attacker.
    pub attacker: Option<ActorId>,
    /// Target.
    pub target: Option<ActorId>,
    /// Weapon.
    pub weapon: Option<String>,
    /// Killed (the largest reported).
    pub killed: Option<u64>,
    /// Injured (the largest reported).
    pub injured: Option<u64>,
}

/// A directed relation between two actors with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// From.
    pub from: ActorId,
    /// To.
    pub to: ActorId,
    /// Kind.
    pub kind: RelationKind,
    /// The sentences that support it.
    pub evidence: Vec<Span>,
}

/// Everything found in a corpus.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Actors: the lexicon's, in order, then guessed ones.
    pub actors: Vec<ActorInfo>,
    /// Mentions, by document then position.
    pub mentions: Vec<Mention>,
    /// Sentences of each document.
    pub sentences: Vec<Vec<SentenceRec>>,
    /// Place mentions (place, span).
    pub places: Vec<(PlaceId, Span)>,
    /// Claims, accusations, denials.
    pub statements: Vec<Statement>,
    /// Reported counts.
    pub tallies: Vec<Tally>,
    /// Attack reports.
    pub reports: Vec<AttackReport>,
    /// Attacks, merged across documents.
    pub incidents: Vec<Incident>,
    /// Relations.
    pub relations: Vec<Relation>,
}

impl Analysis {
    /// The actor.
    pub fn actor(&self, id: ActorId) -> &ActorInfo {
        &self.actors[id.index()]
    }

    /// The actor named `name` (canonical).
    pub fn actor_by_name(&self, name: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.name == name)
            .map(|i| ActorId(i as u32))
    }

    /// The sentence of `doc` containing byte `pos`.
    pub fn sentence_at(&self, doc: DocId, pos: usize) -> Option<&SentenceRec> {
        let s = self.sentences.get(doc.index())?;
        let i = s.partition_point(|r| (r.span.end as usize) <= pos);
        s.get(i).filter(|r| r.span.start as usize <= pos)
    }

    /// The statements of one document (statements are stored in document order).
    pub fn statements_in(&self, doc: DocId) -> &[Statement] {
        let lo = self.statements.partition_point(|s| s.span.doc < doc);
        let hi = self.statements.partition_point(|s| s.span.doc <= doc);
        &self.statements[lo..hi]
    }
}

// ---------------------------------------------------------------- per-document work

/// Local findings of one document, before the corpus is merged: actors are lexicon indexes
/// or, beyond, the document's own unknown actors. This is what the cache keeps per file.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocFindings {
    /// Set when dates were resolved against the corpus anchor (the document names no date of
    /// its own): the anchor it used. Such findings go stale when the corpus anchor moves.
    corpus_anchor: Option<Option<NaiveDate>>,
    unknown: Vec<UnknownActor>,
    mentions: Vec<(u32, usize, usize, bool)>,
    places: Vec<PlaceMention>,
    sentences: Vec<Sentence>,
    statements: Vec<statements::Found>,
    tallies: Vec<tallies::Found>,
    reports: Vec<incidents::Found>,
    relations: Vec<relations::Found>,
}

/// What the per-sentence passes can see of their document.
pub struct DocCtx<'a> {
    /// The displayed text.
    pub text: &'a str,
    /// The same, ASCII-lowercased (same offsets): for keyword gates.
    pub lower: String,
    /// The document.
    pub doc: &'a Document,
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// Unknown actors of this document (ids from `lex.actors.len()`).
    pub unknown: Vec<UnknownActor>,
    /// Actor mentions (analysable text only), in order.
    pub mentions: Vec<RawMention>,
    /// The role each mention plays in its sentence.
    pub roles: Vec<Role>,
    /// Place mentions.
    pub places: Vec<PlaceMention>,
    /// Every cue keyword in the text (see [`mentions::Scan`]).
    pub keywords: Vec<(usize, usize)>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// One template per sentence.
    pub templates: Vec<Template>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// First subject of each sentence (non-person), for "it"/"they".
    pub subjects: Vec<(usize, u32)>,
    /// Year anchor for dates without a year.
    pub anchor: Option<dates::Anchor>,
    /// The date expressions of each sentence (offsets within the sentence).
    pub dates: Vec<Vec<dates::DateMention>>,
}

impl DocCtx<'_> {
    /// The kind of an actor ref.
    pub fn kind(&self, a: u32) -> ActorKind {
        let n = self.lex.actors.len() as u32;
        if a < n {
            self.lex.actors[a as usize].kind
        } else {
            self.unknown[(a - n) as usize].kind
        }
    }

    /// Whether the actor ref is a person.
    pub fn is_person(&self, a: u32) -> bool {
        self.kind(a) == ActorKind::Person
    }

    /// The side an actor speaks for (see [`Lexicon::side_of`]).
    pub fn side(&self, a: u32) -> u32 {
        if (a as usize) < self.lex.actors.len() {
            self.lex.side_of(ActorId(a)).0
        } else {
            a
        }
    }

    /// The lexicon affiliation of an actor ref.
    pub fn affiliation(&self, a: u32) -> Option<u32> {
        self.lex
            .actors
            .get(a as usize)
            .and_then(|x| x.affiliation)
            .map(|x| x.0)
    }

    /// Whether `pos` lies inside a quote.
    pub fn quote_at(&self, pos: usize) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.start < pos && pos < q.end)
    }

    /// End of the sentence that contains `pos` (or the text's end).
    pub fn sentence_end_after(&self, pos: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end < pos);
        self.sentences
            .get(i)
            .map(|s| s.end.max(pos))
            .unwrap_or(self.text.len())
    }

    /// Start of the sentence that contains `pos`.
    pub fn sentence_start_before(&self, pos: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.end < pos);
        self.sentences
            .get(i)
            .map(|s| s.start.min(pos))
            .unwrap_or(pos)
    }

    /// The speaker named in `text[s..e]` (a run of mentions, or a pronoun/role noun).
    pub fn speaker_in(&self, s: usize, e: usize, before: usize) -> Vec<u32> {
        // Callers cut at byte offsets; a cut inside a character moves back to its start.
        let (s, e) = (floor_char(self.text, s), floor_char(self.text, e));
        if s > e {
            return Vec::new();
        }
        let ms: Vec<template::SentMention> = self
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start >= s && m.end <= e)
            .map(|(i, m)| template::SentMention {
                mention: i,
                actor: m.actor,
                start: m.start,
                end: m.end,
                role: self.roles[i],
                demonym: m.demonym,
                t_start: 0,
                t_end: 0,
            })
            .collect();
        let refs: Vec<&template::SentMention> = ms.iter().collect();
        let v = speakers::run(&refs, self);
        if !v.is_empty() {
            return v;
        }
        speakers::pronoun(&self.text[s..e], before, self)
            .into_iter()
            .collect()
    }

    /// The last person mentioned (outside quotes) before `pos`.
    pub fn last_person_before(&self, pos: usize) -> Option<u32> {
        self.mentions
            .iter()
            .enumerate()
            .rev()
            .filter(|(i, m)| {
                m.end <= pos && self.roles[*i] == Role::Refers && self.is_person(m.actor)
            })
            .find(|(_, m)| self.quote_at(m.start).is_none())
            .map(|(_, m)| m.actor)
    }

    /// The last sentence subject (not a person) before `pos`.
    pub fn last_subject_before(&self, pos: usize) -> Option<u32> {
        self.subjects
            .iter()
            .rev()
            .find(|(p, _)| *p < pos)
            .map(|(_, a)| *a)
    }

    /// The last person before `pos` who holds `role` (by the lexicon, or by the words next
    /// to the mention: "Iranian Foreign Ministry spokesman Nasser Kanaani").
    pub fn person_with_role_before(&self, role: &str, pos: usize) -> Option<u32> {
        for m in self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= pos && self.is_person(m.actor))
        {
            let lex_role = self
                .lex
                .actors
                .get(m.actor as usize)
                .is_some_and(|a| a.roles.iter().any(|r| r.contains(role)));
            let ws = floor_char(self.text, m.start.saturating_sub(60));
            let we = floor_char(self.text, (m.end + 60).min(self.text.len()));
            let near = self.text[ws..we].to_lowercase().contains(role);
            if lex_role || near {
                return Some(m.actor);
            }
        }
        None
    }
}

/// The end of `s` (its last `n` bytes at most, from a character boundary), lower-cased: for
/// tests on the words just before a position, without lower-casing a whole sentence.
pub(crate) fn tail_lower(s: &str, n: usize) -> String {
    let mut cut = s.len().saturating_sub(n);
    while !s.is_char_boundary(cut) {
        cut += 1;
    }
    s[cut..].to_lowercase()
}

/// "IRGC Quds Force", "the Revolutionary Guards' Quds Force", "Iran's Foreign Ministry": a
/// body's name that holds the name of the body or state it belongs to (by the lexicon) mentions
/// that one too; (actor, start, end) of the words that name it. Not for people ("Abdul-Malik
/// al-Houthi" names no group), outlets ("Tehran Times" names a city) or international bodies.
fn parents_in_names(ctx: &DocCtx<'_>) -> Vec<(u32, usize, usize, bool)> {
    let mut out = Vec::new();
    for m in &ctx.mentions {
        let Some(unit) = ctx.lex.actors.get(m.actor as usize) else {
            continue;
        };
        if matches!(unit.kind, ActorKind::Person | ActorKind::Media) {
            continue;
        }
        let Some(parent) = unit.affiliation else {
            continue;
        };
        let p = ctx.lex.actor(parent);
        // "the U.N. Security Council" is a body of its own, not a mention of the U.N.
        if matches!(
            p.kind,
            ActorKind::InternationalOrg | ActorKind::Organisation
        ) {
            continue;
        }
        let said = &ctx.lower[m.start..m.end];
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            let n = n.as_bytes();
            if n.len() < 3 || n.len() > said.len() {
                continue;
            }
            // `said` is lower-cased already; an exact match of UTF-8 falls on characters.
            let found = (0..=said.len() - n.len()).find(|&i| {
                said.as_bytes()[i..i + n.len()].eq_ignore_ascii_case(n)
                    && !said[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    && !said[i + n.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
            if let Some(i) = found {
                out.push((parent.0, m.start + i, m.start + i + n.len(), false));
                break;
            }
        }
    }
    out
}

/// The largest char boundary not above `i`.
pub fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const ANALYSED_JUNK: &[JunkKind] = &[JunkKind::Caption, JunkKind::Duplicate, JunkKind::Headline];

/// How many documents [`analyse_documents`] takes at once.
const BATCH: usize = 16;

/// Analyses documents in parallel, [`BATCH`] at a time; the findings come in the order of
/// `docs`. `corpus_anchor` (see [`corpus_anchor`]) resolves dates in documents that carry no
/// date of their own.
pub fn analyse_in_batches(
    docs: &[&Document],
    lex: &Lexicon,
    matcher: &Matcher,
    corpus_anchor: Option<NaiveDate>,
) -> Vec<DocFindings> {
    docs.par_chunks(BATCH)
        .flat_map_iter(|b| analyse_documents(b, lex, matcher, corpus_anchor))
        .collect()
}

/// Analyses a few documents together (the findings of each are those it would have alone):
/// each kind of work runs over all of them before the next kind, so that its automata stay
/// in the processor's caches. Run document by document, a pattern used a few times per
/// document was fetched from memory each time: its captures took several times longer than
/// in a run over many sentences.
fn analyse_documents(
    docs: &[&Document],
    lex: &Lexicon,
    matcher: &Matcher,
    corpus_anchor: Option<NaiveDate>,
) -> Vec<DocFindings> {
    let (prepared, mut outs) = prepare(docs, lex, matcher, corpus_anchor);
    // Sentences outside headings, per document.
    let bodies: Vec<Vec<usize>> = prepared
        .iter()
        .map(|(ctx, _)| {
            (0..ctx.sentences.len())
                .filter(|&i| !ctx.sentences[i].heading)
                .collect()
        })
        .collect();
    {
        let ctxs: Vec<&DocCtx<'_>> = prepared.iter().map(|(ctx, _)| ctx).collect();
        let hits = cue_hits(lex, &ctxs, &bodies);
        // The kinds do not depend on each other, so the findings are those of any order.
        for ((ctx, body), out) in ctxs.iter().zip(&bodies).zip(&mut outs) {
            let (voices, labels) = voice::voices_and_labels(ctx);
            let mut disc = voice::Discourse::default();
            let mut tally_state = tallies::State::default();
            out.mentions.extend(parents_in_names(ctx));
            // "MR MILLER:" names the person who speaks.
            out.mentions
                .extend(labels.into_iter().map(|(a, s, e)| (a, s, e, false)));
            for &i in body {
                let fr = frames::read(ctx, i);
                let evs = events::read(ctx, &fr, &mut disc);
                let found = statements::extract(ctx, i, &fr, &evs, voices[i], &mut disc);
                out.tallies
                    .extend(tallies::extract(ctx, i, &fr, &found, &mut tally_state));
                out.reports
                    .extend(incidents::extract(ctx, i, &fr, &evs, &found));
                out.relations
                    .extend(relations::from_frames(ctx, i, &fr, &evs, &found));
                for (a, s, e) in relations::implied_bodies(ctx, &fr) {
                    out.mentions.push((a, s, e, false));
                }
                out.statements.extend(found);
            }
        }
        for (((ctx, body), hits), out) in ctxs.iter().zip(&bodies).zip(&hits).zip(&mut outs) {
            let mut rel_state = relations::State::default();
            for (&i, h) in body.iter().zip(hits) {
                out.relations
                    .extend(relations::extract(ctx, i, &mut rel_state, h));
            }
            // Relations implied by attacks.
            for r in &out.reports {
                for &t in &r.targets {
                    if let Some(a) = r.attacker
                        && a != t
                    {
                        out.relations.push(relations::Found {
                            from: a,
                            to: t,
                            kind: RelationKind::Attacks,
                            sentence: r.sentence,
                        });
                    }
                }
            }
            out.relations.retain(|r| relations::plausible(ctx, r));
        }
    }
    for ((ctx, all), out) in prepared.into_iter().zip(&mut outs) {
        let doc = ctx.doc;
        // Mentions the frames found implied ("foreign ministry spokesman X": X's ministry)
        // join the ones the names gave.
        let implied = std::mem::take(&mut out.mentions);
        // The page's own outlet is not an actor of it.
        let publishers = voice::publishers(&ctx);
        out.mentions = all
            .iter()
            .filter(|m| !publishers.contains(&m.actor))
            .map(|m| (m.actor, m.start, m.end, doc.junk_at(m.start).is_some()))
            .collect();
        if !implied.is_empty() {
            out.mentions.extend(implied);
            out.mentions.sort_by_key(|m| (m.1, m.2));
            out.mentions.dedup();
        }
        out.places = ctx.places;
        out.sentences = ctx.sentences;
        out.unknown = ctx.unknown;
    }
    outs
}

/// A document ready for the per-sentence passes, and all its mentions (junk included).
type Prepared<'a> = (DocCtx<'a>, Vec<RawMention>);

/// The first stages, over a few documents: for each, its mentions, sentences, templates,
/// quotes and dates as the per-sentence passes see them; and its findings, still empty but
/// for the anchor they depend on. Each step runs over all the documents before the next (see
/// [`analyse_documents`]).
fn prepare<'a>(
    docs: &[&'a Document],
    lex: &'a Lexicon,
    matcher: &Matcher,
    corpus_anchor: Option<NaiveDate>,
) -> (Vec<Prepared<'a>>, Vec<DocFindings>) {
    let lex_n = lex.actors.len() as u32;
    let lowers: Vec<String> = docs.iter().map(|d| d.text.to_ascii_lowercase()).collect();
    let mut scans: Vec<mentions::Scan> = docs
        .iter()
        .zip(&lowers)
        .map(|(doc, lower)| matcher.scan(&doc.text, lower))
        .collect();
    // Mentions everywhere but in script, bylines, link lists and the like.
    let mut all: Vec<Vec<RawMention>> = docs
        .iter()
        .zip(&mut scans)
        .map(|(doc, scan)| {
            std::mem::take(&mut scan.actors)
                .into_iter()
                .filter(|m| {
                    doc.junk_at(m.start)
                        .is_none_or(|j| ANALYSED_JUNK.contains(&j.kind))
                })
                .collect()
        })
        .collect();
    // People named again by their family name alone.
    for (doc, all) in docs.iter().zip(&mut all) {
        let later: Vec<RawMention> = mentions::family_names(&doc.text, lex, all)
            .into_iter()
            .filter(|m| {
                doc.junk_at(m.start)
                    .is_none_or(|j| ANALYSED_JUNK.contains(&j.kind))
            })
            .collect();
        if !later.is_empty() {
            all.extend(later);
            all.sort_by_key(|m| (m.start, m.end));
        }
    }
    // Unknown actors, outside known mentions and junk.
    let unknown: Vec<Vec<UnknownActor>> = docs
        .iter()
        .zip(&mut all)
        .map(|(doc, all)| {
            let covered: Vec<(usize, usize)> = all
                .iter()
                .map(|m| (m.start, m.end))
                .chain(doc.junk.iter().map(|j| (j.start, j.end)))
                .collect();
            let mut unknown: Vec<UnknownActor> = Vec::new();
            for (u, s, e) in mentions::guess_unknown(&doc.text, &covered) {
                let idx = match unknown
                    .iter()
                    .position(|x| x.name.eq_ignore_ascii_case(&u.name))
                {
                    Some(i) => i,
                    None => {
                        unknown.push(u);
                        unknown.len() - 1
                    }
                };
                all.push(RawMention {
                    actor: lex_n + idx as u32,
                    start: s,
                    end: e,
                    demonym: false,
                });
            }
            all.sort_by_key(|m| (m.start, m.end));
            unknown
        })
        .collect();
    let places: Vec<Vec<PlaceMention>> = docs
        .iter()
        .zip(&mut scans)
        .map(|(doc, scan)| {
            std::mem::take(&mut scan.places)
                .into_iter()
                .filter(|p| doc.junk_at(p.start).is_none())
                .collect()
        })
        .collect();
    let sentences: Vec<Vec<Sentence>> = docs
        .iter()
        .map(|doc| sentences::split(&doc.text, &doc.junk))
        .collect();
    // Analysable mentions (outside junk), their roles and the sentences' templates.
    let is_state = |a: u32| a < lex_n && lex.actors[a as usize].kind == ActorKind::State;
    let templated: Vec<(Vec<RawMention>, Vec<Role>, Vec<Template>)> = docs
        .iter()
        .zip(&all)
        .zip(&sentences)
        .map(|((doc, all), sentences)| {
            let analysable: Vec<RawMention> = all
                .iter()
                .copied()
                .filter(|m| doc.junk_at(m.start).is_none())
                .collect();
            let mut roles = vec![Role::Refers; analysable.len()];
            let mut templates = Vec::with_capacity(sentences.len());
            let mut j = 0;
            for s in sentences {
                while j < analysable.len() && analysable[j].start < s.start {
                    j += 1;
                }
                let mut k = j;
                let mut ms = Vec::new();
                while k < analysable.len() && analysable[k].end <= s.end {
                    let m = analysable[k];
                    ms.push((k, m.actor, m.start, m.end, m.demonym));
                    k += 1;
                }
                let t = Template::build(
                    &doc.text,
                    s.start,
                    s.end,
                    &ms,
                    &lex.cues.collectives,
                    is_state,
                );
                for sm in &t.mentions {
                    roles[sm.mention] = sm.role;
                }
                templates.push(t);
            }
            (analysable, roles, templates)
        })
        .collect();
    let quotes: Vec<Vec<Quote>> = docs
        .iter()
        .map(|doc| speakers::find_quotes(&doc.text))
        .collect();
    // Dates are found once per sentence and shared by every pass.
    let sentence_dates: Vec<Vec<Vec<dates::DateMention>>> = docs
        .iter()
        .zip(&sentences)
        .map(|(doc, sentences)| {
            sentences
                .iter()
                .map(|s| dates::find(&doc.text[s.start..s.end]))
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(docs.len());
    let mut findings = Vec::with_capacity(docs.len());
    for (
        ((((((((doc, lower), scan), all), unknown), places), sentences), templated), quotes),
        dates,
    ) in docs
        .iter()
        .zip(lowers)
        .zip(scans)
        .zip(all)
        .zip(unknown)
        .zip(places)
        .zip(sentences)
        .zip(templated)
        .zip(quotes)
        .zip(sentence_dates)
    {
        let text = doc.text.as_str();
        // Year anchor: the publication date, else the latest full date in the text, else the
        // corpus.
        let latest_full = dates
            .iter()
            .flatten()
            .copied()
            .filter_map(|d| match d.form {
                dates::DateForm::Full(x) => Some(x),
                _ => None,
            })
            .chain(
                doc.junk
                    .iter()
                    .filter(|j| j.kind == JunkKind::Caption)
                    .flat_map(|j| {
                        dates::find(&text[j.start..j.end])
                            .into_iter()
                            .filter_map(|d| match d.form {
                                dates::DateForm::Full(x) => Some(x),
                                _ => None,
                            })
                    }),
            )
            .max();
        let own_anchor = doc.date.or(latest_full.filter(|d| d.year() >= 2000));
        let anchor = own_anchor
            .map(dates::Anchor::Document)
            .or(corpus_anchor.map(dates::Anchor::Corpus));
        let (analysable, roles, templates) = templated;
        let ctx = DocCtx {
            text,
            lower,
            doc,
            lex,
            unknown,
            mentions: analysable,
            roles,
            places,
            keywords: scan.keywords,
            sentences,
            templates,
            quotes,
            subjects: Vec::new(),
            anchor,
            dates,
        };
        findings.push(DocFindings {
            corpus_anchor: own_anchor.is_none().then_some(corpus_anchor),
            ..Default::default()
        });
        out.push((ctx, all));
    }
    // First subject of each sentence (not a person), for "it" and "they".
    for (ctx, _) in &mut out {
        let mut subjects = Vec::new();
        for (i, t) in ctx.templates.iter().enumerate() {
            if ctx.sentences[i].heading {
                continue;
            }
            let cs = speakers::clause_start(t, t.text.len());
            let cs0 = if cs == 0 {
                0
            } else {
                speakers::clause_start(t, 0)
            };
            let run = speakers::first_run(t, cs0, t.text.len(), ctx);
            if let Some(&a) = run.first()
                && !ctx.is_person(a)
            {
                subjects.push((ctx.sentences[i].start, a));
            }
        }
        ctx.subjects = subjects;
    }
    (out, findings)
}

use chrono::Datelike;

/// The matches of one relation cue in one templated sentence.
pub struct CueHit<'t> {
    /// The cue (index into the lexicon's relation cues).
    pub cue: usize,
    /// Its matches, in order.
    pub matches: Vec<regex::bytes::Captures<'t>>,
}

/// The cue matches of each of the sentences `bodies[d]` of each document `ctxs[d]`, by cue
/// number (see [`CueHit`]).
///
/// All the regex work on templates happens here, one cue at a time over all the sentences of
/// all the documents, so that each cue's automata stay in the processor's caches. A cue is
/// tried only where one of its keywords occurs, first with its looser form where it has one
/// (its captures find nothing where the strict form does not match).
fn cue_hits<'t>(
    lex: &Lexicon,
    ctxs: &[&'t DocCtx<'_>],
    bodies: &[Vec<usize>],
) -> Vec<Vec<Vec<CueHit<'t>>>> {
    let cues = &lex.cues;
    let on = cue_matches(lex, ctxs, bodies);
    let regexes = cues
        .relations
        .iter()
        .map(|c| (&c.regex, c.lowered, &c.checked));
    let mut hits: Vec<Vec<Vec<CueHit<'t>>>> = bodies
        .iter()
        .map(|b| b.iter().map(|_| Vec::new()).collect())
        .collect();
    for (ci, (regex, lowered, checked)) in regexes.enumerate() {
        for (d, ctx) in ctxs.iter().enumerate() {
            for (k, &i) in bodies[d].iter().enumerate() {
                if on[d][k][ci] {
                    let haystack = ctx.templates[i].haystack(lowered);
                    let matches: Vec<_> = match checked {
                        Some(checked) => checked.captures(regex, haystack),
                        None => regex.captures_iter(haystack).collect(),
                    };
                    if !matches.is_empty() {
                        hits[d][k].push(CueHit { cue: ci, matches });
                    }
                }
            }
        }
    }
    hits
}

/// Which relation cues may match each of the sentences
/// `bodies[d]` of each document `ctxs[d]`: a cue is tried only where one of its keywords
/// occurs, with its looser form where it has one, and one cue at a time over all the
/// sentences.
fn cue_matches(lex: &Lexicon, ctxs: &[&DocCtx<'_>], bodies: &[Vec<usize>]) -> Vec<Vec<Vec<bool>>> {
    let cues = &lex.cues;
    // Keywords are found in the document's text: a template has the same words between its
    // markers, and a keyword inside a name only tries a cue more.
    let mut on: Vec<Vec<Vec<bool>>> = ctxs
        .iter()
        .zip(bodies)
        .map(|(ctx, body)| {
            cues.enabled(&ctx.keywords, body.len(), |pos| {
                let k = body.partition_point(|&i| ctx.sentences[i].end <= pos);
                (k < body.len() && ctx.sentences[body[k]].start <= pos).then_some(k)
            })
        })
        .collect();
    let first = 0;
    for (ri, cue) in cues.relations.iter().enumerate() {
        let quick = cue.quick.as_ref().unwrap_or(&cue.regex);
        for (d, ctx) in ctxs.iter().enumerate() {
            for (k, &i) in bodies[d].iter().enumerate() {
                let t = &ctx.templates[i];
                // A cue that captures both actors needs two mentions.
                let enough = match cue.missing {
                    crate::lexicon::Missing::None => t.mentions.len() >= 2,
                    _ => !t.mentions.is_empty(),
                };
                if on[d][k][first + ri] {
                    on[d][k][first + ri] = enough && quick.is_match(t.haystack(cue.lowered));
                }
            }
        }
    }
    on
}

/// The templated sentences of a document (for debugging cue patterns): one line per sentence.
pub fn debug_templates(doc: &Document, lex: &Lexicon) -> Vec<String> {
    // The templates the analysis itself builds (unknown actors included).
    let (prepared, _) = prepare(&[doc], lex, &Matcher::new(lex), None);
    let (ctx, _) = &prepared[0];
    ctx.sentences
        .iter()
        .zip(&ctx.templates)
        .map(|(s, t)| {
            let names: Vec<&str> = t
                .mentions
                .iter()
                .map(|x| match lex.actors.get(x.actor as usize) {
                    Some(a) => a.name.as_str(),
                    None => ctx.unknown[x.actor as usize - lex.actors.len()]
                        .name
                        .as_str(),
                })
                .collect();
            format!(
                "{}{} | {}",
                if s.heading { "H " } else { "" },
                t.text,
                names.join(", ")
            )
        })
        .collect()
}

/// Analyses a corpus with a lexicon. Documents are analysed in parallel.
pub fn analyse(corpus: &Corpus, lex: &Lexicon) -> Analysis {
    analyse_with_progress(corpus, lex, &crate::corpus::Progress::default()).unwrap_or_default()
}

/// Like [`analyse`], counting analysed documents in `progress.done` (after setting
/// `progress.total`); returns `None` if `progress.cancel` was set.
pub fn analyse_with_progress(
    corpus: &Corpus,
    lex: &Lexicon,
    progress: &crate::corpus::Progress,
) -> Option<Analysis> {
    use std::sync::atomic::Ordering;
    let matcher = Matcher::new(lex);
    let corpus_anchor = corpus_anchor(&corpus.docs);
    progress.begin(crate::corpus::Stage::Analysing, corpus.docs.len());
    // Documents are analysed a chunk at a time and merged as they come, so that only one
    // chunk of per-document results is alive at once.
    let chunks = corpus.docs.chunks(256).map(|chunk| {
        if progress.cancelled() {
            return Vec::new();
        }
        let docs: Vec<&Document> = chunk.iter().collect();
        let v = analyse_in_batches(&docs, lex, &matcher, corpus_anchor);
        progress.done.fetch_add(chunk.len(), Ordering::Relaxed);
        v
    });
    let a = merge_findings(lex, chunks.flatten());
    (!progress.cancelled()).then_some(a)
}

impl DocFindings {
    /// Whether these findings still hold in a corpus whose anchor is `anchor`.
    pub fn valid_for_anchor(&self, anchor: Option<NaiveDate>) -> bool {
        self.corpus_anchor.is_none_or(|a| a == anchor)
    }
}

/// The corpus anchor: the median publication date of the documents that state one.
pub fn corpus_anchor(docs: &[Document]) -> Option<NaiveDate> {
    let mut dated: Vec<NaiveDate> = docs.iter().filter_map(|d| d.date).collect();
    dated.sort_unstable();
    dated.get(dated.len() / 2).copied()
}

/// A discovered person's first and last names ("kennedy sanders" for "kennedy ladon
/// sanders"), by which articles that name the person with and without a middle name meet;
/// none for names that start with a particle of lineage ("Abu", "bin"), where the first word
/// does not tell people apart.
fn person_key(lower: &str) -> Option<String> {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    if words.len() < 2
        || matches!(
            *first,
            "abu" | "umm" | "abd" | "abdul" | "bin" | "ibn" | "al" | "el" | "sheikh" | "sayyed"
        )
        || first.starts_with("al-")
    {
        return None;
    }
    Some(format!("{first} {last}"))
}

/// Merges per-document findings, given in document order (the i-th belongs to `DocId(i)`),
/// into the corpus analysis: global ids for unknown actors, incidents, relations.
pub fn merge_findings(lex: &Lexicon, results: impl Iterator<Item = DocFindings>) -> Analysis {
    merge_findings_with(lex, results, true)
}

/// [`merge_findings`]; without `keep_positions`, the analysis lists no mention, sentence or
/// place (they are still counted: actors' documents and mention counts are the same).
pub fn merge_findings_with(
    lex: &Lexicon,
    results: impl Iterator<Item = DocFindings>,
    keep_positions: bool,
) -> Analysis {
    let mut a = Analysis {
        actors: lex
            .actors
            .iter()
            .map(|x| {
                let mut aliases = x.aliases.clone();
                aliases.extend(x.demonyms.iter().cloned());
                ActorInfo {
                    name: x.name.clone(),
                    kind: x.kind,
                    aliases,
                    known: true,
                    docs: Vec::new(),
                    mention_count: 0,
                }
            })
            .collect(),
        ..Default::default()
    };
    let lex_n = lex.actors.len() as u32;
    // Looked up for every unknown actor and relation of every document (never iterated, so
    // the fast hash changes no order).
    let mut unknown_ids: HashMap<String, ActorId, rustc_hash::FxBuildHasher> = HashMap::default();
    let mut person_ids: HashMap<String, ActorId, rustc_hash::FxBuildHasher> = HashMap::default();
    let mut rel_index: HashMap<(ActorId, ActorId, RelationKind), usize, rustc_hash::FxBuildHasher> =
        HashMap::default();
    for (di, r) in results.enumerate() {
        let doc = DocId(di as u32);
        let map: Vec<ActorId> = r
            .unknown
            .iter()
            .map(|u| {
                let key = u.name.to_lowercase();
                if let Some(&id) = unknown_ids.get(&key) {
                    return id;
                }
                // "Kennedy Sanders" and "Kennedy Ladon Sanders" in another article: one person,
                // named in full.
                let short = (u.kind == ActorKind::Person)
                    .then(|| person_key(&key))
                    .flatten();
                if let Some(short) = &short
                    && let Some(&id) = person_ids.get(short)
                {
                    let info = &mut a.actors[id.index()];
                    if u.name.split_whitespace().count() > info.name.split_whitespace().count() {
                        let was = std::mem::replace(&mut info.name, u.name.clone());
                        info.aliases.push(was);
                    } else if !info.aliases.contains(&u.name) {
                        info.aliases.push(u.name.clone());
                    }
                    unknown_ids.insert(key, id);
                    return id;
                }
                let id = ActorId(a.actors.len() as u32);
                if let Some(short) = short {
                    person_ids.insert(short, id);
                }
                a.actors.push(ActorInfo {
                    name: u.name.clone(),
                    kind: u.kind,
                    aliases: Vec::new(),
                    known: false,
                    docs: Vec::new(),
                    mention_count: 0,
                });
                unknown_ids.insert(key, id);
                id
            })
            .collect();
        let g = |x: u32| -> ActorId {
            if x < lex_n {
                ActorId(x)
            } else {
                map[(x - lex_n) as usize]
            }
        };
        for &(actor, s, e, in_junk) in &r.mentions {
            let id = g(actor);
            let info = &mut a.actors[id.index()];
            info.mention_count += 1;
            if info.docs.last() != Some(&doc) {
                info.docs.push(doc);
            }
            if keep_positions {
                a.mentions.push(Mention {
                    actor: id,
                    span: Span::new(doc, s, e),
                    in_junk,
                });
            }
        }
        if keep_positions {
            a.places.extend(
                r.places
                    .iter()
                    .map(|p| (p.place, Span::new(doc, p.start, p.end))),
            );
            a.sentences.push(
                r.sentences
                    .iter()
                    .map(|s| SentenceRec {
                        span: Span::new(doc, s.start, s.end),
                        heading: s.heading,
                    })
                    .collect(),
            );
        }
        let sent_span = |i: usize| Span::new(doc, r.sentences[i].start, r.sentences[i].end);
        for s in &r.statements {
            a.statements.push(Statement {
                kind: s.kind,
                speaker: s.speaker.map(g),
                about: s.about.map(g),
                span: sent_span(s.sentence),
                cue: Span::new(doc, s.cue.0, s.cue.1),
            });
        }
        for t in &r.tallies {
            a.tallies.push(Tally {
                value: t.value,
                unit: t.unit.clone(),
                since: t.since,
                as_of: None,
                region: t.region.clone(),
                reported_by: t.reported_by.map(g),
                lower_bound: t.lower_bound,
                span: sent_span(t.sentence),
                number: Span::new(doc, t.number.0, t.number.1),
            });
        }
        for rep in &r.reports {
            a.reports.push(AttackReport {
                incident: IncidentId(u32::MAX),
                span: sent_span(rep.sentence),
                trigger: Span::new(doc, rep.trigger.0, rep.trigger.1),
                date: rep.date,
                place: rep.place,
                country: rep.country.map(g),
                attacker: rep.attacker.map(g),
                target: rep.targets.first().copied().map(g),
                weapon: rep.weapon.clone(),
                killed: rep.killed,
                injured: rep.injured,
                anaphoric: rep.anaphoric,
                key: rep.key,
            });
        }
        for rel in &r.relations {
            let (from, to) = (g(rel.from), g(rel.to));
            if from == to {
                continue;
            }
            let key = (from, to, rel.kind);
            let span = sent_span(rel.sentence);
            match rel_index.get(&key) {
                Some(&i) => {
                    // Documents come in order: a repeat can only be in this document's tail.
                    let ev = &mut a.relations[i].evidence;
                    if !ev
                        .iter()
                        .rev()
                        .take_while(|s| s.doc == span.doc)
                        .any(|s| *s == span)
                    {
                        ev.push(span);
                    }
                }
                None => {
                    rel_index.insert(key, a.relations.len());
                    a.relations.push(Relation {
                        from,
                        to,
                        kind: rel.kind,
                        evidence: vec![span],
                    });
                }
            }
        }
    }
    a.incidents = incidents::merge(&mut a.reports);
    a
}

#[cfg(test)]
mod tests;

/// The frames of each sentence of a document (for debugging the frame analysis): tokens with
/// their tags, predicates with their arguments, speech frames, and the statements found.
pub fn debug_frames(doc: &Document, lex: &Lexicon) -> Vec<String> {
    let (prepared, _) = prepare(&[doc], lex, &Matcher::new(lex), None);
    let (ctx, _) = &prepared[0];
    let name = |a: u32| -> String {
        match lex.actors.get(a as usize) {
            Some(x) => x.name.clone(),
            None => ctx.unknown[a as usize - lex.actors.len()].name.clone(),
        }
    };
    let voices = voice::voices(ctx);
    let mut disc = voice::Discourse::default();
    let mut out = Vec::new();
    for (i, s) in ctx.sentences.iter().enumerate() {
        if s.heading {
            continue;
        }
        let fr = frames::read(ctx, i);
        let evs = events::read(ctx, &fr, &mut disc);
        let sent = &fr.sent;
        let np = |n: &frames::Np| -> String {
            let words: Vec<&str> = (n.s..n.e)
                .map(|k| &ctx.text[sent.toks[k].s..sent.toks[k].e])
                .collect();
            let mut d = words.join(" ");
            if !n.actors.is_empty() {
                d += &format!(
                    " =[{}]",
                    n.actors
                        .iter()
                        .map(|&a| name(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            if n.collective {
                d += " =collective";
            }
            d
        };
        out.push(format!(
            "== {} [{:?}]",
            &ctx.text[s.start..s.end],
            voices[i]
        ));
        let toks: Vec<String> = sent
            .toks
            .iter()
            .map(|t| {
                format!("{}/{:?}", &ctx.text[t.s..t.e], t.tag)
                    .replace("Verb(", "V(")
                    .replace("Noun(", "N(")
            })
            .collect();
        out.push(format!("   {}", toks.join(" ")));
        for p in &fr.preds {
            let mut d = format!(
                "   P {:?} '{}'",
                p.class,
                &ctx.text[sent.toks[p.tok].s..sent.toks[p.tok].e]
            );
            if !p.mood.factual() || p.mood.passive || p.mood.hedged {
                d += &format!(" {:?}", p.mood);
            }
            if let Some(x) = &p.subj {
                d += &format!(" subj<{}>", np(x));
            }
            if let Some(x) = &p.obj {
                d += &format!(" obj<{}>", np(x));
            }
            for (w, x) in &p.pps {
                d += &format!(" {w}<{}>", np(x));
            }
            out.push(d);
        }
        for sp in &fr.speech {
            let c: Vec<&str> = (sp.content.0..sp.content.1)
                .map(|k| &ctx.text[sent.toks[k].s..sent.toks[k].e])
                .collect();
            out.push(format!(
                "   S {} says: {}",
                sp.speaker.as_ref().map_or("?".into(), np),
                c.join(" ")
            ));
        }
        for e in &evs {
            out.push(format!(
                "   E '{}' agent={:?} via={:?} target={:?} places={:?} date={:?} mood={} generic={} counted={} definite={}",
                &ctx.text[sent.toks[e.tok].s..sent.toks[e.tok].e],
                e.agent.map(|w| match w { voice::Who::Actor(a) => name(a), w => format!("{w:?}") }),
                e.via,
                e.target.map(|w| match w { voice::Who::Actor(a) => name(a), w => format!("{w:?}") }),
                e.places.iter().map(|&p| lex.place(ctx.places[p].place).name.clone()).collect::<Vec<_>>(),
                e.date.map(|k| &ctx.text[sent.toks[k].s..sent.toks[k].e]),
                if e.mood.factual() { "factual" } else { "not factual" },
                e.generic, e.counted, e.definite
            ));
        }
        let found = statements::extract(ctx, i, &fr, &evs, voices[i], &mut disc);
        for r in relations::from_frames(ctx, i, &fr, &evs, &found) {
            out.push(format!(
                "   R {} -{}-> {}",
                name(r.from),
                r.kind.as_str(),
                name(r.to)
            ));
        }
        for st in found {
            out.push(format!(
                "   => {:?} speaker={} about={}",
                st.kind,
                st.speaker.map_or("-".into(), name),
                st.about.map_or("-".into(), name)
            ));
        }
    }
    out
}
