//! What Windows users meet: data in `%APPDATA%`, export names under
//! Windows' file-name rules, a file Word holds open, CRLF in imports, fonts
//! that Windows has, and folders named with spaces and non-Latin letters.
//!
//! Everything here also runs on Linux (the exports are the same bytes on both
//! systems); the tests marked `cfg(windows)` need Windows' file system and
//! run under wine with `make wine-test` (docs/INSTALL.md).

use std::path::Path;

use dateline_core::export::{self, filename, ExportFormat, Options};
use dateline_core::store::Store;
use dateline_core::{file_format, sample};

mod common;
use common::dateline;

fn samples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".dateline.json"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "samples missing in {}", dir.display());
    v
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Headlines and typed names that Windows would refuse, rename or turn into
/// a device: each export lands under exactly the name Dateline chose.
#[test]
fn export_names_follow_windows_rules() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        "CON",
        "nul",
        "Com1",
        "LPT9.",
        "aux.txt",
        "Budget 2025. ",
        "Budget 2025 ...",
        "a<b>c:d\"e/f\\g|h?i*j",
        " spaces around ",
        "tab\tand\nnewline",
    ];
    let mut expected = Vec::new();
    for (i, text) in hostile.iter().enumerate() {
        let typed = filename::sanitize_user_name(&format!("{text}.docx"));
        let bare = filename::sanitize_user_name(text);
        let named =
            filename::export_name("2025-03-04", text, i as u32 + 1, true, ExportFormat::Txt);
        for name in [typed, bare, named] {
            assert!(
                !name.ends_with('.') && !name.ends_with(' '),
                "{text:?} gave {name:?}"
            );
            assert!(
                !name.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*']),
                "{text:?} gave {name:?}"
            );
            let stem = name.split('.').next().unwrap().trim().to_ascii_uppercase();
            let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
                || (stem.len() == 4
                    && (stem.starts_with("COM") || stem.starts_with("LPT"))
                    && stem.as_bytes()[3].is_ascii_digit());
            assert!(!reserved, "{text:?} gave the device name {name:?}");
            if expected.contains(&name) {
                continue;
            }
            export::atomic::write(&dir.path().join(&name), name.as_bytes())
                .unwrap_or_else(|e| panic!("{name:?}: {e}"));
            assert_eq!(
                std::fs::read(dir.path().join(&name)).unwrap(),
                name.as_bytes()
            );
            expected.push(name);
        }
    }
    expected.sort();
    // The file system kept every name as given: nothing was renamed, merged
    // or sent to a device.
    assert_eq!(names_in(dir.path()), expected);
}

