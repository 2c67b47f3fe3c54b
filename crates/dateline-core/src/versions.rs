//! Immutable numbered versions of a release.
//!
//! A version is a full copy of the release at a moment that matters: sending
//! for clearance, clearing, publishing, every export, a restore, and every
//! ten minutes of editing. The `versions` table refuses UPDATE and DELETE by
//! trigger, so a version, once written, never changes.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Release, Status};
use crate::store::{self, Store};

/// A row of the history panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VersionSummary {
    pub version: u32,
    pub reason: String,
    pub status: Status,
    pub created_at: String,
    pub headline: String,
    /// The house styles, at their revisions, this version was exported
    /// with (empty when it was never exported).
    pub exported_with: Vec<crate::house_style::StyleStamp>,
}

/// Takes a snapshot inside a transaction: writes version N+1 and records it
/// on the release. Returns the new version number.
pub(crate) fn snapshot_in(tx: &Connection, id: &str, reason: &str, now: &str) -> Result<u32> {
    let mut r = store::load_in(tx, id)?;
    let next: u32 = tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM versions WHERE release_id = ?1",
        [id],
        |row| row.get(0),
    )?;
    r.version = next;
    // A version is text, not a write count: its copy carries no revision.
    r.revision = 0;
    let data = serde_json::to_string(&r).map_err(|e| Error::Format(e.to_string()))?;
    tx.execute(
        "INSERT INTO versions (release_id, version, reason, status, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, next, reason, r.status.as_str(), data, now],
    )?;
    store::write_row(tx, &mut r, None)?;
    Ok(next)
}

/// Snapshots inside a transaction only if the text changed since the latest
/// version (or there is none); returns the version the current text is
/// saved as. Exports use it, so that every file sent out is a version.
pub(crate) fn snapshot_if_changed_in(
    tx: &Connection,
    id: &str,
    reason: &str,
    now: &str,
) -> Result<u32> {
    let current = store::load_in(tx, id)?;
    match latest_in(tx, id)? {
        Some(v) if same_text(&v, &current) => Ok(v.version),
        _ => snapshot_in(tx, id, reason, now),
    }
}

impl Store {
    /// Snapshots the release as a new immutable version.
    pub fn snapshot(&mut self, id: &str, reason: &str) -> Result<u32> {
        let now = store::now();
        self.in_transaction(|tx| snapshot_in(tx, id, reason, &now))
    }

    pub fn list_versions(&self, id: &str) -> Result<Vec<VersionSummary>> {
        self.get(id)?;
        let mut stmt = self.conn.prepare(
            "SELECT version, reason, status, created_at, json_extract(data, '$.headline') FROM versions WHERE release_id = ?1 ORDER BY version DESC",
        )?;
        let rows = stmt.query_map([id], |row| {
            let status: String = row.get(2)?;
            Ok(VersionSummary {
                version: row.get(0)?,
                reason: row.get(1)?,
                status: Status::parse(&status).unwrap_or(Status::Draft),
                created_at: row.get(3)?,
                headline: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                exported_with: Vec::new(),
            })
        })?;
        let mut out = rows.collect::<std::result::Result<Vec<_>, _>>()?;
        for v in &mut out {
            v.exported_with = crate::office_styles::exported_with_in(&self.conn, id, v.version)?;
        }
        Ok(out)
    }

    pub fn get_version(&self, id: &str, version: u32) -> Result<Release> {
        get_version_in(&self.conn, id, version)
    }

    /// Makes the text of an old version current again, as a new version
    /// ("restored vN").
    ///
    /// A restore is an edit, so it follows the editing rule
    /// ([`crate::clearance::require_editable`]): allowed in Draft and In
    /// clearance, where the status stays as it is (clearance entries for the
    /// replaced text become stale), and refused on frozen text (cleared,
    /// published, withdrawn) until "Start new draft".
    pub fn restore_version(&mut self, id: &str, version: u32) -> Result<Release> {
        let now = store::now();
        self.in_transaction(|tx| {
            let old = get_version_in(tx, id, version)?;
            crate::clearance::require_editable(&store::load_in(tx, id)?)?;
            // Text typed since the latest version would otherwise be kept
            // nowhere once the restore replaces it: keep it as a version first.
            snapshot_if_changed_in(tx, id, &format!("before restoring v{version}"), &now)?;
            let cur = store::load_in(tx, id)?;
            let mut next = Release {
                // The link to a source is the store's record, not text.
                translation_of: cur.translation_of,
                id: cur.id,
                created_at: cur.created_at,
                status: cur.status,
                version: cur.version,
                revision: cur.revision,
                updated_at: now.clone(),
                ..old
            };
            store::write_row(tx, &mut next, None)?;
            snapshot_in(tx, id, &format!("restored v{version}"), &now)?;
            store::load_in(tx, id)
        })
    }
}

pub(crate) fn get_version_in(conn: &Connection, id: &str, version: u32) -> Result<Release> {
    let data: Option<String> = conn
        .query_row(
            "SELECT data FROM versions WHERE release_id = ?1 AND version = ?2",
            params![id, version],
            |r| r.get(0),
        )
        .optional()?;
    let data = data.ok_or_else(|| Error::VersionNotFound {
        id: id.to_string(),
        version,
    })?;
    // Versions written before format version 2 are converted as they are read.
    crate::file_format::stored_from_str(&data)
        .map_err(|e| Error::Format(format!("stored version is unreadable: {e}")))
}

pub(crate) fn latest_in(conn: &Connection, id: &str) -> Result<Option<Release>> {
    let v: Option<u32> = conn.query_row(
        "SELECT max(version) FROM versions WHERE release_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    v.map(|v| get_version_in(conn, id, v)).transpose()
}

/// True when two releases have the same officer-written content (status,
/// version and timestamps aside).
pub fn same_text(a: &Release, b: &Release) -> bool {
    let norm = |r: &Release| {
        let mut r = r.clone();
        r.status = Status::Draft;
        r.version = 0;
        r.revision = 0;
        r.created_at.clear();
        r.updated_at.clear();
        // Which source version a translation follows is not its text.
        r.translation_of = None;
        r
    };
    norm(a) == norm(b)
}
