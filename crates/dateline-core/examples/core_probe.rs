//! Times core operations on an existing database, for bench/run: open, list
//! everything, and the representative searches. Prints one line per
//! operation, `name<TAB>median_ms<TAB>p95_ms<TAB>rows<TAB>cpu_median_ms<TAB>cpu_p95_ms`.
//!
//! The CPU columns are the time this thread spent on a CPU during each call
//! (`/proc/thread-self/schedstat`, nanoseconds), which a machine shared with
//! other work inflates far less than the wall time.
//!
//!     cargo run --release -p dateline-core --example core_probe -- DIR [ROUNDS]
//!
//! The store is opened the app's way (Store::open); the DB must already have a
//! fresh daily backup (gen_db makes one) so no VACUUM INTO is timed here.
//! The criterion benches (benches/search.rs) give the same figures with
//! confidence intervals; this is the quick version for the summary table.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Instant;

use dateline_core::search::ReleaseQuery;
use dateline_core::store::Store;

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let med = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (med, p95)
}

/// Time this thread has run on a CPU, in ms (Linux; `None` elsewhere).
fn cpu_ms() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().expect("usage: core_probe DIR [ROUNDS]"));
    let rounds: usize = args.get(1).map(|s| s.parse().unwrap()).unwrap_or(30);
    let mut opens = vec![];
    for _ in 0..5 {
        let t = Instant::now();
        let (s, _) = Store::open(&dir).unwrap();
        opens.push(t.elapsed().as_secs_f64() * 1e3);
        drop(s);
    }
    let (m, p) = stats(opens);
    println!("open\t{m:.2}\t{p:.2}\t-");
    let (store, _) = Store::open(&dir).unwrap();
    let mut cases: Vec<(String, ReleaseQuery)> = vec![("list_all".into(), ReleaseQuery::default())];
    for (name, text) in corpus::QUERIES {
        cases.push((
            format!("search_{name}"),
            ReleaseQuery {
                text: text.into(),
                // As the app asks: the best SEARCH_LIMIT matches.
                limit: dateline_core::search::SEARCH_LIMIT,
                ..Default::default()
            },
        ));
    }
    for (name, q) in cases {
        let mut rows = 0;
        let mut ts = vec![];
        let mut cpu = vec![];
        for _ in 0..rounds {
            let c = cpu_ms();
            let t = Instant::now();
            rows = store.list(&q).unwrap().len();
            ts.push(t.elapsed().as_secs_f64() * 1e3);
            if let (Some(a), Some(b)) = (c, cpu_ms()) {
                cpu.push(b - a);
            }
        }
        let (m, p) = stats(ts);
        let (cm, cp) = if cpu.is_empty() {
            (f64::NAN, f64::NAN)
        } else {
            stats(cpu)
        };
        println!("{name}\t{m:.2}\t{p:.2}\t{rows}\t{cm:.2}\t{cp:.2}");
    }
}
