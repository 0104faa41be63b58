//! Click-through tests of the app on the seed articles (egui_kittest, no display needed).

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::ProxyLensApp;
use super::commands::Command;
use super::loader::{Source, load_now};
use super::selection::{Item, Target};
use super::settings::Settings;

fn app_on_seeds() -> ProxyLensApp {
    let mut app = ProxyLensApp::new(Settings::default());
    app.set_data(load_now(&Source::Seeds).expect("seeds load"));
    app
}

fn harness(app: ProxyLensApp) -> Harness<'static, ProxyLensApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ProxyLensApp| app.show(ui), app);
    // Let the layout settle a little and every panel size itself.
    for _ in 0..20 {
        h.step();
    }
    h
}

fn click_at(h: &mut Harness<'static, ProxyLensApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();

    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.step();
}

#[test]
fn opens_on_the_seeds_with_every_view() {
    let h = harness(app_on_seeds());
    for label in [
        "Attacks over time",
        "Actor network",
        "Reader",
        "Documents (5)",
        "Details",
    ] {
        h.get_by_label(label);
    }
    let app = h.state();
    assert!(
        app.chart_model.bins.len() >= 5,
        "{:?}",
        app.chart_model.bins.len()
    );
    assert!(!app.chart_model.tallies.is_empty());
    assert!(app.network_model.nodes.len() >= 20);
    assert!(app.selection.items.is_empty());
}

#[test]
fn clicking_a_bar_selects_its_incidents_everywhere() {
    let mut h = harness(app_on_seeds());
    // The bar with the most incidents.
    let (i, bin) = h
        .state()
        .chart_model
        .bins
        .iter()
        .enumerate()
        .max_by_key(|(_, b)| b.total())
        .map(|(i, b)| (i, b.clone()))
        .expect("bins");
    let pos = h.state().bar_screen_pos(i).expect("bar drawn");
    click_at(&mut h, pos);
    let app = h.state();
    assert_eq!(
        app.selection.items,
        vec![Item::Time {
            start: bin.start,
            end: bin.end
        }]
    );
    let ids: std::collections::HashSet<_> = bin
        .segments
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    assert!(ids.iter().all(|id| app.highlights.incidents.contains(id)));
    // The details panel lists the evidence sentences of those incidents.
    assert!(!app.highlights.evidence.is_empty());
    h.get_by_label_contains("Evidence (");
    // The breadcrumb and the details heading show the range.
    assert!(h.query_all_by_label_contains("time: ").count() >= 2);
}

#[test]
fn clicking_an_actor_lights_up_its_mentions_edges_and_incidents() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
    // Let the layout settle so that the node stays where it is clicked.
    super::view_tests::settle(&mut h);
    let pos = h
        .state()
        .node_screen_pos(kh)
        .expect("KH shown in the network");
    click_at(&mut h, pos);
    let app = h.state();
    assert_eq!(
        app.selection.items,
        vec![Item::Actor("Kataib Hezbollah".into())]
    );
    assert_eq!(app.highlights.targets, vec![Target::Actor(kh)]);
    assert!(app.highlights.actors.contains(&kh));
    // Its edges: Iran backs Kataib Hezbollah among them.
    let iran = d.analysis.actor_by_name("Iran").expect("Iran");
    assert!(
        app.highlights
            .relations
            .iter()
            .any(|&r| d.analysis.relations[r].from == iran && d.analysis.relations[r].to == kh)
    );
    // Its mentions in the reader and its documents in the list.
    assert!(app.highlights.spans.iter().any(|s| {
        d.analysis
            .mentions
            .iter()
            .any(|m| m.actor == kh && m.span == *s)
    }));
    assert_eq!(app.highlights.docs.len(), d.analysis.actor(kh).docs.len());
    assert!(
        h.query_all_by_label_contains("actor: Kataib Hezbollah")
            .count()
            >= 1
    );
    // Filter to the selection narrows the network to it and its neighbours' evidence.
    h.get_by_label("Filter to selection").click();
    h.step();
    h.step();
    let app = h.state();
    assert!(app.selection.filter);
    assert!(
        app.network_model
            .nodes
            .iter()
            .all(|(id, _)| app.highlights.actors.contains(id))
    );
    // Escape clears.
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    assert!(h.state().selection.items.is_empty());
}

