//! Checks shared by the tests that read the Word files back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;

use dateline_core::clean;
use dateline_core::export::{ExportMode, Options};
use quick_xml::events::Event;

/// Every part of a package: name, compression and bytes.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, (zip::CompressionMethod, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().to_string(), (f.compression(), data));
    }
    out
}

/// Export options with an author and an organization that needs escaping.
pub fn opts(mode: ExportMode) -> Options {
    Options {
        mode,
        organization: "Northern Rivers Commission & Partners <NRC>".into(),
        author: "Ana Corvell".into(),
        ..Options::default()
    }
}

/// Strict parse: well-formed, matching end tags, only XML 1.0 characters.
pub fn strict_parse(name: &str, data: &[u8]) {
    let text = std::str::from_utf8(data).unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|c| !clean::is_xml_char(*c)) {
        panic!("{name}: XML-illegal character U+{:04X}", c as u32);
    }
    let mut r = quick_xml::Reader::from_str(text);
    r.config_mut().check_end_names = true;
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(e)) => {
                let n = e.into_inner().into_owned();
                let known =
                    ["amp", "lt", "gt", "quot", "apos"].contains(&n.as_str()) || n.starts_with('#');
                assert!(known, "{name}: unknown entity &{n};");
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: {e} at {}", r.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced elements");
}
