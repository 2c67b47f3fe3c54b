//! Crash safety, measured: a child process autosaves (or exports, backs up,
//! or upgrades the database) in a loop and reports each acknowledged step;
//! the parent SIGKILLs it at a random moment and checks that the database is
//! intact, the last acknowledged save is there, and the store opens normally.
//! Exports are checked the same way: after a kill the target is the old file
//! or the complete new one. Backups: no file cut short is ever listed.
//! Upgrades: after a kill (or an abort at a fault point inside the migration
//! and inside the search rebuild) the next open has a complete search index.
//!
//! CI runs `CRASH_ITERATIONS` kills (default 300); `bench/crash-soak` runs 1,000.
//! The child is this test binary itself, re-run with `DATELINE_CRASH_CHILD`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dateline_core::export::{self, ExportFormat, Options};
use dateline_core::search::ReleaseQuery;
use dateline_core::store::{backup, Store, DB_FILE};
use dateline_core::*;

mod common;

/// Prints a result line past the test harness's output capture (which
/// catches `println!`), so that `cargo test` always shows the figures.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stderr(), $($arg)*).expect("write to stderr");
    }};
}

const ID: &str = "5b0f4a1e-7c2d-4e59-9a53-0c6f2d1e8a01";

/// Child side: runs when the parent re-executes this binary.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var("DATELINE_CRASH_CHILD") else {
        return;
    };
    let mode = std::env::var("DATELINE_CRASH_MODE").unwrap_or_default();
    let dir = Path::new(&dir);
    if mode == "export" {
        let target = dir.join("release.html");
        let small = sample::release();
        let big = sample::long(300);
        for i in 0u64.. {
            let r = if i % 2 == 0 { &small } else { &big };
            export::export_to(r, ExportFormat::Html, &Options::default(), &target).unwrap();
            println!("ACK {i}");
        }
    }
    if mode == "open" {
        // Upgrades the database (backup, migrations, search rebuild).
        println!("BEGIN");
        drop(Store::open(dir).unwrap());
        println!("ACK 0");
        return;
    }
    let (mut store, _) = Store::open(dir).unwrap();
    if mode == "backup" {
        for i in 0u64.. {
            backup::make(store.connection(), dir, &format!("t{i}")).unwrap();
            println!("ACK {i}");
        }
    }
    let mut r = store.get(ID).unwrap();
    let start: u64 = r
        .headline
        .strip_prefix("save ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for i in start + 1.. {
        r.headline = format!("save {i}");
        r.body
            .push(Block::paragraph(format!("paragraph typed at save {i}")));
        if r.body.len() > 40 {
            r.body.remove(0);
        }
        r.revision = store.save(&r).unwrap().revision;
        // Acknowledged only after the commit returned, as the UI sees it.
        println!("ACK {i}");
    }
}

fn iterations() -> usize {
    env_count("CRASH_ITERATIONS").unwrap_or(300)
}

/// Kills during upgrades and during backups: each round is slower (a
/// database of 300 releases), so CI runs a tenth as many; the soak sets these.
fn slow_iterations(var: &str) -> usize {
    env_count(var).unwrap_or((iterations() / 10).max(20))
}

fn env_count(var: &str) -> Option<usize> {
    std::env::var(var).ok().and_then(|v| v.parse().ok())
}

/// A small deterministic PRNG (xorshift), so runs are repeatable by seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// What the parent saw of a child's acknowledgements.
struct Acks {
    /// The last acknowledged number.
    last: Option<u64>,
    /// How many were acknowledged.
    count: u64,
    /// The child said "BEGIN" (it is past its own start-up).
    began: bool,
}

/// A running child and the thread reading its acknowledgements; the first
/// one is also sent on the channel.
struct Running {
    child: Child,
    first_ack: Receiver<()>,
    reader: JoinHandle<Acks>,
}

