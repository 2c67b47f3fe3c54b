//! Opening a Word package defensively: what the file is (zip, encrypted OLE
//! container, macro document), how much it may expand to, and XML that is
//! refused rather than expanded.
//!
//! Sizes are counted while decompressing, never trusted from the zip
//! headers, which a hostile file can fill with anything.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::ReviewError;

/// How far a package may expand while it is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest uncompressed size of one part.
    pub part_bytes: u64,
    /// Largest uncompressed size of every part read, together.
    pub total_bytes: u64,
    /// Most entries the zip may list.
    pub entries: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        // A 1,000-paragraph release is about 1 MB of document.xml; Word adds
        // images and fonts, which we never read. These caps are far above
        // anything real and far below what would hurt a laptop.
        Limits {
            part_bytes: 32 << 20,
            total_bytes: 96 << 20,
            entries: 2_000,
        }
    }
}

const OLE_SIGNATURE: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];
const MACRO_MAIN: &str = "application/vnd.ms-word.document.macroEnabled.main+xml";
const MACRO_TEMPLATE: &str = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml";

/// An opened package: the zip and a running count of bytes read.
pub struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    limits: Limits,
    read_total: u64,
}

impl Package {
    /// Checks what the bytes are and opens the zip. Refuses encrypted files
    /// (an OLE container: Word wraps password-protected documents in one,
    /// and old `.doc` files are one) and anything that is not a zip.
    pub fn open(bytes: Vec<u8>, limits: Limits) -> Result<Package, ReviewError> {
        if bytes.starts_with(&OLE_SIGNATURE) {
            return Err(ReviewError::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(ReviewError::NotDocx("it is not a zip package".into()));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReviewError::NotDocx(format!("the zip package is unreadable: {e}")))?;
        if zip.len() > limits.entries {
            return Err(ReviewError::TooLarge(format!(
                "the package lists {} entries (at most {} are accepted)",
                zip.len(),
                limits.entries
            )));
        }
        let mut p = Package {
            zip,
            limits,
            read_total: 0,
        };
        p.check_content_types()?;
        Ok(p)
    }

    fn check_content_types(&mut self) -> Result<(), ReviewError> {
        let names: Vec<String> = self.zip.file_names().map(str::to_string).collect();
        if names
            .iter()
            .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
        {
            return Err(ReviewError::Macros);
        }
        let types = self
            .text("[Content_Types].xml")?
            .ok_or_else(|| ReviewError::NotDocx("it has no [Content_Types].xml".into()))?;
        if types.contains(MACRO_MAIN) || types.contains(MACRO_TEMPLATE) {
            return Err(ReviewError::Macros);
        }
        if !types.contains("wordprocessingml.document.main+xml")
            && !types.contains("wordprocessingml.template.main+xml")
        {
            return Err(ReviewError::NotDocx(
                "its content types name no Word document".into(),
            ));
        }
        // Parse it too: a DOCTYPE here is refused like anywhere else.
        for_each_event(&types, "[Content_Types].xml", |_| Ok(()))?;
        Ok(())
    }

    /// A part's bytes, or `None` when the package has no such part. Reading
    /// stops as soon as a cap is passed.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReviewError> {
        let mut f = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(ReviewError::NotDocx(format!(
                    "its part {name} is unreadable: {e}"
                )))
            }
        };
        let room = self
            .limits
            .part_bytes
            .min(self.limits.total_bytes.saturating_sub(self.read_total));
        let mut out = Vec::new();
        (&mut f)
            .take(room + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReviewError::NotDocx(format!("its part {name} is unreadable: {e}")))?;
        if out.len() as u64 > room {
            return Err(ReviewError::TooLarge(format!(
                "the part {name} expands beyond {} MB (part cap {} MB, total cap {} MB)",
                room >> 20,
                self.limits.part_bytes >> 20,
                self.limits.total_bytes >> 20
            )));
        }
        self.read_total += out.len() as u64;
        Ok(Some(out))
    }

    /// A part as UTF-8 text (Word and LibreOffice write UTF-8), BOM removed.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, ReviewError> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        let mut s = String::from_utf8(bytes).map_err(|_| ReviewError::Malformed {
            part: name.to_string(),
            detail: "it is not UTF-8".into(),
        })?;
        if s.starts_with('\u{FEFF}') {
            s.drain(..3);
        }
        Ok(Some(s))
    }

    /// Targets of a relationships part by the last segment of their type
    /// ("officeDocument", "styles", "comments", "commentsExtended", ...),
    /// and by id, resolved against `base` (the folder of the source part).
    pub fn relationships(&mut self, rels_part: &str, base: &str) -> Result<Rels, ReviewError> {
        let mut rels = Rels::default();
        let Some(xml) = self.text(rels_part)? else {
            return Ok(rels);
        };
        for_each_event(&xml, rels_part, |ev| {
            if let Event::Empty(e) | Event::Start(e) = ev {
                if local(e.name().as_ref()) == "Relationship" {
                    let (mut id, mut kind, mut target, mut external) =
                        (String::new(), String::new(), String::new(), false);
                    for a in e.attributes().flatten() {
                        let v = attr_value(&a, rels_part)?;
                        match a.key.as_ref() {
                            "Id" => id = v,
                            "Type" => kind = v,
                            "Target" => target = v,
                            "TargetMode" => external = v == "External",
                            _ => {}
                        }
                    }
                    let resolved = if external {
                        target.clone()
                    } else {
                        resolve(base, &target)
                    };
                    let short = kind.rsplit('/').next().unwrap_or("").to_string();
                    rels.by_type.entry(short).or_insert(resolved.clone());
                    rels.by_id.insert(id, resolved);
                }
            }
            Ok(())
        })?;
        Ok(rels)
    }
}