#[test]
fn clicking_a_highlighted_sentence_selects_it_and_its_actors() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    // Open the document with the most statements and click inside one of them.
    let doc = d
        .corpus
        .docs
        .iter()
        .max_by_key(|x| {
            d.analysis
                .statements
                .iter()
                .filter(|s| s.span.doc == x.id)
                .count()
        })
        .expect("docs")
        .id;
    let st = d
        .analysis
        .statements
        .iter()
        .find(|s| s.span.doc == doc)
        .expect("a statement")
        .clone();
    // Open it scrolled to the statement, as "next finding" or an evidence link would.
    h.state_mut().commands.push(Command::OpenDoc {
        doc,
        at: Some(st.span),
        second: false,
    });
    for _ in 0..4 {
        h.step();
    }
    let text = &d.corpus.doc(doc).text;
    // A character inside the sentence but outside any actor mention.
    let inside = (st.span.start as usize + 1..st.span.end as usize - 1)
        // The middle of a lower-case word, so that the click cannot land on a neighbour.
        .filter(|&b| {
            let w = text.as_bytes();
            w[b - 1].is_ascii_lowercase()
                && w[b].is_ascii_lowercase()
                && w[b + 1].is_ascii_lowercase()
        })
        .find(|&b| {
            !d.analysis.mentions.iter().any(|m| {
                m.span.doc == doc && (m.span.start as usize) <= b + 1 && b <= m.span.end as usize
            })
        })
        .expect("a plain word");
    let ci = text[..inside].chars().count();
    let char_pos = |h: &Harness<'static, ProxyLensApp>| {
        let (rect, galley) = h.state().reader.galleys[0].clone().expect("reader drawn");
        galley
            .pos_from_cursor(egui::text::CCursor::new(ci))
            .translate(rect.min.to_vec2())
            .center()
            + egui::vec2(2.0, 0.0)
    };
    // Hover first (the view may still be settling), then click where the word is now.
    let p = char_pos(&h);
    h.hover_at(p);
    h.step();
    let p = char_pos(&h);
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.step();
    let app = h.state();
    let Some(Target::Span(span)) = app.highlights.targets.first().copied() else {
        panic!("selected {:?}", app.selection.items)
    };
    assert!(
        span.contains(&st.span) || st.span.contains(&span),
        "{span:?} vs {:?}",
        st.span
    );
    // The sentence's actors light up in the network.
    if let Some(sp) = st.speaker {
        assert!(app.highlights.actors.contains(&sp));
    }
    assert!(app.highlights.evidence.contains(&st.span));
}

/// Renders the app in a few states to `target/screens/*.png` for a person to look at
/// (software Vulkan needed): `cargo test --bin proxylens render_screens -- --ignored`.
#[test]
#[ignore]
fn render_screens() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screens");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (w, hgt) in [(1280.0, 800.0), (1024.0, 700.0)] {
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, hgt))
            .build_ui_state(|ui, app: &mut ProxyLensApp| app.show(ui), app_on_seeds());
        {
            let app = h.state_mut();
            while !app.network.layout.settled() {
                app.network.layout.step(&app.network_model);
            }
        }
        for _ in 0..10 {
            h.step();
        }
        h.render()
            .expect("render")
            .save(dir.join(format!("start-{w}.png")))
            .expect("save");
        let d = h.state().data.clone().expect("data");
        let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
        let pos = h.state().node_screen_pos(kh).expect("shown");
        click_at(&mut h, pos);
        for _ in 0..10 {
            h.step();
        }
        h.render()
            .expect("render")
            .save(dir.join(format!("actor-{w}.png")))
            .expect("save");
        let (i, _) = h
            .state()
            .chart_model
            .bins
            .iter()
            .enumerate()
            .max_by_key(|(_, b)| b.total())
            .expect("bins");
        let pos = h.state().bar_screen_pos(i).expect("bar");
        click_at(&mut h, pos);
        for _ in 0..10 {
            h.step();
        }
        h.render()
            .expect("render")
            .save(dir.join(format!("bar-{w}.png")))
            .expect("save");
    }
}

