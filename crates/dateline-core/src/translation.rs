//! Linked language versions: a release translated into another language.
//!
//! A language version is a release of its own (its own text, versions,
//! clearance and exports) whose `translation_of` names the source release
//! and the source version its text follows: the one it was made from, then
//! the one the translator last marked as caught up with. When the source's
//! text moves on, [`Store::source_status`] gives the source's changes since
//! that version paragraph by paragraph ([`diff::compare_paragraphs`]), so the
//! translator updates exactly what changed.
//!
//! The link is the store's record, not text: a save keeps the stored link
//! whatever the editor sends, a restore keeps the current one, and only
//! [`Store::add_language_version`] and [`Store::mark_translation_current`]
//! set it. The `language_links` table (migration 008) is a copy written with
//! every row, for listing language versions together.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::{self, ReleaseDiff};
use crate::error::{Error, Result};
use crate::model::{new_id, Block, Release};
use crate::store::{self, Store};
use crate::versions;

/// Which release a language version translates, and from which version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TranslationOf {
    /// The source release's id.
    pub release_id: String,
    /// The source version this text follows.
    pub version: u32,
}

/// A language version's source, and what changed in it since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceStatus {
    pub source_id: String,
    pub source_language: String,
    pub source_headline: String,
    /// The source version the translation follows.
    pub since: u32,
    /// The source's changes since `since`, against its current text, body
    /// paragraph by paragraph; `None` when nothing changed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<ReleaseDiff>,
}

/// One link: a language version and its source (for the release list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LanguageLink {
    pub release_id: String,
    pub source_id: String,
}

/// A new language version of `source`, following its version `version`:
/// the source's structure (type label in the new language, contacts,
/// dateline place and date, About text, notes, house style, end mark), with
/// the text (headline, subheadline, body) left for the translator.
pub fn new_language_version(
    source: &Release,
    language: &str,
    version: u32,
    id: String,
    now: &str,
) -> Release {
    let from = crate::labels::for_language(&source.language);
    let to = crate::labels::for_language(language);
    let type_label = from
        .type_labels
        .iter()
        .position(|t| *t == source.type_label.trim())
        .map(|i| to.type_labels[i].to_string())
        .unwrap_or_else(|| source.type_label.clone());
    let mut r = Release::new_draft(id, now, &source.dateline.date);
    r.language = language.to_string();
    r.type_label = type_label;
    r.reference = source.reference.clone();
    r.timing = source.timing.clone();
    r.dateline = source.dateline.clone();
    r.body = vec![Block::Paragraph { content: vec![] }];
    r.contact_groups = source.contact_groups.clone();
    r.about = source.about.clone();
    r.notes_to_editors = source.notes_to_editors.clone();
    r.end_mark = source.end_mark;
    r.house_style = source.house_style.clone();
    r.translation_of = Some(TranslationOf {
        release_id: source.id.clone(),
        version,
    });
    r
}

/// Keeps `language_links` in step with a row being written.
pub(crate) fn index(tx: &Connection, r: &Release) -> Result<()> {
    match &r.translation_of {
        Some(l) => tx.execute(
            "INSERT INTO language_links (release_id, source_id, source_version) VALUES (?1, ?2, ?3)
             ON CONFLICT (release_id) DO UPDATE SET source_id = excluded.source_id,
               source_version = excluded.source_version",
            params![r.id, l.release_id, l.version],
        )?,
        None => tx.execute("DELETE FROM language_links WHERE release_id = ?1", [&r.id])?,
    };
    Ok(())
}

