//! The details panel: what is selected, and the sentences that are its evidence, each with a
//! link that opens it in the reader.

use egui::{RichText, Ui};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::lexicon::Lexicon;

use super::commands::Command;
use super::loader::Loaded;
use super::palette;
use super::selection::{Highlights, Selection, Target, day_date};

/// Evidence sentences laid out at a time.
const EVIDENCE_PAGE: usize = 60;

/// A one-line description of a selected thing (breadcrumbs, headings).
pub fn describe(item: Target, corpus: &Corpus, lex: &Lexicon, a: &Analysis) -> String {
    match item {
        Target::Doc(d) => format!("doc: {}", super::shorten(&corpus.doc(d).title, 40)),
        Target::Span(s) => format!(
            "sentence: {}",
            super::shorten(&corpus.doc(s.doc).text[s.range()], 40)
        ),
        Target::Actor(id) => format!("actor: {}", a.actor(id).name),
        Target::Incident(id) => {
            let inc = &a.incidents[id.index()];
            let place = inc
                .place
                .map(|p| lex.place(p).name.clone())
                .or_else(|| inc.country.map(|c| a.actor(c).name.clone()))
                .unwrap_or_else(|| "place unknown".into());
            format!(
                "attack: {} {}",
                inc.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into()),
                place
            )
        }
        Target::Time { start, end } => format!("time: {} – {}", day_date(start), day_date(end - 1)),
        Target::Relation(i) => {
            let r = &a.relations[i];
            format!(
                "relation: {} {} {}",
                a.actor(r.from).name,
                r.kind.label(),
                a.actor(r.to).name
            )
        }
        Target::Statement(i) => {
            let s = &a.statements[i];
            format!(
                "{} by {}",
                s.kind.as_str(),
                s.speaker
                    .map(|x| a.actor(x).name.clone())
                    .unwrap_or_else(|| "unnamed".into())
            )
        }
        Target::Tally(i) => format!("tally: {} {}", a.tallies[i].value, a.tallies[i].unit),
    }
}

/// Draws the details panel.
pub fn details_ui(
    ui: &mut Ui,
    sel: &Selection,
    hl: &Highlights,
    data: &Loaded,
    cmds: &mut Vec<Command>,
) {
    ui.strong("Details");
    // One scroll area for all of it: a long heading or list never pushes the rest out of
    // the panel.
    egui::ScrollArea::vertical()
        .id_salt("details")
        .auto_shrink([false, false])
        .show(ui, |ui| details_body(ui, sel, hl, data, cmds));
}

