//! Full-text search in the core at 100 / 1,000 / 10,000 releases: a person's
//! name, a word, a city, Chinese terms (4 characters: trigram index; 2
//! characters: substring scan), a one-letter prefix (first keystroke), and
//! listing without a query. Each query returns every match, like the UI asks.
//!
//!     cargo bench -p dateline-core --bench search

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dateline_core::search::ReleaseQuery;
use support::store_with;

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    for n in [100u64, 1_000, 10_000] {
        let (_dir, store) = store_with(n);
        for (name, text) in support::corpus::QUERIES {
            let q = ReleaseQuery {
                text: text.into(),
                // As the app asks: the best SEARCH_LIMIT matches.
                limit: dateline_core::search::SEARCH_LIMIT,
                ..Default::default()
            };
            let hits = store.list(&q).unwrap().len();
            eprintln!("[search] {n} releases, {name} {text:?}: {hits} hits");
            g.bench_with_input(BenchmarkId::new(name, n), &q, |b, q| {
                b.iter(|| black_box(store.list(q).unwrap().len()))
            });
        }
        let q = ReleaseQuery::default();
        g.bench_with_input(BenchmarkId::new("list_all", n), &q, |b, q| {
            b.iter(|| black_box(store.list(q).unwrap().len()))
        });
    }
    g.finish();
}

criterion_group! {
    name = search;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(search);
