//! Source panels: the document list (sortable, virtualised, with a corpus-wide search) and
//! the reader, which shows an article as written with its findings highlighted.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Sense, Stroke, Ui};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::lexicon::Lexicon;
use proxylens::model::{DocId, Span, StatementKind};

use super::palette;
use super::selection::{Command, Highlights, Item};

/// Sort order of the document list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortBy {
    /// File path.
    File,
    /// Title.
    Title,
    /// Outlet.
    Outlet,
    /// Publication date.
    Date,
    /// Number of statements.
    Statements,
    /// Number of attack reports.
    Incidents,
}

/// Per-document counts, computed once per load.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocStats {
    /// Statements.
    pub statements: usize,
    /// Attack reports.
    pub incidents: usize,
    /// Tallies.
    pub tallies: usize,
}

/// Computes per-document counts.
pub fn doc_stats(corpus: &Corpus, a: &Analysis) -> Vec<DocStats> {
    let mut v = vec![DocStats::default(); corpus.docs.len()];
    for s in &a.statements {
        v[s.span.doc.index()].statements += 1;
    }
    for r in &a.reports {
        v[r.span.doc.index()].incidents += 1;
    }
    for t in &a.tallies {
        v[t.span.doc.index()].tallies += 1;
    }
    v
}

/// What the list order depends on: sort, number of documents, filter on.
type OrderKey = (Option<(SortBy, bool)>, usize, bool);

/// State of the list and the readers.
#[derive(Default)]
pub struct ReaderState {
    /// Sort key and direction (true = ascending).
    pub sort: Option<(SortBy, bool)>,
    /// Search text.
    pub search: String,
    /// Search hits (doc, byte offset), recomputed when the text changes.
    pub hits: Vec<(DocId, usize)>,
    searched: String,
    /// The documents shown in the reader(s).
    pub open: [Option<DocId>; 2],
    /// Scroll target per reader.
    pub scroll_to: [Option<Span>; 2],
    /// Two readers side by side.
    pub side_by_side: bool,
    /// The text as laid out last frame in each reader (screen rect, galley), for tests.
    pub galleys: [Option<(egui::Rect, std::sync::Arc<egui::Galley>)>; 2],
    /// Order of the list (indices into docs), recomputed when the sort changes.
    order: Vec<DocId>,
    order_key: Option<OrderKey>,
}

