//! How the `dateline` command line opens the database, run as a user runs
//! it: many processes starting together on an empty data folder, a file that
//! cannot be opened for reasons other than damage, and read-only commands on
//! a database they must not change.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use dateline_core::sample;
use dateline_core::store::{backup, Store, DB_FILE};

mod common;
use common::dateline;

/// Prints a result line past the test harness's output capture (which
/// catches `println!`), so that `cargo test` always shows the figures.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stderr(), $($arg)*).expect("write to stderr");
    }};
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Rounds of the first-start race; `bench/first-start-race` runs 1,000.
fn rounds() -> usize {
    std::env::var("FIRST_START_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

const PROCESSES: usize = 30;

#[test]
fn thirty_processes_starting_together_all_succeed_with_one_sample() {
    let n = rounds();
    for round in 0..n {
        let dir = tempfile::tempdir().unwrap();
        let children: Vec<_> = (0..PROCESSES)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_dateline"))
                    .env("DATELINE_DATA_DIR", dir.path())
                    .arg("list")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("run dateline")
            })
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}, process {i}: {}",
                stderr(&out)
            );
            let listed = String::from_utf8_lossy(&out.stdout).lines().count();
            assert_eq!(listed, 1, "round {round}, process {i} lists the sample");
        }
        let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        let count: i64 = c
            .query_row("SELECT count(*) FROM releases", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1, "round {round}: exactly one sample");
    }
    report!("{n} rounds of {PROCESSES} processes on an empty folder: none failed");
}

/// The file names in the data folder, without the lock file.
fn folder_listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != dateline_core::store::lock::LOCK_FILE)
        .collect();
    v.sort();
    v
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the limit is set with the Unix shell's ulimit -n; Windows has no handle limit to lower from outside"
)]
fn running_out_of_file_handles_is_an_error_not_damage() {
    // The database cannot be opened for a reason that has nothing to do with
    // its bytes. (`chmod 000` would say the same as a user, but CI runs as
    // root, which reads any file; a file-handle limit binds root too.)
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let path = dir.path().join(DB_FILE);
    let before = std::fs::read(&path).unwrap();
    let listing = folder_listing(dir.path());
    let input = dir.path().join("in.dateline.json");
    std::fs::write(
        &input,
        dateline_core::file_format::to_string(&sample::long(3)).unwrap(),
    )
    .unwrap();
    for args in [vec!["list"], vec!["import", input.to_str().unwrap()]] {
        // 0-2 are the standard streams and 3 the lock file: the database
        // itself is the first file that cannot be opened.
        let out = Command::new("sh")
            .arg("-c")
            .arg("ulimit -n 4 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_dateline"))
            .args(&args)
            .env("DATELINE_DATA_DIR", dir.path())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?}: {err}");
        assert!(err.starts_with("dateline: "), "{args:?}: {err}");
        assert!(err.contains("left as it is"), "{args:?}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
        let mut expected = listing.clone();
        expected.push("in.dateline.json".into());
        expected.sort();
        assert_eq!(
            folder_listing(dir.path()),
            expected,
            "{args:?}: moved aside?"
        );
    }
}

#[test]
fn read_only_commands_never_migrate_move_or_seed() {
    let id = sample::release().id;
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["show", &id],
        vec!["versions", &id],
        vec!["log", &id],
        vec!["diff", &id, "1", "2"],
        vec!["library"],
    ];
    // A database from the first Dateline: refused, unchanged, no backup.
    let old = tempfile::tempdir().unwrap();
    let path = common::schema_v1_db(old.path(), &[sample::release()]);
    let before = std::fs::read(&path).unwrap();
    // Not a database at all: refused, not moved aside.
    let damaged = tempfile::tempdir().unwrap();
    let junk = b"press release draft, not a database\n".repeat(200);
    std::fs::write(damaged.path().join(DB_FILE), &junk).unwrap();
    for args in &commands {
        let out = dateline(old.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("older Dateline"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
        assert!(!backup::folder(old.path()).exists(), "{args:?}");

        let out = dateline(damaged.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("damaged"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(damaged.path().join(DB_FILE)).unwrap(),
            junk,
            "{args:?}"
        );
        assert!(
            common::files_containing(damaged.path(), "damaged-").is_empty(),
            "{args:?}: moved aside"
        );
    }
    // A command that changes data upgrades the old one, as the app would.
    let input = old.path().join("in.dateline.json");
    std::fs::write(
        &input,
        dateline_core::file_format::to_string(&sample::long(3)).unwrap(),
    )
    .unwrap();
    let out = dateline(old.path(), &["import", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(old.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

/// `dateline library` lists the reusable parts: kind, number, name.
#[test]
fn library_lists_the_reusable_parts() {
    use dateline_core::library::{Library, StandardNote};
    use dateline_core::{AboutSection, Block, Contact};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let out = dateline(dir.path(), &["library"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "empty at first");
    store
        .set_library(&Library {
            organizations: vec![AboutSection {
                heading: "About the Tamsin Valley Trust".into(),
                text: "A fictional charity.".into(),
            }],
            contacts: vec![
                Contact {
                    name: "Ines Marwood".into(),
                    ..Default::default()
                },
                Contact {
                    url: "https://tvt.example.org/press".into(),
                    ..Default::default()
                },
            ],
            notes: vec![StandardNote {
                name: "Photographs".into(),
                blocks: vec![Block::paragraph("Free to use with credit.")],
            }],
        })
        .unwrap();
    drop(store);
    let out = dateline(dir.path(), &["library"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "organization\t1\tAbout the Tamsin Valley Trust\ncontact\t1\tInes Marwood\ncontact\t2\thttps://tvt.example.org/press\nnote\t1\tPhotographs\n"
    );
}
