//! The reader: an article as written, with its claims, accusations, denials, attacks,
//! tallies and actor mentions highlighted and page junk dimmed; two side by side on demand.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Sense, Stroke, Ui};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::lexicon::Lexicon;
use proxylens::model::{DocId, Span, StatementKind};

use super::commands::Command;
use super::loader::Loaded;
use super::palette;
use super::selection::{Highlights, Target};
use super::widgets::chip;

/// State of the readers.
#[derive(Default)]
pub struct ReaderState {
    /// The documents shown in the reader(s).
    pub open: [Option<DocId>; 2],
    /// Scroll target per reader, taken when the reader scrolls there.
    pub scroll_to: [Option<Span>; 2],
    /// The finding each reader was last sent to (where "next finding" goes on from).
    pub position: [Option<Span>; 2],
    /// The text as laid out last frame in each reader (screen rect, galley), for tests.
    pub galleys: [Option<(egui::Rect, std::sync::Arc<egui::Galley>)>; 2],
}
/// A finding in the reader, for highlights, hover and next/previous.
#[derive(Clone, Debug)]
struct Mark {
    span: Span,
    kind: MarkKind,
    tip: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum MarkKind {
    Statement(StatementKind),
    Incident,
    Tally,
}

fn marks(corpus: &Corpus, lex: &Lexicon, a: &Analysis, doc: DocId) -> Vec<Mark> {
    let name = |id: Option<proxylens::model::ActorId>| {
        id.map(|i| a.actor(i).name.clone())
            .unwrap_or_else(|| "—".into())
    };
    let mut v = Vec::new();
    // Findings are stored in document order: slice out this document's.
    let of_doc = |lo: usize, hi: usize| lo..hi;
    let st_range = of_doc(
        a.statements.partition_point(|s| s.span.doc < doc),
        a.statements.partition_point(|s| s.span.doc <= doc),
    );
    let rp_range = of_doc(
        a.reports.partition_point(|s| s.span.doc < doc),
        a.reports.partition_point(|s| s.span.doc <= doc),
    );
    let tl_range = of_doc(
        a.tallies.partition_point(|s| s.span.doc < doc),
        a.tallies.partition_point(|s| s.span.doc <= doc),
    );
    for s in a.statements[st_range].iter() {
        v.push(Mark {
            span: s.span,
            kind: MarkKind::Statement(s.kind),
            tip: format!(
                "{}: speaker {}, about {}\ncue: “{}”",
                s.kind.as_str(),
                name(s.speaker),
                name(s.about),
                &corpus.doc(doc).text[s.cue.range()]
            ),
        });
    }
    for r in a.reports[rp_range].iter() {
        let place = r
            .place
            .map(|p| lex.place(p).name.clone())
            .unwrap_or_else(|| "—".into());
        let inc = &a.incidents[r.incident.index()];
        v.push(Mark {
            span: r.span,
            kind: MarkKind::Incident,
            tip: format!(
                "attack: {} · {} ({})\nattacker {} -> target {} · weapon {}\nkilled {} · injured {} · reported by {} article(s)",
                r.date.map(|d| d.to_string()).unwrap_or_else(|| "date unknown".into()),
                place,
                name(r.country),
                name(r.attacker),
                name(r.target),
                r.weapon.as_deref().unwrap_or("—"),
                r.killed.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
                r.injured.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
                inc.reports.len()
            ),
        });
    }
    for t in a.tallies[tl_range].iter() {
        v.push(Mark {
            span: t.span,
            kind: MarkKind::Tally,
            tip: format!(
                "tally: {} {} · since {} · region {} · reported by {}",
                t.value,
                t.unit,
                t.since.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                t.region.as_deref().unwrap_or("—"),
                name(t.reported_by)
            ),
        });
    }
    v.sort_by_key(|m| (m.span.start, m.span.end));
    v
}

/// Draws the reader(s): two when `side_by_side`.
pub fn reader_ui(
    ui: &mut Ui,
    st: &mut ReaderState,
    side_by_side: bool,
    data: &Loaded,
    hl: &Highlights,
    cmds: &mut Vec<Command>,
) {
    let (corpus, lex, a) = (&data.corpus, &data.lexicon, &data.analysis);
    ui.horizontal_wrapped(|ui| {
        ui.strong("Reader");
        let mut two = side_by_side;
        if ui
            .checkbox(&mut two, "Side by side")
            .on_hover_text("Alt-click a document to open it on the right")
            .changed()
        {
            cmds.push(Command::SetSideBySide(two));
        }
        ui.separator();
        for (label, col) in [
            ("claim", palette::CLAIM),
            ("accusation", palette::ACCUSATION),
            ("denial", palette::DENIAL),
        ] {
            chip(ui, label, col, true);
        }
        chip(ui, "attack", palette::INCIDENT, false);
        chip(ui, "tally", palette::TALLY, false);
        chip(
            ui,
            "actor",
            palette::kind(proxylens::model::ActorKind::State),
            false,
        );
        chip(ui, "selected", palette::SELECTED, true);
        ui.label(RichText::new("page junk").weak().italics());
    });
    ui.separator();
    let n = if side_by_side { 2 } else { 1 };
    ui.columns(n, |cols| {
        for (i, col) in cols.iter_mut().enumerate() {
            one_reader(col, st, i, corpus, lex, a, hl, cmds);
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn one_reader(
    ui: &mut Ui,
    st: &mut ReaderState,
    which: usize,
    corpus: &Corpus,
    lex: &Lexicon,
    a: &Analysis,
    hl: &Highlights,
    cmds: &mut Vec<Command>,
) {
    let Some(doc_id) = st.open[which].filter(|d| d.index() < corpus.docs.len()) else {
        ui.weak(if which == 0 {
            "Pick a document on the left."
        } else {
            "Alt-click a document to read it here."
        });
        return;
    };
    let d = corpus.doc(doc_id);
    let ms = marks(corpus, lex, a, doc_id);
    ui.add(
        egui::Label::new(
            RichText::new(super::shorten(&d.title, 120))
                .size(15.0)
                .strong(),
        )
        .wrap(),
    );
    ui.label(
        RichText::new(format!(
            "{} · {}",
            d.source.as_deref().unwrap_or("outlet unknown"),
            d.date
                .map(|x| x.to_string())
                .unwrap_or_else(|| "undated".into())
        ))
        .weak(),
    );
    ui.add(
        egui::Label::new(
            RichText::new(format!("{} · {}", d.rel_path, d.encoding))
                .weak()
                .small(),
        )
        .truncate(),
    );
    ui.horizontal_wrapped(|ui| {
        // Next / previous finding.
        let cur = st.position[which]
            .filter(|s| s.doc == doc_id)
            .map_or(0, |s| s.start);
        let go = |m: &Mark, cmds: &mut Vec<Command>| {
            cmds.push(Command::OpenDoc {
                doc: doc_id,
                at: Some(m.span),
                second: which == 1,
            });
            cmds.push(Command::Select(Target::Span(m.span)));
        };
        if ui.small_button("< previous finding").clicked()
            && let Some(m) = ms.iter().rev().find(|m| m.span.start < cur).or(ms.last())
        {
            go(m, cmds);
        }
        if ui.small_button("next finding >").clicked()
            && let Some(m) = ms.iter().find(|m| m.span.start > cur).or(ms.first())
        {
            go(m, cmds);
        }
        ui.weak(format!("{} finding(s)", ms.len()));
    });
    ui.separator();
    // Build the highlighted text.
    let text = &d.text;
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for j in &d.junk {
        cuts.extend([j.start, j.end]);
    }
    for m in &ms {
        cuts.extend([m.span.start as usize, m.span.end as usize]);
    }
    let doc_mentions: Vec<&proxylens::analysis::Mention> = {
        let lo = a.mentions.partition_point(|m| m.span.doc < doc_id);
        let hi = a.mentions.partition_point(|m| m.span.doc <= doc_id);
        a.mentions[lo..hi].iter().collect()
    };
    for m in &doc_mentions {
        cuts.extend([m.span.start as usize, m.span.end as usize]);
    }
    let sel_spans: &[Span] = hl.spans_in(doc_id);
    for s in sel_spans {
        cuts.extend([s.start as usize, s.end as usize]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let font = FontId::proportional(14.0);
    let base = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color().gamma_multiply(0.7);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width() - 12.0;
    let mut mi = 0usize;
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let mut fmt = TextFormat {
            font_id: font.clone(),
            color: base,
            ..Default::default()
        };
        if d.junk_at(s).is_some() {
            fmt.color = weak;
            fmt.italics = true;
        }
        for m in ms
            .iter()
            .filter(|m| (m.span.start as usize) <= s && e <= m.span.end as usize)
        {
            match m.kind {
                MarkKind::Statement(k) => {
                    fmt.background = palette::statement(k).gamma_multiply(0.35)
                }
                MarkKind::Incident => fmt.underline = Stroke::new(2.0, palette::INCIDENT),
                MarkKind::Tally => fmt.underline = Stroke::new(2.0, palette::TALLY),
            }
        }
        while mi < doc_mentions.len() && (doc_mentions[mi].span.end as usize) <= s {
            mi += 1;
        }
        if let Some(m) = doc_mentions
            .get(mi)
            .filter(|m| (m.span.start as usize) <= s && e <= m.span.end as usize)
            && d.junk_at(s).is_none()
        {
            fmt.color = palette::kind(a.actor(m.actor).kind);
            if hl.actors.contains(&m.actor) && !hl.is_empty() {
                fmt.background = palette::SELECTED.gamma_multiply(0.55);
                fmt.color = Color32::BLACK;
            }
        }
        if sel_spans
            .iter()
            .any(|x| (x.start as usize) <= s && e <= x.end as usize)
            && fmt.background == Color32::TRANSPARENT
        {
            fmt.background = palette::SELECTED.gamma_multiply(0.25);
        }
        job.append(&text[s..e], 0.0, fmt);
    }
    let scroll_target = st.scroll_to[which].take().filter(|s| s.doc == doc_id);
    egui::ScrollArea::vertical()
        .id_salt(("reader", which))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let galley = ui.fonts_mut(|f| f.layout_job(job));
            let (rect, resp) = ui.allocate_exact_size(galley.size(), Sense::click());
            ui.painter().galley(rect.min, galley.clone(), base);
            st.galleys[which] = Some((rect, galley.clone()));
            let byte_at = |pos: egui::Pos2| -> usize {
                let c = galley.cursor_from_pos(pos - rect.min);
                text.char_indices()
                    .nth(c.index.0)
                    .map(|(b, _)| b)
                    .unwrap_or(text.len())
            };
            if let Some(span) = scroll_target {
                let ci = text[..span.start as usize].chars().count();
                let r = galley
                    .pos_from_cursor(CCursor::new(ci))
                    .translate(rect.min.to_vec2());
                ui.scroll_to_rect_animation(
                    r.expand(40.0),
                    Some(egui::Align::Center),
                    egui::style::ScrollAnimation::none(),
                );
            }
            if let Some(p) = resp.hover_pos() {
                let b = byte_at(p);
                let here: Vec<&Mark> = ms
                    .iter()
                    .filter(|m| (m.span.start as usize) <= b && b < m.span.end as usize)
                    .collect();
                let mention = doc_mentions
                    .iter()
                    .find(|m| (m.span.start as usize) <= b && b < m.span.end as usize);
                let junk = d.junk_at(b);
                if !here.is_empty() || mention.is_some() || junk.is_some() {
                    resp.clone().on_hover_ui_at_pointer(|ui| {
                        if let Some(m) = mention {
                            let x = a.actor(m.actor);
                            ui.strong(format!("{} ({})", x.name, x.kind.label()));
                        }
                        for m in &here {
                            ui.label(&m.tip);
                        }
                        if let Some(j) = junk {
                            ui.weak(format!("page junk ({}): not analysed", j.kind.label()));
                        }
                    });
                }
            }
            if resp.clicked()
                && let Some(p) = resp.interact_pointer_pos()
            {
                let b = byte_at(p);
                if let Some(m) = doc_mentions
                    .iter()
                    .find(|m| (m.span.start as usize) <= b && b < m.span.end as usize && !m.in_junk)
                {
                    cmds.push(Command::Select(Target::Actor(m.actor)));
                } else if let Some(s) = a.sentence_at(doc_id, b) {
                    cmds.push(Command::Select(Target::Span(s.span)));
                }
            }
        });
}
