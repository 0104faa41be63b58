//! The one selection every view reads, and the highlights derived from it.
//!
//! Views never change the selection themselves: they push a [`Command`] while drawing, and
//! [`crate::app::ProxyLensApp`] applies the commands between frames and recomputes the
//! [`Highlights`] once.

use std::collections::{BTreeSet, HashSet};

use proxylens::analysis::Analysis;
use proxylens::model::{ActorId, DocId, IncidentId, Span};

/// A thing the user can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Item {
    /// A whole document.
    Doc(DocId),
    /// A sentence (or any span) of a document.
    Span(Span),
    /// An actor.
    Actor(ActorId),
    /// An attack incident.
    Incident(IncidentId),
    /// A range of days (days since 1970-01-01, end exclusive): a bar or a dragged range.
    Time {
        /// First day.
        start: i32,
        /// One past the last day.
        end: i32,
    },
    /// A relation (index into `Analysis::relations`).
    Relation(usize),
    /// A statement (index into `Analysis::statements`).
    Statement(usize),
    /// A tally (index into `Analysis::tallies`).
    Tally(usize),
}

/// Something a view asks for; applied between frames.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select this item (replacing the selection, or adding to it).
    Select {
        /// The item.
        item: Item,
        /// Add to the selection instead of replacing it (shift/ctrl-click).
        add: bool,
    },
    /// Clear the selection and the filter.
    Clear,
    /// Narrow every view to the selection, or widen again.
    SetFilter(bool),
    /// Show a document in the reader, scrolled to a span.
    Open {
        /// The document.
        doc: DocId,
        /// Where to scroll.
        at: Option<Span>,
        /// In the second (side-by-side) reader.
        second: bool,
    },
    /// Drop one item from the selection (a breadcrumb's ×).
    Remove(Item),
}

/// The current selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected items, in the order they were selected.
    pub items: Vec<Item>,
    /// Whether every view is narrowed to the selection.
    pub filter: bool,
}

/// What the selection lights up in each view, computed once per change.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    /// Which computation this is (0: nothing selected yet); views cache by it.
    pub generation: u64,
    /// Actors.
    pub actors: HashSet<ActorId>,
    /// Incidents.
    pub incidents: HashSet<IncidentId>,
    /// Documents.
    pub docs: BTreeSet<DocId>,
    /// Relations (indices).
    pub relations: HashSet<usize>,
    /// Spans to mark in the reader (sentences and mentions).
    pub spans: Vec<Span>,
    /// Evidence sentences for the details panel, in corpus order, without repeats.
    pub evidence: Vec<Span>,
    /// Days covered by selected time ranges.
    pub time: Option<(i32, i32)>,
}

impl Highlights {
    /// The selected spans in one document (they are sorted by document first).
    pub fn spans_in(&self, doc: DocId) -> &[Span] {
        let lo = self.spans.partition_point(|s| s.doc < doc);
        let hi = self.spans.partition_point(|s| s.doc <= doc);
        &self.spans[lo..hi]
    }

    /// Whether this exact span is selected.
    pub fn has_span(&self, span: &Span) -> bool {
        self.spans.binary_search(span).is_ok()
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.incidents.is_empty()
            && self.docs.is_empty()
            && self.spans.is_empty()
            && self.relations.is_empty()
    }
}

