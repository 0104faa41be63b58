//! The corpus: a folder of articles read into decoded, cleaned text with metadata.
//!
//! Files are read recursively (`.txt`, `.md`/`.markdown`, `.html`/`.htm`); each becomes a
//! [`Document`] whose displayed text is what the reader shows and what every span refers to.
//! A file that cannot be read becomes a [`Failed`] entry with its reason; the load goes on.

mod decode;
pub mod html;
pub mod junk;
mod meta;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

pub use decode::{DecodeError, Decoded, decode};
pub use junk::{Junk, JunkKind};

use crate::lexicon::{Lexicon, USER_LEXICON_FILE};
use crate::model::DocId;

/// The version of the way files are read into documents: a cached document read another way
/// is read again.
pub const READER_VERSION: &str = "html5ever reader 1";

/// A file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (read as text; front matter is metadata).
    Markdown,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format of a path, by its extension, if ProxyLens reads it.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// One article.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its id (index in [`Corpus::docs`]).
    pub id: DocId,
    /// Path relative to the opened folder, with `/` separators.
    pub rel_path: String,
    /// The format it was read as.
    pub format: Format,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Size of the file in bytes.
    pub file_bytes: u64,
    /// Title.
    pub title: String,
    /// Publication date, when the document states one.
    pub date: Option<NaiveDate>,
    /// The publishing outlet, when the document names it.
    pub source: Option<String>,
    /// The displayed text: what the reader shows. Every span refers to it.
    pub text: String,
    /// Junk ranges of `text`, sorted; left out of the analysis.
    pub junk: Vec<Junk>,
}

impl Document {
    /// The junk range containing byte `pos`, if any.
    pub fn junk_at(&self, pos: usize) -> Option<&Junk> {
        let i = self.junk.partition_point(|j| j.end <= pos);
        self.junk.get(i).filter(|j| j.start <= pos)
    }
}

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Failed {
    /// Path relative to the opened folder (or the absolute path of an unreadable folder).
    pub file: String,
    /// Why.
    pub reason: String,
}

/// Settings for reading a folder.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are listed as failed, not read.
    pub max_file_bytes: u64,
    /// How deep to descend into sub-folders.
    pub max_depth: usize,
    /// Whether the analysis keeps every actor mention, sentence and place mention of the
    /// corpus ([`Analysis::mentions`](crate::analysis::Analysis::mentions), `sentences`,
    /// `places`): the app shows them; the JSON export lists none, and without them a corpus
    /// of short articles peaks lower.
    pub keep_positions: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 64 * 1024 * 1024,
            max_depth: 256,
            keep_positions: true,
        }
    }
}

/// Progress of a load, shared with the thread that shows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Items (files or documents) of the current stage.
    pub total: AtomicUsize,
    /// Items done in the current stage.
    pub done: AtomicUsize,
    /// Set to stop the load early.
    pub cancel: AtomicBool,
    stage: std::sync::atomic::AtomicU8,
}

/// The stages of opening a folder, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Finding the files.
    Listing,
    /// Reading and decoding files (or taking them from the cache).
    Reading,
    /// Analysing documents (or taking their findings from the cache) and merging.
    Analysing,
}

