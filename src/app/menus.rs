//! The menu bar, the selection's breadcrumbs, the load progress and the status bar. Like the
//! views they report what was asked for as [`Command`]s.

use egui::{RichText, Ui};

use proxylens::corpus::Stage;

use super::ProxyLensApp;
use super::commands::Command;
use super::details;
use super::dialogs::PngTarget;
use super::loader::{Job, Source};
use super::widgets::{shorten, thousands};

/// A load's progress: the fraction done and what to say (stage, counts, time left).
pub fn progress_text(job: &Job) -> (f32, String) {
    let (done, total) = job.counts();
    let stage = job.progress.stage();
    if job.shown_stage.get().0 != stage {
        job.shown_stage.set((stage, std::time::Instant::now()));
    }
    let frac = if total > 0 {
        done as f32 / total as f32
    } else {
        0.0
    };
    let elapsed = job.shown_stage.get().1.elapsed().as_secs_f64();
    let left = if done > 0 && done < total && elapsed > 0.5 {
        format!(
            " · about {:.0} s left",
            (elapsed / done as f64 * (total - done) as f64).ceil()
        )
    } else {
        String::new()
    };
    let text = match stage {
        Stage::Listing => format!("Finding files: {}", thousands(total)),
        Stage::Reading => format!(
            "Reading {} of {} files{left}",
            thousands(done),
            thousands(total)
        ),
        Stage::Analysing => format!(
            "Analysing {} of {} documents{left}",
            thousands(done),
            thousands(total)
        ),
    };
    (frac, text)
}

/// The File and Selection menus, the breadcrumbs and the progress of a load.
pub fn top_bar(app: &mut ProxyLensApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let pending = app.views_pending();
    let cmds = &mut app.commands;
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    cmds.push(Command::PickFolder);
                    ui.close();
                }
                ui.menu_button("Open recent", |ui| {
                    if app.settings.recent.is_empty() {
                        ui.weak("No recent folders");
                    }
                    for p in &app.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            cmds.push(Command::LoadFolder(p.clone()));
                            ui.close();
                        }
                    }
                });
                if ui.button("Open the seed articles").clicked() {
                    cmds.push(Command::Load(Source::Seeds));
                    ui.close();
                }
                ui.separator();
                let has = app.data.is_some();
                if ui
                    .add_enabled(has, egui::Button::new("Export JSON…"))
                    .clicked()
                {
                    cmds.push(Command::PickExport);
                    ui.close();
                }
                if ui
                    .add_enabled(has, egui::Button::new("Save chart as PNG…"))
                    .clicked()
                {
                    cmds.push(Command::PickPng(PngTarget::Chart));
                    ui.close();
                }
                if ui
                    .add_enabled(has, egui::Button::new("Save network as PNG…"))
                    .clicked()
                {
                    cmds.push(Command::PickPng(PngTarget::Network));
                    ui.close();
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Selection", |ui| {
                let has = !app.selection.items.is_empty();
                let mut f = app.selection.filter;
                if ui
                    .add_enabled(
                        has,
                        egui::Checkbox::new(&mut f, "Filter every view to the selection"),
                    )
                    .changed()
                {
                    cmds.push(Command::SetFilter(f));
                }
                if ui
                    .add_enabled(has, egui::Button::new("Clear (Esc)"))
                    .clicked()
                {
                    cmds.push(Command::Clear);
                    ui.close();
                }
            });
            ui.separator();
            ui.label(RichText::new("ProxyLens").strong());
            if let Some(d) = &app.data {
                ui.weak(shorten(&d.source.label(), 60));
            }
        });
        // Breadcrumbs: the selection and the filter.
        if let Some(d) = app.data.clone()
            && !app.selection.items.is_empty()
        {
            ui.horizontal_wrapped(|ui| {
                ui.label("Selected:");
                for item in &app.selection.items {
                    let label = match item.resolve(&d.corpus, &d.analysis) {
                        Some(t) => details::describe(t, &d.corpus, &d.lexicon, &d.analysis),
                        None => "(no longer in the folder)".into(),
                    };
                    if ui
                        .button(format!("{label}  x"))
                        .on_hover_text("Remove from the selection")
                        .clicked()
                    {
                        cmds.push(Command::Remove(item.clone()));
                    }
                }
                let mut f = app.selection.filter;
                if ui
                    .toggle_value(&mut f, "Filter to selection")
                    .on_hover_text("Narrow the chart, network and document list to the selection")
                    .changed()
                {
                    cmds.push(Command::SetFilter(f));
                }
                if ui.button("Clear").on_hover_text("Esc").clicked() {
                    cmds.push(Command::Clear);
                }
                if pending {
                    ui.spinner();
                    ui.weak("updating the views…");
                }
            });
        }
        // (With nothing shown yet, the progress sits in the middle of the window.)
        if let Some(job) = app.job.as_ref().filter(|_| app.data.is_some()) {
            let (frac, text) = progress_text(job);
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new(frac)
                        .text(text)
                        .desired_width(ui.available_width() - 90.0),
                );
                if ui.button("Cancel").clicked() {
                    cmds.push(Command::CancelLoad);
                }
            });
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    });
}

/// The status line at the bottom.
pub fn status_bar(app: &ProxyLensApp, ui: &mut Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.weak(&app.status);
        });
    });
}
