//! Claims, accusations and denials, derived from the frames of a sentence (see
//! [`super::frames`]) in one way for every verb:
//!
//! - **who speaks**: the subject of a verb of claiming, blaming or denying ("Iran denied …");
//!   else the source of the speech frame around the predicate ("X said …", "…, X said",
//!   "according to X", a quote's speaker); else the sentence's voice (a transcript's labelled
//!   speaker, the body issuing an official text). The narrator of a news story is not a source.
//! - **whose act is at stake**: who is blamed ("blamed the attack **on** X", "accused X"), whose
//!   involvement is denied ("denied Iran's role", "denied that X was involved", else the
//!   speaker's own side), the agent of an attack the source reports ("X said drones launched by
//!   Y struck …"), who "is behind" it, who backs the attackers.
//! - **which kind** follows from the two: a source reporting its own side's act claims it,
//!   another's act accuses; a rejected act is denied. Negation and modality are the frames'.

use crate::model::{ActorKind, StatementKind};

use super::DocCtx;
use super::events::Event;
use super::frames::{Frames, Kind, Np, PClass, Pred};
use super::voice::{self, Discourse, Voice, Who};
use crate::lexicon::words::{VerbClass, noun};

/// Whether the verb at token `tok` says what something is ("called the strikes a response",
/// "described the claims as lies").
fn describes(sent: &super::frames::Sent<'_, '_>, tok: usize) -> bool {
    matches!(
        sent.lemma(tok, VerbClass::Say),
        "call" | "describe" | "label" | "term" | "brand"
    )
}

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

/// Where a predicate's source comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// A speech frame, a quote, or the sentence's voice: (speaker, speaker's phrase was "we").
    Framed(Option<u32>),
    /// The narrator.
    Narrator,
}

struct Ctx<'c, 'a, 'l> {
    ctx: &'c DocCtx<'l>,
    fr: &'c Frames<'a, 'l>,
    evs: &'c [Event],
    si: usize,
    voice: Voice,
    disc: &'c mut Discourse,
    out: Vec<Found>,
}

