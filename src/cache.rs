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
//! always run over the whole program, so their results are exact. Beside an entry, the span
//! index of its front matter ([`crate::parse::yaml::SpanIndex`]) and its text are kept once a
//! diagnostic named the file, so that the same rule findings on unchanged files are located and
//! shown run after run without reading or parsing those files again.
//!
//! A cache belongs to one [`fingerprint`]: this build's version, the cache format, the built-in
//! schemas and instruments, and the text of the program's `program.md`. A cache stored under
//! another fingerprint, or one that cannot be read or decoded, is ignored (and replaced on the
//! next write); a cache is never trusted blindly.
//!
//! Storage ([`load`], [`store`]): a base file holding every entry, and beside it a small delta
//! file (`<base>.delta`) holding the entries added since the base was written, so that a
//! pre-commit check that parsed one file writes one entry, not all 28,713 again (rewriting the
//! whole file took 10% of a staged check at 5,000 faculty). The delta names the base it extends
//! (by a tag, a hash of the base's keys), so a delta left beside another base is ignored. The
//! base is written again, holding only the entries in use, once the delta grows past an eighth of
//! it or a quarter of its entries are no longer used. Each file is written to a temporary file in
//! the same folder and then renamed over the old one, so a reader sees the old file or the new
//! one, never half of one. Both are postcard (serde) encoded: compact, fast, and a stable
//! documented wire format.
//!
//! Reading is defensive: only a regular file of at most [`MAX_CACHE_BYTES`] is read (a FIFO
//! would block, a link to a device never end), and each file carries a CRC-32 of its contents,
//! so a file damaged on disk, truncated or overwritten with other bytes is rebuilt instead of
//! serving records it does not hold. The CRC catches accidents, not forgery: whoever can write
//! the cache can write the records and the repository's hooks.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::layout::RecordKind;
use crate::source::{ContentId, SourceFile};

/// Bumped whenever what is cached, or how it is keyed, changes.
const FORMAT: u32 = 10;

/// Largest cache or delta file read, in bytes (1 GiB); a larger one is unreadable. The
/// 5,000-faculty program's base file is about 17 MB.
pub const MAX_CACHE_BYTES: u64 = 1 << 30;

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
    /// The tag of the base file this was loaded from (see [`tag`]); `None` when there was none.
    base: Option<u128>,
    /// How many entries and span indexes that base file holds.
    base_entries: usize,
    /// The bytes of the base file this was loaded from, which [`Slot::Base`] entries point into.
    stored: Bytes,
    /// The bytes of the delta file this was loaded from, which [`Slot::Delta`] entries point
    /// into.
    delta: Vec<u8>,
    /// Per-file results by [`key`].
    entries: HashMap<Key, Slot, foldhash::fast::RandomState>,
    /// What locating diagnostics in a record file needs, by [`key`]: the span index of its
    /// front matter ([`crate::parse::yaml::SpanIndex::encode`]) and its text, kept for files
    /// that a diagnostic named, so that a rule finding on an unchanged file is located and
    /// shown without reading or parsing the file again.
    spans: HashMap<Key, Part, foldhash::fast::RandomState>,
    /// Whether the entries outside the base differ from the delta file's (added, or dropped).
    delta_changed: bool,
}

/// Where a file's span index and text are (either may be empty: not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// In [`Cache::stored`], at these byte ranges (the text is UTF-8, checked when the file
    /// was decoded).
    Base {
        spans: std::ops::Range<usize>,
        text: std::ops::Range<usize>,
    },
    /// In [`Cache::delta`], as [`Part::Base`].
    Delta {
        spans: std::ops::Range<usize>,
        text: std::ops::Range<usize>,
    },
    /// Added by this run.
    New { spans: Vec<u8>, text: String },
}

