//! Opening articles end to end — files → corpus → analysis — with the analysis cache.
//!
//! [`open`] is the one way in: the app (a folder, dropped files, the bundled seeds) and
//! `proxylens extract` all go through it, with or without a cache, and a folder's (or the
//! dropped files' folder's) `proxylens.toml` extends the lexicon in every case.
//!
//! With a [`Cache`], a file whose size and modification time (or, failing those, content
//! hash) match its entry is not read again: its document and findings come from the cache.
//! Only new and changed files are decoded and analysed, and what they give is written back in
//! one transaction. A damaged entry makes the whole cache be rebuilt and the folder be read
//! from the files, so a bad cache can cost time but never a wrong result.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Instant, UNIX_EPOCH};

use rayon::prelude::*;

use crate::analysis::{self, Analysis, DocFindings, mentions::Matcher};
use crate::cache::{self, Cache, Entry, FileKey};
use crate::corpus::{
    self, Corpus, Document, Failed, Format, LoadError, LoadOptions, Progress, Stage,
};
use crate::lexicon::{self, Lexicon};

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The seed articles bundled in the binary.
    Seeds,
    /// A folder on disk, read recursively.
    Folder(PathBuf),
    /// Some files (dropped on the window); their common folder's `proxylens.toml` applies.
    Files(Vec<PathBuf>),
}

impl Source {
    /// A short label for the window title and the status bar.
    pub fn label(&self) -> String {
        match self {
            Source::Seeds => "bundled seed articles".into(),
            Source::Folder(p) => p.display().to_string(),
            Source::Files(f) => format!("{} dropped files", f.len()),
        }
    }
}

/// Opens `source`: lists, reads, analyses; with `cache`, reuses what it holds and saves what
/// is new. Progress goes through the stages Listing, Reading, Analysing; a set
/// [`Progress::cancel`] ends it with [`LoadError::Cancelled`].
pub fn open(
    source: &Source,
    opts: &LoadOptions,
    progress: &Progress,
    cache: Option<&mut Cache>,
) -> Result<Opened, LoadError> {
    match source {
        Source::Seeds => open_seeds(progress),
        Source::Folder(root) => {
            progress.begin(Stage::Listing, 0);
            let (files, failed) = corpus::list_files(root, opts, progress)?;
            let listing = Listing {
                root: root.clone(),
                files,
                failed,
                whole_folder: true,
            };
            open_listing(&listing, opts, progress, cache)
        }
        Source::Files(files) => {
            progress.begin(Stage::Listing, 0);
            let listing = list_dropped(files);
            progress.total.store(listing.files.len(), Ordering::Relaxed);
            open_listing(&listing, opts, progress, cache)
        }
    }
}

/// Opens the folder `root` (see [`open`]).
pub fn open_folder(
    root: &Path,
    opts: &LoadOptions,
    progress: &Progress,
    cache: Option<&mut Cache>,
) -> Result<Opened, LoadError> {
    open(&Source::Folder(root.to_path_buf()), opts, progress, cache)
}

/// Reads the articles under `root` into a corpus without analysing them (as [`open`] reads
/// them, without a cache): for benchmarks that time reading and analysis apart.
pub fn read_folder(
    root: &Path,
    opts: &LoadOptions,
    progress: &Progress,
) -> Result<Corpus, LoadError> {
    progress.begin(Stage::Listing, 0);
    let (files, mut failed) = corpus::list_files(root, opts, progress)?;
    let user_lexicon = corpus::read_user_lexicon(root);
    let lexicon = corpus::lexicon_with(user_lexicon.as_ref());
    let listing = Listing {
        root: root.to_path_buf(),
        files,
        failed: Vec::new(),
        whole_folder: true,
    };
    let got = read_files(&listing, opts, progress, &lexicon, &HashMap::new(), 0)?;
    let mut docs = Vec::with_capacity(got.len());
    for g in got {
        match g {
            Got::Fresh(d, ..) => docs.push(d),
            Got::Failed(f) => failed.push(f),
            Got::Cached(..) => unreachable!("no cache entries were given"),
        }
    }
    let mut corpus = Corpus::from_documents(docs, failed);
    corpus.root = Some(root.to_path_buf());
    corpus.user_lexicon = user_lexicon;
    Ok(corpus)
}

