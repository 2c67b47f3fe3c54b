//! The Word export, read back by real readers: a strict XML parse of every
//! part, LibreOffice (to PDF, page count by pdfinfo) and pandoc (styles and
//! text). LibreOffice exits 0 even when it could not load a file, so every
//! check looks at the output it was supposed to write.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

use dateline_core::export::{self, docx::PARAGRAPH_STYLES, ExportFormat, ExportMode, Options};
use dateline_core::*;
use support::{opts, parts, strict_parse};

struct Case {
    name: String,
    release: Release,
    /// Expected page count range in LibreOffice.
    pages: (u32, u32),
}

fn corpus() -> Vec<Case> {
    let mut cases: Vec<Case> = sample::corpus()
        .into_iter()
        .map(|(name, release)| Case {
            name: name.to_string(),
            release,
            // The sample with a picture, quotes and two About sections runs
            // onto a second page.
            pages: if name == "blocks" { (1, 2) } else { (1, 1) },
        })
        .collect();
    cases.push(Case {
        name: "long-1000".into(),
        release: sample::long(1000),
        pages: (30, 80),
    });
    cases.push(Case {
        name: "hostile".into(),
        release: sample::hostile(),
        pages: (1, 3),
    });
    // Every house style's typography (fonts, sizes, margins, paper) on the
    // worst text.
    for style in dateline_core::house_style::built_in() {
        let mut release = sample::hostile();
        release.house_style = style.id.clone();
        cases.push(Case {
            name: format!("hostile-{}", style.id),
            release,
            pages: (1, 3),
        });
    }
    cases
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e} (run `make deps`)"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn soffice_to_pdf(files: &[PathBuf], outdir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args(["--headless", "--convert-to", "pdf", "--outdir"])
    .arg(outdir)
    .args(files);
    run(&mut cmd);
}

fn pdf_pages(pdf: &Path) -> u32 {
    let info = run(Command::new("pdfinfo").arg(pdf));
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap_or_else(|| panic!("no page count for {}", pdf.display()))
}

