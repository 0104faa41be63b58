//! The one selection every view reads, and the highlights derived from it.
//!
//! The selection holds [`Item`]s: things the user pointed at, named by keys that survive a
//! reload of the folder (a file and a byte span, an actor's name, a range of days), so that a
//! refresh after the folder changed keeps what was selected. Views point at things by their
//! index in the data on screen, a [`Target`]; the central step (see [`super::commands`])
//! turns a target into an item when it applies a click, and [`highlights`] resolves the items
//! against the data once per change.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::model::{ActorId, DocId, IncidentId, RelationKind, Span, StatementKind};

/// A thing on screen, by its index in the data shown now: what a view reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
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

/// A byte span of a file, by the file's path in the opened folder.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileSpan {
    /// Path relative to the opened folder.
    pub file: Arc<str>,
    /// First byte of the displayed text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// A thing the user selected, by keys that stay valid when the folder is read again.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// A whole document, by its path.
    Doc(Arc<str>),
    /// A sentence (or any span) of a document.
    Span(FileSpan),
    /// An actor, by its canonical name.
    Actor(Arc<str>),
    /// An attack incident, by the span of its first report.
    Incident(FileSpan),
    /// A range of days (days since 1970-01-01, end exclusive).
    Time {
        /// First day.
        start: i32,
        /// One past the last day.
        end: i32,
    },
    /// A relation between two actors (by name).
    Relation {
        /// The actor it goes from.
        from: Arc<str>,
        /// Its kind.
        kind: RelationKind,
        /// The actor it goes to.
        to: Arc<str>,
    },
    /// A statement, by its sentence and kind.
    Statement(FileSpan, StatementKind),
    /// A reported tally, by its sentence.
    Tally(FileSpan),
}

/// The document whose path is `file` (documents are in path order).
pub fn doc_by_path(corpus: &Corpus, file: &str) -> Option<DocId> {
    corpus
        .docs
        .binary_search_by(|d| d.rel_path.as_str().cmp(file))
        .ok()
        .map(|i| corpus.docs[i].id)
}

impl FileSpan {
    fn of(corpus: &Corpus, s: Span) -> FileSpan {
        FileSpan {
            file: corpus.doc(s.doc).rel_path.as_str().into(),
            start: s.start,
            end: s.end,
        }
    }

    fn resolve(&self, corpus: &Corpus) -> Option<Span> {
        let doc = doc_by_path(corpus, &self.file)?;
        let len = corpus.doc(doc).text.len() as u32;
        (self.start <= self.end && self.end <= len).then_some(Span {
            doc,
            start: self.start,
            end: self.end,
        })
    }
}

impl Item {
    /// The item a target on screen stands for.
    pub fn of(t: Target, corpus: &Corpus, a: &Analysis) -> Item {
        let name = |id: ActorId| -> Arc<str> { a.actor(id).name.as_str().into() };
        match t {
            Target::Doc(d) => Item::Doc(corpus.doc(d).rel_path.as_str().into()),
            Target::Span(s) => Item::Span(FileSpan::of(corpus, s)),
            Target::Actor(id) => Item::Actor(name(id)),
            Target::Incident(id) => {
                let first = a.incidents[id.index()].reports[0];
                Item::Incident(FileSpan::of(corpus, a.reports[first].span))
            }
            Target::Time { start, end } => Item::Time { start, end },
            Target::Relation(i) => {
                let r = &a.relations[i];
                Item::Relation {
                    from: name(r.from),
                    kind: r.kind,
                    to: name(r.to),
                }
            }
            Target::Statement(i) => {
                let s = &a.statements[i];
                Item::Statement(FileSpan::of(corpus, s.span), s.kind)
            }
            Target::Tally(i) => Item::Tally(FileSpan::of(corpus, a.tallies[i].span)),
        }
    }

