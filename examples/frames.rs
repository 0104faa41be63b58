//! Prints how the frame analysis reads each sentence of the files given (tokens and tags,
//! predicates with their arguments, speech frames, statements), to debug the word classes:
//! `cargo run --release --example frames -- FILE...` (a file of your own sentences works too).
fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let c = proxylens::corpus::Corpus::from_memory(&[(path.as_str(), &bytes)], &lex);
        for d in &c.docs {
            for line in proxylens::analysis::debug_frames(d, &lex) {
                println!("{line}");
            }
        }
    }
}
