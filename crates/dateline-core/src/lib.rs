//! Dateline's engine: everything that is not UI.
//!
//! The desktop shell (`src-tauri/`) and the `dateline` command line are thin
//! layers over this crate, which never depends on tauri.

pub mod check;
pub mod clean;
pub mod clearance;
pub mod dates;
pub mod diff;
pub mod embargo;
pub mod error;
pub mod export;
pub mod file_format;
pub mod house_style;
pub mod image;
pub mod import;
pub mod install;
pub mod ipc;
pub mod labels;
pub mod library;
pub mod model;
pub mod office_styles;
pub mod prefs;
pub mod review;
pub mod sample;
pub mod search;
pub mod store;
pub mod translation;
pub mod validate;
pub mod versions;
pub mod words;

pub use error::{Error, ErrorCode, ErrorInfo, Result};
pub use model::*;