/// Draws the document list; pushes commands.
#[allow(clippy::too_many_arguments)]
pub fn doc_list_ui(
    ui: &mut Ui,
    st: &mut ReaderState,
    corpus: &Corpus,
    _a: &Analysis,
    stats: &[DocStats],
    hl: &Highlights,
    filter: bool,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong(format!("Documents ({})", corpus.docs.len()));
    });
    ui.add(
        egui::TextEdit::singleline(&mut st.search)
            .hint_text("Search all articles…")
            .desired_width(f32::INFINITY),
    );
    if st.search != st.searched {
        st.searched = st.search.clone();
        st.hits = search(corpus, &st.search, 2000);
    }
    if st.search.trim().len() >= 2 {
        ui.label(format!(
            "{} match(es){}",
            st.hits.len(),
            if st.hits.len() >= 2000 {
                " (first 2000)"
            } else {
                ""
            }
        ));
        let h = (ui.available_height() * 0.45).max(80.0);
        egui::ScrollArea::vertical()
            .id_salt("hits")
            .max_height(h)
            .show_rows(ui, 34.0, st.hits.len(), |ui, range| {
                for &(doc, pos) in &st.hits[range] {
                    let d = corpus.doc(doc);
                    let snippet = snippet(&d.text, pos, st.search.len(), 70);
                    let resp = ui.add(
                        egui::Button::new(
                            RichText::new(format!("{}\n{}", super::shorten(&d.title, 60), snippet))
                                .small(),
                        )
                        .frame(false),
                    );
                    if resp.clicked() {
                        let end = (pos + st.search.len()).min(d.text.len());
                        let span = Span::new(doc, pos, end);
                        cmds.push(Command::Open {
                            doc,
                            at: Some(span),
                            second: false,
                        });
                        cmds.push(Command::Select {
                            item: Item::Span(span),
                            add: false,
                        });
                    }
                }
            });
        ui.separator();
    }
    // Header with sort buttons.
    let key = (st.sort, corpus.docs.len(), filter && !hl.docs.is_empty());
    if st.order_key != Some(key) {
        st.order_key = Some(key);
        let mut order: Vec<DocId> = corpus
            .docs
            .iter()
            .map(|d| d.id)
            .filter(|id| !filter || hl.docs.is_empty() || hl.docs.contains(id))
            .collect();
        if let Some((by, asc)) = st.sort {
            order.sort_by(|x, y| {
                let (dx, dy) = (corpus.doc(*x), corpus.doc(*y));
                let (sx, sy) = (stats[x.index()], stats[y.index()]);
                let o = match by {
                    SortBy::File => dx.rel_path.cmp(&dy.rel_path),
                    SortBy::Title => dx.title.to_lowercase().cmp(&dy.title.to_lowercase()),
                    SortBy::Outlet => dx.source.cmp(&dy.source),
                    SortBy::Date => dx.date.cmp(&dy.date),
                    SortBy::Statements => sx.statements.cmp(&sy.statements),
                    SortBy::Incidents => sx.incidents.cmp(&sy.incidents),
                };
                if asc { o } else { o.reverse() }
            });
        }
        st.order = order;
    }
    ui.horizontal(|ui| {
        ui.label("Sort:");
        for (by, label) in [
            (SortBy::Title, "title"),
            (SortBy::Outlet, "outlet"),
            (SortBy::Date, "date"),
            (SortBy::Statements, "statements"),
            (SortBy::Incidents, "attacks"),
        ] {
            let active = st.sort.map(|s| s.0) == Some(by);
            let arrow = match st.sort {
                Some((b, true)) if b == by => " ^",
                Some((b, false)) if b == by => " v",
                _ => "",
            };
            if ui
                .selectable_label(active, format!("{label}{arrow}"))
                .clicked()
            {
                st.sort = match st.sort {
                    Some((b, asc)) if b == by => Some((by, !asc)),
                    _ => Some((
                        by,
                        !matches!(by, SortBy::Statements | SortBy::Incidents | SortBy::Date),
                    )),
                };
            }
        }
    });
    let row_h = 38.0;
    let order = st.order.clone();
    egui::ScrollArea::vertical()
        .id_salt("doclist")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, order.len(), |ui, range| {
            for id in &order[range] {
                let d = corpus.doc(*id);
                let s = stats[id.index()];
                let lit = hl.docs.contains(id);
                let open = st.open.contains(&Some(*id));
                let meta = format!(
                    "{} · {} · {} stmt · {} attack",
                    d.source.as_deref().unwrap_or("outlet unknown"),
                    d.date
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "undated".into()),
                    s.statements,
                    s.incidents
                );
                let title = RichText::new(super::shorten(&d.title, 70)).strong();
                let title = if lit && !hl.is_empty() {
                    title.color(palette::SELECTED)
                } else {
                    title
                };
                let resp = ui.add_sized(
                    [ui.available_width(), row_h - 4.0],
                    egui::Button::selectable(open, egui::text::LayoutJob::default()).frame(false),
                );
                let rect = resp.rect;
                // One line each, elided with "…" to the row's width.
                let one_line = |text: String, size: f32, color: Color32| {
                    let mut job =
                        LayoutJob::simple_singleline(text, FontId::proportional(size), color);
                    job.wrap = egui::text::TextWrapping {
                        max_width: rect.width() - 8.0,
                        max_rows: 1,
                        break_anywhere: true,
                        overflow_character: Some('…'),
                    };
                    ui.painter().layout_job(job)
                };
                let title_color = if lit && !hl.is_empty() {
                    palette::SELECTED
                } else {
                    ui.visuals().strong_text_color()
                };
                ui.painter().galley(
                    rect.left_top() + egui::vec2(4.0, 2.0),
                    one_line(title.text().to_string(), 13.0, title_color),
                    title_color,
                );
                let weak = ui.visuals().weak_text_color();
                ui.painter().galley(
                    rect.left_top() + egui::vec2(4.0, 19.0),
                    one_line(meta, 11.0, weak),
                    weak,
                );
                let resp = resp.on_hover_text(format!("{}\n{}", d.title, d.rel_path));
                if resp.clicked() {
                    let second = ui.input(|i| i.modifiers.alt) && st.side_by_side;
                    cmds.push(Command::Open {
                        doc: *id,
                        at: None,
                        second,
                    });
                    let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);
                    cmds.push(Command::Select {
                        item: Item::Doc(*id),
                        add,
                    });
                }
            }
        });
}

