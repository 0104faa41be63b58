fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    for c in &lex.cues.statements {
        println!("S {:?} {}", c.keywords, c.origin);
    }
    for c in &lex.cues.relations {
        println!("R {:?} {}", c.keywords, c.origin);
    }
}
