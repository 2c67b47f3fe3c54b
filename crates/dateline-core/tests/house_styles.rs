//! Each built-in house style, on its own fixture release, as the three
//! formats come out: the Word file read back by pandoc, the HTML page with
//! its tags stripped, and the plain text. Each check runs on all three, so
//! an exporter that ignores the style (its order, phrases, dateline form,
//! end mark or timing line) fails here. The rules are cited in
//! `docs/HOUSE_STYLES.md`.

use std::path::Path;
use std::process::Command;

use dateline_core::export::{self, ExportFormat, ExportMode, Options};
use dateline_core::{house_style, sample, Release};

mod common;
use common::dateline;

/// The three outputs of a release as text, white space folded.
fn outputs(r: &Release, dir: &Path, opts: &Options) -> Vec<(&'static str, String)> {
    let docx = dir.join(format!("{}.docx", r.house_style));
    export::export_to(r, ExportFormat::Docx, opts, &docx).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "plain", "--wrap=none"])
        .arg(&docx)
        .output()
        .unwrap_or_else(|e| panic!("pandoc: {e} (run `make deps`)"));
    assert!(out.status.success(), "pandoc failed on {}", docx.display());
    let docx_text = String::from_utf8(out.stdout).unwrap();
    let html = String::from_utf8(export::render(r, ExportFormat::Html, opts).unwrap()).unwrap();
    // Only the article: the <title> and meta description repeat the headline.
    let article = &html[html.find("<article").unwrap()..];
    let text = String::from_utf8(export::render(r, ExportFormat::Txt, opts).unwrap()).unwrap();
    vec![
        ("docx", squash(&docx_text)),
        ("html", squash(&strip_tags(article))),
        ("text", squash(&text)),
    ]
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text content of HTML: tags dropped (as a space between blocks), the few
/// entities askama writes decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                // Inline tags join their text; block tags separate it.
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if !matches!(
                    name.as_str(),
                    "bdi" | "time" | "span" | "a" | "strong" | "em"
                ) {
                    out.push(' ');
                }
            }
            _ if in_tag => tag.push(c),
            _ => out.push(c),
        }
    }
    out.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Asserts that each of `parts` occurs in `out`, in this order.
fn in_order(style: &str, format: &str, out: &str, parts: &[&str]) {
    let mut at = 0;
    for p in parts {
        match out[at..].find(p) {
            Some(i) => at += i + p.len(),
            None => panic!(
                "{style} {format}: {p:?} missing, or out of order (after {:?}):\n{out}",
                &parts[..parts.iter().position(|q| q == p).unwrap_or(0)]
            ),
        }
    }
}

fn fixture(name: &str) -> Release {
    sample::corpus()
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no sample {name}"))
        .1
}

struct Case {
    sample: &'static str,
    /// Must occur in this order in every format.
    order: &'static [&'static str],
    /// Must occur in no format.
    absent: &'static [&'static str],
}

