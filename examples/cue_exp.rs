use rayon::prelude::*;
use std::time::Instant;
fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    let dir = std::env::temp_dir().join("proxylens-bench-9231");
    let corpus =
        proxylens::corpus::load_folder(&dir, &Default::default(), &Default::default()).unwrap();
    let t = Instant::now();
    let temps: Vec<(String, usize)> = corpus
        .docs
        .par_iter()
        .flat_map_iter(|d| {
            proxylens::analysis::debug_templates(d, &lex)
                .into_iter()
                .filter(|l| !l.starts_with("H "))
                .map(|l| {
                    let (t, names) = l.rsplit_once(" | ").unwrap();
                    let n = if names.is_empty() {
                        0
                    } else {
                        names.split(", ").count()
                    };
                    (t.to_ascii_lowercase(), n)
                })
        })
        .collect();
    let total: usize = temps.iter().map(|t| t.0.len()).sum();
    eprintln!(
        "{} templates, {} bytes, {:.1}s",
        temps.len(),
        total,
        t.elapsed().as_secs_f64()
    );
    let which: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    for &ri in &which {
        let cue = &lex.cues.relations[ri];
        let kws = cue.keywords.clone().unwrap_or_default();
        let gated: Vec<&[u8]> = temps
            .iter()
            .filter(|(t, n)| *n >= 2 && kws.iter().any(|k| t.contains(k.as_str())))
            .map(|(t, _)| t.as_bytes())
            .collect();
        let quick = cue.quick.as_ref().unwrap_or(&cue.regex);
        let time = |f: &dyn Fn(&[u8]) -> bool, hs: &[&[u8]]| {
            let mut best = f64::INFINITY;
            let mut n = 0;
            for _ in 0..5 {
                let t = Instant::now();
                n = hs.iter().filter(|h| f(h)).count();
                let e = t.elapsed().as_secs_f64();
                print!("[{:.1}]", e * 1e3);
                best = best.min(e);
            }
            (best * 1e3, n)
        };
        let (tq, nq) = time(&|h| quick.is_match(h), &gated);
        let (ts, ns) = time(&|h| cue.regex.is_match(h), &gated);
        let passed: Vec<&[u8]> = gated
            .iter()
            .copied()
            .filter(|h| quick.is_match(h))
            .collect();
        let (tc, nc) = time(&|h| cue.regex.captures_iter(h).count() > 0, &passed);
        let (tf, nf) = time(&|h| cue.regex.find_iter(h).count() > 0, &passed);
        let mut junk = vec![0u8; 8 << 20];
        let mut acc = 0u64;
        let t = Instant::now();
        let mut nn = 0;
        for (j, h) in passed.iter().enumerate() {
            if j % 5 == 0 {
                for x in junk.iter_mut().step_by(64) {
                    *x = x.wrapping_add(1);
                    acc += *x as u64;
                }
            }
            nn += cue.regex.captures_iter(h).count();
        }
        let tj = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        for (j, _) in passed.iter().enumerate() {
            if j % 5 == 0 {
                for x in junk.iter_mut().step_by(64) {
                    *x = x.wrapping_add(1);
                    acc += *x as u64;
                }
            }
        }
        let tjj = t.elapsed().as_secs_f64() * 1e3;
        println!("with thrash: {tj:.1} ms, thrash alone {tjj:.1} ms, {nn} {acc}");
        println!(
            "rel {ri}: gated {} quick {tq:.1} ms -> {nq}; strict {ts:.1} ms -> {ns}; captures on passed {tc:.1} ms -> {nc}; find_iter {tf:.1} ms -> {nf}",
            gated.len()
        );
    }
}
