//! The analysis cache: an embedded SQLite database, kept in the application's data directory
//! (never in the user's folder), that remembers each file's decoded document and its
//! per-document findings.
//!
//! A file is known by its folder and path; an entry is reused when the file's size and
//! modification time are unchanged, or when they changed but the content hash did not. The
//! document part is tied to a fingerprint of what decoding depends on (the program version,
//! the outlet list, the user's lexicon file); the findings to a fingerprint of the whole
//! lexicon. Every blob carries a checksum. A database from another format version, one that
//! fails to open, or one whose content does not check out is deleted and rebuilt: the cache
//! is never trusted over the files.
//!
//! Writes happen in SQLite transactions (write-ahead log): a process killed in the middle of
//! a save leaves the previous state.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::analysis::DocFindings;
use crate::corpus::{Document, Format, Junk};
use crate::model::DocId;

/// Bumped whenever what is stored changes shape.
const FORMAT: i64 = 3;

/// The cache's file name in the data directory.
pub const FILE_NAME: &str = "cache.sqlite";

/// The cache file in the data directory (see [`crate::util::data_dir`]).
pub fn default_path() -> Option<PathBuf> {
    crate::util::data_dir().map(|d| d.join(FILE_NAME))
}

/// A 128-bit content hash (XXH3).
pub fn content_hash(bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

fn checksum(bytes: &[u8]) -> i64 {
    xxhash_rust::xxh3::xxh3_64(bytes) as i64
}

/// Why the cache could not be used (the load goes on without it).
#[derive(Debug)]
pub struct CacheError(pub String);

impl std::fmt::Display for CacheError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CacheError {}

impl From<rusqlite::Error> for CacheError {
    fn from(e: rusqlite::Error) -> Self {
        CacheError(format!("cache database: {e}"))
    }
}

/// What is known of one cached file, without its blobs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Row id.
    pub id: i64,
    /// File size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Content hash.
    pub hash: [u8; 16],
    /// Fingerprint of what the document depends on.
    pub corpus_fp: i64,
    /// Fingerprint of what the findings depend on (0: no findings stored).
    pub analysis_fp: i64,
}

/// The document as stored: [`Document`] without its id, with its encoding by name.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredDoc {
    rel_path: String,
    format: Format,
    encoding: String,
    file_bytes: u64,
    title: String,
    date: Option<chrono::NaiveDate>,
    source: Option<String>,
    text: String,
    junk: Vec<Junk>,
}

/// Encodes a document for the cache.
pub fn encode_doc(d: &Document) -> Vec<u8> {
    let s = StoredDoc {
        rel_path: d.rel_path.clone(),
        format: d.format,
        encoding: d.encoding.to_string(),
        file_bytes: d.file_bytes,
        title: d.title.clone(),
        date: d.date,
        source: d.source.clone(),
        text: d.text.clone(),
        junk: d.junk.clone(),
    };
    postcard::to_stdvec(&s).expect("a document always encodes")
}

/// Decodes a cached document (id 0; the corpus renumbers).
pub fn decode_doc(bytes: &[u8]) -> Result<Document, CacheError> {
    let s: StoredDoc =
        postcard::from_bytes(bytes).map_err(|e| CacheError(format!("cached document: {e}")))?;
    let encoding = encoding_rs::Encoding::for_label(s.encoding.as_bytes())
        .map(|e| e.name())
        .unwrap_or(match s.encoding.as_str() {
            "UTF-8" => "UTF-8",
            _ => "unknown",
        });
    Ok(Document {
        id: DocId(0),
        rel_path: s.rel_path,
        format: s.format,
        encoding,
        file_bytes: s.file_bytes,
        title: s.title,
        date: s.date,
        source: s.source,
        text: s.text,
        junk: s.junk,
    })
}

/// Encodes findings for the cache.
pub fn encode_findings(f: &DocFindings) -> Vec<u8> {
    postcard::to_stdvec(f).expect("findings always encode")
}

/// Decodes cached findings.
pub fn decode_findings(bytes: &[u8]) -> Result<DocFindings, CacheError> {
    postcard::from_bytes(bytes).map_err(|e| CacheError(format!("cached findings: {e}")))
}

/// An open cache database.
pub struct Cache {
    conn: Connection,
    path: PathBuf,
    /// What happened when it was opened (e.g. "an old cache was discarded"), for the user.
    pub note: Option<String>,
}

