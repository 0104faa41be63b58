//! Attack events read from a sentence's frames: the predicates that report one act (an
//! attack verb, the attack noun it governs, "launched a drone attack", "the strike killed")
//! joined into one event, with its agent, target, places, day and weapon.
//!
//! The agent comes from grammar ("X struck", "strikes by X", "Houthi attacks", "X launched
//! an attack", "was carried out by X"), else from who the sentence says claimed it or is
//! blamed for it ("X claimed the attack", "blamed the attack on X"). The place is where the
//! sentence puts the act (its "in/at/near/on" phrases, its target), never the war that is the
//! context ("amid the war in Gaza").

use crate::lexicon::words::{VerbClass, func, noun};
use crate::model::ActorKind;

use super::DocCtx;
use super::frames::{Frames, Kind, Mood, Np, PClass, Pred, Tag};
use super::template::Role;
use super::voice::{self, Who};

/// How the agent of an event is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// From the sentence's grammar.
    Grammar,
    /// Someone claimed it.
    Claim,
    /// Someone blamed it on the agent.
    Blame,
    /// An earlier sentence: "the strikes" are those whose agent was named before.
    Discourse,
}

/// One act of attack reported by a sentence.
#[derive(Clone, Debug)]
pub struct Event {
    /// The main predicate's token.
    pub tok: usize,
    /// The predicates it is made of (indexes into the frames' predicates).
    pub preds: Vec<usize>,
    /// Who acted.
    pub agent: Option<Who>,
    /// How that is known.
    pub via: Via,
    /// Every agent, when several act together ("X and Y say they …").
    pub agents: Vec<u32>,
    /// Who was attacked.
    pub target: Option<Who>,
    /// Places (document place indexes), the most specific first.
    pub places: Vec<usize>,
    /// States named as where it happened ("in Iraq").
    pub countries: Vec<u32>,
    /// The token of its day.
    pub date: Option<usize>,
    /// The tokens of several days listed for it ("struck on Oct. 26, Nov. 8 and Nov. 12"):
    /// one attack on each.
    pub days: Vec<usize>,
    /// Weapon word tokens.
    pub weapons: Vec<usize>,
    /// Its mood (of the main predicate).
    pub mood: Mood,
    /// A plural or generic noun ("attacks on US forces", "several strikes").
    pub generic: bool,
    /// Told with a number of attacks ("three drone attacks", "attacked 40 times").
    pub counted: bool,
    /// A definite singular noun ("the attack") that may point back to an earlier report.
    pub definite: bool,
    /// A noun only ("the raid"), no verb.
    pub noun_only: bool,
    /// Its determiner points back ("the strikes", "these attacks").
    pub anaphoric_det: bool,
    /// The clause segment.
    pub segment: (usize, usize),
}

impl Event {
    /// The token of the word that names the act: its attack noun ("carried out airstrikes":
    /// "airstrikes"), else its verb.
    pub fn word(&self, preds: &[Pred]) -> usize {
        self.preds
            .iter()
            .map(|&pi| &preds[pi])
            .find(|q| matches!(q.class, PClass::AttackNoun | PClass::WeakAttackNoun))
            .map_or(self.tok, |q| q.tok)
    }

    /// A new event of predicate `p`, made of `preds`; what it says is filled in later.
    fn of(p: &Pred, preds: Vec<usize>, noun_only: bool) -> Event {
        Event {
            tok: p.tok,
            preds,
            agent: None,
            via: Via::Grammar,
            agents: Vec::new(),
            target: None,
            places: Vec::new(),
            countries: Vec::new(),
            date: None,
            days: Vec::new(),
            weapons: Vec::new(),
            mood: p.mood,
            generic: false,
            counted: false,
            definite: false,
            noun_only,
            anaphoric_det: false,
            segment: p.segment,
        }
    }
}

/// The token of "which" when the predicate's clause opens with "in which" or "during which"
/// ("the attack, in which Iran launched 300 drones").
fn in_which_at(sent: &super::frames::Sent<'_, '_>, p: &Pred) -> Option<usize> {
    (p.mood.chain.saturating_sub(4).max(1)..p.mood.chain)
        .find(|&k| sent.w(k) == "which" && matches!(sent.w(k - 1), "in" | "during"))
}

/// Who claims: "it claimed …" stands for a group, not for the state named last ("It has
/// backed the talks with Washington … It also claimed the attack").
fn claimer_of(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, np: &Np) -> Who {
    let w = who_of(ctx, fr, np);
    if matches!(np.pron, Some("it" | "they"))
        && let Who::Actor(a) = w
        && ctx.kind(a) == crate::model::ActorKind::State
    {
        let pos = fr.sent.toks[np.s].s;
        if let Some(g) = ctx
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= pos)
            .map(|m| m.actor)
            .find(|&x| ctx.kind(x) == crate::model::ActorKind::ArmedGroup)
        {
            return Who::Actor(g);
        }
    }
    w
}

fn who_of(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, np: &Np) -> Who {
    voice::who(ctx, np, fr.sent.toks[np.s].s, ctx.text)
}

/// Whether the date at token `k` is the day a source spoke ("said on Saturday", "said
/// Friday", "on Monday told"), by a verb other than the one at `except`.
pub fn speech_day(fr: &Frames<'_, '_>, k: usize, except: usize) -> bool {
    let sent = &fr.sent;
    fr.preds.iter().any(|q| {
        matches!(q.class, PClass::Verb(VerbClass::Say | VerbClass::Believe))
            && q.tok != except
            && (q.tok < k && k <= q.tok + 2 && (k == q.tok + 1 || sent.w(q.tok + 1) == "on")
                || k < q.tok && q.tok <= k + 1
                // "On Saturday, the spokesman said …": the day opens the sentence, before the
                // speaker.
                || (k < q.tok
                    && k <= 2
                    && sent.is_punct(k + 1, ',')
                    && q.subj.as_ref().is_some_and(|s| s.s == k + 2))
                // "told reporters on Monday", "told the BBC Friday".
                || q.obj.as_ref().is_some_and(|o| {
                    o.s == q.tok + 1
                        && o.e - o.s <= 3
                        && (k == o.e || k == o.e + 1 && sent.w(o.e) == "on")
                }))
    })
}

