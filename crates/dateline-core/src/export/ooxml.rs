//! Closes the gaps docx-rs 0.4.22 leaves in a Word package, in one place:
//!
//! - core properties: docx-rs cannot set title, subject, keywords or creator
//!   (it writes creator "unknown"), so `docProps/core.xml` is written here;
//! - custom properties: docx-rs writes their values unescaped, so
//!   `docProps/custom.xml` is written here, escaped by quick-xml;
//! - run language and direction: docx-rs has paragraph `bidi` only, so every
//!   `w:r` gets `w:rtl` (right-to-left scripts) and `w:lang` here;
//! - hyperlink relationship ids come from a process-wide counter in docx-rs,
//!   so the same release would give different bytes on a second export;
//!   they are renumbered in document order here;
//! - docx-rs stores every entry uncompressed; the package is written here
//!   with deflate and a fixed timestamp, so output is byte-identical for the
//!   same input.
//!
//! Text reaching this module has already been cleaned by `crate::clean`.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;

use crate::error::{Error, Result};
use crate::labels::Script;

/// Document metadata written to the core and custom properties.
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub keywords: String,
    pub description: String,
    pub creator: String,
    pub language: String,
    pub created: String,
    pub modified: String,
    pub release_id: String,
    pub version: u32,
    pub status: String,
}

/// Names of the custom properties that match a reviewed file to its release.
pub const PROP_RELEASE_ID: &str = "Dateline Release ID";
pub const PROP_VERSION: &str = "Dateline Version";
pub const PROP_STATUS: &str = "Dateline Status";

fn err(e: impl std::fmt::Display) -> Error {
    Error::Docx(e.to_string())
}

/// Patches the parts docx-rs built and writes the compressed package.
pub fn package(
    mut xml: XMLDocx,
    meta: &Metadata,
    language: &str,
    script: Script,
) -> Result<Vec<u8>> {
    xml.doc_props.core = core_xml(meta)?;
    xml.doc_props.custom = custom_xml(meta)?;
    let (document, rels) = renumber_hyperlinks(&xml.document, &xml.document_rels);
    xml.document = add_run_language(&document, language, script)?;
    xml.document_rels = rels;
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = add_run_language(part, language, script)?;
    }
    zip_package(xml)
}

