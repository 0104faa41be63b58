//! The one way to open articles: a folder, dropped files and the seeds go through
//! `proxylens::open::open`, and a folder's `proxylens.toml` applies in every case.

use proxylens::cache::Cache;
use proxylens::corpus::{LoadError, LoadOptions, Progress};
use proxylens::open::{Opened, Source, open};

const LEXICON: &str = "[[actor]]\nname = \"Saraya Example Front\"\nkind = \"armed_group\"\naliases = [\"Example Front\"]\n";
const ARTICLE: &str =
    "The Example Front claimed the rocket attack on Erbil on Sunday, the group said.";

fn knows_the_front(o: &Opened) -> bool {
    o.analysis
        .actor_by_name("Saraya Example Front")
        .is_some_and(|id| o.analysis.actor(id).mention_count > 0)
}

#[test]
fn dropped_files_use_their_folders_lexicon_as_a_folder_does() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("articles");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(folder.join("proxylens.toml"), LEXICON).unwrap();
    std::fs::write(folder.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("sub/b.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("c.txt"), "Another article about Iran.").unwrap();
    let opts = LoadOptions::default();
    let p = Progress::default();
    let whole = open(&Source::Folder(folder.clone()), &opts, &p, None).unwrap();
    assert!(knows_the_front(&whole));
    let dropped = Source::Files(vec![folder.join("a.txt"), folder.join("sub/b.txt")]);
    let some = open(&dropped, &opts, &p, None).unwrap();
    assert!(
        knows_the_front(&some),
        "the dropped files ignored proxylens.toml"
    );
    let names: Vec<&str> = some
        .corpus
        .docs
        .iter()
        .map(|d| d.rel_path.as_str())
        .collect();
    assert_eq!(names, ["a.txt", "sub/b.txt"]);
    // Through the cache too, and dropping two files does not forget the folder's others.
    let cache_path = dir.path().join("data/cache.sqlite");
    let mut cache = Cache::open(&cache_path).unwrap();
    let first = open(&Source::Folder(folder.clone()), &opts, &p, Some(&mut cache)).unwrap();
    assert_eq!(first.report.analysed, 3);
    let again = open(&dropped, &opts, &p, Some(&mut cache)).unwrap();
    assert!(knows_the_front(&again));
    assert_eq!(again.report.findings_from_cache, 2, "{:?}", again.report);
    assert_eq!(again.report.removed, 0);
    let third = open(&Source::Folder(folder), &opts, &p, Some(&mut cache)).unwrap();
    assert_eq!(third.report.findings_from_cache, 3, "{:?}", third.report);
}

#[test]
fn a_dropped_file_that_is_gone_is_listed_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let files = Source::Files(vec![dir.path().join("a.txt"), dir.path().join("gone.txt")]);
    let o = open(&files, &LoadOptions::default(), &Progress::default(), None).unwrap();
    assert_eq!(o.corpus.docs.len(), 1);
    assert_eq!(o.corpus.failed.len(), 1);
    assert_eq!(o.corpus.failed[0].file, "gone.txt");
    assert!(o.corpus.failed[0].reason.starts_with("cannot read"));
}

#[test]
fn cancelling_gives_the_one_cancelled_error_whatever_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let p = Progress::default();
    p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    for source in [
        Source::Seeds,
        Source::Folder(dir.path().to_path_buf()),
        Source::Files(vec![dir.path().join("a.txt")]),
    ] {
        let r = open(&source, &LoadOptions::default(), &p, None);
        assert!(matches!(r, Err(LoadError::Cancelled)), "{source:?}");
    }
}

#[test]
fn the_seeds_open_like_a_folder() {
    let o = open(
        &Source::Seeds,
        &LoadOptions::default(),
        &Progress::default(),
        None,
    )
    .unwrap();
    assert_eq!(o.corpus.docs.len(), proxylens::seeds::SEEDS.len());
    assert_eq!(o.report.documents, o.corpus.docs.len());
    assert!(!o.analysis.statements.is_empty());
}
