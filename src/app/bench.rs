//! `proxylens bench-ui`: CPU time per frame of the whole UI (layout, drawing, tessellation) on
//! a large generated corpus while the network is laid out (force and hierarchy), panned and
//! hovered, without a window or GPU; and whether the app asks for repaints when nothing moves.

use std::time::{Duration, Instant};

use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};

use super::loader::{Loaded, Source};
use super::{ProxyLensApp, Settings};

fn input(events: Vec<Event>, t: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        time: Some(t),
        events,
        ..Default::default()
    }
}

/// CPU time (milliseconds) the calling thread has used: what a frame costs the UI thread,
/// without the time other programs take from it on a busy machine. Wall time where the
/// platform has no such clock.
fn cpu_ms() -> f64 {
    clock_ms(true)
}

/// CPU time (milliseconds) of the whole process, every thread (the layout worker too).
fn process_cpu_ms() -> f64 {
    clock_ms(false)
}

fn clock_ms(thread: bool) -> f64 {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        let clock = if thread {
            libc::CLOCK_THREAD_CPUTIME_ID
        } else {
            libc::CLOCK_PROCESS_CPUTIME_ID
        };
        // SAFETY: `t` is a valid timespec for the call to write into.
        if unsafe { libc::clock_gettime(clock, &mut t) } == 0 {
            return t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6;
        }
    }
    let _ = thread;
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
    let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
    (mean, p95, *v.last().unwrap_or(&0.0))
}

/// Repeats the actors and relations of `a` (copies named "… (2)", "… (3)" …) until at least
/// `nodes` actors are mentioned: the generated corpus names about a thousand actors at most,
/// and the network must be measured at 2,000. Returns the number of copies added.
fn widen(a: &mut proxylens::analysis::Analysis, nodes: usize) -> usize {
    use proxylens::model::ActorId;
    let base: Vec<usize> = (0..a.actors.len())
        .filter(|&i| a.actors[i].mention_count > 0)
        .collect();
    if base.is_empty() {
        return 0;
    }
    let relations = a.relations.clone();
    let mut copies = 0;
    while base.len() * (copies + 1) < nodes {
        copies += 1;
        let mut map = std::collections::HashMap::new();
        for &i in &base {
            let mut x = a.actors[i].clone();
            x.name = format!("{} ({})", x.name, copies + 1);
            x.aliases.clear();
            map.insert(ActorId(i as u32), ActorId(a.actors.len() as u32));
            a.actors.push(x);
        }
        for r in &relations {
            if let (Some(&from), Some(&to)) = (map.get(&r.from), map.get(&r.to)) {
                let mut c = r.clone();
                c.from = from;
                c.to = to;
                a.relations.push(c);
            }
        }
    }
    copies
}