fn start(dir: &Path, mode: &str, fault_point: Option<&str>) -> Running {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("DATELINE_CRASH_CHILD", dir)
        .env("DATELINE_CRASH_MODE", mode)
        .env_remove("DATELINE_FAULT_POINT")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(point) = fault_point {
        cmd.env("DATELINE_FAULT_POINT", point);
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, first_ack) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut acks = Acks {
            last: None,
            count: 0,
            began: false,
        };
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            // The harness may have printed "test crash_child ... " before it.
            acks.began |= line.ends_with("BEGIN");
            if let Some(n) = line
                .strip_prefix("ACK ")
                .and_then(|n| n.parse::<u64>().ok())
            {
                if acks.count == 0 {
                    // The parent may have stopped listening; that is fine.
                    let _ = tx.send(());
                }
                acks.last = Some(n);
                acks.count += 1;
            }
        }
        acks
    });
    Running {
        child,
        first_ack,
        reader,
    }
}

fn spin(delay: Duration) {
    let t = Instant::now();
    while t.elapsed() < delay {
        std::hint::spin_loop();
    }
}

fn kill(mut run: Running) -> Acks {
    run.child.kill().unwrap();
    run.child.wait().unwrap();
    run.reader.join().unwrap()
}

/// Starts the child, waits for its first ACK (a round without one tests
/// nothing, so it fails), then kills it after a random delay.
fn run_and_kill(dir: &Path, mode: &str, rng: &mut Rng, max_delay_us: u64) -> Acks {
    let run = start(dir, mode, None);
    let delay = Duration::from_micros(rng.next() % max_delay_us);
    if run.first_ack.recv_timeout(Duration::from_secs(60)).is_err() {
        let acks = kill(run);
        panic!(
            "{mode}: the child acknowledged nothing within 60 s ({} ACKs)",
            acks.count
        );
    }
    spin(delay);
    kill(run)
}

/// Starts the child and kills it `delay` after the start, whatever it did.
fn kill_after(dir: &Path, mode: &str, delay: Duration) -> Acks {
    let run = start(dir, mode, None);
    spin(delay);
    kill(run)
}

/// Runs the child to its end (or its fault point).
fn run_to_end(dir: &Path, mode: &str, fault_point: Option<&str>) -> (ExitStatus, Acks) {
    let mut run = start(dir, mode, fault_point);
    let status = run.child.wait().unwrap();
    (status, run.reader.join().unwrap())
}

#[test]
fn killed_autosaves_never_corrupt_or_lose_an_acknowledged_save() {
    if std::env::var("DATELINE_CRASH_CHILD").is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let mut rng = Rng(0x5eed_d47e_11e5);
    let n = iterations();
    let mut acked_total = 0u64;
    for round in 0..n {
        let acks = run_and_kill(dir.path(), "save", &mut rng, 30_000);
        let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}: integrity_check");
        drop(conn);
        let (store, report) = Store::open(dir.path()).unwrap();
        assert!(
            report.damaged.is_none(),
            "round {round}: store opens normally"
        );
        let headline = store.get(ID).unwrap().headline;
        let saved: u64 = headline
            .strip_prefix("save ")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let last = acks.last.expect("run_and_kill saw an ACK");
        assert!(
            saved >= last,
            "round {round}: acknowledged save {last} lost (found {saved})"
        );
        acked_total += acks.count;
    }
    report!("{n} kills during saves, {acked_total} acknowledged saves, none lost");
}

#[test]
fn killed_exports_leave_the_old_or_the_new_file() {
    if std::env::var("DATELINE_CRASH_CHILD").is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let small =
        export::render(&sample::release(), ExportFormat::Html, &Options::default()).unwrap();
    let big = export::render(&sample::long(300), ExportFormat::Html, &Options::default()).unwrap();
    let mut rng = Rng(0xe4_9047);
    let n = (iterations() / 3).max(20);
    let mut acked_total = 0;
    for round in 0..n {
        acked_total += run_and_kill(dir.path(), "export", &mut rng, 30_000).count;
        let got = std::fs::read(dir.path().join("release.html")).unwrap();
        assert!(
            got == small || got == big,
            "round {round}: target is neither the old nor the new file ({} bytes)",
            got.len()
        );
    }
    report!("{n} kills during exports, {acked_total} acknowledged exports, no torn file");
}