/// Where an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// In [`Cache::stored`]: the byte ranges of the record and of the body (UTF-8, checked
    /// when the file was decoded).
    Base {
        record: std::ops::Range<usize>,
        body: std::ops::Range<usize>,
    },
    /// In [`Cache::delta`], as [`Slot::Base`].
    Delta {
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
            base: None,
            base_entries: 0,
            stored: Bytes::default(),
            delta: Vec::new(),
            entries: HashMap::default(),
            spans: HashMap::default(),
            delta_changed: true,
        }
    }

    /// Whether this cache is worth storing: it was not loaded from a base file, a run added
    /// entries or left unused some that were not in the base (records changed, renamed or
    /// deleted), or the base is due to be written again ([`Cache::rewrites_base`]).
    pub fn changed(&self) -> bool {
        self.base.is_none() || self.delta_changed || self.rewrites_base()
    }

    /// Whether [`store`] writes the base file again rather than only the delta: there is no
    /// base, the entries outside it take more than an eighth of its size, or more than a quarter
    /// of its entries are no longer used.
    fn rewrites_base(&self) -> bool {
        let (mut in_base, mut outside) = (0, 0);
        for slot in self.entries.values() {
            match slot {
                Slot::Base { .. } => in_base += 1,
                Slot::Delta { record, body } => outside += record.len() + body.len(),
                Slot::New(entry) => outside += entry.record.len() + entry.body.len(),
            }
        }
        for part in self.spans.values() {
            match part {
                Part::Base { .. } => in_base += 1,
                Part::Delta { spans, text } => outside += spans.len() + text.len(),
                Part::New { spans, text } => outside += spans.len() + text.len(),
            }
        }
        let unused = self.base_entries.saturating_sub(in_base);
        self.base.is_none() || outside * 8 > self.stored.len() || unused * 4 > self.base_entries
    }

    /// The fingerprint the entries were made under.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// The entry cached for `key`.
    pub fn get(&self, key: Key) -> Option<EntryRef<'_>> {
        fn stored<'a>(
            bytes: &'a [u8],
            record: &std::ops::Range<usize>,
            body: &std::ops::Range<usize>,
        ) -> Option<EntryRef<'a>> {
            Some(EntryRef {
                record: bytes.get(record.clone())?,
                body: std::str::from_utf8(bytes.get(body.clone())?).ok()?,
            })
        }
        match self.entries.get(&key)? {
            Slot::Base { record, body } => stored(&self.stored, record, body),
            Slot::Delta { record, body } => stored(&self.delta, record, body),
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

    /// Drops every entry (and span index) whose key `keep` refuses.
    pub(crate) fn retain(&mut self, keep: impl Fn(&Key) -> bool) {
        let mut outside_base = false;
        self.entries.retain(|key, slot| {
            let kept = keep(key);
            outside_base |= !kept && !matches!(slot, Slot::Base { .. });
            kept
        });
        self.spans.retain(|key, part| {
            let kept = keep(key);
            outside_base |= !kept && !matches!(part, Part::Base { .. });
            kept
        });
        self.delta_changed |= outside_base;
    }

    /// The span index and the text kept for the record file with `key` (each empty when not
    /// kept).
    fn part(&self, key: Key) -> Option<(&[u8], &str)> {
        fn stored<'a>(
            bytes: &'a [u8],
            spans: &std::ops::Range<usize>,
            text: &std::ops::Range<usize>,
        ) -> Option<(&'a [u8], &'a str)> {
            let text = std::str::from_utf8(bytes.get(text.clone())?).ok()?;
            Some((bytes.get(spans.clone())?, text))
        }
        match self.spans.get(&key)? {
            Part::Base { spans, text } => stored(&self.stored, spans, text),
            Part::Delta { spans, text } => stored(&self.delta, spans, text),
            Part::New { spans, text } => Some((spans, text)),
        }
    }

    /// The span index kept for the record file with `key`, encoded
    /// ([`crate::parse::yaml::SpanIndex::encode`]).
    pub fn spans(&self, key: Key) -> Option<&[u8]> {
        self.part(key)
            .map(|(spans, _)| spans)
            .filter(|spans| !spans.is_empty())
    }

    /// The text kept for the record file with `key`.
    pub fn text(&self, key: Key) -> Option<&str> {
        self.part(key)
            .map(|(_, text)| text)
            .filter(|text| !text.is_empty())
    }

    /// Keeps `spans`, the encoded span index of the record file with `key`, when that file's
    /// results are cached (a file with a diagnostic of its own is parsed again on every run, so
    /// its index is not kept either).
    pub fn insert_spans(&mut self, key: Key, spans: Vec<u8>) {
        let text = self.text(key).unwrap_or_default().to_owned();
        self.insert_part(key, spans, text);
    }

    /// Keeps `text`, the text of the record file with `key`, when that file's results are
    /// cached: for a file that a diagnostic names but that was not read (its results came from
    /// the cache), so that the next run shows its lines without reading it from git again.
    /// It must be the text of the file with that key.
    pub fn insert_text(&mut self, key: Key, text: String) {
        let spans = self.spans(key).unwrap_or_default().to_vec();
        self.insert_part(key, spans, text);
    }

    fn insert_part(&mut self, key: Key, spans: Vec<u8>, text: String) {
        if self.entries.contains_key(&key) {
            self.spans.insert(key, Part::New { spans, text });
            self.delta_changed = true;
        }
    }

    /// Adds (or replaces) the entry for `key`: it must hold the typed record and the body of a
    /// record file with that key and no diagnostic, or checks using this cache go wrong.
    pub fn insert(&mut self, key: Key, entry: Entry) {
        self.entries.insert(key, Slot::New(entry));
        self.delta_changed = true;
    }

    /// The entries and span indexes to write, in key order (so that the same entries make the
    /// same file): those in the base file when `in_base`, else the others.
    fn sorted(&self, in_base: bool) -> Contents<'_> {
        let mut entries: Vec<(Key, &[u8], &str)> = self
            .entries
            .iter()
            .filter(|(_, slot)| matches!(slot, Slot::Base { .. }) == in_base)
            .filter_map(|(key, _)| self.get(*key).map(|e| (*key, e.record, e.body)))
            .collect();
        entries.sort_unstable_by_key(|(key, _, _)| *key);
        let mut spans: Vec<(Key, &[u8], &str)> = self
            .spans
            .iter()
            .filter(|(_, part)| matches!(part, Part::Base { .. }) == in_base)
            .filter_map(|(key, _)| self.part(*key).map(|(spans, text)| (*key, spans, text)))
            .collect();
        spans.sort_unstable_by_key(|(key, _, _)| *key);
        Contents { entries, spans }
    }
}

