//! Every Word file Dateline writes, checked against the OOXML schema by an
//! independent validator (`openxml-audit`, pinned in `scripts/deps.sh`, which
//! validates like the Open XML SDK), and the promises about its parts: Track
//! Changes on in clearance copies (read back by LibreOffice), core properties
//! built from typed times, hyperlink ids that leave the text alone.

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use dateline_core::clearance::{ClearanceEntry, Decision};
use dateline_core::export::{self, report, ExportFormat, ExportMode, Options};
use dateline_core::versions::VersionSummary;
use dateline_core::*;
use quick_xml::events::Event;
use support::{opts, strict_parse};

/// The validator `scripts/deps.sh` installs; `OPENXML_AUDIT` overrides it.
fn validator() -> PathBuf {
    let path = std::env::var_os("OPENXML_AUDIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").expect("HOME is not set");
            Path::new(&home).join(".cache/dateline-venv/bin/openxml-audit")
        });
    assert!(
        path.exists(),
        "the OOXML validator {} is missing: run `make deps` (scripts/deps.sh installs openxml-audit)",
        path.display()
    );
    path
}

/// The XML parts of a package, as text.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    support::parts(bytes)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xml") || name.ends_with(".rels"))
        .map(|(name, (_, data))| (name, String::from_utf8(data).unwrap()))
        .collect()
}

/// Every Word file the core can write: each sample as a clearance copy and
/// as a final copy, a long release, the hostile fixture (also locked for
/// tracked changes), and both reports.
fn every_word_file() -> Vec<(String, Vec<u8>)> {
    let mut releases: Vec<(String, Release)> = sample::corpus()
        .into_iter()
        .map(|(n, r)| (n.to_string(), r))
        .collect();
    releases.push(("long-1000".into(), sample::long(1000)));
    releases.push(("hostile".into(), sample::hostile()));
    for style in dateline_core::house_style::built_in() {
        let mut r = sample::hostile();
        r.house_style = style.id.clone();
        releases.push((format!("hostile-{}", style.id), r));
    }
    let mut files = Vec::new();
    for (name, r) in &releases {
        for mode in [ExportMode::Draft, ExportMode::Final] {
            let bytes = export::render(r, ExportFormat::Docx, &opts(mode)).unwrap();
            files.push((format!("{name}-{mode:?}"), bytes));
        }
    }
    let locked = Options {
        protect_for_tracked_changes: true,
        ..opts(ExportMode::Draft)
    };
    files.push((
        "hostile-locked".into(),
        export::render(&sample::hostile(), ExportFormat::Docx, &locked).unwrap(),
    ));

    let (old, new) = (sample::release(), sample::hostile());
    let d = diff::compare(&old, &new);
    files.push((
        "report-changes".into(),
        report::changes(&new, &d, ExportFormat::Docx, sample::HOSTILE).unwrap(),
    ));
    let versions = [VersionSummary {
        version: 1,
        reason: sample::HOSTILE.into(),
        status: Status::InClearance,
        created_at: "2026-03-12T08:00:00Z".into(),
        headline: sample::HOSTILE.into(),
        exported_with: vec![],
    }];
    let log = [ClearanceEntry {
        id: 1.0,
        version: 1,
        reviewer: sample::HOSTILE.into(),
        role: sample::HOSTILE.into(),
        decision: Decision::ChangesRequested,
        note: sample::HOSTILE.into(),
        created_at: "2026-03-12T09:00:00Z".into(),
        stale: true,
    }];
    for (name, versions, log) in [
        ("report-sheet", &versions[..], &log[..]),
        ("report-sheet-empty", &[][..], &[][..]),
    ] {
        files.push((
            name.into(),
            report::clearance_sheet(&new, versions, log, ExportFormat::Docx, "Ana").unwrap(),
        ));
    }
    files
}

