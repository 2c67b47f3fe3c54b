//! The release store: one SQLite file in the app-data folder.
//!
//! Owns opening (with damaged- and newer-database handling), migrations,
//! saving and loading releases. Versions, the clearance log and search live
//! in their own modules but share this connection.
//!
//! Durability: WAL with `synchronous=FULL`, so that a save acknowledged to the
//! UI survives a crash *and* a power cut (see docs/RELIABILITY.md).

pub mod backup;
pub mod lock;
mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Release, Status};
use crate::{sample, search};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "dateline.sqlite3";
/// Application identifier; the data folder is `<OS data dir>/<IDENTIFIER>`.
pub const IDENTIFIER: &str = "org.dateline.app";
/// Editing time after which an automatic snapshot is taken.
pub const AUTOSNAPSHOT_SECONDS: i64 = 600;

/// The data folder: `DATELINE_DATA_DIR` if set, else the OS app-data folder
/// (`~/.local/share/org.dateline.app` on Linux), the same one Tauri uses.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("DATELINE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    default_data_dir()
        .ok_or_else(|| Error::Invalid("no data folder: set DATELINE_DATA_DIR or HOME".into()))
}

/// The OS app-data folder for Dateline, ignoring `DATELINE_DATA_DIR`:
/// `~/.local/share/org.dateline.app` on Linux, `%APPDATA%\org.dateline.app`
/// (the roaming profile) on Windows, where the uninstaller leaves it.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(IDENTIFIER))
}

/// What happened while opening, for the UI to tell the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OpenReport {
    /// Set when the database could not be read and was moved aside.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<DamagedDatabase>,
    /// True when the sample release was added to an empty database.
    pub added_sample: bool,
    /// Set when this open followed a restore: which backup, and where the
    /// database it replaced was kept.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restored: Option<backup::Restored>,
}

/// A database file that could not be opened and was kept aside untouched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DamagedDatabase {
    /// Where the damaged file now is.
    pub kept_at: String,
    /// What SQLite said about it.
    pub detail: String,
}

/// A row of the release list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReleaseSummary {
    pub id: String,
    pub headline: String,
    pub type_label: String,
    pub language: String,
    pub status: Status,
    pub dateline_date: String,
    pub version: u32,
    pub updated_at: String,
    /// Matching text around the search hit; empty when listing without a query.
    pub snippet: Vec<search::SnippetPart>,
}

/// Returned by every save, so the UI can show "Saved".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SaveAck {
    pub id: String,
    pub updated_at: String,
    pub status: Status,
    pub version: u32,
    /// The release's revision after this save: the next save must carry it.
    pub revision: u32,
    /// Set when this save also took an automatic snapshot.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<u32>,
}

pub struct Store {
    pub(crate) conn: Connection,
    dir: PathBuf,
}

/// Current UTC time as RFC 3339, to the second.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .to_string()
}

