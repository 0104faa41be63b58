//! The window's layout: the side panel (documents above, details below), the chart on top,
//! the network and the reader side by side below it; the screens shown while nothing is
//! loaded; and the keys and dropped files the window takes.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::commands::Command;
use super::loader::Source;
use super::menus::progress_text;
use super::{ProxyLensApp, chart, details, documents, network, palette, reader};

/// Per-view state of the chart.
pub struct ChartView {
    /// Where a drag across the chart began (plot x), while it lasts.
    pub drag: Option<f64>,
    /// Where the chart was drawn last frame (plot to screen).
    pub transform: Option<egui_plot::PlotTransform>,
    /// The chart's panel last frame (for saving it as PNG).
    pub rect: egui::Rect,
}

impl Default for ChartView {
    fn default() -> Self {
        ChartView {
            drag: None,
            transform: None,
            rect: egui::Rect::NOTHING,
        }
    }
}

/// Keys and dropped files: reported as commands.
pub fn handle_input(app: &mut ProxyLensApp, ctx: &egui::Context) {
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
        app.commands.push(Command::PickFolder);
    }
    if ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !ctx.egui_wants_keyboard_input() {
        app.commands.push(Command::Clear);
    }
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    if dropped.len() == 1 && dropped[0].is_dir() {
        app.commands.push(Command::LoadFolder(dropped[0].clone()));
    } else if !dropped.is_empty() {
        app.commands.push(Command::Load(Source::Files(dropped)));
    }
}

/// While nothing is loaded: the load's progress, or how to open something.
fn nothing_loaded_ui(app: &mut ProxyLensApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    egui::CentralPanel::default().show(ui, |ui| match &app.job {
        Some(job) => {
            ui.add_space(ui.available_height() * 0.35);
            ui.vertical_centered(|ui| {
                ui.heading(format!("Opening {}", job.source.label()));
                ui.add_space(8.0);
                let (frac, text) = progress_text(job);
                ui.add(egui::ProgressBar::new(frac).text(text).desired_width(480.0));
                ui.add_space(4.0);
                ui.weak(
                    "Files opened before are taken from the analysis cache; \
                     the rest are read and analysed on every core.",
                );
                ui.add_space(8.0);
                if ui.button("Cancel").clicked() {
                    app.commands.push(Command::CancelLoad);
                }
            });
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        None => {
            ui.centered_and_justified(|ui| {
                ui.heading(
                    "Open a folder of articles (File > Open folder…, Ctrl+O) or drop it here.",
                )
            });
        }
    });
}

/// Lays out every panel and draws the views into them.
pub fn panels(app: &mut ProxyLensApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let Some(d) = app.data.clone() else {
        nothing_loaded_ui(app, ui);
        return;
    };
    // Startup benchmark: PROXYLENS_EXIT_AFTER_FIRST_FRAME=1 reports when the first frame with
    // the articles is drawn, then quits.
    if std::env::var_os("PROXYLENS_EXIT_AFTER_FIRST_FRAME").is_some() && !app.first_frame_reported {
        app.first_frame_reported = true;
        if let Some(t) = crate::STARTED.get() {
            println!(
                "first frame with {} documents after {:.0} ms",
                d.corpus.docs.len(),
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
    egui::Panel::left("side")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=600.0)
        .show(ui, |ui| {
            egui::Panel::bottom("details")
                .resizable(true)
                .default_size(ui.available_height() * 0.45)
                .size_range(120.0..=1200.0)
                .show(ui, |ui| {
                    details::details_ui(ui, &app.selection, &app.highlights, &d, &mut app.commands);
                });
            problems_ui(app, ui, &d);
            documents::doc_list_ui(
                ui,
                &mut app.doc_list,
                &app.reader.open,
                &d,
                &app.stats,
                &app.highlights,
                app.selection.filter,
                &mut app.commands,
            );
        });
    if d.corpus.docs.is_empty() {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(60.0);
                ui.heading("No articles here");
                ui.label(format!(
                    "{} holds no .txt, .md or .html files that could be read.",
                    d.source.label()
                ));
                ui.label("Open another folder (Ctrl+O), drop one on this window, or go back to the bundled seed articles.");
                if ui.button("Open the seed articles").clicked() {
                    app.commands.push(Command::Load(Source::Seeds));
                }
            });
        });
        return;
    }
    egui::Panel::top("chart")
        .resizable(true)
        .default_size((ui.available_height() * 0.45).max(250.0))
        .size_range(160.0..=900.0)
        .show(ui, |ui| {
            app.chart.rect = ui.max_rect();
            chart::chart_ui(
                ui,
                &app.chart_model,
                &app.settings.chart,
                &app.highlights,
                &d.analysis,
                &d.corpus,
                &mut app.commands,
                &mut app.chart.drag,
                &mut app.chart.transform,
            );
        });
    egui::CentralPanel::default().show(ui, |ui| {
        // Network | reader, with a draggable divider.
        let full = ui.available_rect_before_wrap();
        let x = full.left() + full.width() * app.settings.split;
        let handle = egui::Rect::from_min_max(
            egui::pos2(x - 3.0, full.top()),
            egui::pos2(x + 3.0, full.bottom()),
        );
        let r = ui
            .interact(handle, ui.scope_id().with("split"), egui::Sense::drag())
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
        if r.dragged() {
            app.commands.push(Command::SetSplit(
                app.settings.split + r.drag_delta().x / full.width().max(1.0),
            ));
        }
        ui.painter().vline(
            x,
            full.y_range(),
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        let left = egui::Rect::from_min_max(full.min, egui::pos2(x - 4.0, full.bottom()));
        let right = egui::Rect::from_min_max(egui::pos2(x + 6.0, full.top()), full.max);
        app.network_rect = left;
        let mut lui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(left)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        lui.set_clip_rect(left.intersect(ui.clip_rect()));
        network::network_ui(
            &mut lui,
            &mut app.network,
            &app.network_model,
            &app.settings.network,
            &app.highlights,
            &app.lit_edges,
            &d.analysis,
            &mut app.commands,
        );
        let mut rui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(right)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        rui.set_clip_rect(right.intersect(ui.clip_rect()));
        reader::reader_ui(
            &mut rui,
            &mut app.reader,
            app.settings.side_by_side,
            &d,
            &app.highlights,
            &mut app.commands,
        );
        ui.allocate_rect(full, egui::Sense::hover());
    });
}

/// Files that could not be read and lexicon entries that were refused, above the list.
fn problems_ui(app: &mut ProxyLensApp, ui: &mut Ui, d: &super::loader::Loaded) {
    if !d.corpus.failed.is_empty() {
        ui.horizontal(|ui| {
            ui.colored_label(
                palette::WARN,
                format!("{} file(s) skipped", d.corpus.failed.len()),
            );
            ui.toggle_value(&mut app.show_failed, "show");
        });
        if app.show_failed {
            egui::ScrollArea::vertical()
                .id_salt("failed")
                .max_height(140.0)
                .show(ui, |ui| {
                    for f in &d.corpus.failed {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("{} — {}", f.file, f.reason)).small(),
                            )
                            .wrap(),
                        );
                    }
                });
        }
        ui.separator();
    }
    if !d.lexicon.issues.is_empty() {
        ui.colored_label(
            palette::WARN,
            format!("{} lexicon issue(s)", d.lexicon.issues.len()),
        )
        .on_hover_text(
            d.lexicon
                .issues
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}