const CASES: [Case; 4] = [
    Case {
        sample: "style-un",
        order: &[
            "PRESS RELEASE",
            "LWC/PR/2026/031",
            "Lakeshore Water Commission opens",
            "Port Aurel, 17 May 2026 – The Lakeshore Water Commission today",
            "For more information, please contact:",
            "Tomas Reyl, Communications Officer",
            "About",
            "The Lakeshore Water Commission is a fictional",
            "Notes to editors",
            "Photographs of the station",
            "The station data",
            "* *** *",
        ],
        // No timing line for an immediate release.
        absent: &["FOR IMMEDIATE RELEASE", "###"],
    },
    Case {
        sample: "style-ap",
        order: &[
            "FOR IMMEDIATE RELEASE",
            "PRESS RELEASE",
            "Brightwater Robotics unveils",
            "ARLINGTON, Va., Sept. 8, 2026 /PRNewswire/ -- Brightwater Robotics, a fictional",
            "About",
            "Brightwater Robotics is a fictional company",
            "Media contact:",
            "Dana Holt, Media Relations",
            "-30-",
        ],
        absent: &["September", "please contact", "Arlington"],
    },
    Case {
        sample: "style-uk-gov",
        order: &[
            "PRESS RELEASE",
            "New funding for village bus routes",
            "London, 5 January 2026 – The fictional Department",
            "ENDS",
            "Notes to editors",
            "The funding covers",
            "A list of the routes",
            "Media enquiries",
            "Press office, Department for Rural Transport",
            "About",
            "The Department for Rural Transport is a fictional",
        ],
        absent: &["FOR IMMEDIATE RELEASE", "-ENDS-", "please contact"],
    },
    Case {
        sample: "style-fr-gouv",
        order: &[
            "COMMUNIQUÉ DE PRESSE",
            "Le ministère des Rivières ouvre",
            // The dateline on its own line, with "le", no dash.
            "Paris, le 21 juillet 2023 Le ministère des Rivières, administration fictive",
            "Pour en savoir plus",
            "Le portail est accessible",
            "À propos",
            "Le ministère des Rivières est une administration fictive",
            "Contact presse",
            "Service de presse, Ministère des Rivières",
        ],
        absent: &[
            "POUR DIFFUSION IMMÉDIATE",
            "2023 –",
            "1. Le portail",
            "###",
            "veuillez contacter",
        ],
    },
];

#[test]
#[cfg_attr(
    windows,
    ignore = "read back by pandoc, a Linux program (docs/INSTALL.md)"
)]
fn every_built_in_style_has_a_fixture_and_keeps_its_rules_in_every_format() {
    let covered: Vec<&str> = CASES
        .iter()
        .map(|c| c.sample.trim_start_matches("style-"))
        .collect();
    let built_in: Vec<&str> = house_style::built_in()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(covered, built_in);
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        mode: ExportMode::Draft,
        ..Options::default()
    };
    for case in &CASES {
        let r = fixture(case.sample);
        assert_eq!(format!("style-{}", r.house_style), case.sample);
        for (format, out) in outputs(&r, dir.path(), &opts) {
            in_order(case.sample, format, &out, case.order);
            for a in case.absent {
                assert!(
                    !out.contains(a),
                    "{} {format}: {a:?} present:\n{out}",
                    case.sample
                );
            }
        }
    }
}

#[test]
fn notes_are_numbered_where_the_style_numbers_them() {
    let uk = fixture("style-uk-gov");
    let fr = fixture("style-fr-gouv");
    for (r, numbered) in [(&uk, true), (&fr, false)] {
        let text =
            String::from_utf8(export::render(r, ExportFormat::Txt, &Options::default()).unwrap())
                .unwrap();
        let html =
            String::from_utf8(export::render(r, ExportFormat::Html, &Options::default()).unwrap())
                .unwrap();
        let first = dateline_core::model::blocks_plain_text(&r.notes_to_editors[..1]);
        let first = first.trim_end();
        assert_eq!(text.contains(&format!("1. {first}")), numbered, "{text}");
        let notes = &html[html.find("<section class=\"notes\">").unwrap()..];
        let notes = &notes[..notes.find("</section>").unwrap()];
        assert_eq!(notes.contains("<ol>"), numbered, "{notes}");
        assert_eq!(
            notes.contains(&format!("<p>{first}</p>")),
            !numbered,
            "{notes}"
        );
    }
}

#[test]
fn another_style_can_be_asked_for_and_a_foreign_end_mark_is_replaced_with_a_warning() {
    // The UN fixture ends with "* *** *", a mark AP does not use.
    let r = fixture("style-un");
    let opts = Options {
        style: house_style::find("ap").cloned(),
        ..Options::default()
    };
    let text = String::from_utf8(export::render(&r, ExportFormat::Txt, &opts).unwrap()).unwrap();
    assert!(text.starts_with("FOR IMMEDIATE RELEASE\n\n"), "{text}");
    assert!(text.contains("PORT AUREL, May 17, 2026 -- "), "{text}");
    assert!(text.ends_with("\n\n###\n"), "{text}");
    let v = export::view::build_in(&r, Some("ap")).unwrap();
    assert!(
        v.warnings
            .iter()
            .any(|w| w.contains("\"* *** *\"") && w.contains("\"###\"")),
        "{:?}",
        v.warnings
    );
    let mut unknown = r.clone();
    unknown.house_style = "bbc".into();
    let e = export::render(&unknown, ExportFormat::Txt, &Options::default()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("\"bbc\"") && msg.contains("un, ap, uk-gov, fr-gouv"),
        "{msg}"
    );
}