impl Store {
    /// Opens (creating if needed) the database in `dir`, upgrading it to the
    /// current schema and adding the sample to an empty one.
    ///
    /// A file that SQLite reports as damaged (SQLITE_CORRUPT, SQLITE_NOTADB,
    /// or shorter than its header says with no WAL to explain it) is renamed
    /// aside and a fresh database is started; the report says so. Any other
    /// failure (busy, permissions, too many open files) is returned as an
    /// error with the file left alone. A database from a newer Dateline is
    /// refused and not written to. All of this runs under the start-up lock,
    /// so processes started together take turns.
    pub fn open(dir: &Path) -> Result<(Store, OpenReport)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        let _lock = lock::exclusive(dir)?;
        let path = dir.join(DB_FILE);
        let mut report = OpenReport::default();
        let mut had_schema = false;
        if path.exists() {
            match probe(&path)? {
                Probe::Damaged(detail) => report.damaged = Some(move_aside(&path, &detail)?),
                Probe::Version(version) if version > migrations::LATEST => {
                    return Err(Error::NewerDatabase {
                        found: version,
                        known: migrations::LATEST,
                    })
                }
                Probe::Version(version) => had_schema = version > 0,
            }
        }
        let mut conn = Connection::open(&path).map_err(|e| open_error(&path, e))?;
        configure(&conn)?;
        if had_schema && migrations::pending(&conn)? {
            backup::make(&conn, dir, "pre-migration")?;
        }
        // The migrations and the search rebuild commit together (see
        // migrations.rs).
        migrations::apply(&mut conn)?;
        let mut store = Store {
            conn,
            dir: dir.to_path_buf(),
        };
        if store.count()? == 0 {
            store.insert(&sample::release())?;
            report.added_sample = true;
        }
        Ok((store, report))
    }

    /// Opens an existing database for reading only: it is never migrated,
    /// moved aside or given the sample. For the command line's `list`,
    /// `show`, `versions`, `log`, `diff` and `export --id`.
    ///
    /// With no database yet (or an empty file left by a first start that was
    /// cut short) there is nothing to lose, so it is created as the app would
    /// on first start, sample included. A database that looks damaged, is
    /// from an older or a newer Dateline is refused with an error saying
    /// what to do, and left as it is.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            drop(Store::open(dir)?);
        }
        let lock = lock::shared(dir)?;
        let version = match probe(&path)? {
            Probe::Damaged(detail) => {
                return Err(Error::CorruptDatabase {
                    path: path.display().to_string(),
                    detail: format!(
                        "{detail}. It was left as it is: start Dateline to set it aside and restore a backup"
                    ),
                })
            }
            Probe::Version(v) => v,
        };
        if version == 0 {
            drop(lock);
            drop(Store::open(dir)?);
            return Store::open_read_only(dir);
        }
        if version > migrations::LATEST {
            return Err(Error::NewerDatabase {
                found: version,
                known: migrations::LATEST,
            });
        }
        if version < migrations::LATEST {
            return Err(Error::Invalid(format!(
                "the database was made by an older Dateline (schema {version}, this version uses {}); \
                 this command only reads, so it did not upgrade it: start Dateline, or run a command \
                 that changes data (import, status, clear), to upgrade it first",
                migrations::LATEST
            )));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// Opens the database in [`data_dir`].
    pub fn open_default() -> Result<(Store, OpenReport)> {
        Store::open(&data_dir()?)
    }

    /// The raw connection, for tests and maintenance tools.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM releases", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Loads one release.
    pub fn get(&self, id: &str) -> Result<Release> {
        load_in(&self.conn, id)
    }

    /// Adds a release that does not exist yet (new draft, sample). Its
    /// revision starts at 0 whatever the caller says.
    pub fn insert(&mut self, release: &Release) -> Result<()> {
        crate::validate::on_entry(release)?;
        let tx = self.conn.transaction()?;
        insert_in(&tx, release)?;
        tx.commit()?;
        Ok(())
    }

    /// Imports a release read from a `.dateline.json` file.
    ///
    /// The file's status, version and revision are claims, not facts: the
    /// release starts as a draft, and the import is its first version, with
    /// the reason "imported from <source>" (the file name). Refused when the
    /// release would not export (see [`crate::validate::for_export`]) or its
    /// id is already in the database.
    pub fn import(&mut self, release: &Release, source: &str) -> Result<Release> {
        crate::validate::for_export(release)?;
        let now = now();
        let mut r = release.clone();
        r.status = Status::Draft;
        r.version = 0;
        r.revision = 0;
        r.updated_at = now.clone();
        self.in_transaction(|tx| {
            insert_in(tx, &r)?;
            crate::versions::snapshot_in(tx, &r.id, &format!("imported from {source}"), &now)?;
            load_in(tx, &r.id)
        })
    }

    /// Reads a file (`.dateline.json`, or a release written elsewhere as
    /// text, Markdown, Word or HTML, see [`crate::import`]) and imports it
    /// ([`Store::import`]).
    pub fn import_file(&mut self, path: &Path) -> Result<Release> {
        let release = crate::import::import_path(path, &now())?.release;
        let source = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.import(&release, &source)
    }

    /// Saves the officer's edits to a release (autosave).
    ///
    /// Status, version, revision and creation time are the store's, not the
    /// caller's: they change only through the store. The caller's `revision`
    /// must be the stored one, else the save is refused as [`Error::Stale`]:
    /// something else (a restore, an action, the command line) wrote the
    /// release after the text being saved was loaded, and saving would undo
    /// it. Frozen text refuses edits ([`crate::clearance::require_editable`]).
    pub fn save(&mut self, release: &Release) -> Result<SaveAck> {
        self.save_at(release, &now())
    }

    /// [`Store::save`] at a given time (tests use it to cross the snapshot interval).
    pub fn save_at(&mut self, release: &Release, now: &str) -> Result<SaveAck> {
        crate::validate::on_entry(release)?;
        let tx = self.conn.transaction()?;
        let current = load_in(&tx, &release.id)?;
        // Stale first: a save refused as frozen after another writer froze
        // the text would hide that the text was changed elsewhere.
        if release.revision != current.revision {
            return Err(Error::Stale);
        }
        crate::clearance::require_editable(&current)?;
        let mut next = release.clone();
        // The link to a source changes only through `translation`.
        next.translation_of = current.translation_of.clone();
        next.status = current.status;
        next.version = current.version;
        next.created_at = current.created_at.clone();
        next.updated_at = now.to_string();
        let dirty_since: Option<String> = tx.query_row(
            "SELECT dirty_since FROM releases WHERE id = ?1",
            [&release.id],
            |r| r.get(0),
        )?;
        let dirty_since = dirty_since.unwrap_or_else(|| now.to_string());
        write_row(&tx, &mut next, Some(&dirty_since))?;
        let mut snapshot = None;
        if seconds_between(&dirty_since, now) >= AUTOSNAPSHOT_SECONDS {
            snapshot = Some(crate::versions::snapshot_in(
                &tx,
                &release.id,
                "autosave",
                now,
            )?);
        }
        // The snapshot, if any, wrote the row again.
        let revision = stored_revision(&tx, &release.id)?.unwrap_or(next.revision);
        tx.commit()?;
        Ok(SaveAck {
            id: next.id,
            updated_at: next.updated_at,
            status: next.status,
            version: snapshot.unwrap_or(next.version),
            revision,
            snapshot,
        })
    }

    /// Lists or searches releases; see [`search::ReleaseQuery`].
    pub fn list(&self, query: &search::ReleaseQuery) -> Result<Vec<ReleaseSummary>> {
        search::run(&self.conn, query)
    }

    /// Runs `f` in one transaction; used by modules that change several tables.
    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Loads a release inside a transaction.
pub(crate) fn load_in(tx: &Connection, id: &str) -> Result<Release> {
    let data: Option<String> = tx
        .query_row("SELECT data FROM releases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let data = data.ok_or_else(|| Error::NotFound(id.to_string()))?;
    crate::file_format::stored_from_str(&data)
        .map_err(|e| Error::Format(format!("stored release {id} is unreadable: {e}")))
}

/// Adds a new row at revision 0; refuses an id that exists.
fn insert_in(tx: &Connection, release: &Release) -> Result<()> {
    let exists: bool = tx
        .query_row(
            "SELECT 1 FROM releases WHERE id = ?1",
            [&release.id],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if exists {
        return Err(Error::Invalid(format!(
            "a release with id {} already exists",
            release.id
        )));
    }
    write_row(tx, &mut release.clone(), None)
}

/// The stored revision of a release; `None` when there is no such row.
fn stored_revision(tx: &Connection, id: &str) -> Result<Option<u32>> {
    Ok(tx
        .query_row("SELECT revision FROM releases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Writes the row and its search entries, as the next revision: 0 for a new
/// row, else the stored one plus one (set on `r` too, and in the JSON copy).
/// Every write of a release goes through here, so every write bumps the
/// revision and an older save can be recognised. `dirty_since` is the start
/// of unsnapshotted editing, or `None` when the text matches the latest version.
pub(crate) fn write_row(tx: &Connection, r: &mut Release, dirty_since: Option<&str>) -> Result<()> {
    r.revision = stored_revision(tx, &r.id)?.map_or(0, |n| n.wrapping_add(1));
    let data = serde_json::to_string(&*r).map_err(|e| Error::Format(e.to_string()))?;
    tx.execute(
        "INSERT INTO releases (id, data, headline, type_label, language, status, dateline_date, version, created_at, updated_at, dirty_since, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, headline = excluded.headline,
           type_label = excluded.type_label, language = excluded.language, status = excluded.status,
           dateline_date = excluded.dateline_date, version = excluded.version,
           updated_at = excluded.updated_at, dirty_since = excluded.dirty_since,
           revision = excluded.revision",
        params![
            r.id,
            data,
            r.headline,
            r.type_label,
            r.language,
            r.status.as_str(),
            r.dateline.date,
            r.version,
            r.created_at,
            r.updated_at,
            dirty_since,
            r.revision
        ],
    )?;
    search::index(tx, r)?;
    crate::translation::index(tx, r)?;
    Ok(())
}

fn seconds_between(from: &str, to: &str) -> i64 {
    match (
        from.parse::<jiff::Timestamp>(),
        to.parse::<jiff::Timestamp>(),
    ) {
        (Ok(a), Ok(b)) => b.as_second() - a.as_second(),
        _ => 0,
    }
}

/// How long a connection waits for another one's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// What the start-up check found in an existing file.
enum Probe {
    /// Readable; its schema version.
    Version(i64),
    /// Really damaged; what is wrong with it.
    Damaged(String),
}

/// True for the errors that mean the bytes of the file are wrong, as opposed
/// to errors about getting at them (busy, permissions, file handles, disk).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// A failure to open that is not damage: shown to the user, file untouched.
fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    if is_damage(&e) {
        Error::CorruptDatabase {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    } else {
        Error::read(path, format!("{e}; the file was left as it is"))
    }
}

/// Reads the schema version of an existing file without writing to it
/// (beyond SQLite's own crash recovery, see below), and
/// checks what can be checked cheaply at start-up: that SQLite can read the
/// header and schema, and that the file is as long as its header says (a
/// truncated copy is the commonest damage). The full `quick_check` reads every
/// page and re-tokenizes the search index, seconds on a large database, so it
/// runs after start-up in [`check_and_back_up`].
///
/// Only real damage comes back as [`Probe::Damaged`]; any other failure is an
/// error, so that a busy or unreadable healthy file is never moved aside.
fn probe(path: &Path) -> Result<Probe> {
    let read = |flags: OpenFlags| -> rusqlite::Result<i64> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(version)
    };
    let version = match read(OpenFlags::SQLITE_OPEN_READ_ONLY) {
        // A process killed mid-write can leave a hot journal to roll back
        // (or a WAL index to rebuild), which a read-only connection cannot
        // do (SQLITE_READONLY_ROLLBACK, _RECOVERY). That is SQLite's own
        // recovery, which any read-write open runs first; it changes no
        // committed data, so a read-write connection does it here.
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
            read(OpenFlags::SQLITE_OPEN_READ_WRITE)
        }
        other => other,
    };
    let version = match version {
        Ok(v) => v,
        Err(e) if is_damage(&e) => return Ok(Probe::Damaged(e.to_string())),
        Err(e) => return Err(open_error(path, e)),
    };
    match check_length(path)? {
        Some(detail) => Ok(Probe::Damaged(detail)),
        None => Ok(Probe::Version(version)),
    }
}

/// Compares the file's length with the page count in its header (valid when
/// the header's "version-valid-for" matches its change counter). Returns what
/// is wrong, or `None`.
///
/// Skipped while the WAL holds frames: a checkpoint writes page 1 (with the
/// new page count) before the pages that extend the file, so between the two,
/// or after a crash there, the main file is legitimately shorter than its
/// header says and the WAL holds the rest.
fn check_length(path: &Path) -> Result<Option<String>> {
    use std::io::Read;
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_HEADER_BYTES) {
        return Ok(None);
    }
    let mut header = [0u8; 100];
    let mut f = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    let len = f.metadata().map_err(|e| Error::read(path, e))?.len();
    if len == 0 {
        return Ok(None);
    }
    if f.read_exact(&mut header).is_err() {
        return Ok(Some(
            "the file is shorter than a database header".to_string(),
        ));
    }
    Ok(backup::length_problem(&header, len))
}

/// A WAL file no longer than its header holds no frames.
const WAL_HEADER_BYTES: u64 = 32;

/// What the after-start-up check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Maintenance {
    /// `None` when `PRAGMA quick_check` said "ok"; else what it said.
    pub damage: Option<String>,
    pub backup: Option<backup::BackupInfo>,
}

/// The slow part of opening, meant for a background thread once the window is
/// up, and done once a day: when a daily backup is due, a full
/// `PRAGMA quick_check` on a read-only connection, then the backup itself,
/// skipped when the check found damage, so that a damaged file never
/// replaces a good backup. Other starts do nothing here.
pub fn check_and_back_up(dir: &Path) -> Result<Maintenance> {
    if !backup::due(dir)? {
        return Ok(Maintenance {
            damage: None,
            backup: None,
        });
    }
    let path = dir.join(DB_FILE);
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    let check: std::result::Result<String, _> =
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    let damage = match check {
        Ok(s) if s == "ok" => None,
        Ok(s) => Some(s),
        Err(e) => Some(e.to_string()),
    };
    let backup = if damage.is_none() {
        Some(backup::make(&conn, dir, "daily")?)
    } else {
        None
    };
    Ok(Maintenance { damage, backup })
}

/// Test-only fault injection: a process whose `DATELINE_FAULT_POINT` names
/// this point aborts here, as abruptly as a power cut ends a process (no
/// unwinding, no destructors). Used by `tests/crash.rs` to stop a migration
/// and a search rebuild at a known place; unset, it does nothing.
pub(crate) fn fault_point(name: &str) {
    if std::env::var_os("DATELINE_FAULT_POINT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// Renames a damaged database (and its WAL files) aside, untouched.
fn move_aside(path: &Path, detail: &str) -> Result<DamagedDatabase> {
    let stamp = now().replace([':', '-'], "");
    let kept = path.with_file_name(format!("{DB_FILE}.damaged-{stamp}"));
    std::fs::rename(path, &kept).map_err(|e| Error::write(path, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let to = PathBuf::from(format!("{}{suffix}", kept.display()));
            std::fs::rename(&side, &to).map_err(|e| Error::write(&side, e))?;
        }
    }
    Ok(DamagedDatabase {
        kept_at: kept.display().to_string(),
        detail: detail.to_string(),
    })
}