/// Whether a token written right after the one before stays in its phrase: a word glued by a
/// hyphen ("Iran-led") or the apostrophe of a plural's possessive ("the Houthis' attacks"),
/// not a comma ("support Israel, these attacks").
fn glued_in_phrase(t: &super::frames::Tok<'_>) -> bool {
    t.glued && !matches!(t.kind, Kind::Punct(c) if c != '\'' && c != '’')
}

/// Whether `np` contains token `k`.
fn holds(np: Option<&Np>, k: usize) -> bool {
    np.is_some_and(|n| n.s <= k && k < n.e)
}

/// Whether a light verb's patient is an attack or a weapon.
fn launches(p: &Pred) -> bool {
    p.patient()
        .is_some_and(|o| o.head & (noun::ATTACK | noun::WEAPON | noun::WEAK_ATTACK) != 0)
        // "it was carried out by X": the act named before, with the one who did it.
        || p.mood.passive
            && p.pp("by").is_some()
            && p.subj.as_ref().is_some_and(|s| matches!(s.pron, Some("it" | "they")))
}

/// The agent an attack noun has in its own phrase ("Houthi attacks", "Iran's strike").
fn noun_agent(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, p: &Pred) -> Option<Who> {
    let sent = &fr.sent;
    if let Some(by) = p.pp("by") {
        return Some(who_of(ctx, fr, by));
    }
    let mut k = p.tok;
    while k > p.segment.0 {
        k -= 1;
        let t = &sent.toks[k];
        if let Kind::Ent { actor: Some(a), .. } = t.kind {
            let m = &sent.mentions[a];
            let lo = super::floor_char(sent.lower, t.s.saturating_sub(5));
            if sent.lower[lo..t.s].ends_with("anti-") {
                return None;
            }
            return match m.role {
                Role::Collective => Some(Who::Collective),
                Role::Location => None,
                _ => Some(Who::Actor(m.actor)),
            };
        }
        if matches!(t.tag, Tag::Noun(c) if c & noun::COLLECTIVE != 0) {
            // "the group's attacks": the group named before, if there is one.
            if k > p.segment.0
                && matches!(sent.w(k - 1), "the" | "this" | "that")
                && sent.toks.get(k + 1).is_some_and(|t| t.tag == Tag::Poss)
                && let Some(np) = sent.np_at(ctx, k - 1, k + 1)
                && let w @ Who::Actor(_) = who_of(ctx, fr, &np)
            {
                return Some(w);
            }
            return Some(Who::Collective);
        }
        // "the Iranian drone and missile attack": nouns joined inside the phrase.
        let joined = matches!(sent.w(k), "and" | "or")
            && k > p.segment.0
            && matches!(sent.toks[k - 1].tag, Tag::Noun(_))
            && matches!(sent.toks[k + 1].tag, Tag::Noun(_));
        let np_like = matches!(t.tag, Tag::Adj | Tag::Det | Tag::Poss | Tag::Noun(_))
            || matches!(t.kind, Kind::Date(_) | Kind::Num(_))
            || glued_in_phrase(t)
            || joined;
        if !np_like {
            break;
        }
        if t.tag == Tag::Det && !matches!(sent.w(k), "its" | "their" | "his" | "her" | "our") {
            // "the Houthi attack" goes on past "the"; "our strikes": the speaker's.
            if k > p.segment.0 && sent.toks[k - 1].tag == Tag::Poss {
                continue;
            }
        }
        if matches!(sent.w(k), "our") {
            return Some(Who::We);
        }
    }
    None
}

