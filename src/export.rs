//! The JSON export (`proxylens extract FOLDER --json OUT.json`, File → Export in the app).
//! The schema is described in the README; every finding carries its file, text and byte span.

use serde::Serialize;

use crate::analysis::{Analysis, AttackReport};
use crate::corpus::Corpus;
use crate::lexicon::Lexicon;
use crate::model::{ActorId, DocId, IncidentId, Span};

#[derive(Serialize)]
struct Doc<'a> {
    file: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    format: crate::corpus::Format,
    encoding: &'a str,
}

#[derive(Serialize)]
struct Actor<'a, D: Serialize> {
    id: u32,
    name: &'a str,
    kind: &'a str,
    known: bool,
    aliases: &'a [String],
    docs: D,
    mentions: u32,
}

#[derive(Serialize)]
struct Evidence<'a> {
    file: &'a str,
    text: &'a str,
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct Statement<'a> {
    file: &'a str,
    kind: &'a str,
    speaker: Option<&'a str>,
    about: Option<&'a str>,
    text: &'a str,
    start: u32,
    end: u32,
    cue: &'a str,
}

#[derive(Serialize)]
struct Tally<'a> {
    file: &'a str,
    value: u64,
    unit: &'a str,
    since: Option<String>,
    as_of: Option<String>,
    region: Option<&'a str>,
    reported_by: Option<&'a str>,
    lower_bound: bool,
    text: &'a str,
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct Attack<'a> {
    file: &'a str,
    incident: u32,
    date: Option<String>,
    place: Option<&'a str>,
    country: Option<&'a str>,
    attacker: Option<&'a str>,
    target: Option<&'a str>,
    weapon: Option<&'a str>,
    killed: Option<u64>,
    injured: Option<u64>,
    text: &'a str,
    start: u32,
    end: u32,
    reports: usize,
}

#[derive(Serialize)]
struct Relation<'a, E: Serialize> {
    from: &'a str,
    to: &'a str,
    kind: &'a str,
    evidence: E,
}

/// A sequence made as it is written: `make` gives its items each time it is serialised, so
/// the export never holds a list of all its items.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// The files of some documents, as a lazy list.
fn files_of<'a>(corpus: &'a Corpus, docs: &'a [DocId]) -> impl Serialize + 'a {
    Lazy(move || docs.iter().map(move |d| corpus.doc(*d).rel_path.as_str()))
}

/// One attack of the export: what all the reports of one incident in one document say
/// together (indexes into [`Analysis::reports`] and the merged values).
#[derive(Clone, Copy)]
struct Merged {
    /// The first report (its sentence is the attack's).
    first: usize,
    date: Option<chrono::NaiveDate>,
    place: Option<crate::model::PlaceId>,
    country: Option<ActorId>,
    attacker: Option<ActorId>,
    target: Option<ActorId>,
    /// The report whose weapon is given.
    weapon: Option<usize>,
    killed: Option<u64>,
    injured: Option<u64>,
}

/// One attack per (document, incident): the first report in the document, with what all of
/// the document's reports of it say (one sentence names the place, a later one who claimed
/// it); what other documents say stays theirs. In the order of the first reports.
///
/// Reports come in document order, so the attacks are made one document at a time as they
/// are written: only one document's attacks and table of incidents are held at once, never a
/// list of all the attacks of the corpus (on 50 MB of short articles that list was the peak
/// of the export).
struct MergedAttacks<'a> {
    reports: &'a [AttackReport],
    /// The first report of the next document.
    pos: usize,
    /// The attacks of the current document, and the next one to give.
    doc: Vec<Merged>,
    next: usize,
    /// The current document's attacks, by incident.
    at: std::collections::HashMap<IncidentId, usize, rustc_hash::FxBuildHasher>,
}

fn merge_attacks(reports: &[AttackReport]) -> MergedAttacks<'_> {
    MergedAttacks {
        reports,
        pos: 0,
        doc: Vec::new(),
        next: 0,
        at: Default::default(),
    }
}

