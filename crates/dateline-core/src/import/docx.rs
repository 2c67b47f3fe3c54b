//! Word files, any writer's: paragraphs in document order with their style
//! (matched by name, which survives Word's localized style ids), list
//! numbering (bullet or numbered, and level, from numbering.xml), bold,
//! italic and links. Tracked deletions, field codes and the fallback copies
//! of text boxes are not text of the release and are skipped.
//!
//! The package is opened by [`crate::review::package`], which refuses
//! encrypted files (an OLE container), macros, DOCTYPEs and zip bombs.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::{BlockKind, Document, ImportError};
use crate::model::Inline;
use crate::review::package::{self, attr, for_each_event, local, Package};
use crate::review::ReviewError;

fn err(e: ReviewError) -> ImportError {
    match e {
        ReviewError::Encrypted => ImportError::Encrypted,
        ReviewError::TooLarge(d) => ImportError::BadDocx {
            detail: format!("it is too large to read safely: {d}"),
        },
        other => ImportError::BadDocx {
            detail: other.to_string(),
        },
    }
}

struct StyleInfo {
    name: String,
    based_on: Option<String>,
    num_id: Option<String>,
}

pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    let mut pkg = Package::open(bytes.to_vec(), package::Limits::default()).map_err(err)?;
    let root = pkg.relationships("_rels/.rels", "").map_err(err)?;
    let main = root
        .by_type
        .get("officeDocument")
        .cloned()
        .unwrap_or_else(|| "word/document.xml".into());
    let base = main
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or("")
        .to_string();
    let file = main.rsplit('/').next().unwrap_or("document.xml");
    let rels = pkg
        .relationships(&format!("{base}/_rels/{file}.rels"), &base)
        .map_err(err)?;
    let styles = match rels.by_type.get("styles") {
        Some(p) => read_styles(&mut pkg, p)?,
        None => HashMap::new(),
    };
    let numbering = match rels.by_type.get("numbering") {
        Some(p) => read_numbering(&mut pkg, p)?,
        None => HashMap::new(),
    };
    let xml = pkg
        .text(&main)
        .map_err(err)?
        .ok_or_else(|| ImportError::BadDocx {
            detail: format!("it has no main document part ({main})"),
        })?;
    // External link targets, by relationship id.
    let links: HashMap<String, String> = rels.by_id;

    let mut doc = Document::default();
    let mut p = Para::default();
    let mut in_p = false;
    let mut in_rpr = false;
    let mut in_t = false;
    let mut skip = 0u32;
    let mut run = RunProps::default();
    let mut link: Option<String> = None;
    for_each_event(&xml, &main, |ev| {
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let n = e.name();
                let name = local(n.as_ref());
                let empty = matches!(ev, Event::Empty(_));
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    return Ok(());
                }
                match name {
                    // Deleted text, field instructions, the fallback copy of
                    // a text box, footnote references: not the release's text.
                    "del" | "instrText" | "Fallback" | "delText" | "moveFrom" if !empty => {
                        skip = 1;
                    }
                    "p" => {
                        if in_p {
                            // A paragraph inside a text box ends the outer one here.
                            finish(&mut doc, &mut p, &styles, &numbering);
                        }
                        in_p = !empty;
                        p = Para::default();
                    }
                    "pStyle" if in_p => p.style = attr(e, "val", &main)?.unwrap_or_default(),
                    "ilvl" if in_p => {
                        p.ilvl = attr(e, "val", &main)?
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0)
                    }
                    "numId" if in_p => p.num_id = attr(e, "val", &main)?,
                    "rPr" => in_rpr = !empty,
                    "r" => run = RunProps::default(),
                    "b" | "bCs" if in_rpr && name == "b" => run.bold = on(e, &main)?,
                    "i" if in_rpr => run.italic = on(e, &main)?,
                    "hyperlink" => {
                        link = attr(e, "id", &main)?
                            .and_then(|id| links.get(&id).cloned())
                            .filter(|t| {
                                let l = t.to_ascii_lowercase();
                                ["http://", "https://", "mailto:", "tel:"]
                                    .iter()
                                    .any(|p| l.starts_with(p))
                            });
                        if empty {
                            link = None;
                        }
                    }
                    "t" => in_t = !empty,
                    "tab" if in_p && !in_rpr => p.push(" ", &run, &link),
                    "br" | "cr" if in_p => p.push("\n", &run, &link),
                    "noBreakHyphen" if in_p => p.push("\u{2011}", &run, &link),
                    _ => {}
                }
            }
            Event::End(e) => {
                let n = e.name();
                let name = local(n.as_ref());
                if skip > 0 {
                    skip -= 1;
                    return Ok(());
                }
                match name {
                    "p" if in_p => {
                        finish(&mut doc, &mut p, &styles, &numbering);
                        in_p = false;
                    }
                    "rPr" => in_rpr = false,
                    "t" => in_t = false,
                    "hyperlink" => link = None,
                    _ => {}
                }
            }
            Event::Text(t) if in_t && skip == 0 => {
                p.push(&t.xml10_content(), &run, &link);
            }
            Event::GeneralRef(r) if in_t && skip == 0 => {
                let s = package::reference_text(r, &main)?;
                p.push(&s, &run, &link);
            }
            _ => {}
        }
        Ok(())
    })
    .map_err(err)?;
    Ok(doc)
}