/// Runs the benchmark with `docs` generated articles and `nodes` network nodes.
pub fn run(docs: usize, nodes: usize) {
    let lex = proxylens::lexicon::Lexicon::bundled();
    let t = Instant::now();
    let files = proxylens::synth::generate(docs, 7, &lex);
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let corpus = proxylens::corpus::Corpus::from_memory(&refs, &lex);
    let mut analysis = proxylens::analysis::analyse(&corpus, &lex);
    println!(
        "{} documents generated and analysed in {:.1} s",
        corpus.docs.len(),
        t.elapsed().as_secs_f64()
    );
    let found = analysis
        .actors
        .iter()
        .filter(|a| a.mention_count > 0)
        .count();
    let copies = widen(&mut analysis, nodes);
    if copies > 0 {
        println!(
            "the articles name {found} actors; for {nodes} nodes the network is repeated {copies} more time(s) (actors and relations copied, as if from other theatres)"
        );
    }
    let mut app = ProxyLensApp::new(Settings::default());
    app.settings.network.max_nodes = nodes;
    app.settings.network.min_weight = 1;
    app.set_data(Loaded::new(Source::Seeds, corpus, lex, analysis));
    println!(
        "network: {} nodes, {} edges",
        app.network_model.nodes.len(),
        app.network_model.edges.len()
    );
    let ctx = egui::Context::default();
    let mut time = 0.0;
    // The share of the frames' time spent tessellating (the rest is the UI code).
    let tessellating = std::cell::Cell::new(0.0f64);
    let frame = |app: &mut ProxyLensApp, events: Vec<Event>, time: &mut f64| -> (f64, Duration) {
        *time += 1.0 / 60.0;
        let t = cpu_ms();
        let mut out = ctx.run_ui(input(events, *time), |ui| app.show(ui));
        // No GPU here: the texture changes are dropped, not uploaded.
        out.textures_delta.clear();
        let ui_done = cpu_ms();
        let _prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        let end = cpu_ms();
        tessellating.set(tessellating.get() + end - ui_done);
        let delay = out
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.repaint_delay)
            .unwrap_or(Duration::MAX);
        (end - t, delay)
    };
    // Warm up.
    for _ in 0..5 {
        frame(&mut app, vec![], &mut time);
    }
    for mode in [
        super::graph_layout::Mode::Force,
        super::graph_layout::Mode::Hierarchy,
    ] {
        // Laying the network out from scratch, as after opening a folder: every frame until
        // the layout settles (it runs on its own thread; the UI thread draws).
        app.settings.network.layout = mode;
        app.network.layout.restart(mode);
        app.network.auto_fit = true;
        let mut times = Vec::new();
        let (wall, all_cpu) = (Instant::now(), process_cpu_ms());
        // Frames at 60 per second, as a screen shows them (the layout runs meanwhile).
        while !app.network.layout.settled() && times.len() < 20_000 {
            let tick = Instant::now();
            let (ms, _) = frame(&mut app, vec![], &mut time);
            times.push(ms);
            if let Some(rest) = Duration::from_millis(16).checked_sub(tick.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        let frames = times.len();
        let ui_total: f64 = times.iter().sum();
        let (mean, p95, max) = stats(times);
        println!(
            "{mode:?} layout from scratch: settled after {} steps, {frames} frames, {:.2} s; UI thread {mean:.2} ms mean, {p95:.2} ms p95, {max:.2} ms max CPU per frame; the layout worker meanwhile {:.0} ms CPU in all",
            app.network.layout.steps,
            wall.elapsed().as_secs_f64(),
            (process_cpu_ms() - all_cpu - ui_total).max(0.0)
        );
        // The same layout again without frames: what one step costs.
        app.network.layout.restart(mode);
        let t = cpu_ms();
        let mut steps = 0u32;
        while app.network.layout.step(&app.network_model) {
            steps += 1;
        }
        for _ in 0..2 {
            frame(&mut app, vec![], &mut time);
        }
        println!(
            "{mode:?} layout alone: {steps} steps, {:.2} ms CPU per step",
            (cpu_ms() - t) / steps.max(1) as f64
        );
        for _ in 0..5 {
            frame(&mut app, vec![], &mut time);
        }
        // Pan: drag on the network's background.
        let c = app.network.canvas;
        let start = c.left_top() + vec2(12.0, 12.0);
        let mut times = Vec::new();
        let mut pos = start;
        tessellating.set(0.0);
        frame(
            &mut app,
            vec![
                Event::PointerMoved(pos),
                Event::PointerButton {
                    pos,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                },
            ],
            &mut time,
        );
        for i in 0..300 {
            let d = if (i / 50) % 2 == 0 {
                vec2(1.5, 0.7)
            } else {
                vec2(-1.5, -0.7)
            };
            pos += d;
            let (ms, _) = frame(&mut app, vec![Event::PointerMoved(pos)], &mut time);
            times.push(ms);
        }
        frame(
            &mut app,
            vec![Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed: false,
                modifiers: Modifiers::NONE,
            }],
            &mut time,
        );
        let tess = tessellating.get() / times.len() as f64;
        let (mean, p95, max) = stats(times);
        println!(
            "{mode:?}: panning the network: {mean:.2} ms mean ({tess:.2} ms of it tessellation), {p95:.2} ms p95, {max:.2} ms max CPU per frame (UI + tessellation)"
        );
        // Hover: the pointer sweeps the canvas (tooltips, hover labels).
        app.network.auto_fit = true;
        for _ in 0..5 {
            frame(&mut app, vec![], &mut time);
        }
        let mut times = Vec::new();
        for i in 0..240 {
            let f = i as f32 / 240.0;
            let p = c.left_top() + vec2(c.width() * f, c.height() * (0.5 + 0.4 * (f * 12.0).sin()));
            let (ms, _) = frame(&mut app, vec![Event::PointerMoved(p)], &mut time);
            times.push(ms);
        }
        let (mean, p95, max) = stats(times);
        println!(
            "{mode:?}: hovering over the network: {mean:.2} ms mean, {p95:.2} ms p95, {max:.2} ms max CPU per frame"
        );
    }
    println!("view-model rebuilds so far: {}", app.rebuilds);
    // Idle: the pointer leaves, animations end, then nothing moves.
    frame(&mut app, vec![Event::PointerGone], &mut time);
    for _ in 0..60 {
        frame(&mut app, vec![], &mut time);
    }
    let mut idle = Vec::new();
    let mut delays = Vec::new();
    for _ in 0..30 {
        let (ms, delay) = frame(&mut app, vec![], &mut time);
        idle.push(ms);
        delays.push(delay);
    }
    let (mean, _, _) = stats(idle);
    let asks = delays
        .iter()
        .filter(|d| **d < Duration::from_millis(100))
        .count();
    println!(
        "idle: {mean:.2} ms per frame when asked to draw; {asks} of 30 idle frames asked for another repaint"
    );
}