impl Cache {
    /// Opens (or creates) the cache at `path`. A file that is not a cache of this version,
    /// or that SQLite cannot read, is deleted and created anew.
    pub fn open(path: &Path) -> Result<Cache, CacheError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| CacheError(format!("cannot create {}: {e}", dir.display())))?;
        }
        match Self::try_open(path) {
            Ok(c) => Ok(c),
            Err(why) => {
                discard(path);
                let mut c = Self::try_open(path)?;
                c.note = Some(format!("the analysis cache was rebuilt ({why})"));
                Ok(c)
            }
        }
    }

    fn try_open(path: &Path) -> Result<Cache, CacheError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let has_meta: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)?;
        if has_meta {
            let format: Option<i64> = conn
                .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if format != Some(FORMAT) {
                return Err(CacheError(format!(
                    "it was written by another version (format {})",
                    format.map_or("unknown".into(), |f| f.to_string())
                )));
            }
        } else {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(CacheError("it is not a ProxyLens cache".into()));
            }
            conn.execute_batch(
                "BEGIN;
                 CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                 CREATE TABLE files (
                     id INTEGER PRIMARY KEY,
                     root TEXT NOT NULL,
                     path TEXT NOT NULL,
                     size INTEGER NOT NULL,
                     mtime_ns INTEGER NOT NULL,
                     hash BLOB NOT NULL,
                     corpus_fp INTEGER NOT NULL,
                     analysis_fp INTEGER NOT NULL,
                     UNIQUE (root, path)
                 );
                 CREATE TABLE docs (id INTEGER PRIMARY KEY, sum INTEGER NOT NULL, data BLOB NOT NULL);
                 CREATE TABLE findings (id INTEGER PRIMARY KEY, sum INTEGER NOT NULL, data BLOB NOT NULL);
                 COMMIT;",
            )?;
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('format', ?1)",
                params![FORMAT],
            )?;
        }
        Ok(Cache {
            conn,
            path: path.to_path_buf(),
            note: None,
        })
    }

    /// Deletes the database and opens an empty one: for content that did not check out.
    pub fn rebuild(&mut self, why: &str) -> Result<(), CacheError> {
        let path = self.path.clone();
        let placeholder = Connection::open_in_memory()?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        discard(&path);
        *self = Self::try_open(&path)?;
        self.note = Some(format!("the analysis cache was rebuilt ({why})"));
        Ok(())
    }

    /// The entries of the files under `root`, by relative path.
    pub fn entries(&self, root: &str) -> Result<HashMap<String, Entry>, CacheError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, path, size, mtime_ns, hash, corpus_fp, analysis_fp FROM files WHERE root = ?1",
        )?;
        let rows = st.query_map(params![root], |r| {
            let hash: Vec<u8> = r.get(4)?;
            let mut h = [0u8; 16];
            if hash.len() == 16 {
                h.copy_from_slice(&hash);
            }
            Ok((
                r.get::<_, String>(1)?,
                Entry {
                    id: r.get(0)?,
                    size: r.get::<_, i64>(2)? as u64,
                    mtime_ns: r.get(3)?,
                    hash: h,
                    corpus_fp: r.get(5)?,
                    analysis_fp: r.get(6)?,
                },
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (path, e) = row?;
            out.insert(path, e);
        }
        Ok(out)
    }

    fn blob(&self, table: &str, id: i64) -> Result<Vec<u8>, CacheError> {
        blob(&self.conn, table, id)
    }

    /// The stored document blob of entry `id` (checked).
    pub fn doc_blob(&self, id: i64) -> Result<Vec<u8>, CacheError> {
        self.blob("docs", id)
    }

    /// The stored findings blob of entry `id` (checked).
    pub fn findings_blob(&self, id: i64) -> Result<Vec<u8>, CacheError> {
        self.blob("findings", id)
    }

    /// Starts a write transaction; nothing is visible to others (or survives a crash) until
    /// [`Writer::commit`].
    pub fn writer(&mut self) -> Result<Writer<'_>, CacheError> {
        Ok(Writer {
            tx: self.conn.transaction()?,
        })
    }

    /// Number of files in the cache (all folders).
    pub fn len(&self) -> Result<usize, CacheError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Whether the cache holds no file.
    pub fn is_empty(&self) -> Result<bool, CacheError> {
        Ok(self.len()? == 0)
    }
}

