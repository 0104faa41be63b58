//! Analysis throughput and peak memory on a generated corpus.
//!
//! `cargo run --release --example bench_analysis -- [MEGABYTES]` (default 60 MB).
//! Prints the corpus size, the time to build the corpus (decode, clean, metadata) and to
//! analyse it on one core and on all cores, the throughput in MB/s, and the peak resident
//! memory as a multiple of the corpus size. The one-core time is the best of
//! `PROXYLENS_BENCH_RUNS` runs (default 3).

use std::time::Instant;

use proxylens::lexicon::Lexicon;

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(60.0);
    let lex = Lexicon::bundled();
    // The corpus is written to disk once (deterministic) and read back as the app would.
    let n = ((mb * 1e6) / 6500.0).ceil() as usize;
    let dir = std::env::temp_dir().join(format!("proxylens-bench-{n}"));
    if !dir.join(".complete").exists() {
        let files = proxylens::synth::generate(n, 42, &lex);
        for (name, bytes) in &files {
            let p = dir.join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, bytes).expect("write");
        }
        std::fs::write(dir.join(".complete"), b"").expect("marker");
    }
    let rss0 = proxylens::util::peak_rss_bytes();
    let t = Instant::now();
    let corpus = proxylens::corpus::load_folder(&dir, &Default::default(), &Default::default())
        .expect("load");
    let t_corpus = t.elapsed().as_secs_f64();
    let bytes: u64 = corpus.docs.iter().map(|d| d.file_bytes).sum();
    let text_mb = corpus.text_bytes() as f64 / 1e6;
    // Load and analyse once, as the app does: that is the memory it needs.
    let t = Instant::now();
    let a = proxylens::analysis::analyse(&corpus, &lex);
    let t_all = t.elapsed().as_secs_f64();
    let peak = proxylens::util::peak_rss_bytes().saturating_sub(rss0);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    // The best of a few runs: this machine's noise only ever adds time.
    let runs: usize = std::env::var("PROXYLENS_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut t_one = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let again = one.install(|| proxylens::analysis::analyse(&corpus, &lex));
        t_one = t_one.min(t.elapsed().as_secs_f64());
        drop(again);
    }
    println!(
        "corpus: {} documents, {:.1} MB of files, {:.1} MB of text",
        corpus.docs.len(),
        bytes as f64 / 1e6,
        text_mb
    );
    println!(
        "findings: {} mentions, {} statements, {} tallies, {} attack reports, {} incidents, {} relations",
        a.mentions.len(),
        a.statements.len(),
        a.tallies.len(),
        a.reports.len(),
        a.incidents.len(),
        a.relations.len()
    );
    println!(
        "load (read, decode, clean, metadata), {} threads: {:.2} s",
        rayon::current_num_threads(),
        t_corpus
    );
    println!(
        "analysis, 1 thread:  {:.2} s = {:.1} MB/s (best of {})",
        t_one,
        text_mb / t_one,
        runs.max(1)
    );
    println!(
        "analysis, {} threads: {:.2} s = {:.1} MB/s",
        rayon::current_num_threads(),
        t_all,
        text_mb / t_all
    );
    println!(
        "peak memory for load + analysis: {:.0} MB = {:.2} x the corpus files",
        peak as f64 / 1e6,
        peak as f64 / bytes as f64
    );
}
