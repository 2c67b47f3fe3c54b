//! Shared set-up of the Dateline benches.
#![allow(dead_code)]

#[path = "corpus.rs"]
pub mod corpus;

use std::time::{Duration, Instant};

use dateline_core::store::Store;

/// A store of `n` generated releases in a fresh temporary folder.
pub fn store_with(n: u64) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    {
        let (mut s, _) = Store::open(dir.path()).expect("open");
        corpus::fill_store(&mut s, n).expect("fill");
    }
    // Reopen the app's way (this makes the daily backup once).
    let (s, _) = Store::open(dir.path()).expect("reopen");
    eprintln!(
        "[setup] {n} releases generated in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    (dir, s)
}

/// Percentile (0..=100) of a sorted sample.
pub fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p / 100.0).round() as usize;
    sorted[i]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