#[test]
#[cfg_attr(
    windows,
    ignore = "read back by LibreOffice, a Linux program (docs/INSTALL.md)"
)]
fn every_sample_survives_word_readers() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus();
    let mut files = Vec::new();
    for case in &cases {
        let bytes =
            export::render(&case.release, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
        let again =
            export::render(&case.release, ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
        assert!(
            bytes == again,
            "{}: output differs between two exports",
            case.name
        );

        let parts = parts(&bytes);
        for (name, (method, data)) in &parts {
            assert_eq!(
                *method,
                zip::CompressionMethod::Deflated,
                "{}: {name} not compressed",
                case.name
            );
            if name.ends_with(".xml") || name.ends_with(".rels") {
                strict_parse(&format!("{}:{name}", case.name), data);
            }
        }
        let core = String::from_utf8(parts["docProps/core.xml"].1.clone()).unwrap();
        assert!(
            core.contains("<dc:creator>Ana Corvell</dc:creator>"),
            "{}: {core}",
            case.name
        );
        assert!(core.contains("<dc:title>"), "{}", case.name);
        let custom = String::from_utf8(parts["docProps/custom.xml"].1.clone()).unwrap();
        assert!(
            custom.contains(&case.release.id),
            "{}: release id in custom properties",
            case.name
        );
        let doc = String::from_utf8(parts["word/document.xml"].1.clone()).unwrap();
        let runs = doc.matches("<w:r>").count();
        let langs = doc.matches("<w:lang ").count();
        assert!(
            runs > 0 && langs >= runs,
            "{}: {runs} runs, {langs} w:lang",
            case.name
        );
        // The headline paragraph uses the Headline style, which styles.xml defines.
        let styles = String::from_utf8(parts["word/styles.xml"].1.clone()).unwrap();
        assert!(
            doc.contains("<w:pStyle w:val=\"Headline\" />")
                || doc.contains("<w:pStyle w:val=\"Headline\"/>"),
            "{}: headline style not applied",
            case.name
        );
        assert!(
            styles.contains("w:styleId=\"Headline\""),
            "{}: Headline style not defined",
            case.name
        );
        let header = String::from_utf8(parts["word/header1.xml"].1.clone()).unwrap();
        let mark = format!(
            "{} – v{} – ",
            labels::for_language(&case.release.language).draft_mark,
            case.release.version
        );
        assert!(
            header.contains(&mark),
            "{}: draft mark in header",
            case.name
        );
        let footer = String::from_utf8(parts["word/footer1.xml"].1.clone()).unwrap();
        assert!(
            footer.contains("PAGE") && footer.contains("NUMPAGES"),
            "{}",
            case.name
        );

        let path = dir.path().join(format!("{}.docx", case.name));
        std::fs::write(&path, &bytes).unwrap();
        files.push(path);
    }
    soffice_to_pdf(&files, dir.path());
    for case in &cases {
        let pdf = dir.path().join(format!("{}.pdf", case.name));
        assert!(
            pdf.exists(),
            "{}: LibreOffice did not convert the file",
            case.name
        );
        let n = pdf_pages(&pdf);
        assert!(
            (case.pages.0..=case.pages.1).contains(&n),
            "{}: {n} pages, expected {:?}",
            case.name,
            case.pages
        );
    }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "read back by pandoc, a Linux program (docs/INSTALL.md)"
)]
fn pandoc_reads_styles_and_every_field() {
    let dir = tempfile::tempdir().unwrap();
    for (name, r) in sample::corpus()
        .into_iter()
        .chain([("hostile", sample::hostile())])
    {
        let path = dir.path().join(format!("{name}.docx"));
        export::export_to(&r, ExportFormat::Docx, &opts(ExportMode::Draft), &path).unwrap();
        let native = run(Command::new("pandoc")
            .args(["-f", "docx+styles", "-t", "native"])
            .arg(&path));
        let mut expected: Vec<&str> = vec!["Headline", "Body Text", "Release Type", "Dateline"];
        // The house style decides whether an immediate release has a timing line.
        if export::view::build(&r).unwrap().timing_line.is_some() {
            expected.push("Embargo");
        }
        if r.contacts().next().is_some() {
            expected.push("Contact");
        }
        if r.contact_groups
            .iter()
            .any(|g| !g.heading.trim().is_empty())
        {
            expected.push("Contact Group");
        }
        if !r.about.is_empty() {
            expected.extend(["About", "About Heading"]);
        }
        for b in &r.body {
            match b {
                Block::Subheading { .. } => expected.push("Body Subheading"),
                Block::Quote { speaker, .. } => {
                    expected.push("Quote");
                    if !speaker.trim().is_empty() {
                        expected.push("Quote Speaker");
                    }
                }
                Block::Image(img) => {
                    expected.push("Figure");
                    if !img.caption.trim().is_empty() {
                        expected.push("Caption");
                    }
                }
                _ => {}
            }
        }
        if !r.notes_to_editors.is_empty() {
            expected.push("Notes to Editors");
        }
        if r.end_mark.text().is_some() {
            expected.push("End Mark");
        }
        for style in expected {
            assert!(PARAGRAPH_STYLES.iter().any(|s| s.1 == style) || style == "Dateline");
            assert!(
                native.contains(&format!("\"custom-style\" , \"{style}\"")),
                "{name}: style {style} missing"
            );
        }
        // Every field, whole, as pandoc reads it back: not just its words, so
        // that a dropped "&", "<" or quote, or a field cut short, is caught.
        let plain = run(Command::new("pandoc")
            .args(["-f", "docx", "-t", "plain", "--wrap=none"])
            .arg(&path));
        let plain = squash(&plain);
        for (field, text) in view_fields(&r) {
            let want = squash(&text);
            assert!(
                plain.contains(&want),
                "{name}: {field} {want:?} missing from pandoc's text:\n{plain}"
            );
        }
        // Each picture is a real picture, with its alt text, as pandoc
        // reads it (an Image whose description is the alt text).
        let v = export::view::build(&r).unwrap();
        let pictures: Vec<_> = v
            .items
            .iter()
            .filter_map(|i| match i {
                export::view::Item::Picture(p) => Some(p),
                _ => None,
            })
            .collect();
        let json = run(Command::new("pandoc")
            .args(["-f", "docx", "-t", "json"])
            .arg(&path));
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut alts = Vec::new();
        image_alts(&doc, &mut alts);
        let want: Vec<String> = pictures.iter().map(|p| squash(&p.alt)).collect();
        assert_eq!(
            alts.iter().map(|a| squash(a)).collect::<Vec<_>>(),
            want,
            "{name}: alt texts as pandoc reads them"
        );
    }
}

