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
//! Format version 2: a version 1 release (generated in the v1 shape) read
//! through `file_format` keeps every field's meaning, and any v2 release
//! written and read back is the same release.
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

/// A small real picture with any alt text and caption.
fn picture() -> impl Strategy<Value = Block> {
    (text(), text()).prop_map(|(alt, caption)| {
        Block::Image(Image {
            alt,
            caption,
            ..sample::tiny_png()
        })
    })
}

/// Body blocks; subheadings, quotes and pictures stand at the top level
/// only (a list item holds text and nested lists).
fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        4 => list_or_paragraph(),
        1 => prop::collection::vec(inline(), 0..3).prop_map(|content| Block::Subheading { content }),
        1 => (prop::collection::vec(inline(), 0..3), text())
            .prop_map(|(content, speaker)| Block::Quote { content, speaker }),
        1 => picture(),
    ]
}

fn list_or_paragraph() -> impl Strategy<Value = Block> {
    let leaf =
        prop::collection::vec(inline(), 0..4).prop_map(|content| Block::Paragraph { content });
    leaf.prop_recursive(3, 12, 3, |inner| {
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

/// Notes hold paragraphs and lists only.
fn note_block() -> impl Strategy<Value = Block> {
    let para =
        prop::collection::vec(inline(), 0..3).prop_map(|content| Block::Paragraph { content });
    para.prop_recursive(2, 6, 2, |inner| {
        let item = (
            prop::collection::vec(inline(), 0..2),
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
        prop::collection::vec(
            (
                text(),
                prop::collection::vec((text(), text(), text(), text(), text(), text()), 0..3),
            ),
            0..3,
        ),
        (
            prop::collection::vec((text(), text()), 0..3),
            prop::collection::vec(note_block(), 0..3),
        ),
        prop::sample::select(vec!["en", "fr", "ar", "zh", "ru", "he"]),
    )
        .prop_map(
            |(
                (type_label, reference, headline, subheadline, city),
                body,
                groups,
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
                // A contact needs a way to reach someone to be exported:
                // the name, or else the URL, is never blank.
                r.contact_groups = groups
                    .into_iter()
                    .enumerate()
                    .map(|(g, (heading, contacts))| ContactGroup {
                        heading,
                        contacts: contacts
                            .into_iter()
                            .map(|(name, title, organization, email, phone, url)| {
                                let (name, url) = if g % 2 == 0 {
                                    (format!("N{name}"), url)
                                } else {
                                    (name, format!("U{url}"))
                                };
                                Contact {
                                    name,
                                    title,
                                    organization,
                                    email,
                                    phone,
                                    url,
                                }
                            })
                            .collect(),
                    })
                    .collect();
                r.about = about
                    .into_iter()
                    .map(|(heading, text)| AboutSection { heading, text })
                    .collect();
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
    o.about = r
        .about
        .iter()
        .map(|a| AboutSection {
            heading: n(&a.heading),
            text: n(&a.text),
        })
        .collect();
    o.contact_groups = r
        .contact_groups
        .iter()
        .map(|g| ContactGroup {
            heading: n(&g.heading),
            contacts: g
                .contacts
                .iter()
                .map(|c| Contact {
                    name: n(&c.name),
                    title: n(&c.title),
                    organization: n(&c.organization),
                    email: n(&c.email),
                    phone: n(&c.phone),
                    url: n(&c.url),
                })
                .collect(),
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
                Block::Subheading { content } => Block::Subheading {
                    content: runs(content),
                },
                Block::Quote { content, speaker } => Block::Quote {
                    content: runs(content),
                    speaker: n(speaker),
                },
                Block::Image(img) => Block::Image(Image {
                    alt: n(&img.alt),
                    caption: n(&img.caption),
                    ..img.clone()
                }),
                Block::BulletList { items: i } => Block::BulletList { items: items(i) },
                Block::OrderedList { items: i } => Block::OrderedList { items: items(i) },
            })
            .collect()
    }
    o.body = blocks(&r.body, &n);
    o.notes_to_editors = blocks(&r.notes_to_editors, &n);
    o
}

/// A release in the format version 1 shape, as Dateline wrote them.
fn release_v1() -> impl Strategy<Value = file_format::v1::ReleaseV1> {
    use file_format::v1::{BlockV1, ContactV1, ListItemV1};
    let para =
        prop::collection::vec(inline(), 0..3).prop_map(|content| BlockV1::Paragraph { content });
    let block = para.prop_recursive(2, 8, 2, |inner| {
        let item = (
            prop::collection::vec(inline(), 0..2),
            prop::collection::vec(inner, 0..2),
        )
            .prop_map(|(content, children)| ListItemV1 { content, children });
        (any::<bool>(), prop::collection::vec(item, 1..3)).prop_map(|(ordered, items)| {
            if ordered {
                BlockV1::OrderedList { items }
            } else {
                BlockV1::BulletList { items }
            }
        })
    });
    (
        release(),
        prop::collection::vec(block, 0..4),
        prop::collection::vec((text(), text(), text(), text(), text()), 0..3),
        text(),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(r, body, contacts, about, notes)| file_format::v1::ReleaseV1 {
                id: r.id,
                type_label: r.type_label,
                reference: r.reference,
                language: r.language,
                timing: r.timing,
                headline: r.headline,
                subheadline: r.subheadline,
                dateline: r.dateline,
                body,
                contacts: contacts
                    .into_iter()
                    .map(|(name, title, organization, email, phone)| ContactV1 {
                        name,
                        title,
                        organization,
                        email,
                        phone,
                    })
                    .collect(),
                about,
                notes_to_editors: notes,
                end_mark: r.end_mark,
                house_style: r.house_style,
                status: r.status,
                version: r.version,
                revision: r.revision,
                created_at: r.created_at,
                updated_at: r.updated_at,
            },
        )
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
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
        s2.about.push(AboutSection { heading: String::new(), text: "x".into() });
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
    fn a_version_1_file_keeps_every_fields_meaning(old in release_v1()) {
        let file = serde_json::json!({
            "format": "dateline-release",
            "format_version": 1,
            "release": &old,
        });
        let text = serde_json::to_string_pretty(&file).map_err(fail)?;
        let r = file_format::from_str(&text).map_err(fail)?;
        // Fields whose shape did not change are the same JSON.
        let (a, b) = (serde_json::to_value(&old).map_err(fail)?, serde_json::to_value(&r).map_err(fail)?);
        for key in ["id", "type_label", "reference", "language", "timing", "headline", "subheadline",
                    "dateline", "body", "end_mark", "house_style", "status", "version", "revision",
                    "created_at", "updated_at"] {
            prop_assert_eq!(&a[key], &b[key], "{}", key);
        }
        // Contacts: one group without a heading, each contact as it was.
        let contacts: Vec<Contact> = r.contacts().cloned().collect();
        prop_assert_eq!(contacts.len(), old.contacts.len());
        prop_assert!(r.contact_groups.iter().all(|g| g.heading.is_empty()));
        for (c, o) in contacts.iter().zip(&old.contacts) {
            prop_assert_eq!(
                (&c.name, &c.title, &c.organization, &c.email, &c.phone, c.url.as_str()),
                (&o.name, &o.title, &o.organization, &o.email, &o.phone, "")
            );
        }
        // About: the text whole, under the style's heading (none of its own).
        let about: Vec<(String, String)> = r.about.iter().map(|a| (a.heading.clone(), a.text.clone())).collect();
        let want: Vec<(String, String)> = if old.about.is_empty() { vec![] } else { vec![(String::new(), old.about.clone())] };
        prop_assert_eq!(about, want);
        // Notes: one paragraph each, same text, no marks.
        prop_assert_eq!(r.notes_to_editors.len(), old.notes_to_editors.len());
        for (b, o) in r.notes_to_editors.iter().zip(&old.notes_to_editors) {
            match b {
                Block::Paragraph { content } => {
                    prop_assert_eq!(&model::inline_text(content), o);
                    prop_assert!(content.iter().all(|i| !i.bold && !i.italic && i.link.is_none()));
                }
                other => prop_assert!(false, "a note became {:?}", other),
            }
        }
        // Exported, the converted release says what the old one said.
        let txt = export::render(&r, ExportFormat::Txt, &Options::default());
        if let Ok(txt) = txt {
            let txt = String::from_utf8(txt).map_err(fail)?;
            for p in export::view::build(&r).map_err(fail)?.about.iter().flat_map(|a| a.paragraphs.clone()) {
                prop_assert!(txt.contains(&p));
            }
        }
    }

    #[test]
    fn a_version_2_file_reads_back_as_written(r in release()) {
        let json = file_format::to_string(&r).map_err(fail)?;
        prop_assert!(json.contains("\"format_version\": 2"));
        let back = file_format::from_str(&json).map_err(fail)?;
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(file_format::to_string(&back).map_err(fail)?, json);
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