/// A folder as Windows users have them: spaces and non-Latin letters, for
/// the database, the exports and the command line's arguments.
#[test]
fn spaces_and_non_latin_letters_in_paths() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("Åsa Ñúñez").join("Документы");
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("Données Dateline");

    let (mut store, _) = Store::open(&data).unwrap();
    let fr = file_format::read(
        &samples()
            .into_iter()
            .find(|p| p.ends_with("fr.dateline.json"))
            .unwrap(),
    )
    .unwrap();
    let r = store.import(&fr, "fr.dateline.json").unwrap();
    drop(store);
    let (store, _) = Store::open(&data).unwrap();
    assert_eq!(store.get(&r.id).unwrap().headline, r.headline);

    for format in [ExportFormat::Docx, ExportFormat::Html, ExportFormat::Txt] {
        let path = dir.join(format!("Пресс-релиз № 1 — ملف.{}", format.extension()));
        export::export_to(&r, format, &Options::default(), &path).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 0);
    }

    let json = dir.join("Relação de imprensa.dateline.json");
    std::fs::write(&json, file_format::to_string(&r).unwrap()).unwrap();
    let out_file = dir.join("Экспорт из командной строки.docx");
    let args = [
        "export".as_ref(),
        "--format".as_ref(),
        "docx".as_ref(),
        "--output".as_ref(),
        out_file.as_os_str(),
        json.as_os_str(),
    ];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env("DATELINE_DATA_DIR", &data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&out_file).unwrap().starts_with(b"PK"));
    let other = dir.join("Base de données nº 2");
    let out = dateline(&other, &["import", json.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = dateline(&other, &["list"]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains(&r.headline),
        "{}",
        String::from_utf8_lossy(&listed.stdout)
    );
}

/// A `.dateline.json` saved by a Windows editor (CRLF line ends), and text
/// pasted with CRLF inside its fields, import and export as the LF original.
#[test]
fn crlf_in_imports() {
    for path in samples() {
        let lf = std::fs::read_to_string(&path).unwrap();
        assert!(!lf.contains('\r'), "{} has CR already", path.display());
        let crlf = lf.replace('\n', "\r\n");
        let a = file_format::from_str(&lf).unwrap();
        let b = file_format::from_str(&crlf)
            .unwrap_or_else(|e| panic!("{} with CRLF: {e}", path.display()));
        assert_eq!(a, b, "{}", path.display());
    }

    let mut r = sample::release();
    r.about = vec![dateline_core::AboutSection {
        heading: String::new(),
        text: "First line of About.\r\nSecond line.\r\n\r\nA new paragraph.".into(),
    }];
    r.subheadline = "Pasted\r\nfrom Word".into();
    let lf_twin = {
        let mut t = r.clone();
        t.about[0].text = t.about[0].text.replace("\r\n", "\n");
        t.subheadline = t.subheadline.replace("\r\n", "\n");
        t
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crlf.dateline.json");
    std::fs::write(&file, file_format::to_string(&r).unwrap()).unwrap();
    let imported = file_format::read(&file).unwrap();
    for format in [ExportFormat::Txt, ExportFormat::Html, ExportFormat::Docx] {
        let opts = Options::default();
        let got = export::render(&imported, format, &opts).unwrap();
        let want = export::render(&lf_twin, format, &opts).unwrap();
        if format == ExportFormat::Docx {
            let got = common_parts(&got);
            assert_eq!(got, common_parts(&want), "docx parts differ");
            assert!(
                !got.contains("&#13;") && !got.contains('\r'),
                "CR in the Word file"
            );
        } else {
            assert!(!got.contains(&b'\r'), "CR in the {format:?} export");
            assert_eq!(got, want, "{format:?}");
        }
    }
    // Plain text with Windows line ends on request.
    let crlf_opts = Options {
        crlf: true,
        ..Options::default()
    };
    let text = String::from_utf8(export::render(&imported, ExportFormat::Txt, &crlf_opts).unwrap())
        .unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']));
}

/// The document and styles parts of a Word file (the parts that carry text).
fn common_parts(docx: &[u8]) -> String {
    part(docx, "word/document.xml") + &part(docx, "word/styles.xml")
}

/// Fonts that every Windows 10 and 11 installation has (Microsoft's
/// "Windows 10 font list", the fonts not tied to an optional language pack).
const WINDOWS_FONTS: &[&str] = &[
    "Arial",
    "Calibri",
    "Cambria",
    "Candara",
    "Consolas",
    "Courier New",
    "Georgia",
    "Microsoft YaHei",
    "Segoe UI",
    "SimSun",
    "Symbol",
    "Tahoma",
    "Times New Roman",
    "Verdana",
];
const GENERIC: &[&str] = &["serif", "sans-serif", "monospace", "system-ui"];

fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The values of `attr="…"` in `xml`.
fn attr_values(xml: &str, attrs: &[&str]) -> Vec<String> {
    let mut v = Vec::new();
    for a in attrs {
        let key = format!("{a}=\"");
        let mut rest = xml;
        while let Some(i) = rest.find(&key) {
            rest = &rest[i + key.len()..];
            let end = rest.find('"').unwrap();
            if !rest[..end].is_empty() {
                v.push(rest[..end].to_string());
            }
            rest = &rest[end..];
        }
    }
    v
}

/// Every font a Word export names is one Windows has, and the font table
/// declares it with its family, which Word uses to pick a stand-in.
#[test]
fn docx_fonts_exist_on_windows_and_are_declared() {
    for path in samples() {
        let r = file_format::read(&path).unwrap();
        let docx = export::render(&r, ExportFormat::Docx, &Options::default()).unwrap();
        let table = part(&docx, "word/fontTable.xml");
        let mut used = Vec::new();
        for name in ["word/styles.xml", "word/document.xml"] {
            let xml = part(&docx, name);
            // Only the font elements: `w:lang` has a `w:eastAsia` too.
            for tag in xml.split("<w:rFonts ").skip(1) {
                let tag = &tag[..tag.find('>').unwrap()];
                used.extend(attr_values(
                    tag,
                    &["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"],
                ));
            }
        }
        used.extend(attr_values(
            &part(&docx, "word/theme/theme1.xml"),
            &["typeface"],
        ));
        used.sort();
        used.dedup();
        assert!(!used.is_empty(), "{}: no fonts named", path.display());
        for font in &used {
            assert!(
                WINDOWS_FONTS.contains(&font.as_str()),
                "{}: {font} is not a font Windows has",
                path.display()
            );
            let decl = format!("<w:font w:name=\"{font}\">");
            let at = table.find(&decl).unwrap_or_else(|| {
                panic!("{}: {font} missing from the font table", path.display())
            });
            let entry = &table[at..at + table[at..].find("</w:font>").unwrap()];
            assert!(
                entry.contains("<w:family "),
                "{}: {font} has no family in the font table",
                path.display()
            );
        }
    }
}

/// Every font stack in the HTML names a Windows font before it falls back to
/// a generic family, and ends with one.
#[test]
fn html_font_stacks_have_windows_fonts_and_fallbacks() {
    for path in samples() {
        let r = file_format::read(&path).unwrap();
        let html =
            String::from_utf8(export::render(&r, ExportFormat::Html, &Options::default()).unwrap())
                .unwrap();
        // The house style's fonts arrive as custom properties (`--body-font:
        // "Calibri", …` in a :root rule); a stack that is `var(--x)` is
        // checked as the value it stands for.
        let vars: std::collections::HashMap<String, String> = html
            .split(['{', ';', '}'])
            .filter_map(|d| {
                let (name, value) = d.trim().split_once(':')?;
                name.starts_with("--")
                    .then(|| (name.trim().to_string(), value.trim().to_string()))
            })
            .collect();
        let mut stacks = 0;
        for decl in html.split(['{', ';', '}']) {
            let decl = decl.trim();
            let value = if let Some(v) = decl.strip_prefix("font-family:") {
                v.to_string()
            } else if let Some(v) = decl.strip_prefix("font:") {
                // The family list follows the size (the token with a digit
                // and a unit, e.g. "16px/1.55").
                let v = v.trim();
                let Some(i) = v
                    .find(['"', '\''])
                    .or_else(|| v.split_whitespace().last().and_then(|w| v.rfind(w)))
                else {
                    continue;
                };
                v[i..].to_string()
            } else {
                continue;
            };
            let value = match value
                .trim()
                .strip_prefix("var(")
                .and_then(|v| v.strip_suffix(')'))
            {
                Some(name) => vars.get(name.trim()).cloned().unwrap_or_else(|| {
                    panic!("{}: `{decl}` names an unset {name}", path.display())
                }),
                None => value,
            };
            stacks += 1;
            let families: Vec<String> = value
                .split(',')
                .map(|f| f.trim().trim_matches(['"', '\'']).to_string())
                .collect();
            let last = families.last().unwrap();
            assert!(
                GENERIC.contains(&last.as_str()),
                "{}: `{decl}` ends without a generic family",
                path.display()
            );
            assert!(
                families.iter().any(|f| WINDOWS_FONTS.contains(&f.as_str())),
                "{}: `{decl}` names no font Windows has",
                path.display()
            );
        }
        assert!(stacks > 0, "{}: no font stacks", path.display());
    }
}

/// The data folder is `%APPDATA%\org.dateline.app`, where the installer's
/// uninstaller leaves it (docs/INSTALL.md).
#[cfg(windows)]
#[test]
fn data_folder_is_in_appdata() {
    let appdata = std::env::var_os("APPDATA").expect("APPDATA is set on Windows");
    assert_eq!(
        dateline_core::store::default_data_dir(),
        Some(Path::new(&appdata).join("org.dateline.app"))
    );
}

/// Exporting over a file that Word holds open (Word opens documents without
/// sharing) says so, and leaves the file as it was, with no partial file.
#[cfg(windows)]
#[test]
fn exporting_over_a_file_word_holds_open() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("Press release v2 DRAFT.docx");
    std::fs::write(&target, b"the copy Word has open").unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(0)
        .open(&target)
        .unwrap();

    let r = sample::release();
    let e = export::export_to(&r, ExportFormat::Docx, &Options::default(), &target).unwrap_err();
    assert!(matches!(e, dateline_core::Error::InUse { .. }), "{e:?}");
    assert_eq!(e.code(), dateline_core::ErrorCode::Io);
    let msg = e.to_string();
    assert!(
        msg.contains("Press release v2 DRAFT.docx")
            && msg.contains("is open in another program (Word?): close it in Word and try again"),
        "{msg}"
    );
    drop(held);
    assert_eq!(std::fs::read(&target).unwrap(), b"the copy Word has open");
    assert_eq!(names_in(dir.path()), ["Press release v2 DRAFT.docx"]);

    // Closed in Word: the same export goes through.
    export::export_to(&r, ExportFormat::Docx, &Options::default(), &target).unwrap();
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
    // (A read-only target, which Windows also refuses to replace with
    // "access denied", is told apart by opening it for writing; wine 8.0
    // replaces read-only files, so that case is not tested here.)
}

/// The command line says the same, on one line.
#[cfg(windows)]
#[test]
fn command_line_names_the_file_word_holds_open() {
    use std::os::windows::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("welcome.dateline.json");
    std::fs::write(&json, file_format::to_string(&sample::release()).unwrap()).unwrap();
    let target = dir.path().join("held.docx");
    std::fs::write(&target, b"open in Word").unwrap();
    let _held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&target)
        .unwrap();
    let out = dateline(
        &dir.path().join("data"),
        &[
            "export",
            "--format",
            "docx",
            "--output",
            target.to_str().unwrap(),
            json.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "held.docx is open in another program (Word?): close it in Word and try again"
        ),
        "{err}"
    );
}