#[test]
fn the_command_line_lists_styles_and_exports_in_another() {
    let data = tempfile::tempdir().unwrap();
    let out = dateline(data.path(), &["styles"]);
    assert!(out.status.success());
    let listed = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(ids, ["un", "ap", "uk-gov", "fr-gouv"]);

    let file = data.path().join("r.dateline.json");
    std::fs::write(
        &file,
        dateline_core::file_format::to_string(&fixture("style-un")).unwrap(),
    )
    .unwrap();
    let txt = data.path().join("r.txt");
    let f = file.to_str().unwrap();
    let t = txt.to_str().unwrap();
    let out = dateline(
        data.path(),
        &["export", "-f", "txt", "-o", t, "--style", "uk-gov", f],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("\n\nENDS\n\nNotes to editors\n1. "), "{text}");
    let out = dateline(
        data.path(),
        &["export", "-f", "txt", "-o", t, "--style", "nope", f],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"nope\"") && err.contains("uk-gov"), "{err}");
}

/// The parts of a Word file that carry the page and the fonts.
fn docx_parts(bytes: &[u8]) -> (String, String) {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    (read("word/document.xml"), read("word/styles.xml"))
}

/// Each built-in style's page and type, as its JSON file sets them, in the
/// Word file (page size, margins, fonts, sizes, colours) and the HTML page
/// (the custom properties its stylesheet reads).
#[test]
fn every_built_in_style_sets_its_page_and_fonts() {
    // (style, page width in twips, left margin in twips, body font, body
    // size in half-points, accent colour)
    let want = [
        ("un", 11906, 1417, "Arial", 22, "1F4E79"),
        ("ap", 12240, 1440, "Times New Roman", 24, "000000"),
        ("uk-gov", 11906, 1134, "Arial", 24, "0B0C0C"),
        ("fr-gouv", 11906, 1134, "Arial", 22, "000091"),
    ];
    let ids: Vec<&str> = want.iter().map(|w| w.0).collect();
    let built: Vec<&str> = house_style::built_in()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, built);
    for (id, width, left, font, size, accent) in want {
        let r = fixture(&format!("style-{id}"));
        let docx = export::render(&r, ExportFormat::Docx, &Options::default()).unwrap();
        let (doc, styles) = docx_parts(&docx);
        assert!(
            doc.contains(&format!("<w:pgSz w:w=\"{width}\"")),
            "{id}: page width\n{doc}"
        );
        assert!(
            doc.contains(&format!("w:left=\"{left}\"")),
            "{id}: left margin"
        );
        assert!(
            styles.contains(&format!("w:ascii=\"{font}\"")),
            "{id}: body font"
        );
        assert!(
            styles.contains(&format!("<w:sz w:val=\"{size}\" />"))
                || styles.contains(&format!("<w:sz w:val=\"{size}\"/>")),
            "{id}: body size"
        );
        assert!(
            styles.contains(&format!("<w:color w:val=\"{accent}\"")),
            "{id}: accent colour"
        );
        let html =
            String::from_utf8(export::render(&r, ExportFormat::Html, &Options::default()).unwrap())
                .unwrap();
        assert!(
            html.contains(&format!("--body-font: \"{font}\"")),
            "{id}: HTML font"
        );
        assert!(
            html.contains(&format!("--accent: #{accent}")),
            "{id}: HTML accent"
        );
    }
    // The officer's paper choice wins over the style's.
    let r = fixture("style-ap");
    let a4 = Options {
        paper: Some(export::Paper::A4),
        ..Options::default()
    };
    let (doc, _) = docx_parts(&export::render(&r, ExportFormat::Docx, &a4).unwrap());
    assert!(doc.contains("<w:pgSz w:w=\"11906\""), "{doc}");
}