fn core_xml(m: &Metadata) -> Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(err)?;
    let mut root = BytesStart::new("cp:coreProperties");
    root.push_attribute((
        "xmlns:cp",
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    ));
    root.push_attribute(("xmlns:dc", "http://purl.org/dc/elements/1.1/"));
    root.push_attribute(("xmlns:dcterms", "http://purl.org/dc/terms/"));
    root.push_attribute(("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    w.write_event(Event::Start(root)).map_err(err)?;
    let creator = if m.creator.is_empty() {
        "Dateline"
    } else {
        m.creator.as_str()
    };
    for (tag, value) in [
        ("dc:title", m.title.as_str()),
        ("dc:subject", m.subject.as_str()),
        ("dc:creator", creator),
        ("cp:keywords", m.keywords.as_str()),
        ("dc:description", m.description.as_str()),
        ("cp:lastModifiedBy", creator),
        ("dc:language", m.language.as_str()),
    ] {
        if !value.is_empty() {
            w.create_element(tag)
                .write_text_content(BytesText::new(value))
                .map_err(err)?;
        }
    }
    w.create_element("cp:revision")
        .write_text_content(BytesText::new(&m.version.max(1).to_string()))
        .map_err(err)?;
    for (tag, value) in [
        ("dcterms:created", &m.created),
        ("dcterms:modified", &m.modified),
    ] {
        w.create_element(tag)
            .with_attribute(("xsi:type", "dcterms:W3CDTF"))
            .write_text_content(BytesText::new(value))
            .map_err(err)?;
    }
    w.write_event(Event::End(BytesEnd::new("cp:coreProperties")))
        .map_err(err)?;
    Ok(w.into_inner())
}

fn custom_xml(m: &Metadata) -> Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(err)?;
    let mut root = BytesStart::new("Properties");
    root.push_attribute((
        "xmlns",
        "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    ));
    root.push_attribute((
        "xmlns:vt",
        "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    ));
    w.write_event(Event::Start(root)).map_err(err)?;
    let version = m.version.to_string();
    for (pid, (name, kind, value)) in [
        (PROP_RELEASE_ID, "vt:lpwstr", m.release_id.as_str()),
        (PROP_VERSION, "vt:i4", version.as_str()),
        (PROP_STATUS, "vt:lpwstr", m.status.as_str()),
    ]
    .into_iter()
    .enumerate()
    {
        // pid 0 and 1 are reserved by the format; user properties start at 2.
        let pid = (pid + 2).to_string();
        w.create_element("property")
            .with_attribute(("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"))
            .with_attribute(("pid", pid.as_str()))
            .with_attribute(("name", name))
            .write_inner_content(|w| {
                w.create_element(kind)
                    .write_text_content(BytesText::new(value))?;
                Ok(())
            })
            .map_err(err)?;
    }
    w.write_event(Event::End(BytesEnd::new("Properties")))
        .map_err(err)?;
    Ok(w.into_inner())
}

/// Renumbers `rIdHyperlinkN` ids in order of first appearance in the document.
fn renumber_hyperlinks(document: &[u8], rels: &[u8]) -> (Vec<u8>, Vec<u8>) {
    const PREFIX: &[u8] = b"rIdHyperlink";
    let mut map: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut i = 0;
    while let Some(pos) = find(&document[i..], PREFIX) {
        let start = i + pos + PREFIX.len();
        let end = start
            + document[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        let old = document[i + pos..end].to_vec();
        if !map.iter().any(|(o, _)| *o == old) {
            let new = format!("rIdLink{}", map.len() + 1).into_bytes();
            map.push((old, new));
        }
        i = end;
    }
    let replace = |bytes: &[u8]| {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i..].starts_with(PREFIX) {
                let end = i
                    + PREFIX.len()
                    + bytes[i + PREFIX.len()..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                let old = &bytes[i..end];
                match map.iter().find(|(o, _)| o == old) {
                    Some((_, new)) => out.extend_from_slice(new),
                    None => out.extend_from_slice(old),
                }
                i = end;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    };
    (replace(document), sort_relationships(&replace(rels)))
}

/// Orders `<Relationship .../>` entries by id. docx-rs keeps them in a map
/// keyed by the old ids, so their order would otherwise follow the counter.
fn sort_relationships(rels: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(rels);
    let (Some(first), Some(end)) = (text.find("<Relationship "), text.rfind("</Relationships>"))
    else {
        return rels.to_vec();
    };
    let mut items: Vec<&str> = text[first..end]
        .split_inclusive("/>")
        .filter(|s| !s.trim().is_empty())
        .collect();
    let id = |s: &str| {
        let start = s.find("Id=\"").map(|i| i + 4).unwrap_or(0);
        let key = &s[start..];
        let key = &key[..key.find('"').unwrap_or(key.len())];
        // Natural order: "rIdLink2" before "rIdLink10".
        let digits = key.trim_start_matches(|c: char| !c.is_ascii_digit());
        (
            key[..key.len() - digits.len()].to_string(),
            digits.parse::<u64>().unwrap_or(0),
        )
    };
    items.sort_by_key(|s| id(s));
    format!("{}{}{}", &text[..first], items.concat(), &text[end..]).into_bytes()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Gives every run `w:lang` (and `w:rtl` for right-to-left scripts), keeping
/// the schema order of `w:rPr` children: both go last, after anything
/// docx-rs writes.
fn add_run_language(part: &[u8], language: &str, script: Script) -> Result<Vec<u8>> {
    let mut reader = Reader::from_reader(part);
    let mut writer = Writer::new(Vec::with_capacity(part.len() + part.len() / 4));
    let mut lang = BytesStart::new("w:lang");
    lang.push_attribute(("w:val", language));
    match script {
        Script::RightToLeft => lang.push_attribute(("w:bidi", language)),
        Script::EastAsian => lang.push_attribute(("w:eastAsia", language)),
        Script::Latin => {}
    }
    let rtl = script == Script::RightToLeft;
    let write_props = |w: &mut Writer<Vec<u8>>| -> std::result::Result<(), quick_xml::Error> {
        if rtl {
            w.write_event(Event::Empty(BytesStart::new("w:rtl")))?;
        }
        w.write_event(Event::Empty(lang.borrow()))?;
        Ok(())
    };
    // After `<w:r>` we expect its `<w:rPr>`; `in_run_props` marks that we are inside it.
    let mut after_run_start = false;
    let mut in_run_props = false;
    let mut buf = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(err)?;
        match &ev {
            Event::Eof => break,
            Event::Start(e) if after_run_start && e.name().as_ref() == "w:rPr" => {
                after_run_start = false;
                in_run_props = true;
                writer.write_event(ev.borrow()).map_err(err)?;
                continue;
            }
            Event::Empty(e) if after_run_start && e.name().as_ref() == "w:rPr" => {
                after_run_start = false;
                writer.write_event(Event::Start(e.borrow())).map_err(err)?;
                write_props(&mut writer).map_err(err)?;
                writer
                    .write_event(Event::End(BytesEnd::new("w:rPr")))
                    .map_err(err)?;
                continue;
            }
            Event::End(e) if in_run_props && e.name().as_ref() == "w:rPr" => {
                in_run_props = false;
                write_props(&mut writer).map_err(err)?;
            }
            Event::Text(_) if after_run_start => {}
            _ if after_run_start => {
                after_run_start = false;
                writer
                    .write_event(Event::Start(BytesStart::new("w:rPr")))
                    .map_err(err)?;
                write_props(&mut writer).map_err(err)?;
                writer
                    .write_event(Event::End(BytesEnd::new("w:rPr")))
                    .map_err(err)?;
            }
            _ => {}
        }
        if let Event::Start(e) = &ev {
            if e.name().as_ref() == "w:r" {
                after_run_start = true;
            }
        }
        writer.write_event(ev.borrow()).map_err(err)?;
        buf.clear();
    }
    Ok(writer.into_inner())
}

fn zip_package(xml: XMLDocx) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time (the DOS epoch, zip's default) keeps output reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let put = |zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]| -> Result<()> {
        zip.start_file(name, options).map_err(err)?;
        zip.write_all(bytes).map_err(err)
    };
    put(&mut zip, "[Content_Types].xml", &xml.content_type)?;
    put(&mut zip, "_rels/.rels", &xml.rels)?;
    put(&mut zip, "docProps/app.xml", &xml.doc_props.app)?;
    put(&mut zip, "docProps/core.xml", &xml.doc_props.core)?;
    put(&mut zip, "docProps/custom.xml", &xml.doc_props.custom)?;
    put(&mut zip, "word/_rels/document.xml.rels", &xml.document_rels)?;
    put(&mut zip, "word/document.xml", &xml.document)?;
    put(&mut zip, "word/styles.xml", &xml.styles)?;
    put(&mut zip, "word/settings.xml", &xml.settings)?;
    put(&mut zip, "word/fontTable.xml", &xml.font_table)?;
    put(&mut zip, "word/comments.xml", &xml.comments)?;
    put(&mut zip, "word/numbering.xml", &xml.numberings)?;
    put(
        &mut zip,
        "word/commentsExtended.xml",
        &xml.comments_extended,
    )?;
    put(&mut zip, "word/footnotes.xml", &xml.footnotes)?;
    for (i, h) in xml.headers.iter().enumerate() {
        put(&mut zip, &format!("word/header{}.xml", i + 1), h)?;
        if let Some(rels) = xml.header_rels.get(i) {
            put(
                &mut zip,
                &format!("word/_rels/header{}.xml.rels", i + 1),
                rels,
            )?;
        }
    }
    for (i, f) in xml.footers.iter().enumerate() {
        put(&mut zip, &format!("word/footer{}.xml", i + 1), f)?;
        if let Some(rels) = xml.footer_rels.get(i) {
            put(
                &mut zip,
                &format!("word/_rels/footer{}.xml.rels", i + 1),
                rels,
            )?;
        }
    }
    for (name, bytes) in &xml.media {
        put(&mut zip, &format!("word/media/{name}.png"), bytes)?;
    }
    let cursor = zip.finish().map_err(err)?;
    Ok(cursor.into_inner())
}