/// What a cache file holds, in key order.
struct Contents<'a> {
    /// Entries: key, record, body.
    entries: Vec<(Key, &'a [u8], &'a str)>,
    /// What locating needs: key, span index, text.
    spans: Vec<(Key, &'a [u8], &'a str)>,
}

/// A cache file as written: postcard, with the records and bodies borrowed from the bytes when
/// read.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    fingerprint: u128,
    /// In a base file, its own tag; in a delta file, the tag of the base it extends.
    tag: u128,
    #[serde(borrow)]
    entries: Vec<(Key, &'a [u8], &'a str)>,
    #[serde(borrow)]
    spans: Vec<(Key, &'a [u8], &'a str)>,
}

/// The tag of a base file holding `entries` (in key order): a hash of its keys, which name its
/// contents, so that a delta names the one base it extends.
fn tag(fingerprint: u128, contents: &Contents<'_>) -> u128 {
    let keys: Vec<u8> = (contents.entries.iter().map(|(key, _, _)| key))
        .chain([&0])
        .chain(contents.spans.iter().map(|(key, _, _)| key))
        .flat_map(|key| key.to_le_bytes())
        .collect();
    hash128([&fingerprint.to_le_bytes()[..], &keys].into_iter())
}

/// Where the delta file of the base file at `path` is: beside it, `<name>.delta`.
fn delta_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".delta");
    path.with_file_name(name)
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
    hash128([&[kind as u8][..], path.as_bytes(), &id.0[..]].into_iter())
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

/// Reads the cache at `path` made under `fingerprint`, with the entries of its delta file when
/// that extends it; any cache that cannot be used comes back as an empty one for `fingerprint`,
/// with the reason. A delta file that cannot be used (absent, corrupt, from another base) is
/// left out, and replaced on the next [`store`]. The same as [`matched`] of [`read`].
pub fn load(path: &Path, fingerprint: u128) -> (Cache, Option<Miss>) {
    matched(read(path), fingerprint)
}