fn peak_rss_mb() -> f64 {
    proxylens::util::peak_rss_bytes() as f64 / 1e6
}

fn folder_bytes(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(t) if t.is_file() => total += e.metadata().map_or(0, |m| m.len()),
                _ => {}
            }
        }
    }
    total
}

/// `proxylens bench-load FOLDER [DATA_DIR]`: opens FOLDER in the headless app the way a user
/// does (loader thread, analysis cache in DATA_DIR), drawing a frame every 16 ms meanwhile.
/// Prints the load time, the CPU time per frame while loading, peak memory, then the time a
/// corpus search takes and how soon Cancel stops a load.
pub fn load(folder: &std::path::Path, data_dir: &std::path::Path) {
    let bytes = folder_bytes(folder);
    let ctx = egui::Context::default();
    let mut app = ProxyLensApp::new(Settings::default());
    app.data_dir = Some(data_dir.to_path_buf());
    let mut time = 0.0;
    let mut frame = |app: &mut ProxyLensApp| -> f64 {
        time += 1.0 / 60.0;
        let t = Instant::now();
        let mut out = ctx.run_ui(input(vec![], time), |ui| app.show(ui));
        out.textures_delta.clear();
        let _prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        t.elapsed().as_secs_f64() * 1000.0
    };
    frame(&mut app);
    let t0 = Instant::now();
    app.start_load(Source::Folder(folder.to_path_buf()), &ctx);
    let mut times = Vec::new();
    let mut last_progress = String::new();
    let mut install = 0.0;
    while app.job.is_some() {
        let tick = Instant::now();
        let ms = frame(&mut app);
        if app.job.is_some() {
            times.push(ms);
        } else {
            // The frame that takes the data in and draws every view for the first time.
            install = ms;
        }
        if let Some(j) = &app.job {
            let (done, total) = j.counts();
            let p = format!("{:?} {done}/{total}", j.progress.stage());
            if p.split(' ').next() != last_progress.split(' ').next() {
                println!("  {:6.2} s: {p}", t0.elapsed().as_secs_f64());
            }
            last_progress = p;
        }
        if let Some(rest) = Duration::from_millis(16).checked_sub(tick.elapsed()) {
            std::thread::sleep(rest);
        }
    }
    let load_s = t0.elapsed().as_secs_f64();
    let docs = app.data.as_ref().map_or(0, |d| d.corpus.docs.len());
    let (mean, p95, max) = stats(times.clone());
    println!("{}", app.status);
    println!(
        "opened {docs} documents ({:.0} MB of files) in {load_s:.2} s; {} frames drawn while loading: {mean:.2} ms mean, {p95:.2} ms p95, {max:.2} ms max CPU per frame; the frame that takes the data in: {install:.1} ms",
        bytes as f64 / 1e6,
        times.len()
    );
    // The first frames with the data build the view models.
    let mut first = Vec::new();
    for _ in 0..3 {
        first.push(frame(&mut app));
    }
    let mut after = Vec::new();
    for _ in 0..60 {
        after.push(frame(&mut app));
    }
    let (amean, ap95, amax) = stats(after);
    println!(
        "first frames with the data: {:.1} ms, {:.1} ms, {:.1} ms; then {amean:.2} ms mean, {ap95:.2} ms p95, {amax:.2} ms max",
        first[0], first[1], first[2]
    );
    println!(
        "peak memory: {:.0} MB = {:.2} x the files",
        peak_rss_mb(),
        peak_rss_mb() * 1e6 / bytes.max(1) as f64
    );
    // Selecting the most mentioned actor (then filtering to it, then clearing), as a click does.
    if let Some(d) = app.data.clone() {
        use super::commands::Command;
        use super::selection::Target;
        let top = d
            .analysis
            .actors
            .iter()
            .enumerate()
            .max_by_key(|(_, x)| x.mention_count)
            .map(|(i, _)| proxylens::model::ActorId(i as u32));
        if let Some(top) = top {
            for (what, cmd) in [
                (
                    "select the most mentioned actor",
                    Command::Select(Target::Actor(top)),
                ),
                ("filter every view to it", Command::SetFilter(true)),
                ("clear", Command::Clear),
            ] {
                app.commands.push(cmd);
                let t = Instant::now();
                let mut during = vec![frame(&mut app)];
                // Large corpora recompute the views on a worker: frames go on meanwhile.
                while app.views_pending() {
                    std::thread::sleep(Duration::from_millis(8));
                    during.push(frame(&mut app));
                }
                let shown = t.elapsed().as_secs_f64() * 1000.0;
                let frames = during.len();
                let (_, _, dmax) = stats(during);
                let mut next = Vec::new();
                for _ in 0..20 {
                    next.push(frame(&mut app));
                }
                let (m, p, _) = stats(next);
                println!(
                    "{what}: shown after {shown:.0} ms ({frames} frames meanwhile, longest {dmax:.1} ms), then {m:.2} ms mean, {p:.2} ms p95"
                );
            }
        }
        for q in [
            "Kataib Hezbollah",
            "drone",
            "al-Tanf",
            "retaliation",
            "no such words",
        ] {
            let t = Instant::now();
            let hits = super::documents::search(&d.corpus, q, 500);
            println!(
                "search {q:?}: {} hits (first 500) in {:.0} ms",
                hits.len(),
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    // Cancel: a load that must analyse everything (a fresh cache), cancelled 2 s into the
    // analysis (while it writes the cache too).
    let fresh = data_dir.join("cancel-run");
    let _ = std::fs::remove_dir_all(&fresh);
    app.data_dir = Some(fresh.clone());
    app.start_load(Source::Folder(folder.to_path_buf()), &ctx);
    let mut analysing_since: Option<Instant> = None;
    while app.job.is_some() && analysing_since.is_none_or(|t| t.elapsed() < Duration::from_secs(2))
    {
        frame(&mut app);
        if analysing_since.is_none()
            && app
                .job
                .as_ref()
                .is_some_and(|j| j.progress.stage() == proxylens::corpus::Stage::Analysing)
        {
            analysing_since = Some(Instant::now());
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    let stage = app.job.as_ref().map(|j| j.progress.stage());
    let t = Instant::now();
    if let Some(j) = &app.job {
        j.cancel();
    }
    while app.job.is_some() {
        frame(&mut app);
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "cancel during {stage:?}: the load stopped {:.0} ms after Cancel ({})",
        t.elapsed().as_secs_f64() * 1000.0,
        app.status
    );
    let _ = std::fs::remove_dir_all(&fresh);
}