fn on(e: &quick_xml::events::BytesStart, part: &str) -> Result<bool, ReviewError> {
    Ok(!matches!(
        attr(e, "val", part)?.as_deref(),
        Some("0" | "false" | "off" | "none")
    ))
}

#[derive(Default)]
struct RunProps {
    bold: bool,
    italic: bool,
}

#[derive(Default)]
struct Para {
    style: String,
    ilvl: u8,
    num_id: Option<String>,
    runs: Vec<Inline>,
}

impl Para {
    fn push(&mut self, text: &str, run: &RunProps, link: &Option<String>) {
        self.runs.push(Inline {
            text: text.to_string(),
            bold: run.bold,
            italic: run.italic,
            link: link.clone(),
        });
    }
}

fn finish(
    doc: &mut Document,
    p: &mut Para,
    styles: &HashMap<String, StyleInfo>,
    numbering: &HashMap<String, Vec<bool>>,
) {
    let p = std::mem::take(p);
    // The style's name, and the names it is based on (a custom "Press
    // Headline" based on "Heading 1" is a heading).
    let mut names = Vec::new();
    let mut num_id = p.num_id.clone();
    let mut id = Some(p.style.clone()).filter(|s| !s.is_empty());
    while let Some(sid) = id {
        if names.len() > 10 {
            break;
        }
        match styles.get(&sid) {
            Some(s) => {
                names.push(s.name.to_lowercase());
                if num_id.is_none() {
                    num_id = s.num_id.clone();
                }
                id = s.based_on.clone();
            }
            None => {
                names.push(sid.to_lowercase());
                id = None;
            }
        }
    }
    let first = names.first().cloned().unwrap_or_default();
    let listed = num_id.as_deref().filter(|n| *n != "0").map(|n| {
        numbering
            .get(n)
            .and_then(|levels| levels.get(usize::from(p.ilvl)).copied())
            .unwrap_or(true)
    });
    let kind = if let Some(level) = names.iter().find_map(|n| heading_level(n)) {
        BlockKind::Heading { level }
    } else if let Some(ordered) = listed {
        BlockKind::ListItem {
            ordered,
            level: p.ilvl.min(8),
        }
    } else if names.iter().any(|n| n.starts_with("list bullet")) {
        BlockKind::ListItem {
            ordered: false,
            level: 0,
        }
    } else if names.iter().any(|n| n.starts_with("list number")) {
        BlockKind::ListItem {
            ordered: true,
            level: 0,
        }
    } else if names
        .iter()
        .any(|n| matches!(n.as_str(), "quote" | "intense quote" | "block text"))
    {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    };
    doc.push_styled(kind, p.runs, first);
}

