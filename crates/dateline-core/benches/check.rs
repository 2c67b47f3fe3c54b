//! Writing checks on a 1,000-word English release (issue 16: re-checked
//! within 100 ms of the last keystroke): spelling (en_GB), Harper's grammar
//! and the UN rules, with the dictionaries already loaded, as the app keeps
//! them between checks; and the first check, loading included.
//!
//!     cargo bench -p dateline-core --bench check

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::check::{spelling, style, Checker};
use dateline_core::model::{inline_text, Block};
use dateline_core::sample;

fn words(r: &dateline_core::Release) -> usize {
    r.body
        .iter()
        .map(|b| match b {
            Block::Paragraph { content } => inline_text(content).split_whitespace().count(),
            _ => 0,
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    // Grow the welcome sample until the body holds 1,000 words.
    let mut n = 1;
    while words(&sample::long(n)) < 1_000 {
        n += 1;
    }
    let mut r = sample::long(n);
    r.language = "en-GB".into();
    let dir = spelling::dictionary_dir();
    let mut checker = Checker::new(dir.clone());
    let findings = checker.check(&r, &style::UN, &[]);
    assert!(
        !findings.iter().any(|f| f.rule == "dictionary"),
        "{findings:?}"
    );
    eprintln!("[check] {} words, {} findings", words(&r), findings.len());
    let mut g = c.benchmark_group("check");
    g.bench_function("1000_words_warm", |b| {
        // What the app's check_release runs: findings and counts.
        b.iter(|| black_box(checker.report(&r, &style::UN, &[]).findings.len()))
    });
    g.sample_size(10);
    g.bench_function("1000_words_first", |b| {
        b.iter(|| black_box(Checker::new(dir.clone()).check(&r, &style::UN, &[]).len()))
    });
    g.finish();
}

criterion_group!(check, benches);
criterion_main!(check);