    /// What the item is in this data, if it is still there.
    pub fn resolve(&self, corpus: &Corpus, a: &Analysis) -> Option<Target> {
        Some(match self {
            Item::Doc(file) => Target::Doc(doc_by_path(corpus, file)?),
            Item::Span(fs) => Target::Span(fs.resolve(corpus)?),
            Item::Actor(name) => Target::Actor(a.actor_by_name(name)?),
            Item::Incident(fs) => {
                let span = fs.resolve(corpus)?;
                let r = a.reports.iter().find(|r| r.span == span)?;
                Target::Incident(r.incident)
            }
            Item::Time { start, end } => Target::Time {
                start: *start,
                end: *end,
            },
            Item::Relation { from, kind, to } => {
                let (f, t) = (a.actor_by_name(from)?, a.actor_by_name(to)?);
                Target::Relation(
                    a.relations
                        .iter()
                        .position(|r| r.from == f && r.to == t && r.kind == *kind)?,
                )
            }
            Item::Statement(fs, kind) => {
                let span = fs.resolve(corpus)?;
                let lo = a.statements.partition_point(|s| s.span.doc < span.doc);
                let i = a.statements[lo..]
                    .iter()
                    .take_while(|s| s.span.doc == span.doc)
                    .position(|s| s.span == span && s.kind == *kind)?;
                Target::Statement(lo + i)
            }
            Item::Tally(fs) => {
                let span = fs.resolve(corpus)?;
                let lo = a.tallies.partition_point(|t| t.span.doc < span.doc);
                let i = a.tallies[lo..]
                    .iter()
                    .take_while(|t| t.span.doc == span.doc)
                    .position(|t| t.span == span)?;
                Target::Tally(lo + i)
            }
        })
    }
}

/// The current selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected items, in the order they were selected.
    pub items: Vec<Item>,
    /// Whether every view is narrowed to the selection.
    pub filter: bool,
}

impl Selection {
    /// A click on `item`: it becomes the selection, or with `add` (Shift/Ctrl held) it is
    /// added to it, or taken out if it was in it.
    pub fn click(&mut self, item: Item, add: bool) {
        if add {
            if let Some(i) = self.items.iter().position(|x| *x == item) {
                self.items.remove(i);
            } else {
                self.items.push(item);
            }
        } else {
            self.items = vec![item];
        }
        if self.items.is_empty() {
            self.filter = false;
        }
    }

    /// Drops one item (a breadcrumb's ×).
    pub fn remove(&mut self, item: &Item) {
        self.items.retain(|x| x != item);
        if self.items.is_empty() {
            self.filter = false;
        }
    }

    /// Clears the selection and the filter.
    pub fn clear(&mut self) {
        self.items.clear();
        self.filter = false;
    }

    /// Narrows every view to the selection (when there is one), or widens again.
    pub fn set_filter(&mut self, on: bool) {
        self.filter = on && !self.items.is_empty();
    }

    /// Keeps the items found in this data and drops the others (after a reload); returns how
    /// many were dropped.
    pub fn retain_resolvable(&mut self, corpus: &Corpus, a: &Analysis) -> usize {
        let before = self.items.len();
        self.items.retain(|i| i.resolve(corpus, a).is_some());
        if self.items.is_empty() {
            self.filter = false;
        }
        before - self.items.len()
    }
}

/// What the selection lights up in each view, computed once per change.
#[derive(Clone, Debug, Default)]
pub struct Highlights {
    /// Which computation this is (0: nothing selected yet); views cache by it.
    pub generation: u64,
    /// The selected items as they are in this data (items no longer found are left out).
    pub targets: Vec<Target>,
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

/// Computes what a selection lights up in this data.
pub fn highlights(sel: &Selection, corpus: &Corpus, a: &Analysis) -> Highlights {
    static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = Highlights {
        generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
        targets: sel
            .items
            .iter()
            .filter_map(|i| i.resolve(corpus, a))
            .collect(),
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
    for target in h.targets.clone() {
        match target {
            Target::Actor(id) => {
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
            Target::Incident(id) => add_incident(&mut h, &mut evidence, id),
            Target::Time { start, end } => {
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
            Target::Doc(d) => {
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
            Target::Span(_) | Target::Statement(_) | Target::Tally(_) => {
                let span = match target {
                    Target::Statement(i) => a.statements[i].span,
                    Target::Tally(i) => a.tallies[i].span,
                    Target::Span(s) => sentence_of(&s),
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
            Target::Relation(i) => {
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
