//! House styles an office makes: copied from a built-in, changed in
//! Preferences or imported from a shared `.dateline-style.json` file, kept
//! in the database with a revision that grows by one on every save, every
//! revision kept; and the record of which style and revision each export
//! of a version was laid out in (migration 006).
//!
//! Names are looked up office styles first, then built-ins; an office style
//! may not take a built-in's name, so a name always means one style.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::house_style::{self, HouseStyle, StyleOrigin, StyleStamp, StyleSummary};
use crate::store::{self, Store};

fn parse_stored(id: &str, data: &str) -> Result<HouseStyle> {
    serde_json::from_str(data)
        .map_err(|e| Error::StyleFormat(format!("the stored style \"{id}\" is unreadable: {e}")))
}

fn office_in(conn: &Connection, id: &str) -> Result<Option<HouseStyle>> {
    let data: Option<String> = conn
        .query_row(
            "SELECT data FROM house_styles WHERE id = ?1",
            [id.trim().to_ascii_lowercase()],
            |r| r.get(0),
        )
        .optional()?;
    data.map(|d| parse_stored(id, &d)).transpose()
}

/// The style named `name`: an office style, else a built-in one; an error
/// listing every name otherwise.
pub(crate) fn resolve_in(conn: &Connection, name: &str) -> Result<HouseStyle> {
    if let Some(s) = office_in(conn, name)? {
        return Ok(s);
    }
    if let Some(s) = house_style::find(name) {
        return Ok(s.clone());
    }
    let mut names: Vec<String> = house_style::built_in()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let mut stmt = conn.prepare("SELECT id FROM house_styles ORDER BY id")?;
    for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
        names.push(id?);
    }
    Err(Error::Invalid(format!(
        "house_style: \"{}\" is not a house style Dateline knows ({})",
        crate::clean::line(name),
        names.join(", ")
    )))
}

/// Records that `version` of a release was exported in `format` with the
/// style `stamp`.
pub(crate) fn record_export_in(
    conn: &Connection,
    release_id: &str,
    version: u32,
    stamp: &StyleStamp,
    format: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO version_styles (release_id, version, style_id, style_revision, format, exported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![release_id, version, stamp.id, stamp.revision, format, now],
    )?;
    Ok(())
}

