//! Exporters on a typical release (the welcome sample) and on
//! `sample::long(n)` for n = 100 / 1,000 paragraphs (linearity): DOCX, HTML
//! and plain text, in memory (no file write).
//!
//!     cargo bench -p dateline-core --bench export

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dateline_core::export::{render, ExportFormat, Options};
use dateline_core::sample;

fn benches(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("export");
    let cases = [
        ("typical", sample::release()),
        ("long100", sample::long(100)),
        ("long1000", sample::long(1000)),
    ];
    for (fmt_name, fmt) in [
        ("docx", ExportFormat::Docx),
        ("html", ExportFormat::Html),
        ("txt", ExportFormat::Txt),
    ] {
        for (name, r) in &cases {
            g.throughput(Throughput::Elements(r.body.len() as u64));
            g.bench_with_input(BenchmarkId::new(fmt_name, name), r, |b, r| {
                b.iter(|| black_box(render(r, fmt, &opts).unwrap().len()))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = export;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(export);