#[test]
fn saves_a_view_as_png() {
    // A 40x30 screenshot at 2 pixels per point; the view is the 10x5-point rect at (5, 5).
    let mut img = egui::ColorImage::new([40, 30], vec![egui::Color32::BLACK; 40 * 30]);
    for y in 10..20 {
        for x in 10..30 {
            img.pixels[y * 40 + x] = egui::Color32::RED;
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("view.png");
    let rect = egui::Rect::from_min_size(egui::pos2(5.0, 5.0), egui::vec2(10.0, 5.0));
    super::dialogs::save_png(&img, rect, 2.0, &path).expect("saved");
    let png = image::open(&path).expect("a PNG").into_rgba8();
    assert_eq!(png.dimensions(), (20, 10));
    assert!(png.pixels().all(|p| p.0 == [255, 0, 0, 255]));
    // Only the PNG is there: it was written to a temporary file renamed over it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Steps the app until `done` holds, for at most `secs` seconds of real time (the load runs
/// on its own thread; this waits for it, it does not time it).
fn step_until(
    h: &mut Harness<'static, ProxyLensApp>,
    secs: u64,
    done: impl Fn(&ProxyLensApp) -> bool,
) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

#[test]
fn a_file_added_to_the_open_folder_appears_without_a_reload() {
    let root = tempfile::tempdir().expect("temp dir");
    let root = root.path();
    let folder = root.join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in proxylens::seeds::SEEDS.iter().take(2) {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let mut app = ProxyLensApp::new(Settings::default());
    app.data_dir = Some(root.join("data"));
    let mut h = harness(app);
    let ctx = h.ctx.clone();
    h.state_mut()
        .start_load(Source::Folder(folder.clone()), &ctx);
    let docs = |a: &ProxyLensApp| a.data.as_ref().map_or(0, |d| d.corpus.docs.len());
    assert!(step_until(&mut h, 60, |a| docs(a) == 2 && a.watch.is_watching()));
    // Open the first document, then a new article lands in the folder.
    let first = h.state().data.as_ref().unwrap().corpus.docs[0].id;
    h.state_mut().reader.open[0] = Some(first);
    std::fs::write(
        folder.join("late-news.txt"),
        "Kataib Hezbollah claimed a drone attack on al-Tanf on Oct. 20, 2023, the group said.",
    )
    .unwrap();
    assert!(
        step_until(&mut h, 60, |a| docs(a) == 3),
        "the new file never appeared: {}",
        h.state().status
    );
    let app = h.state();
    assert!(app.status.starts_with("Updated"), "{}", app.status);
    // Only the new file was analysed; the rest came from the cache.
    assert!(
        app.status
            .contains("2 of 3 documents from the cache, 1 analysed"),
        "{}",
        app.status
    );
    // The reader still shows the document the user had open.
    let d = app.data.as_ref().unwrap();
    assert_eq!(
        app.reader.open[0].map(|id| d.corpus.doc(id).rel_path.clone()),
        Some(proxylens::seeds::SEEDS[0].0.to_string())
    );
    assert!(d.corpus.docs.iter().any(|x| x.rel_path == "late-news.txt"));
    drop(h);
}

#[test]
fn settings_survive_a_restart_and_a_damaged_file_gives_defaults() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let mut s = Settings::default();
    s.recent.push("/some/folder".into());
    s.split = 0.3;
    s.save(&dir).unwrap();
    assert_eq!(Settings::load(&dir), s);
    // Only the settings file is there: the temporary file was renamed over it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["settings.json"]);
    std::fs::write(dir.join("settings.json"), b"{ not json").unwrap();
    assert_eq!(Settings::load(&dir), Settings::default());
}

#[test]
fn corpus_search_is_case_insensitive_in_document_order_and_bounded() {
    let loaded = load_now(&Source::Seeds).expect("seeds load");
    let hits = super::documents::search(&loaded.corpus, "kataib HEZBOLLAH", 10_000);
    assert!(hits.len() > 3, "{hits:?}");
    for &(doc, at) in &hits {
        let text = &loaded.corpus.doc(doc).text;
        assert!(text[at..].to_lowercase().starts_with("kataib hezbollah"));
    }
    let mut sorted = hits.clone();
    sorted.sort();
    assert_eq!(sorted, hits);
    assert_eq!(
        super::documents::search(&loaded.corpus, "kataib hezbollah", 2),
        hits[..2]
    );
    // A query found nowhere gives nothing.
    assert!(super::documents::search(&loaded.corpus, "ZZZ-no-such-text", 10).is_empty());
}

#[test]
fn large_corpora_recompute_the_views_off_the_ui_thread() {
    let mut app = app_on_seeds();
    // As for a corpus of 20,000 documents or more.
    app.async_views_from = 0;
    let iran = app
        .data
        .as_ref()
        .unwrap()
        .analysis
        .actor_by_name("Iran")
        .unwrap();
    let mut h = harness(app);
    h.state_mut()
        .commands
        .push(Command::Select(Target::Actor(iran)));
    h.step();
    assert!(step_until(&mut h, 30, |a| !a.views_pending()));
    h.step();
    let app = h.state();
    assert!(app.highlights.actors.contains(&iran));
    assert!(!app.highlights.spans.is_empty());
    // Clearing goes the same way.
    h.state_mut().commands.push(Command::Clear);
    h.step();
    assert!(step_until(&mut h, 30, |a| !a.views_pending()));
    assert!(h.state().highlights.is_empty());
}

#[test]
fn a_changed_setting_is_saved_off_the_ui_thread_and_at_exit() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().to_path_buf();
    let mut app = app_on_seeds();
    app.data_dir = Some(dir.clone());
    let mut h = harness(app);
    h.state_mut().settings.split = 0.31;
    assert!(step_until(&mut h, 30, |_| Settings::load(&dir).split == 0.31));
    // At exit the latest settings are written even without the pause.
    h.state_mut().settings.split = 0.42;
    h.state_mut().save_settings();
    assert_eq!(Settings::load(&dir).split, 0.42);
}

/// Selects `t` as a click would (through the central step) and lets the views update.
fn select(h: &mut Harness<'static, ProxyLensApp>, t: Target) {
    h.state_mut().commands.push(Command::Select(t));
    h.step();
    h.step();
}

/// Selects `t` with Shift held, as a shift-click would.
fn shift_select(h: &mut Harness<'static, ProxyLensApp>, t: Target) {
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.step();
    h.state_mut().commands.push(Command::Select(t));
    h.step();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.step();
    h.step();
}

/// The attack link of the details panel for the incident with the most reports among those
/// highlighted, and that incident.
fn incident_link(h: &Harness<'static, ProxyLensApp>) -> (proxylens::model::IncidentId, String) {
    let app = h.state();
    let d = app.data.clone().expect("data");
    let id = *app
        .highlights
        .incidents
        .iter()
        .max_by_key(|i| {
            (
                d.analysis.incidents[i.index()].reports.len(),
                std::cmp::Reverse(i.0),
            )
        })
        .expect("an incident lit");
    let label = super::details::describe(Target::Incident(id), &d.corpus, &d.lexicon, &d.analysis);
    (id, label)
}

#[test]
fn a_details_panel_link_selects_the_attack_and_opens_its_report() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
    select(&mut h, Target::Actor(kh));
    // The panel lists the actor's attacks (a few: unfolded); click one.
    h.get_by_label_contains("Attacks (");
    let (id, label) = incident_link(&h);
    let link = h
        .query_all_by_label_contains(&label)
        .next()
        .expect("the attack's link");
    // It is on screen (the panel scrolls, it does not cut its content off).
    assert!(link.rect().max.y <= 800.0, "{:?}", link.rect());
    link.click();
    h.step();
    h.step();
    let app = h.state();
    let report = &d.analysis.reports[d.analysis.incidents[id.index()].reports[0]];
    let first = d.corpus.doc(report.span.doc);
    assert_eq!(
        app.selection.items,
        vec![Item::Incident(super::selection::FileSpan {
            file: first.rel_path.as_str().into(),
            start: report.span.start,
            end: report.span.end,
        })]
    );
    assert!(app.highlights.incidents.contains(&id));
    // The reader shows the report, scrolled to it.
    assert_eq!(app.reader.open[0], Some(report.span.doc));
    assert_eq!(app.reader.position[0], Some(report.span));
    h.step();
    let (_, galley) = h.state().reader.galleys[0].clone().expect("reader drawn");
    assert_eq!(galley.text(), first.text);
}

#[test]
fn with_the_filter_on_a_new_selection_narrows_the_document_list_again() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
    select(&mut h, Target::Actor(kh));
    h.get_by_label("Filter to selection").click();
    h.step();
    h.step();
    let app = h.state();
    assert!(app.selection.filter);
    let kh_docs: Vec<_> = app.highlights.docs.iter().copied().collect();
    assert!(kh_docs.len() >= 2, "{kh_docs:?}");
    assert_eq!(app.doc_list.shown(), kh_docs);
    // Reselect, with the filter on: one of its attacks, from the details panel.
    let (id, label) = incident_link(&h);
    h.query_all_by_label_contains(&label)
        .next()
        .expect("the attack's link")
        .click();
    h.step();
    h.step();
    let app = h.state();
    assert!(app.highlights.incidents.contains(&id));
    assert!(app.selection.filter, "the filter stays on");
    let now: Vec<_> = app.highlights.docs.iter().copied().collect();
    assert_ne!(now, kh_docs);
    // The list is the new selection's documents, not the previous one's.
    assert_eq!(app.doc_list.shown(), now);
}

