//! The Maildir++ store behind `imapd`: folders, persistent UIDs, flags in file names.
//!
//! Layout (the Maildir++ convention Dovecot and Courier use): the root directory is INBOX
//! (`cur/`, `new/`, `tmp/`); every other folder is a sub-directory `.Name` of the root, with
//! `.` as the hierarchy delimiter (`.Archive.2024` is `Archive.2024`). Names are stored in
//! modified UTF-7, as on the wire.
//!
//! UIDs (RFC 9051 §2.3.1.1) are kept in `imapd-uidlist` in each folder: a first line
//! `V<uidvalidity> N<uidnext>`, then one `UID BASENAME` line per message, BASENAME being the
//! Maildir file name up to its `:2,` info. Files that appear in `new/` or `cur/` (delivered by
//! an MTA) get the next UID when the folder is next scanned; the list is rewritten atomically
//! (write to a temporary file, rename). UIDs therefore survive restarts, and UIDVALIDITY changes
//! only when the list is lost.
//!
//! Flags are the Maildir info letters (`D` \Draft, `F` \Flagged, `R` \Answered, `S` \Seen,
//! `T` \Deleted); keywords are not stored, so PERMANENTFLAGS does not offer `\*`.
//!
//! All changes go through one process-wide lock held by the caller (`imapd` keeps the
//! [`Store`] in a `Mutex`), which is what makes UID assignment safe between sessions of the
//! one server; other writers (an MTA) only add files to `new/`, which scanning tolerates.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The file holding a folder's UIDs.
const UIDLIST: &str = "imapd-uidlist";
/// The file holding the subscribed folder names, in the root.
const SUBSCRIPTIONS: &str = "imapd-subscriptions";

/// The system flags a Maildir file name can carry, as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags(u8);

impl Flags {
    pub const ANSWERED: Flags = Flags(1);
    pub const FLAGGED: Flags = Flags(2);
    pub const DELETED: Flags = Flags(4);
    pub const SEEN: Flags = Flags(8);
    pub const DRAFT: Flags = Flags(16);
    /// Every system flag.
    pub const ALL: Flags = Flags(31);

    /// The empty set.
    pub const fn empty() -> Flags {
        Flags(0)
    }

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    pub fn remove(&mut self, other: Flags) {
        self.0 &= !other.0;
    }

    /// Parses the info letters after `:2,` (unknown letters are ignored).
    fn from_info(info: &str) -> Flags {
        let mut f = Flags::empty();
        for c in info.chars() {
            match c {
                'D' => f.insert(Flags::DRAFT),
                'F' => f.insert(Flags::FLAGGED),
                'R' => f.insert(Flags::ANSWERED),
                'S' => f.insert(Flags::SEEN),
                'T' => f.insert(Flags::DELETED),
                _ => {}
            }
        }
        f
    }

    /// The info letters, in the ASCII order the Maildir specification asks for.
    fn info(self) -> String {
        let mut s = String::new();
        for (flag, c) in [
            (Flags::DRAFT, 'D'),
            (Flags::FLAGGED, 'F'),
            (Flags::ANSWERED, 'R'),
            (Flags::SEEN, 'S'),
            (Flags::DELETED, 'T'),
        ] {
            if self.contains(flag) {
                s.push(c);
            }
        }
        s
    }
}

/// One message of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageEntry {
    /// Its UID.
    pub uid: u32,
    /// The Maildir base name (up to `:2,`).
    pub base: String,
    /// The path of the file now.
    pub path: PathBuf,
    /// Its flags.
    pub flags: Flags,
    /// INTERNALDATE: the file's modification time, seconds since the epoch.
    pub internal_date: i64,
}

/// A folder's state as scanned: its UIDVALIDITY, UIDNEXT and messages in UID order.
#[derive(Debug, Clone)]
pub struct FolderState {
    pub uidvalidity: u32,
    pub uidnext: u32,
    pub messages: Vec<MessageEntry>,
}

/// A Maildir++ tree.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
}

/// Why a folder operation failed, in words for a `NO` response.
#[derive(Debug)]
pub enum StoreError {
    /// The folder does not exist (`[NONEXISTENT]`).
    NoSuchFolder,
    /// The folder exists already (`[ALREADYEXISTS]`).
    Exists,
    /// The name cannot be a folder here (`[CANNOT]`).
    BadName,
    /// The file system said no.
    Io(io::Error),
}

