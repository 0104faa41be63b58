//! Property tests: the loader and the analysis never panic, whatever the input.

use proptest::prelude::*;
use proxylens::analysis;
use proxylens::corpus::{Corpus, Format, build_document};
use proxylens::lexicon::Lexicon;

fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(Lexicon::bundled)
}

/// Words that steer the analysis into its rules, so random text reaches them.
const WORDS: &[&str] = &[
    "Iran",
    "Iranian-backed",
    "Kataib Hezbollah",
    "US",
    "U.S.",
    "claimed",
    "responsibility",
    "denied",
    "blamed",
    "attack",
    "attacks",
    "on",
    "Oct.",
    "17",
    "killed",
    "three",
    "at",
    "Tower 22",
    "al-Tanf",
    "“",
    "”",
    "\"",
    "said",
    ",",
    ".",
    "?",
    "’s",
    "since",
    "Of those,",
    "in",
    "Iraq",
    "and",
    "Syria",
    "drone",
    "strike",
    "the",
    "He",
    "spokesman",
    "according to",
    "Pentagon",
    "—",
    "\n",
    "\n\n",
    "é",
    "🙂",
    "<p>",
    "</p>",
    "<script>",
    "&amp;",
    "backed by",
    "leader",
    "President",
    "Biden",
    "talks",
    "between",
];

fn analyse_bytes(name: &str, bytes: &[u8]) {
    let lex = lexicon();
    let c = Corpus::from_memory(&[(name, bytes)], lex);
    let a = analysis::analyse(&c, lex);
    // Spans always slice the displayed text.
    for m in &a.mentions {
        let t = &c.doc(m.span.doc).text;
        assert!(t.get(m.span.range()).is_some());
    }
    let _ = proxylens::export::to_json(&c, lex, &a);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        analyse_bytes("x.txt", &bytes);
        analyse_bytes("x.html", &bytes);
    }

    #[test]
    fn random_unicode_never_panics(s in "\\PC{0,600}") {
        analyse_bytes("x.txt", s.as_bytes());
        analyse_bytes("x.md", s.as_bytes());
    }

    #[test]
    fn word_salad_never_panics(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..300)) {
        let text = words.join(" ");
        analyse_bytes("x.txt", text.as_bytes());
        let glued = words.concat();
        analyse_bytes("y.txt", glued.as_bytes());
    }

    #[test]
    fn truncated_html_never_panics(cut in 0usize..600) {
        let page = "<html><head><title>T</title><meta property=\"og:site_name\" content=\"Al-Monitor\"></head><body><article><h1>Rockets hit al-Asad</h1><p>Kataib Hezbollah claimed responsibility for the attack on Oct. 17, the Pentagon said.</p><figure><figcaption>A photo (AP)</figcaption></figure><p>“We deny it,” Iran’s foreign ministry said.</p></article><footer>©</footer></body></html>";
        let cut = cut.min(page.len());
        let cut = (0..=cut).rev().find(|&i| page.is_char_boundary(i)).unwrap_or(0);
        analyse_bytes("x.html", &page.as_bytes()[..cut]);
    }
}

#[test]
fn very_long_line_and_deep_nesting() {
    let line = "Iran-backed militias attacked US forces at al-Tanf on Oct. 17, the Pentagon said, "
        .repeat(20_000);
    analyse_bytes("long.txt", line.as_bytes());
    let nested = format!("{}text{}", "<div>".repeat(20_000), "</div>".repeat(10));
    analyse_bytes("deep.html", nested.as_bytes());
    let no_spaces = "a".repeat(1_000_000);
    analyse_bytes("nospace.txt", no_spaces.as_bytes());
}

#[test]
fn build_document_reports_reasons() {
    let lex = lexicon();
    assert_eq!(
        build_document("e.txt", Format::Text, b"", lex).unwrap_err(),
        "empty file"
    );
    assert_eq!(
        build_document("b.txt", Format::Text, &[0, 1, 2, 0], lex).unwrap_err(),
        "binary data, not text"
    );
    assert!(build_document("s.html", Format::Html, b"<script>only()</script>", lex).is_err());
}

/// Mutates a real article: flipped bytes, a cut, a spliced-in piece of itself.
fn mutate(base: &[u8], ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut v = base.to_vec();
    for &(op, at, byte) in ops {
        if v.is_empty() {
            break;
        }
        let i = at % v.len();
        match op % 4 {
            0 => v[i] = byte,
            1 => v.truncate(i),
            2 => {
                let piece: Vec<u8> = v[i..].iter().take(byte as usize * 4).copied().collect();
                let j = (at / 7) % v.len();
                v.splice(j..j, piece);
            }
            _ => v.insert(i, byte),
        }
    }
    v
}

/// A fuzz run with a time budget: `PROXYLENS_FUZZ_SECONDS=120 cargo test --test robustness
/// fuzz_for_a_time_budget` (CI does). Inputs: random bytes, random Unicode, word salad, and
/// mutated real articles (text and HTML), through the loader and the analysis. A panic saves
/// the input under target/fuzz-failures/ and fails. Without the variable it runs 2 seconds.
#[test]
fn fuzz_for_a_time_budget() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let secs: u64 = std::env::var("PROXYLENS_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let seeds: Vec<&[u8]> = proxylens::seeds::SEEDS.iter().map(|(_, b)| *b).collect();
    let html: &[u8] = b"<html><head><title>T</title><meta name=\"date\" content=\"2024-01-29\"><script>var x = '</p>';</script></head><body><nav>Home</nav><article><h1>Drone hits Tower 22</h1><p>Kataib Hezbollah claimed the attack, the Pentagon said &amp; Iran denied it.</p><figure><figcaption>Photo (AP)</figcaption></figure></article><footer>(c)</footer></body></html>";
    let strategy = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..4000),
        "\\PC{0,1500}".prop_map(String::into_bytes),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..400)
            .prop_map(|w| w.join(" ").into_bytes()),
        (
            0..seeds.len() + 1,
            proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..12)
        )
            .prop_map(move |(k, ops)| mutate(if k < seeds.len() { seeds[k] } else { html }, &ops)),
    ];
    let mut runner = TestRunner::deterministic();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let mut runs = 0u64;
    while std::time::Instant::now() < deadline {
        let input = strategy.new_tree(&mut runner).expect("a value").current();
        for name in ["f.txt", "f.html", "f.md"] {
            let r = std::panic::catch_unwind(|| analyse_bytes(name, &input));
            if r.is_err() {
                let dir =
                    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
                let _ = std::fs::create_dir_all(&dir);
                let file = dir.join(format!("input-{runs}-{name}"));
                let _ = std::fs::write(&file, &input);
                panic!("panicked on the input saved in {}", file.display());
            }
        }
        runs += 1;
    }
    eprintln!("fuzz: {runs} inputs in {secs} s, no panic");
}
