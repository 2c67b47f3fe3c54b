//! The officer's preferences that exports use: their name (the Word file's
//! creator), the organization shown in headers, the paper size and the logo.
//! Kept in the database's `settings` table, so they travel with backups.

use std::path::Path;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::{ExportMode, Options, Paper, DEFAULT_LOGO};
use crate::store::Store;

const KEY: &str = "preferences";
/// Logos larger than this are refused: they bloat every export.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    /// Written as the creator of exported Word files.
    pub author: String,
    /// Shown in the page header and as the HTML publisher.
    pub organization: String,
    pub paper: Paper,
    /// A PNG chosen by the user; empty uses the bundled logo.
    pub logo_path: String,
    /// Clearance copies open in Word with Track Changes on.
    pub track_changes: bool,
    /// Clearance copies can be edited only as tracked changes (no password).
    pub protect_for_tracked_changes: bool,
}

impl Default for Preferences {
    fn default() -> Preferences {
        Preferences {
            author: default_author(),
            organization: std::env::var("DATELINE_ORGANIZATION").unwrap_or_default(),
            paper: Paper::A4,
            logo_path: String::new(),
            track_changes: true,
            protect_for_tracked_changes: false,
        }
    }
}

/// The OS user's full name (GECOS on Unix), else the login name.
pub fn default_author() -> String {
    let real = whoami::realname();
    if !real.trim().is_empty() && real != "Unknown" {
        return real;
    }
    whoami::username()
}

/// Reads a logo file and checks that it is a PNG of reasonable size.
pub fn read_logo(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
    if meta.len() > MAX_LOGO_BYTES {
        return Err(Error::Invalid(format!(
            "the logo {} is larger than 2 MB",
            path.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(Error::Invalid(format!(
            "the logo {} is not a PNG image",
            path.display()
        )));
    }
    Ok(bytes)
}

impl Preferences {
    /// Export options for these preferences.
    pub fn options(&self, mode: ExportMode) -> Result<Options> {
        let logo = if self.logo_path.trim().is_empty() {
            DEFAULT_LOGO.to_vec()
        } else {
            read_logo(Path::new(self.logo_path.trim()))?
        };
        Ok(Options {
            mode,
            paper: self.paper,
            organization: self.organization.clone(),
            author: self.author.clone(),
            logo_png: Some(logo),
            track_changes: self.track_changes,
            protect_for_tracked_changes: self.protect_for_tracked_changes,
            ..Options::default()
        })
    }
}

impl Store {
    pub fn preferences(&self) -> Result<Preferences> {
        let json: Option<String> = self
            .connection()
            .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    pub fn set_preferences(&mut self, p: &Preferences) -> Result<Preferences> {
        let clean = Preferences {
            author: crate::clean::line(&p.author),
            organization: crate::clean::line(&p.organization),
            paper: p.paper,
            logo_path: p.logo_path.trim().to_string(),
            track_changes: p.track_changes,
            protect_for_tracked_changes: p.protect_for_tracked_changes,
        };
        if !clean.logo_path.is_empty() {
            read_logo(Path::new(&clean.logo_path))?;
        }
        let json = serde_json::to_string(&clean).map_err(|e| Error::Format(e.to_string()))?;
        self.connection().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [KEY, json.as_str()],
        )?;
        Ok(clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_refuse_a_non_png_logo() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let mut p = store.preferences().unwrap();
        p.organization = "  Glacier \n Survey Alliance ".into();
        p.paper = Paper::Letter;
        let saved = store.set_preferences(&p).unwrap();
        assert_eq!(saved.organization, "Glacier Survey Alliance");
        assert_eq!(store.preferences().unwrap(), saved);
        let not_png = dir.path().join("logo.png");
        std::fs::write(&not_png, b"GIF89a").unwrap();
        p.logo_path = not_png.display().to_string();
        let err = store.set_preferences(&p).unwrap_err();
        assert!(err.to_string().contains("not a PNG"), "{err}");
        assert_eq!(
            saved.options(ExportMode::Final).unwrap().paper,
            Paper::Letter
        );
    }

    #[test]
    fn track_changes_is_on_unless_turned_off_and_reaches_the_options() {
        // Preferences saved before the setting existed keep Track Changes on.
        let old: Preferences = serde_json::from_str(
            r#"{"author":"Ana","organization":"","paper":"a4","logo_path":""}"#,
        )
        .unwrap();
        assert!(old.track_changes && !old.protect_for_tracked_changes);
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let p = Preferences {
            track_changes: false,
            protect_for_tracked_changes: true,
            ..store.preferences().unwrap()
        };
        let saved = store.set_preferences(&p).unwrap();
        assert_eq!(store.preferences().unwrap(), saved);
        let o = saved.options(ExportMode::Draft).unwrap();
        assert!(!o.track_changes && o.protect_for_tracked_changes);
    }
}
