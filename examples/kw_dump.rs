fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    for (i, c) in lex.cues.statements.iter().enumerate() {
        println!(
            "st {i}: {:?} lowered={} quick={}",
            c.keywords,
            c.lowered,
            c.quick.is_some()
        );
    }
    for (i, c) in lex.cues.relations.iter().enumerate() {
        println!(
            "rel {i}: {:?} lowered={} quick={}",
            c.keywords,
            c.lowered,
            c.quick.is_some()
        );
    }
}
