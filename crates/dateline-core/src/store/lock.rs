//! The start-up lock: a lock file in the data folder (`dateline.lock`) that
//! serializes everything a process does to the database file itself rather
//! than through SQLite transactions: checking it, moving a damaged file
//! aside, the pre-migration backup, the migrations, adding the sample, and
//! replacing the file with a backup.
//!
//! Why a file lock and not only SQLite's: rusqlite_migration reads the schema
//! version before it opens its transaction, and moving or replacing the file
//! happens outside SQLite altogether. Thirty processes started together on
//! an empty folder all saw version 0 and ran the first migration ("table
//! releases already exists"). Readers that only check the version
//! ([`super::Store::open_read_only`]) take the lock shared.
//!
//! The OS drops the lock when the process dies, so a crash never leaves the
//! folder locked. The lock file is empty and never removed (removing it would
//! let two processes lock two different files).

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::error::{Error, Result};

/// Name of the lock file inside the data folder.
pub const LOCK_FILE: &str = "dateline.lock";

/// Held while it lives; dropping it unlocks.
pub(crate) struct StartLock {
    _file: File,
}

fn lock_file(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::write(&path, e))
}

/// Waits until no other process holds the lock, then holds it alone.
pub(crate) fn exclusive(dir: &Path) -> Result<StartLock> {
    let file = lock_file(dir)?;
    file.lock()
        .map_err(|e| Error::write(&dir.join(LOCK_FILE), e))?;
    Ok(StartLock { _file: file })
}

/// Waits until no process holds the lock alone, then shares it.
pub(crate) fn shared(dir: &Path) -> Result<StartLock> {
    let file = lock_file(dir)?;
    file.lock_shared()
        .map_err(|e| Error::write(&dir.join(LOCK_FILE), e))?;
    Ok(StartLock { _file: file })
}