/// The cache at `path` under whatever fingerprint it was made (with its delta file's entries
/// when that extends it), or why it cannot be read. Reading it needs nothing of the program,
/// so a caller may read it while it lists the program's files, and then ask [`matched`]
/// whether it serves them.
///
/// # Errors
/// [`Miss::Absent`], [`Miss::Unreadable`] or [`Miss::Corrupt`].
pub fn read(path: &Path) -> Result<Cache, Miss> {
    let bytes = match Bytes::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(_) => return Err(Miss::Unreadable),
    };
    let (mut cache, found) = decode(bytes).ok_or(Miss::Corrupt)?;
    cache.fingerprint = found;
    cache.base_entries = cache.entries.len() + cache.spans.len();
    cache.delta_changed = false;
    let Ok(delta) = read_regular(&delta_path(path)) else {
        return Ok(cache);
    };
    let base = cache.base;
    let extends = |stored: &Stored<'_>| stored.fingerprint == found && Some(stored.tag) == base;
    match decode_delta(&delta, extends) {
        Some((entries, spans)) => {
            cache.entries.extend(entries);
            cache.spans.extend(spans);
            cache.delta = delta;
        }
        // Not one to use: the next store replaces it.
        None => cache.delta_changed = true,
    }
    Ok(cache)
}

/// The cache that [`read`] gave, when it was made under `fingerprint`; else an empty one for
/// `fingerprint`, with the reason ([`Miss::Stale`] for another fingerprint).
pub fn matched(read: Result<Cache, Miss>, fingerprint: u128) -> (Cache, Option<Miss>) {
    match read {
        Ok(cache) if cache.fingerprint == fingerprint => (cache, None),
        Ok(_) => (Cache::new(fingerprint), Some(Miss::Stale)),
        Err(miss) => (Cache::new(fingerprint), Some(miss)),
    }
}

/// The file's header: a magic string and the format, so that a file of another format is
/// recognised without decoding the rest; then the CRC-32 (little-endian) of the bytes after it.
const MAGIC: &[u8; 12] = b"mentor-cache";

/// Length of the header: magic, format, CRC-32.
const HEADER: usize = MAGIC.len() + 4 + 4;

/// The [`Stored`] in `bytes`, if they hold a cache file of this format whose contents match
/// its CRC-32.
fn parse(bytes: &[u8]) -> Option<Stored<'_>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let (crc, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*crc) != crc32fast::hash(rest) {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

/// The entries and span indexes read from a cache file.
type Slots = (Vec<(Key, Slot)>, Vec<(Key, Part)>);

/// Which file of a cache an entry was read from.
#[derive(Clone, Copy)]
enum File {
    Base,
    Delta,
}

/// The entries and span indexes of the cache file `stored`, read from `file` whose bytes are
/// `bytes`, as byte ranges of `bytes`.
fn slots(bytes: &[u8], stored: &Stored<'_>, file: File) -> Slots {
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
            let (record, body) = (range(record), range(body.as_bytes()));
            let slot = match file {
                File::Base => Slot::Base { record, body },
                File::Delta => Slot::Delta { record, body },
            };
            (*key, slot)
        })
        .collect();
    let spans = stored
        .spans
        .iter()
        .map(|(key, spans, text)| {
            let (spans, text) = (range(spans), range(text.as_bytes()));
            let part = match file {
                File::Base => Part::Base { spans, text },
                File::Delta => Part::Delta { spans, text },
            };
            (*key, part)
        })
        .collect();
    (entries, spans)
}