/// The attack events of one sentence; `disc` gives the agent of a definite noun that points
/// back ("the strikes") and learns this sentence's agents.
pub fn read(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, disc: &mut voice::Discourse) -> Vec<Event> {
    let sent = &fr.sent;
    let preds = &fr.preds;
    let mut events: Vec<Event> = Vec::new();
    let mut used = vec![false; preds.len()];
    let mut relatives: Vec<usize> = Vec::new();
    // Verbs first: an attack verb, a light verb with an attack or a weapon, a verb of harm
    // whose subject is an attack or a weapon ("the strike killed two").
    for (pi, p) in preds.iter().enumerate() {
        let PClass::Verb(c) = p.class else { continue };
        let harm_by_attack = c == VerbClass::Harm
            && p.agent()
                .is_some_and(|a| a.head & (noun::ATTACK | noun::WEAPON | noun::WEAK_ATTACK) != 0);
        // "…'s attack on Tower 22, which killed three soldiers": a verb of harm after
        // "which" continues the attack before it (joined below, once the nouns are read).
        let relative = p.mood.chain > 0 && sent.toks[p.mood.chain - 1].tag == Tag::Rel;
        // "…, killing two commanders": a participle after a comma, with no subject of its
        // own, tells more of the act before it.
        let participle = p.subj.is_none()
            && !p.shared_subject
            && p.mood.chain > 0
            && sent.is_punct(p.mood.chain - 1, ',')
            && matches!(sent.toks[p.tok].tag, Tag::Verb(f) if f & crate::lexicon::words::form::ING != 0);
        // "fired a missile that struck a ship": a weapon's verb after "that" is the act of
        // the one who fired it.
        let weapon_relative = relative
            && c == VerbClass::Attack
            && p.agent()
                .is_some_and(|a| a.head & noun::WEAPON != 0 && a.actors.is_empty());
        // "the drone and missile attack on Israel, in which Iran launched 300 drones": the
        // clause tells of the attack before it.
        let in_which = matches!(c, VerbClass::Attack | VerbClass::Launch)
            && in_which_at(sent, p).is_some_and(|k| {
                (k.saturating_sub(8)..k - 1)
                    .any(|j| sent.toks[j].noun() & (noun::ATTACK | noun::WEAK_ATTACK) != 0)
            });
        if (relative && c == VerbClass::Harm)
            || weapon_relative
            || in_which
            || (participle && matches!(c, VerbClass::Harm | VerbClass::Attack))
        {
            relatives.push(pi);
            continue;
        }
        // "forces engaged two drones", "a missile was shot down": the attack of the weapon,
        // by an unnamed attacker, on the defender.
        if c == VerbClass::Defend {
            if p.patient().is_some_and(|o| o.head & noun::WEAPON != 0) {
                // "shot down a US drone": the weapon's owner was attacked.
                // Read as an attack of the subject on the owner (see `fill`).
                used[pi] = true;
                events.push(Event::of(p, vec![pi], false));
            }
            continue;
        }
        let killed_in_attack = c == VerbClass::Harm
            && p.pps.iter().any(|(w, n)| {
                matches!(*w, "in" | "during") && n.head & (noun::ATTACK | noun::WEAK_ATTACK) != 0
            });
        let ok = killed_in_attack
            || match c {
                VerbClass::Attack => {
                    let kill = matches!(sent.w(p.tok), "kill" | "kills" | "killed" | "killing");
                    // Seizing land or power is no attack; seizing a ship is.
                    let seized_land = sent.lemma(p.tok, VerbClass::Attack) == "seize"
                        && p.patient().is_some_and(|n| {
                            n.head_is(
                                &ctx.lower,
                                &[
                                    "swathes",
                                    "swaths",
                                    "territory",
                                    "control",
                                    "power",
                                    "areas",
                                    "area",
                                    "towns",
                                    "villages",
                                    "land",
                                    "cities",
                                    "parts",
                                    "ground",
                                    "initiative",
                                    "opportunity",
                                ],
                            )
                        });
                    // A war's toll is no attack: "the war has killed thousands", "5,000 have
                    // been killed since October".
                    let toll = p.agent().is_some_and(|a| a.head & noun::CONTEXT != 0)
                        || (p.tok + 1..sent.toks.len().min(p.tok + 4))
                            .any(|k| sent.w(k) == "since");
                    // "The storm hit the coast", "a stampede killed 56": a subject that is no
                    // one, no force and no weapon does not attack.
                    let no_attacker = !p.mood.passive
                        && p.subj.as_ref().is_some_and(|n| {
                            n.actors.is_empty()
                                && n.pron.is_none()
                                && !n.collective
                                && !n.anaphor
                                && n.possessor.is_none()
                                && n.modifier.is_none()
                                && n.poss_anaphor.is_none()
                                && n.head != 0
                                && n.head
                                    & (noun::WEAPON
                                        | noun::ATTACK
                                        | noun::WEAK_ATTACK
                                        | noun::FORCE
                                        | noun::PLATFORM
                                        | noun::COLLECTIVE
                                        | noun::OFFICIAL
                                        | noun::LEADER
                                        | noun::TITLE
                                        | noun::MEMBER)
                                    == 0
                        });
                    !seized_land
                        && !no_attacker
                        && (!kill || p.patient().is_some_and(|n| !n.actors.is_empty()) && !toll)
                }
                VerbClass::Launch => launches(p),
                VerbClass::Harm => harm_by_attack,
                _ => false,
            };
        if !ok {
            continue;
        }
        // An earlier event of the same segment that this verb continues ("attacks targeting
        // US forces", "drones launched at the base struck it", "the strike killed three and
        // injured ten"), or the same verb read in another class ("killed": attack and harm).
        let joins = events.iter().position(|e| {
            let same_subject = |q: &Pred| match (&q.subj, &p.subj) {
                (Some(a), Some(b)) => a.s == b.s && a.e == b.e,
                _ => false,
            };
            e.segment == p.segment
                && (holds(p.subj.as_ref(), e.tok)
                    || holds(p.obj.as_ref(), e.tok)
                    || p.tok == e.tok + 1
                    || e.preds.iter().any(|&qi| {
                        preds[qi].tok == p.tok || (same_subject(&preds[qi]) && c == VerbClass::Harm)
                    }))
        });
        used[pi] = true;
        // Nouns inside its subject or object belong to it, and for a verb of harm the one it
        // happened in ("were killed in a drone attack").
        let mut members = vec![pi];
        // "were killed in a drone attack", "killed X with a drone strike".
        let harm_in = |q: &Pred| {
            matches!(c, VerbClass::Harm | VerbClass::Attack)
                && p.pps.iter().any(|(w, n)| {
                    matches!(*w, "in" | "during" | "by" | "with") && holds(Some(n), q.tok)
                })
        };
        for (qi, q) in preds.iter().enumerate() {
            if matches!(q.class, PClass::AttackNoun | PClass::WeakAttackNoun)
                && (holds(p.subj.as_ref(), q.tok) || holds(p.obj.as_ref(), q.tok) || harm_in(q))
            {
                members.push(qi);
                used[qi] = true;
            }
        }
        match joins {
            Some(j) => events[j].preds.extend(members),
            None => events.push(Event::of(p, members, false)),
        }
    }
    // Nouns on their own.
    for (pi, p) in preds.iter().enumerate() {
        if used[pi] || !matches!(p.class, PClass::AttackNoun | PClass::WeakAttackNoun) {
            continue;
        }
        // "an attack drone", "attack helicopters", "strike aircraft": the noun names a kind
        // of weapon, not an act.
        if fr.sent.toks.get(p.tok + 1).is_some_and(|t| {
            t.kind == super::frames::Kind::Word
                && t.noun() & (noun::WEAPON | noun::FORCE) != 0
                && t.noun() & (noun::ATTACK | noun::WEAK_ATTACK) == 0
        }) {
            continue;
        }
        // A noun inside another noun's phrase ("a drone strike attack") joins it.
        if let Some(e) = events
            .iter_mut()
            .find(|e| e.noun_only && e.segment == p.segment && p.tok == e.tok + 1)
        {
            e.preds.push(pi);
            e.tok = p.tok;
            continue;
        }
        events.push(Event::of(p, vec![pi], true));
    }
    for pi in relatives {
        let p = &preds[pi];
        if let Some(j) = events.iter().rposition(|e| e.tok < p.tok) {
            events[j].preds.push(pi);
            used[pi] = true;
        } else if p.class == PClass::Verb(VerbClass::Attack) {
            events.push(Event::of(p, vec![pi], false));
        }
    }
    for e in &mut events {
        fill(ctx, fr, e);
        // Looked up by the noun that names the act, else by its verb ("the operation was
        // carried out": an operation, else an attack carried out).
        let keys = [
            voice::attack_key(sent.w(e.word(&fr.preds))),
            voice::attack_key(sent.w(e.tok)),
        ];
        if e.agent.is_none() && e.anaphoric_det {
            e.agent = keys.iter().find_map(|k| disc.agent_for(k)).map(Who::Actor);
            if e.agent.is_some() {
                e.via = Via::Discourse;
            }
        }
    }
    for e in &events {
        if let Some(Who::Actor(a)) = e.agent
            && e.mood.factual()
            && e.via != Via::Discourse
        {
            disc.note_agent(voice::attack_key(sent.w(e.word(&fr.preds))), a);
        }
    }
    events
}