/// Every release of `expected` is found by searching its own headline word.
fn assert_index_complete(store: &Store, expected: &[Release], what: &str) {
    assert_eq!(store.count().unwrap(), expected.len() as u64, "{what}");
    for r in expected {
        let word = r.headline.split(' ').next().unwrap_or_default();
        let hits: Vec<String> = store
            .list(&ReleaseQuery {
                text: format!("{word} wetlands"),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(
            hits,
            std::slice::from_ref(&r.id),
            "{what}: searching {word}"
        );
    }
}

#[test]
fn a_crash_in_the_migration_or_the_search_rebuild_leaves_a_complete_index() {
    if std::env::var("DATELINE_CRASH_CHILD").is_ok() {
        return;
    }
    let releases = common::numbered_releases(300);
    // Stopped at a known place: after the migration SQL, and halfway
    // through the rebuild of the index.
    for point in ["migration", "reindex"] {
        let dir = tempfile::tempdir().unwrap();
        common::schema_v1_db(dir.path(), &releases);
        let (status, acks) = run_to_end(dir.path(), "open", Some(point));
        assert!(
            !status.success() && acks.count == 0,
            "{point}: the child must stop at the fault point ({status})"
        );
        let (store, report) = Store::open(dir.path()).unwrap();
        assert!(report.damaged.is_none(), "{point}");
        assert_index_complete(&store, &releases, point);
    }
    // Killed at random moments of the upgrade (backup, migration, rebuild).
    let template = tempfile::tempdir().unwrap();
    common::schema_v1_db(template.path(), &releases);
    let fresh = || {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(template.path().join(DB_FILE), dir.path().join(DB_FILE)).unwrap();
        dir
    };
    let t = Instant::now();
    let (status, _) = run_to_end(fresh().path(), "open", None);
    assert!(status.success());
    let whole = t.elapsed().as_micros() as u64;
    let mut rng = Rng(0x319_2a7e);
    let n = slow_iterations("CRASH_UPGRADE_ITERATIONS");
    let mut cut_short = 0;
    for round in 0..n {
        let dir = fresh();
        // Up to one and a half times the whole run, so that some rounds
        // finish and the test also sees an upgrade that was not cut short.
        let delay = Duration::from_micros(rng.next() % (whole + whole / 2));
        let acks = kill_after(dir.path(), "open", delay);
        if acks.began && acks.count == 0 {
            cut_short += 1;
        }
        let (store, _) = Store::open(dir.path())
            .unwrap_or_else(|e| panic!("round {round}: killed after {delay:?}: {e}"));
        assert_index_complete(&store, &releases, &format!("round {round}"));
    }
    assert!(cut_short > 0, "no kill landed during the upgrade");
    report!(
        "{n} kills while upgrading a schema-1 database of {} releases, {cut_short} during the upgrade; every index complete",
        releases.len()
    );
}

#[test]
fn killed_backups_are_never_listed() {
    if std::env::var("DATELINE_CRASH_CHILD").is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let (mut store, _) = Store::open(dir.path()).unwrap();
        for r in common::numbered_releases(300) {
            store.insert(&r).unwrap();
        }
    }
    let folder = backup::folder(dir.path());
    let mut rng = Rng(0xb4c_c0de);
    let n = slow_iterations("CRASH_BACKUP_ITERATIONS");
    let (mut acked_total, mut cut_short) = (0, 0);
    for round in 0..n {
        let parts_before = if folder.exists() {
            common::files_containing(&folder, ".part").len()
        } else {
            0
        };
        acked_total += run_and_kill(dir.path(), "backup", &mut rng, 200_000).count;
        if common::files_containing(&folder, ".part").len() > parts_before {
            cut_short += 1;
        }
        let listed = backup::list(dir.path()).unwrap();
        assert!(!listed.is_empty(), "round {round}");
        for b in listed {
            assert_eq!(b.problem, None, "round {round}: {} listed", b.file_name);
            backup::verify(&folder.join(&b.file_name))
                .unwrap_or_else(|p| panic!("round {round}: {} is listed but {p}", b.file_name));
        }
    }
    assert!(cut_short > 0, "no kill landed during a backup");
    report!(
        "{n} kills during backups, {acked_total} backups completed, {cut_short} cut short; none listed"
    );
}
