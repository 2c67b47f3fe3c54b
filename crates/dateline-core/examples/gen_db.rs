//! Generates a Dateline database of N realistic, varied releases for the
//! performance benchmarks.
//!
//!     cargo run --release -p dateline-core --example gen_db -- DIR N
//!
//! DIR must not hold a database yet. The releases are deterministic (release
//! `i` is the same everywhere; see benches/support/corpus.rs). Generation
//! commits without fsync (the data is throw-away until it is complete), then
//! checkpoints the WAL. Finally the store is opened again the way the app
//! opens it, then the once-a-day check the app runs in the background after
//! start-up (full quick_check and VACUUM INTO backup): both costs are printed,
//! and the app's starts in the benchmark then find the day's backup made.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Instant;

use dateline_core::store::{Store, DB_FILE};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: gen_db DIR N");
        std::process::exit(2);
    }
    let dir = PathBuf::from(&args[0]);
    let n: u64 = args[1].parse().expect("N must be a number");
    if dir.join(DB_FILE).exists() {
        eprintln!("gen_db: {} already holds a database", dir.display());
        std::process::exit(2);
    }
    let t = Instant::now();
    {
        let (mut store, _) = Store::open(&dir).expect("open");
        corpus::fill_store(&mut store, n).expect("fill");
        assert_eq!(store.count().unwrap(), n.max(1));
    }
    let gen_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let (store, _) = Store::open(&dir).expect("reopen");
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let daily = dateline_core::store::check_and_back_up(&dir).expect("daily check");
    assert!(daily.damage.is_none() && daily.backup.is_some());
    let daily_ms = t.elapsed().as_secs_f64() * 1e3;
    let size = std::fs::metadata(dir.join(DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "gen_db: {} releases in {} ({:.0} ms), db {:.1} MiB; open {:.0} ms; daily check and backup (background) {:.0} ms",
        store.count().unwrap(),
        dir.display(),
        gen_ms,
        size as f64 / 1048576.0,
        open_ms,
        daily_ms
    );
}
