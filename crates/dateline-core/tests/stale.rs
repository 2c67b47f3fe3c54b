//! A save carries the revision it was based on, and the store refuses a save
//! based on an older one (issue 11, item 6): a save still in flight when the
//! officer restores a version, or when another connection (a second store,
//! the command line) changes the release, must not silently replace that
//! change. Real SQLite files, two connections, and the real CLI process.

use std::path::Path;
use std::process::Command;

use dateline_core::clearance::Action;
use dateline_core::store::Store;
use dateline_core::versions::same_text;
use dateline_core::*;

fn open(dir: &Path) -> Store {
    Store::open(dir).unwrap().0
}

fn stale(result: Result<dateline_core::store::SaveAck>) {
    let err = result.expect_err("a stale save must be refused");
    assert_eq!(err.code(), ErrorCode::Stale, "{err}");
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
}

#[test]
fn a_save_in_flight_after_a_restore_is_refused_and_the_restored_text_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let id = sample::release().id;
    let v1 = app.snapshot(&id, "test").unwrap();
    let original = app.get_version(&id, v1).unwrap();
    let mut r = app.get(&id).unwrap();
    r.headline = "Typed before the restore".into();
    let ack = app.save(&r).unwrap();
    assert_eq!(ack.revision, app.get(&id).unwrap().revision);
    r.revision = ack.revision;
    // The next autosave is in flight, based on the text before the restore.
    let mut in_flight = r.clone();
    in_flight.headline = "Typed before the restore, and more".into();
    let restored = app.restore_version(&id, v1).unwrap();
    assert!(restored.revision > ack.revision);
    stale(app.save(&in_flight));
    let now = app.get(&id).unwrap();
    assert!(same_text(&now, &original), "the restored text is intact");
    assert_eq!(now, restored);
    // Reloaded, the officer's next save goes through.
    let mut again = now.clone();
    again.headline = "Typed after reloading".into();
    assert_eq!(app.save(&again).unwrap().revision, now.revision + 1);
}

#[test]
fn an_action_or_restore_from_a_second_connection_makes_an_open_release_stale() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let mut other = open(dir.path());
    let id = sample::release().id;
    let mut r = app.get(&id).unwrap();
    r.headline = "Typed in the app".into();
    r.revision = app.save(&r).unwrap().revision;
    let sent = other.apply_action(&id, Action::SendForClearance).unwrap();
    assert_eq!(sent.revision, other.get(&id).unwrap().revision);
    r.headline = "Typed in the app while the other one sent it".into();
    stale(app.save(&r));
    assert_eq!(app.get(&id).unwrap(), sent, "the action's result is intact");

    let mut r = app.get(&id).unwrap();
    other.restore_version(&id, 1).unwrap();
    r.headline = "Typed in the app while the other one restored".into();
    stale(app.save(&r));
    assert_eq!(app.get(&id).unwrap().headline, sent.headline);
}

#[test]
fn a_command_line_write_makes_an_open_release_stale() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path());
    let id = sample::release().id;
    let mut r = app.get(&id).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env("DATELINE_DATA_DIR", dir.path())
        .args(["status", &id, "send-for-clearance"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    r.headline = "Typed in the app while the CLI sent it".into();
    stale(app.save(&r));
    let now = app.get(&id).unwrap();
    assert_eq!(now.status, Status::InClearance);
    assert_eq!(now.headline, sample::release().headline);
}