/// Days since 1970-01-01 of a date.
pub fn day_number(d: chrono::NaiveDate) -> i32 {
    (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32
}

/// The date of a day number.
pub fn day_date(n: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(n as i64)
}

/// Computes what a selection lights up.
pub fn highlights(sel: &Selection, a: &Analysis) -> Highlights {
    static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = Highlights {
        generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
        ..Default::default()
    };
    let mut evidence: BTreeSet<Span> = BTreeSet::new();
    let sentence_of = |s: &Span| -> Span {
        a.sentence_at(s.doc, s.start as usize)
            .map(|r| r.span)
            .unwrap_or(*s)
    };
    let add_incident = |h: &mut Highlights, ev: &mut BTreeSet<Span>, id: IncidentId| {
        let inc = &a.incidents[id.index()];
        h.incidents.insert(id);
        for &r in &inc.reports {
            let rep = &a.reports[r];
            ev.insert(rep.span);
            h.docs.insert(rep.span.doc);
            h.spans.push(rep.span);
        }
        h.actors.extend(inc.attacker);
        h.actors.extend(inc.target);
    };
    for item in &sel.items {
        match *item {
            Item::Actor(id) => {
                h.actors.insert(id);
                for m in a.mentions.iter().filter(|m| m.actor == id) {
                    h.spans.push(m.span);
                    h.docs.insert(m.span.doc);
                }
                for (i, r) in a
                    .relations
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.from == id || r.to == id)
                {
                    h.relations.insert(i);
                    evidence.extend(r.evidence.iter().copied());
                }
                for inc in a
                    .incidents
                    .iter()
                    .filter(|i| i.attacker == Some(id) || i.target == Some(id))
                {
                    h.incidents.insert(inc.id);
                    evidence.extend(inc.reports.iter().map(|&r| a.reports[r].span));
                }
                for s in a
                    .statements
                    .iter()
                    .filter(|s| s.speaker == Some(id) || s.about == Some(id))
                {
                    evidence.insert(s.span);
                }
            }
            Item::Incident(id) => add_incident(&mut h, &mut evidence, id),
            Item::Time { start, end } => {
                h.time = Some(match h.time {
                    Some((s, e)) => (s.min(start), e.max(end)),
                    None => (start, end),
                });
                for inc in &a.incidents {
                    if let Some(d) = inc.date {
                        let n = day_number(d);
                        if n >= start && n < end {
                            add_incident(&mut h, &mut evidence, inc.id);
                        }
                    }
                }
            }
            Item::Doc(d) => {
                h.docs.insert(d);
                for m in a.mentions.iter().filter(|m| m.span.doc == d && !m.in_junk) {
                    h.actors.insert(m.actor);
                }
                for r in a.reports.iter().filter(|r| r.span.doc == d) {
                    h.incidents.insert(r.incident);
                }
                for s in a.statements.iter().filter(|s| s.span.doc == d) {
                    evidence.insert(s.span);
                }
            }
            Item::Span(_) | Item::Statement(_) | Item::Tally(_) => {
                let span = match *item {
                    Item::Statement(i) => a.statements[i].span,
                    Item::Tally(i) => a.tallies[i].span,
                    Item::Span(s) => sentence_of(&s),
                    _ => continue,
                };
                h.docs.insert(span.doc);
                h.spans.push(span);
                evidence.insert(span);
                for m in a.mentions.iter().filter(|m| span.contains(&m.span)) {
                    h.actors.insert(m.actor);
                }
                for r in a
                    .reports
                    .iter()
                    .filter(|r| span.contains(&r.span) || r.span.contains(&span))
                {
                    h.incidents.insert(r.incident);
                }
                for (i, r) in a.relations.iter().enumerate() {
                    if r.evidence
                        .iter()
                        .any(|e| span.contains(e) || e.contains(&span))
                    {
                        h.relations.insert(i);
                    }
                }
            }
            Item::Relation(i) => {
                if let Some(r) = a.relations.get(i) {
                    h.relations.insert(i);
                    h.actors.insert(r.from);
                    h.actors.insert(r.to);
                    for e in &r.evidence {
                        evidence.insert(*e);
                        h.docs.insert(e.doc);
                        h.spans.push(*e);
                    }
                }
            }
        }
    }
    h.evidence = evidence.into_iter().collect();
    h.spans.sort();
    h.spans.dedup();
    h
}

/// Applies a selection command (not `Open`, which the app handles).
pub fn apply(sel: &mut Selection, cmd: &Command) {
    match cmd {
        Command::Select { item, add } => {
            if *add {
                if let Some(i) = sel.items.iter().position(|x| x == item) {
                    sel.items.remove(i);
                } else {
                    sel.items.push(*item);
                }
            } else {
                sel.items = vec![*item];
            }
        }
        Command::Clear => {
            sel.items.clear();
            sel.filter = false;
        }
        Command::SetFilter(on) => sel.filter = *on && !sel.items.is_empty(),
        Command::Remove(item) => {
            sel.items.retain(|x| x != item);
            if sel.items.is_empty() {
                sel.filter = false;
            }
        }
        Command::Open { .. } => {}
    }
}
