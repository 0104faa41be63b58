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