/// An office style through the command line: copied by file, imported,
/// listed with its revision, used by `export --style`; a bad file is
/// refused with the field named, and nothing is imported.
#[test]
fn the_command_line_shares_office_styles() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let shared = dir.join("lakeshore.dateline-style.json");
    let mut style = house_style::find("uk-gov").unwrap().clone();
    style.id = "lakeshore".into();
    style.name = "Lakeshore office".into();
    style
        .phrases
        .entry("en".into())
        .or_default()
        .contact_heading = Some("Press desk".into());
    std::fs::write(&shared, house_style::to_json(&style).unwrap()).unwrap();
    let out = dateline(dir, &["styles", "import", shared.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "lakeshore\tr1\n");
    let listed = String::from_utf8(dateline(dir, &["styles"]).stdout).unwrap();
    assert!(
        listed.ends_with("lakeshore\tr1\toffice\tLakeshore office\n"),
        "{listed}"
    );
    assert!(
        listed.starts_with("un\tr1\tbuilt-in\tUnited Nations\n"),
        "{listed}"
    );

    let file = dir.join("r.dateline.json");
    std::fs::write(
        &file,
        dateline_core::file_format::to_string(&fixture("style-un")).unwrap(),
    )
    .unwrap();
    let txt = dir.join("r.txt");
    let out = dateline(
        dir,
        &[
            "export",
            "-f",
            "txt",
            "-o",
            txt.to_str().unwrap(),
            "--style",
            "lakeshore",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("\n\nENDS\n\nNotes to editors\n1. "), "{text}");
    assert!(text.contains("\n\nPress desk\n"), "{text}");

    let back = dir.join("back.dateline-style.json");
    let out = dateline(
        dir,
        &["styles", "export", "lakeshore", back.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut again = house_style::from_json(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(again.revision, 1);
    again.revision = style.revision;
    assert_eq!(again, style);

    let bad = dir.join("bad.dateline-style.json");
    std::fs::write(
        &bad,
        house_style::to_json(&style)
            .unwrap()
            .replace("\"0B0C0C\"", "\"dark grey\""),
    )
    .unwrap();
    let out = dateline(dir, &["styles", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.dateline-style.json")
            && err.contains("typography.accent_color: \"dark grey\""),
        "{err}"
    );
    let listed = String::from_utf8(dateline(dir, &["styles"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), 5, "{listed}");
}

/// `dateline versions` names the style and revision each version was
/// exported with; changing the style afterwards does not change the record.
#[test]
fn versions_name_the_style_revision_they_were_exported_with() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let file = dir.join("r.dateline.json");
    std::fs::write(
        &file,
        dateline_core::file_format::to_string(&fixture("style-uk-gov")).unwrap(),
    )
    .unwrap();
    let out = dateline(dir, &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let shared = dir.join("office.dateline-style.json");
    let mut style = house_style::find("uk-gov").unwrap().clone();
    style.id = "office".into();
    std::fs::write(&shared, house_style::to_json(&style).unwrap()).unwrap();
    assert!(
        dateline(dir, &["styles", "import", shared.to_str().unwrap()])
            .status
            .success()
    );
    let txt = dir.join("out.txt");
    let export = |style: &str| {
        let out = dateline(
            dir,
            &[
                "export",
                "--id",
                &id,
                "-f",
                "txt",
                "-o",
                txt.to_str().unwrap(),
                "--style",
                style,
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    export("office");
    // The style changes: imported again, it is revision 2.
    assert!(
        dateline(dir, &["styles", "import", shared.to_str().unwrap()])
            .status
            .success()
    );
    export("office");
    export("uk-gov");
    let out = dateline(dir, &["versions", &id]);
    let listed = String::from_utf8(out.stdout).unwrap();
    let last = listed.lines().next().unwrap_or_default();
    assert!(
        last.ends_with("\toffice r1, office r2, uk-gov r1"),
        "{listed}"
    );
}