impl Store {
    /// Makes a language version of release `source_id` in `language`.
    /// Asked on a language version, it makes another version of that one's
    /// source (when it is in this database), so that the versions of a
    /// release stay one family under one source. The source's current text
    /// is kept as a version first if it is not one yet, so that the link
    /// names a version that exists.
    pub fn add_language_version(&mut self, source_id: &str, language: &str) -> Result<Release> {
        let language = language.trim();
        if language.is_empty() {
            return Err(Error::Invalid(
                "choose the language of the new version".into(),
            ));
        }
        let now = store::now();
        self.in_transaction(|tx| {
            let mut source = store::load_in(tx, source_id)?;
            if let Some(link) = &source.translation_of {
                match store::load_in(tx, &link.release_id) {
                    Ok(root) => source = root,
                    Err(Error::NotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            let source_id = source.id.clone();
            if crate::labels::primary_subtag(language)
                == crate::labels::primary_subtag(&source.language)
            {
                return Err(Error::Invalid(format!(
                    "this release is already in \"{}\"; a language version needs another language",
                    source.language
                )));
            }
            let version = versions::snapshot_if_changed_in(
                tx,
                &source_id,
                &format!("language version ({language}) made"),
                &now,
            )?;
            let r = new_language_version(&source, language, version, new_id(), &now);
            store::write_row(tx, &mut r.clone(), None)?;
            store::load_in(tx, &r.id)
        })
    }

    /// The source of a language version and its changes since the version
    /// the translation follows; `None` for a release that is not one.
    pub fn source_status(&self, id: &str) -> Result<Option<SourceStatus>> {
        let r = self.get(id)?;
        let Some(link) = r.translation_of else {
            return Ok(None);
        };
        let source = self.get(&link.release_id).map_err(|e| match e {
            Error::NotFound(_) => Error::NotFound(format!(
                "{} (the source of this language version; it is not in this database)",
                link.release_id
            )),
            other => other,
        })?;
        let then = self.get_version(&link.release_id, link.version)?;
        let d = diff::compare_paragraphs(&then, &source);
        let changed = d.fields.iter().any(|f| f.changed);
        Ok(Some(SourceStatus {
            source_id: source.id,
            source_language: source.language,
            source_headline: source.headline,
            since: link.version,
            changes: changed.then_some(d),
        }))
    }

    /// The translator has brought the language version up to date: it now
    /// follows the source's current text (kept as a version if it is not one
    /// yet). Refused on frozen text, like any edit.
    pub fn mark_translation_current(&mut self, id: &str) -> Result<Release> {
        let now = store::now();
        self.in_transaction(|tx| {
            let mut r = store::load_in(tx, id)?;
            crate::clearance::require_editable(&r)?;
            let Some(link) = r.translation_of.clone() else {
                return Err(Error::Invalid(
                    "this release is not a language version of another".into(),
                ));
            };
            let version = versions::snapshot_if_changed_in(
                tx,
                &link.release_id,
                "a language version caught up",
                &now,
            )?;
            r.translation_of = Some(TranslationOf {
                release_id: link.release_id,
                version,
            });
            r.updated_at = now.clone();
            let dirty: Option<String> = tx.query_row(
                "SELECT dirty_since FROM releases WHERE id = ?1",
                [id],
                |row| row.get(0),
            )?;
            store::write_row(tx, &mut r, dirty.as_deref())?;
            store::load_in(tx, id)
        })
    }

    /// Every link between a language version and its source.
    pub fn language_links(&self) -> Result<Vec<LanguageLink>> {
        let mut st = self
            .conn
            .prepare("SELECT release_id, source_id FROM language_links")?;
        let rows = st.query_map([], |row| {
            Ok(LanguageLink {
                release_id: row.get(0)?,
                source_id: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, Status};
    use crate::sample;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = Store::open(dir.path()).unwrap();
        (dir, s)
    }

    fn set_paragraph(r: &mut Release, i: usize, text: &str) {
        let n = r
            .body
            .iter_mut()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .nth(i)
            .unwrap();
        *n = Block::Paragraph {
            content: vec![Inline::plain(text)],
        };
    }

    #[test]
    fn a_language_version_takes_the_structure_and_leaves_the_text() {
        let (_d, mut s) = open();
        let mut en = sample::release();
        en.id = new_id();
        s.insert(&en).unwrap();
        let fr = s.add_language_version(&en.id, "fr").unwrap();
        assert_eq!((fr.status, fr.version), (Status::Draft, 0));
        assert_eq!(fr.language, "fr");
        assert_eq!(fr.type_label, "COMMUNIQUÉ DE PRESSE");
        assert_eq!(fr.contact_groups, en.contact_groups);
        assert_eq!(fr.about, en.about);
        assert_eq!(fr.dateline, en.dateline);
        assert!(fr.headline.is_empty() && fr.body_plain_text().trim().is_empty());
        // The source had no version: its text was kept as v1 first.
        assert_eq!(
            fr.translation_of,
            Some(TranslationOf {
                release_id: en.id.clone(),
                version: 1
            })
        );
        assert_eq!(s.get(&en.id).unwrap().version, 1);
        assert_eq!(
            s.language_links().unwrap(),
            [LanguageLink {
                release_id: fr.id.clone(),
                source_id: en.id.clone()
            }]
        );
        assert!(s.source_status(&fr.id).unwrap().unwrap().changes.is_none());
        assert!(s.source_status(&en.id).unwrap().is_none());
        let same = s.add_language_version(&en.id, "en-GB").unwrap_err();
        assert!(same.to_string().contains("already in"), "{same}");
        // Asked on the French version, an Arabic one is made from the source.
        let ar = s.add_language_version(&fr.id, "ar").unwrap();
        assert_eq!(ar.translation_of.unwrap().release_id, en.id);
        assert_eq!(ar.contact_groups, en.contact_groups);
    }

    #[test]
    fn the_source_s_changed_paragraphs_and_only_those_are_shown() {
        let (_d, mut s) = open();
        let mut en = sample::release();
        en.id = new_id();
        s.insert(&en).unwrap();
        let ar = s.add_language_version(&en.id, "ar").unwrap();
        let mut cur = s.get(&en.id).unwrap();
        set_paragraph(&mut cur, 0, "A new lead paragraph.");
        set_paragraph(&mut cur, 2, "A new third paragraph.");
        s.save(&cur).unwrap();
        let st = s.source_status(&ar.id).unwrap().unwrap();
        assert_eq!(st.since, 1);
        let changed: Vec<&str> = st
            .changes
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .filter(|f| f.changed)
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(changed, ["Body ¶1", "Body ¶3"]);
        // The translator catches up: the source's text becomes v2.
        let ar = s.mark_translation_current(&ar.id).unwrap();
        assert_eq!(ar.translation_of.as_ref().unwrap().version, 2);
        assert!(s.source_status(&ar.id).unwrap().unwrap().changes.is_none());
        // A save cannot move the link.
        let mut edited = ar.clone();
        edited.headline = "عنوان".into();
        edited.translation_of = None;
        s.save(&edited).unwrap();
        assert_eq!(s.get(&ar.id).unwrap().translation_of, ar.translation_of);
    }
}