/// The alt text of every Image in pandoc's JSON AST, in document order.
fn image_alts(v: &serde_json::Value, out: &mut Vec<String>) {
    fn inline_text(v: &serde_json::Value, out: &mut String) {
        match v["t"].as_str() {
            Some("Str") => out.push_str(v["c"].as_str().unwrap_or("")),
            Some("Space" | "SoftBreak" | "LineBreak") => out.push(' '),
            _ => {
                if let Some(a) = v["c"].as_array() {
                    for x in a {
                        inline_text(x, out);
                    }
                } else if let Some(a) = v.as_array() {
                    for x in a {
                        inline_text(x, out);
                    }
                }
            }
        }
    }
    match v {
        serde_json::Value::Object(o) if o.get("t").and_then(|t| t.as_str()) == Some("Image") => {
            let mut alt = String::new();
            if let Some(inlines) = o["c"][1].as_array() {
                for i in inlines {
                    inline_text(i, &mut alt);
                }
            }
            out.push(alt);
        }
        serde_json::Value::Object(o) => o.values().for_each(|x| image_alts(x, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|x| image_alts(x, out)),
        _ => {}
    }
}

/// White space folded to single spaces: line breaks inside a field come back
/// as new lines, and pandoc joins paragraphs with blank lines.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every piece of text the Word file must carry, named, as the exporters
/// see it (cleaned): the officer's fields and the language's phrases.
fn view_fields(r: &Release) -> Vec<(String, String)> {
    use export::view::{runs_text, Item};
    let v = export::view::build(r).unwrap();
    let mut out: Vec<(String, String)> = vec![
        ("type label".into(), v.type_label.clone()),
        ("reference".into(), v.reference.clone()),
        ("timing".into(), v.timing_line.clone().unwrap_or_default()),
        ("headline".into(), v.headline.clone()),
        ("subheadline".into(), v.subheadline.clone()),
        ("dateline".into(), v.dateline.clone()),
    ];
    fn item_texts(items: &[Item], name: &str, out: &mut Vec<(String, String)>) {
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Paragraph(runs) | Item::ListItem { runs, .. } | Item::Subheading(runs) => {
                    out.push((format!("{name} item {i}"), runs_text(runs)))
                }
                Item::Quote { runs, speaker } => {
                    out.push((format!("{name} quote {i}"), runs_text(runs)));
                    out.push((format!("{name} speaker {i}"), speaker.clone()));
                }
                Item::Picture(p) => out.push((format!("{name} caption {i}"), p.caption.clone())),
            }
        }
    }
    let mut body = Vec::new();
    item_texts(&v.items, "body", &mut body);
    if v.has_lead() {
        if let Some(Item::Paragraph(runs)) = v.items.first() {
            body[0] = ("lead".into(), format!("{}{}", v.dateline, runs_text(runs)));
        }
    }
    out.extend(body);
    if !v.contact_groups.is_empty() {
        out.push(("contact heading".into(), v.labels.contact_heading.into()));
    }
    for g in &v.contact_groups {
        out.push(("contact group".into(), g.heading.clone()));
        for (i, c) in g.contacts.iter().enumerate() {
            out.push((format!("contact {i}"), c.line(v.labels.comma)));
        }
    }
    for a in &v.about {
        out.push(("About heading".into(), a.heading.clone()));
        out.extend(
            a.paragraphs
                .iter()
                .map(|p| ("About".to_string(), p.clone())),
        );
    }
    if !v.notes.is_empty() {
        out.push(("notes heading".into(), v.labels.notes_to_editors.into()));
    }
    for note in &v.notes {
        let (lead, rest) = note.lead();
        if let Some(runs) = lead {
            out.push((
                "note".into(),
                format!("{}{}", note.marker(), runs_text(runs)),
            ));
        }
        item_texts(rest, "note", &mut out);
    }
    if let Some(m) = v.end_mark {
        out.push(("end mark".into(), m.into()));
    }
    out
}

#[test]
fn final_export_has_no_draft_mark_and_letter_size_works() {
    let r = sample::release();
    let bytes = export::render(
        &r,
        ExportFormat::Docx,
        &Options {
            paper: Some(export::Paper::Letter),
            ..opts(ExportMode::Final)
        },
    )
    .unwrap();
    let parts = parts(&bytes);
    let header = String::from_utf8(parts["word/header1.xml"].1.clone()).unwrap();
    assert!(!header.contains("DRAFT"));
    let doc = String::from_utf8(parts["word/document.xml"].1.clone()).unwrap();
    assert!(doc.contains("w:w=\"12240\""), "US Letter width");
}

#[test]
fn right_to_left_and_east_asian_runs() {
    let by_name: BTreeMap<_, _> = sample::corpus().into_iter().collect();
    let ar = export::render(&by_name["ar"], ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
    let doc = String::from_utf8(parts(&ar)["word/document.xml"].1.clone()).unwrap();
    assert!(doc.contains("<w:bidi"), "paragraph bidi");
    assert!(doc.contains("<w:rtl/>"), "run rtl");
    assert!(doc.contains("w:bidi=\"ar\""), "complex-script language");
    let zh = export::render(&by_name["zh"], ExportFormat::Docx, &opts(ExportMode::Draft)).unwrap();
    let p = parts(&zh);
    let doc = String::from_utf8(p["word/document.xml"].1.clone()).unwrap();
    assert!(doc.contains("w:eastAsia=\"zh\""));
    let styles = String::from_utf8(p["word/styles.xml"].1.clone()).unwrap();
    assert!(
        styles.contains("w:eastAsia=\"Microsoft YaHei\""),
        "East Asian font"
    );
}