#[test]
fn the_selection_survives_a_refresh_of_the_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = root.path().join("articles");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, text) in proxylens::seeds::SEEDS.iter().skip(1).take(2) {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let mut app = ProxyLensApp::new(Settings::default());
    app.data_dir = Some(root.path().join("data"));
    let mut h = harness(app);
    let ctx = h.ctx.clone();
    h.state_mut()
        .start_load(Source::Folder(folder.clone()), &ctx);
    let docs = |a: &ProxyLensApp| a.data.as_ref().map_or(0, |d| d.corpus.docs.len());
    assert!(step_until(&mut h, 60, |a| docs(a) == 2 && a.watch.is_watching()));
    // Select an actor and a sentence of the second document, and filter to them.
    let d = h.state().data.clone().unwrap();
    let second = d.corpus.docs[1].id;
    let sentence = d.analysis.sentences[second.index()][1].span;
    let actor = d.analysis.mentions[0].actor;
    let actor_name = d.analysis.actor(actor).name.clone();
    select(&mut h, Target::Actor(actor));
    shift_select(&mut h, Target::Span(sentence));
    h.state_mut().commands.push(Command::SetFilter(true));
    h.step();
    h.step();
    let before = h.state().selection.clone();
    assert_eq!(before.items.len(), 2, "{:?}", before.items);
    assert!(before.filter);
    // An article that sorts first lands in the folder: every document's index moves.
    std::fs::write(
        folder.join("000-first.txt"),
        "Iran denied any role in the drone attack on al-Tanf on Oct. 20, 2023, the foreign ministry said.",
    )
    .unwrap();
    assert!(
        step_until(&mut h, 60, |a| docs(a) == 3 && a.job.is_none()),
        "the new file never appeared: {}",
        h.state().status
    );
    h.step();
    let app = h.state();
    assert_eq!(app.selection, before, "{}", app.status);
    let d = app.data.clone().unwrap();
    let moved = proxylens::model::DocId(second.0 + 1);
    assert_eq!(d.corpus.doc(moved).rel_path, proxylens::seeds::SEEDS[2].0);
    assert_eq!(
        app.highlights.targets,
        vec![
            Target::Actor(d.analysis.actor_by_name(&actor_name).unwrap()),
            Target::Span(proxylens::model::Span {
                doc: moved,
                ..sentence
            }),
        ]
    );
    assert!(app.highlights.docs.contains(&moved));
    // The filter still narrows the list, to the documents now at those places.
    assert_eq!(
        app.doc_list.shown(),
        app.highlights.docs.iter().copied().collect::<Vec<_>>()
    );
}

