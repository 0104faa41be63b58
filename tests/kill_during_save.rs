//! Killing ProxyLens in the middle of a save leaves the previous state intact: the export
//! (written like the settings: a temporary file renamed over the old one) and the analysis
//! cache (an SQLite transaction).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_proxylens");

/// A temporary folder, removed when the test ends.
fn scratch(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("proxylens-kill-{tag}-"))
        .tempdir()
        .unwrap()
}

/// `proxylens extract FOLDER --json OUT`.
fn extract(folder: &Path, out: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("extract").arg(folder).arg("--json").arg(out);
    c
}

fn generate(dir: &Path, count: usize, seed: u64) {
    let st = Command::new(BIN)
        .args(["generate", dir.to_str().unwrap(), "--count"])
        .arg(count.to_string())
        .args(["--seed", &seed.to_string()])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
}

#[test]
fn a_kill_while_the_export_is_written_keeps_the_previous_file() {
    let tmp = scratch("export");
    let root = tmp.path();
    let folder = root.join("articles");
    generate(&folder, 1500, 9);
    let out = root.join("export.json");
    let previous = br#"{"previous": "export"}"#;
    for attempt in 0..3 {
        std::fs::write(&out, previous).unwrap();
        let mut child = extract(&folder, &out)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Kill as soon as it says it is writing (plus a little, later on each attempt).
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        while err.read_line(&mut line).unwrap() > 0 && !line.starts_with("writing") {
            line.clear();
        }
        std::thread::sleep(Duration::from_millis(attempt * 20));
        let _ = child.kill();
        let _ = child.wait();
        let bytes = std::fs::read(&out).unwrap();
        if bytes != previous {
            // The save got through before the kill: then it is the whole new export.
            let v: serde_json::Value = serde_json::from_slice(&bytes)
                .expect("the export is either the old file or a complete new one");
            assert_eq!(v["documents"].as_array().map(Vec::len), Some(1500));
        }
    }
    // A save that runs to the end replaces the file and clears what killed saves left.
    let st = extract(&folder, &out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1500));
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn entries(cache: &Path) -> i64 {
    let db = rusqlite::Connection::open(cache).unwrap();
    db.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_kill_in_the_middle_of_a_cache_save_keeps_the_previous_cache() {
    let tmp = scratch("cache");
    let root = tmp.path();
    let folder = root.join("articles");
    let cache = root.join("data/cache.sqlite");
    generate(&folder, 50, 1);
    let run = |json: &str| {
        extract(&folder, &root.join(json))
            .arg("--cache")
            .arg(&cache)
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(run("a.json").wait().unwrap().success());
    assert_eq!(entries(&cache), 50);

    // Many more articles: the save of their findings is one long transaction.
    generate(&folder.join("more"), 1500, 2);
    let mut child = run("b.json");
    let wal = root.join("data/cache.sqlite-wal");
    let until = Instant::now() + Duration::from_secs(300);
    let mut mid_save = false;
    while Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        // Uncommitted pages spill into the write-ahead log while the transaction runs.
        if std::fs::metadata(&wal).map_or(0, |m| m.len()) > 2 << 20 {
            mid_save = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(mid_save, "the save was never seen in progress");

    // The previous state: the 50 first files, readable and serving.
    assert_eq!(entries(&cache), 50);
    let out = extract(&folder, &root.join("c.json"))
        .arg("--cache")
        .arg(&cache)
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("1550 documents, 50 read from the cache"),
        "{log}"
    );
    assert_eq!(entries(&cache), 1550);
}