/// Case-insensitive search across the corpus (first `limit` hits).
pub fn search(corpus: &Corpus, q: &str, limit: usize) -> Vec<(DocId, usize)> {
    use rayon::prelude::*;
    let q = q.trim();
    if q.len() < 2 {
        return Vec::new();
    }
    // A case-insensitive literal: the regex engine finds it with a vectorised prefilter.
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(q))
        .case_insensitive(true)
        .unicode(!q.is_ascii())
        .build()
    else {
        return Vec::new();
    };
    // Blocks of documents in order, each searched on every core; stop once enough are found.
    let mut out = Vec::new();
    for block in corpus.docs.chunks(8192) {
        let found: Vec<Vec<(DocId, usize)>> = block
            .par_chunks(256)
            .map(|docs| {
                let mut v = Vec::new();
                for d in docs {
                    for m in re.find_iter(&d.text) {
                        v.push((d.id, m.start()));
                        if v.len() >= limit {
                            return v;
                        }
                    }
                }
                v
            })
            .collect();
        out.extend(found.into_iter().flatten());
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}

fn snippet(text: &str, pos: usize, len: usize, ctx: usize) -> String {
    let s = proxylens::analysis::floor_char(text, pos.saturating_sub(ctx / 2));
    let e = proxylens::analysis::floor_char(text, (pos + len + ctx / 2).min(text.len()));
    format!("…{}…", text[s..e].replace('\n', " "))
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

/// Draws the reader(s).
#[allow(clippy::too_many_arguments)]
pub fn reader_ui(
    ui: &mut Ui,
    st: &mut ReaderState,
    corpus: &Corpus,
    lex: &Lexicon,
    a: &Analysis,
    hl: &Highlights,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Reader");
        ui.checkbox(&mut st.side_by_side, "Side by side")
            .on_hover_text("Alt-click a document to open it on the right");
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
    let n = if st.side_by_side { 2 } else { 1 };
    if st.open[0].is_none() {
        st.open[0] = corpus.docs.first().map(|d| d.id);
    }
    ui.columns(n, |cols| {
        for (i, col) in cols.iter_mut().enumerate() {
            one_reader(col, st, i, corpus, lex, a, hl, cmds);
        }
    });
}

/// A legend entry (swatch and label) as one widget, so that wrapping rows stay inside.
pub fn chip(ui: &mut Ui, label: &str, col: Color32, fill: bool) {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let text_col = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap(label.to_string(), font, text_col);
    let size = egui::vec2(15.0 + galley.size().x, galley.size().y.max(12.0));
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let sw = egui::Rect::from_min_size(
        rect.left_center() - egui::vec2(0.0, 6.0),
        egui::vec2(12.0, 12.0),
    );
    if fill {
        ui.painter()
            .rect_filled(sw, 2.0, if fill { col.gamma_multiply(0.8) } else { col });
    } else {
        ui.painter()
            .line_segment([sw.left_bottom(), sw.right_bottom()], Stroke::new(2.5, col));
    }
    ui.painter().galley(
        rect.left_top() + egui::vec2(15.0, (size.y - galley.size().y) / 2.0),
        galley,
        text_col,
    );
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
        let cur = st.scroll_to[which].map(|s| s.start).unwrap_or(0);
        if ui.small_button("< previous finding").clicked()
            && let Some(m) = ms.iter().rev().find(|m| m.span.start < cur).or(ms.last())
        {
            st.scroll_to[which] = Some(m.span);
            cmds.push(Command::Select {
                item: Item::Span(m.span),
                add: false,
            });
        }
        if ui.small_button("next finding >").clicked()
            && let Some(m) = ms.iter().find(|m| m.span.start > cur).or(ms.first())
        {
            st.scroll_to[which] = Some(m.span);
            cmds.push(Command::Select {
                item: Item::Span(m.span),
                add: false,
            });
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
                let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);
                if let Some(m) = doc_mentions
                    .iter()
                    .find(|m| (m.span.start as usize) <= b && b < m.span.end as usize && !m.in_junk)
                {
                    cmds.push(Command::Select {
                        item: Item::Actor(m.actor),
                        add,
                    });
                } else if let Some(s) = a.sentence_at(doc_id, b) {
                    cmds.push(Command::Select {
                        item: Item::Span(s.span),
                        add,
                    });
                }
            }
        });
}