impl MergedAttacks<'_> {
    /// Merges the reports of the document that starts at `self.pos`.
    fn merge_next_document(&mut self) {
        let reports = self.reports;
        let doc: DocId = reports[self.pos].span.doc;
        self.doc.clear();
        self.next = 0;
        self.at.clear();
        while self.pos < reports.len() && reports[self.pos].span.doc == doc {
            let i = self.pos;
            let r = &reports[i];
            self.pos += 1;
            match self.at.get(&r.incident) {
                Some(&k) => {
                    let m = &mut self.doc[k];
                    m.date = m.date.or(r.date);
                    m.place = m.place.or(r.place);
                    m.country = m.country.or(r.country);
                    m.attacker = m.attacker.or(r.attacker);
                    m.target = m.target.or(r.target);
                    if m.weapon.is_none() && r.weapon.is_some() {
                        m.weapon = Some(i);
                    }
                    m.killed = m.killed.or(r.killed);
                    m.injured = m.injured.or(r.injured);
                }
                None => {
                    self.at.insert(r.incident, self.doc.len());
                    self.doc.push(Merged {
                        first: i,
                        date: r.date,
                        place: r.place,
                        country: r.country,
                        attacker: r.attacker,
                        target: r.target,
                        weapon: r.weapon.is_some().then_some(i),
                        killed: r.killed,
                        injured: r.injured,
                    });
                }
            }
        }
    }
}

impl Iterator for MergedAttacks<'_> {
    type Item = Merged;

    fn next(&mut self) -> Option<Merged> {
        while self.next >= self.doc.len() {
            if self.pos >= self.reports.len() {
                return None;
            }
            self.merge_next_document();
        }
        self.next += 1;
        Some(self.doc[self.next - 1])
    }
}

/// Writes the export of `corpus`, `lex` and `a` as pretty JSON to `w`, item by item: only
/// the places the attacks name are gathered first.
fn serialize_to(
    w: &mut dyn std::io::Write,
    corpus: &Corpus,
    lex: &Lexicon,
    a: &Analysis,
) -> serde_json::Result<()> {
    use serde::ser::SerializeStruct;
    let file = |s: &Span| corpus.doc(s.doc).rel_path.as_str();
    let text = |s: &Span| &corpus.doc(s.doc).text[s.range()];
    let name = |id: ActorId| a.actor(id).name.as_str();
    // The places the attacks name, listed after the actors (kind "place", in no document's
    // actors) with the gazetteer's other spellings, so that a reader of the export can tell
    // "Rumeilan" and "Rmelan" are the one place.
    let mut places: Vec<crate::model::PlaceId> =
        merge_attacks(&a.reports).filter_map(|m| m.place).collect();
    places.sort_unstable();
    places.dedup();
    let attacks = Lazy(|| {
        merge_attacks(&a.reports).map(|m| {
            let r = &a.reports[m.first];
            let inc = &a.incidents[r.incident.index()];
            Attack {
                file: file(&r.span),
                incident: r.incident.0,
                date: m.date.map(|d| d.to_string()),
                place: m.place.map(|p| lex.place(p).name.as_str()),
                country: m.country.map(name),
                attacker: m.attacker.map(name),
                target: m.target.map(name),
                weapon: m.weapon.and_then(|k| a.reports[k].weapon.as_deref()),
                killed: m.killed,
                injured: m.injured,
                text: text(&r.span),
                start: r.span.start,
                end: r.span.end,
                reports: inc.reports.len(),
            }
        })
    });
    let documents = Lazy(|| {
        corpus.docs.iter().map(|d| Doc {
            file: &d.rel_path,
            title: &d.title,
            date: d.date.map(|x| x.to_string()),
            source: d.source.as_deref(),
            format: d.format,
            encoding: d.encoding,
        })
    });
    let lexicon_issues = Lazy(|| lex.issues.iter().map(|i| i.to_string()));
    let actors = Lazy(|| {
        let known = a
            .actors
            .iter()
            .enumerate()
            .filter(|(_, x)| !x.docs.is_empty())
            .map(|(i, x)| Actor {
                id: i as u32,
                name: &x.name,
                kind: x.kind.as_str(),
                known: x.known,
                aliases: &x.aliases,
                docs: files_of(corpus, &x.docs),
                mentions: x.mention_count,
            });
        let places = places.iter().map(|&p| {
            let pl = lex.place(p);
            Actor {
                id: (a.actors.len() + p.index()) as u32,
                name: &pl.name,
                kind: "place",
                known: true,
                aliases: &pl.aliases,
                docs: files_of(corpus, &[]),
                mentions: 0,
            }
        });
        known.chain(places)
    });
    let statements = Lazy(|| {
        a.statements.iter().map(|s| Statement {
            file: file(&s.span),
            kind: s.kind.as_str(),
            speaker: s.speaker.map(name),
            about: s.about.map(name),
            text: text(&s.span),
            start: s.span.start,
            end: s.span.end,
            cue: text(&s.cue),
        })
    });
    let tallies = Lazy(|| {
        a.tallies.iter().map(|t| Tally {
            file: file(&t.span),
            value: t.value,
            unit: &t.unit,
            since: t.since.map(|d| d.to_string()),
            as_of: t.as_of.map(|d| d.to_string()),
            region: t.region.as_deref(),
            reported_by: t.reported_by.map(name),
            lower_bound: t.lower_bound,
            text: text(&t.span),
            start: t.span.start,
            end: t.span.end,
        })
    });
    let relations = Lazy(|| {
        a.relations.iter().map(|r| Relation {
            from: name(r.from),
            to: name(r.to),
            kind: r.kind.as_str(),
            evidence: Lazy(move || {
                r.evidence.iter().map(move |s| Evidence {
                    file: file(s),
                    text: text(s),
                    start: s.start,
                    end: s.end,
                })
            }),
        })
    });
    let mut ser = serde_json::Serializer::pretty(w);
    let mut st = serde::Serializer::serialize_struct(&mut ser, "Export", 9)?;
    st.serialize_field(
        "generator",
        concat!("proxylens ", env!("CARGO_PKG_VERSION")),
    )?;
    st.serialize_field("documents", &documents)?;
    st.serialize_field("failed", &corpus.failed)?;
    st.serialize_field("lexicon_issues", &lexicon_issues)?;
    st.serialize_field("actors", &actors)?;
    st.serialize_field("statements", &statements)?;
    st.serialize_field("tallies", &tallies)?;
    st.serialize_field("attacks", &attacks)?;
    st.serialize_field("relations", &relations)?;
    st.end()
}

