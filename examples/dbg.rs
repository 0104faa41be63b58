fn main() {
    let lex = proxylens::lexicon::Lexicon::bundled();
    let text = std::env::args().nth(1).unwrap();
    let c = proxylens::corpus::Corpus::from_memory(&[("a.txt", text.as_bytes())], &lex);
    for l in proxylens::analysis::debug_templates(&c.docs[0], &lex) {
        println!("T {l}");
    }
    let a = proxylens::analysis::analyse(&c, &lex);
    for r in &a.relations {
        println!(
            "R {} {} {}",
            a.actor(r.from).name,
            r.kind.as_str(),
            a.actor(r.to).name
        );
    }
    for s in &a.statements {
        println!(
            "S {} {:?} {:?}",
            s.kind.as_str(),
            s.speaker.map(|x| a.actor(x).name.clone()),
            s.about.map(|x| a.actor(x).name.clone())
        );
    }
    for r in &a.reports {
        println!(
            "A {:?} {:?} {:?} {:?} {:?}",
            r.date,
            r.place.map(|p| lex.place(p).name.clone()),
            r.attacker.map(|x| a.actor(x).name.clone()),
            r.target.map(|x| a.actor(x).name.clone()),
            r.weapon
        );
    }
    for t in &a.tallies {
        println!(
            "N {} {} {:?} {:?} {:?}",
            t.value,
            t.unit,
            t.since,
            t.region,
            t.reported_by.map(|x| a.actor(x).name.clone())
        );
    }
}