impl From<io::Error> for StoreError {
    fn from(e: io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NoSuchFolder => f.write_str("no such mailbox"),
            StoreError::Exists => f.write_str("mailbox exists"),
            StoreError::BadName => f.write_str("invalid mailbox name"),
            StoreError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn maildir_dirs(path: &Path) -> io::Result<()> {
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(path.join(sub))?;
    }
    Ok(())
}

/// A name for a new file that no other delivery can take: time, a counter, the process id.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{}.M{}P{}Q{}.imapd",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn mtime(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

fn base_of(file: &str) -> &str {
    file.split_once(":2,").map_or(file, |(b, _)| b)
}

impl Store {
    /// Opens (and creates when missing) the Maildir at `root` as INBOX.
    pub fn open(root: &Path) -> io::Result<Store> {
        maildir_dirs(root)?;
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    /// The directory of folder `name` (`INBOX` in any case is the root); `None` when the name
    /// cannot be a Maildir++ folder (empty components, `/`, a leading `.`).
    pub fn folder_path(&self, name: &str) -> Option<PathBuf> {
        if name.eq_ignore_ascii_case("INBOX") {
            return Some(self.root.clone());
        }
        if name.is_empty()
            || name.contains('/')
            || name.contains('\\')
            || name.split('.').any(|c| c.is_empty() || c == "..")
            || name.bytes().any(|b| b < 0x20 || b == 0x7f)
        {
            return None;
        }
        Some(self.root.join(format!(".{name}")))
    }

    /// Whether folder `name` exists.
    pub fn exists(&self, name: &str) -> bool {
        self.folder_path(name)
            .is_some_and(|p| p.join("cur").is_dir())
    }

    /// Every folder: `INBOX` first, then the others in name order.
    pub fn folders(&self) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in fs::read_dir(&self.root)? {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some(folder) = name.strip_prefix('.')
                && !folder.is_empty()
                && folder != "."
                && entry.path().join("cur").is_dir()
            {
                names.push(folder.to_string());
            }
        }
        names.sort();
        names.insert(0, "INBOX".to_string());
        Ok(names)
    }

    /// Creates folder `name` (RFC 9051 §6.3.4: the parents are implied, not created).
    pub fn create(&self, name: &str) -> Result<(), StoreError> {
        let name = name.strip_suffix('.').unwrap_or(name);
        let path = self.folder_path(name).ok_or(StoreError::BadName)?;
        if name.eq_ignore_ascii_case("INBOX") || path.exists() {
            return Err(StoreError::Exists);
        }
        maildir_dirs(&path)?;
        Ok(())
    }

    /// Deletes folder `name` with its messages (RFC 9051 §6.3.5: INBOX cannot be deleted; the
    /// sub-folders stay).
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        if name.eq_ignore_ascii_case("INBOX") {
            return Err(StoreError::BadName);
        }
        let path = self.folder_path(name).ok_or(StoreError::BadName)?;
        if !path.join("cur").is_dir() {
            return Err(StoreError::NoSuchFolder);
        }
        fs::remove_dir_all(&path)?;
        Ok(())
    }

