//! Automatic backups of the database, with `VACUUM INTO`.
//!
//! Made before every migration and at least daily, kept to the last
//! [`KEEP`], in `<data dir>/backups/`. A backup is a complete, consistent
//! SQLite file, so restoring is a copy.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub const KEEP: usize = 7;
const DAY_SECONDS: i64 = 24 * 3600;

/// One backup file, as listed in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    /// RFC 3339 UTC time it was made.
    pub created_at: String,
    pub reason: String,
    pub size_bytes: f64,
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
    // hold the same data: keep the first.
    if !target.exists() {
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])
            .map_err(|e| Error::write(&target, e))?;
    }
    prune(&dir)?;
    let size = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        file_name: name,
        created_at: ts.round(jiff::Unit::Second).unwrap_or(ts).to_string(),
        reason: reason.to_string(),
        size_bytes: size as f64,
    })
}

/// True when the newest backup is older than a day, or there is none.
pub fn due(data_dir: &Path) -> Result<bool> {
    Ok(match list(data_dir)?.into_iter().next() {
        None => true,
        Some(b) => match b.created_at.parse::<jiff::Timestamp>() {
            Ok(t) => jiff::Timestamp::now().as_second() - t.as_second() >= DAY_SECONDS,
            Err(_) => true,
        },
    })
}

/// Backups, newest first.
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

fn prune(dir: &Path) -> Result<()> {
    let data_dir = dir.parent().unwrap_or(dir);
    for old in list(data_dir)?.into_iter().skip(KEEP) {
        let p = dir.join(&old.file_name);
        std::fs::remove_file(&p).map_err(|e| Error::write(&p, e))?;
    }
    Ok(())
}

/// Replaces the database in `data_dir` with a backup. The current file is
/// renamed aside first (never deleted). The caller must have closed its
/// connection.
pub fn restore(data_dir: &Path, file_name: &str) -> Result<()> {
    if file_name.contains(['/', '\\']) || parse_name(file_name).is_none() {
        return Err(Error::Invalid(format!(
            "\"{file_name}\" is not a Dateline backup"
        )));
    }
    let src = folder(data_dir).join(file_name);
    if !src.is_file() {
        return Err(Error::NotFound(format!("backup {file_name}")));
    }
    let db = data_dir.join(super::DB_FILE);
    let stamp = super::now().replace([':', '-'], "");
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            let to = PathBuf::from(format!("{}.replaced-{stamp}{suffix}", db.display()));
            std::fs::rename(&p, &to).map_err(|e| Error::write(&p, e))?;
        }
    }
    crate::export::atomic::copy(&src, &db)
}
