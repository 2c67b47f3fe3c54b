//! The officer's preferences that exports use: their name (the Word file's
//! creator), the organization shown in headers, the paper size and the logo.
//! Kept in the database's `settings` table, so they travel with backups.
//!
//! The logo is copied into the database once, when chosen, after checking
//! that it is a PNG of reasonable size with readable dimensions: exports
//! never read a path again, so a moved or deleted file cannot break them,
//! and the web view never names a file to read. A logo path saved by an
//! earlier Dateline is copied in on the first read.

use std::path::Path;

use base64::Engine;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::{ExportMode, Options, Paper, DEFAULT_LOGO};
use crate::store::Store;

const KEY: &str = "preferences";
/// Settings key of the chosen logo: the PNG's bytes, base64 (the settings
/// table holds text).
const LOGO_KEY: &str = "logo_png";
/// Logos larger than this are refused: they bloat every export.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Preferences {
    /// Written as the creator of exported Word files.
    pub author: String,
    /// Shown in the page header and as the HTML publisher.
    pub organization: String,
    /// Paper for every export; `None` (the default) takes the house
    /// style's paper (A4, or Letter for the AP style).
    pub paper: Option<Paper>,
    /// True when the officer chose a logo (kept in the database); false
    /// uses the bundled one. Saving preferences with `false` removes the
    /// chosen logo; `true` keeps it. Only choosing a file adds one
    /// (`Store::set_logo_from_file`, the app's `choose_logo`).
    pub custom_logo: bool,
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
            paper: None,
            custom_logo: false,
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

/// Checks that `bytes` are a PNG that exports can use: the PNG signature, at
/// most 2 MB, and an IHDR chunk with dimensions between 1 and 9,999 pixels
/// (what the Word header needs to size it). `name` names it in messages.
pub fn check_logo(bytes: &[u8], name: &str) -> Result<()> {
    if bytes.len() as u64 > MAX_LOGO_BYTES {
        return Err(Error::Invalid(format!(
            "the logo {name} is larger than 2 MB"
        )));
    }
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(Error::Invalid(format!(
            "the logo {name} is not a PNG image"
        )));
    }
    if crate::export::docx::png_size(bytes).is_none() {
        return Err(Error::Invalid(format!(
            "the logo {name} is a damaged PNG or its size is out of range (1 to 9,999 pixels each way)"
        )));
    }
    Ok(())
}