/// Agent, target, places, day, weapon and kind of one event.
fn fill(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, e: &mut Event) {
    let sent = &fr.sent;
    let preds = &fr.preds;
    let main = &preds[e.preds[0]];
    // Phrases that belong to the event: its predicates' subjects, objects and phrases.
    let mut nps: Vec<(&'static str, &Np)> = Vec::new();
    for &pi in &e.preds {
        let p = &preds[pi];
        if let PClass::Verb(_) = p.class
            && let Some(o) = p.patient()
        {
            nps.push(("patient", o));
        }
        for (w, np) in &p.pps {
            nps.push((w, np));
        }
    }
    // A defence against a weapon: the defender was attacked ("shot down a US drone": the
    // owner was, by the subject).
    let defence = main.class == PClass::Verb(VerbClass::Defend)
        && main.patient().is_some_and(|o| o.actors.is_empty());
    if defence {
        e.target = main
            .agent()
            .map(|a| who_of(ctx, fr, a))
            .filter(|w| matches!(w, Who::Actor(_)));
    }
    // Agent.
    e.agent = match main.class {
        PClass::Verb(VerbClass::Defend) if defence => None,
        PClass::Verb(VerbClass::Harm) => main.agent().and_then(|a| {
            // "the Houthi strike killed …": the attack noun's own agent.
            preds
                .iter()
                .find(|q| q.class == PClass::AttackNoun && holds(Some(a), q.tok))
                .and_then(|q| noun_agent(ctx, fr, q))
        }),
        PClass::Verb(_) => main.agent().map(|a| who_of(ctx, fr, a)).filter(|w| {
            *w != Who::Unknown
                || main
                    .agent()
                    .is_some_and(|a| a.head & (noun::WEAPON | noun::ATTACK) == 0)
        }),
        _ => noun_agent(ctx, fr, main),
    };
    if matches!(e.agent, Some(Who::Unknown)) {
        e.agent = None;
    }
    // "the attack on Israel, in which Iran launched 300 drones": the clause's actor.
    if e.agent.is_none() && matches!(main.class, PClass::AttackNoun | PClass::WeakAttackNoun) {
        e.agent = e
            .preds
            .iter()
            .map(|&pi| &preds[pi])
            .filter(|q| {
                q.tok > main.tok
                    && matches!(q.class, PClass::Verb(VerbClass::Attack | VerbClass::Launch))
                    && !q.mood.passive
                    && in_which_at(sent, q).is_some()
            })
            .find_map(|q| q.agent().map(|a| who_of(ctx, fr, a)))
            .filter(|w| matches!(w, Who::Actor(_)));
    }
    // In reported speech, "it", "they", "its fighters" are the speaker's own side ("the group
    // said its fighters had struck …", "X and Y say they have targeted …").
    let agent_np = match main.class {
        PClass::Verb(_) => main.agent(),
        _ => None,
    };
    if let Some(np) = agent_np
        && matches!(np.pron, Some("it" | "they" | "them"))
        && let Some(sp) = fr.speech_over(e.tok)
        && let Some(spk) = sp.speaker.as_ref()
    {
        let speakers: Vec<u32> = match who_of(ctx, fr, spk) {
            Who::Actor(_) if spk.actors.len() > 1 => spk.actors.clone(),
            Who::Actor(a) => vec![a],
            _ => Vec::new(),
        };
        if let Some(&a) = speakers.first() {
            let side = if ctx.is_person(a) { ctx.side(a) } else { a };
            if !ctx.is_person(side) {
                e.agent = Some(Who::Actor(side));
                e.agents = speakers
                    .iter()
                    .map(|&x| if ctx.is_person(x) { ctx.side(x) } else { x })
                    .collect();
            }
        }
    }
    // A weapon as the subject ("two drones targeted the base") names no agent.
    if let PClass::Verb(_) = main.class
        && main.agent().is_some_and(|a| {
            a.actors.is_empty()
                && !a.collective
                && a.pron.is_none()
                && !a.anaphor
                && a.poss_anaphor.is_none()
        })
    {
        e.agent = None;
    }
    // "The ministry said fighter jets struck the depots": aircraft or warships no one owns in
    // the phrase, told of by a speaker, are the speaker's side's.
    if e.agent.is_none()
        && let PClass::Verb(_) = main.class
        && let Some(np) = main.agent()
        && np.head & noun::PLATFORM != 0
        && np.actors.is_empty()
        && !np.collective
        && np.possessor.is_none()
        && np.pron.is_none()
        && let Some(sp) = fr.speech_over(e.tok)
        && let Some(spk) = sp.speaker.as_ref()
        && let Who::Actor(a) = who_of(ctx, fr, spk)
    {
        let side = if ctx.is_person(a) { ctx.side(a) } else { a };
        if !ctx.is_person(side) {
            e.agent = Some(Who::Actor(side));
        }
    }
    // The noun's governing verb: "X launched an attack", "X claimed the attack", "the attack
    // was carried out by X", "blamed the attack on X".
    if e.agent.is_none() {
        for q in preds {
            let PClass::Verb(c) = q.class else { continue };
            let holds_it =
                holds(q.obj.as_ref(), e.tok) || (q.mood.passive && holds(q.subj.as_ref(), e.tok));
            if !holds_it {
                continue;
            }
            match c {
                VerbClass::Launch | VerbClass::Attack | VerbClass::Retaliate => {
                    if let Some(a) = q.agent() {
                        e.agent = Some(who_of(ctx, fr, a));
                    }
                }
                VerbClass::Claim if !q.mood.neg => {
                    let a = if q.mood.passive {
                        q.pp("by")
                    } else {
                        q.subj.as_ref()
                    };
                    if let Some(a) = a {
                        e.agent = Some(claimer_of(ctx, fr, a));
                        e.via = Via::Claim;
                    }
                }
                VerbClass::Blame if !q.mood.neg && !q.mood.passive => {
                    // "blamed the attack on X", "attributed the attacks on the base to X":
                    // each verb has its own preposition for who is blamed.
                    let blamed = match sent.lemma(q.tok, VerbClass::Blame) {
                        "attribute" => q.pp("to"),
                        _ => q.pp("on").or(q.pp("to")),
                    };
                    if let Some(b) = blamed {
                        e.agent = Some(who_of(ctx, fr, b));
                        e.via = Via::Blame;
                    }
                }
                _ => {}
            }
            if e.agent.is_some() {
                break;
            }
        }
        if matches!(e.agent, Some(Who::Unknown)) {
            e.agent = None;
        }
    }
    // "the attack, which X claimed", "an attack, claimed by X,": a claim right after the
    // noun, with no object of its own, is of it.
    if e.agent.is_none() {
        let first = e
            .preds
            .iter()
            .map(|&pi| preds[pi].tok)
            .min()
            .unwrap_or(e.tok);
        let next_claim = preds.iter().find(|q| {
            q.tok > first
                && q.tok <= first + 14
                && q.class == PClass::Verb(VerbClass::Claim)
                && q.obj.is_none()
                && !q.mood.neg
        });
        if let Some(q) = next_claim {
            let a = if q.mood.passive {
                q.pp("by")
            } else {
                q.subj.as_ref()
            };
            if let Some(a) = a {
                let w = claimer_of(ctx, fr, a);
                if w != Who::Unknown {
                    e.agent = Some(w);
                    e.via = Via::Claim;
                }
            }
        }
    }
    // "an attack that US officials attributed to X", "the attack, which Washington blamed on
    // X": a blame in a relative clause right after the noun, with no object of its own.
    if e.agent.is_none() {
        let next_blame = preds.iter().find(|q| {
            q.tok > e.tok
                && q.tok <= e.tok + 14
                && q.class == PClass::Verb(VerbClass::Blame)
                && q.obj.is_none()
                && !q.mood.neg
                && !q.mood.passive
                && q.mood.chain > 0
                && (q.segment.0..q.mood.chain).any(|k| sent.toks[k].tag == Tag::Rel)
        });
        if let Some(b) = next_blame.and_then(|q| q.pp("to").or(q.pp("on")))
            && let w @ (Who::Actor(_) | Who::Collective) = who_of(ctx, fr, b)
        {
            e.agent = Some(w);
            e.via = Via::Blame;
        }
    }
    // Target.
    let defended = e.target;
    let target_np = match main.class {
        PClass::Verb(VerbClass::Defend) if defence => None,
        PClass::Verb(VerbClass::Harm) => main.patient(),
        PClass::Verb(_) => main.patient(),
        _ => None,
    }
    .or_else(|| {
        e.preds.iter().find_map(|&pi| {
            let p = &preds[pi];
            p.pp("on")
                .or(p.pp("against"))
                .or(p.pp("targeting"))
                .or(p.pp("at"))
                .or(p.pp("into"))
        })
    })
    .or_else(|| {
        // "…, which killed three American soldiers": the victims of a verb of harm.
        e.preds.iter().find_map(|&pi| {
            let p = &preds[pi];
            (p.class == PClass::Verb(VerbClass::Harm))
                .then(|| p.patient())
                .flatten()
        })
    })
    .or_else(|| {
        // "attacks targeting US forces": the verb right after the noun.
        preds
            .iter()
            .find(|q| q.tok == e.tok + 1 && q.class == PClass::Verb(VerbClass::Attack))
            .and_then(|q| q.obj.as_ref())
    });
    // Named people killed in it are its target ("…, killing the commander Abu Taqwa").
    let victims = e.preds.iter().find_map(|&pi| {
        let p = &preds[pi];
        (pi != e.preds[0] && matches!(p.class, PClass::Verb(VerbClass::Harm | VerbClass::Attack)))
            .then(|| p.patient())
            .flatten()
            .filter(|n| n.actors.iter().any(|&a| ctx.is_person(a)))
    });
    let target_np = victims.or(target_np);
    if let Some(t) = target_np {
        e.target = match who_of(ctx, fr, t) {
            Who::Unknown => owner_after(ctx, fr, t).map(Who::Actor),
            w => Some(w),
        };
        if let Some(Who::Actor(a)) = e.target
            && matches!(e.agent, Some(Who::Actor(b)) if ctx.side(a) == ctx.side(b))
        {
            e.target = None;
        }
    }
    if e.target.is_none() {
        e.target = defended;
    }
    // "anti-US attacks": the target is the actor after "anti-".
    if e.target.is_none() {
        let mut k = e.tok;
        while k > e.segment.0 {
            k -= 1;
            let t = &sent.toks[k];
            if let Kind::Ent { actor: Some(a), .. } = t.kind {
                let lo = super::floor_char(sent.lower, t.s.saturating_sub(5));
                if sent.lower[lo..t.s].ends_with("anti-") {
                    e.target = Some(Who::Actor(sent.mentions[a].actor));
                }
                break;
            }
            if !matches!(t.tag, Tag::Adj | Tag::Det | Tag::Noun(_)) && !glued_in_phrase(t) {
                break;
            }
        }
    }
    // Places: in the event's phrases first, then in its own noun phrase, then in its segment
    // (not in a phrase that is about the war around it).
    let mut places: Vec<usize> = Vec::new();
    // Where it was launched from is not where it struck: "fired rockets from Zummar,
    // northwest of Mosul, at the base".
    let origin = |p: usize| {
        let Some(k) = (0..sent.toks.len())
            .find(|&k| matches!(sent.toks[k].kind, Kind::Ent { place: Some(q), .. } if q == p))
        else {
            return false;
        };
        let mut j = k;
        while j > e.segment.0 && k - j < 12 {
            j -= 1;
            let t = &sent.toks[j];
            if matches!(t.tag, Tag::Verb(_) | Tag::Aux(_) | Tag::Comp | Tag::Rel) {
                return false;
            }
            if t.tag == Tag::Prep {
                match sent.w(j) {
                    "from" => return true,
                    "at" | "on" | "in" | "into" | "toward" | "towards" | "against" | "near"
                    | "inside" | "over" | "targeting" | "outside" => return false,
                    // "northwest of", "east of": still where it came from.
                    _ => continue,
                }
            }
        }
        false
    };
    let push_place = |p: usize, places: &mut Vec<usize>| {
        if !places.contains(&p) {
            places.push(p);
        }
    };
    for (_, np) in &nps {
        if context_np(sent, np) {
            continue;
        }
        for &p in &np.places {
            push_place(p, &mut places);
        }
    }
    // The noun's own phrase: "the Tower 22 attack".
    {
        let mut k = e.tok;
        while k > e.segment.0 {
            k -= 1;
            let t = &sent.toks[k];
            if let Kind::Ent { place: Some(p), .. } = t.kind {
                push_place(p, &mut places);
            }
            if !(matches!(t.tag, Tag::Adj | Tag::Det | Tag::Noun(_) | Tag::Poss)
                || matches!(t.kind, Kind::Ent { .. } | Kind::Date(_) | Kind::Num(_)))
            {
                break;
            }
        }
    }
    if places.is_empty() {
        // Not in what the act responds to ("… in response to the massacres in Gaza").
        let response_at = (e.segment.0..e.segment.1)
            .find(|&k| sent.toks[k].noun() & noun::RESPONSE != 0 && k > e.tok)
            .unwrap_or(e.segment.1);
        for k in e.segment.0..response_at {
            if let Kind::Ent {
                place: Some(p),
                actor,
            } = sent.toks[k].kind
            {
                // A place that is also an actor counts only as a location.
                let loc = actor.is_none_or(|a| sent.mentions[a].role == Role::Location);
                if loc && !after_context_noun(sent, k) && !in_agent(main, k) {
                    push_place(p, &mut places);
                }
            }
        }
    }
    // Named with where it struck, where it was launched from is no place of it (alone, it is
    // the nearest there is).
    if places.iter().any(|&p| !origin(p)) {
        places.retain(|&p| !origin(p));
    }
    // The most specific place first (base, facility, city before region).
    let rank = |p: usize| -> u8 {
        match ctx.lex.place(ctx.places[p].place).kind.as_str() {
            "base" | "facility" => 0,
            "city" => 1,
            _ => 2,
        }
    };
    places.sort_by_key(|&p| rank(p));
    e.places = places;
    // States named as locations; a border names two ("in Jordan near the Syrian border", "on
    // its border with Syria"): the other side of it is not where the attack was.
    let border = |w: &str| matches!(w, "border" | "borders" | "frontier" | "boundary");
    for k in e.segment.0..e.segment.1 {
        if let Kind::Ent { actor: Some(a), .. } = sent.toks[k].kind {
            let m = &sent.mentions[a];
            let across =
                border(sent.w(k + 1)) || k >= 2 && sent.w(k - 1) == "with" && border(sent.w(k - 2));
            if m.role == Role::Location
                && ctx.kind(m.actor) == ActorKind::State
                && !after_context_noun(sent, k)
                && !across
                && !e.countries.contains(&m.actor)
            {
                e.countries.push(m.actor);
            }
        }
    }
    // Day: a date in the event's phrases or segment, the nearest to it; not the day someone
    // spoke of it ("the minister said on Saturday the strikes were …").
    let spoken = |k: usize| speech_day(fr, k, e.tok);
    // Not the day of what the act responds to ("struck … in response to a December 25 drone
    // attack").
    let response_at = (e.tok..e.segment.1)
        .find(|&k| {
            sent.toks[k].noun() & noun::RESPONSE != 0
                && matches!(sent.w(k + 1), "to" | "for")
                && !e.preds.iter().any(|&pi| preds[pi].tok > k)
        })
        .unwrap_or(e.segment.1);
    let dates: Vec<usize> = (e.segment.0..response_at)
        .filter(|&k| match sent.toks[k].kind {
            Kind::Date(d) => {
                let dm = &ctx.dates[sent.si][d];
                !dm.since && !dm.range && !spoken(k)
            }
            _ => false,
        })
        .collect();
    e.date = dates.iter().copied().min_by_key(|&k| k.abs_diff(e.tok));
    // Days in a list: each after the first follows a comma or "and", a few words on.
    let listed = dates.len() >= 2
        && dates.windows(2).all(|w| {
            w[1] - w[0] <= 6
                && (w[0] + 1..w[1]).any(|k| sent.is_punct(k, ',') || sent.w(k) == "and")
                && (w[0] + 1..w[1]).all(|k| {
                    matches!(sent.toks[k].kind, Kind::Punct(',') | Kind::Ent { .. })
                        || matches!(sent.w(k), "and" | "on" | "the" | "in" | "at" | "near")
                })
        });
    if listed {
        e.days = dates.clone();
    }
    // Weapons: in the event's noun phrases and segment, nearest first.
    let mut ws: Vec<usize> = (e.segment.0..e.segment.1)
        .filter(|&k| {
            sent.toks[k].noun() & noun::WEAPON != 0
                || sent.toks[k]
                    .entry
                    .is_some_and(|x| x.nouns & noun::WEAPON != 0)
        })
        .collect();
    ws.sort_by_key(|&k| k.abs_diff(e.tok));
    e.weapons = ws;
    // Generic, counted, definite.
    let w = sent.w(e.tok);
    let plural = w.ends_with('s') && !w.ends_with("ss") && e.noun_only;
    let mut k = e.tok;
    let mut det = None;
    while k > e.segment.0 {
        k -= 1;
        let t = &sent.toks[k];
        if t.is(func::GENERIC) {
            e.generic = true;
        }
        // "three attacks": a number before the attack noun counts attacks; before a verb it
        // counts the subject's weapons ("five rockets struck").
        if e.noun_only && (t.num.is_some() || matches!(t.kind, Kind::Num(_))) {
            e.counted = true;
        }
        if t.tag == Tag::Det {
            det = Some(sent.w(k));
        }
        if !(matches!(t.tag, Tag::Adj | Tag::Det | Tag::Noun(_) | Tag::Poss)
            || matches!(t.kind, Kind::Ent { .. } | Kind::Date(_) | Kind::Num(_))
            || t.glued)
        {
            break;
        }
    }
    // "a series of attacks", "dozens of strikes".
    if e.tok >= 2
        && sent.w(e.tok - 1) == "of"
        && matches!(
            sent.w(e.tok - 2),
            "series"
                | "wave"
                | "spate"
                | "string"
                | "dozens"
                | "hundreds"
                | "scores"
                | "number"
                | "campaign"
        )
    {
        e.generic = true;
    }
    // "attacked 40 times", "attacked US bases dozens of times".
    for k in e.tok + 1..(e.tok + 9).min(sent.toks.len()) {
        if matches!(sent.toks[k].kind, Kind::Punct(_)) {
            break;
        }
        if sent.toks[k].noun() & noun::COUNT != 0 || matches!(sent.w(k), "times" | "occasions") {
            e.counted = true;
        }
    }
    // "carried out more than 40 attacks", "launched dozens of strikes": a verb whose object
    // counts attacks reports a count, not an attack.
    if !e.noun_only
        && let Some(o) = main.obj.as_ref()
        && o.head & (noun::ATTACK | noun::WEAK_ATTACK) != 0
        && (o.s..o.e).any(|k| {
            sent.toks[k].num.is_some()
                || matches!(sent.toks[k].kind, Kind::Num(_))
                || matches!(sent.w(k), "dozens" | "hundreds" | "scores")
        })
    {
        e.counted = true;
    }
    // Acts told as a habit, with no day: "have targeted dozens of ships", "carried out
    // several rounds of strikes", "have launched numerous rockets", "has continued to attack
    // convoys", "have repeatedly struck".
    let many = |k: usize| {
        matches!(
            sent.w(k),
            "dozens"
                | "several"
                | "numerous"
                | "many"
                | "multiple"
                | "scores"
                | "hundreds"
                | "countless"
                | "repeated"
                | "repeatedly"
                | "frequent"
                | "frequently"
                | "rounds"
                | "regularly"
                | "routinely"
        )
    };
    if !e.noun_only && e.date.is_none() {
        let in_obj = main.obj.as_ref().is_some_and(|o| (o.s..o.e).any(many))
            || main.obj.as_ref().is_some_and(|o| o.s > 0 && many(o.s - 1));
        let before = (main.mood.chain..main.tok).any(many)
            || (main.tok.saturating_sub(3).max(main.segment.0)..main.tok).any(|k| {
                matches!(
                    sent.w(k),
                    "continued" | "continue" | "continues" | "kept" | "keeps"
                )
            });
        if in_obj || before {
            e.generic = true;
        }
    }
    // "An end to the attacks", "a halt to the strikes", "the cessation of attacks": a
    // campaign to be stopped, not one attack.
    if e.noun_only
        && (e.tok.saturating_sub(5).max(e.segment.0)..e.tok).any(|k| {
            matches!(
                sent.w(k),
                "end" | "halt" | "stop" | "cessation" | "pause" | "suspension"
            ) && matches!(sent.w(k + 1), "to" | "of")
        })
    {
        e.generic = true;
    }
    // A plural with nothing that makes it particular attacks: an agent makes them particular
    // ("the group's attacks last week" are its own), one they are blamed on does not ("blamed
    // the attacks on the militias").
    if plural
        && e.date.is_none()
        && e.places.is_empty()
        && (!matches!(e.agent, Some(Who::Actor(_))) || e.via == Via::Blame)
    {
        e.generic = true;
    }
    e.definite = e.noun_only && !plural && matches!(det, Some("the" | "this" | "that"));
    e.anaphoric_det = matches!(det, Some("the" | "this" | "that" | "these" | "those"));
    // A verb whose subject is "the attack" reports that attack again ("The attack hit …").
    if !e.noun_only
        && let Some(&qi) = e
            .preds
            .iter()
            .find(|&&qi| matches!(preds[qi].class, PClass::AttackNoun | PClass::WeakAttackNoun))
    {
        let q = &preds[qi];
        let w = sent.w(q.tok);
        let mut k = q.tok;
        while k > q.segment.0 && matches!(sent.toks[k - 1].tag, Tag::Adj | Tag::Noun(_)) {
            k -= 1;
        }
        let d = if k > q.segment.0 { sent.w(k - 1) } else { "" };
        let singular = !w.ends_with('s') || w.ends_with("ss");
        // "… were wounded in that attack", "were killed in the strikes": a verb of harm in the
        // attack named before.
        let harmed_in = e.preds.iter().any(|&pi| {
            let p = &preds[pi];
            matches!(p.class, PClass::Verb(VerbClass::Harm | VerbClass::Attack))
                && p.pps
                    .iter()
                    .any(|(w, n)| matches!(*w, "in" | "during") && holds(Some(n), q.tok))
        });
        if (matches!(d, "the" | "this" | "that")
            && singular
            && (holds(main.subj.as_ref(), q.tok) || harmed_in))
            || (matches!(d, "the" | "these" | "those") && !singular && harmed_in)
        {
            e.definite = true;
            e.anaphoric_det = true;
        }
        // "The strikes hit …": the strikes told of before.
        if matches!(d, "the" | "these" | "those")
            && !singular
            && holds(main.subj.as_ref(), q.tok)
            && main.class == PClass::Verb(VerbClass::Attack)
            && !main.mood.passive
        {
            e.definite = true;
            e.anaphoric_det = true;
        }
    }
}

/// Whether the phrase is about a war, a campaign, a crisis ("the war in Gaza").
fn context_np(sent: &super::frames::Sent<'_, '_>, np: &Np) -> bool {
    np.head & noun::CONTEXT != 0
        || (np.s..np.e).any(|k| sent.toks[k].noun() & noun::CONTEXT != 0 && sent.w(k) != "campaign")
}

/// Whether token `k` sits in a phrase that follows a war or crisis noun ("the war in Gaza",
/// "the conflict in Syria").
fn after_context_noun(sent: &super::frames::Sent<'_, '_>, k: usize) -> bool {
    let mut j = k;
    let mut steps = 0;
    while j > 0 && steps < 6 {
        j -= 1;
        steps += 1;
        let t = &sent.toks[j];
        if t.noun() & noun::CONTEXT != 0 {
            return true;
        }
        if !(matches!(
            t.tag,
            Tag::Prep | Tag::Det | Tag::Adj | Tag::Poss | Tag::Name
        ) || matches!(
            t.kind,
            Kind::Ent { .. } | Kind::Punct(',' | '"' | '“' | '”')
        )) {
            return false;
        }
    }
    false
}

/// Whether token `k` lies in the agent phrase of the predicate ("Iraq's Kataib Hezbollah").
fn in_agent(p: &Pred, k: usize) -> bool {
    holds(p.agent(), k)
}

/// Whose sites a target phrase names by a phrase after it: "two facilities used by Kataib
/// Hezbollah", "sites belonging to the IRGC", "targets linked to the Quds Force".
fn owner_after(ctx: &DocCtx<'_>, fr: &Frames<'_, '_>, np: &Np) -> Option<u32> {
    let sent = &fr.sent;
    let mut k = np.e;
    if sent.is_punct(k, ',') {
        k += 1;
    }
    // "in Iraq" between: "three facilities in Iraq used by …".
    if sent.w(k) == "in"
        && sent
            .toks
            .get(k + 1)
            .is_some_and(|t| matches!(t.kind, Kind::Ent { .. }))
    {
        k += 2;
    }
    let w = sent.w(k);
    if !matches!(
        w,
        "used"
            | "belonging"
            | "linked"
            | "tied"
            | "affiliated"
            | "associated"
            | "operated"
            | "run"
            | "controlled"
            | "held"
            | "owned"
            | "of"
            | "connected"
    ) {
        return None;
    }
    let mut j = k + 1;
    if matches!(sent.w(j), "by" | "to" | "with") {
        j += 1;
    }
    let owner = sent.np_at(ctx, j, sent.toks.len())?;
    owner.actors.first().copied().filter(|&a| !ctx.is_person(a))
}
