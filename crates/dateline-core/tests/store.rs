//! The store against a real SQLite file in a temporary folder.

use dateline_core::clearance::{Action, Decision, NewClearanceEntry};
use dateline_core::search::{ReleaseQuery, Sort};
use dateline_core::store::{backup, Store, DB_FILE};
use dateline_core::*;

fn open(dir: &std::path::Path) -> Store {
    Store::open(dir).unwrap().0
}

#[test]
fn first_start_shows_the_sample_and_saves_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, report) = Store::open(dir.path()).unwrap();
    assert!(report.added_sample);
    let list = store.list(&ReleaseQuery::default()).unwrap();
    assert_eq!(list.len(), 1);
    let mut r = store.get(&list[0].id).unwrap();
    r.headline = "Edited headline".into();
    let ack = store.save(&r).unwrap();
    assert_eq!(ack.status, Status::Draft);
    drop(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(!report.added_sample);
    assert_eq!(store.get(&r.id).unwrap().headline, "Edited headline");
}

#[test]
fn newer_database_is_refused_and_left_unwritten() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let path = dir.path().join(DB_FILE);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).err().unwrap();
    assert_eq!(err.code(), ErrorCode::NewerDatabase);
    assert!(err.to_string().contains("newer Dateline"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn damaged_databases_are_kept_aside_untouched() {
    for (name, bytes) in [
        (
            "random",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect::<Vec<u8>>(),
        ),
        ("text", b"this is not a database at all\n".repeat(200)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DB_FILE), &bytes).unwrap();
        let (store, report) = Store::open(dir.path()).unwrap();
        let damaged = report
            .damaged
            .unwrap_or_else(|| panic!("{name}: not reported"));
        assert_eq!(std::fs::read(&damaged.kept_at).unwrap(), bytes, "{name}");
        assert_eq!(
            store.count().unwrap(),
            1,
            "{name}: fresh database with the sample"
        );
    }
}

/// A database of `n` long releases, checkpointed into one file (no WAL), so
/// that tests can damage its bytes.
fn large_db_file(dir: &std::path::Path, n: usize, paragraphs: usize) -> std::path::PathBuf {
    {
        let mut s = open(dir);
        for i in 0..n {
            let mut r = sample::long(paragraphs);
            r.id = format!("00000000-0000-4000-8000-{i:012}");
            s.insert(&r).unwrap();
        }
    }
    let path = dir.join(DB_FILE);
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .unwrap();
    path
}

#[test]
fn truncated_database_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_db_file(dir.path(), 200, 20);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let (_, report) = Store::open(dir.path()).unwrap();
    assert!(report.damaged.is_some());
}

#[test]
fn frozen_releases_refuse_edits_until_a_new_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s.list(&ReleaseQuery::default()).unwrap()[0].id.clone();
    s.apply_action(&id, Action::SendForClearance).unwrap();
    let v = s.get(&id).unwrap().version;
    let err = s.apply_action(&id, Action::MarkCleared).err().unwrap();
    assert_eq!(err.code(), ErrorCode::Transition);
    s.add_clearance_entry(
        &id,
        &NewClearanceEntry {
            version: v,
            reviewer: "Rosa Lind".into(),
            role: "Legal".into(),
            decision: Decision::Cleared,
            note: String::new(),
        },
    )
    .unwrap();
    let cleared = s.apply_action(&id, Action::MarkCleared).unwrap();
    assert_eq!(cleared.status, Status::Cleared);
    let mut edit = cleared.clone();
    edit.headline.push_str(" (edited)");
    assert_eq!(s.save(&edit).err().unwrap().code(), ErrorCode::Frozen);
    let err = s.apply_action(&id, Action::MarkCleared).err().unwrap();
    assert!(
        err.to_string()
            .contains("not allowed while the release is cleared"),
        "{err}"
    );
    let draft = s.apply_action(&id, Action::NewDraft).unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert!(draft.version > cleared.version);
    // The edit was typed before "Start new draft": reloaded onto the new revision.
    edit.revision = draft.revision;
    s.save(&edit).unwrap();
    let log = s.clearance_log(&id).unwrap();
    assert!(log[0].stale, "the clearance is stale once the text changed");
}

#[test]
fn versions_are_immutable_and_restore_makes_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s.list(&ReleaseQuery::default()).unwrap()[0].id.clone();
    let v1 = s.snapshot(&id, "test").unwrap();
    let mut r = s.get(&id).unwrap();
    r.headline = "Second headline".into();
    s.save(&r).unwrap();
    let v2 = s.snapshot(&id, "test").unwrap();
    assert_eq!((v1, v2), (1, 2));
    let err = s
        .connection()
        .execute("UPDATE versions SET data = '{}' WHERE version = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    assert!(s.connection().execute("DELETE FROM versions", []).is_err());
    let restored = s.restore_version(&id, v1).unwrap();
    assert_eq!(restored.version, 3);
    assert_ne!(restored.headline, "Second headline");
    assert_eq!(s.get_version(&id, 2).unwrap().headline, "Second headline");
    let d = s.diff_versions(&id, 2, 3).unwrap();
    assert_eq!(
        d.fields
            .iter()
            .filter(|f| f.changed)
            .map(|f| f.field.as_str())
            .collect::<Vec<_>>(),
        ["Headline"]
    );
}