/// The bytes of a base cache file: mapped into memory, or (where mapping fails, and for a cache
/// made in memory) read into a buffer.
///
/// Mapped because reading a 17 MB base file (5,000 faculty) into a fresh buffer took 10 to 25
/// ms on the pre-commit check's critical path, almost all of it the kernel zeroing and
/// faulting in the buffer's pages; mapping the file's pages from the page cache took 2 ms.
#[derive(Clone, Default)]
enum Bytes {
    /// No file (a cache made in memory).
    #[default]
    Empty,
    /// Read into a buffer.
    Owned(Vec<u8>),
    /// Mapped read-only (shared, so a clone of the cache maps nothing again).
    Mapped(std::sync::Arc<memmap2::Mmap>),
}

impl Bytes {
    /// The bytes of the file at `path`, mapped when it can be (see [`Bytes`]), else read.
    ///
    /// # Errors
    /// The I/O error opening or reading it.
    fn read(path: &Path) -> std::io::Result<Bytes> {
        let (file, len) = open_regular(path)?;
        if len > 0 {
            // SAFETY: a mapped file must not change while it is mapped. mentor never writes a
            // cache file in place: `store` writes a temporary file and renames it over the old
            // one, so a mapping keeps the old file's contents (ripgrep maps files on the same
            // terms, git its index and packs). Another program truncating the file in place
            // while mentor runs (records are read from the map throughout a check) would end
            // mentor with SIGBUS, as it would git; no record is written by a check. Every byte
            // is still checked as untrusted input (CRC-32, postcard decoding, UTF-8).
            let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) };
            if let Ok(map) = map {
                return Ok(Bytes::Mapped(std::sync::Arc::new(map)));
            }
        }
        Ok(Bytes::Owned(read_to_end(&file, len)?))
    }
}

/// The file at `path` opened, and its length in bytes, when it is a regular file (after
/// following links) of at most [`MAX_CACHE_BYTES`].
///
/// # Errors
/// The I/O error opening it; [`std::io::ErrorKind::InvalidInput`] when it is not a regular file
/// or is larger. The kind of file is checked before opening it (opening a FIFO waits for a
/// writer, and a device such as `/dev/zero` never ends) and again on the opened file.
fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    let refused = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, what);
    if !std::fs::metadata(path)?.is_file() {
        return Err(refused("not a regular file"));
    }
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(refused("not a regular file"));
    }
    if metadata.len() > MAX_CACHE_BYTES {
        return Err(refused("larger than a cache file can be"));
    }
    Ok((file, metadata.len()))
}

/// At most `len` bytes of `file` (its length when opened: a file that grew since is cut there,
/// and then fails its CRC).
fn read_to_end(file: &std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, len), &mut bytes)?;
    Ok(bytes)
}

/// The bytes of the regular file at `path` (see [`open_regular`]), read into a buffer.
///
/// # Errors
/// As [`open_regular`], and the I/O error reading it.
fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let (file, len) = open_regular(path)?;
    read_to_end(&file, len)
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Empty => &[],
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map) => map,
        }
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.len())
    }
}

/// A base file's cache and the fingerprint it was made under.
fn decode(bytes: Bytes) -> Option<(Cache, u128)> {
    let stored = parse(&bytes)?;
    let mut cache = Cache::new(stored.fingerprint);
    cache.base = Some(stored.tag);
    let found = stored.fingerprint;
    let (entries, spans) = slots(&bytes, &stored, File::Base);
    cache.entries = entries.into_iter().collect();
    cache.spans = spans.into_iter().collect();
    cache.stored = bytes;
    Some((cache, found))
}

