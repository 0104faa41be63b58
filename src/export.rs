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
struct Actor<'a> {
    id: u32,
    name: &'a str,
    kind: &'a str,
    known: bool,
    aliases: &'a [String],
    docs: Vec<&'a str>,
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
    weapon: Option<String>,
    killed: Option<u64>,
    injured: Option<u64>,
    text: &'a str,
    start: u32,
    end: u32,
    reports: usize,
}

#[derive(Serialize)]
struct Relation<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'a str,
    evidence: Vec<Evidence<'a>>,
}

#[derive(Serialize)]
struct Export<'a> {
    generator: &'static str,
    documents: Vec<Doc<'a>>,
    failed: &'a [crate::corpus::Failed],
    lexicon_issues: Vec<String>,
    actors: Vec<Actor<'a>>,
    statements: Vec<Statement<'a>>,
    tallies: Vec<Tally<'a>>,
    attacks: Vec<Attack<'a>>,
    relations: Vec<Relation<'a>>,
}

/// Builds the export as a JSON value.
pub fn to_json(corpus: &Corpus, lex: &Lexicon, a: &Analysis) -> serde_json::Value {
    serde_json::to_value(build(corpus, lex, a)).expect("export serialises")
}

/// The export, borrowing from the corpus and the analysis.
fn build<'a>(corpus: &'a Corpus, lex: &'a Lexicon, a: &'a Analysis) -> Export<'a> {
    let file = |s: &Span| corpus.doc(s.doc).rel_path.as_str();
    let text = |s: &Span| &corpus.doc(s.doc).text[s.range()];
    let name = |id: ActorId| a.actor(id).name.as_str();
    // One attack per (document, incident): the first report in the document, with what all
    // of the document's reports of it say (one sentence names the place, a later one who
    // claimed it); what other documents say stays theirs.
    let mut merged: std::collections::HashMap<(DocId, IncidentId), AttackReport> =
        std::collections::HashMap::new();
    let mut order: Vec<(DocId, IncidentId)> = Vec::new();
    for r in &a.reports {
        let key = (r.span.doc, r.incident);
        match merged.get_mut(&key) {
            Some(m) => {
                m.date = m.date.or(r.date);
                m.place = m.place.or(r.place);
                m.country = m.country.or(r.country);
                m.attacker = m.attacker.or(r.attacker);
                m.target = m.target.or(r.target);
                if m.weapon.is_none() {
                    m.weapon = r.weapon.clone();
                }
                m.killed = m.killed.or(r.killed);
                m.injured = m.injured.or(r.injured);
            }
            None => {
                merged.insert(key, r.clone());
                order.push(key);
            }
        }
    }
    // The places the attacks name, listed after the actors (kind "place", in no document's
    // actors) with the gazetteer's other spellings, so that a reader of the export can tell
    // "Rumeilan" and "Rmelan" are the one place.
    let mut places: Vec<crate::model::PlaceId> =
        order.iter().filter_map(|k| merged[k].place).collect();
    places.sort_unstable();
    places.dedup();
    let attacks = order
        .iter()
        .map(|key| {
            let r = &merged[key];
            let inc = &a.incidents[r.incident.index()];
            Attack {
                file: file(&r.span),
                incident: r.incident.0,
                date: r.date.map(|d| d.to_string()),
                place: r.place.map(|p| lex.place(p).name.as_str()),
                country: r.country.map(name),
                attacker: r.attacker.map(name),
                target: r.target.map(name),
                weapon: r.weapon.clone(),
                killed: r.killed,
                injured: r.injured,
                text: text(&r.span),
                start: r.span.start,
                end: r.span.end,
                reports: inc.reports.len(),
            }
        })
        .collect();
    Export {
        generator: concat!("proxylens ", env!("CARGO_PKG_VERSION")),
        documents: corpus
            .docs
            .iter()
            .map(|d| Doc {
                file: &d.rel_path,
                title: &d.title,
                date: d.date.map(|x| x.to_string()),
                source: d.source.as_deref(),
                format: d.format,
                encoding: d.encoding,
            })
            .collect(),
        failed: &corpus.failed,
        lexicon_issues: lex.issues.iter().map(|i| i.to_string()).collect(),
        actors: a
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
                docs: x
                    .docs
                    .iter()
                    .map(|d| corpus.doc(*d).rel_path.as_str())
                    .collect(),
                mentions: x.mention_count,
            })
            .chain(places.iter().map(|&p| {
                let pl = lex.place(p);
                Actor {
                    id: (a.actors.len() + p.index()) as u32,
                    name: &pl.name,
                    kind: "place",
                    known: true,
                    aliases: &pl.aliases,
                    docs: Vec::new(),
                    mentions: 0,
                }
            }))
            .collect(),
        statements: a
            .statements
            .iter()
            .map(|s| Statement {
                file: file(&s.span),
                kind: s.kind.as_str(),
                speaker: s.speaker.map(name),
                about: s.about.map(name),
                text: text(&s.span),
                start: s.span.start,
                end: s.span.end,
                cue: text(&s.cue),
            })
            .collect(),
        tallies: a
            .tallies
            .iter()
            .map(|t| Tally {
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
            .collect(),
        attacks,
        relations: a
            .relations
            .iter()
            .map(|r| Relation {
                from: name(r.from),
                to: name(r.to),
                kind: r.kind.as_str(),
                evidence: r
                    .evidence
                    .iter()
                    .map(|s| Evidence {
                        file: file(s),
                        text: text(s),
                        start: s.start,
                        end: s.end,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Writes the export to `path` atomically (temporary file, then rename).
pub fn write(
    path: &std::path::Path,
    corpus: &Corpus,
    lex: &Lexicon,
    a: &Analysis,
) -> std::io::Result<()> {
    // Streamed: a large corpus never has its whole export in memory.
    let e = build(corpus, lex, a);
    crate::util::write_atomic_with(path, |w| {
        serde_json::to_writer_pretty(w, &e).map_err(std::io::Error::other)
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
