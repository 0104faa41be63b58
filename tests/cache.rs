//! The analysis cache: a reopen gives the same findings without reading unchanged files, only
//! what changed is analysed again, and a damaged or foreign cache is rebuilt, never trusted.

use std::path::{Path, PathBuf};

use proxylens::cache::Cache;
use proxylens::corpus::{LoadOptions, Progress};
use proxylens::lexicon::Lexicon;
use proxylens::open::{Opened, open_folder};

/// A temporary folder with `articles/` in it, removed when the test ends.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let d = tempfile::Builder::new()
            .prefix(&format!("proxylens-cache-{tag}-"))
            .tempdir()
            .unwrap();
        std::fs::create_dir_all(d.path().join("articles")).unwrap();
        Scratch(d)
    }
    fn folder(&self) -> PathBuf {
        self.0.path().join("articles")
    }
    fn cache(&self) -> PathBuf {
        self.0.path().join("data/cache.sqlite")
    }
}

fn write_articles(dir: &Path, n: usize, seed: u64) {
    let lex = Lexicon::bundled();
    for (name, bytes) in proxylens::synth::generate(n, seed, &lex) {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn open(folder: &Path, cache: Option<&Path>) -> Opened {
    let mut c = cache.map(|p| Cache::open(p).expect("cache opens"));
    open_folder(
        folder,
        &LoadOptions::default(),
        &Progress::default(),
        c.as_mut(),
    )
    .expect("folder opens")
}

fn export(o: &Opened) -> serde_json::Value {
    proxylens::export::to_json(&o.corpus, &o.lexicon, &o.analysis)
}

/// Sets a file's modification time forward, as an editor saving it later would.
fn bump_mtime(p: &Path, secs: u64) {
    let f = std::fs::File::options().write(true).open(p).unwrap();
    let t =
        std::fs::metadata(p).unwrap().modified().unwrap() + std::time::Duration::from_secs(secs);
    f.set_modified(t).unwrap();
}

#[test]
fn a_reopen_gives_the_same_findings_from_the_cache() {
    let s = Scratch::new("reopen");
    write_articles(&s.folder(), 60, 7);
    let plain = open(&s.folder(), None);
    let first = open(&s.folder(), Some(&s.cache()));
    assert_eq!(first.report.analysed, 60);
    assert_eq!(first.report.docs_from_cache, 0);
    let second = open(&s.folder(), Some(&s.cache()));
    assert_eq!(second.report.docs_from_cache, 60, "{:?}", second.report);
    assert_eq!(second.report.findings_from_cache, 60);
    assert_eq!(second.report.analysed, 0);
    assert_eq!(export(&plain), export(&first));
    assert_eq!(export(&plain), export(&second));
    // The cache lives where it was asked to, never in the user's folder.
    assert!(s.cache().exists());
    let in_folder: Vec<_> = walk(&s.folder())
        .into_iter()
        .filter(|p| {
            let n = p.to_string_lossy();
            n.contains("sqlite") || n.contains(".tmp")
        })
        .collect();
    assert!(in_folder.is_empty(), "{in_folder:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn only_new_and_changed_files_are_analysed_again() {
    let s = Scratch::new("changes");
    write_articles(&s.folder(), 40, 11);
    open(&s.folder(), Some(&s.cache()));
    let files = walk(&s.folder());
    // One file changed, one only touched, one removed, one added.
    let changed = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let mut text = std::fs::read_to_string(changed).unwrap();
    text.push_str("\n\nIran denied any role in the attack, the foreign ministry said.\n");
    std::fs::write(changed, text).unwrap();
    bump_mtime(changed, 5);
    let touched = files.iter().find(|p| *p != changed).unwrap();
    bump_mtime(touched, 5);
    let removed = files
        .iter()
        .rev()
        .find(|p| *p != changed && *p != touched)
        .unwrap();
    std::fs::remove_file(removed).unwrap();
    std::fs::write(
        s.folder().join("new-article.txt"),
        "Kataib Hezbollah claimed the drone attack on al-Tanf on Oct. 20, 2023.",
    )
    .unwrap();

    let again = open(&s.folder(), Some(&s.cache()));
    let r = &again.report;
    assert_eq!(r.documents, 40);
    assert_eq!(r.analysed, 2, "{r:?}");
    assert_eq!(r.findings_from_cache, 38, "{r:?}");
    assert_eq!(r.docs_from_cache, 38, "{r:?}");
    assert_eq!(r.removed, 1, "{r:?}");
    assert_eq!(export(&again), export(&open(&s.folder(), None)));
    // The change is in the findings.
    assert!(again.analysis.statements.iter().any(|st| {
        again.corpus.doc(st.span.doc).text[st.span.start as usize..st.span.end as usize]
            .contains("Iran denied any role")
    }));
    // The touched file was recognised by its content hash and its new time recorded.
    let third = open(&s.folder(), Some(&s.cache()));
    assert_eq!(third.report.analysed, 0, "{:?}", third.report);
}

#[test]
fn a_lexicon_change_invalidates_the_findings() {
    let s = Scratch::new("lexicon");
    write_articles(&s.folder(), 20, 3);
    std::fs::write(
        s.folder().join("note.txt"),
        "The Saraya Example Front claimed the rocket attack on Erbil on Sunday.",
    )
    .unwrap();
    open(&s.folder(), Some(&s.cache()));
    std::fs::write(
        s.folder().join("proxylens.toml"),
        "[[actor]]\nname = \"Saraya Example Front\"\nkind = \"armed_group\"\naliases = [\"Example Front\"]\n",
    )
    .unwrap();
    let after = open(&s.folder(), Some(&s.cache()));
    assert_eq!(after.report.analysed, 21, "{:?}", after.report);
    assert!(
        after
            .lexicon
            .actor_by_name("Saraya Example Front")
            .is_some()
    );
    assert_eq!(export(&after), export(&open(&s.folder(), None)));
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt_not_trusted() {
    let s = Scratch::new("damaged");
    write_articles(&s.folder(), 30, 5);
    let truth = export(&open(&s.folder(), None));
    open(&s.folder(), Some(&s.cache()));

    // A blob altered behind SQLite's back.
    {
        let db = rusqlite::Connection::open(s.cache()).unwrap();
        db.execute(
            "UPDATE docs SET data = CAST(replace(CAST(data AS TEXT), 'Iran', 'Irak') AS BLOB) WHERE id = (SELECT min(id) FROM docs)",
            [],
        )
        .unwrap();
        db.execute(
            "UPDATE findings SET data = x'00ff00' WHERE id = (SELECT max(id) FROM findings)",
            [],
        )
        .unwrap();
    }
    let o = open(&s.folder(), Some(&s.cache()));
    assert!(
        o.report
            .cache_note
            .as_deref()
            .unwrap_or("")
            .contains("rebuilt"),
        "{:?}",
        o.report
    );
    assert_eq!(export(&o), truth);
    // After the rebuild the cache serves again.
    let o = open(&s.folder(), Some(&s.cache()));
    assert_eq!(o.report.findings_from_cache, 30, "{:?}", o.report);
    assert_eq!(export(&o), truth);

    // A cache from another version.
    {
        let db = rusqlite::Connection::open(s.cache()).unwrap();
        db.execute("UPDATE meta SET value = 999 WHERE key = 'format'", [])
            .unwrap();
    }
    let c = Cache::open(&s.cache()).unwrap();
    assert!(c.note.as_deref().unwrap_or("").contains("another version"));
    assert!(c.is_empty().unwrap());
    drop(c);

    // Not a database at all.
    std::fs::write(s.cache(), b"this is not SQLite, just some bytes").unwrap();
    let o = open(&s.folder(), Some(&s.cache()));
    assert!(o.report.cache_note.is_some(), "{:?}", o.report);
    assert_eq!(export(&o), truth);
    let o = open(&s.folder(), Some(&s.cache()));
    assert_eq!(o.report.findings_from_cache, 30, "{:?}", o.report);
}
