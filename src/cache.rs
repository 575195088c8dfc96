//! A cache of per-file results for `mentor check` (issue 17), so that a pre-commit hook in a
//! large repository parses and validates only the files that changed.
//!
//! What is cached: for each record file that parsed, passed its schema, typed into the model and
//! had no diagnostic of its own, its typed record (postcard) and its Markdown body
//! ([`Entry`]), keyed by a 128-bit hash of its record kind, its path and its content id (its git
//! blob id, [`ContentId`]). A git snapshot names every file's blob id without reading it, so a
//! pre-commit check reads only the files whose results are not cached; the work tree's files are
//! read and hashed, and share the entries. A file with any diagnostic is never cached, so it is
//! parsed again on every run and its findings are always fresh. Cross-record checks and the rules
//! always run over the whole program, so their results are exact.
//!
//! A cache belongs to one [`fingerprint`]: this build's version, the cache format, the built-in
//! schemas and instruments, and the text of the program's `program.md`. A cache stored under
//! another fingerprint, or one that cannot be read or decoded, is ignored (and replaced on the
//! next write); a cache is never trusted blindly.
//!
//! Storage ([`load`], [`store`]): one file, written to a temporary file in the same folder and
//! then renamed over the old one, so a reader sees the old cache or the new one, never half of
//! one. The file is postcard (serde) encoded: compact, fast, and a stable documented wire format.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::layout::RecordKind;
use crate::source::{ContentId, SourceFile};

/// Bumped whenever what is cached, or how it is keyed, changes.
const FORMAT: u32 = 5;

/// The 128-bit key of one record file: its kind, its path and its content id.
pub type Key = u128;

/// What is kept for one record file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its typed record (the model type of its kind), postcard-encoded without its path and
    /// body: decoding it takes a fraction of the time parsing JSON text took.
    pub record: Vec<u8>,
    /// Its Markdown body (the text after the front matter), for the kinds that keep one; empty
    /// for the others.
    pub body: String,
}

/// An entry as stored: borrowed from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef<'a> {
    /// See [`Entry::record`].
    pub record: &'a [u8],
    /// See [`Entry::body`].
    pub body: &'a str,
}

/// Per-file results from an earlier run, and the ones this run used or added.
///
/// Entries from the file stay in the file's bytes, read once: loading a cache of 28,713
/// entries makes no copy of them (decoding each into its own buffers took 10% of a staged
/// check at 5,000 faculty, on one thread).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cache {
    /// The [`fingerprint`] the entries were made under.
    fingerprint: u128,
    /// The bytes of the cache file this was loaded from, which stored entries point into.
    stored: Vec<u8>,
    /// Per-file results by [`key`].
    entries: HashMap<Key, Slot>,
    /// Whether this differs from the stored cache it came from (so it is worth writing).
    pub(crate) changed: bool,
}

/// Where an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// In [`Cache::stored`]: the byte ranges of the record and of the body (UTF-8, checked
    /// when the file was decoded).
    Stored {
        record: std::ops::Range<usize>,
        body: std::ops::Range<usize>,
    },
    /// Added by this run.
    New(Entry),
}

impl Cache {
    /// An empty cache for `fingerprint`.
    pub fn new(fingerprint: u128) -> Self {
        Cache {
            fingerprint,
            stored: Vec::new(),
            entries: HashMap::new(),
            changed: true,
        }
    }

    /// Whether this cache differs from the one it was loaded from: a run added entries, or left
    /// some unused (records changed, renamed or deleted). Only then is it worth storing.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The fingerprint the entries were made under.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// The entry cached for `key`.
    pub fn get(&self, key: Key) -> Option<EntryRef<'_>> {
        match self.entries.get(&key)? {
            Slot::Stored { record, body } => Some(EntryRef {
                record: self.stored.get(record.clone())?,
                body: std::str::from_utf8(self.stored.get(body.clone())?).ok()?,
            }),
            Slot::New(entry) => Some(EntryRef {
                record: &entry.record,
                body: &entry.body,
            }),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops every entry whose key `keep` refuses; whether any was dropped.
    pub(crate) fn retain(&mut self, keep: impl Fn(&Key) -> bool) -> bool {
        let before = self.entries.len();
        self.entries.retain(|key, _| keep(key));
        self.entries.len() != before
    }

    /// Adds (or replaces) the entry for `key`: it must hold the typed record and the body of a
    /// record file with that key and no diagnostic, or checks using this cache go wrong.
    pub fn insert(&mut self, key: Key, entry: Entry) {
        self.entries.insert(key, Slot::New(entry));
    }
}

/// A cache as written: postcard, with the records and bodies borrowed from the bytes when read.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    fingerprint: u128,
    #[serde(borrow)]
    entries: Vec<(Key, &'a [u8], &'a str)>,
}

