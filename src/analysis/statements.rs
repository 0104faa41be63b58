//! Claims, accusations and denials: cue phrases from the lexicon matched on the templated
//! sentence; the speaker from the quote's attribution, "according to", the clause subject or
//! an earlier sentence; the actor at stake from the cue's rule.

use crate::lexicon::AboutRule;
use crate::model::{ActorKind, StatementKind};

use std::sync::LazyLock;

use regex::Regex;

use super::speakers;
use super::template::Role;
use super::{CueHit, DocCtx};

/// A statement found in one document (local actor refs).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Which.
    pub kind: StatementKind,
    /// Speaker.
    pub speaker: Option<u32>,
    /// At stake.
    pub about: Option<u32>,
    /// Sentence index.
    pub sentence: usize,
    /// Cue span in the document.
    pub cue: (usize, usize),
}

/// Reported speech with the speaker after it, without quotes: "…, Kanaani told reporters."
static TRAILING_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?:(?:the\s+|a\s+|an\s+)?(?P<who>[^,;]+?)\s+(?:said|says|told\s+\w+|added|noted|stated|claimed|insisted|argued)|(?:said|says|told|added|noted)\s+(?P<who2>[^,;]+?))(?:\s+(?:on|in|late|early)\s+\w+)?\W*$").unwrap()
});

/// The statements of sentence `si`, whose statement cue matches are `hits`.
pub fn extract(ctx: &DocCtx<'_>, si: usize, hits: &[CueHit<'_>]) -> Vec<Found> {
    let t = &ctx.templates[si];
    let mut out: Vec<Found> = Vec::new();
    for hit in hits {
        let cue = &ctx.lex.cues.statements[hit.cue];
        for c in &hit.matches {
            let m = c.get(0).expect("group 0");
            if cue.veto.as_ref().is_some_and(|v| v.is_match(m.as_bytes())) {
                continue;
            }
            if !t.text.is_char_boundary(m.start()) || !t.text.is_char_boundary(m.end()) {
                continue;
            }
            let doc_s = t.doc_pos(m.start());
            let doc_e = t.doc_pos(m.end());
            let quote = ctx.quote_at(doc_s).copied();
            if cue.needs_frame && quote.is_none() && !speakers::has_speech(t) {
                continue;
            }
            // Speaker(s).
            let mut speakers_found: Vec<u32>;
            if let Some(q) = quote {
                speakers_found = speakers::quote_speaker(&q, ctx);
            } else {
                let p = match speakers::speech_verb_before(t, m.start()) {
                    Some((vs, _)) if cue.needs_frame || cue.kind != StatementKind::Claim => {
                        // A verb of saying before the cue: its subject speaks, unless the cue's own
                        // subject sits between the verb and the cue ("X said Y denied ...").
                        let own = speakers::first_run(t, vs, m.start(), ctx);
                        if !own.is_empty() && !cue.needs_frame {
                            m.start()
                        } else {
                            vs
                        }
                    }
                    _ => m.start(),
                };
                speakers_found = Vec::new();
                if let Some(tc) = TRAILING_ATTRIBUTION.captures(&t.text) {
                    let g = tc
                        .name("who")
                        .or_else(|| tc.name("who2"))
                        .expect("one group");
                    if g.start() > m.end() && g.len() <= 80 {
                        speakers_found = speakers::first_run(t, g.start(), g.end(), ctx);
                        if speakers_found.is_empty() {
                            speakers_found =
                                speakers::pronoun(g.as_str(), t.doc_pos(g.start()), ctx)
                                    .into_iter()
                                    .collect();
                        }
                    }
                }
                // The subject right before a verb of saying ("President Joe Biden said").
                if speakers_found.is_empty()
                    && p < m.start()
                    && let Some(last) = t.mentions.iter().rfind(|x| x.t_end <= p)
                {
                    let gap = &t.text[last.t_end..p];
                    if gap.len() <= 25 && !gap.contains([',', ';']) {
                        let run_start =
                            t.mentions
                                .iter()
                                .rposition(|x| x.t_end <= p)
                                .map_or(0, |i| {
                                    let mut j = i;
                                    while j > 0
                                        && t.mentions[j - 1].t_end + 30 >= t.mentions[j].t_start
                                        && !t.text[t.mentions[j - 1].t_end..t.mentions[j].t_start]
                                            .contains([',', ';'])
                                    {
                                        j -= 1;
                                    }
                                    t.mentions[j].t_start
                                });
                        speakers_found = speakers::first_run(t, run_start, p, ctx);
                    }
                }
                if speakers_found.is_empty() {
                    speakers_found = speakers::subject(t, p, ctx);
                }
                if speakers_found.is_empty() {
                    speakers_found = speakers::according_to(t, ctx);
                }
            }
            // The actor at stake.
            let about_group = c
                .name("about")
                .and_then(|g| t.marker(std::str::from_utf8(g.as_bytes()).unwrap_or("")));
            let about = match about_group {
                Some(sm) if sm.role == Role::Refers || sm.role == Role::Location => Some(sm.actor),
                Some(_) => None,
                None => match cue.about {
                    AboutRule::SelfSide => None, // per speaker, below
                    AboutRule::Before => {
                        let cs = speakers::clause_start(t, m.start());
                        t.mentions
                            .iter()
                            .rfind(|x| {
                                x.t_end <= m.start()
                                    && x.t_start >= cs.min(m.start())
                                    && x.role != Role::Location
                            })
                            .or_else(|| {
                                t.mentions
                                    .iter()
                                    .rfind(|x| x.t_end <= m.start() && x.role != Role::Location)
                            })
                            .filter(|x| x.role == Role::Refers)
                            .map(|x| x.actor)
                    }
                    AboutRule::After => t
                        .mentions
                        .iter()
                        .find(|x| x.t_start >= m.end() && x.role != Role::Location)
                        .filter(|x| x.role == Role::Refers)
                        .map(|x| x.actor),
                },
            };
            let speakers_or_none: Vec<Option<u32>> = if speakers_found.is_empty() {
                vec![None]
            } else {
                speakers_found.into_iter().map(Some).collect()
            };
            for sp in speakers_or_none {
                let about = match (about_group, cue.about) {
                    (None, AboutRule::SelfSide) => sp
                        .filter(|&s| ctx.kind(s) != ActorKind::Media)
                        .map(|s| ctx.side(s)),
                    _ => about,
                };
                if cue.kind == StatementKind::Accusation
                    && let (Some(s), Some(a)) = (sp, about)
                    && ctx.side(s) == ctx.side(a)
                {
                    continue;
                }
                if out.iter().any(|f| f.kind == cue.kind && f.speaker == sp) {
                    continue;
                }
                out.push(Found {
                    kind: cue.kind,
                    speaker: sp,
                    about,
                    sentence: si,
                    cue: (doc_s, doc_e),
                });
            }
        }
    }
    out
}