/// The bundled seeds: read from memory with the bundled lexicon, never cached.
fn open_seeds(progress: &Progress) -> Result<Opened, LoadError> {
    let t0 = Instant::now();
    let lexicon = Lexicon::bundled();
    let seeds = crate::seeds::SEEDS;
    progress.begin(Stage::Reading, seeds.len());
    let corpus = Corpus::from_memory(seeds, &lexicon);
    progress.done.store(seeds.len(), Ordering::Relaxed);
    let read_seconds = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let analysis =
        analysis::analyse_with_progress(&corpus, &lexicon, progress).ok_or(LoadError::Cancelled)?;
    let report = OpenReport {
        documents: corpus.docs.len(),
        analysed: corpus.docs.len(),
        read_seconds,
        analyse_seconds: t1.elapsed().as_secs_f64(),
        ..Default::default()
    };
    Ok(Opened {
        corpus,
        lexicon,
        analysis,
        report,
    })
}

/// The files an open reads, relative to `root`.
#[derive(Clone)]
struct Listing {
    /// The folder paths are relative to (and whose `proxylens.toml` applies).
    root: PathBuf,
    /// The files to read.
    files: Vec<PathBuf>,
    /// Entries that could not be listed.
    failed: Vec<Failed>,
    /// Whether `files` is the whole folder: only then are cache entries of files not listed
    /// dropped as gone.
    whole_folder: bool,
}

/// Dropped files: the regular files among them, relative to their deepest common folder.
fn list_dropped(paths: &[PathBuf]) -> Listing {
    let abs: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let mut root: Option<PathBuf> = None;
    for p in &abs {
        let parent = p.parent().unwrap_or(Path::new("/")).to_path_buf();
        root = Some(match root {
            None => parent,
            Some(r) => {
                let mut common = PathBuf::new();
                for (a, b) in r.components().zip(parent.components()) {
                    if a != b {
                        break;
                    }
                    common.push(a);
                }
                common
            }
        });
    }
    let root = root.unwrap_or_else(|| PathBuf::from("/"));
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for p in abs {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => files.push(p),
            Ok(_) => failed.push(Failed {
                file: corpus::rel(&root, &p),
                reason: "not a regular file, skipped".into(),
            }),
            Err(e) => failed.push(Failed {
                file: corpus::rel(&root, &p),
                reason: format!("cannot read: {e}"),
            }),
        }
    }
    files.sort();
    files.dedup();
    Listing {
        root,
        files,
        failed,
        whole_folder: false,
    }
}

/// An opened folder.
pub struct Opened {
    /// The documents.
    pub corpus: Corpus,
    /// The lexicon (bundled + the folder's own file).
    pub lexicon: Lexicon,
    /// The findings.
    pub analysis: Analysis,
    /// What the open did.
    pub report: OpenReport,
}

/// What an open did, for the status line and the benchmarks.
#[derive(Clone, Debug, Default)]
pub struct OpenReport {
    /// Documents loaded.
    pub documents: usize,
    /// Documents taken from the cache without reading their file.
    pub docs_from_cache: usize,
    /// Documents whose findings came from the cache.
    pub findings_from_cache: usize,
    /// Documents analysed now.
    pub analysed: usize,
    /// Cache entries dropped because their file is gone.
    pub removed: usize,
    /// Something the user should know about the cache (rebuilt, unusable, not saved).
    pub cache_note: Option<String>,
    /// Seconds spent listing and reading (or taking documents from the cache).
    pub read_seconds: f64,
    /// Seconds spent analysing (or taking findings from the cache), merging and saving.
    pub analyse_seconds: f64,
}

/// How a document came to be.
enum Origin {
    /// From its cache entry (and `touch`: the file's new mtime when only that changed).
    Cached { entry: Entry, touch: Option<i64> },
    /// Read from the file now.
    Fresh {
        size: u64,
        mtime_ns: i64,
        hash: [u8; 16],
    },
}

enum Got {
    Cached(String, Entry, Option<i64>),
    Fresh(Document, u64, i64, [u8; 16]),
    Failed(Failed),
}

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

