//! Crash safety, measured: a child process autosaves (or exports) in a loop
//! and reports each acknowledged save; the parent SIGKILLs it at a random
//! moment and checks that the database is intact, the last acknowledged save
//! is there, and the store opens normally. Exports are checked the same way:
//! after a kill the target is the old file or the complete new one.
//!
//! CI runs `CRASH_ITERATIONS` kills (default 300); `bench/crash-soak` runs 1,000.
//! The child is this test binary itself, re-run with `DATELINE_CRASH_CHILD`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dateline_core::export::{self, ExportFormat, Options};
use dateline_core::store::{Store, DB_FILE};
use dateline_core::*;

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
    let (mut store, _) = Store::open(dir).unwrap();
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
    std::env::var("CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
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

/// Starts the child, waits for at least one ACK, then kills it after a
/// random delay. Returns the last acknowledged number.
fn run_and_kill(dir: &Path, mode: &str, rng: &mut Rng) -> Option<u64> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("DATELINE_CRASH_CHILD", dir)
        .env("DATELINE_CRASH_MODE", mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let delay = Duration::from_micros(rng.next() % 30_000);
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut last = None;
        let mut signalled = false;
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            if let Some(n) = line
                .strip_prefix("ACK ")
                .and_then(|n| n.parse::<u64>().ok())
            {
                last = Some(n);
                if !signalled {
                    let _ = tx.send(());
                    signalled = true;
                }
            }
        }
        last
    });
    let _ = rx.recv_timeout(Duration::from_secs(20));
    let t = Instant::now();
    while t.elapsed() < delay {
        std::hint::spin_loop();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap()
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
        let acked = run_and_kill(dir.path(), "save", &mut rng);
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
        if let Some(a) = acked {
            assert!(
                saved >= a,
                "round {round}: acknowledged save {a} lost (found {saved})"
            );
            acked_total = a;
        }
    }
    eprintln!("{n} kills, {acked_total} acknowledged saves, none lost");
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
    for round in 0..(iterations() / 3).max(20) {
        run_and_kill(dir.path(), "export", &mut rng);
        let got = std::fs::read(dir.path().join("release.html")).unwrap();
        assert!(
            got == small || got == big,
            "round {round}: target is neither the old nor the new file ({} bytes)",
            got.len()
        );
    }
}
