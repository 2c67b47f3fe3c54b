//! The store against a real SQLite file in a temporary folder.

use dateline_core::clearance::{Action, Decision, NewClearanceEntry};
use dateline_core::search::{ReleaseQuery, Sort};
use dateline_core::store::{backup, Store, DB_FILE};
use dateline_core::*;

mod common;

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
    // Text saved since the latest version is kept as a version before a
    // restore replaces it, never dropped.
    let mut r = s.get(&id).unwrap();
    r.headline = "Typed just before restoring".into();
    s.save(&r).unwrap();
    let restored = s.restore_version(&id, v2).unwrap();
    assert_eq!(restored.version, 5);
    assert_eq!(restored.headline, "Second headline");
    let kept = s.get_version(&id, 4).unwrap();
    assert_eq!(kept.headline, "Typed just before restoring");
    assert_eq!(
        s.list_versions(&id).unwrap()[1].reason,
        "before restoring v2"
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
    let fr_samples = sample::corpus()
        .iter()
        .filter(|(_, r)| r.language == "fr")
        .count();
    assert!(fr_samples >= 1);
    assert_eq!(only_fr.len(), fr_samples);
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
    // Change the database after the backup, so that the restore shows.
    let id = {
        let mut s = open(dir.path());
        let mut r = s.get(&sample::release().id).unwrap();
        r.headline = "Written after the backup".into();
        s.save(&r).unwrap();
        r.id
    };
    let restored = backup::restore(dir.path(), &newest).unwrap();
    let s = open(dir.path());
    assert_eq!(s.count().unwrap(), 1);
    assert_eq!(s.get(&id).unwrap().headline, sample::release().headline);
    let kept = restored
        .previous_kept_at
        .expect("the replaced database is kept");
    let c = rusqlite::Connection::open(&kept).unwrap();
    let headline: String = c
        .query_row("SELECT headline FROM releases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(headline, "Written after the backup");
}

#[test]
fn a_backup_is_made_before_every_migration() {
    let dir = tempfile::tempdir().unwrap();
    common::schema_v1_db(dir.path(), &[sample::release()]);
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

/// The headline of the sample release as stored in the file at `path`.
fn stored_headline(path: &std::path::Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(
        "SELECT headline FROM releases WHERE id = ?1",
        [sample::release().id],
        |r| r.get(0),
    )
    .unwrap()
}

fn set_headline(dir: &std::path::Path, headline: &str) {
    let mut s = open(dir);
    let mut r = s.get(&sample::release().id).unwrap();
    r.headline = headline.into();
    s.save(&r).unwrap();
}

#[test]
fn a_busy_database_is_an_error_not_damage() {
    let dir = tempfile::tempdir().unwrap();
    set_headline(dir.path(), "Kept while busy");
    let path = dir.path().join(DB_FILE);
    // Another program holds an exclusive lock (a rollback-journal database
    // in the middle of a write): every reader gets SQLITE_BUSY.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;")
        .unwrap();
    let err = Store::open(dir.path())
        .err()
        .expect("a busy file cannot open");
    assert_eq!(err.code(), ErrorCode::Io, "{err}");
    assert!(err.to_string().contains("locked"), "{err}");
    assert!(
        common::files_containing(dir.path(), "damaged").is_empty(),
        "a busy database was moved aside"
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    let (s, report) = Store::open(dir.path()).unwrap();
    assert!(report.damaged.is_none());
    assert_eq!(
        s.get(&sample::release().id).unwrap().headline,
        "Kept while busy"
    );
}

/// Page 1 of the newest WAL frame that holds it.
fn newest_page_one_in_wal(wal: &[u8]) -> Vec<u8> {
    let page_size = u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize;
    let mut newest = None;
    let mut at = 32;
    while at + 24 + page_size <= wal.len() {
        if u32::from_be_bytes(wal[at..at + 4].try_into().unwrap()) == 1 {
            newest = Some(wal[at + 24..at + 24 + page_size].to_vec());
        }
        at += 24 + page_size;
    }
    newest.expect("the WAL holds page 1")
}

#[test]
fn a_checkpoint_cut_short_is_not_damage() {
    // The app was killed while checkpointing: page 1 (with the new page
    // count) already reached the main file, the pages that extend it did
    // not, and the WAL still holds everything.
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let crashed = tempfile::tempdir().unwrap();
    let releases = common::numbered_releases(200);
    {
        let mut s = open(dir.path());
        s.connection()
            .pragma_update(None, "wal_autocheckpoint", 0)
            .unwrap();
        for r in &releases {
            s.insert(r).unwrap();
        }
        // Copy the files while the connection is still open, as a crash
        // leaves them.
        for f in [DB_FILE.to_string(), format!("{DB_FILE}-wal")] {
            std::fs::copy(dir.path().join(&f), crashed.path().join(&f)).unwrap();
        }
    }
    let main = crashed.path().join(DB_FILE);
    let wal = std::fs::read(crashed.path().join(format!("{DB_FILE}-wal"))).unwrap();
    let page_one = newest_page_one_in_wal(&wal);
    let mut bytes = std::fs::read(&main).unwrap();
    bytes[..page_one.len()].copy_from_slice(&page_one);
    std::fs::write(&main, &bytes).unwrap();
    let header_pages = u32::from_be_bytes(page_one[28..32].try_into().unwrap()) as usize;
    assert!(
        header_pages * page_one.len() > bytes.len(),
        "the fixture must look truncated without its WAL"
    );
    let (s, report) = Store::open(crashed.path()).unwrap();
    assert_eq!(report.damaged, None, "a healthy database was moved aside");
    assert_eq!(s.count().unwrap(), 201);
    let hits = s
        .list(&ReleaseQuery {
            text: "Kestrel150".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn read_only_open_never_changes_an_existing_database() {
    // An older schema: refused, not migrated, no backup made.
    let dir = tempfile::tempdir().unwrap();
    let path = common::schema_v1_db(dir.path(), &[sample::release()]);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert!(err.to_string().contains("older Dateline"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!backup::folder(dir.path()).exists());
    // Damaged: refused, left in place.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    std::fs::write(&path, b"not a database\n".repeat(300)).unwrap();
    let err = Store::open_read_only(dir.path()).err().unwrap();
    assert_eq!(err.code(), ErrorCode::CorruptDatabase, "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"not a database\n".repeat(300)
    );
    assert!(common::files_containing(dir.path(), "damaged").is_empty());
    // Current: opens, reads, and refuses to write.
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()));
    let mut s = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(s.count().unwrap(), 1);
    let r = s.get(&sample::release().id).unwrap();
    assert!(s.save(&r).is_err(), "a read-only store cannot write");
}

#[test]
fn a_bad_backup_is_listed_as_bad_and_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    set_headline(dir.path(), "Current text");
    let s = open(dir.path());
    let good = backup::make(s.connection(), dir.path(), "manual").unwrap();
    drop(s);
    let folder = backup::folder(dir.path());
    // A copy cut short, as an older Dateline left one when it was closed
    // during a backup, and one whose pages were scribbled over.
    let bytes = std::fs::read(folder.join(&good.file_name)).unwrap();
    let cut = "dateline-20300101T000000Z-daily.sqlite3";
    std::fs::write(folder.join(cut), &bytes[..bytes.len() / 2]).unwrap();
    let mut scribbled = bytes.clone();
    let page = 4096;
    for b in &mut scribbled[page * 2..page * 3] {
        *b = 0x5A;
    }
    let scribbled_name = "dateline-20300102T000000Z-daily.sqlite3";
    std::fs::write(folder.join(scribbled_name), &scribbled).unwrap();
    let listed = backup::list(dir.path()).unwrap();
    let cut_info = listed.iter().find(|b| b.file_name == cut).unwrap();
    assert!(cut_info.problem.is_some(), "{listed:?}");
    let db = dir.path().join(DB_FILE);
    for name in [cut, scribbled_name] {
        let before = std::fs::read(&db).unwrap();
        let err = backup::restore(dir.path(), name).expect_err(name);
        assert!(err.to_string().contains("Nothing was changed"), "{err}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name}");
        assert_eq!(stored_headline(&db), "Current text");
        assert!(
            common::files_containing(dir.path(), "replaced").is_empty(),
            "{name}"
        );
    }
}

#[test]
fn two_restores_in_one_second_keep_both_databases() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    let b = backup::make(s.connection(), dir.path(), "manual").unwrap();
    drop(s);
    set_headline(dir.path(), "First replaced text");
    let first = backup::restore(dir.path(), &b.file_name).unwrap();
    set_headline(dir.path(), "Second replaced text");
    let second = backup::restore(dir.path(), &b.file_name).unwrap();
    let (first, second) = (
        first.previous_kept_at.unwrap(),
        second.previous_kept_at.unwrap(),
    );
    assert_ne!(first, second);
    assert_eq!(
        stored_headline(std::path::Path::new(&first)),
        "First replaced text"
    );
    assert_eq!(
        stored_headline(std::path::Path::new(&second)),
        "Second replaced text"
    );
}

#[test]
fn bad_backups_never_push_out_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    let folder = backup::folder(dir.path());
    let good = backup::make(s.connection(), dir.path(), "daily").unwrap();
    // Make the good one the oldest, then add newer bad ones.
    let old_name = "dateline-20200101T000000Z-daily.sqlite3";
    std::fs::rename(folder.join(&good.file_name), folder.join(old_name)).unwrap();
    for day in 1..=9 {
        std::fs::write(
            folder.join(format!("dateline-202101{day:02}T000000Z-daily.sqlite3")),
            b"cut short",
        )
        .unwrap();
    }
    backup::make(s.connection(), dir.path(), "manual").unwrap();
    let left: Vec<String> = backup::list(dir.path())
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert!(left.iter().any(|n| n == old_name), "{left:?}");
    assert_eq!(left.len(), 2, "the bad ones are pruned: {left:?}");
}

#[test]
fn a_hot_journal_is_rolled_back_not_set_aside() {
    // A process killed in the middle of a write to a rollback-journal
    // database (one restored from a backup, or being switched to WAL):
    // the `-journal` must be rolled back, which a read-only connection
    // cannot do (SQLITE_READONLY_ROLLBACK).
    let dir = tempfile::tempdir().unwrap();
    set_headline(dir.path(), "Before the interrupted write");
    let crashed = tempfile::tempdir().unwrap();
    {
        let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode=DELETE; PRAGMA cache_size=1; BEGIN;
             UPDATE releases SET headline = 'Interrupted', data = data || '';
             INSERT INTO settings (key, value) VALUES ('filler', zeroblob(200000));",
        )
        .unwrap();
        let journal = format!("{DB_FILE}-journal");
        assert!(dir.path().join(&journal).exists(), "the write has begun");
        for f in [DB_FILE.to_string(), journal] {
            std::fs::copy(dir.path().join(&f), crashed.path().join(&f)).unwrap();
        }
    }
    let (s, report) = Store::open(crashed.path()).unwrap();
    assert_eq!(report.damaged, None, "a healthy database was set aside");
    assert_eq!(
        s.get(&sample::release().id).unwrap().headline,
        "Before the interrupted write"
    );
}

/// A search sorted by "recent" (the app's default) gives the newest matches:
/// the same releases, in the same order, as listing everything newest first
/// and keeping those a relevance search (another query plan) finds.
#[test]
fn recent_search_gives_the_newest_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    for (_, r) in sample::corpus().into_iter().skip(1) {
        s.insert(&r).unwrap();
    }
    // Distinct edit times, in an order unrelated to insertion.
    let all = s.list(&ReleaseQuery::default()).unwrap();
    for (i, sum) in all.iter().enumerate() {
        let r = s.get(&sum.id).unwrap();
        let minute = (i * 7) % all.len();
        s.save_at(&r, &format!("2026-02-01T10:{minute:02}:00Z"))
            .unwrap();
    }
    let newest_first: Vec<String> = s
        .list(&ReleaseQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for text in ["a", "th", "wetland", "湿", "zzzz"] {
        let found = |sort: Sort, limit: u32| -> Vec<String> {
            let q = ReleaseQuery {
                text: text.into(),
                sort,
                limit,
                ..Default::default()
            };
            s.list(&q).unwrap().into_iter().map(|r| r.id).collect()
        };
        let matching = found(Sort::Relevance, 0);
        let expected: Vec<String> = newest_first
            .iter()
            .filter(|id| matching.contains(id))
            .take(3)
            .cloned()
            .collect();
        assert_eq!(found(Sort::Recent, 3), expected, "{text:?}");
    }
}