#[test]
fn shift_click_adds_to_the_selection_and_a_plain_click_replaces_it() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    let iran = d.analysis.actor_by_name("Iran").expect("Iran");
    let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
    select(&mut h, Target::Actor(iran));
    shift_select(&mut h, Target::Actor(kh));
    assert_eq!(
        h.state().highlights.targets,
        vec![Target::Actor(iran), Target::Actor(kh)]
    );
    // Shift-clicking a selected item takes it out again.
    shift_select(&mut h, Target::Actor(iran));
    assert_eq!(h.state().highlights.targets, vec![Target::Actor(kh)]);
    shift_select(&mut h, Target::Actor(iran));
    select(&mut h, Target::Actor(kh));
    assert_eq!(h.state().highlights.targets, vec![Target::Actor(kh)]);
}

/// An analysis of `actors` (name, kind, mentions) and relations between them (by index).
fn analysis_of(
    actors: &[(&str, proxylens::model::ActorKind, u32)],
    relations: &[(u32, u32)],
) -> proxylens::analysis::Analysis {
    use proxylens::analysis::{ActorInfo, Analysis, Relation};
    use proxylens::model::{ActorId, RelationKind};
    Analysis {
        actors: actors
            .iter()
            .map(|&(name, kind, mentions)| ActorInfo {
                name: name.into(),
                kind,
                aliases: Vec::new(),
                known: true,
                docs: Vec::new(),
                mention_count: mentions,
            })
            .collect(),
        relations: relations
            .iter()
            .map(|&(from, to)| Relation {
                from: ActorId(from),
                to: ActorId(to),
                kind: RelationKind::Backs,
                evidence: vec![proxylens::model::Span::new(
                    proxylens::model::DocId(0),
                    0,
                    1,
                )],
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn network_ranks_actors_by_the_edges_it_can_draw() {
    use super::network::{NetworkModel, NetworkSettings};
    use proxylens::model::{ActorId, ActorKind};
    // "Busy Brigade" has many relations, but only with people (hidden) and itself; "Quiet
    // Front" is mentioned a little more and has none. With room for one actor, the one
    // whose connections would be drawn is no better than its mentions.
    let a = analysis_of(
        &[
            ("Busy Brigade", ActorKind::ArmedGroup, 10),
            ("Quiet Front", ActorKind::ArmedGroup, 12),
            ("A. Person", ActorKind::Person, 1),
            ("B. Person", ActorKind::Person, 1),
        ],
        &[(0, 2), (2, 0), (0, 3), (3, 0), (0, 0)],
    );
    let s = NetworkSettings {
        max_nodes: 1,
        hidden_kinds: vec![ActorKind::Person],
        ..Default::default()
    };
    let m = NetworkModel::build(&a, &s, &|_| true);
    assert_eq!(m.nodes, vec![(ActorId(1), 12)]);
    // With the people shown, the brigade's four edges (the loop is never drawn) rank it first.
    let s = NetworkSettings {
        max_nodes: 1,
        ..Default::default()
    };
    let m = NetworkModel::build(&a, &s, &|_| true);
    assert_eq!(m.nodes, vec![(ActorId(0), 10)]);
    // A dense network: 3,000 actors, 60,000 edges (each edge is counted once, not once per
    // comparison of the sort).
    let n = 3000u32;
    let names: Vec<String> = (0..n).map(|i| format!("actor {i}")).collect();
    let actors: Vec<(&str, ActorKind, u32)> = names
        .iter()
        .enumerate()
        .map(|(i, nm)| (nm.as_str(), ActorKind::ArmedGroup, 1 + (i as u32 % 7)))
        .collect();
    let rel: Vec<(u32, u32)> = (0..60_000u32).map(|i| (i % n, (i * 7 + 1) % n)).collect();
    let big = analysis_of(&actors, &rel);
    let s = NetworkSettings {
        max_nodes: 2000,
        ..Default::default()
    };
    let m = NetworkModel::build(&big, &s, &|_| true);
    assert_eq!(m.nodes.len(), 2000);
    assert_eq!(m.available, n as usize);
}

#[test]
fn the_lit_edges_drawn_are_those_of_the_network_drawn() {
    let mut h = harness(app_on_seeds());
    let d = h.state().data.clone().expect("data");
    let kh = d.analysis.actor_by_name("Kataib Hezbollah").expect("KH");
    select(&mut h, Target::Actor(kh));
    let check = |app: &ProxyLensApp| {
        assert_eq!(
            app.lit_edges,
            super::network::lit_edges(&app.network_model, &app.highlights, &d.analysis)
        );
        assert!(app.lit_edges.iter().any(|l| *l));
    };
    check(h.state());
    // A setting that gives another network with the same selection: its own lit edges.
    let mut s = h.state().settings.network.clone();
    s.hidden_edges.push(super::network::EdgeKind::Relation(
        proxylens::model::RelationKind::MemberOf,
    ));
    h.state_mut().commands.push(Command::SetNetwork(s));
    h.step();
    h.step();
    check(h.state());
}

/// A file dropped on the window, as the window system hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_open_with_their_folders_lexicon() {
    let root = tempfile::tempdir().expect("temp dir");
    let folder = root.path();
    std::fs::write(
        folder.join("proxylens.toml"),
        "[[actor]]\nname = \"Saraya Example Front\"\nkind = \"armed_group\"\naliases = [\"Example Front\"]\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "The Example Front claimed the rocket attack on Erbil on Sunday, the group said.",
    )
    .unwrap();
    std::fs::write(
        folder.join("b.txt"),
        "Iran denied any role, its foreign ministry said.",
    )
    .unwrap();
    let mut app = app_on_seeds();
    app.data_dir = Some(folder.join("data"));
    let mut h = harness(app);
    h.input_mut().dropped_files = ["a.txt", "b.txt"]
        .iter()
        .map(|f| -> egui::DroppedFileHandle { std::sync::Arc::new(Dropped(folder.join(f))) })
        .collect();
    h.step();
    h.input_mut().dropped_files.clear();
    assert!(step_until(&mut h, 60, |a| a.job.is_none()
        && a.data.as_ref().is_some_and(|d| d.corpus.docs.len() == 2)));
    let app = h.state();
    let d = app.data.as_ref().unwrap();
    assert_eq!(d.source.label(), "2 dropped files");
    let front = d
        .analysis
        .actor_by_name("Saraya Example Front")
        .expect("the folder's own actor");
    assert!(d.analysis.actor(front).mention_count > 0);
    // A new source starts with nothing selected and its first document in the reader.
    assert!(app.selection.items.is_empty());
    assert_eq!(app.reader.open[0], Some(d.corpus.docs[0].id));
}