#[test]
#[cfg_attr(
    windows,
    ignore = "validated by openxml-audit, a Linux program (docs/INSTALL.md)"
)]
fn every_word_file_is_valid_by_the_schema() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    let files = every_word_file();
    for (name, bytes) in &files {
        for (part, text) in parts(bytes) {
            strict_parse(&format!("{name}:{part}"), text.as_bytes());
        }
        std::fs::write(dir.path().join(format!("{name}.docx")), bytes).unwrap();
    }
    let out = Command::new(&validator)
        .args([
            "--format",
            "office2019",
            "--output",
            "json",
            "--max-errors",
            "0",
        ])
        .args(["--recursive"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", validator.display()));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit gave no JSON report ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let results = report.as_array().expect("a list of results");
    assert_eq!(
        results.len(),
        files.len(),
        "openxml-audit checked {} of {} files",
        results.len(),
        files.len()
    );
    let mut violations = Vec::new();
    for result in results {
        let file = result["file"].as_str().unwrap_or("?");
        for e in result["errors"].as_array().into_iter().flatten() {
            violations.push(format!(
                "{file}: {} {} at {} ({})",
                e["part_uri"].as_str().unwrap_or(""),
                e["description"].as_str().unwrap_or(""),
                e["path"].as_str().unwrap_or(""),
                e["node"].as_str().unwrap_or("")
            ));
        }
        assert!(
            result["valid"].as_bool() == Some(true) || !violations.is_empty(),
            "{file}: invalid without any error listed: {result}"
        );
    }
    assert!(
        violations.is_empty(),
        "{} schema violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    assert!(
        out.status.success(),
        "openxml-audit exited with {}",
        out.status
    );
}

fn settings(bytes: &[u8]) -> String {
    parts(bytes)["word/settings.xml"].clone()
}

/// The names of the children of `w:settings`, in order.
fn settings_children(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0;
    let mut names = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => {
                if depth == 1 {
                    names.push(e.name().into_inner().to_string());
                }
                depth += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Empty(e) if depth == 1 => names.push(e.name().into_inner().to_string()),
            _ => {}
        }
    }
    names
}