/// A 128-bit hash of `parts`: two SipHash-1-3 runs (std's hasher, fixed keys) with different
/// leading salts. Not cryptographic; a collision needs two different records of the same kind
/// with the same 128-bit hash.
fn hash128<'a>(parts: impl Iterator<Item = &'a [u8]> + Clone) -> u128 {
    let half = |salt: u8| {
        let mut h =
            std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().build_hasher();
        h.write_u8(salt);
        for part in parts.clone() {
            h.write_usize(part.len());
            h.write(part);
        }
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// The cache key of a record file of `kind` at `path` (relative, with `/`) whose content id is
/// `id`. The path is part of it because a record's identity fields must agree with its path
/// (M208).
pub fn key(kind: RecordKind, path: &str, id: &ContentId) -> Key {
    let kind = format!("{kind:?}");
    hash128([kind.as_bytes(), path.as_bytes(), &id.0[..]].into_iter())
}

/// The cache key of a record file read as `text` ([`key`] of its content id), or `None` when it
/// must not be cached: its text still starts with a byte order mark after the reader removed
/// one, so its bytes on disk and its text differ by more than the one mark git's blob id of the
/// same text could stand for; or SHA-1's collision detector flagged it.
pub fn key_of_text(kind: RecordKind, path: &str, text: &str) -> Option<Key> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    ContentId::of(text.as_bytes()).map(|id| key(kind, path, &id))
}

/// What a cache must have been made under to be used with `files`: this build (crate version and
/// cache format), the built-in schemas and instruments, and the text of `program.md` among
/// `files` (paths relative to the program folder).
pub fn fingerprint(files: &[SourceFile]) -> u128 {
    let version = env!("CARGO_PKG_VERSION");
    let format = FORMAT.to_le_bytes();
    let program = files
        .iter()
        .find(|f| f.path == "program.md")
        .map_or("", |f| f.text.as_str());
    let kinds: Vec<&str> = RecordKind::all().map(crate::schema::text).collect();
    let instruments = crate::load::BUILT_IN_INSTRUMENTS.map(|(_, text)| text);
    let parts = [version.as_bytes(), &format[..], program.as_bytes()]
        .into_iter()
        .chain(kinds.iter().map(|s| s.as_bytes()))
        .chain(instruments.iter().map(|s| s.as_bytes()));
    hash128(parts)
}

/// Why a cache file was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// There is no cache file yet.
    Absent,
    /// The file could not be read (permissions, a folder in its place).
    Unreadable,
    /// The file does not decode as a cache (truncated, corrupt, another format).
    Corrupt,
    /// The file is a cache made under another fingerprint (another version, schemas or
    /// `program.md`).
    Stale,
}

/// Reads the cache at `path` made under `fingerprint`; any cache that cannot be used comes back
/// as an empty one for `fingerprint`, with the reason.
pub fn load(path: &Path, fingerprint: u128) -> (Cache, Option<Miss>) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Cache::new(fingerprint), Some(Miss::Absent));
        }
        Err(_) => return (Cache::new(fingerprint), Some(Miss::Unreadable)),
    };
    match decode(bytes) {
        Some(cache) if cache.fingerprint == fingerprint => (cache, None),
        Some(_) => (Cache::new(fingerprint), Some(Miss::Stale)),
        None => (Cache::new(fingerprint), Some(Miss::Corrupt)),
    }
}

/// The file's header: a magic string and the format, so that a file of another format is
/// recognised without decoding the rest.
const MAGIC: &[u8; 12] = b"mentor-cache";

fn decode(bytes: Vec<u8>) -> Option<Cache> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let stored: Stored<'_> = postcard::from_bytes(rest).ok()?;
    // Where a slice borrowed from `bytes` is in `bytes`.
    let base = bytes.as_ptr() as usize;
    let range = |part: &[u8]| {
        let start = part.as_ptr() as usize - base;
        start..start + part.len()
    };
    let entries = stored
        .entries
        .iter()
        .map(|(key, record, body)| {
            let slot = Slot::Stored {
                record: range(record),
                body: range(body.as_bytes()),
            };
            (*key, slot)
        })
        .collect();
    let fingerprint = stored.fingerprint;
    Some(Cache {
        fingerprint,
        stored: bytes,
        entries,
        changed: false,
    })
}

