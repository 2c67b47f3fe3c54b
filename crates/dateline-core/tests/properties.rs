//! Property tests: arbitrary Unicode in every field never breaks an export,
//! never reaches HTML unescaped, and survives a save and a load unchanged;
//! a language version's link to its source survives export, import and
//! restore.
//!
//! The HTML check parses the page with html5ever (through dom_query, as a
//! browser would) and compares it with the page of the same release whose
//! `<>&"'` were replaced by `x`: every element, attribute and text node must
//! match once those five characters are mapped the same way. A value that
//! escapes its text node or attribute (alt, meta content, href) adds or
//! changes nodes or attributes and fails, which counting `<` could not see.
//!
//! CI runs a modest number of cases (PROPTEST_CASES, default 48);
//! `bench/proptest-long` runs 10,000. Failing seeds are kept in
//! `proptest-regressions/` and committed.

use std::io::Read;

use dateline_core::export::{self, ExportFormat, Options};
use dateline_core::store::Store;
use dateline_core::*;
use proptest::prelude::*;

/// Text mixing anything proptest likes with the characters that break exports.
fn text() -> impl Strategy<Value = String> {
    let nasty = prop::sample::select(vec![
        "\u{0}",
        "\u{B}",
        "\u{C}",
        "\u{1F}",
        "\u{FFFE}",
        "\u{FFFF}",
        "\r\n",
        "\r",
        "\n",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "]]>",
        "&amp;",
        "\u{202E}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{2028}",
        "\u{2029}",
        "👩‍👩‍👧",
        "🇰🇬",
        "e\u{301}",
        "مرحبا",
        "漢字",
        "<script>alert(1)</script>",
        " ",
    ]);
    prop::collection::vec(
        prop_oneof![any::<String>(), nasty.prop_map(String::from)],
        0..6,
    )
    .prop_map(|v| v.concat())
}

