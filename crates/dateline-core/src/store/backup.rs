//! Automatic backups of the database, with `VACUUM INTO`, and restoring one.
//!
//! Made before every migration and at least daily, kept to the last
//! [`KEEP`] good ones, in `<data dir>/backups/`.
//!
//! A backup is written under a hidden temporary name, checked (it opens,
//! `PRAGMA quick_check` says ok, its schema is one this build knows), synced,
//! and only then renamed to its final name. So a backup cut short by a crash
//! or by closing the app never carries a backup's name. Files with a backup's
//! name are still checked before they are listed (header and length, cheap)
//! and fully before a restore, because older versions wrote them in place and
//! disks fail: a bad one is listed with its problem, cannot be restored, and
//! never counts towards the [`KEEP`] that pruning keeps.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub const KEEP: usize = 7;
const DAY_SECONDS: i64 = 24 * 3600;
/// Temporary names: hidden, and never of the `dateline-*.sqlite3` form.
const PART_PREFIX: &str = ".dateline-";
const PART_SUFFIX: &str = ".part";

/// One backup file, as listed in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    /// RFC 3339 UTC time it was made.
    pub created_at: String,
    pub reason: String,
    pub size_bytes: f64,
    /// Set when the file is not a complete database (cut short, damaged):
    /// it cannot be restored.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Restored {
    /// The backup now in use.
    pub file_name: String,
    /// Where the database it replaced was kept (a copy, never deleted).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_kept_at: Option<String>,
}

pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Makes a backup now and prunes old ones.
pub fn make(conn: &Connection, data_dir: &Path, reason: &str) -> Result<BackupInfo> {
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
    let ts = jiff::Timestamp::now();
    let stamp = ts.strftime("%Y%m%dT%H%M%SZ").to_string();
    let name = format!("dateline-{stamp}-{reason}.sqlite3");
    let target = dir.join(&name);
    // Two backups within one second (a migration right before the daily one)
    // hold the same data: keep the first, if it is sound.
    if !(target.exists() && check(&target).is_ok()) {
        let part = dir.join(format!(
            "{PART_PREFIX}{stamp}-{reason}-{}{PART_SUFFIX}",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&part);
        let written = conn
            .execute("VACUUM INTO ?1", [part.to_string_lossy().as_ref()])
            .map_err(|e| Error::write(&target, e))
            .and_then(|_| verify(&part).map_err(|p| Error::write(&target, p)))
            .and_then(|_| sync_file(&part).map_err(|e| Error::write(&target, e)))
            .and_then(|_| std::fs::rename(&part, &target).map_err(|e| Error::write(&target, e)));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        sync_dir(&dir);
    }
    prune(&dir)?;
    let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        file_name: name,
        created_at: ts.round(jiff::Unit::Second).unwrap_or(ts).to_string(),
        reason: reason.to_string(),
        size_bytes: size as f64,
        problem: None,
    })
}

/// True when the newest good backup is older than a day, or there is none.
pub fn due(data_dir: &Path) -> Result<bool> {
    Ok(
        match list(data_dir)?.into_iter().find(|b| b.problem.is_none()) {
            None => true,
            Some(b) => match b.created_at.parse::<jiff::Timestamp>() {
                Ok(t) => jiff::Timestamp::now().as_second() - t.as_second() >= DAY_SECONDS,
                Err(_) => true,
            },
        },
    )
}

/// Backups, newest first, each checked cheaply (see [`check`]).
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = folder(data_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::read(&dir, e)),
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (created_at, reason) = parse_name(&name)?;
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            Some(BackupInfo {
                problem: check(&e.path()).err(),
                file_name: name,
                created_at,
                reason,
                size_bytes: size as f64,
            })
        })
        .collect();
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

/// "dateline-20261128T143000123Z-daily.sqlite3" -> ("2026-11-28T14:30:00Z", "daily")
fn parse_name(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix("dateline-")?.strip_suffix(".sqlite3")?;
    let (stamp, reason) = rest.split_once('-')?;
    if stamp.len() < 16 {
        return None;
    }
    let b = stamp.as_bytes();
    if b[8] != b'T' {
        return None;
    }
    let created = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[9..11],
        &stamp[11..13],
        &stamp[13..15]
    );
    created.parse::<jiff::Timestamp>().ok()?;
    Some((created, reason.to_string()))
}

