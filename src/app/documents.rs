//! The document list: every article of the folder (sortable, virtualised, narrowed by the
//! filter to the selection's documents) and a search across all of them.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, Ui};
use serde::{Deserialize, Serialize};

use proxylens::analysis::Analysis;
use proxylens::corpus::Corpus;
use proxylens::model::{DocId, Span};

use super::commands::Command;
use super::loader::Loaded;
use super::palette;
use super::selection::{Highlights, Target};

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

/// What the list order depends on: the sort, the data (by load), and with the filter on the
/// highlights it narrows the list to (by computation).
type OrderKey = (Option<(SortBy, bool)>, u64, Option<u64>);

/// State of the document list.
#[derive(Default)]
pub struct DocList {
    /// Sort key and direction (true = ascending).
    pub sort: Option<(SortBy, bool)>,
    /// Search text.
    pub search: String,
    /// Search hits (doc, byte offset), recomputed when the text changes.
    pub hits: Vec<(DocId, usize)>,
    /// The text and the load the hits are for.
    searched: (String, u64),
    /// Order of the list (indices into docs), recomputed when the sort changes.
    order: Vec<DocId>,
    order_key: Option<OrderKey>,
}

#[cfg(test)]
impl DocList {
    /// The documents listed last frame, in their order.
    pub fn shown(&self) -> &[DocId] {
        &self.order
    }
}

/// Draws the document list; pushes commands. `open` are the documents in the readers.
#[allow(clippy::too_many_arguments)]
pub fn doc_list_ui(
    ui: &mut Ui,
    st: &mut DocList,
    open: &[Option<DocId>; 2],
    data: &Loaded,
    stats: &[DocStats],
    hl: &Highlights,
    filter: bool,
    cmds: &mut Vec<Command>,
) {
    let corpus = &data.corpus;
    ui.horizontal(|ui| {
        ui.strong(format!("Documents ({})", corpus.docs.len()));
    });
    ui.add(
        egui::TextEdit::singleline(&mut st.search)
            .hint_text("Search all articles…")
            .desired_width(f32::INFINITY),
    );
    if (&st.search, data.generation) != (&st.searched.0, st.searched.1) {
        st.searched = (st.search.clone(), data.generation);
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
                        cmds.push(Command::OpenDoc {
                            doc,
                            at: Some(span),
                            second: false,
                        });
                        cmds.push(Command::Select(Target::Span(span)));
                    }
                }
            });
        ui.separator();
    }
    // Header with sort buttons.
    // With the filter on, the list is the highlighted documents: a new selection is a new
    // list (keyed by the highlights' computation, not by whether any are lit).
    let narrowed = filter && !hl.docs.is_empty();
    let key = (st.sort, data.generation, narrowed.then_some(hl.generation));
    if st.order_key != Some(key) {
        st.order_key = Some(key);
        let mut order: Vec<DocId> = corpus
            .docs
            .iter()
            .map(|d| d.id)
            .filter(|id| !narrowed || hl.docs.contains(id))
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
                let open = open.contains(&Some(*id));
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
                    // (Alt-click: the second reader; the central step knows the rule.)
                    cmds.push(Command::OpenDoc {
                        doc: *id,
                        at: None,
                        second: false,
                    });
                    cmds.push(Command::Select(Target::Doc(*id)));
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
