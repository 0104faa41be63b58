//! Writes the JSON export of a folder through the library alone (no GUI crates needed), as
//! `proxylens extract FOLDER --json OUT.json` does: `cargo run --release --example export --
//! FOLDER OUT.json`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, out] = args.as_slice() else {
        eprintln!("usage: export FOLDER OUT.json");
        std::process::exit(2);
    };
    let c = proxylens::corpus::load_folder(
        std::path::Path::new(folder),
        &proxylens::corpus::LoadOptions::default(),
        &proxylens::corpus::Progress::default(),
    )
    .unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let lex = c.lexicon();
    let started = std::time::Instant::now();
    let a = proxylens::analysis::analyse(&c, &lex);
    eprintln!(
        "{} documents analysed in {:.2} s",
        c.docs.len(),
        started.elapsed().as_secs_f64()
    );
    proxylens::export::write(std::path::Path::new(out), &c, &lex, &a).expect("writable output");
}
