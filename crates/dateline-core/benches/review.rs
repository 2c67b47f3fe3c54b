//! Reading a reviewed Word file: `sample::long(1000)` (1,000 body
//! paragraphs) exported as a clearance copy, with 500 tracked insertions
//! added the way Word writes them, read through `Store::read_review`: the
//! package checks, the XML, placing paragraphs, grouping changes, threading
//! comments and the untracked-edit comparison with the stored version
//! (which exports and re-reads that version). Budget: 200 ms.
//!
//!     cargo bench -p dateline-core --bench review

use std::hint::black_box;
use std::io::{Cursor, Read, Write};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::clearance::Action;
use dateline_core::export::{render, ExportFormat, Options};
use dateline_core::sample;
use dateline_core::store::Store;

/// Adds `n` tracked insertions, one at the start of each of the first `n`
/// paragraphs that have runs.
fn reviewed(docx: &[u8], n: usize) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let s = String::from_utf8(data).unwrap();
            let mut out = String::with_capacity(s.len() + n * 200);
            let mut rest = s.as_str();
            let mut added = 0;
            while let Some(at) = rest.find("</w:pPr><w:r>").filter(|_| added < n) {
                let cut = at + "</w:pPr>".len();
                out.push_str(&rest[..cut]);
                out.push_str(&format!(
                    r#"<w:ins w:id="{}" w:author="Lena Park" w:date="2026-03-13T09:14:00Z"><w:r><w:t xml:space="preserve">Reviewed: </w:t></w:r></w:ins>"#,
                    1000 + added
                ));
                rest = &rest[cut..];
                added += 1;
            }
            assert_eq!(
                added, n,
                "the export has fewer than {n} paragraphs with runs"
            );
            out.push_str(rest);
            data = out.into_bytes();
        }
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let long = sample::long(1000);
    store.insert(&long).unwrap();
    let r = store
        .apply_action(&long.id, Action::SendForClearance)
        .unwrap();
    let copy = render(&r, ExportFormat::Docx, &Options::default()).unwrap();
    let file = reviewed(&copy, 500);
    let review = store.read_review(file.clone(), Some(&r.id)).unwrap();
    assert_eq!(review.changes.len(), 500);

    let mut g = c.benchmark_group("review");
    g.bench_function("read_1000_paragraphs_500_changes", |b| {
        b.iter(|| {
            black_box(
                store
                    .read_review(file.clone(), Some(&r.id))
                    .unwrap()
                    .changes
                    .len(),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = review;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(review);