fn inline() -> impl Strategy<Value = Inline> {
    (
        text(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(text()),
    )
        .prop_map(|(text, bold, italic, link)| Inline {
            text,
            bold,
            italic,
            link,
        })
}

fn block() -> impl Strategy<Value = Block> {
    let para =
        prop::collection::vec(inline(), 0..4).prop_map(|content| Block::Paragraph { content });
    para.prop_recursive(3, 12, 3, |inner| {
        let item = (
            prop::collection::vec(inline(), 0..3),
            prop::collection::vec(inner, 0..2),
        )
            .prop_map(|(content, children)| ListItem { content, children });
        (any::<bool>(), prop::collection::vec(item, 1..3)).prop_map(|(ordered, items)| {
            if ordered {
                Block::OrderedList { items }
            } else {
                Block::BulletList { items }
            }
        })
    })
}

fn release() -> impl Strategy<Value = Release> {
    (
        (text(), text(), text(), text(), text()),
        prop::collection::vec(block(), 0..5),
        prop::collection::vec((text(), text(), text(), text(), text()), 0..3),
        (text(), prop::collection::vec(text(), 0..3)),
        prop::sample::select(vec!["en", "fr", "ar", "zh", "ru", "he"]),
    )
        .prop_map(
            |(
                (type_label, reference, headline, subheadline, city),
                body,
                contacts,
                (about, notes),
                lang,
            )| {
                let mut r = sample::release();
                r.type_label = type_label;
                r.reference = reference;
                r.headline = headline;
                r.subheadline = subheadline;
                r.dateline.city = city;
                r.language = lang.to_string();
                r.body = body;
                // A contact needs a name to be exported; keep one.
                r.contacts = contacts
                    .into_iter()
                    .map(|(name, title, organization, email, phone)| Contact {
                        name: format!("N{name}"),
                        title,
                        organization,
                        email,
                        phone,
                    })
                    .collect();
                r.about = about;
                r.notes_to_editors = notes;
                r
            },
        )
}

/// The five HTML-special characters replaced by 'x'.
fn n(s: &str) -> String {
    s.replace(['<', '>', '&', '"', '\''], "x")
}

/// The same release with the five HTML-special characters replaced by 'x'.
fn neutral(r: &Release) -> Release {
    let mut o = r.clone();
    o.type_label = n(&r.type_label);
    o.reference = n(&r.reference);
    o.headline = n(&r.headline);
    o.subheadline = n(&r.subheadline);
    o.dateline.city = n(&r.dateline.city);
    o.about = n(&r.about);
    o.notes_to_editors = r.notes_to_editors.iter().map(|s| n(s)).collect();
    o.contacts = r
        .contacts
        .iter()
        .map(|c| Contact {
            name: n(&c.name),
            title: n(&c.title),
            organization: n(&c.organization),
            email: n(&c.email),
            phone: n(&c.phone),
        })
        .collect();
    fn blocks(b: &[Block], n: &dyn Fn(&str) -> String) -> Vec<Block> {
        let runs = |c: &[Inline]| {
            c.iter()
                .map(|i| Inline {
                    text: n(&i.text),
                    ..i.clone()
                })
                .collect::<Vec<_>>()
        };
        let items = |items: &[ListItem]| {
            items
                .iter()
                .map(|it| ListItem {
                    content: runs(&it.content),
                    children: blocks(&it.children, n),
                })
                .collect::<Vec<_>>()
        };
        b.iter()
            .map(|b| match b {
                Block::Paragraph { content } => Block::Paragraph {
                    content: runs(content),
                },
                Block::BulletList { items: i } => Block::BulletList { items: items(i) },
                Block::OrderedList { items: i } => Block::OrderedList { items: items(i) },
            })
            .collect()
    }
    o.body = blocks(&r.body, &n);
    o
}

/// "%3C" → "<": safe links percent-encode the characters that `neutral`
/// replaced, so hrefs are compared decoded.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parsed page as one line per node in document order: elements with
/// every attribute and its decoded value, text nodes with their decoded
/// text, the JSON-LD as its parsed value; `<>&"'` mapped to 'x' throughout.
fn dom_lines(html: &str) -> Vec<String> {
    fn json_n(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::String(s) => Value::String(n(&s)),
            Value::Array(a) => Value::Array(a.into_iter().map(json_n).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, json_n(v))).collect()),
            other => other,
        }
    }
    fn walk(node: &dom_query::NodeRef, in_script: bool, out: &mut Vec<String>) {
        if node.is_element() {
            let name = node.node_name().map(|t| t.to_string()).unwrap_or_default();
            let attrs: Vec<String> = node
                .attrs()
                .iter()
                .map(|a| {
                    let value = if &*a.name.local == "href" {
                        percent_decode(&a.value)
                    } else if a.value.starts_with("data:") {
                        // The logo: the same on both pages, and long.
                        format!("data: ({} bytes)", a.value.len())
                    } else {
                        a.value.to_string()
                    };
                    format!("{}={:?}", &*a.name.local, n(&value))
                })
                .collect();
            out.push(format!("<{name} {}>", attrs.join(" ")));
            for child in node.children() {
                walk(&child, name == "script", out);
            }
            out.push(format!("</{name}>"));
        } else if node.is_text() {
            let text = node.text().to_string();
            if in_script {
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(v) => out.push(format!("json {}", json_n(v))),
                    Err(e) => out.push(format!("script that is not JSON ({e}): {text}")),
                }
            } else {
                out.push(format!("text {:?}", n(&text)));
            }
        } else {
            for child in node.children() {
                walk(&child, in_script, out);
            }
        }
    }
    let doc = dom_query::Document::from(html);
    let mut out = Vec::new();
    walk(&doc.root(), false, &mut out);
    out
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn docx_parts_always_parse(r in release(), organization in text()) {
        let opts = Options { organization, ..Options::default() };
        let bytes = export::render(&r, ExportFormat::Docx, &opts).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            if !(f.name().ends_with(".xml") || f.name().ends_with(".rels")) { continue; }
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            prop_assert!(s.chars().all(clean::is_xml_char), "{}: illegal character", f.name());
            let mut rd = quick_xml::Reader::from_str(&s);
            rd.config_mut().check_end_names = true;
            loop {
                match rd.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => prop_assert!(false, "{}: {}", f.name(), e),
                }
            }
        }
    }

    #[test]
    fn html_never_carries_unescaped_user_text(r in release(), organization in text()) {
        let opts = Options { organization: organization.clone(), ..Options::default() };
        let html = String::from_utf8(export::render(&r, ExportFormat::Html, &opts).unwrap()).unwrap();
        let neutral_opts = Options { organization: n(&organization), ..Options::default() };
        let base = String::from_utf8(export::render(&neutral(&r), ExportFormat::Html, &neutral_opts).unwrap()).unwrap();
        let (got, want) = (dom_lines(&html), dom_lines(&base));
        if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
            prop_assert!(false, "node {i} differs:\n  page:    {:?}\n  neutral: {:?}", got.get(i), want.get(i));
        }
        // The hostile organization reaches the attributes whole, decoded.
        let doc = dom_query::Document::from(html.as_str());
        let org = clean::line(&organization);
        prop_assert_eq!(doc.select("img").attr("alt").map(|a| a.to_string()), Some(org.clone()));
        if !org.is_empty() {
            prop_assert_eq!(
                doc.select("meta[property=\"og:site_name\"]").attr("content").map(|a| a.to_string()),
                Some(org)
            );
        }
    }

    #[test]
    fn a_language_link_survives_export_import_and_restore(r in release(), edit in text(), lang in prop::sample::select(vec!["fr", "ar", "zh", "he"])) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let mut source = r;
        source.id = model::new_id();
        source.language = "en".into();
        store.insert(&source).unwrap();
        let t = store.add_language_version(&source.id, lang).unwrap();
        let link = t.translation_of.clone().unwrap();
        prop_assert_eq!(&link.release_id, &source.id);
        // Restore: the translation's v1 is restored after the link moved on.
        let mut t = t;
        t.headline = edit.clone();
        store.save(&t).unwrap();
        store.snapshot(&t.id, "test").unwrap();
        let mut s2 = store.get(&source.id).unwrap();
        s2.headline = format!("{}{edit}", s2.headline);
        s2.about.push('x');
        store.save(&s2).unwrap();
        let moved = store.mark_translation_current(&t.id).unwrap();
        let restored = store.restore_version(&t.id, 1).unwrap();
        prop_assert_eq!(&restored.translation_of, &moved.translation_of);
        // Export to a file and import it into another database.
        let json = file_format::to_string(&restored).unwrap();
        let read = file_format::from_str(&json).unwrap();
        prop_assert_eq!(&read.translation_of, &moved.translation_of);
        let other = tempfile::tempdir().unwrap();
        let (mut there, _) = Store::open(other.path()).unwrap();
        let imported = there
            .import(&read, "t.dateline.json")
            .map_err(|e| TestCaseError::fail(format!("import refused: {e}")))?;
        prop_assert_eq!(&imported.translation_of, &moved.translation_of);
        prop_assert_eq!(there.language_links().unwrap().len(), 1);
    }

    #[test]
    fn save_then_load_is_identity(r in release()) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let mut r = r;
        r.id = model::new_id();
        store.insert(&r).unwrap();
        prop_assert_eq!(&store.get(&r.id).unwrap(), &r);
        let json = file_format::to_string(&r).unwrap();
        prop_assert_eq!(file_format::from_str(&json).unwrap(), r);
    }
}
