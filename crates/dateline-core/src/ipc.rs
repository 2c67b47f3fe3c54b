//! Shapes that exist only to cross the IPC boundary between the desktop
//! shell and the UI. They are here, not in `src-tauri/`, so that ts-rs can
//! generate their TypeScript from the same crate as everything else.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Release;
use crate::store::backup::BackupInfo;
use crate::store::OpenReport;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StartupState {
    pub data_dir: String,
    pub report: OpenReport,
    pub backups: Vec<BackupInfo>,
}

/// The preview: exactly the HTML export, plus what the user should know.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Preview {
    pub html: String,
    pub warnings: Vec<String>,
    /// Words in the headline, subheadline and body (see `words`: a Chinese
    /// or Japanese character counts as one).
    pub words: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportOutcome {
    pub path: String,
    /// The release as it is after the export (with the version the export
    /// snapshotted, and its current revision).
    pub release: Release,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActionOutcome {
    pub release: Release,
    /// The DRAFT Word file written by "Send for clearance". Absent when the
    /// user cancelled the save dialog: then the action was not applied
    /// either, and `release` is unchanged.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
}
