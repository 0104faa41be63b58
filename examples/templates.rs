//! Prints the templated sentences of the files given, to debug cue patterns:
//! `cargo run --example templates -- seeds/001_c60dc770f8c651e0.txt`
fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let c = proxylens::corpus::Corpus::from_memory(&[(path.as_str(), &bytes)], &lex);
        for d in &c.docs {
            for line in proxylens::analysis::debug_templates(d, &lex) {
                println!("{line}");
            }
        }
    }
}
