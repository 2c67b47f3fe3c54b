//! Importing a whole folder (archive onboarding), one file at a time.
//!
//! Each file is read, recognised and saved in one store transaction, so a
//! file is either imported whole or not at all; cancelling stops between
//! files, never inside one, so a cancelled batch leaves no half-imported
//! release. The caller gets a progress callback after every file (the app
//! draws its progress bar from it) and one report at the end.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SourceFormat;
use crate::error::{Error, ErrorInfo, Result};
use crate::store::Store;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Saved as a new draft. `unsure` names the fields to check.
    Imported {
        id: String,
        headline: String,
        unsure: Vec<String>,
    },
    /// Not saved; the error says why.
    Failed { error: ErrorInfo },
    /// Not a format the importer reads (left alone).
    Skipped { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchItem {
    pub file: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The one report of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchReport {
    pub items: Vec<BatchItem>,
    /// True when the batch was cancelled before every file was tried; the
    /// files not listed were not touched.
    pub cancelled: bool,
    pub total: u32,
}

impl BatchReport {
    pub fn imported(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::Imported { .. }))
            .count()
    }
    /// Files that need a look: failed, or imported with unsure fields.
    pub fn need_a_look(&self) -> usize {
        self.items
            .iter()
            .filter(|i| match &i.outcome {
                Outcome::Imported { unsure, .. } => !unsure.is_empty(),
                Outcome::Failed { .. } => true,
                Outcome::Skipped { .. } => false,
            })
            .count()
    }
}

/// The files of a folder, in name order (not recursive; hidden files left out).
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))? {
        let entry = entry.map_err(|e| Error::read(dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if path.is_file() && !hidden {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Imports `files` into the store, calling `progress(done, total, item)`
/// after each. Stops before the next file once `cancel` is set.
pub fn run(
    store: &mut Store,
    files: &[PathBuf],
    cancel: &AtomicBool,
    mut progress: impl FnMut(usize, usize, &BatchItem),
) -> BatchReport {
    let mut report = BatchReport {
        items: Vec::new(),
        cancelled: false,
        total: files.len() as u32,
    };
    for (n, path) in files.iter().enumerate() {
        if cancel.load(Ordering::SeqCst) {
            report.cancelled = true;
            break;
        }
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let outcome = match SourceFormat::from_name(&file) {
            Err(e) => Outcome::Skipped {
                reason: e.to_string(),
            },
            Ok(_) => match import_one(store, path, &file) {
                Ok(o) => o,
                Err(e) => Outcome::Failed { error: e.info() },
            },
        };
        let item = BatchItem { file, outcome };
        progress(n + 1, files.len(), &item);
        report.items.push(item);
    }
    report
}

fn import_one(store: &mut Store, path: &Path, file: &str) -> Result<Outcome> {
    let imported = super::import_path(path, &crate::store::now())?;
    let unsure = imported
        .recognised
        .as_ref()
        .map(|r| r.unsure().into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let saved = store.import(&imported.release, file)?;
    Ok(Outcome::Imported {
        id: saved.id,
        headline: saved.headline,
        unsure,
    })
}
