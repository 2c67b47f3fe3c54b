//! Importing through the store and the command line: bad input is refused
//! with a typed error and nothing saved, a dry run saves nothing, and a
//! batch imports each file whole or not at all, also when cancelled.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::dateline;
use dateline_core::import::{self, batch, ImportError};
use dateline_core::search::ReleaseQuery;
use dateline_core::store::Store;
use dateline_core::{Block, Error, ErrorCode};

const GOOD: &str = "PRESS RELEASE\n\nKestrel Trust opens a wetland centre\n\nNairobi, 4 June 2026 – The Kestrel Trust opened a visitor centre at the Tana wetlands today.\n\nThe centre will train 200 guides a year.\n\nFor more information, please contact:\nAmina Otieno, Press Officer, Kestrel Trust, amina@kestrel.example\n\n###\n";

fn count(store: &Store) -> usize {
    store.list(&ReleaseQuery::default()).unwrap().len()
}

#[test]
fn bad_input_is_refused_by_name_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (mut store, _) = Store::open(&data).unwrap();
    let before = count(&store);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    let binary: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS
        .encode("報道発表：新しい協力協定が締結されました。東京で記者会見が行われます。");
    let cases: Vec<(&str, Vec<u8>, ImportError)> = vec![
        ("empty.txt", vec![], ImportError::Empty),
        ("blank.txt", b"  \n\n \r\n".to_vec(), ImportError::Empty),
        ("locked.docx", ole, ImportError::Encrypted),
        (
            "photo.txt",
            binary,
            ImportError::Binary {
                detail: String::new(),
            },
        ),
        (
            "tokyo.txt",
            sjis.into_owned(),
            ImportError::UnknownEncoding {
                detail: String::new(),
            },
        ),
        (
            "scan.pdf",
            b"%PDF-1.7".to_vec(),
            ImportError::Unsupported {
                extension: ".pdf".into(),
            },
        ),
    ];
    for (name, bytes, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = store.import_file(&path).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Import, "{name}: {err}");
        match (&err, &want) {
            (Error::Import(got), want) => assert_eq!(
                std::mem::discriminant(got),
                std::mem::discriminant(want),
                "{name}: {got}"
            ),
            _ => panic!("{name}: {err}"),
        }
    }
    // Over the size limit: refused from the file's size, before reading.
    let big = dir.path().join("huge.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(import::MAX_FILE_BYTES + 1).unwrap();
    let err = store.import_file(&big).unwrap_err();
    assert!(
        matches!(err, Error::Import(ImportError::TooLarge { .. })),
        "{err}"
    );
    assert_eq!(count(&store), before);
}

#[test]
fn scripts_in_a_web_page_are_never_kept() {
    let page = "<html><body><script>alert('x')</script><h1>Kestrel Trust opens a centre</h1><p onclick=\"steal()\">Nairobi, 4 June 2026 – Text <a href=\"javascript:steal()\">here</a>.</p><style>p{}</style></body></html>";
    let i = import::import_bytes("page.html", page.as_bytes(), "2026-11-30T00:00:00Z").unwrap();
    let json = dateline_core::file_format::to_string(&i.release).unwrap();
    assert!(
        !json.contains("alert") && !json.contains("steal") && !json.contains("p{}"),
        "{json}"
    );
    assert_eq!(i.release.headline, "Kestrel Trust opens a centre");
    assert_eq!(i.release.dateline.city, "Nairobi");
}

#[test]
fn a_batch_imports_whole_files_and_stops_between_them_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("archive");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("a-good.txt"), GOOD).unwrap();
    std::fs::write(src.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        src.join("c-good.md"),
        GOOD.replace("Kestrel Trust opens", "Heron Fund opens"),
    )
    .unwrap();
    std::fs::write(src.join("d-notes.pdf"), "%PDF").unwrap();
    let files = batch::files_in(&src).unwrap();
    assert_eq!(files.len(), 4);

    let (mut store, _) = Store::open(&dir.path().join("data")).unwrap();
    let before = count(&store);
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let report = batch::run(&mut store, &files, &cancel, |done, total, item| {
        seen.push((done, total, item.file.clone()));
    });
    assert!(!report.cancelled);
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[3].0, 4);
    assert_eq!(report.imported(), 2);
    assert!(matches!(
        report.items[1].outcome,
        batch::Outcome::Failed { .. }
    ));
    assert!(matches!(
        report.items[3].outcome,
        batch::Outcome::Skipped { .. }
    ));
    assert_eq!(count(&store), before + 2);

    // Cancelled after the first file: the rest are not touched.
    let (mut store2, _) = Store::open(&dir.path().join("data2")).unwrap();
    let before = count(&store2);
    let cancel = AtomicBool::new(false);
    let report = batch::run(&mut store2, &files, &cancel, |_, _, _| {
        cancel.store(true, Ordering::SeqCst);
    });
    assert!(report.cancelled);
    assert_eq!(report.items.len(), 1);
    assert_eq!(count(&store2), before + 1);
}

#[test]
fn the_command_line_dry_run_saves_nothing_and_a_folder_gets_one_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("release.txt");
    std::fs::write(&file, GOOD.replace('\n', "\r\n")).unwrap();
    let out = dateline(&data, &["import", "--dry-run", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = dateline_core::file_format::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(r.headline, "Kestrel Trust opens a wetland centre");
    assert_eq!(r.contacts().next().unwrap().email, "amina@kestrel.example");
    let list = dateline(&data, &["list"]);
    assert!(!String::from_utf8_lossy(&list.stdout).contains("Kestrel Trust"));

    let out = dateline(&data, &["import", file.to_str().unwrap()]);
    assert!(out.status.success());
    let list = dateline(&data, &["list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("Kestrel Trust opens a wetland centre"));

    let folder = dir.path().join("archive");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("one.txt"), GOOD).unwrap();
    std::fs::write(folder.join("two.txt"), [0u8, 1, 2, 3, 0, 0]).unwrap();
    let out = dateline(&data, &["import", folder.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("failed\ttwo.txt"), "{stdout}");
    assert!(stdout.contains("1 of 2 imported"), "{stdout}");
}

#[test]
fn a_newsroom_page_with_a_stale_charset_and_page_furniture() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import-extra/ministry-page.html"),
    )
    .unwrap();
    let i = import::import_bytes("page.html", page.as_bytes(), "2026-11-30T00:00:00Z").unwrap();
    let r = i.release;
    assert_eq!(
        r.headline,
        "Minister opens new lifeboat station in Port Elwin"
    );
    assert_eq!(
        r.subheadline,
        "The station will cut rescue times on the western coast by half."
    );
    assert_eq!(r.dateline.date, "2025-07-14");
    assert_eq!(
        r.notes_to_editors,
        vec![
            Block::paragraph("The station cost £4.2 million."),
            Block::paragraph("It is staffed by 30 volunteers.")
        ]
    );
    let contacts: Vec<_> = r.contacts().collect();
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    assert_eq!(contacts[0].name, "Press Office");
    assert_eq!(contacts[0].organization, "Ministry of Coastal Affairs");
    assert_eq!(contacts[0].phone, "029 2055 0100");
    let json = dateline_core::file_format::to_string(&r).unwrap();
    assert!(
        !json.contains("Share this") && !json.contains("Crown copyright") && !json.contains("Home"),
        "{json}"
    );
}