#[derive(Debug, Default)]
pub struct Rels {
    pub by_type: HashMap<String, String>,
    pub by_id: HashMap<String, String>,
}

/// "word" + "styles.xml" → "word/styles.xml"; "/word/x.xml" stays absolute.
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The local part of a qualified name: "w:p" → "p".
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// An attribute's value with the predefined entities resolved; any other
/// entity is an error (nothing is ever expanded from a DOCTYPE).
pub fn attr_value(
    a: &quick_xml::events::attributes::Attribute,
    part: &str,
) -> Result<String, ReviewError> {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map(|v| v.into_owned())
        .map_err(|e| ReviewError::Malformed {
            part: part.to_string(),
            detail: e.to_string(),
        })
}

/// The value of the attribute whose local name is `name`.
pub fn attr(
    e: &quick_xml::events::BytesStart,
    name: &str,
    part: &str,
) -> Result<Option<String>, ReviewError> {
    for a in e.attributes() {
        let a = a.map_err(|err| ReviewError::Malformed {
            part: part.to_string(),
            detail: err.to_string(),
        })?;
        if local(a.key.as_ref()) == name {
            return attr_value(&a, part).map(Some);
        }
    }
    Ok(None)
}

/// The text of an entity or character reference; only the five predefined
/// entities and character references exist in a Word part.
pub fn reference_text(r: &BytesRef, part: &str) -> Result<String, ReviewError> {
    let malformed = |detail: String| ReviewError::Malformed {
        part: part.to_string(),
        detail,
    };
    if let Some(c) = r.resolve_char_ref().map_err(|e| malformed(e.to_string()))? {
        return Ok(c.to_string());
    }
    quick_xml::escape::resolve_predefined_entity(r)
        .map(str::to_string)
        .ok_or_else(|| {
            ReviewError::Doctype(format!("{part} uses the undeclared entity &{};", &**r))
        })
}

/// Runs `f` on every event of an XML part. A DOCTYPE (the only way to
/// declare entities) is refused before anything else happens.
pub fn for_each_event(
    xml: &str,
    part: &str,
    mut f: impl FnMut(&Event) -> Result<(), ReviewError>,
) -> Result<(), ReviewError> {
    let mut reader = Reader::from_str(xml);
    // Open elements: a part cut short must not read as a shorter document.
    let mut depth = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| ReviewError::Malformed {
            part: part.to_string(),
            detail: format!("at byte {}: {e}", reader.error_position()),
        })?;
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match &ev {
            Event::Eof if depth > 0 => {
                return Err(ReviewError::Malformed {
                    part: part.to_string(),
                    detail: "it ends before its elements are closed (the file is cut short)".into(),
                })
            }
            Event::Eof => return Ok(()),
            Event::DocType(_) => {
                return Err(ReviewError::Doctype(format!("{part} declares a DOCTYPE")))
            }
            _ => f(&ev)?,
        }
    }
}