/// The styles a version was exported with, each once, in order of first use.
pub(crate) fn exported_with_in(
    conn: &Connection,
    release_id: &str,
    version: u32,
) -> Result<Vec<StyleStamp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT style_id, style_revision FROM version_styles WHERE release_id = ?1 AND version = ?2 GROUP BY style_id, style_revision ORDER BY min(rowid)",
    )?;
    let rows = stmt.query_map(params![release_id, version], |r| {
        Ok(StyleStamp {
            id: r.get(0)?,
            revision: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

impl Store {
    /// The built-in styles, then the office's, with their revisions.
    pub fn styles(&self) -> Result<Vec<StyleSummary>> {
        let mut out: Vec<StyleSummary> = house_style::built_in()
            .iter()
            .map(|s| s.summary(StyleOrigin::BuiltIn))
            .collect();
        let mut stmt = self
            .connection()
            .prepare("SELECT id, data FROM house_styles ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, data) = row?;
            out.push(parse_stored(&id, &data)?.summary(StyleOrigin::Office));
        }
        Ok(out)
    }

    /// The style named `name`, office or built-in.
    pub fn style(&self, name: &str) -> Result<HouseStyle> {
        resolve_in(self.connection(), name)
    }

    /// An office style as it was at `revision`.
    pub fn style_revision(&self, id: &str, revision: u32) -> Result<HouseStyle> {
        let data: Option<String> = self
            .connection()
            .query_row(
                "SELECT data FROM house_style_revisions WHERE id = ?1 AND revision = ?2",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()?;
        match data {
            Some(d) => parse_stored(id, &d),
            None => Err(Error::NotFound(format!("style {id} revision {revision}"))),
        }
    }

    /// Saves an office style, checked, as its next revision (1 for a new
    /// one); the style's own `revision` field is ignored. A built-in's name
    /// is refused: copy it under a new name instead.
    pub fn save_style(&mut self, style: &HouseStyle) -> Result<HouseStyle> {
        let mut s = style.clone();
        s.id = s.id.trim().to_string();
        s.name = crate::clean::line(&s.name);
        s.check()?;
        if house_style::find(&s.id).is_some() {
            return Err(Error::Invalid(format!(
                "\"{}\" is a built-in style and cannot be changed; copy it under a new name",
                s.id
            )));
        }
        let now = store::now();
        self.in_transaction(|tx| {
            let current: Option<u32> = tx
                .query_row(
                    "SELECT revision FROM house_styles WHERE id = ?1",
                    [&s.id],
                    |r| r.get(0),
                )
                .optional()?;
            s.revision = current.unwrap_or(0) + 1;
            let data = house_style::to_json(&s)?;
            tx.execute(
                "INSERT INTO house_styles (id, revision, updated_at, data) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, updated_at = excluded.updated_at, data = excluded.data",
                params![s.id, s.revision, now, data],
            )?;
            tx.execute(
                "INSERT INTO house_style_revisions (id, revision, created_at, data) VALUES (?1, ?2, ?3, ?4)",
                params![s.id, s.revision, now, data],
            )?;
            Ok(())
        })?;
        Ok(s)
    }

    /// Copies a style (built-in or office) as a new office style `new_id`.
    pub fn copy_style(&mut self, from: &str, new_id: &str, new_name: &str) -> Result<HouseStyle> {
        let new_id = new_id.trim().to_ascii_lowercase();
        if office_in(self.connection(), &new_id)?.is_some() {
            return Err(Error::Invalid(format!(
                "a style named \"{new_id}\" exists already"
            )));
        }
        let mut s = self.style(from)?;
        s.id = new_id;
        s.name = new_name.to_string();
        self.save_style(&s)
    }

    /// Reads a shared style file strictly and saves it as an office style
    /// (its next revision when the office has it already).
    pub fn import_style_file(&mut self, path: &Path) -> Result<HouseStyle> {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::StyleFormat(format!("{} is not UTF-8 text", path.display())))?;
        let s = house_style::from_json(&text).map_err(|e| match e {
            Error::StyleFormat(m) => Error::StyleFormat(format!("{}: {m}", path.display())),
            other => other,
        })?;
        self.save_style(&s)
    }

    /// Writes a style (office or built-in) to a file another office can
    /// import, atomically.
    pub fn export_style_file(&self, name: &str, path: &Path) -> Result<HouseStyle> {
        let s = self.style(name)?;
        crate::export::atomic::write(path, house_style::to_json(&s)?.as_bytes())?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ExportFormat, ExportMode};
    use crate::sample;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn an_office_copies_a_built_in_and_every_save_is_a_new_revision() {
        let (_dir, mut store) = open();
        let s = store
            .copy_style("uk-gov", "lakeshore", "Lakeshore office")
            .unwrap();
        assert_eq!((s.id.as_str(), s.revision), ("lakeshore", 1));
        let mut changed = s.clone();
        changed.typography.body_font = "Calibri".into();
        changed.revision = 40; // ignored: the store counts
        let saved = store.save_style(&changed).unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(store.style("LAKESHORE").unwrap(), saved);
        assert_eq!(store.style_revision("lakeshore", 1).unwrap(), s);
        let listed = store.styles().unwrap();
        let ids: Vec<(&str, u32, StyleOrigin)> = listed
            .iter()
            .map(|s| (s.id.as_str(), s.revision, s.origin))
            .collect();
        assert_eq!(ids[4..], [("lakeshore", 2, StyleOrigin::Office)], "{ids:?}");
        // A built-in's name, a taken name and a bad one are refused.
        let err = store
            .save_style(house_style::find("ap").unwrap())
            .unwrap_err();
        assert!(err.to_string().contains("built-in"), "{err}");
        let err = store.copy_style("un", "lakeshore", "Again").unwrap_err();
        assert!(err.to_string().contains("exists already"), "{err}");
        let err = store.copy_style("un", "Bad Name", "x").unwrap_err();
        assert!(err.to_string().contains("id: \"bad name\""), "{err}");
        let err = store.style("nope").unwrap_err();
        assert!(err.to_string().contains("lakeshore"), "{err}");
    }

    #[test]
    fn a_style_file_goes_out_and_comes_back() {
        let (dir, mut store) = open();
        store
            .copy_style("ap", "brightwater", "Brightwater")
            .unwrap();
        let file = dir.path().join("brightwater.dateline-style.json");
        store.export_style_file("brightwater", &file).unwrap();
        let (_other_dir, mut other) = open();
        let got = other.import_style_file(&file).unwrap();
        assert_eq!(got, store.style("brightwater").unwrap());
        // Imported again: the next revision of the same style.
        assert_eq!(other.import_style_file(&file).unwrap().revision, 2);
        // A release file is not a style.
        let release = dir.path().join("r.dateline.json");
        std::fs::write(
            &release,
            crate::file_format::to_string(&sample::release()).unwrap(),
        )
        .unwrap();
        let err = other.import_style_file(&release).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Format);
        assert!(err.to_string().contains("r.dateline.json"), "{err}");
        assert_eq!(other.styles().unwrap().len(), 5, "nothing half-imported");
    }

    /// Versions keep the revision they were exported with, after the style
    /// in use changes.
    #[test]
    fn each_version_records_the_style_revision_it_was_exported_with() {
        let (dir, mut store) = open();
        let id = sample::release().id;
        store.copy_style("un", "lakeshore", "Lakeshore").unwrap();
        let mut r = store.get(&id).unwrap();
        r.house_style = "lakeshore".into();
        store.save(&r).unwrap();
        let out = dir.path().join("a.txt");
        let first = store
            .export_release(&id, ExportFormat::Txt, ExportMode::Draft, &out)
            .unwrap()
            .release
            .version;
        let mut s = store.style("lakeshore").unwrap();
        s.phrases.entry("en".into()).or_default().contact_heading = Some("Press desk:".into());
        store.save_style(&s).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.contains("Press desk:"), "{text}");
        let mut r = store.get(&id).unwrap();
        r.headline.push_str(" (updated)");
        store.save(&r).unwrap();
        let second = store
            .export_release(&id, ExportFormat::Txt, ExportMode::Draft, &out)
            .unwrap()
            .release
            .version;
        assert!(std::fs::read_to_string(&out)
            .unwrap()
            .contains("Press desk:"));
        let versions = store.list_versions(&id).unwrap();
        let stamps = |v: u32| {
            versions
                .iter()
                .find(|x| x.version == v)
                .unwrap()
                .exported_with
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(stamps(first), ["lakeshore r1"]);
        assert_eq!(stamps(second), ["lakeshore r2"]);
    }
}