impl Progress {
    /// The current stage.
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Listing,
            1 => Stage::Reading,
            _ => Stage::Analysing,
        }
    }

    /// Enters a stage with `total` items.
    pub fn begin(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Whether the load was asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Why a whole load failed (a file that fails does not fail the load).
#[derive(Debug)]
pub enum LoadError {
    /// The folder could not be read.
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// The path is not a folder.
    NotAFolder(PathBuf),
    /// The user cancelled.
    Cancelled,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Folder { path, error } => {
                write!(f, "cannot read folder {}: {error}", path.display())
            }
            LoadError::NotAFolder(p) => write!(f, "{} is not a folder", p.display()),
            LoadError::Cancelled => write!(f, "cancelled"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The documents of one opened folder.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The folder, when the corpus came from disk.
    pub root: Option<PathBuf>,
    /// The documents, in path order.
    pub docs: Vec<Document>,
    /// Files that could not be read, with reasons.
    pub failed: Vec<Failed>,
    /// The user's lexicon file in the folder (name, text), if there is one.
    pub user_lexicon: Option<(String, String)>,
}

impl Corpus {
    /// The document.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.index()]
    }

    /// The lexicon for this corpus: the bundled one, extended by the folder's own file.
    pub fn lexicon(&self) -> Lexicon {
        lexicon_with(self.user_lexicon.as_ref())
    }

    /// Total bytes of displayed text.
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }

    /// Builds a corpus from in-memory files (name, bytes), e.g. the bundled seeds.
    pub fn from_memory(files: &[(&str, &[u8])], lexicon: &Lexicon) -> Corpus {
        let mut corpus = Corpus::default();
        for (name, bytes) in files {
            let format = Format::of(Path::new(name)).unwrap_or(Format::Text);
            match build_document(name, format, bytes, lexicon) {
                Ok(d) => corpus.docs.push(d),
                Err(reason) => corpus.failed.push(Failed {
                    file: name.to_string(),
                    reason,
                }),
            }
        }
        corpus.renumber();
        corpus
    }

    /// A corpus of documents read one by one (ids are given in path order).
    pub fn from_documents(docs: Vec<Document>, failed: Vec<Failed>) -> Corpus {
        let mut c = Corpus {
            docs,
            failed,
            ..Default::default()
        };
        c.renumber();
        c
    }

    fn renumber(&mut self) {
        self.docs.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        for (i, d) in self.docs.iter_mut().enumerate() {
            d.id = DocId(i as u32);
        }
        self.failed.sort_by(|a, b| a.file.cmp(&b.file));
    }
}

/// The folder's own lexicon file (name, text), if it has one.
pub fn read_user_lexicon(root: &Path) -> Option<(String, String)> {
    std::fs::read_to_string(root.join(USER_LEXICON_FILE))
        .ok()
        .map(|t| (USER_LEXICON_FILE.to_string(), t))
}

/// The bundled lexicon, extended by a folder's own file (name, text) when there is one.
pub fn lexicon_with(user: Option<&(String, String)>) -> Lexicon {
    match user {
        Some((name, text)) => Lexicon::with_user_file(name, text),
        None => Lexicon::bundled(),
    }
}

/// Lists the readable files under `root` (recursively, not following symlinked folders into
/// loops), and the folders or entries that could not be read.
pub fn list_files(
    root: &Path,
    opts: &LoadOptions,
    progress: &Progress,
) -> Result<(Vec<PathBuf>, Vec<Failed>), LoadError> {
    let meta = std::fs::metadata(root).map_err(|error| LoadError::Folder {
        path: root.to_path_buf(),
        error,
    })?;
    if !meta.is_dir() {
        return Err(LoadError::NotAFolder(root.to_path_buf()));
    }
    std::fs::read_dir(root).map_err(|error| LoadError::Folder {
        path: root.to_path_buf(),
        error,
    })?;
    let mut files = Vec::new();
    let mut failed = Vec::new();
    let mut visited = std::collections::HashSet::new();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        if let Ok(canon) = std::fs::canonicalize(&dir)
            && !visited.insert(canon)
        {
            failed.push(Failed {
                file: rel(root, &dir),
                reason: "folder already visited (symlink loop), skipped".into(),
            });
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                failed.push(Failed {
                    file: rel(root, &dir),
                    reason: format!("cannot read folder: {e}"),
                });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    failed.push(Failed {
                        file: rel(root, &dir),
                        reason: format!("cannot list entry: {e}"),
                    });
                    continue;
                }
            };
            let path = entry.path();
            let Ok(ft) = std::fs::metadata(&path).map(|m| m.file_type()) else {
                if Format::of(&path).is_some() {
                    failed.push(Failed {
                        file: rel(root, &path),
                        reason: "broken link or vanished file".into(),
                    });
                }
                continue;
            };
            if ft.is_dir() {
                if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                {
                    continue;
                }
                if depth + 1 > opts.max_depth {
                    failed.push(Failed {
                        file: rel(root, &path),
                        reason: format!("nested deeper than {} folders, skipped", opts.max_depth),
                    });
                } else {
                    stack.push((path, depth + 1));
                }
            } else if Format::of(&path).is_some() {
                if ft.is_file() {
                    files.push(path);
                    progress.total.fetch_add(1, Ordering::Relaxed);
                } else {
                    // Reading a named pipe would wait forever; a device could be endless.
                    failed.push(Failed {
                        file: rel(root, &path),
                        reason: "not a regular file (a pipe, socket or device), skipped".into(),
                    });
                }
            }
        }
    }
    files.sort();
    Ok((files, failed))
}