/// "title" → 1, "heading 2" → 2 (and the style names our export uses).
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "title" => Some(1),
        "subtitle" => Some(2),
        _ => name
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
            .map(|n| n.clamp(1, 9)),
    }
}

fn read_styles(pkg: &mut Package, part: &str) -> Result<HashMap<String, StyleInfo>, ImportError> {
    let mut out = HashMap::new();
    let Some(xml) = pkg.text(part).map_err(err)? else {
        return Ok(out);
    };
    let mut cur: Option<(String, StyleInfo)> = None;
    for_each_event(&xml, part, |ev| {
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let n = e.name();
                match local(n.as_ref()) {
                    "style" => {
                        if let Some((id, s)) = cur.take() {
                            out.insert(id, s);
                        }
                        let id = attr(e, "styleId", part)?.unwrap_or_default();
                        cur = Some((
                            id.clone(),
                            StyleInfo {
                                name: id,
                                based_on: None,
                                num_id: None,
                            },
                        ));
                    }
                    "name" => {
                        if let (Some((_, s)), Some(v)) = (cur.as_mut(), attr(e, "val", part)?) {
                            s.name = v;
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.based_on = attr(e, "val", part)?;
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.num_id = attr(e, "val", part)?;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if local(e.name().as_ref()) == "style" => {
                if let Some((id, s)) = cur.take() {
                    out.insert(id, s);
                }
            }
            _ => {}
        }
        Ok(())
    })
    .map_err(err)?;
    Ok(out)
}

/// numId → for each level, whether it is numbered (anything but a bullet).
fn read_numbering(
    pkg: &mut Package,
    part: &str,
) -> Result<HashMap<String, Vec<bool>>, ImportError> {
    let mut out = HashMap::new();
    let Some(xml) = pkg.text(part).map_err(err)? else {
        return Ok(out);
    };
    let mut abstracts: HashMap<String, Vec<bool>> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let (mut cur_abs, mut cur_lvl, mut cur_num): (Option<String>, usize, Option<String>) =
        (None, 0, None);
    for_each_event(&xml, part, |ev| {
        if let Event::Start(e) | Event::Empty(e) = ev {
            let n = e.name();
            match local(n.as_ref()) {
                "abstractNum" => cur_abs = attr(e, "abstractNumId", part)?,
                "lvl" => {
                    cur_lvl = attr(e, "ilvl", part)?
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                "numFmt" => {
                    if let Some(a) = &cur_abs {
                        let fmt = attr(e, "val", part)?.unwrap_or_default();
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= cur_lvl && cur_lvl < 10 {
                            levels.resize(cur_lvl + 1, true);
                        }
                        if let Some(l) = levels.get_mut(cur_lvl) {
                            *l = fmt != "bullet" && fmt != "none";
                        }
                    }
                }
                "num" => {
                    cur_abs = None;
                    cur_num = attr(e, "numId", part)?;
                }
                "abstractNumId" => {
                    if let (Some(num), Some(a)) = (cur_num.clone(), attr(e, "val", part)?) {
                        nums.push((num, a));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    })
    .map_err(err)?;
    for (num, a) in nums {
        if let Some(levels) = abstracts.get(&a) {
            out.insert(num, levels.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{self, ExportFormat, Options};

    #[test]
    fn reads_our_own_word_file_with_styles_and_lists() {
        let r = crate::file_format::from_str(crate::sample::CORPUS[1].1).unwrap();
        let bytes = export::render(&r, ExportFormat::Docx, &Options::default()).unwrap();
        let doc = read(&bytes).unwrap();
        let headline = doc.blocks.iter().find(|b| b.style == "headline").unwrap();
        assert_eq!(headline.text(), r.headline);
        assert!(doc
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::ListItem { .. })));
    }

    #[test]
    fn refuses_encrypted_and_broken_files() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(4096, 0);
        assert_eq!(read(&ole).unwrap_err(), ImportError::Encrypted);
        assert!(matches!(
            read(b"PK\x03\x04 not really"),
            Err(ImportError::BadDocx { .. })
        ));
    }
}