    /// Renames folder `from` and its sub-folders to `to` (RFC 9051 §6.3.6). Renaming INBOX
    /// moves its messages into the new folder and leaves INBOX empty.
    pub fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let dst = self.folder_path(to).ok_or(StoreError::BadName)?;
        if to.eq_ignore_ascii_case("INBOX") || dst.exists() {
            return Err(StoreError::Exists);
        }
        if from.eq_ignore_ascii_case("INBOX") {
            maildir_dirs(&dst)?;
            let state = self.scan(from, true)?;
            let moved: Vec<_> = state.messages.iter().collect();
            self.copy_entries(&moved, to, true)?;
            return Ok(());
        }
        let src = self.folder_path(from).ok_or(StoreError::BadName)?;
        if !src.join("cur").is_dir() {
            return Err(StoreError::NoSuchFolder);
        }
        let prefix = format!("{from}.");
        for child in self.folders()? {
            if let Some(rest) = child.strip_prefix(&prefix) {
                let (Some(a), Some(b)) = (
                    self.folder_path(&child),
                    self.folder_path(&format!("{to}.{rest}")),
                ) else {
                    return Err(StoreError::BadName);
                };
                fs::rename(a, b)?;
            }
        }
        fs::rename(src, dst)?;
        Ok(())
    }

    /// The subscribed folder names.
    pub fn subscriptions(&self) -> Vec<String> {
        fs::read_to_string(self.root.join(SUBSCRIPTIONS))
            .map(|s| {
                s.lines()
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Adds or removes a subscription.
    pub fn subscribe(&self, name: &str, on: bool) -> io::Result<()> {
        let mut subs = self.subscriptions();
        subs.retain(|s| s != name);
        if on {
            subs.push(name.to_string());
        }
        let mut text = subs.join("\n");
        text.push('\n');
        write_atomically(&self.root.join(SUBSCRIPTIONS), text.as_bytes())
    }

    /// Scans folder `name`: moves `new/` into `cur/` (unless `read_only`), gives every file
    /// without a UID the next one, and returns the messages in UID order.
    pub fn scan(&self, name: &str, read_only: bool) -> Result<FolderState, StoreError> {
        let path = self.folder_path(name).ok_or(StoreError::BadName)?;
        if !path.join("cur").is_dir() {
            return Err(StoreError::NoSuchFolder);
        }
        let (uidvalidity, mut uidnext, known) = read_uidlist(&path)?;
        // Every file now present, by base name.
        let mut files: HashMap<String, (PathBuf, Flags, i64)> = HashMap::new();
        for sub in ["new", "cur"] {
            for entry in fs::read_dir(path.join(sub))? {
                let entry = entry?;
                let Ok(file) = entry.file_name().into_string() else {
                    continue;
                };
                if file.starts_with('.') {
                    continue;
                }
                let meta = entry.metadata()?;
                if !meta.is_file() {
                    continue;
                }
                let mut full = entry.path();
                let flags = file
                    .split_once(":2,")
                    .map_or(Flags::empty(), |(_, i)| Flags::from_info(i));
                if sub == "new" && !read_only {
                    let dest =
                        path.join("cur")
                            .join(format!("{}:2,{}", base_of(&file), flags.info()));
                    if fs::rename(&full, &dest).is_ok() {
                        full = dest;
                    }
                }
                files.insert(base_of(&file).to_string(), (full, flags, mtime(&meta)));
            }
        }
        let mut messages = Vec::with_capacity(files.len());
        for (uid, base) in &known {
            if let Some((p, flags, date)) = files.remove(base) {
                messages.push(MessageEntry {
                    uid: *uid,
                    base: base.clone(),
                    path: p,
                    flags,
                    internal_date: date,
                });
            }
        }
        // New files, in name order (which is delivery order for the usual time-based names).
        let mut fresh: Vec<_> = files.into_iter().collect();
        fresh.sort_by(|a, b| a.0.cmp(&b.0));
        let changed = !fresh.is_empty() || messages.len() != known.len();
        for (base, (p, flags, date)) in fresh {
            messages.push(MessageEntry {
                uid: uidnext,
                base,
                path: p,
                flags,
                internal_date: date,
            });
            uidnext += 1;
        }
        messages.sort_by_key(|m| m.uid);
        if changed {
            write_uidlist(&path, uidvalidity, uidnext, &messages)?;
        }
        Ok(FolderState {
            uidvalidity,
            uidnext,
            messages,
        })
    }

    /// Sets the flags of a message: renames its file.
    pub fn set_flags(&self, entry: &mut MessageEntry, flags: Flags) -> io::Result<()> {
        if entry.flags == flags {
            return Ok(());
        }
        let dir = entry
            .path
            .parent()
            .and_then(Path::parent)
            .map(|p| p.join("cur"))
            .ok_or_else(|| io::Error::other("message outside a maildir"))?;
        let dest = dir.join(format!("{}:2,{}", entry.base, flags.info()));
        fs::rename(&entry.path, &dest)?;
        entry.path = dest;
        entry.flags = flags;
        Ok(())
    }

    /// Reads a message with CRLF line ends (a Maildir written with bare LF is converted, so
    /// sizes and literals are what the wire carries).
    pub fn read(&self, entry: &MessageEntry) -> io::Result<Vec<u8>> {
        let raw = fs::read(&entry.path)?;
        Ok(to_crlf(raw))
    }

    /// Appends a message to folder `name` (RFC 9051 §6.3.12) with its flags and internal date;
    /// returns UIDVALIDITY and the new UID (RFC 4315 APPENDUID).
    pub fn append(
        &self,
        name: &str,
        data: &[u8],
        flags: Flags,
        date: Option<i64>,
    ) -> Result<(u32, u32), StoreError> {
        let path = self.folder_path(name).ok_or(StoreError::BadName)?;
        if !path.join("cur").is_dir() {
            return Err(StoreError::NoSuchFolder);
        }
        let base = unique_name();
        let tmp = path.join("tmp").join(&base);
        {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(data)?;
            if let Some(secs) = date
                && secs >= 0
            {
                f.set_modified(UNIX_EPOCH + std::time::Duration::from_secs(secs as u64))?;
            }
            f.sync_all()?;
        }
        let dest = path.join("cur").join(format!("{base}:2,{}", flags.info()));
        fs::rename(&tmp, &dest)?;
        let state = self.scan(name, false)?;
        let uid = state
            .messages
            .iter()
            .find(|m| m.base == base)
            .map(|m| m.uid)
            .ok_or_else(|| io::Error::other("appended message vanished"))?;
        Ok((state.uidvalidity, uid))
    }

    /// Copies (or, with `remove`, moves) messages into folder `to`; returns UIDVALIDITY of the
    /// destination and the new UIDs in the order of `entries` (RFC 4315 COPYUID).
    pub fn copy_entries(
        &self,
        entries: &[&MessageEntry],
        to: &str,
        remove: bool,
    ) -> Result<(u32, Vec<u32>), StoreError> {
        let path = self.folder_path(to).ok_or(StoreError::BadName)?;
        if !path.join("cur").is_dir() {
            return Err(StoreError::NoSuchFolder);
        }
        let mut bases = Vec::with_capacity(entries.len());
        for e in entries {
            let base = unique_name();
            let tmp = path.join("tmp").join(&base);
            if fs::hard_link(&e.path, &tmp).is_err() {
                fs::copy(&e.path, &tmp)?;
            }
            fs::rename(
                &tmp,
                path.join("cur")
                    .join(format!("{base}:2,{}", e.flags.info())),
            )?;
            bases.push(base);
        }
        let state = self.scan(to, false)?;
        let uid_of: HashMap<&str, u32> = state
            .messages
            .iter()
            .map(|m| (m.base.as_str(), m.uid))
            .collect();
        let uids = bases
            .iter()
            .map(|b| uid_of.get(b.as_str()).copied().unwrap_or(0))
            .collect();
        if remove {
            for e in entries {
                fs::remove_file(&e.path)?;
            }
        }
        Ok((state.uidvalidity, uids))
    }

    /// Removes a message's file (EXPUNGE).
    pub fn remove(&self, entry: &MessageEntry) -> io::Result<()> {
        match fs::remove_file(&entry.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Converts bare LF line ends to CRLF (no copy when there are none).
pub fn to_crlf(raw: Vec<u8>) -> Vec<u8> {
    let bare = raw
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' && (i == 0 || raw[i - 1] != b'\r'))
        .count();
    if bare == 0 {
        return raw;
    }
    let mut out = Vec::with_capacity(raw.len() + bare);
    for (i, &b) in raw.iter().enumerate() {
        if b == b'\n' && (i == 0 || raw[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

fn write_atomically(path: &Path, data: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    fs::rename(tmp, path)
}

/// A folder's UID list: UIDVALIDITY, UIDNEXT and `(uid, base name)` pairs in UID order.
type UidList = (u32, u32, Vec<(u32, String)>);

/// Reads `imapd-uidlist`; a missing or unreadable list starts a new UIDVALIDITY.
fn read_uidlist(dir: &Path) -> io::Result<UidList> {
    let fresh = || {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_secs() as u32)
            .max(1);
        (now, 1, Vec::new())
    };
    let text = match fs::read_to_string(dir.join(UIDLIST)) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(fresh()),
        Err(e) => return Err(e),
    };
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    let mut validity = None;
    let mut next = None;
    for word in header.split_whitespace() {
        if let Some(v) = word.strip_prefix('V') {
            validity = v.parse::<u32>().ok().filter(|&v| v > 0);
        } else if let Some(n) = word.strip_prefix('N') {
            next = n.parse::<u32>().ok().filter(|&n| n > 0);
        }
    }
    let (Some(validity), Some(mut next)) = (validity, next) else {
        return Ok(fresh());
    };
    let mut known = Vec::new();
    for line in lines {
        if let Some((uid, base)) = line.split_once(' ')
            && let Ok(uid) = uid.parse::<u32>()
            && uid > 0
        {
            next = next.max(uid + 1);
            known.push((uid, base.to_string()));
        }
    }
    known.sort_by_key(|k| k.0);
    Ok((validity, next, known))
}

fn write_uidlist(
    dir: &Path,
    validity: u32,
    next: u32,
    messages: &[MessageEntry],
) -> io::Result<()> {
    let mut text = format!("V{validity} N{next}\n");
    for m in messages {
        text.push_str(&format!("{} {}\n", m.uid, m.base));
    }
    write_atomically(&dir.join(UIDLIST), text.as_bytes())
}
