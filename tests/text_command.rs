//! `proxylens text PATH… [--json OUT.json]`: what ProxyLens reads of each file.

use std::process::Command;

fn proxylens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_proxylens"))
}

#[test]
fn text_prints_or_writes_what_the_analysis_reads() {
    let dir = std::env::temp_dir().join(format!("proxylens-text-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/page.html"),
        "<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><article><h1>Depot hit</h1>\
         <p>The strike hit the fuel depot at dawn, officials said, and the fire burned all day.</p>\
         </article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("note.txt"),
        "Rockets were fired at the base overnight.",
    )
    .unwrap();
    let out = dir.join("out.json");
    let run = proxylens()
        .arg("text")
        .arg(&dir)
        .arg("--json")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let texts: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let page = dir.join("sub/page.html").display().to_string();
    let note = dir.join("note.txt").display().to_string();
    assert_eq!(
        texts[&page],
        "The strike hit the fuel depot at dawn, officials said, and the fire burned all day."
    );
    assert_eq!(texts[&note], "Rockets were fired at the base overnight.");
    // Printed, one file at a time.
    let run = proxylens()
        .arg("text")
        .arg(dir.join("sub/page.html"))
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(
        printed.contains("The strike hit the fuel depot"),
        "{printed}"
    );
    assert!(!printed.contains("World"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_of_a_missing_path_is_an_error() {
    let run = proxylens()
        .args(["text", "/definitely/not/here.html"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("no such file or folder"));
}
