//! Atomic file writes: a temporary file in the target folder, fsync, rename
//! over the target, fsync the folder. A crash at any moment leaves either the
//! old file or the complete new one, never a half-written export.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(Error::write(path, "it is a folder, not a file"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::write(path, "the folder does not exist"));
    }
    remove_stale_parts(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".dateline-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::write(path, e))?;
    // On any error below the temporary file is removed when `tmp` drops.
    tmp.write_all(bytes).map_err(|e| Error::write(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write(path, e))?;
    tmp.persist(path).map_err(|e| Error::write(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// A process killed mid-export cannot remove its temporary file; the next
/// export into the same folder removes any such leftover older than a minute
/// (younger ones may belong to an export still running).
fn remove_stale_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".dateline-") && name.ends_with(".part")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 60);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Copies a file atomically.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    let bytes = std::fs::read(from).map_err(|e| Error::read(from, e))?;
    write(to, &bytes)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable. Failure here cannot un-write the file,
    // and some file systems refuse to fsync folders, so it is best effort.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