fn details_body(
    ui: &mut Ui,
    sel: &Selection,
    hl: &Highlights,
    data: &Loaded,
    cmds: &mut Vec<Command>,
) {
    let (corpus, lex, a) = (&data.corpus, &data.lexicon, &data.analysis);
    if sel.items.is_empty() {
        ui.weak("Click a bar, an actor, an edge or a sentence: its evidence appears here.");
        ui.add_space(8.0);
        ui.label(format!(
            "{} documents · {} actors · {} statements · {} tallies · {} attacks ({} reports) · {} relations",
            corpus.docs.len(),
            a.actors.iter().filter(|x| !x.docs.is_empty()).count(),
            a.statements.len(),
            a.tallies.len(),
            a.incidents.len(),
            a.reports.len(),
            a.relations.len()
        ));
        return;
    }
    if hl.targets.len() < sel.items.len() {
        ui.weak(format!(
            "{} selected item(s) are not in the folder any more",
            sel.items.len() - hl.targets.len()
        ));
    }
    for &item in &hl.targets {
        ui.label(RichText::new(describe(item, corpus, lex, a)).strong());
        if let Target::Actor(id) = item {
            let x = a.actor(id);
            ui.label(format!(
                "{} · {} mention(s) in {} document(s){}",
                x.kind.label(),
                x.mention_count,
                x.docs.len(),
                if x.known {
                    ""
                } else {
                    " · guessed, not in the lexicon"
                }
            ));
            if !x.aliases.is_empty() {
                ui.weak(format!(
                    "also: {}",
                    super::shorten(&x.aliases.join(", "), 160)
                ));
            }
        }
    }
    ui.label(format!(
        "{} attack(s) · {} actor(s) · {} relation(s) · {} document(s)",
        hl.incidents.len(),
        hl.actors.len(),
        hl.relations.len(),
        hl.docs.len()
    ));
    // Incidents listed (with undated ones).
    if !hl.incidents.is_empty() {
        // A few are listed open; many start folded.
        egui::CollapsingHeader::new(format!("Attacks ({})", hl.incidents.len()))
            .id_salt("details-attacks")
            .default_open(hl.incidents.len() <= 5)
            .show(ui, |ui| {
                let mut ids: Vec<_> = hl.incidents.iter().copied().collect();
                ids.sort_by_key(|i| (a.incidents[i.index()].date, i.0));
                for id in ids.into_iter().take(200) {
                    let label = describe(Target::Incident(id), corpus, lex, a);
                    let inc = &a.incidents[id.index()];
                    let who = format!(
                        "{} -> {}",
                        inc.attacker
                            .map(|x| a.actor(x).name.clone())
                            .unwrap_or_else(|| "?".into()),
                        inc.target
                            .map(|x| a.actor(x).name.clone())
                            .unwrap_or_else(|| "?".into())
                    );
                    if ui
                        .link(format!("{label} · {who} · {} report(s)", inc.reports.len()))
                        .clicked()
                    {
                        let r = &a.reports[inc.reports[0]];
                        cmds.push(Command::Select(Target::Incident(id)));
                        cmds.push(Command::OpenDoc {
                            doc: r.span.doc,
                            at: Some(r.span),
                            second: false,
                        });
                    }
                }
            });
    }
    ui.separator();
    ui.label(RichText::new(format!("Evidence ({} sentence(s))", hl.evidence.len())).strong());
    ui.vertical(|ui| {
        // Laid out a page at a time: thousands of sentences would stall the frame.
        let shown_id = ui.make_persistent_id(("evidence-shown", hl.generation));
        let shown = ui
            .data(|d| d.get_temp::<usize>(shown_id))
            .unwrap_or(EVIDENCE_PAGE);
        for span in hl.evidence.iter().take(shown) {
            let d = corpus.doc(span.doc);
            let text = &d.text[span.range()];
            let kinds: Vec<&proxylens::analysis::Statement> = a
                .statements_in(span.doc)
                .iter()
                .filter(|s| s.span == *span)
                .collect();
            ui.horizontal_wrapped(|ui| {
                for s in &kinds {
                    ui.label(
                        RichText::new(format!(" {} ", s.kind.as_str()))
                            .small()
                            .background_color(palette::statement(s.kind).gamma_multiply(0.45)),
                    );
                }
                if ui
                    .link(RichText::new(super::shorten(&d.title, 50)).small())
                    .on_hover_text(&d.rel_path)
                    .clicked()
                {
                    cmds.push(Command::OpenDoc {
                        doc: span.doc,
                        at: Some(*span),
                        second: false,
                    });
                }
            });
            let resp =
                ui.add(egui::Label::new(super::shorten(text, 400)).sense(egui::Sense::click()));
            if resp.on_hover_text("Click to open in the reader").clicked() {
                cmds.push(Command::OpenDoc {
                    doc: span.doc,
                    at: Some(*span),
                    second: false,
                });
            }
            ui.add_space(6.0);
        }
        if hl.evidence.len() > shown {
            let more = (hl.evidence.len() - shown).min(EVIDENCE_PAGE);
            if ui
                .button(format!(
                    "Show {more} more ({} not shown)",
                    hl.evidence.len() - shown
                ))
                .clicked()
            {
                ui.data_mut(|d| d.insert_temp(shown_id, shown + more));
            }
        }
    });
}
