//! Store benches at 10,000 releases: load one release, autosave (with p99
//! over 2,000 consecutive saves printed), insert, and listing everything.
//!
//!     cargo bench -p dateline-core --bench store

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::model::{Block, Inline, Status};
use dateline_core::search::ReleaseQuery;
use support::{corpus, ms, pct, store_with};

const N: u64 = 10_000;

fn benches(c: &mut Criterion) {
    let (_dir, mut store) = store_with(N);
    let all = store.list(&ReleaseQuery::default()).unwrap();
    assert_eq!(all.len() as u64, N);
    // A typical draft to edit: the first generated draft with 4..14 blocks.
    let id = all
        .iter()
        .filter(|s| s.status == Status::Draft)
        .map(|s| store.get(&s.id).unwrap())
        .find(|r| (4..=14).contains(&r.body.len()))
        .expect("a draft")
        .id;
    let mut release = store.get(&id).unwrap();

    c.bench_function("store/get (load one release, 10k db)", |b| {
        b.iter(|| black_box(store.get(black_box(&id)).unwrap()))
    });

    // Autosave: the same release, a small edit each time, as while typing.
    let mut k = 0u64;
    let mut edit = |r: &mut dateline_core::Release| {
        k += 1;
        if let Some(Block::Paragraph { content }) = r.body.last_mut() {
            if content.is_empty() {
                content.push(Inline::plain(""));
            }
            content[0]
                .text
                .push_str(if k.is_multiple_of(2) { " x" } else { "y" });
        }
    };
    c.bench_function("store/save (autosave transaction, 10k db)", |b| {
        b.iter(|| {
            edit(&mut release);
            let ack = black_box(store.save(&release).unwrap());
            release.revision = ack.revision;
        })
    });

    // p99 over 2,000 consecutive saves (criterion reports mean/median only).
    let mut times: Vec<Duration> = Vec::with_capacity(2000);
    for _ in 0..2000 {
        edit(&mut release);
        let t = Instant::now();
        let ack = black_box(store.save(&release).unwrap());
        times.push(t.elapsed());
        release.revision = ack.revision;
    }
    times.sort();
    println!(
        "AUTOSAVE_P99 10k db, 2000 saves: p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms  (budget p99 <= 5 ms)",
        ms(pct(&times, 50.0)),
        ms(pct(&times, 95.0)),
        ms(pct(&times, 99.0)),
        ms(*times.last().unwrap())
    );

    let mut i = 1_000_000u64;
    c.bench_function("store/insert (new release, 10k db)", |b| {
        b.iter(|| {
            i += 1;
            let mut r = corpus::release(i);
            r.id = format!("00000000-0000-4000-8000-{i:012}");
            store.insert(&r).unwrap()
        })
    });

    let q = ReleaseQuery::default();
    c.bench_function("store/list all (10k+ releases, newest first)", |b| {
        b.iter(|| black_box(store.list(&q).unwrap().len()))
    });
    let q = ReleaseQuery {
        limit: 100,
        ..Default::default()
    };
    c.bench_function("store/list first 100 (10k+ releases)", |b| {
        b.iter(|| black_box(store.list(&q).unwrap().len()))
    });
    c.bench_function("store/list all + JSON for IPC (10k+ releases)", |b| {
        let q = ReleaseQuery::default();
        b.iter(|| {
            black_box(
                serde_json::to_string(&store.list(&q).unwrap())
                    .unwrap()
                    .len(),
            )
        })
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(store);