/// `path` relative to `root`, with `/` separators.
pub fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    let s = r.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

/// Builds a document from a file's bytes.
pub fn build_document(
    name: &str,
    format: Format,
    bytes: &[u8],
    lexicon: &Lexicon,
) -> Result<Document, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".into());
    }
    let Decoded { text, encoding } = decode(bytes).map_err(|e| match e {
        DecodeError::Binary => "binary data, not text".to_string(),
    })?;
    let (text, known_junk, page) = match format {
        Format::Html => {
            let mut page = html::convert(&text);
            let junk = std::mem::take(&mut page.junk);
            let t = std::mem::take(&mut page.text);
            (t, junk, Some(page))
        }
        Format::Text | Format::Markdown => (text, Vec::new(), None),
    };
    let mut known_junk: Vec<Junk> = known_junk;
    if format == Format::Markdown
        && let Some(fm) = meta::front_matter(&text)
    {
        known_junk.push(Junk {
            start: 0,
            end: fm,
            kind: JunkKind::Metadata,
        });
    }
    if text.trim().is_empty() {
        return Err("no article text".into());
    }
    let junk = if format == Format::Html {
        junk::detect_in_page(&text, &known_junk)
    } else {
        junk::detect(&text, &known_junk)
    };
    let m = meta::extract(&text, &junk, page.as_ref(), format, lexicon);
    Ok(Document {
        id: DocId(0),
        rel_path: name.to_string(),
        format,
        encoding,
        file_bytes: bytes.len() as u64,
        title: m
            .title
            .unwrap_or_else(|| name.rsplit('/').next().unwrap_or(name).to_string()),
        date: m.date,
        source: m.source,
        text,
        junk,
    })
}

/// Reads every article under `root`, in parallel, reporting progress; a bad file is listed in
/// [`Corpus::failed`] and the rest loads. Also picks up the folder's `proxylens.toml`.
/// (The reading stage of [`crate::open::open`], without the analysis and the cache.)
pub fn load_folder(
    root: &Path,
    opts: &LoadOptions,
    progress: &Progress,
) -> Result<Corpus, LoadError> {
    crate::open::read_folder(root, opts, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_listed_and_good_ones_load() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
        std::fs::write(
            dir.join("good.txt"),
            "Iran denies involvement.\n\nThe attack killed three.",
        )
        .unwrap();
        std::fs::write(
            dir.join("sub/page.html"),
            "<html><title>P</title><body><p>Body text here.</p></body></html>",
        )
        .unwrap();
        std::fs::write(dir.join("sub/deeper/bin.txt"), [0u8, 1, 2, 3, 0, 0xFF]).unwrap();
        std::fs::write(dir.join("empty.md"), "").unwrap();
        std::fs::write(dir.join("latin1.txt"), b"caf\xe9 story about Iraq.").unwrap();
        std::fs::write(dir.join("ignored.pdf"), b"%PDF").unwrap();
        let opts = LoadOptions {
            max_file_bytes: 1_000,
            ..Default::default()
        };
        std::fs::write(dir.join("big.txt"), "x ".repeat(1_000)).unwrap();
        let c = load_folder(&dir, &opts, &Progress::default()).unwrap();
        let names: Vec<&str> = c.docs.iter().map(|d| d.rel_path.as_str()).collect();
        assert_eq!(names, ["good.txt", "latin1.txt", "sub/page.html"]);
        let reasons: Vec<(&str, &str)> = c
            .failed
            .iter()
            .map(|f| (f.file.as_str(), f.reason.as_str()))
            .collect();
        assert!(
            reasons.contains(&("sub/deeper/bin.txt", "binary data, not text")),
            "{reasons:?}"
        );
        assert!(reasons.contains(&("empty.md", "empty file")));
        assert!(
            reasons
                .iter()
                .any(|(f, r)| *f == "big.txt" && r.starts_with("too large"))
        );
        assert!(c.docs[1].text.starts_with("café"));
        assert_eq!(c.docs[2].title, "P");
    }

    #[test]
    fn missing_folder_is_an_error() {
        let e = load_folder(
            Path::new("/definitely/not/here"),
            &LoadOptions::default(),
            &Progress::default(),
        );
        assert!(matches!(e, Err(LoadError::Folder { .. })));
    }
}