#[test]
#[cfg_attr(
    windows,
    ignore = "read back by LibreOffice, a Linux program (docs/INSTALL.md)"
)]
fn clearance_copies_open_with_track_changes_on_and_final_copies_do_not() {
    let r = sample::release();
    let draft = export::render(&r, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
    let names = settings_children(&settings(&draft));
    let at = |n: &str| names.iter().position(|x| x == n);
    // Schema order: zoom, trackRevisions, documentProtection, defaultTabStop.
    assert!(
        at("w:zoom") < at("w:trackRevisions") && at("w:trackRevisions") < at("w:defaultTabStop"),
        "{names:?}"
    );
    assert_eq!(at("w:documentProtection"), None, "not locked by default");

    let locked = Options {
        protect_for_tracked_changes: true,
        ..opts(ExportMode::Draft)
    };
    let xml = settings(&export::render(&r, ExportFormat::Docx, &locked).unwrap());
    assert!(
        xml.contains(r#"<w:trackRevisions/><w:documentProtection w:edit="trackedChanges" w:enforcement="1"/>"#),
        "{xml}"
    );

    // Locking without tracking is ignored, as the dialog disables it.
    let off = Options {
        track_changes: false,
        protect_for_tracked_changes: true,
        ..opts(ExportMode::Draft)
    };
    let plain = export::render(&r, ExportFormat::Docx, &off).unwrap();
    let xml = settings(&plain);
    assert!(!xml.contains("trackRevisions") && !xml.contains("documentProtection"));
    let mut cleared = r.clone();
    cleared.status = Status::Cleared;
    let fin = export::render(&cleared, ExportFormat::Docx, &opts(ExportMode::Final)).unwrap();
    assert!(!settings(&fin).contains("trackRevisions"), "final copy");

    // LibreOffice, reading the files as a reviewer's editor would: change
    // recording is on in the clearance copy only. (Its flat ODT export
    // leaves the setting out; the packaged ODT keeps it.)
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [("draft", &draft), ("plain", &plain), ("final", &fin)]
        .iter()
        .map(|(name, bytes)| {
            let p = dir.path().join(format!("{name}.docx"));
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(dir.path())
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("soffice: {e} (run `make deps`)"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, recording) in [("draft", true), ("plain", false), ("final", false)] {
        let odt = std::fs::read(dir.path().join(format!("{name}.odt")))
            .unwrap_or_else(|e| panic!("{name}: LibreOffice wrote no ODT: {e}"));
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(odt)).unwrap();
        let mut content = String::new();
        z.by_name("content.xml")
            .unwrap()
            .read_to_string(&mut content)
            .unwrap();
        assert_eq!(
            content.contains(r#"text:track-changes="true""#),
            recording,
            "{name}: LibreOffice's change recording"
        );
    }
}

#[test]
fn core_properties_come_from_typed_times() {
    let mut r = sample::release();
    r.created_at = "2026-03-12T08:00:00Z\u{1}</dcterms:created><&".into();
    let err = export::render(&r, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("created_at") && message.contains("RFC 3339"),
        "{message}"
    );
    assert_eq!(err.code(), ErrorCode::Invalid);
    let d = diff::compare(&r, &r);
    assert!(report::changes(&r, &d, ExportFormat::Docx, "Ana").is_err());
    let mut r = sample::release();
    r.updated_at = "yesterday".into();
    let message = export::render(&r, ExportFormat::Docx, &opts(ExportMode::Draft))
        .unwrap_err()
        .to_string();
    assert!(message.contains("updated_at"), "{message}");

    // A valid time with an offset is written in UTC, as Word writes it.
    let mut r = sample::release();
    r.created_at = "2026-03-12T10:30:05+02:00".into();
    r.updated_at = "2026-03-13T08:00:00.123456Z".into();
    let bytes = export::render(&r, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
    let p = parts(&bytes);
    for (name, text) in &p {
        strict_parse(name, text.as_bytes());
    }
    let core = &p["docProps/core.xml"];
    assert!(
        core.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-12T08:30:05Z</dcterms:created>"#
        ),
        "{core}"
    );
    assert!(
        core.contains(
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-13T08:00:00Z</dcterms:modified>"#
        ),
        "{core}"
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "read back by pandoc, a Linux program (docs/INSTALL.md)"
)]
fn text_that_looks_like_a_link_id_is_kept_and_links_work() {
    let mut r = sample::release();
    let typed = "See rIdHyperlink1, rIdHyperlink22 and rIdLink1 in the log.";
    r.body = vec![Block::Paragraph {
        content: vec![
            Inline::plain(typed),
            Inline {
                text: "first".into(),
                bold: false,
                italic: false,
                link: Some("https://one.example.org/".into()),
            },
            Inline::plain(" rIdHyperlink2 "),
            Inline {
                text: "second".into(),
                bold: false,
                italic: false,
                link: Some("https://two.example.org/".into()),
            },
        ],
    }];
    let bytes = export::render(&r, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
    let p = parts(&bytes);
    let doc = &p["word/document.xml"];
    assert!(doc.contains(typed), "typed text changed: {doc}");
    assert!(doc.contains(" rIdHyperlink2 "), "typed text changed: {doc}");

    // Each w:hyperlink's r:id names a relationship with its own target.
    let rels = &p["word/_rels/document.xml.rels"];
    let ids: Vec<&str> = doc
        .split("<w:hyperlink ")
        .skip(1)
        .map(|s| {
            let s = &s[s.find("r:id=\"").unwrap() + 6..];
            &s[..s.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids.len(), 2, "{doc}");
    for (id, url) in ids
        .iter()
        .zip(["https://one.example.org/", "https://two.example.org/"])
    {
        let rel = format!(
            r#"Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{url}""#
        );
        assert!(rels.contains(&rel), "{rel} missing from {rels}");
    }

    // An independent reader follows the links and keeps the text.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.docx");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "html", "--wrap=none"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("pandoc: {e} (run `make deps`)"));
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(html.contains(typed), "{html}");
    assert!(
        html.contains(r#"<a href="https://one.example.org/">first</a>"#)
            && html.contains(r#"<a href="https://two.example.org/">second</a>"#),
        "{html}"
    );
}