/// Keeps the newest [`KEEP`] good backups. Bad ones cannot be restored and
/// never count towards the [`KEEP`]; they are removed with the old ones, as
/// are temporary files of backups cut short more than an hour ago.
fn prune(dir: &Path) -> Result<()> {
    let data_dir = dir.parent().unwrap_or(dir);
    let mut good = 0;
    for b in list(data_dir)? {
        let keep = b.problem.is_none() && good < KEEP;
        if keep {
            good += 1;
            continue;
        }
        let p = dir.join(&b.file_name);
        std::fs::remove_file(&p).map_err(|e| Error::write(&p, e))?;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let stale = name.starts_with(PART_PREFIX)
                && name.ends_with(PART_SUFFIX)
                && e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600);
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

/// The cheap check made when listing: a SQLite header whose page count
/// matches the file's length. Catches a file cut short or empty.
fn check(path: &Path) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = f.metadata().map_err(|e| e.to_string())?.len();
    let mut header = [0u8; 100];
    f.read_exact(&mut header)
        .map_err(|_| "the file is shorter than a database header".to_string())?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err("the file is not a SQLite database".into());
    }
    match length_problem(&header, len) {
        Some(p) => Err(p),
        None => Ok(()),
    }
}

/// Compares a file's length with the page count in its 100-byte header
/// (valid when the header's "version-valid-for" matches its change counter).
pub(crate) fn length_problem(header: &[u8; 100], len: u64) -> Option<String> {
    let be =
        |i: usize| u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    let pages = u64::from(be(28));
    (be(92) == be(24) && pages > 0 && len < pages * page_size).then(|| {
        format!(
            "the file is truncated: its header counts {pages} pages of {page_size} bytes, but it holds {len} bytes"
        )
    })
}

/// The full check made after writing a backup and before restoring one:
/// [`check`], then SQLite opens it read-only, `PRAGMA quick_check` says ok,
/// its schema version is one this build can open, and it has releases.
pub fn verify(path: &Path) -> std::result::Result<(), String> {
    check(path)?;
    // VACUUM INTO writes a rollback-journal file, so a read-only connection
    // leaves nothing beside it.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let ok: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if ok != "ok" {
        return Err(format!("the integrity check failed: {ok}"));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if !(1..=super::migrations::LATEST).contains(&version) {
        return Err(format!(
            "its schema version {version} is not one this Dateline can open"
        ));
    }
    conn.query_row("SELECT count(*) FROM releases", [], |r| r.get::<_, i64>(0))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Replaces the database in `data_dir` with a backup. The caller must have
/// closed its connection.
///
/// The backup is verified first; a bad one is refused and nothing changes.
/// The current database is then copied to a new
/// `dateline.sqlite3.replaced-<time>[-n]` (never overwritten, never deleted),
/// and the backup is copied over it atomically: at every moment the
/// database file is either the old one, whole, or the backup, whole.
pub fn restore(data_dir: &Path, file_name: &str) -> Result<Restored> {
    if file_name.contains(['/', '\\']) || parse_name(file_name).is_none() {
        return Err(Error::Invalid(format!(
            "\"{file_name}\" is not a Dateline backup"
        )));
    }
    let src = folder(data_dir).join(file_name);
    if !src.is_file() {
        return Err(Error::NotFound(format!("backup {file_name}")));
    }
    verify(&src).map_err(|p| {
        Error::Invalid(format!(
            "the backup {file_name} cannot be restored: {p}. Nothing was changed"
        ))
    })?;
    let _lock = super::lock::exclusive(data_dir)?;
    let db = data_dir.join(super::DB_FILE);
    let mut previous_kept_at = None;
    if db.exists() {
        settle_wal(&db)?;
        let kept = unique_kept_name(&db);
        crate::export::atomic::copy(&db, &kept)?;
        previous_kept_at = Some(kept.display().to_string());
    }
    // Nothing may have written to the WAL since it was emptied: a WAL left
    // beside the restored file would be replayed into it.
    let wal = side_file(&db, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(in_use(&db));
    }
    crate::export::atomic::copy(&src, &db)?;
    for side in [wal, side_file(&db, "-shm")] {
        let _ = std::fs::remove_file(side);
    }
    Ok(Restored {
        file_name: file_name.to_string(),
        previous_kept_at,
    })
}

/// Moves everything in the current database's WAL into the file itself and
/// empties the WAL, so that the file alone is the whole database.
fn settle_wal(db: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|e| Error::read(db, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .map_err(|e| Error::read(db, format!("{e}; nothing was changed")))?;
    if busy != 0 {
        return Err(in_use(db));
    }
    Ok(())
}

fn in_use(db: &Path) -> Error {
    Error::write(
        db,
        "another program (a dateline command?) is using the database; close it and try again. Nothing was changed",
    )
}

fn side_file(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

/// `dateline.sqlite3.replaced-<time>`, with `-2`, `-3`… when a restore in
/// the same second already used it. Called under the start-up lock.
fn unique_kept_name(db: &Path) -> PathBuf {
    let stamp = super::now().replace([':', '-'], "");
    let base = format!("{}.replaced-{stamp}", db.display());
    let mut n = 1;
    loop {
        let p = if n == 1 {
            PathBuf::from(&base)
        } else {
            PathBuf::from(format!("{base}-{n}"))
        };
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

fn sync_file(path: &Path) -> std::io::Result<()> {
    // Write access: Windows flushes a file only through a handle that may
    // write to it ("Access denied" otherwise, which failed every backup).
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// Makes a rename durable; best effort, as some file systems refuse it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
