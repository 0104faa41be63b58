//! A folder of trouble: every good file loads, every bad one is listed with a reason, nothing
//! panics, and the user's files are left exactly as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proxylens::corpus::{LoadOptions, Progress, load_folder};

fn checksums(root: &Path) -> BTreeMap<PathBuf, (u64, u64)> {
    // (size, FNV-1a hash) of every regular file, not following links.
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                let bytes = std::fs::read(&p).unwrap_or_default();
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for b in &bytes {
                    h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
                }
                out.insert(p, (bytes.len() as u64, h));
            }
        }
    }
    out
}

#[test]
fn a_folder_of_trouble() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("trouble");
    std::fs::create_dir_all(&root).unwrap();
    let w = |name: &str, bytes: &[u8]| {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    let article = "Kataib Hezbollah claimed responsibility for the drone attack on Tower 22 on January 28, the Pentagon said.";
    w("good.txt", article.as_bytes());
    w(
        "good.md",
        format!("---\ntitle: A note\n---\n\n# Heading\n\n{article}").as_bytes(),
    );
    w("binary.txt", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3, 0]);
    w(
        "latin1.txt",
        b"Caf\xe9 talk: Iran denied any involvement in the attack.",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(article.encode_utf16().flat_map(|u| u.to_le_bytes()));
    w("utf16-bom.txt", &utf16);
    w(
        "utf16-nobom.txt",
        &article
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    w("empty.txt", b"");
    w("unclosed.html", b"<html><body><article><p>Rockets struck al-Asad air base on Oct. 17.<p>More <b>text <i>never closed");
    w(
        "long-line.txt",
        "Iran-backed militias attacked US forces at al-Tanf, "
            .repeat(100_000)
            .as_bytes(),
    );
    // A huge (sparse) file: refused by size before it is read.
    let big = std::fs::File::create(root.join("huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    // Folders nested 100 deep, with a good file at the bottom.
    let mut deep = root.join("deep");
    for i in 0..100 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("bottom.txt"), article).unwrap();
    // A symlink loop and a dangling link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("dangling.txt")).unwrap();
        // A file name that is not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9-\xff.txt");
        std::fs::write(root.join(name), article).unwrap();
        // A named pipe with an article's name: reading it would block for ever.
        let _ = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.txt"))
            .status();
        // A file without read permission.
        use std::os::unix::fs::PermissionsExt;
        w("locked.txt", article.as_bytes());
        std::fs::set_permissions(
            root.join("locked.txt"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
    }
    // root reads everything: then the locked file simply loads.
    let privileged = std::fs::File::open(root.join("locked.txt")).is_ok();
    let before = checksums(&root);
    let opts = LoadOptions {
        max_file_bytes: 64 * 1024 * 1024,
        ..Default::default()
    };
    let corpus = load_folder(&root, &opts, &Progress::default()).expect("the folder loads");
    let lex = corpus.lexicon();
    let analysis = proxylens::analysis::analyse(&corpus, &lex);
    let _ = proxylens::export::to_json(&corpus, &lex, &analysis);
    // The app's way in (through the analysis cache) copes the same, twice.
    let cache_dir = tmp.path().join("data");
    for _ in 0..2 {
        let mut cache = proxylens::cache::Cache::open(&cache_dir.join("cache.sqlite")).unwrap();
        let o = proxylens::open::open_folder(&root, &opts, &Progress::default(), Some(&mut cache))
            .expect("the folder opens through the cache");
        assert_eq!(o.corpus.docs.len(), corpus.docs.len());
        assert_eq!(o.corpus.failed, corpus.failed);
    }

    let loaded: Vec<&str> = corpus.docs.iter().map(|d| d.rel_path.as_str()).collect();
    for good in [
        "good.txt",
        "good.md",
        "latin1.txt",
        "utf16-bom.txt",
        "utf16-nobom.txt",
        "unclosed.html",
        "long-line.txt",
    ] {
        assert!(loaded.contains(&good), "{good} not loaded: {loaded:?}");
    }
    assert!(
        loaded.iter().any(|p| p.ends_with("d99/bottom.txt")),
        "{loaded:?}"
    );
    #[cfg(unix)]
    assert!(loaded.iter().any(|p| p.starts_with("caf")), "{loaded:?}");
    let reason = |f: &str| {
        corpus
            .failed
            .iter()
            .find(|x| x.file == f)
            .map(|x| x.reason.clone())
    };
    assert_eq!(
        reason("binary.txt").as_deref(),
        Some("binary data, not text")
    );
    assert_eq!(reason("empty.txt").as_deref(), Some("empty file"));
    assert!(
        reason("huge.txt").is_some_and(|r| r.starts_with("too large")),
        "{:?}",
        corpus.failed
    );
    #[cfg(unix)]
    {
        if std::path::Path::new("/usr/bin/mkfifo").exists()
            || std::path::Path::new("/bin/mkfifo").exists()
        {
            assert!(
                reason("pipe.txt").is_some_and(|r| r.contains("not a regular file")),
                "{:?}",
                corpus.failed
            );
        }
        if privileged {
            assert!(loaded.contains(&"locked.txt"));
        } else {
            assert!(
                reason("locked.txt").is_some_and(|r| r.contains("cannot read")),
                "{:?}",
                corpus.failed
            );
        }
        assert!(reason("dangling.txt").is_some(), "{:?}", corpus.failed);
        assert!(
            corpus
                .failed
                .iter()
                .any(|f| f.reason.contains("symlink loop")),
            "{:?}",
            corpus.failed
        );
    }
    let utf16 = corpus
        .docs
        .iter()
        .find(|d| d.rel_path == "utf16-nobom.txt")
        .unwrap();
    assert!(utf16.text.starts_with("Kataib Hezbollah"));
    assert!(!analysis.statements.is_empty());
    // Nothing was modified.
    assert_eq!(before, checksums(&root));
    // (The locked file must be readable again for the temporary folder to be removed.)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            root.join("locked.txt"),
            std::fs::Permissions::from_mode(0o644),
        );
    }
}

#[test]
fn files_deleted_while_the_folder_loads_are_listed_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let lex = proxylens::lexicon::Lexicon::bundled();
    let files = proxylens::synth::generate(1500, 4, &lex);
    for (name, bytes) in &files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let victims: Vec<PathBuf> = files.iter().step_by(2).map(|(n, _)| root.join(n)).collect();
    let deleter = std::thread::spawn(move || {
        for v in victims {
            let _ = std::fs::remove_file(v);
        }
    });
    let corpus = load_folder(&root, &LoadOptions::default(), &Progress::default())
        .expect("the folder loads");
    deleter.join().unwrap();
    // Every file is loaded, or listed as vanished, or was gone before it was listed.
    assert!(corpus.docs.len() >= 750, "{}", corpus.docs.len());
    assert!(corpus.docs.len() + corpus.failed.len() <= 1500);
    for f in &corpus.failed {
        assert!(
            f.reason.starts_with("cannot read") || f.reason.contains("vanished"),
            "{f:?}"
        );
    }
}