#[test]
fn ten_minutes_of_editing_take_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let mut r = s
        .get(&s.list(&ReleaseQuery::default()).unwrap()[0].id)
        .unwrap();
    let mut save_at = |at: &str| {
        let ack = s.save_at(&r, at).unwrap();
        r.revision = ack.revision;
        ack.snapshot
    };
    assert_eq!(save_at("2026-01-01T10:00:00Z"), None);
    assert_eq!(save_at("2026-01-01T10:05:00Z"), None);
    assert_eq!(save_at("2026-01-01T10:10:00Z"), Some(1));
    assert_eq!(save_at("2026-01-01T10:11:00Z"), None);
}

#[test]
fn search_finds_every_field_diacritics_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    for (_, r) in sample::corpus().into_iter().skip(1) {
        s.insert(&r).unwrap();
    }
    let find = |text: &str| {
        s.list(&ReleaseQuery {
            text: text.into(),
            sort: Sort::Relevance,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.language)
        .collect::<Vec<_>>()
    };
    assert_eq!(find("Lindqvist"), ["en"], "a person quoted in the body");
    assert_eq!(find("Olsen"), ["en"], "a contact");
    assert_eq!(find("Elise"), ["fr"], "diacritics removed");
    assert_eq!(find("Северогорск"), ["ru"], "city");
    assert_eq!(find("湿地保护"), ["zh"], "Chinese by trigrams");
    assert_eq!(find("湿地"), ["zh"], "two-character Chinese query");
    assert_eq!(find("湿"), ["zh"], "one-character Chinese query");
    assert_eq!(
        find("湿保"),
        Vec::<String>::new(),
        "characters that are not adjacent"
    );
    let zh = s
        .list(&ReleaseQuery {
            text: "湿地".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(
        zh[0].snippet.iter().any(|p| p.hit && p.text == "湿地"),
        "{:?}",
        zh[0].snippet
    );
    assert_eq!(find("Linds"), Vec::<String>::new());
    assert_eq!(find("Lindq"), ["en"], "prefix while typing");
    let hits = s
        .list(&ReleaseQuery {
            text: "glacier".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(hits[0]
        .snippet
        .iter()
        .any(|p| p.hit && p.text.eq_ignore_ascii_case("glacier")));
    let only_fr = s
        .list(&ReleaseQuery {
            language: Some("fr".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only_fr.len(), 1);
    assert!(
        find("\"AND OR NOT * ( ").is_empty(),
        "operators are plain text"
    );
}

#[test]
fn backups_are_made_and_kept_to_seven() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let s = open(dir.path());
    let m = dateline_core::store::check_and_back_up(dir.path()).unwrap();
    assert_eq!(m.damage, None);
    assert!(
        m.backup.is_some(),
        "the daily backup is made after start-up"
    );
    assert!(
        dateline_core::store::check_and_back_up(dir.path())
            .unwrap()
            .backup
            .is_none(),
        "once a day"
    );
    let first = backup::list(dir.path()).unwrap();
    assert_eq!(first.len(), 1);
    for i in 0..9 {
        let name = format!("dateline-2020010{}T000000Z-daily.sqlite3", i % 9 + 1);
        std::fs::copy(
            backup::folder(dir.path()).join(&first[0].file_name),
            backup::folder(dir.path()).join(name),
        )
        .unwrap();
    }
    backup::make(s.connection(), dir.path(), "manual").unwrap();
    assert_eq!(backup::list(dir.path()).unwrap().len(), backup::KEEP);
    let newest = backup::list(dir.path()).unwrap()[0].file_name.clone();
    drop(s);
    backup::restore(dir.path(), &newest).unwrap();
    assert_eq!(open(dir.path()).count().unwrap(), 1);
}

#[test]
fn a_backup_is_made_before_every_migration() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    {
        // Roll the schema back to version 1, as an older Dateline left it.
        let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        c.execute_batch(
            "DROP TABLE release_fts; DROP TABLE release_fts_cjk; ALTER TABLE releases DROP COLUMN revision; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = open(dir.path());
    let backups = backup::list(dir.path()).unwrap();
    assert!(
        backups.iter().any(|b| b.reason == "pre-migration"),
        "{backups:?}"
    );
    assert_eq!(
        s.list(&ReleaseQuery {
            text: "Port Aurel".into(),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1,
        "index rebuilt"
    );
}

#[test]
fn damage_inside_the_file_is_found_after_start_up_and_no_backup_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_db_file(dir.path(), 300, 10);
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over the middle pages, leaving the header and schema readable.
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 16384] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let m = dateline_core::store::check_and_back_up(dir.path()).unwrap();
    assert!(m.damage.is_some(), "quick_check finds the damage");
    assert!(m.backup.is_none(), "a damaged file never becomes a backup");
}