fn encode(cache: &Cache) -> Result<Vec<u8>, postcard::Error> {
    let mut entries: Vec<(Key, &[u8], &str)> = cache
        .entries
        .keys()
        .filter_map(|key| cache.get(*key).map(|e| (*key, e.record, e.body)))
        .collect();
    // In key order, so that the same entries make the same file.
    entries.sort_unstable_by_key(|(key, _, _)| *key);
    let stored = Stored {
        fingerprint: cache.fingerprint,
        entries,
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend(FORMAT.to_le_bytes());
    postcard::to_extend(&stored, bytes)
}

/// Writes `cache` to `path` atomically: to a temporary file in the same folder (created when
/// missing), then renamed over `path`. On failure the temporary file is removed and the old
/// cache, if any, is left as it was.
///
/// # Errors
/// The I/O error (the caller may ignore it: a cache that cannot be written only costs time).
pub fn store(path: &Path, cache: &Cache) -> std::io::Result<()> {
    let bytes = encode(cache).map_err(std::io::Error::other)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = std::fs::write(&temp, &bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The cache file's name for the program in folder `program` (any stable spelling of it, such
/// as its path relative to the repository root or its absolute path): `check-<hash>.bin`, so
/// that several programs can share one cache folder.
pub fn file_name(program: &str) -> String {
    format!(
        "check-{:016x}.bin",
        hash128([program.as_bytes()].into_iter()) >> 64
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_what_it_did_not_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("c.bin");
        let mut cache = Cache::new(7);
        let k = key_of_text(RecordKind::Person, "people/a.md", "a").expect("key");
        let entry = Entry {
            record: vec![1, 2],
            body: "b".to_owned(),
        };
        cache.insert(k, entry.clone());
        store(&path, &cache).expect("store");
        let (loaded, miss) = load(&path, 7);
        let stored = EntryRef {
            record: &entry.record,
            body: &entry.body,
        };
        assert_eq!((miss, loaded.get(k), loaded.len()), (None, Some(stored), 1));
        assert!(!loaded.changed());
        assert_eq!(load(&path, 8), (Cache::new(8), Some(Miss::Stale)));
        std::fs::write(&path, b"mentor-cache\x01\0\0\0\xff\xff").expect("write");
        assert_eq!(load(&path, 7), (Cache::new(7), Some(Miss::Corrupt)));
        std::fs::write(&path, b"not a cache").expect("write");
        assert_eq!(load(&path, 7).1, Some(Miss::Corrupt));
        assert_eq!(load(&dir.path().join("none"), 7).1, Some(Miss::Absent));
        assert_eq!(load(dir.path(), 7).1, Some(Miss::Unreadable));
    }

    #[test]
    fn keys_depend_on_kind_path_and_text() {
        let key = |kind, path, text| key_of_text(kind, path, text).expect("key");
        let a = key(RecordKind::Person, "people/a.md", "x");
        assert_eq!(a, key(RecordKind::Person, "people/a.md", "x"));
        assert_ne!(a, key(RecordKind::Agreement, "people/a.md", "x"));
        assert_ne!(a, key(RecordKind::Person, "people/b.md", "x"));
        assert_ne!(a, key(RecordKind::Person, "people/a.md", "y"));
        // The same text's git blob id, as a git snapshot lists it, gives the same key.
        let id = ContentId::of(b"x").expect("id");
        assert_eq!(a, super::key(RecordKind::Person, "people/a.md", &id));
    }

    #[test]
    fn a_text_that_still_starts_with_a_byte_order_mark_is_not_cached() {
        assert_eq!(
            key_of_text(RecordKind::Person, "people/a.md", "\u{feff}x"),
            None
        );
    }

    #[test]
    fn the_fingerprint_follows_program_md() {
        let files = |t: &str| vec![SourceFile::new("program.md", t)];
        assert_eq!(fingerprint(&files("a")), fingerprint(&files("a")));
        assert_ne!(fingerprint(&files("a")), fingerprint(&files("b")));
    }
}