impl Ctx<'_, '_, '_> {
    fn pos(&self, tok: usize) -> usize {
        self.fr.sent.toks[tok].s
    }

    fn who(&self, np: &Np) -> Who {
        voice::who(self.ctx, np, self.pos(np.s), self.ctx.text)
    }

    /// The speaker of the quote around token `tok`, if it is in one.
    fn quote_speaker(&self, tok: usize) -> Option<Option<u32>> {
        let q = self.ctx.quote_at(self.pos(tok))?;
        Some(super::speakers::quote_speaker(q, self.ctx).first().copied())
    }

    /// Who the speaker phrase of a speech frame names.
    fn speaker(&self, sp: &super::frames::Speech) -> Option<u32> {
        let Some(np) = sp.speaker.as_ref() else {
            return self.quote_speaker(sp.verb).flatten();
        };
        // "the statement said", "a second statement added": the source that spoke last ("a
        // joint statement", "a statement" alone are someone else's).
        let fresh = matches!(self.fr.sent.w(np.s), "a" | "an")
            && !matches!(
                self.fr.sent.w(np.s + 1),
                "second" | "later" | "further" | "separate" | "new"
            );
        if np.actors.is_empty()
            && !fresh
            && let Some((hs, he)) = np.head_word
            && matches!(
                self.ctx.lower[hs..he].as_ref(),
                "statement"
                    | "statements"
                    | "communique"
                    | "communiqué"
                    | "message"
                    | "post"
                    | "video"
                    | "letter"
                    | "announcement"
            )
        {
            return self.disc.last_speaker;
        }
        // "he said", "she added": the person who spoke last goes on speaking, even when
        // another person was named since ("Austin said …; Biden ordered the raids. The
        // strikes, he said, …").
        if matches!(np.pron, Some("he" | "she"))
            && let Some(last) = self.disc.last_speaker
            && self.ctx.is_person(last)
        {
            return Some(last);
        }
        match self.who(np) {
            Who::Actor(a) => Some(a),
            Who::We => self.voice_speaker(),
            // "he said" with no person named before: the one who spoke last.
            Who::Unknown if matches!(np.pron, Some("he" | "she")) => {
                self.disc.last_speaker.filter(|&s| self.ctx.is_person(s))
            }
            _ => self.quote_speaker(sp.verb).flatten(),
        }
    }

    /// The source of the predicate at token `tok`.
    fn source(&self, tok: usize) -> Source {
        if let Some(sp) = self.fr.speech_over(tok) {
            // "Historical trends suggest", "the data show": no one speaks; the narrator
            // reports.
            let no_one = sp.speaker.as_ref().is_some_and(|np| {
                np.actors.is_empty()
                    && np.pron.is_none()
                    && !np.collective
                    && !np.anaphor
                    && np.head & (noun::OFFICIAL | noun::TITLE | noun::LEADER | noun::FORCE) == 0
            });
            if !no_one {
                // "Pro-Iran media claimed that …, according to Al Mayadeen": a source no one
                // can name speaks through the one named around it.
                let named = self.speaker(sp).or_else(|| {
                    self.fr
                        .speech_over(sp.verb)
                        .and_then(|outer| self.speaker(outer))
                });
                return Source::Framed(named);
            }
        }
        if let Some(q) = self.quote_speaker(tok) {
            return Source::Framed(q.or(self.voice_speaker()));
        }
        match self.voice {
            Voice::Speaker(s) => Source::Framed(s),
            _ => Source::Narrator,
        }
    }

    fn voice_speaker(&self) -> Option<u32> {
        match self.voice {
            Voice::Speaker(s) => s,
            _ => None,
        }
    }

    fn side(&self, a: u32) -> u32 {
        self.ctx.side(a)
    }

    fn push(&mut self, kind: StatementKind, speaker: Option<u32>, about: Option<u32>, tok: usize) {
        // An embassy or a mission speaks as the state it represents.
        let speaker = speaker.map(|s| {
            let lex = &self.ctx.lex.actors;
            if (s as usize) < lex.len() && lex[s as usize].diplomatic {
                self.side(s)
            } else {
                s
            }
        });
        // An accusation of one's own side is not one.
        if kind == StatementKind::Accusation
            && let (Some(s), Some(a)) = (speaker, about)
            && self.side(s) == self.side(a)
        {
            return;
        }
        if speaker.is_some() && speaker == about && kind == StatementKind::Accusation {
            return;
        }
        if self
            .out
            .iter()
            .any(|f| f.kind == kind && f.speaker == speaker && f.about == about)
        {
            return;
        }
        // A statement with an unknown speaker adds nothing to one of the same kind that has
        // one (the same claim read twice, once without its subject).
        if speaker.is_none()
            && self.out.iter().any(|f| {
                f.kind == kind && (f.speaker.is_some() || f.about == about || about.is_none())
            })
        {
            return;
        }
        self.out
            .retain(|f| !(f.kind == kind && f.speaker.is_none() && speaker.is_some()));
        // Nor does one with neither a speaker nor anyone at stake, beside one that names who is.
        self.out.retain(|f| {
            !(f.kind == kind
                && f.speaker.is_none()
                && speaker.is_none()
                && f.about.is_none()
                && about.is_some())
        });
        let t = self.fr.sent.toks[tok];
        self.out.push(Found {
            kind,
            speaker,
            about,
            sentence: self.si,
            cue: (t.s, t.e),
        });
    }

    /// "The governments of A, B and C said …": each of them says what `speaker`, one of them,
    /// says at token `tok`.
    fn coordinated(&self, tok: usize, speaker: Option<u32>) -> Vec<Option<u32>> {
        match self.fr.speech_over(tok).and_then(|sp| sp.speaker.as_ref()) {
            Some(np) if np.actors.len() > 1 && speaker.is_some_and(|s| np.actors.contains(&s)) => {
                np.actors.iter().map(|&a| Some(a)).collect()
            }
            _ => vec![speaker],
        }
    }

    /// The speaker of a speech act predicate (its subject, else its source).
    fn actor_of(&self, np: Option<&Np>, src: Source) -> (Option<u32>, bool) {
        let framed = match src {
            Source::Framed(s) => s,
            Source::Narrator => None,
        };
        match np.map(|n| self.who(n)) {
            Some(Who::Actor(a)) => (Some(a), false),
            Some(Who::We) => (self.voice_speaker().or(framed), false),
            Some(Who::Collective) => (None, true),
            _ => (framed, false),
        }
    }

    /// Every speaker of a speech act predicate: each actor of a coordinated subject ("Iran
    /// and Hamas blamed Israel"), else the one of [`Self::actor_of`].
    fn speakers_of(&self, np: Option<&Np>, src: Source) -> Vec<Option<u32>> {
        if let Some(n) = np
            && n.actors.len() > 1
        {
            return n.actors.iter().map(|&a| Some(a)).collect();
        }
        vec![self.actor_of(np, src).0]
    }

    /// The statements a source makes by reporting attacks: its own side's are claims,
    /// another's accusations.
    fn events(&mut self) {
        for e in self.evs {
            let src = self.source(e.tok);
            // "X is believed to have carried out the attack": the narrator reports an
            // attribution it does not make its own; an accusation with no speaker.
            let hedged = e.preds.iter().any(|&pi| self.fr.preds[pi].mood.hedged);
            if let (Source::Narrator, true, Some(Who::Actor(a))) = (src, hedged, e.agent)
                && !e.mood.neg
                && !e.counted
            {
                self.push(StatementKind::Accusation, None, Some(a), e.tok);
                continue;
            }
            let Source::Framed(speaker) = src else {
                continue;
            };
            // "The militia denied that its fighters had attacked the convoy": what a denial
            // rejects is not reported (the denial is read below).
            if self.fr.speech_over(e.tok).is_some_and(|sp| {
                self.fr
                    .preds
                    .iter()
                    .any(|p| p.tok == sp.verb && p.class == PClass::Verb(VerbClass::Deny))
            }) {
                continue;
            }
            let mut speakers = self.coordinated(e.tok, speaker);
            if let Some(sp) = self.fr.speech_over(e.tok)
                && let Some(np) = sp.speaker.as_ref()
            {
                // "A and B struck …, according to a joint statement": theirs.
                let joint =
                    np.actors.is_empty() && (np.s..np.e).any(|k| self.fr.sent.w(k) == "joint");
                let main = &self.fr.preds[e.preds[0]];
                if joint && let Some(agents) = main.agent().filter(|a| a.actors.len() > 1) {
                    speakers = agents.actors.iter().map(|&a| Some(a)).collect();
                }
            }
            for speaker in speakers {
                self.event_statement(e, speaker);
            }
        }
    }

    /// The statement a source `speaker` makes by reporting the attack `e`.
    fn event_statement(&mut self, e: &Event, speaker: Option<u32>) {
        {
            if e.mood.modal || e.mood.intended || e.mood.cond || self.in_allegation(e.tok) {
                return;
            }
            let Some(agent) = e.agent else { return };
            // "Attributing the attacks to Iran is a pretext": no one says Iran did it.
            if e.via == super::events::Via::Blame
                && self.fr.preds.iter().any(|p| {
                    p.class == PClass::Verb(VerbClass::Blame)
                        && p.tok < e.tok
                        && e.tok < p.segment.1
                        && self.gerund_subject(p)
                })
            {
                return;
            }
            // A count of attacks is a tally, not a statement, unless the side that carried
            // them out gives it ("the group said it had carried out 70 attacks"): that claims
            // them.
            if e.counted
                && !matches!(agent, Who::Actor(a) if speaker.is_some_and(|s| self.side(s) == self.side(a)))
                && !matches!(agent, Who::We)
            {
                return;
            }
            // What earlier sentences said of "the strikes" is not said again by naming them;
            // a source that reports what they did ("the strikes hit …") says it.
            if e.via == super::events::Via::Discourse && e.noun_only {
                return;
            }
            // One of those who acted together speaks of their act: it claims its part.
            if let Some(s) = speaker
                && self.fr.preds[e.preds[0]]
                    .agent()
                    .is_some_and(|a| a.actors.len() > 1 && a.actors.contains(&s))
                && !e.mood.neg
            {
                self.push(StatementKind::Claim, Some(s), Some(self.side(s)), e.tok);
                return;
            }
            let agents: Vec<u32> = if e.agents.len() > 1 {
                e.agents.clone()
            } else {
                match agent {
                    Who::Actor(a) => vec![a],
                    _ => Vec::new(),
                }
            };
            if agents.len() > 1 {
                // Several speak of their joint act: each claims it.
                for &a in &agents {
                    self.push(StatementKind::Claim, Some(a), Some(self.side(a)), e.tok);
                }
                return;
            }
            match agent {
                Who::Actor(a) => {
                    if e.mood.neg {
                        if speaker.is_some_and(|s| self.side(s) == self.side(a)) {
                            self.push(StatementKind::Denial, speaker, Some(self.side(a)), e.tok);
                        }
                        return;
                    }
                    if speaker.is_some_and(|s| self.side(s) == self.side(a)) {
                        self.push(StatementKind::Claim, speaker, Some(self.side(a)), e.tok);
                    } else if e.via == super::events::Via::Grammar {
                        self.push(StatementKind::Accusation, speaker, Some(a), e.tok);
                    }
                }
                Who::We if !e.mood.neg => {
                    let s = speaker.or(self.voice_speaker());
                    self.push(StatementKind::Claim, s, s.map(|x| self.side(x)), e.tok);
                }
                // Media reporting that "the resistance" struck credit it to unnamed fighters.
                Who::Collective
                    if !e.mood.neg
                        && speaker.is_some_and(|s| self.ctx.kind(s) == ActorKind::Media) =>
                {
                    self.push(StatementKind::Claim, speaker, None, e.tok);
                }
                Who::Collective if !e.mood.neg && e.via == super::events::Via::Grammar => {
                    // Only an explicit attribution to unnamed attackers ("carried out by
                    // Iran-aligned groups") accuses.
                    let explicit = e.preds.iter().any(|&pi| {
                        let p = &self.fr.preds[pi];
                        p.mood.passive && p.pp("by").is_some() || p.pp("by").is_some()
                    });
                    if explicit {
                        self.push(StatementKind::Accusation, speaker, None, e.tok);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether token `tok` is in what a charge says ("the accusations that Tehran was behind
    /// the attack", "reports that the group fired"): the content of a charge the sentence
    /// reports or rejects, not what its source asserts.
    fn in_allegation(&self, tok: usize) -> bool {
        let sent = &self.fr.sent;
        use super::frames::Tag;
        (1..tok).any(|k| {
            if sent.toks[k].tag != Tag::Comp {
                return false;
            }
            // "the accusations that …", "the accusations of US officials that …".
            let mut j = k - 1;
            loop {
                if sent.toks[j].noun() & noun::ALLEGATION != 0 {
                    return true;
                }
                let inside = matches!(
                    sent.toks[j].tag,
                    Tag::Det | Tag::Adj | Tag::Noun(_) | Tag::Poss
                ) || matches!(sent.toks[j].kind, Kind::Ent { .. })
                    || sent.w(j) == "of";
                if !inside || j == 0 || k - j > 6 {
                    return false;
                }
                j -= 1;
            }
        })
    }

    /// A charge the sentence reports with its maker and what it says: "the accusations of
    /// Israeli officials that Iran was behind the bombing", "Washington's claims that the
    /// militia fired the rockets" (whether the sentence rejects it or not, its maker made it).
    fn reported_charges(&mut self) {
        let sent = &self.fr.sent;
        let n = sent.toks.len();
        let mut found = Vec::new();
        for k in 0..n {
            if sent.toks[k].noun() & noun::ALLEGATION == 0
                || !matches!(
                    sent.w(k),
                    "accusation"
                        | "accusations"
                        | "allegation"
                        | "allegations"
                        | "claims"
                        | "charges"
                )
            {
                continue;
            }
            let actor_of = |np: &Np| np.possessor.or(np.modifier).or(np.actors.first().copied());
            // Its maker: "of X", "by X" after it, or "X's", "US" in its own phrase.
            let mut j = k + 1;
            let mut maker = None;
            if matches!(sent.w(j), "of" | "by" | "from")
                && let Some(np) = sent.np_at(self.ctx, j + 1, n)
            {
                maker = actor_of(&np);
                j = np.e;
            }
            if maker.is_none() {
                let mut b = k;
                while b > 0 {
                    let t = &sent.toks[b - 1];
                    if let Kind::Ent { actor: Some(a), .. } = t.kind {
                        let m = &sent.mentions[a];
                        if m.role != super::template::Role::Location {
                            maker = Some(m.actor);
                        }
                        break;
                    }
                    if !matches!(
                        t.tag,
                        super::frames::Tag::Adj
                            | super::frames::Tag::Det
                            | super::frames::Tag::Poss
                    ) {
                        break;
                    }
                    b -= 1;
                }
            }
            let Some(maker) = maker else { continue };
            if sent
                .toks
                .get(j)
                .is_none_or(|t| t.tag != super::frames::Tag::Comp)
            {
                continue;
            }
            // What it says: who is behind, responsible for, involved in or carried out an
            // attack in the clause after "that".
            let end = n.min(j + 16);
            let inside = |tok: usize| tok > j && tok < end;
            let about = self
                .fr
                .preds
                .iter()
                .filter(|q| inside(q.tok))
                .find_map(|q| match q.class {
                    PClass::Responsible => self.responsible_subject(q),
                    PClass::Verb(VerbClass::Involve | VerbClass::Back) if !q.mood.neg => {
                        q.subj.clone()
                    }
                    _ => None,
                })
                .and_then(|np| match self.who(&np) {
                    Who::Actor(a) => Some(a),
                    _ => None,
                })
                .or_else(|| {
                    self.evs
                        .iter()
                        .filter(|e| inside(e.tok))
                        .find_map(|e| match e.agent {
                            Some(Who::Actor(a)) if !e.mood.neg => Some(a),
                            _ => None,
                        })
                });
            if let Some(about) = about {
                found.push((maker, about, k));
            }
        }
        for (maker, about, k) in found {
            self.push(StatementKind::Accusation, Some(maker), Some(about), k);
        }
    }

    /// An act said to be someone's with "to be": "it was an Israeli bomb", "this was almost
    /// certainly Kataib Hezbollah", "the drones were the militia's". Told by a source (or
    /// hedged by the narrator), the one named is its author.
    fn copular_authors(&mut self) {
        use super::frames::Tag;
        let sent = &self.fr.sent;
        let n = sent.toks.len();
        let mut found = Vec::new();
        for k in 1..n {
            let Tag::Aux(f) = sent.toks[k].tag else {
                continue;
            };
            if f & crate::lexicon::words::func::BE == 0
                || !matches!(sent.w(k), "is" | "was" | "were" | "are")
            {
                continue;
            }
            // The subject: "it", "this", or an attack or weapon noun right before.
            let subj_ok = matches!(sent.w(k - 1), "it" | "this" | "that")
                || sent.toks[k - 1].noun() & (noun::ATTACK | noun::WEAPON | noun::WEAK_ATTACK) != 0;
            if !subj_ok {
                continue;
            }
            let mut c = k + 1;
            let mut hedged = false;
            while c < n && matches!(sent.toks[c].tag, Tag::Adv) {
                hedged |= sent.toks[c].is(crate::lexicon::words::func::HEDGE);
                c += 1;
            }
            let Some(np) = sent.np_at(self.ctx, c, n) else {
                continue;
            };
            // The complement is the actor itself ("was Kataib Hezbollah", "were the
            // militia's"), or an act or weapon of theirs ("an Israeli bomb").
            let whole_actor = np.actors.len() == 1
                && (np.s..np.e).all(|x| {
                    matches!(sent.toks[x].kind, Kind::Ent { .. })
                        || matches!(sent.toks[x].tag, Tag::Det | Tag::Poss)
                });
            let their_act = np.head & (noun::ATTACK | noun::WEAPON) != 0
                && (np.possessor.or(np.modifier).is_some() || np.actors.len() == 1);
            if !(whole_actor || their_act) {
                continue;
            }
            let Some(&author) = np
                .possessor
                .as_ref()
                .or(np.actors.first())
                .or(np.modifier.as_ref())
            else {
                continue;
            };
            let speaker = match self.source(k) {
                Source::Framed(s) => s,
                Source::Narrator if hedged => None,
                Source::Narrator => continue,
            };
            found.push((speaker, author, k));
        }
        for (speaker, author, k) in found {
            if speaker.is_some_and(|s| self.side(s) == self.side(author)) {
                self.push(StatementKind::Claim, speaker, Some(self.side(author)), k);
            } else {
                self.push(StatementKind::Accusation, speaker, Some(author), k);
            }
        }
    }

    /// A claim made as a noun: "the group put out a claim for it", "issued a claim of
    /// responsibility for the raid".
    fn claim_nouns(&mut self) {
        use super::frames::Tag;
        let sent = &self.fr.sent;
        let n = sent.toks.len();
        let mut found = Vec::new();
        for k in 2..n {
            if !matches!(sent.w(k), "claim" | "claims")
                || !matches!(sent.w(k - 1), "a" | "an" | "its" | "their" | "the")
            {
                continue;
            }
            let next = sent.w(k + 1);
            let of_resp = next == "of" && sent.w(k + 2) == "responsibility";
            if next != "for" && !of_resp {
                continue;
            }
            // What it is for: an act, or a pronoun standing for one ("a claim for it").
            let for_at = if of_resp { k + 3 } else { k + 1 };
            let for_act = sent.w(for_at) == "for"
                && (sent
                    .toks
                    .get(for_at + 1)
                    .is_some_and(|t| t.tag == Tag::Pron)
                    || (for_at + 1..n.min(for_at + 5))
                        .any(|x| sent.toks[x].noun() & (noun::ATTACK | noun::WEAK_ATTACK) != 0));
            if !of_resp && !for_act {
                continue;
            }
            // The verb that makes it, past a particle: "put out", "issued", "posted".
            let mut v = k - 2;
            if matches!(sent.w(v), "out" | "up") && v > 0 {
                v -= 1;
            }
            if !matches!(sent.toks[v].tag, Tag::Verb(_)) {
                continue;
            }
            let (Some(subj), _) = sent.subject(self.ctx, v, 0) else {
                continue;
            };
            if let Who::Actor(a) = self.who(&subj) {
                found.push((a, k));
            }
        }
        for (a, k) in found {
            self.push(StatementKind::Claim, Some(a), Some(self.side(a)), k);
        }
    }

    /// Strikes a source speaks up for are its own side's: "the minister defended the raids",
    /// "called the strikes a proportionate response", "the operation, he said, was revenge
    /// for …". Only definite acts ("the strikes", "its operation") that no other side is
    /// named as carrying out.
    fn justified_acts(&mut self) {
        use super::frames::Tag;
        let sent = &self.fr.sent;
        let n = sent.toks.len();
        let justifying = |k: usize| {
            sent.toks[k]
                .entry
                .is_some_and(|e| e.nouns & (noun::JUSTIFICATION | noun::RESPONSE) != 0)
        };
        let act = |k: usize| sent.toks[k].noun() & (noun::ATTACK | noun::WEAK_ATTACK) != 0;
        let mut found: Vec<(Option<u32>, usize, usize)> = Vec::new();
        // "Defended the strikes"; "called the raids a necessary response", "described the
        // strikes as defensive".
        for p in &self.fr.preds {
            if !p.mood.factual() || p.mood.passive {
                continue;
            }
            let Some(obj) = p.obj.as_ref() else { continue };
            if obj.head & (noun::ATTACK | noun::WEAK_ATTACK) == 0 {
                continue;
            }
            let ok = match p.class {
                PClass::Verb(VerbClass::Justify) => true,
                PClass::Verb(VerbClass::Say) => {
                    describes(sent, p.tok) && (obj.e..n.min(obj.e + 6)).any(justifying)
                }
                _ => false,
            };
            if !ok {
                continue;
            }
            // The one who speaks up is the subject ("officials described …": unnamed).
            let speaker = match p.subj.as_ref().map(|np| self.who(np)) {
                Some(Who::Actor(a)) => Some(a),
                Some(Who::We) => self.voice_speaker(),
                _ if p.subj.as_ref().is_some_and(|np| {
                    np.head & (noun::OFFICIAL | noun::TITLE | noun::LEADER) != 0
                }) =>
                {
                    None
                }
                _ => match self.source(p.tok) {
                    Source::Framed(s) => s,
                    Source::Narrator => continue,
                },
            };
            found.push((speaker, p.tok, obj.e.saturating_sub(1)));
        }
        // "The strikes were a direct response to …", "the operation, he said, was revenge".
        for j in 2..n {
            if !justifying(j) {
                continue;
            }
            let mut b = j;
            while b > 0 {
                b -= 1;
                let t = &sent.toks[b];
                // "A direct response": a verb's form after an article modifies the noun.
                let modifier = matches!(t.tag, Tag::Verb(_))
                    && b > 0
                    && matches!(sent.w(b - 1), "a" | "an" | "the");
                let skip = matches!(t.tag, Tag::Adj | Tag::Adv | Tag::Det)
                    || modifier
                    || matches!(t.kind, Kind::Punct('"' | '“' | '”' | ','))
                    || matches!(sent.w(b), "in" | "as" | "of" | "act" | "and")
                    || justifying(b);
                if !skip {
                    break;
                }
            }
            let Tag::Aux(f) = sent.toks[b].tag else {
                continue;
            };
            if f & crate::lexicon::words::func::BE == 0
                || !matches!(sent.w(b), "is" | "was" | "were" | "are" | "been")
                || (b..j).any(|x| sent.toks[x].tag == Tag::Neg)
            {
                continue;
            }
            // The chain before it may not be modal ("would be a response").
            let mut c = b;
            while c > 0 && matches!(sent.toks[c - 1].tag, Tag::Aux(_) | Tag::Adv) {
                c -= 1;
                if sent.toks[c].is(crate::lexicon::words::func::MODAL) {
                    break;
                }
            }
            if (c..b).any(|x| sent.toks[x].is(crate::lexicon::words::func::MODAL)) {
                continue;
            }
            // Past a speech insert (", he said,") to the act noun that is the subject.
            let mut e = c;
            if e > 0 && sent.is_punct(e - 1, ',') {
                let mut x = e - 1;
                while x > 0 && !sent.is_punct(x - 1, ',') {
                    x -= 1;
                }
                if x == 0 || !(x..e).any(|y| matches!(sent.toks[y].tag, Tag::Verb(_))) {
                    continue;
                }
                e = x - 1;
            }
            let Some(a) = (e.saturating_sub(6)..e).rev().find(|&x| act(x)) else {
                continue;
            };
            if (a + 1..e).any(|x| {
                matches!(sent.toks[x].tag, Tag::Verb(_) | Tag::Comp | Tag::Rel)
                    || sent.is_punct(x, ',')
            }) {
                continue;
            }
            // A definite act: "the strikes", "its operation", "Tuesday's raid".
            let definite = (a.saturating_sub(4)..a).any(|x| {
                matches!(
                    sent.w(x),
                    "the" | "these" | "those" | "this" | "that" | "its" | "their" | "our" | "his"
                ) || sent.toks[x].tag == Tag::Poss
            });
            if !definite {
                continue;
            }
            let speaker = match self.source(b) {
                Source::Framed(s) => s,
                Source::Narrator => continue,
            };
            found.push((speaker, j, a));
        }
        let found: Vec<(Option<u32>, usize, usize)> = found
            .into_iter()
            .flat_map(|(speaker, cue, act_tok)| {
                self.coordinated(cue, speaker)
                    .into_iter()
                    .map(move |s| (s, cue, act_tok))
            })
            .collect();
        for (speaker, cue, act_tok) in found {
            // The strikes of another side are not the speaker's to claim.
            let other = self.evs.iter().any(|ev| {
                (ev.tok == act_tok || ev.preds.iter().any(|&pi| self.fr.preds[pi].tok == act_tok))
                    && matches!((ev.agent, speaker), (Some(Who::Actor(x)), Some(s)) if self.side(x) != self.side(s))
            });
            if other {
                continue;
            }
            self.push(
                StatementKind::Claim,
                speaker,
                speaker.map(|s| self.side(s)),
                cue,
            );
        }
    }

    /// Whoever a source calls a front for X ("a name officials describe as a front for
    /// Kataib Hezbollah", "regarded the brigade as a front for Hamas") is X's: X is accused
    /// of what it does.
    fn fronts(&mut self) {
        use super::frames::Tag;
        let sent = &self.fr.sent;
        let n = sent.toks.len();
        let mut found = Vec::new();
        for k in 1..n.saturating_sub(2) {
            let t = &sent.toks[k];
            if !matches!(t.tag, Tag::Noun(_))
                || t.entry.is_none_or(|e| e.nouns & noun::FRONT == 0)
                || sent.w(k + 1) != "for"
            {
                continue;
            }
            let Some(mut np) = sent.np_at(self.ctx, k + 2, n) else {
                continue;
            };
            // "a front for several groups, including A, B and C": those named.
            if np.actors.is_empty() {
                let inc = if sent.w(np.e) == "including" {
                    np.e + 1
                } else if sent.is_punct(np.e, ',') && sent.w(np.e + 1) == "including" {
                    np.e + 2
                } else {
                    continue;
                };
                let mut actors = Vec::new();
                let mut at = inc;
                while let Some(item) = sent.np_at(self.ctx, at, n) {
                    if item.actors.is_empty() || item.e <= at {
                        break;
                    }
                    actors.extend(item.actors.iter().copied());
                    at = item.e;
                    while at < n && (sent.is_punct(at, ',') || matches!(sent.w(at), "and" | "or")) {
                        at += 1;
                    }
                }
                np.actors = actors;
            }
            if np.actors.is_empty() {
                continue;
            }
            // Who says so: the source around it, else the one who describes it so before it
            // in the sentence ("a label that officials describe as a front").
            let speaker = match self.source(k) {
                Source::Framed(s) => Some(s),
                Source::Narrator => self
                    .fr
                    .preds
                    .iter()
                    .rfind(|p| {
                        p.tok < k
                            && matches!(p.class, PClass::Verb(VerbClass::Say | VerbClass::Believe))
                            && p.mood.factual()
                    })
                    .and_then(|p| p.subj.as_ref())
                    .filter(|s| {
                        !s.actors.is_empty()
                            || s.collective
                            || s.head & (noun::OFFICIAL | noun::TITLE) != 0
                    })
                    .map(|s| match self.who(s) {
                        Who::Actor(a) => Some(a),
                        _ => None,
                    }),
            };
            let Some(speaker) = speaker else { continue };
            for &a in &np.actors {
                found.push((speaker, a, k));
            }
        }
        for (speaker, a, k) in found {
            self.push(StatementKind::Accusation, speaker, Some(a), k);
        }
    }

    /// An actor a source says hides its part ("wants to hide its hand in the attacks",
    /// "sought to conceal its role", "wants to deny its role"): the source says it has one.
    fn concealed_parts(&mut self) {
        let mut found = Vec::new();
        for p in &self.fr.preds {
            let hides = match p.class {
                PClass::Verb(VerbClass::Conceal) => !p.mood.neg && !p.mood.cond,
                PClass::Verb(VerbClass::Deny) => p.mood.intended && !p.mood.neg,
                _ => false,
            };
            if !hides
                || p.obj
                    .as_ref()
                    .is_none_or(|o| o.head & noun::RESPONSIBILITY == 0)
            {
                continue;
            }
            // "X sought to conceal": the subject of the verb the infinitive depends on.
            let subj = p.subj.as_ref().or_else(|| {
                let sent = &self.fr.sent;
                (p.tok >= 2 && sent.w(p.tok - 1) == "to")
                    .then(|| {
                        self.fr
                            .preds
                            .iter()
                            .find(|q| q.tok == p.tok - 2 && matches!(q.class, PClass::Verb(_)))
                    })
                    .flatten()
                    .and_then(|q| q.subj.as_ref())
            });
            let Some(Who::Actor(a)) = subj.map(|s| self.who(s)) else {
                continue;
            };
            let Source::Framed(speaker) = self.source(p.tok) else {
                continue;
            };
            found.push((speaker, a, p.tok));
        }
        for (speaker, a, k) in found {
            self.push(StatementKind::Accusation, speaker, Some(a), k);
        }
    }

    /// A side that confirms or acknowledges an act it is not the target of, with no one else
    /// named as its author, owns it: "the group confirmed the Haifa operation", "the Pentagon
    /// acknowledged the strike".
    fn confirmed_acts(&mut self) {
        let mut found = Vec::new();
        for p in &self.fr.preds {
            if p.class != PClass::Verb(VerbClass::Say)
                || !p.mood.factual()
                || p.mood.passive
                || !matches!(
                    self.fr.sent.lemma(p.tok, VerbClass::Say),
                    "confirm" | "acknowledge" | "admit"
                )
            {
                continue;
            }
            let Some(obj) = p.obj.as_ref() else { continue };
            if obj.head & (noun::ATTACK | noun::WEAK_ATTACK) == 0 {
                continue;
            }
            let Some(Who::Actor(a)) = p.subj.as_ref().map(|s| self.who(s)) else {
                continue;
            };
            let side = self.side(a);
            // "The embassy confirmed the attack": a state's body confirms that it was
            // attacked; a group confirming "the attack" and anyone confirming "the strike" or
            // "the operation" speak of their own.
            let word = obj.head_word.map_or("", |(hs, he)| &self.ctx.lower[hs..he]);
            if voice::attack_key(word) == "attack" && self.ctx.kind(a) != ActorKind::ArmedGroup {
                continue;
            }
            let theirs = self.evs.iter().all(|e| {
                !(obj.s..obj.e).contains(&e.tok)
                    || (matches!(e.agent, None | Some(Who::We))
                        || matches!(e.agent, Some(Who::Actor(x)) if self.side(x) == side))
                        && !matches!(e.target, Some(Who::Actor(t)) if self.side(t) == side)
            });
            // "confirmed the attack on its base": the target's side tells of it.
            let on_own = obj.possessor.is_some_and(|x| self.side(x) != side)
                || (obj.e..self.fr.sent.toks.len().min(obj.e + 4)).any(|k| {
                    matches!(self.fr.sent.w(k), "on" | "against" | "targeting")
                        && !self
                            .fr
                            .sent
                            .toks
                            .get(k + 1)
                            .is_some_and(|t| matches!(t.kind, Kind::Date(_)))
                });
            if theirs && !on_own {
                found.push((a, p.tok));
            }
        }
        for (a, k) in found {
            self.push(StatementKind::Claim, Some(a), Some(self.side(a)), k);
        }
    }

    fn run(&mut self) {
        self.confirmed_acts();
        self.fronts();
        self.concealed_parts();
        self.events();
        self.reported_charges();
        self.copular_authors();
        self.claim_nouns();
        self.justified_acts();
        let preds = &self.fr.preds;
        let sent = &self.fr.sent;
        let attack_words = preds.iter().any(|p| {
            matches!(
                p.class,
                PClass::AttackNoun | PClass::Verb(VerbClass::Attack)
            )
        });
        // Violence of any kind: attacks, blasts, killings, deaths, launches.
        let violence = attack_words
            || preds.iter().any(|p| {
                matches!(
                    p.class,
                    PClass::WeakAttackNoun
                        | PClass::Responsible
                        | PClass::Verb(VerbClass::Harm | VerbClass::Launch | VerbClass::Retaliate)
                )
            })
            || sent.toks.iter().any(|t| {
                t.noun() & (noun::ATTACK | noun::WEAK_ATTACK | noun::WEAPON | noun::CASUALTY) != 0
            });
        for p in preds {
            let src = self.source(p.tok);
            if matches!(
                p.class,
                PClass::Responsible
                    | PClass::Verb(VerbClass::Involve | VerbClass::Blame | VerbClass::Back)
            ) && self.in_allegation(p.tok)
            {
                continue;
            }
            match p.class {
                PClass::Verb(VerbClass::Claim) => {
                    if p.mood.neg || p.mood.modal || p.mood.intended || p.mood.cond {
                        continue;
                    }
                    // "claimed that …" reports speech: what it says is judged below. A claim of
                    // responsibility has an act as its object ("claimed the attack", "claimed
                    // both", "took responsibility"), not a number or a view.
                    if sent
                        .toks
                        .get(p.tok + 1)
                        .is_some_and(|t| t.tag == super::frames::Tag::Comp)
                    {
                        continue;
                    }
                    let phrasal = sent.toks[p.tok].entry.is_some_and(|e| {
                        e.verbs
                            .iter()
                            .any(|v| v.class == VerbClass::Claim && !v.tail.is_empty())
                    });
                    // A pronoun followed by a verb starts what is claimed, not what is
                    // claimed responsibility for ("claiming it could strike").
                    let clause_after = |o: &Np| {
                        sent.toks.get(o.e).is_some_and(|t| {
                            matches!(
                                t.tag,
                                super::frames::Tag::Verb(_) | super::frames::Tag::Aux(_)
                            )
                        })
                    };
                    let act = p.obj.as_ref().is_some_and(|o| {
                        o.head & (noun::ATTACK | noun::WEAK_ATTACK | noun::RESPONSIBILITY) != 0
                            || o.pron.is_some() && !clause_after(o)
                            || matches!(sent.w(o.s), "both" | "all" | "most" | "many" | "some" | "several" | "one" | "each")
                    }) || (p.mood.passive && p.subj.as_ref().is_some_and(|o| o.head & (noun::ATTACK | noun::WEAK_ATTACK) != 0 || o.pron.is_some() || o.anaphor || o.head == 0))
                        || (p.obj.is_none() && p.pps.iter().any(|(w, _)| *w == "for"))
                        // "claimed to have struck a tanker", "claimed to target Haifa",
                        // "claimed to be taking part in joint attacks": an infinitive that
                        // tells of an attack in its clause.
                        || (p.obj.is_none() && !p.mood.passive && sent.w(p.tok + 1) == "to" && {
                            let mut k = p.tok + 2;
                            while matches!(sent.w(k), "have" | "be" | "been") {
                                k += 1;
                            }
                            let clause_end = (k..sent.toks.len())
                                .find(|&x| {
                                    matches!(sent.toks[x].kind, Kind::Punct(',' | ';' | ':' | '(' | '—' | '–'))
                                        || sent.toks[x].tag == super::frames::Tag::Comp
                                })
                                .unwrap_or(sent.toks.len());
                            self.fr.preds.iter().any(|q| {
                                q.tok == k
                                    && matches!(
                                        q.class,
                                        PClass::Verb(VerbClass::Attack | VerbClass::Launch)
                                    )
                                    || q.tok > k
                                        && q.tok < clause_end
                                        && q.class == PClass::AttackNoun
                            })
                        })
                        // "the attack, which the group claimed", "an attack, claimed by X,":
                        // the act is the noun before.
                        || (p.obj.is_none()
                            && self.fr.preds.iter().any(|q| {
                                matches!(q.class, PClass::AttackNoun | PClass::WeakAttackNoun) && q.tok < p.tok
                            }));
                    if !(phrasal || act) {
                        continue;
                    }
                    let np = if p.mood.passive {
                        p.pp("by")
                    } else {
                        p.subj.as_ref()
                    };
                    for mut speaker in self.speakers_of(np, src) {
                        // "it claimed …": claims are made by groups, not by the state named
                        // last.
                        if np.is_some_and(|n| matches!(n.pron, Some("it" | "they")))
                            && speaker.is_some_and(|s| self.ctx.kind(s) == ActorKind::State)
                        {
                            let pos = self.pos(p.tok);
                            speaker = self
                                .ctx
                                .mentions
                                .iter()
                                .rev()
                                .filter(|m| m.end <= pos)
                                .map(|m| m.actor)
                                .find(|&a| matches!(self.ctx.kind(a), ActorKind::ArmedGroup))
                                .or(speaker);
                        }
                        let about = speaker
                            .filter(|&s| self.ctx.kind(s) != ActorKind::Media)
                            .map(|s| self.side(s));
                        self.push(StatementKind::Claim, speaker, about, p.tok);
                    }
                }
                PClass::Verb(VerbClass::Deny) => {
                    // "wants to deny its role", "may deny": no denial yet.
                    if p.mood.neg || p.mood.passive || p.mood.intended || p.mood.cond {
                        continue;
                    }
                    // A denial rejects a part, a charge or an act ("denied any role",
                    // "rejected the claims", "dismissed it"), an actor's ("absolved Iran"),
                    // or what follows "that"; "rejected warnings", "denied access" and
                    // "disputed the figures" deny nothing of who did what.
                    // A quoted object ("rejected \"repeated warnings\"") is read as one.
                    let quoted = p.obj.is_none()
                        && sent.toks.get(p.tok + 1).is_some_and(|t| {
                            matches!(t.kind, Kind::Punct(_))
                                && matches!(&sent.text[t.s..t.e], "\"" | "“" | "'" | "‘")
                        });
                    let quoted_np = if quoted {
                        sent.np_at(self.ctx, p.tok + 2, sent.toks.len())
                    } else {
                        None
                    };
                    // "rejected what he described as the baseless accusations": what is
                    // rejected is the phrase after "as" (or after "called").
                    let quoted_np = quoted_np.or_else(|| {
                        let o = p.obj.as_ref()?;
                        if sent.w(o.s) != "what" {
                            return None;
                        }
                        let at = (o.e..sent.toks.len().min(o.e + 5))
                            .find(|&k| matches!(sent.w(k), "as" | "called" | "calls" | "termed"))?;
                        sent.np_at(self.ctx, at + 1, sent.toks.len())
                    });
                    let relative = quoted_np.is_some() && !quoted;
                    let obj = if relative {
                        quoted_np.as_ref()
                    } else {
                        p.obj.as_ref().or(quoted_np.as_ref())
                    };
                    if let Some(o) = obj
                        && o.head
                            & (noun::RESPONSIBILITY
                                | noun::ALLEGATION
                                | noun::ATTACK
                                | noun::WEAK_ATTACK
                                | noun::BACKING)
                            == 0
                        && o.pron.is_none()
                        && o.actors.is_empty()
                        && o.possessor.is_none()
                        && !o.anaphor
                        && o.poss_anaphor.is_none()
                    {
                        continue;
                    }
                    // "rejected claims that the carrier had been hit": what is rejected is
                    // that an attack struck, with no one named as its author, not anyone's
                    // part in one.
                    if p.obj
                        .as_ref()
                        .is_some_and(|o| o.head & noun::ALLEGATION != 0)
                        && let Some(c) = (p.obj.as_ref().map_or(p.tok + 1, |o| o.e)
                            ..sent.toks.len().min(p.tok + 12))
                            .find(|&k| sent.toks[k].tag == super::frames::Tag::Comp)
                    {
                        let inside = |q: &&Pred| q.tok > c && q.segment.0 <= c + 1;
                        let charged = preds.iter().filter(inside).any(|q| {
                            matches!(
                                q.class,
                                PClass::Responsible
                                    | PClass::NotInvolved
                                    | PClass::Verb(
                                        VerbClass::Involve
                                            | VerbClass::Back
                                            | VerbClass::Claim
                                            | VerbClass::Blame
                                    )
                            ) || matches!(
                                q.class,
                                PClass::Verb(VerbClass::Attack | VerbClass::Launch)
                            ) && (!q.mood.passive || q.pp("by").is_some())
                        });
                        let acts = preds.iter().filter(inside).any(|q| {
                            matches!(q.class, PClass::Verb(VerbClass::Attack | VerbClass::Launch))
                        });
                        if acts && !charged {
                            continue;
                        }
                    }
                    for speaker in self.speakers_of(p.subj.as_ref(), src) {
                        let about = self.denied(p).or(speaker.map(|s| self.side(s)));
                        self.push(StatementKind::Denial, speaker, about, p.tok);
                    }
                }
                PClass::Verb(VerbClass::Blame) => {
                    if p.mood.neg || p.mood.modal || p.mood.intended {
                        continue;
                    }
                    // "Attributing these attacks to Iran is a pretext", "blaming the group is
                    // baseless": the blame is what is spoken of; a source calling it false
                    // denies the part of the one blamed. Otherwise no one blames.
                    if self.gerund_subject(p) {
                        if let Source::Framed(speaker) = src
                            && self.called_false(p)
                            && let Some(b) = self.blamed(p)
                            && let Who::Actor(a) = self.who(&b)
                        {
                            self.push(StatementKind::Denial, speaker, Some(a), p.tok);
                        }
                        continue;
                    }
                    // The narrator telling of someone blaming, with no one named who does
                    // ("… hide their part by attributing the attacks to a front"), reports no
                    // one's statement.
                    if !p.mood.passive
                        && p.subj.is_none()
                        && src == Source::Narrator
                        && p.tok > 0
                        && sent.toks[p.tok - 1].tag == super::frames::Tag::Prep
                    {
                        continue;
                    }
                    // Only blame for violence is a statement: "accused of acting in Iran's
                    // interests", "blamed Washington for the crisis" are not about an attack.
                    let charge = p.pp("of").or(p.pp("for")).is_some()
                        || ["of", "for"].iter().any(|w| {
                            (p.tok + 1..p.segment.1.min(p.tok + 4)).any(|k| sent.w(k) == *w)
                        });
                    if charge && !violence {
                        continue;
                    }
                    let (speakers, blamed) = if p.mood.passive {
                        // "was blamed on X", "was attributed to X": X; "X was blamed for
                        // …", "X is accused of attacks on …": X.
                        let lemma = sent.toks[p.tok]
                            .entry
                            .and_then(|e| e.verbs.iter().find(|v| v.class == VerbClass::Blame))
                            .map_or("", |v| &*v.lemma);
                        let named = match lemma {
                            "blame" | "pin" => p.pp("on"),
                            "attribute" => p.pp("to"),
                            _ => None,
                        };
                        (
                            self.speakers_of(p.pp("by"), src),
                            named.cloned().or(p.subj.clone()),
                        )
                    } else {
                        (self.speakers_of(p.subj.as_ref(), src), self.blamed(p))
                    };
                    let Some(blamed) = blamed else { continue };
                    let wider = self.and_other_members_of(&blamed);
                    for speaker in speakers {
                        for &a in &wider {
                            self.push(StatementKind::Accusation, speaker, Some(a), p.tok);
                        }
                        match self.who(&blamed) {
                            Who::Actor(_) if !blamed.actors.is_empty() => {
                                for &a in &blamed.actors {
                                    self.push(StatementKind::Accusation, speaker, Some(a), p.tok);
                                }
                            }
                            Who::Actor(a) => {
                                self.push(StatementKind::Accusation, speaker, Some(a), p.tok)
                            }
                            Who::Collective => {
                                self.push(StatementKind::Accusation, speaker, None, p.tok)
                            }
                            _ => {}
                        }
                    }
                }
                PClass::Responsible => {
                    // "the accusations that Iran was behind it": what a charge says is not
                    // what its reporter asserts (the charge is read as its maker's).
                    if self.in_allegation(p.tok) {
                        continue;
                    }
                    let Some(subj) = self.responsible_subject(p) else {
                        continue;
                    };
                    let who = self.who(&subj);
                    let hedged = p.mood.hedged
                        || (p.segment.0..p.tok)
                            .any(|k| sent.toks[k].is(crate::lexicon::words::func::HEDGE));
                    let speaker = match src {
                        Source::Framed(s) => s,
                        Source::Narrator if hedged => None,
                        Source::Narrator => continue,
                    };
                    let kind = if p.mood.neg {
                        StatementKind::Denial
                    } else {
                        StatementKind::Accusation
                    };
                    match who {
                        Who::Actor(a) => {
                            let kind = if kind == StatementKind::Accusation
                                && speaker.is_some_and(|s| self.side(s) == self.side(a))
                            {
                                StatementKind::Claim
                            } else {
                                kind
                            };
                            let about = if kind == StatementKind::Claim {
                                Some(self.side(a))
                            } else {
                                Some(a)
                            };
                            self.push(kind, speaker, about, p.tok);
                        }
                        Who::Collective if kind == StatementKind::Accusation => {
                            self.push(kind, speaker, None, p.tok)
                        }
                        _ => {}
                    }
                }
                PClass::NotInvolved => {
                    let Source::Framed(speaker) = src else {
                        continue;
                    };
                    // "had no connection to the United States", "is not linked to Israel":
                    // a denial of a part only where an attack is spoken of.
                    if matches!(
                        sent.w(p.tok),
                        "connection"
                            | "connections"
                            | "link"
                            | "links"
                            | "ties"
                            | "linked"
                            | "connected"
                            | "tied"
                            | "related"
                    ) && !attack_words
                    {
                        continue;
                    }
                    let from = p.pp("from").map(|n| self.who(n));
                    // "X acted on its own", "X takes no orders": denies that someone stands
                    // behind X (the one named after "from", else the speaker's side); "X had
                    // nothing to do with it", "X played no role": denies X's part.
                    let autonomy = matches!(
                        sent.w(p.tok),
                        "own"
                            | "independently"
                            | "autonomously"
                            | "unilaterally"
                            | "orders"
                            | "instructions"
                            | "directives"
                            | "decisions"
                    );
                    let subject = p.subj.as_ref().map(|n| self.who(n));
                    let about = match (from, subject) {
                        (Some(Who::Actor(a)), _) => Some(a),
                        (_, Some(Who::Actor(a))) if !autonomy && !self.ctx.is_person(a) => Some(a),
                        _ => speaker.map(|s| self.side(s)),
                    };
                    self.push(StatementKind::Denial, speaker, about, p.tok);
                }
                // "called the accusations baseless", "described the claims as a big lie",
                // "labelled the reports fabricated".
                PClass::Verb(VerbClass::Say)
                    if p.obj
                        .as_ref()
                        .is_some_and(|o| o.head & noun::ALLEGATION != 0)
                        && matches!(
                            p.obj
                                .as_ref()
                                .and_then(|o| o.head_word)
                                .map(|(hs, he)| &self.ctx.lower[hs..he]),
                            Some(
                                "accusations"
                                    | "accusation"
                                    | "allegations"
                                    | "allegation"
                                    | "claims"
                                    | "claim"
                                    | "charges"
                                    | "charge"
                                    | "reports"
                                    | "report"
                            )
                        )
                        && describes(sent, p.tok)
                        || (matches!(
                            sent.w(p.tok),
                            "called"
                                | "calls"
                                | "calling"
                                | "described"
                                | "describes"
                                | "labelled"
                                | "labeled"
                                | "termed"
                                | "branded"
                        ) && p
                            .obj
                            .as_ref()
                            .is_some_and(|o| o.head & noun::ALLEGATION != 0)) =>
                {
                    if p.mood.neg {
                        continue;
                    }
                    for speaker in self.speakers_of(p.subj.as_ref(), src) {
                        let about = self.denied(p).or(speaker.map(|s| self.side(s)));
                        self.push(StatementKind::Denial, speaker, about, p.tok);
                    }
                }
                PClass::Verb(VerbClass::Involve) if attack_words && !p.mood.neg => {
                    // "X was involved in planning the attacks", "X took part in the attack".
                    let Source::Framed(speaker) = src else {
                        continue;
                    };
                    if p.mood.modal || p.mood.intended || p.mood.cond {
                        continue;
                    }
                    if let Some(s) = p.subj.as_ref()
                        && let Who::Actor(a) = self.who(s)
                    {
                        let kind = if speaker.is_some_and(|x| self.side(x) == self.side(a)) {
                            StatementKind::Claim
                        } else {
                            StatementKind::Accusation
                        };
                        let about = if kind == StatementKind::Claim {
                            Some(self.side(a))
                        } else {
                            Some(a)
                        };
                        self.push(kind, speaker, about, p.tok);
                    }
                }
                PClass::Verb(VerbClass::Belong) => {
                    // "officials believe the gunmen belonged to X", "the drones answer to X":
                    // fighters, weapons or sites a source says are X's make X their author.
                    let Source::Framed(speaker) = src else {
                        continue;
                    };
                    if p.mood.neg || p.mood.modal || p.mood.intended || p.mood.cond {
                        continue;
                    }
                    let armed = p.subj.as_ref().is_some_and(|s| {
                        s.actors.is_empty()
                            && s.head
                                & (noun::FORCE
                                    | noun::COLLECTIVE
                                    | noun::WEAPON
                                    | noun::PLATFORM
                                    | noun::ATTACK)
                                != 0
                    });
                    if let Some(to) = p.pp("to")
                        && armed
                        && let Who::Actor(a) = self.who(to)
                    {
                        self.push(StatementKind::Accusation, speaker, Some(a), p.tok);
                    }
                }
                PClass::Verb(VerbClass::Back) if p.mood.neg && !p.mood.passive => {
                    // "has never supported these attacks", "does not back the militias": the
                    // speaker denies its side's part.
                    let Source::Framed(speaker) = src else {
                        continue;
                    };
                    let about = match p.subj.as_ref().map(|n| self.who(n)) {
                        Some(Who::Actor(a)) => Some(a),
                        _ => speaker.map(|s| self.side(s)),
                    };
                    self.push(StatementKind::Denial, speaker, about, p.tok);
                }
                PClass::Verb(VerbClass::Back) => {
                    let Source::Framed(speaker) = src else {
                        continue;
                    };
                    if p.mood.neg || p.mood.modal || p.mood.intended {
                        continue;
                    }
                    let (backer, backed) = if p.mood.passive {
                        (p.pp("by"), p.subj.as_ref())
                    } else {
                        (p.subj.as_ref(), p.obj.as_ref())
                    };
                    let Some(backer) = backer else { continue };
                    let backs_fighters = backed.is_some_and(|b| {
                        b.collective || b.head & noun::COLLECTIVE != 0 || b.pron.is_some()
                    });
                    // Backing the attackers the source spoke of ("these groups are funded by
                    // Iran") needs no attack in the same sentence.
                    let those_fighters = backed.is_some_and(|b| {
                        matches!(sent.w(b.s), "these" | "those") && b.head & noun::COLLECTIVE != 0
                    }) && speaker.is_some();
                    if !backs_fighters || !(attack_words || those_fighters) {
                        continue;
                    }
                    if let Who::Actor(_) = self.who(backer) {
                        // "… by Iran, largely through the IRGC": both back them.
                        let through = p.pp("through").map_or(&[][..], |n| &n.actors[..]);
                        for &a in backer.actors.iter().chain(through) {
                            self.push(StatementKind::Accusation, speaker, Some(a), p.tok);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Whose involvement a denial is about: a possessor ("Iran's role"), or the first actor
    /// of what is denied ("denied that X was involved", "rejected claims that X …").
    fn denied(&self, p: &Pred) -> Option<u32> {
        if let Some(o) = &p.obj {
            if let Some(a) = o.possessor {
                return Some(a);
            }
            if o.head & (noun::RESPONSIBILITY | noun::ALLEGATION) == 0
                && o.actors.len() == 1
                && !o.collective
            {
                // "denied Iran any role" or "denied the United States' claim".
                return Some(o.actors[0]);
            }
        }
        // What follows "that".
        let sent = &self.fr.sent;
        let start = p.obj.as_ref().map_or(p.tok + 1, |o| o.e);
        let comp = (start..p.segment.1.max(start + 1).min(sent.toks.len()))
            .find(|&k| sent.toks[k].tag == super::frames::Tag::Comp)
            .or_else(|| {
                (p.tok + 1 < sent.toks.len()
                    && sent.toks[p.tok + 1].tag == super::frames::Tag::Comp)
                    .then_some(p.tok + 1)
            });
        if let Some(c) = comp {
            // "rejected allegations that it was behind …": a pronoun first stands for the
            // one it points to (here the denier), not for a name further on.
            if let Some(np) = sent.np_at(self.ctx, c + 1, sent.toks.len())
                && np.pron.is_some()
            {
                return match self.who(&np) {
                    Who::Actor(a) => Some(a),
                    _ => None,
                };
            }
            for k in c + 1..sent.toks.len().min(c + 12) {
                if let Kind::Ent { actor: Some(a), .. } = sent.toks[k].kind {
                    let m = &sent.mentions[a];
                    if m.role == super::template::Role::Refers {
                        return Some(m.actor);
                    }
                }
            }
        }
        None
    }

    /// Whether the predicate is a gerund that opens its clause as its subject ("Attributing
    /// the attacks to Iran is …").
    fn gerund_subject(&self, p: &Pred) -> bool {
        let sent = &self.fr.sent;
        p.subj.is_none()
            && !p.mood.passive
            && matches!(sent.toks[p.tok].tag, super::frames::Tag::Verb(f) if f & crate::lexicon::words::form::ING != 0)
            && (p.tok == 0
                || p.tok == p.segment.0
                || matches!(sent.toks[p.tok - 1].kind, Kind::Punct('"' | '“')))
    }

    /// Whether what the predicate's clause says is then called false: "… is a pretext",
    /// "… are baseless" (a word of the falsehood class within a few words of the "to be"
    /// that follows it).
    fn called_false(&self, p: &Pred) -> bool {
        use super::frames::Tag;
        let sent = &self.fr.sent;
        let end = p.segment.1.min(sent.toks.len());
        let Some(be) = (p.tok + 1..end).find(|&k| {
            matches!(sent.toks[k].tag, Tag::Aux(f) if f & crate::lexicon::words::func::BE != 0)
        }) else {
            return false;
        };
        !(be..end.min(be + 3)).any(|k| sent.toks[k].tag == Tag::Neg)
            && (be + 1..end.min(be + 5)).any(|k| {
                sent.toks[k]
                    .entry
                    .is_some_and(|e| e.nouns & noun::FALSEHOOD != 0)
            })
    }

    /// "X and other factions of Y", "X and other members of the alliance": Y is blamed with
    /// X, as the whole its members are part of.
    fn and_other_members_of(&self, np: &Np) -> Vec<u32> {
        let sent = &self.fr.sent;
        let e = np.e;
        if !(sent.w(e) == "and" && sent.w(e + 1) == "other") {
            return Vec::new();
        }
        let mut k = e + 2;
        while k < sent.toks.len() && sent.toks[k].tag == super::frames::Tag::Adj {
            k += 1;
        }
        let member = sent
            .toks
            .get(k)
            .is_some_and(|t| t.noun() & (noun::MEMBER | noun::COLLECTIVE) != 0);
        if !member || sent.w(k + 1) != "of" {
            return Vec::new();
        }
        sent.np_at(self.ctx, k + 2, sent.toks.len())
            .map(|n| n.actors)
            .unwrap_or_default()
    }

    /// Who a blame verb blames: "blamed X (for Y)", "blamed Y on X", "attributed Y to X",
    /// "pointed the finger at X", "accused X of Y".
    fn blamed(&self, p: &Pred) -> Option<Np> {
        let b = self.blamed_phrase(p)?;
        // "blamed it on a missile misfire by Islamic Jihad": who misfired.
        if b.actors.is_empty()
            && !b.collective
            && self.fr.sent.w(b.e) == "by"
            && let Some(by) = self
                .fr
                .sent
                .np_at(self.ctx, b.e + 1, self.fr.sent.toks.len())
        {
            return Some(by);
        }
        Some(b)
    }

    fn blamed_phrase(&self, p: &Pred) -> Option<Np> {
        let lemma = self.fr.sent.toks[p.tok]
            .entry
            .and_then(|e| e.verbs.iter().find(|v| v.class == VerbClass::Blame))
            .map_or("", |v| &*v.lemma);
        let on = p.pp("on").cloned();
        let to = p.pp("to").cloned();
        let at = p.pp("at").cloned();
        match lemma {
            "attribute" | "pin" => to.or(on),
            // "pointed to Kataib Hezbollah"; "pointed to Khamenei's remarks" blames no one.
            "point" => at.or(to).filter(|n| {
                !(n.s..n.e).any(|k| self.fr.sent.toks[k].tag == super::frames::Tag::Poss)
            }),
            _ => {
                let o = p.obj.clone();
                // "blamed the group for …", "blamed them for …": an anaphor or a personal
                // pronoun names the blamed as well as a name does.
                // "placed the blame on X", "laid the responsibility at X's door": the blame is
                // not who is blamed.
                let o = o.filter(|o| o.head & noun::RESPONSIBILITY == 0 || !o.actors.is_empty());
                let obj_named = o.as_ref().is_some_and(|o| {
                    !o.actors.is_empty()
                        || o.collective
                        || o.anaphor
                        || matches!(o.pron, Some("them" | "him" | "her"))
                });
                let obj_is_act = o.as_ref().is_some_and(|o| {
                    o.head & (noun::ATTACK | noun::WEAK_ATTACK) != 0 || o.pron.is_some()
                });
                if on.is_some() && (obj_is_act || !obj_named) {
                    on
                } else if obj_named {
                    o
                } else {
                    on
                }
            }
        }
    }

    /// The subject of "is behind", "is responsible for" (or the actor of "the hallmarks of X").
    fn responsible_subject(&self, p: &Pred) -> Option<Np> {
        let sent = &self.fr.sent;
        let w = sent.w(p.tok);
        if matches!(
            w,
            "hallmarks" | "hallmark" | "footprints" | "fingerprints" | "signature" | "work"
        ) {
            // "… of X", or "X's fingerprints".
            if let Some(of) = p.pp("of") {
                return Some(of.clone());
            }
            if p.tok >= 2 && sent.toks[p.tok - 1].tag == super::frames::Tag::Poss {
                return sent.np_at(self.ctx, p.tok - 2, p.tok - 1);
            }
            return None;
        }
        if matches!(w, "bear" | "bears" | "bore" | "borne" | "bearing") {
            return p.subj.clone();
        }
        // "X was behind …": a form of "be" (or "stood") right before.
        let mut k = p.tok;
        while k > p.segment.0
            && matches!(
                sent.toks[k - 1].tag,
                super::frames::Tag::Adv | super::frames::Tag::Neg | super::frames::Tag::Aux(_)
            )
        {
            k -= 1;
        }
        if k == p.tok && sent.w(p.tok) != "responsible" {
            return None;
        }
        if !(p.segment.0..p.tok).any(|x| matches!(sent.toks[x].tag, super::frames::Tag::Aux(f) if f & crate::lexicon::words::func::BE != 0)) && sent.w(p.tok) == "behind" {
            return None;
        }
        p.subj.clone()
    }
}

/// The statements of sentence `si`, from its frames and attack events; `disc` carries the
/// last speaker from sentence to sentence.
pub fn extract(
    ctx: &DocCtx<'_>,
    si: usize,
    fr: &Frames<'_, '_>,
    evs: &[Event],
    voice: Voice,
    disc: &mut Discourse,
) -> Vec<Found> {
    let mut c = Ctx {
        ctx,
        fr,
        evs,
        si,
        voice,
        disc,
        out: Vec::new(),
    };
    // A question asserts nothing ("Are you ruling out strikes on Iran?", "So you blame
    // Tehran?").
    let question = fr
        .sent
        .toks
        .iter()
        .rev()
        .find(|t| !matches!(t.kind, Kind::Punct('"' | '”' | '’' | ')')))
        .is_some_and(|t| t.kind == Kind::Punct('?'));
    // A questioner's line asserts nothing unless it reports speech or a claim, denial or
    // blame.
    let questioner_only = voice == Voice::Question
        && fr.speech.is_empty()
        && fr.preds.iter().all(|p| {
            !matches!(
                p.class,
                PClass::Verb(VerbClass::Claim | VerbClass::Deny | VerbClass::Blame)
            )
        });
    if !question && !questioner_only {
        c.run();
    }
    // The last source of the sentence speaks on in the next ("the statement added").
    let spoke =
        c.fr.speech
            .iter()
            .rev()
            .find_map(|sp| c.speaker(sp))
            .or_else(|| c.out.iter().rev().find_map(|f| f.speaker));
    let mut out = std::mem::take(&mut c.out);
    if let Some(s) = spoke {
        c.disc.last_speaker = Some(s);
    }
    out.sort_by_key(|f| f.cue);
    out
}