/// Reads a logo file and checks it ([`check_logo`]).
pub fn read_logo(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
    let name = path.display().to_string();
    if meta.len() > MAX_LOGO_BYTES {
        return Err(Error::Invalid(format!(
            "the logo {name} is larger than 2 MB"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    check_logo(&bytes, &name)?;
    Ok(bytes)
}

impl Preferences {
    /// Export options for these preferences and a logo (the bundled one when
    /// `None`).
    pub fn options(&self, mode: ExportMode, logo: Option<Vec<u8>>) -> Options {
        Options {
            mode,
            paper: self.paper,
            organization: self.organization.clone(),
            author: self.author.clone(),
            logo_png: Some(logo.unwrap_or_else(|| DEFAULT_LOGO.to_vec())),
            track_changes: self.track_changes,
            protect_for_tracked_changes: self.protect_for_tracked_changes,
            ..Options::default()
        }
    }
}

impl Store {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .connection()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub(crate) fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        self.connection().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The saved preferences, or the defaults when none were saved. Saved
    /// preferences that cannot be read are an error, never silently the
    /// defaults: exports would otherwise change author, organization and
    /// paper without a word.
    pub fn preferences(&self) -> Result<Preferences> {
        let mut p = match self.setting(KEY)? {
            None => Preferences::default(),
            Some(json) => {
                let p = serde_json::from_str(&json).map_err(|e| {
                    Error::Invalid(format!(
                        "the saved preferences could not be read ({e}); reset them in Preferences"
                    ))
                })?;
                self.adopt_logo_path(&json, &p)?;
                p
            }
        };
        p.custom_logo = self.setting(LOGO_KEY)?.is_some();
        Ok(p)
    }

    /// Preferences saved by an earlier Dateline named the logo by its path
    /// (`logo_path`) and read it for every export. The file is copied in
    /// once, on the first read, and the path is dropped. A file that can no
    /// longer be read is an error naming it, not a silent switch to the
    /// bundled logo.
    fn adopt_logo_path(&self, json: &str, p: &Preferences) -> Result<()> {
        #[derive(Deserialize)]
        struct Earlier {
            #[serde(default)]
            logo_path: String,
        }
        let Ok(Earlier { logo_path }) = serde_json::from_str::<Earlier>(json) else {
            return Ok(());
        };
        let path = logo_path.trim();
        if path.is_empty() {
            return Ok(());
        }
        let bytes = read_logo(Path::new(path)).map_err(|e| {
            Error::Invalid(format!(
                "the logo chosen earlier can no longer be used ({e}); choose it again, or reset the preferences"
            ))
        })?;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let json = serde_json::to_string(p).map_err(|e| Error::Format(e.to_string()))?;
        let tx = self.connection().unchecked_transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LOGO_KEY, b64.as_str()],
        )?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [KEY, json.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn set_preferences(&mut self, p: &Preferences) -> Result<Preferences> {
        let clean = Preferences {
            author: crate::clean::line(&p.author),
            organization: crate::clean::line(&p.organization),
            paper: p.paper,
            custom_logo: p.custom_logo,
            track_changes: p.track_changes,
            protect_for_tracked_changes: p.protect_for_tracked_changes,
        };
        let json = serde_json::to_string(&clean).map_err(|e| Error::Format(e.to_string()))?;
        self.put_setting(KEY, &json)?;
        if !clean.custom_logo {
            self.connection()
                .execute("DELETE FROM settings WHERE key = ?1", [LOGO_KEY])?;
        }
        self.preferences()
    }

    /// Forgets the saved preferences and the chosen logo; returns the defaults.
    pub fn reset_preferences(&mut self) -> Result<Preferences> {
        self.connection().execute(
            "DELETE FROM settings WHERE key IN (?1, ?2)",
            [KEY, LOGO_KEY],
        )?;
        self.preferences()
    }

    /// Copies a PNG into the database as the logo of every export, after
    /// checking it ([`read_logo`]). The file is not read again.
    pub fn set_logo_from_file(&mut self, path: &Path) -> Result<Preferences> {
        let bytes = read_logo(path)?;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        self.put_setting(LOGO_KEY, &b64)?;
        self.preferences()
    }

    /// The chosen logo, or `None` for the bundled one.
    pub fn logo(&self) -> Result<Option<Vec<u8>>> {
        let Some(b64) = self.setting(LOGO_KEY)? else {
            return Ok(None);
        };
        let unreadable = || {
            Error::Invalid(
                "the logo kept in the database is unreadable; choose it again in Preferences"
                    .into(),
            )
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.as_bytes())
            .map_err(|_| unreadable())?;
        check_logo(&bytes, "kept in the database").map_err(|_| unreadable())?;
        Ok(Some(bytes))
    }

    /// Export options from the saved preferences and logo.
    pub fn export_options(&self, mode: ExportMode) -> Result<Options> {
        Ok(self.preferences()?.options(mode, self.logo()?))
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
        p.paper = Some(Paper::Letter);
        let saved = store.set_preferences(&p).unwrap();
        assert_eq!(saved.organization, "Glacier Survey Alliance");
        assert_eq!(store.preferences().unwrap(), saved);
        let not_png = dir.path().join("logo.png");
        std::fs::write(&not_png, b"GIF89a").unwrap();
        let err = store.set_logo_from_file(&not_png).unwrap_err();
        assert!(err.to_string().contains("not a PNG"), "{err}");
        // A PNG signature with no readable IHDR is refused too.
        std::fs::write(&not_png, b"\x89PNG\r\n\x1a\n\0\0\0\rJUNKJUNK").unwrap();
        let err = store.set_logo_from_file(&not_png).unwrap_err();
        assert!(err.to_string().contains("damaged PNG"), "{err}");
        assert!(!store.preferences().unwrap().custom_logo);
        assert_eq!(
            store.export_options(ExportMode::Final).unwrap().paper,
            Some(Paper::Letter)
        );
    }

    /// The logo is copied once: moving or deleting the chosen file changes
    /// nothing for exports, and saving with `custom_logo: false` removes it.
    #[test]
    fn the_logo_is_kept_in_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let mut png = DEFAULT_LOGO.to_vec();
        png.extend_from_slice(b"distinct trailing bytes");
        let file = dir.path().join("chosen.png");
        std::fs::write(&file, &png).unwrap();
        let p = store.set_logo_from_file(&file).unwrap();
        assert!(p.custom_logo);
        std::fs::remove_file(&file).unwrap();
        let opts = store.export_options(ExportMode::Draft).unwrap();
        assert_eq!(opts.logo_png.as_deref(), Some(png.as_slice()));
        // Saving other preferences keeps it.
        let p = store.set_preferences(&p).unwrap();
        assert!(p.custom_logo);
        let p = store
            .set_preferences(&Preferences {
                custom_logo: false,
                ..p
            })
            .unwrap();
        assert!(!p.custom_logo);
        let opts = store.export_options(ExportMode::Draft).unwrap();
        assert_eq!(opts.logo_png.as_deref(), Some(DEFAULT_LOGO));
    }

    /// A logo path saved by an earlier Dateline is copied in on the first
    /// read and dropped; one that no longer reads is an error naming it.
    #[test]
    fn an_earlier_logo_path_is_copied_in_once() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path()).unwrap();
        let mut png = DEFAULT_LOGO.to_vec();
        png.extend_from_slice(b"earlier logo");
        let file = dir.path().join("earlier.png");
        std::fs::write(&file, &png).unwrap();
        let earlier = serde_json::json!({
            "author": "Ana Corvell", "organization": "Northern Rivers Commission",
            "paper": "letter", "logo_path": file.display().to_string(),
        });
        store.put_setting(KEY, &earlier.to_string()).unwrap();
        let p = store.preferences().unwrap();
        assert!(p.custom_logo);
        assert_eq!(p.paper, Some(Paper::Letter));
        std::fs::remove_file(&file).unwrap();
        let opts = store.export_options(ExportMode::Draft).unwrap();
        assert_eq!(opts.logo_png.as_deref(), Some(png.as_slice()));
        assert!(!store.setting(KEY).unwrap().unwrap().contains("logo_path"));

        store.put_setting(KEY, &earlier.to_string()).unwrap();
        let err = store.preferences().unwrap_err();
        assert!(err.to_string().contains("earlier.png"), "{err}");
    }

    /// Unreadable saved preferences are an error naming the problem, and
    /// resetting them brings back the defaults.
    #[test]
    fn unreadable_preferences_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        store
            .connection()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('preferences', '{\"paper\": \"tabloid\"}')",
                [],
            )
            .unwrap();
        let err = store.preferences().unwrap_err();
        assert!(
            err.to_string().contains("preferences could not be read"),
            "{err}"
        );
        assert!(store.export_options(ExportMode::Draft).is_err());
        let p = store.reset_preferences().unwrap();
        assert_eq!(p.paper, None);
        assert_eq!(store.preferences().unwrap(), p);
    }

    #[test]
    fn track_changes_is_on_unless_turned_off_and_reaches_the_options() {
        // Preferences saved before the setting existed keep Track Changes on.
        let old: Preferences =
            serde_json::from_str(r#"{"author":"Ana","organization":"","paper":"a4"}"#).unwrap();
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
        let o = store.export_options(ExportMode::Draft).unwrap();
        assert!(!o.track_changes && o.protect_for_tracked_changes);
    }
}