/// The entries and span indexes of the delta file in `bytes`, when `extends` accepts its
/// header.
fn decode_delta(bytes: &[u8], extends: impl Fn(&Stored<'_>) -> bool) -> Option<Slots> {
    let stored = parse(bytes)?;
    if !extends(&stored) {
        return None;
    }
    Some(slots(bytes, &stored, File::Delta))
}

/// The bytes of a cache file holding `contents` with `tag`.
fn encode(
    fingerprint: u128,
    tag: u128,
    contents: Contents<'_>,
) -> Result<Vec<u8>, postcard::Error> {
    let stored = Stored {
        fingerprint,
        tag,
        entries: contents.entries,
        spans: contents.spans,
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend(FORMAT.to_le_bytes());
    bytes.extend([0; 4]);
    let mut bytes = postcard::to_extend(&stored, bytes)?;
    let crc = crc32fast::hash(&bytes[HEADER..]);
    bytes[HEADER - 4..HEADER].copy_from_slice(&crc.to_le_bytes());
    Ok(bytes)
}

/// Writes `cache` to `path` atomically. Only the delta file is written when the base file it
/// was loaded from still serves (see [`Cache::rewrites_base`]); else the base file is written
/// with every entry in use, and the delta file beside it is removed. Each file is written to a
/// temporary file in the same folder (created when missing), then renamed over the old one; on
/// failure the temporary file is removed and the old file, if any, is left as it was.
///
/// # Errors
/// The I/O error (the caller may ignore it: a cache that cannot be written only costs time).
pub fn store(path: &Path, cache: &Cache) -> std::io::Result<()> {
    let delta = delta_path(path);
    if let Some(base) = cache.base.filter(|_| !cache.rewrites_base()) {
        let bytes = encode(cache.fingerprint, base, cache.sorted(false));
        return write_atomically(&delta, &bytes.map_err(std::io::Error::other)?);
    }
    let mut contents = cache.sorted(true);
    let outside = cache.sorted(false);
    contents.entries.extend(outside.entries);
    contents.entries.sort_unstable_by_key(|(key, _, _)| *key);
    contents.spans.extend(outside.spans);
    contents.spans.sort_unstable_by_key(|(key, _, _)| *key);
    let tag = tag(cache.fingerprint, &contents);
    let bytes = encode(cache.fingerprint, tag, contents).map_err(std::io::Error::other)?;
    write_atomically(path, &bytes)?;
    // A delta left beside the new base names the old one and would be ignored; it goes.
    match std::fs::remove_file(&delta) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes `bytes` to a temporary file beside `path` (its folder created when missing), then
/// renames it over `path`; on failure the temporary file is removed.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
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
        std::fs::write(&path, b"mentor-cache\x0a\0\0\0\xff\xff").expect("write");
        assert_eq!(load(&path, 7), (Cache::new(7), Some(Miss::Corrupt)));
        std::fs::write(&path, b"not a cache").expect("write");
        assert_eq!(load(&path, 7).1, Some(Miss::Corrupt));
        assert_eq!(load(&dir.path().join("none"), 7).1, Some(Miss::Absent));
        assert_eq!(load(dir.path(), 7).1, Some(Miss::Unreadable));
    }

    #[test]
    fn a_file_changed_on_disk_is_corrupt_not_served() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        store(&path, &twenty()).expect("store");
        let good = std::fs::read(&path).expect("read");
        assert_eq!(load(&path, 7).1, None);
        // Every single-bit flip after the magic and format, one per byte at a varying bit.
        for at in MAGIC.len() + 4..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 1 << (at % 8);
            std::fs::write(&path, &bad).expect("write");
            assert_eq!(
                load(&path, 7).1,
                Some(Miss::Corrupt),
                "bit flipped at byte {at}"
            );
        }
        // Cut short, or with bytes appended.
        std::fs::write(&path, &good[..good.len() - 1]).expect("write");
        assert_eq!(load(&path, 7).1, Some(Miss::Corrupt));
        std::fs::write(&path, [&good[..], b"x"].concat()).expect("write");
        assert_eq!(load(&path, 7).1, Some(Miss::Corrupt));
        // A damaged delta file is left out; the base still serves.
        std::fs::write(&path, &good).expect("write");
        let mut cache = load(&path, 7).0;
        let (key, extra) = entry(99, 10);
        cache.insert(key, extra);
        store(&path, &cache).expect("store");
        assert_eq!(load(&path, 7).0.len(), 21);
        let delta = delta_path(&path);
        let mut bad = std::fs::read(&delta).expect("delta");
        let last = bad.len() - 1;
        bad[last] ^= 0x10;
        std::fs::write(&delta, bad).expect("write");
        let (loaded, miss) = load(&path, 7);
        assert_eq!((loaded.len(), miss, loaded.delta_changed), (20, None, true));
    }

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_of_bounded_size_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        // A link to a device that never ends, and a FIFO no one writes to: unreadable, at once.
        std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
        assert_eq!(load(&path, 7).1, Some(Miss::Unreadable));
        std::fs::remove_file(&path).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let (done, result) = std::sync::mpsc::channel();
        let fifo = path.clone();
        std::thread::spawn(move || done.send(load(&fifo, 7).1));
        let miss = result.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(miss, Ok(Some(Miss::Unreadable)), "reading a FIFO blocked");
        std::fs::remove_file(&path).expect("remove");
        // Larger than a cache file can be (sparse: no disk used).
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_CACHE_BYTES + 1).expect("set_len");
        assert_eq!(load(&path, 7).1, Some(Miss::Unreadable));
        // A good cache behind a link is read; a FIFO as its delta is left out.
        std::fs::remove_file(&path).expect("remove");
        let real = dir.path().join("real.bin");
        store(&real, &twenty()).expect("store");
        std::os::unix::fs::symlink(&real, &path).expect("symlink");
        let made = std::process::Command::new("mkfifo")
            .arg(delta_path(&path))
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let (done, result) = std::sync::mpsc::channel();
        let linked = path.clone();
        std::thread::spawn(move || done.send(load(&linked, 7).0.len()));
        let len = result.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(len, Ok(20), "reading a FIFO delta blocked");
    }

    fn entry(n: u8, size: usize) -> (Key, Entry) {
        let key = key_of_text(RecordKind::Person, &format!("people/{n}.md"), "x").expect("key");
        let entry = Entry {
            record: vec![n; size],
            body: format!("body {n}"),
        };
        (key, entry)
    }

    /// A cache (fingerprint 7) of 20 entries of 100 bytes each.
    fn twenty() -> Cache {
        let mut cache = Cache::new(7);
        for n in 0..20 {
            let (key, entry) = entry(n, 100);
            cache.insert(key, entry);
        }
        cache
    }

    fn keys(cache: &Cache) -> Vec<Key> {
        let mut keys: Vec<Key> = cache.entries.keys().copied().collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn a_few_new_entries_go_to_the_delta_file_and_the_base_is_not_written_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        let cache = twenty();
        store(&path, &cache).expect("store");
        assert!(!delta_path(&path).exists());
        let base = std::fs::read(&path).expect("base");
        let (mut loaded, _) = load(&path, 7);
        assert!(!loaded.changed());
        let (key, new) = entry(20, 100);
        loaded.insert(key, new.clone());
        assert!(loaded.changed());
        store(&path, &loaded).expect("store");
        assert_eq!(
            std::fs::read(&path).expect("base"),
            base,
            "the base was written again"
        );
        assert!(delta_path(&path).exists());
        let (again, miss) = load(&path, 7);
        assert_eq!(miss, None);
        assert_eq!(keys(&again), keys(&loaded));
        assert_eq!(again.get(key).map(|e| e.record), Some(&new.record[..]));
        assert!(!again.changed());
        // An entry of the delta that a run leaves unused is dropped from it.
        let mut fewer = again.clone();
        fewer.retain(|k| *k != key);
        assert!(fewer.changed());
        store(&path, &fewer).expect("store");
        assert_eq!(load(&path, 7).0.get(key), None);
    }

    #[test]
    fn span_indexes_and_texts_are_kept_only_beside_entries_and_stored_like_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        let mut cache = twenty();
        let (kept, _) = entry(0, 0);
        let (not_cached, _) = entry(99, 0);
        cache.insert_spans(kept, vec![1, 2, 3]);
        cache.insert_spans(not_cached, vec![4]);
        assert_eq!(
            (cache.spans(kept), cache.spans(not_cached)),
            (Some(&[1, 2, 3][..]), None)
        );
        store(&path, &cache).expect("store");
        let (mut loaded, _) = load(&path, 7);
        assert_eq!(loaded.spans(kept), Some(&[1, 2, 3][..]));
        // The base holds 20 entries and 1 index: a quarter of 21 unused rewrites it.
        assert_eq!(loaded.base_entries, 21);
        // Added later, it goes to the delta file.
        let (other, _) = entry(1, 0);
        loaded.insert_spans(other, vec![5]);
        store(&path, &loaded).expect("store");
        assert!(delta_path(&path).exists());
        let (mut again, _) = load(&path, 7);
        assert_eq!(
            (again.spans(kept), again.spans(other)),
            (Some(&[1, 2, 3][..]), Some(&[5][..]))
        );
        // A text kept beside an index keeps the index, and the other way round.
        again.insert_text(other, "---\nid: x\n---\n".to_owned());
        again.insert_spans(other, vec![6]);
        assert_eq!(again.text(other), Some("---\nid: x\n---\n"));
        assert_eq!(again.spans(other), Some(&[6][..]));
        assert_eq!((again.text(kept), again.text(not_cached)), (None, None));
        again.insert_text(not_cached, "x".to_owned());
        assert_eq!(again.text(not_cached), None, "no entry, no text");
        store(&path, &again).expect("store");
        let (mut again, _) = load(&path, 7);
        assert_eq!(again.text(other), Some("---\nid: x\n---\n"));
        assert_eq!(again.spans(kept), Some(&[1, 2, 3][..]));
        // An entry dropped takes its index and text with it.
        again.retain(|key| *key != kept && *key != other);
        assert_eq!((again.spans(kept), again.spans(other)), (None, None));
        assert_eq!(again.text(other), None);
    }

    #[test]
    fn a_delta_file_of_another_base_or_corrupt_is_not_used() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        let cache = twenty();
        store(&path, &cache).expect("store");
        let (mut loaded, _) = load(&path, 7);
        let (key, new) = entry(20, 100);
        loaded.insert(key, new);
        store(&path, &loaded).expect("store");
        let old_delta = std::fs::read(delta_path(&path)).expect("delta");
        // Another base (other entries) replaces the file; the old delta goes with it.
        let mut other = Cache::new(7);
        for n in 30..50 {
            let (key, entry) = entry(n, 100);
            other.insert(key, entry);
        }
        store(&path, &other).expect("store");
        assert!(!delta_path(&path).exists());
        // Put back, it names the old base, so it is not used, and the next store replaces it.
        std::fs::write(delta_path(&path), &old_delta).expect("write");
        let (stale, miss) = load(&path, 7);
        assert_eq!((miss, stale.get(key), stale.len()), (None, None, 20));
        assert!(stale.changed());
        // A corrupt delta only loses its entries.
        for bad in [&old_delta[..old_delta.len() / 2], b"garbage"] {
            std::fs::write(delta_path(&path), bad).expect("write");
            let (loaded, miss) = load(&path, 7);
            assert_eq!((miss, loaded.len()), (None, 20));
        }
    }

    #[test]
    fn the_base_is_written_again_when_the_delta_grows_or_entries_go_unused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.bin");
        let cache = twenty();
        store(&path, &cache).expect("store");
        // Two new entries of 100 bytes are within an eighth of 20: a delta.
        let (mut loaded, _) = load(&path, 7);
        for n in 20..22 {
            let (key, entry) = entry(n, 100);
            loaded.insert(key, entry);
        }
        assert!(!loaded.rewrites_base());
        // A third of 300 bytes makes them more than an eighth: the base is written again, with
        // all 23.
        let (key, new) = entry(22, 300);
        loaded.insert(key, new);
        assert!(loaded.rewrites_base());
        store(&path, &loaded).expect("store");
        assert!(!delta_path(&path).exists());
        let (again, _) = load(&path, 7);
        assert_eq!((again.len(), again.base_entries), (23, 23));
        // Five of 23 unused is within a quarter: nothing to write.
        let mut fewer = again.clone();
        fewer.retain(|k| !(0..5).any(|n| *k == entry(n, 0).0));
        assert!(!fewer.changed());
        // Six is more than a quarter: the base is written again, without them.
        fewer.retain(|k| *k != entry(5, 0).0);
        assert!(fewer.changed() && fewer.rewrites_base());
        store(&path, &fewer).expect("store");
        assert_eq!(load(&path, 7).0.base_entries, 17);
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
