//! Typed errors of the core, and the `{code, message}` shape they take at the
//! IPC boundary and on the command line.
//!
//! The UI switches on `code` and shows `message`; it never parses messages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every way a core operation can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),
    #[error("release {0} was not found")]
    NotFound(String),
    #[error("version {version} of release {id} was not found")]
    VersionNotFound { id: String, version: u32 },
    #[error("this file is not a Dateline release: {0}")]
    Format(String),
    /// A house style file (or a style edited in Preferences) that is not
    /// usable: the field and the problem.
    #[error("not a usable Dateline house style: {0}")]
    StyleFormat(String),
    #[error(
        "the database was written by a newer Dateline (schema {found}, this version knows up to {known}); it was left untouched"
    )]
    NewerDatabase { found: i64, known: i64 },
    #[error("the database file {path} is damaged or is not a Dateline database: {detail}")]
    CorruptDatabase { path: String, detail: String },
    #[error("{action} is not allowed while the release is {from}")]
    Transition { action: String, from: String },
    #[error("{0}")]
    Frozen(String),
    #[error("this release was changed elsewhere (by a restore, an action or the command line) after your last save; reloaded")]
    Stale,
    #[error("could not write {path}: {detail}")]
    Write { path: String, detail: String },
    /// Windows: the file to replace is held open by another program without
    /// sharing, as Word holds every document it has open.
    #[error("{path} is open in another program (Word?): close it in Word and try again")]
    InUse { path: String },
    #[error("could not read {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("could not build the Word file: {0}")]
    Docx(String),
    #[error("could not render: {0}")]
    Render(String),
    /// A picture in the release that is not what it claims, or too big;
    /// `place` says which ("body block 3").
    #[error("{place}: {source}")]
    Image {
        place: String,
        source: crate::image::ImageError,
    },
    /// A reviewed Word file that can't be read or doesn't belong here.
    #[error(transparent)]
    Review(#[from] crate::review::ReviewError),
    /// A file brought in from elsewhere that can't be read.
    #[error("this file cannot be imported: {0}")]
    Import(#[from] crate::import::ImportError),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Stable machine-readable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Format,
    NewerDatabase,
    CorruptDatabase,
    Transition,
    Frozen,
    /// A save was based on an older revision than the stored one.
    Stale,
    Io,
    Database,
    Export,
    /// A file to import is empty, binary, encrypted, too large or in an
    /// unknown encoding.
    Import,
    /// A picture that is not a PNG or JPEG, or is too big (see `image`).
    Image,
}

/// What crosses IPC when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub message: String,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::NotFound(_) | Error::VersionNotFound { .. } => ErrorCode::NotFound,
            Error::Format(_) | Error::StyleFormat(_) => ErrorCode::Format,
            Error::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            Error::CorruptDatabase { .. } => ErrorCode::CorruptDatabase,
            Error::Transition { .. } => ErrorCode::Transition,
            Error::Frozen(_) => ErrorCode::Frozen,
            Error::Stale => ErrorCode::Stale,
            Error::Write { .. } | Error::InUse { .. } | Error::Read { .. } => ErrorCode::Io,
            Error::Database(_) => ErrorCode::Database,
            Error::Docx(_) | Error::Render(_) => ErrorCode::Export,
            Error::Review(_) => ErrorCode::Format,
            Error::Import(_) => ErrorCode::Import,
            Error::Image { .. } => ErrorCode::Image,
        }
    }

    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            code: self.code(),
            message: self.to_string(),
        }
    }

    pub(crate) fn write(path: &std::path::Path, e: impl std::fmt::Display) -> Error {
        Error::Write {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    }

    pub(crate) fn read(path: &std::path::Path, e: impl std::fmt::Display) -> Error {
        Error::Read {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    }
}

impl From<Error> for ErrorInfo {
    fn from(e: Error) -> ErrorInfo {
        e.info()
    }
}