/// Changes to the cache inside one transaction.
pub struct Writer<'c> {
    tx: rusqlite::Transaction<'c>,
}

/// A file's identity on disk, as the cache keys it.
#[derive(Clone, Debug)]
pub struct FileKey<'a> {
    /// The opened folder.
    pub root: &'a str,
    /// Path relative to it.
    pub path: &'a str,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Content hash.
    pub hash: [u8; 16],
}

impl Writer<'_> {
    /// The stored findings blob of entry `id` (checked), read inside the transaction.
    pub fn findings_blob(&self, id: i64) -> Result<Vec<u8>, CacheError> {
        blob(&self.tx, "findings", id)
    }

    /// Stores a file's document (and, when given, its findings), replacing what was there.
    pub fn put(
        &mut self,
        key: &FileKey<'_>,
        corpus_fp: i64,
        doc: &[u8],
        findings: Option<(i64, &[u8])>,
    ) -> Result<(), CacheError> {
        let analysis_fp = findings.map_or(0, |(fp, _)| fp);
        let id: i64 = self.tx.query_row(
            "INSERT INTO files (root, path, size, mtime_ns, hash, corpus_fp, analysis_fp)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (root, path) DO UPDATE SET size = ?3, mtime_ns = ?4, hash = ?5,
                 corpus_fp = ?6, analysis_fp = ?7
             RETURNING id",
            params![
                key.root,
                key.path,
                key.size as i64,
                key.mtime_ns,
                &key.hash[..],
                corpus_fp,
                analysis_fp
            ],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT OR REPLACE INTO docs (id, sum, data) VALUES (?1, ?2, ?3)",
            params![id, checksum(doc), doc],
        )?;
        match findings {
            Some((_, f)) => {
                self.tx.execute(
                    "INSERT OR REPLACE INTO findings (id, sum, data) VALUES (?1, ?2, ?3)",
                    params![id, checksum(f), f],
                )?;
            }
            None => {
                self.tx
                    .execute("DELETE FROM findings WHERE id = ?1", params![id])?;
            }
        }
        Ok(())
    }

    /// Replaces the findings of an entry whose document is unchanged.
    pub fn put_findings(&mut self, id: i64, fp: i64, findings: &[u8]) -> Result<(), CacheError> {
        self.tx.execute(
            "UPDATE files SET analysis_fp = ?2 WHERE id = ?1",
            params![id, fp],
        )?;
        self.tx.execute(
            "INSERT OR REPLACE INTO findings (id, sum, data) VALUES (?1, ?2, ?3)",
            params![id, checksum(findings), findings],
        )?;
        Ok(())
    }

    /// Records a new modification time for an entry whose content hash is unchanged.
    pub fn touch(&mut self, id: i64, mtime_ns: i64) -> Result<(), CacheError> {
        self.tx.execute(
            "UPDATE files SET mtime_ns = ?2 WHERE id = ?1",
            params![id, mtime_ns],
        )?;
        Ok(())
    }

    /// Forgets an entry (its file is gone).
    pub fn remove(&mut self, id: i64) -> Result<(), CacheError> {
        for sql in [
            "DELETE FROM files WHERE id = ?1",
            "DELETE FROM docs WHERE id = ?1",
            "DELETE FROM findings WHERE id = ?1",
        ] {
            self.tx.execute(sql, params![id])?;
        }
        Ok(())
    }

    /// Makes the changes durable, all at once.
    pub fn commit(self) -> Result<(), CacheError> {
        self.tx.commit()?;
        Ok(())
    }
}

fn blob(conn: &Connection, table: &str, id: i64) -> Result<Vec<u8>, CacheError> {
    let sql = format!("SELECT sum, data FROM {table} WHERE id = ?1");
    let mut st = conn.prepare_cached(&sql)?;
    let (sum, data): (i64, Vec<u8>) = st
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CacheError(format!("{table} row {id} is missing")))?;
    if checksum(&data) != sum {
        return Err(CacheError(format!("{table} row {id} fails its checksum")));
    }
    Ok(data)
}

fn discard(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A fingerprint of text parts (program version included), for the `*_fp` columns.
pub fn fingerprint(parts: &[&str]) -> i64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&FORMAT.to_le_bytes());
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    // 0 means "no findings stored".
    (h.digest() as i64) | 1
}