/// Builds the export as a JSON value.
pub fn to_json(corpus: &Corpus, lex: &Lexicon, a: &Analysis) -> serde_json::Value {
    let mut out = Vec::new();
    serialize_to(&mut out, corpus, lex, a).expect("export serialises");
    serde_json::from_slice(&out).expect("export parses")
}

/// Writes the export to `path` atomically (temporary file, then rename).
pub fn write(
    path: &std::path::Path,
    corpus: &Corpus,
    lex: &Lexicon,
    a: &Analysis,
) -> std::io::Result<()> {
    // Streamed: a large corpus never has its whole export, nor a list of its findings as the
    // export writes them, in memory.
    crate::util::write_atomic_with(path, |w| {
        serialize_to(w, corpus, lex, a).map_err(std::io::Error::other)
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyse;
    use crate::corpus::Corpus;
    use crate::lexicon::Lexicon;

    #[test]
    fn the_places_of_attacks_are_listed_with_their_spellings_and_no_documents() {
        let lex = Lexicon::bundled();
        let text = "date 2024-02-06\nFive rockets struck the Rmelan base in Syria on Sunday.";
        let c = Corpus::from_memory(&[("a.txt", text.as_bytes())], &lex);
        let a = analyse(&c, &lex);
        let v = super::to_json(&c, &lex, &a);
        let attack_place = v["attacks"][0]["place"]
            .as_str()
            .expect("a place")
            .to_string();
        let entry = v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == attack_place.as_str())
            .expect("the place is listed");
        assert_eq!(entry["kind"], "place");
        assert!(entry["docs"].as_array().unwrap().is_empty());
        let aliases: Vec<&str> = entry["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str())
            .collect();
        assert!(aliases.contains(&"Rmelan"), "{aliases:?}");
    }
}
