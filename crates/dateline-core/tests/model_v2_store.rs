//! A database written by Dateline before the release model v2 (schema 3,
//! releases and versions stored in the format version 1 JSON shape) opens
//! in this one: migration 007 rewrites the working copies, versions are
//! converted as they are read and stay as they were written, and search
//! finds the About text.
//!
//! The old database is built here from the shipped migration files and a
//! version 1 release file, with raw SQL, as the old code wrote it.

use dateline_core::search::ReleaseQuery;
use dateline_core::store::{Store, DB_FILE};
use dateline_core::*;

const V1_FILE: &str = include_str!("fixtures/v1/welcome-v1.dateline.json");

/// The release object of the v1 file, as the old store kept it in `data`.
fn v1_release_json() -> (serde_json::Value, String) {
    let file: serde_json::Value = serde_json::from_str(V1_FILE).unwrap();
    let r = file["release"].clone();
    let text = serde_json::to_string(&r).unwrap();
    (r, text)
}

fn old_database(dir: &std::path::Path) -> String {
    let (r, data) = v1_release_json();
    let id = r["id"].as_str().unwrap().to_string();
    let c = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    for sql in [
        include_str!("../migrations/001_releases.sql"),
        include_str!("../migrations/002_search.sql"),
        include_str!("../migrations/003_revision.sql"),
    ] {
        c.execute_batch(sql).unwrap();
    }
    c.execute(
        "INSERT INTO releases (id, headline, type_label, language, status, dateline_date,
           version, created_at, updated_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9)",
        rusqlite::params![
            id,
            r["headline"].as_str().unwrap(),
            r["type_label"].as_str().unwrap(),
            r["language"].as_str().unwrap(),
            r["status"].as_str().unwrap(),
            r["dateline"]["date"].as_str().unwrap(),
            r["created_at"].as_str().unwrap(),
            r["updated_at"].as_str().unwrap(),
            data,
        ],
    )
    .unwrap();
    c.execute(
        "INSERT INTO versions (release_id, version, reason, status, data, created_at)
         VALUES (?1, 1, 'sent for clearance', 'in_clearance', ?2, ?3)",
        rusqlite::params![id, data, r["updated_at"].as_str().unwrap()],
    )
    .unwrap();
    c.pragma_update(None, "user_version", 3).unwrap();
    id
}

#[test]
fn a_database_from_before_model_v2_opens_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let id = old_database(dir.path());
    let (old, old_data) = v1_release_json();
    let (mut store, _) = Store::open(dir.path()).unwrap();

    let r = store.get(&id).unwrap();
    assert_eq!(r.about.len(), 1);
    assert_eq!(r.about[0].heading, "");
    assert_eq!(r.about[0].text, old["about"].as_str().unwrap());
    assert_eq!(
        r.contacts().next().unwrap().name,
        old["contacts"][0]["name"].as_str().unwrap()
    );
    assert_eq!(
        r.notes_to_editors.len(),
        old["notes_to_editors"].as_array().unwrap().len()
    );
    // The working copy was rewritten in the v2 shape by the migration.
    let data: String = store
        .connection()
        .query_row("SELECT data FROM releases WHERE id = ?1", [&id], |row| {
            row.get(0)
        })
        .unwrap();
    let stored: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert!(stored["about"].is_array() && stored["contact_groups"].is_array());
    assert!(stored.get("contacts").is_none());
    // The version is as it was written, and reads as the same release.
    let version_data: String = store
        .connection()
        .query_row(
            "SELECT data FROM versions WHERE release_id = ?1",
            [&id],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(version_data, old_data);
    let v1 = store.get_version(&id, 1).unwrap();
    assert!(versions::same_text(&v1, &r));
    // Search finds the About text and a note.
    for word in ["intergovernmental", "Broadcast"] {
        let hits = store
            .list(&ReleaseQuery {
                text: word.into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(hits.len(), 1, "{word}");
    }
    // It exports, and saves in the new shape.
    export::render(&r, export::ExportFormat::Docx, &Default::default()).unwrap();
    let mut next = r.clone();
    next.about.push(AboutSection {
        heading: "About a partner".into(),
        text: "A second section.".into(),
    });
    store.save(&next).unwrap();
    assert_eq!(store.get(&id).unwrap().about.len(), 2);
}

/// Search finds the text of every new shape: a quote's speaker, a caption,
/// a picture's alt text, an About heading, a contact group heading, a note
/// inside a list.
#[test]
fn search_finds_the_text_of_the_new_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let (_, r) = sample::corpus()
        .into_iter()
        .find(|(n, _)| *n == "blocks")
        .unwrap();
    store.insert(&r).unwrap();
    for word in [
        "Penhallow",
        "useful",
        "colour scale",
        "shading",
        "Lakeshore Water Authority",
        "Tamsin Valley",
        "Ashcombe",
        "pays",
        "Zanzibar",
    ] {
        let hits = store
            .list(&ReleaseQuery {
                text: word.into(),
                ..Default::default()
            })
            .unwrap();
        let want = usize::from(word != "Zanzibar");
        assert_eq!(hits.len(), want, "{word}");
    }
}