/// The cache key of a folder: its canonical path.
fn root_key(root: &Path) -> String {
    std::fs::canonicalize(root)
        .unwrap_or_else(|_| root.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Opens listed files, through the cache when there is one; a damaged cache is rebuilt and
/// the files read again.
fn open_listing(
    listing: &Listing,
    opts: &LoadOptions,
    progress: &Progress,
    mut cache: Option<&mut Cache>,
) -> Result<Opened, LoadError> {
    let note = cache.as_mut().and_then(|c| c.note.take());
    let first = open_inner(listing, opts, progress, cache.as_deref_mut(), true);
    let opened = match first {
        Err(Retry::Load(e)) => return Err(e),
        Ok(o) => o,
        Err(Retry::Damaged(why)) => {
            // Never trust a damaged cache: rebuild it and read everything from the files.
            let mut cache = cache;
            let mut unusable = None;
            if let Some(c) = cache.as_deref_mut()
                && let Err(e) = c.rebuild(&why)
            {
                unusable = Some(format!("the analysis cache is unusable: {e}"));
                cache = None;
            }
            match open_inner(listing, opts, progress, cache, false) {
                Ok(mut o) => {
                    o.report.cache_note = unusable
                        .or(o.report.cache_note.take())
                        .or(Some(format!("the analysis cache was rebuilt ({why})")));
                    return Ok(o);
                }
                Err(Retry::Load(e)) => return Err(e),
                Err(Retry::Damaged(why)) => {
                    return Err(LoadError::Folder {
                        path: listing.root.clone(),
                        error: std::io::Error::other(why),
                    });
                }
            }
        }
    };
    let mut opened = opened;
    if opened.report.cache_note.is_none() {
        opened.report.cache_note = note;
    }
    Ok(opened)
}

enum Retry {
    Load(LoadError),
    Damaged(String),
}

impl From<LoadError> for Retry {
    fn from(e: LoadError) -> Self {
        Retry::Load(e)
    }
}

fn open_inner(
    listing: &Listing,
    opts: &LoadOptions,
    progress: &Progress,
    cache: Option<&mut Cache>,
    reuse: bool,
) -> Result<Opened, Retry> {
    let t0 = Instant::now();
    let mut report = OpenReport::default();
    let root = listing.root.as_path();
    let failed = listing.failed.clone();
    let user_lexicon = corpus::read_user_lexicon(root);
    let lexicon = corpus::lexicon_with(user_lexicon.as_ref());
    let user_text = user_lexicon.as_ref().map_or("", |(_, t)| t.as_str());
    // Decoding depends on the outlet list and the reader; the findings on the whole lexicon.
    let corpus_fp =
        cache::fingerprint(&[lexicon::BUNDLED_OUTLETS, user_text, corpus::READER_VERSION]);
    let analysis_fp = cache::fingerprint(&[
        lexicon::BUNDLED_ACTORS,
        lexicon::BUNDLED_PLACES,
        lexicon::BUNDLED_OUTLETS,
        lexicon::BUNDLED_CUES,
        user_text,
    ]);
    let key = root_key(root);
    let entries: HashMap<String, Entry> = match cache.as_deref() {
        Some(c) if reuse => match c.entries(&key) {
            Ok(e) => e,
            Err(e) => return Err(Retry::Damaged(e.to_string())),
        },
        _ => HashMap::new(),
    };

    // Read what changed; take the rest from the cache.
    let got = read_files(listing, opts, progress, &lexicon, &entries, corpus_fp)?;
    let mut failed = failed;
    let mut docs: Vec<(Document, Origin)> = Vec::with_capacity(got.len());
    let mut wanted: Vec<(usize, Entry, Option<i64>)> = Vec::new();
    for g in got {
        match g {
            Got::Failed(f) => failed.push(f),
            Got::Fresh(d, size, mtime_ns, hash) => docs.push((
                d,
                Origin::Fresh {
                    size,
                    mtime_ns,
                    hash,
                },
            )),
            Got::Cached(rel, entry, touch) => {
                // Filled below from the cache.
                let placeholder = Document {
                    id: crate::model::DocId(0),
                    rel_path: rel,
                    format: Format::Text,
                    encoding: "UTF-8",
                    file_bytes: 0,
                    title: String::new(),
                    date: None,
                    source: None,
                    text: String::new(),
                    junk: Vec::new(),
                };
                wanted.push((docs.len(), entry.clone(), touch));
                docs.push((placeholder, Origin::Cached { entry, touch }));
            }
        }
    }
    // Cached documents: blobs read in order, decoded in parallel, a batch at a time.
    if let Some(c) = cache.as_deref() {
        for batch in wanted.chunks(1024) {
            if progress.cancelled() {
                return Err(LoadError::Cancelled.into());
            }
            let blobs: Vec<Vec<u8>> = batch
                .iter()
                .map(|(_, e, _)| c.doc_blob(e.id))
                .collect::<Result<_, _>>()
                .map_err(|e| Retry::Damaged(e.to_string()))?;
            let decoded: Vec<Document> = blobs
                .par_iter()
                .map(|b| cache::decode_doc(b))
                .collect::<Result<_, _>>()
                .map_err(|e| Retry::Damaged(e.to_string()))?;
            for ((i, _, _), d) in batch.iter().zip(decoded) {
                if d.rel_path != docs[*i].0.rel_path {
                    return Err(Retry::Damaged(format!(
                        "entry for {} holds {}",
                        docs[*i].0.rel_path, d.rel_path
                    )));
                }
                docs[*i].0 = d;
            }
        }
    }
    report.docs_from_cache = wanted.len();
    drop(wanted);
    docs.sort_by(|a, b| a.0.rel_path.cmp(&b.0.rel_path));
    let (docs, origins): (Vec<Document>, Vec<Origin>) = docs.into_iter().unzip();
    let mut corpus = Corpus::from_documents(docs, failed);
    corpus.root = Some(root.to_path_buf());
    corpus.user_lexicon = user_lexicon;
    report.documents = corpus.docs.len();
    report.read_seconds = t0.elapsed().as_secs_f64();

    // Analyse what changed; take the other findings from the cache; save as we go.
    let t1 = Instant::now();
    let matcher = Matcher::new(&lexicon);
    let anchor = analysis::corpus_anchor(&corpus.docs);
    progress.begin(Stage::Analysing, corpus.docs.len());
    let seen: std::collections::HashSet<&str> =
        corpus.docs.iter().map(|d| d.rel_path.as_str()).collect();
    let gone: Vec<i64> = entries
        .iter()
        .filter(|(p, _)| listing.whole_folder && !seen.contains(p.as_str()))
        .map(|(_, e)| e.id)
        .collect();
    drop(seen);
    let mut writer = match cache.map(|c| c.writer()) {
        Some(Ok(w)) => Some(w),
        Some(Err(e)) => {
            report.cache_note = Some(format!("the analysis cache cannot be written: {e}"));
            None
        }
        None => None,
    };
    let mut damaged: Option<String> = None;
    let mut write_error: Option<String> = None;
    let (mut from_cache, mut analysed) = (0usize, 0usize);
    let docs = &corpus.docs;
    let chunks = docs
        .chunks(256)
        .zip(origins.chunks(256))
        .map(|(chunk, orig)| {
            if progress.cancelled() || damaged.is_some() {
                return Vec::new();
            }
            // Cached findings that still hold, read on this thread (SQLite), decoded in parallel.
            let blobs: Vec<Option<Vec<u8>>> = orig
                .iter()
                .map(|o| match (o, &writer) {
                    (Origin::Cached { entry, .. }, Some(w)) if entry.analysis_fp == analysis_fp => {
                        match w.findings_blob(entry.id) {
                            Ok(b) => Some(b),
                            Err(e) => {
                                damaged.get_or_insert(e.to_string());
                                None
                            }
                        }
                    }
                    _ => None,
                })
                .collect();
            let cached: Vec<Option<DocFindings>> = blobs
                .par_iter()
                .map(|blob| {
                    blob.as_ref()
                        .and_then(|b| cache::decode_findings(b).ok())
                        .filter(|f| f.valid_for_anchor(anchor))
                })
                .collect();
            // The others are analysed together, a few at a time.
            let missing: Vec<&Document> = chunk
                .iter()
                .zip(&cached)
                .filter(|(_, f)| f.is_none())
                .map(|(d, _)| d)
                .collect();
            let mut fresh =
                analysis::analyse_in_batches(&missing, &lexicon, &matcher, anchor).into_iter();
            let results: Vec<(DocFindings, bool)> = cached
                .into_iter()
                .map(|f| match f {
                    Some(f) => (f, true),
                    None => (fresh.next().expect("one per missing document"), false),
                })
                .collect();
            if let Some(w) = writer.as_mut().filter(|_| write_error.is_none()) {
                let encoded: Vec<Option<Vec<u8>>> = results
                    .par_iter()
                    .map(|(f, cached)| (!cached).then(|| cache::encode_findings(f)))
                    .collect();
                let docs_encoded: Vec<Option<Vec<u8>>> = chunk
                    .par_iter()
                    .zip(orig.par_iter())
                    .map(|(d, o)| matches!(o, Origin::Fresh { .. }).then(|| cache::encode_doc(d)))
                    .collect();
                for (((d, o), f), db) in chunk.iter().zip(orig).zip(&encoded).zip(&docs_encoded) {
                    let r = match (o, f, db) {
                        (
                            Origin::Fresh {
                                size,
                                mtime_ns,
                                hash,
                            },
                            Some(f),
                            Some(db),
                        ) => w.put(
                            &FileKey {
                                root: &key,
                                path: &d.rel_path,
                                size: *size,
                                mtime_ns: *mtime_ns,
                                hash: *hash,
                            },
                            corpus_fp,
                            db,
                            Some((analysis_fp, f)),
                        ),
                        (Origin::Cached { entry, touch }, f, _) => {
                            let r = match f {
                                Some(f) => w.put_findings(entry.id, analysis_fp, f),
                                None => Ok(()),
                            };
                            match (r, touch) {
                                (Ok(()), Some(t)) => w.touch(entry.id, *t),
                                (r, _) => r,
                            }
                        }
                        _ => Ok(()),
                    };
                    if let Err(e) = r {
                        write_error = Some(e.to_string());
                        break;
                    }
                }
            }
            for (_, cached) in &results {
                if *cached {
                    from_cache += 1;
                } else {
                    analysed += 1;
                }
            }
            progress.done.fetch_add(chunk.len(), Ordering::Relaxed);
            results.into_iter().map(|(f, _)| f).collect()
        });
    let analysis = analysis::merge_findings_with(&lexicon, chunks.flatten(), opts.keep_positions);
    if progress.cancelled() {
        // Dropping the writer rolls back: the cache keeps its previous state.
        return Err(LoadError::Cancelled.into());
    }
    if let Some(why) = damaged {
        return Err(Retry::Damaged(why));
    }
    report.findings_from_cache = from_cache;
    report.analysed = analysed;
    if let Some(mut w) = writer {
        let mut r = Ok(());
        for id in &gone {
            r = r.and_then(|()| w.remove(*id));
        }
        match write_error {
            Some(e) => report.cache_note = Some(format!("the analysis cache was not saved: {e}")),
            None => match r.and_then(|()| w.commit()) {
                Ok(()) => report.removed = gone.len(),
                Err(e) => {
                    report.cache_note = Some(format!("the analysis cache was not saved: {e}"))
                }
            },
        }
    }
    report.analyse_seconds = t1.elapsed().as_secs_f64();
    Ok(Opened {
        corpus,
        lexicon,
        analysis,
        report,
    })
}

/// Reads the listed files in parallel (or takes them from the cache `entries`).
fn read_files(
    listing: &Listing,
    opts: &LoadOptions,
    progress: &Progress,
    lexicon: &Lexicon,
    entries: &HashMap<String, Entry>,
    corpus_fp: i64,
) -> Result<Vec<Got>, LoadError> {
    progress.begin(Stage::Reading, listing.files.len());
    let got: Vec<Option<Got>> = listing
        .files
        .par_iter()
        .map(|path| {
            if progress.cancelled() {
                return None;
            }
            let rel = corpus::rel(&listing.root, path);
            let r = read_one(path, rel, opts, lexicon, entries, corpus_fp);
            progress.done.fetch_add(1, Ordering::Relaxed);
            Some(r)
        })
        .collect();
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok(got.into_iter().flatten().collect())
}

fn read_one(
    path: &Path,
    rel: String,
    opts: &LoadOptions,
    lexicon: &Lexicon,
    entries: &HashMap<String, Entry>,
    corpus_fp: i64,
) -> Got {
    let fail = |rel: String, reason: String| Got::Failed(Failed { file: rel, reason });
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(rel, format!("cannot read: {e}")),
    };
    if meta.len() > opts.max_file_bytes {
        return fail(
            rel,
            format!(
                "too large: {:.1} MB (limit {:.1} MB)",
                meta.len() as f64 / 1e6,
                opts.max_file_bytes as f64 / 1e6
            ),
        );
    }
    let mtime = mtime_ns(&meta);
    let entry = entries.get(&rel).filter(|e| e.corpus_fp == corpus_fp);
    if let Some(e) = entry
        && e.size == meta.len()
        && e.mtime_ns == mtime
    {
        return Got::Cached(rel, e.clone(), None);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(rel, format!("cannot read: {e}")),
    };
    if bytes.len() as u64 > opts.max_file_bytes {
        return fail(
            rel,
            format!("too large: {:.1} MB", bytes.len() as f64 / 1e6),
        );
    }
    let hash = cache::content_hash(&bytes);
    if let Some(e) = entry
        && e.size == bytes.len() as u64
        && e.hash == hash
    {
        return Got::Cached(rel, e.clone(), Some(mtime));
    }
    let format = Format::of(path).unwrap_or(Format::Text);
    match corpus::build_document(&rel, format, &bytes, lexicon) {
        Ok(mut d) => {
            d.file_bytes = bytes.len() as u64;
            Got::Fresh(d, bytes.len() as u64, mtime, hash)
        }
        Err(reason) => fail(rel, reason),
    }
}
