//! Reads the parts of a reviewed Word file into a flat model: paragraphs of
//! text segments, each segment knowing which tracked revisions it belongs to,
//! plus styles (id → name), comments with their threads, and the document
//! properties Dateline wrote.
//!
//! This is our own reader on quick-xml because docx-rs's drops revision ids,
//! move pairing and formatting changes (see docs/ROUND_TRIP.md). Elements are
//! matched by local name, so a writer's namespace prefixes do not matter.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::package::{attr, for_each_event, local, reference_text, Limits, Package};
use super::ReviewError;
use crate::export::ooxml::{PROP_RELEASE_ID, PROP_VERSION};

/// What a tracked revision does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevKind {
    Insert,
    Delete,
    MoveFrom,
    MoveTo,
    /// `w:rPrChange` / `w:pPrChange`.
    Format,
}

#[derive(Debug, Clone)]
pub struct Rev {
    pub kind: RevKind,
    pub author: String,
    pub date: Option<String>,
    /// For moves: the name of the move range (`w:moveFromRangeStart/@w:name`),
    /// shared by both halves.
    pub move_name: Option<String>,
}

/// A piece of a paragraph's text with uniform revisions and marks.
#[derive(Debug, Clone)]
pub struct Seg {
    pub text: String,
    /// Revisions enclosing this text, outermost first (usually none or one;
    /// an insertion later deleted by someone else gives two).
    pub revs: Vec<usize>,
    /// A `w:rPrChange` on the run, and the marks before it.
    pub format_rev: Option<usize>,
    pub bold: bool,
    pub italic: bool,
    pub old_bold: bool,
    pub old_italic: bool,
    pub link: Option<String>,
    /// The run carries the Dateline character style (the "City, date – "
    /// our export puts before the lead).
    pub dateline: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style_id: Option<String>,
    pub style_name: Option<String>,
    /// `(numId, ilvl)` of a numbered or bulleted paragraph.
    pub num: Option<(String, u8)>,
    pub segs: Vec<Seg>,
    /// A tracked insertion or deletion of the paragraph mark itself.
    pub mark_rev: Option<usize>,
    pub format_rev: Option<usize>,
}

impl Para {
    pub fn all_text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

#[derive(Debug, Clone)]
pub struct RawComment {
    pub id: String,
    pub author: String,
    pub date: Option<String>,
    pub text: String,
    /// `w14:paraId` of its last paragraph, which commentsExtended refers to.
    pub para_id: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CommentEx {
    pub parent: Option<String>,
    pub done: bool,
}

/// Where a comment sits in the document.
#[derive(Debug, Clone, Default)]
pub struct Anchor {
    pub paragraph: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Props {
    pub release_id: Option<String>,
    pub version: Option<String>,
    pub last_modified_by: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub props: Props,
    pub paras: Vec<Para>,
    pub revs: Vec<Rev>,
    pub comments: Vec<RawComment>,
    /// By `w15:paraId`.
    pub comments_ex: HashMap<String, CommentEx>,
    /// By comment id.
    pub anchors: HashMap<String, Anchor>,
}

/// Reads a package into the model.
pub fn read(bytes: Vec<u8>, limits: Limits) -> Result<Doc, ReviewError> {
    let mut pkg = Package::open(bytes, limits)?;
    let root = pkg.relationships("_rels/.rels", "")?;
    let main = root
        .by_type
        .get("officeDocument")
        .cloned()
        .unwrap_or_else(|| "word/document.xml".to_string());
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = pkg.relationships(&format!("{dir}/_rels/{file}.rels"), dir)?;

    let mut doc = Doc::default();
    let styles = match rels.by_type.get("styles") {
        Some(p) => read_styles(&mut pkg, p)?,
        None => HashMap::new(),
    };
    let xml = pkg
        .text(&main)?
        .ok_or_else(|| ReviewError::NotDocx(format!("it has no main document part ({main})")))?;
    DocParser::new(&main, &styles, &rels.by_id, &mut doc).run(&xml)?;
    if let Some(p) = rels.by_type.get("comments") {
        doc.comments = read_comments(&mut pkg, p)?;
    }
    if let Some(p) = rels.by_type.get("commentsExtended") {
        doc.comments_ex = read_comments_ex(&mut pkg, p)?;
    }
    doc.props = read_props(&mut pkg, &root.by_type)?;
    Ok(doc)
}

fn read_styles(pkg: &mut Package, part: &str) -> Result<HashMap<String, String>, ReviewError> {
    let mut out = HashMap::new();
    let Some(xml) = pkg.text(part)? else {
        return Ok(out);
    };
    let mut current: Option<String> = None;
    for_each_event(&xml, part, |ev| {
        match ev {
            Event::Start(e) if local(e.name().as_ref()) == "style" => {
                current = attr(e, "styleId", part)?;
            }
            Event::Empty(e) | Event::Start(e) if local(e.name().as_ref()) == "name" => {
                if let (Some(id), Some(name)) = (&current, attr(e, "val", part)?) {
                    out.insert(id.clone(), name);
                }
            }
            Event::End(e) if local(e.name().as_ref()) == "style" => current = None,
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// `w:val` of an on/off property: absent or anything but false/0/off is on.
fn on_off(e: &BytesStart, part: &str) -> Result<bool, ReviewError> {
    Ok(!matches!(
        attr(e, "val", part)?.as_deref(),
        Some("0" | "false" | "off")
    ))
}

/// Elements whose content is not the running text of the paragraph that
/// holds them (drawings, text boxes with their own paragraphs, field code).
const SKIPPED: [&str; 7] = [
    "drawing",
    "pict",
    "object",
    "txbxContent",
    "instrText",
    "delInstrText",
    "footnoteReference",
];

#[derive(Default)]
struct RunState {
    bold: bool,
    italic: bool,
    old_bold: bool,
    old_italic: bool,
    format_rev: Option<usize>,
    dateline: bool,
}

struct DocParser<'a> {
    part: &'a str,
    styles: &'a HashMap<String, String>,
    links: &'a HashMap<String, String>,
    doc: &'a mut Doc,
    para: Option<Para>,
    /// Open `w:ins`/`w:del`/`w:moveFrom`/`w:moveTo` containers.
    rev_stack: Vec<usize>,
    move_name: Option<String>,
    depth: usize,
    skip_until: Option<usize>,
    in_ppr: bool,
    in_mark_rpr: bool,
    in_rpr: bool,
    /// Inside `w:rPrChange` (the old run properties) or `w:pPrChange`.
    in_change: bool,
    run: Option<RunState>,
    in_text: bool,
    link: Option<String>,
    open_comments: Vec<String>,
}

impl<'a> DocParser<'a> {
    fn new(
        part: &'a str,
        styles: &'a HashMap<String, String>,
        links: &'a HashMap<String, String>,
        doc: &'a mut Doc,
    ) -> Self {
        DocParser {
            part,
            styles,
            links,
            doc,
            para: None,
            rev_stack: Vec::new(),
            move_name: None,
            depth: 0,
            skip_until: None,
            in_ppr: false,
            in_mark_rpr: false,
            in_rpr: false,
            in_change: false,
            run: None,
            in_text: false,
            link: None,
            open_comments: Vec::new(),
        }
    }

    fn run(mut self, xml: &str) -> Result<(), ReviewError> {
        let part = self.part;
        for_each_event(xml, part, |ev| self.event(ev))
    }

    fn new_rev(&mut self, e: &BytesStart, kind: RevKind) -> Result<usize, ReviewError> {
        let author = attr(e, "author", self.part)?.unwrap_or_default();
        let date = attr(e, "date", self.part)?.filter(|d| !d.is_empty());
        let move_name = matches!(kind, RevKind::MoveFrom | RevKind::MoveTo)
            .then(|| self.move_name.clone())
            .flatten();
        self.doc.revs.push(Rev {
            kind,
            author,
            date,
            move_name,
        });
        Ok(self.doc.revs.len() - 1)
    }

    fn push_text(&mut self, text: &str) {
        for id in &self.open_comments {
            if let Some(a) = self.doc.anchors.get_mut(id) {
                a.text.push_str(text);
            }
        }
        let Some(p) = self.para.as_mut() else {
            return;
        };
        let run = self.run.as_ref();
        let seg = Seg {
            text: text.to_string(),
            revs: self.rev_stack.clone(),
            format_rev: run.and_then(|r| r.format_rev),
            bold: run.is_some_and(|r| r.bold),
            italic: run.is_some_and(|r| r.italic),
            old_bold: run.is_some_and(|r| r.old_bold),
            old_italic: run.is_some_and(|r| r.old_italic),
            link: self.link.clone(),
            dateline: run.is_some_and(|r| r.dateline),
        };
        match p.segs.last_mut() {
            Some(last)
                if last.revs == seg.revs
                    && last.format_rev == seg.format_rev
                    && (last.bold, last.italic, last.old_bold, last.old_italic)
                        == (seg.bold, seg.italic, seg.old_bold, seg.old_italic)
                    && last.link == seg.link
                    && last.dateline == seg.dateline =>
            {
                last.text.push_str(&seg.text)
            }
            _ => p.segs.push(seg),
        }
    }

    fn event(&mut self, ev: &Event) -> Result<(), ReviewError> {
        let part = self.part;
        match ev {
            Event::Start(e) => {
                self.depth += 1;
                if self.skip_until.is_some() {
                    return Ok(());
                }
                let name = local(e.name().as_ref()).to_string();
                if SKIPPED.contains(&name.as_str()) {
                    self.skip_until = Some(self.depth);
                    return Ok(());
                }
                self.element(e, &name, true)?;
            }
            Event::Empty(e) => {
                if self.skip_until.is_some() {
                    return Ok(());
                }
                let name = local(e.name().as_ref()).to_string();
                self.element(e, &name, false)?;
            }
            Event::End(e) => {
                let depth = self.depth;
                self.depth = self.depth.saturating_sub(1);
                if let Some(d) = self.skip_until {
                    if d == depth {
                        self.skip_until = None;
                    }
                    return Ok(());
                }
                match local(e.name().as_ref()) {
                    "p" => {
                        if let Some(p) = self.para.take() {
                            self.doc.paras.push(p);
                        }
                    }
                    // w:pPrChange holds the old w:pPr; its end is not ours.
                    "pPr" if !self.in_change => self.in_ppr = false,
                    "rPr" => {
                        if self.in_change {
                            // the old properties inside w:rPrChange end; the change continues
                        } else if self.in_ppr {
                            self.in_mark_rpr = false;
                        } else {
                            self.in_rpr = false;
                        }
                    }
                    "rPrChange" | "pPrChange" => self.in_change = false,
                    "r" => self.run = None,
                    "t" | "delText" => self.in_text = false,
                    "ins" | "del" | "moveFrom" | "moveTo" if !self.in_ppr => {
                        self.rev_stack.pop();
                    }
                    "hyperlink" => self.link = None,
                    _ => {}
                }
            }
            Event::Text(t) if self.in_text && self.skip_until.is_none() => {
                self.push_text(&t.xml10_content());
            }
            Event::CData(t) if self.in_text && self.skip_until.is_none() => {
                self.push_text(&t.xml10_content());
            }
            Event::GeneralRef(r) => {
                // Resolved (or refused) wherever it appears.
                let s = reference_text(r, part)?;
                if self.in_text && self.skip_until.is_none() {
                    self.push_text(&s);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn element(&mut self, e: &BytesStart, name: &str, start: bool) -> Result<(), ReviewError> {
        let part = self.part;
        match name {
            "p" if start => {
                self.para = Some(Para::default());
                self.in_ppr = false;
            }
            "p" => self.doc.paras.push(Para::default()),
            "pPr" if start => self.in_ppr = true,
            "pStyle" if self.in_ppr && !self.in_change => {
                if let (Some(p), Some(id)) = (self.para.as_mut(), attr(e, "val", part)?) {
                    p.style_name = self.styles.get(&id).cloned();
                    p.style_id = Some(id);
                }
            }
            "ilvl" | "numId" if self.in_ppr && !self.in_change => {
                let v = attr(e, "val", part)?.unwrap_or_default();
                if let Some(p) = self.para.as_mut() {
                    let num = p.num.get_or_insert((String::new(), 0));
                    if name == "ilvl" {
                        num.1 = v.parse().unwrap_or(0);
                    } else {
                        num.0 = v;
                    }
                }
            }
            "rPr" if start && self.in_ppr && !self.in_change => self.in_mark_rpr = true,
            "rPr" if start && !self.in_change => self.in_rpr = true,
            "ins" | "del" | "moveFrom" | "moveTo" if self.in_mark_rpr => {
                let kind = match name {
                    "ins" | "moveTo" => RevKind::Insert,
                    _ => RevKind::Delete,
                };
                let rev = self.new_rev(e, kind)?;
                if let Some(p) = self.para.as_mut() {
                    p.mark_rev = Some(rev);
                }
            }
            "ins" | "del" | "moveFrom" | "moveTo" if start && !self.in_ppr => {
                let kind = match name {
                    "ins" => RevKind::Insert,
                    "del" => RevKind::Delete,
                    "moveFrom" => RevKind::MoveFrom,
                    _ => RevKind::MoveTo,
                };
                let rev = self.new_rev(e, kind)?;
                self.rev_stack.push(rev);
            }
            "moveFromRangeStart" | "moveToRangeStart" => {
                self.move_name = attr(e, "name", part)?;
            }
            "moveFromRangeEnd" | "moveToRangeEnd" => self.move_name = None,
            "pPrChange" if self.in_ppr => {
                let rev = self.new_rev(e, RevKind::Format)?;
                if let Some(p) = self.para.as_mut() {
                    p.format_rev = Some(rev);
                }
                self.in_change = start;
            }
            "rPrChange" if self.in_rpr => {
                let rev = self.new_rev(e, RevKind::Format)?;
                if let Some(r) = self.run.as_mut() {
                    r.format_rev = Some(rev);
                    // Until the old properties say otherwise, nothing was set.
                    r.old_bold = false;
                    r.old_italic = false;
                }
                self.in_change = start;
            }
            "b" | "i" if self.in_rpr => {
                let v = on_off(e, part)?;
                if let Some(r) = self.run.as_mut() {
                    match (name, self.in_change) {
                        ("b", false) => r.bold = v,
                        ("i", false) => r.italic = v,
                        ("b", true) => r.old_bold = v,
                        _ => r.old_italic = v,
                    }
                }
            }
            "rStyle" if self.in_rpr && !self.in_change => {
                let id = attr(e, "val", part)?.unwrap_or_default();
                let style = self.styles.get(&id).map(String::as_str).unwrap_or(&id);
                if let Some(r) = self.run.as_mut() {
                    match style.to_ascii_lowercase().as_str() {
                        "dateline" => r.dateline = true,
                        "strong" => r.bold = true,
                        "emphasis" => r.italic = true,
                        _ => {}
                    }
                }
            }
            "r" if start => self.run = Some(RunState::default()),
            "t" | "delText" if start => self.in_text = true,
            "tab" if self.run.is_some() && !self.in_rpr => self.push_text("\t"),
            // A page break is layout, not text.
            "br" | "cr"
                if self.run.is_some() && attr(e, "type", part)?.as_deref() != Some("page") =>
            {
                self.push_text("\n")
            }
            "noBreakHyphen" if self.run.is_some() => self.push_text("\u{2011}"),
            "hyperlink" if start => {
                self.link = match attr(e, "id", part)? {
                    Some(id) => self.links.get(&id).cloned(),
                    None => attr(e, "anchor", part)?.map(|a| format!("#{a}")),
                };
            }
            "commentRangeStart" => {
                if let Some(id) = attr(e, "id", part)? {
                    self.doc.anchors.insert(
                        id.clone(),
                        Anchor {
                            paragraph: Some(self.doc.paras.len()),
                            text: String::new(),
                        },
                    );
                    self.open_comments.push(id);
                }
            }
            "commentRangeEnd" => {
                if let Some(id) = attr(e, "id", part)? {
                    self.open_comments.retain(|c| *c != id);
                }
            }
            "commentReference" => {
                if let Some(id) = attr(e, "id", part)? {
                    let paragraph = self.doc.paras.len();
                    self.doc.anchors.entry(id).or_insert(Anchor {
                        paragraph: Some(paragraph),
                        text: String::new(),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn read_comments(pkg: &mut Package, part: &str) -> Result<Vec<RawComment>, ReviewError> {
    let mut out = Vec::new();
    let Some(xml) = pkg.text(part)? else {
        return Ok(out);
    };
    let mut current: Option<RawComment> = None;
    let mut in_text = false;
    let mut paragraphs = 0usize;
    for_each_event(&xml, part, |ev| {
        match ev {
            Event::Start(e) if local(e.name().as_ref()) == "comment" => {
                current = Some(RawComment {
                    id: attr(e, "id", part)?.unwrap_or_default(),
                    author: attr(e, "author", part)?.unwrap_or_default(),
                    date: attr(e, "date", part)?.filter(|d| !d.is_empty()),
                    text: String::new(),
                    para_id: None,
                });
                paragraphs = 0;
            }
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == "p" => {
                if let Some(c) = current.as_mut() {
                    if paragraphs > 0 {
                        c.text.push('\n');
                    }
                    paragraphs += 1;
                    if let Some(id) = attr(e, "paraId", part)? {
                        c.para_id = Some(id);
                    }
                }
            }
            Event::Start(e) if local(e.name().as_ref()) == "t" => in_text = true,
            Event::End(e) => match local(e.name().as_ref()) {
                "t" => in_text = false,
                "comment" => out.extend(current.take()),
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let s = reference_text(r, part)?;
                if let (true, Some(c)) = (in_text, current.as_mut()) {
                    c.text.push_str(&s);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

fn read_comments_ex(
    pkg: &mut Package,
    part: &str,
) -> Result<HashMap<String, CommentEx>, ReviewError> {
    let mut out = HashMap::new();
    let Some(xml) = pkg.text(part)? else {
        return Ok(out);
    };
    for_each_event(&xml, part, |ev| {
        if let Event::Empty(e) | Event::Start(e) = ev {
            if local(e.name().as_ref()) == "commentEx" {
                if let Some(id) = attr(e, "paraId", part)? {
                    out.insert(
                        id,
                        CommentEx {
                            parent: attr(e, "paraIdParent", part)?,
                            done: matches!(attr(e, "done", part)?.as_deref(), Some("1" | "true")),
                        },
                    );
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

fn read_props(pkg: &mut Package, root: &HashMap<String, String>) -> Result<Props, ReviewError> {
    let mut props = Props::default();
    let custom = root
        .get("custom-properties")
        .cloned()
        .unwrap_or_else(|| "docProps/custom.xml".into());
    if let Some(xml) = pkg.text(&custom)? {
        let mut name: Option<String> = None;
        let mut depth_in_value = false;
        for_each_event(&xml, &custom, |ev| {
            match ev {
                Event::Start(e) if local(e.name().as_ref()) == "property" => {
                    name = attr(e, "name", &custom)?;
                }
                // The value element (vt:lpwstr, vt:i4, ...) inside a property.
                Event::Start(_) if name.is_some() => depth_in_value = true,
                Event::Text(t) if depth_in_value => {
                    let v = t.xml10_content().trim().to_string();
                    match name.as_deref() {
                        Some(n) if n == PROP_RELEASE_ID => props.release_id = Some(v),
                        Some(n) if n == PROP_VERSION => props.version = Some(v),
                        _ => {}
                    }
                }
                Event::End(e) if local(e.name().as_ref()) == "property" => {
                    name = None;
                    depth_in_value = false;
                }
                Event::End(_) => depth_in_value = false,
                Event::GeneralRef(r) => {
                    reference_text(r, &custom)?;
                }
                _ => {}
            }
            Ok(())
        })?;
    }
    let core = root
        .get("core-properties")
        .cloned()
        .unwrap_or_else(|| "docProps/core.xml".into());
    if let Some(xml) = pkg.text(&core)? {
        let mut in_last = false;
        for_each_event(&xml, &core, |ev| {
            match ev {
                Event::Start(e) => in_last = local(e.name().as_ref()) == "lastModifiedBy",
                Event::Text(t) if in_last => {
                    let v = t.xml10_content().trim().to_string();
                    if !v.is_empty() {
                        props.last_modified_by = Some(v);
                    }
                }
                Event::End(_) => in_last = false,
                Event::GeneralRef(r) => {
                    reference_text(r, &core)?;
                }
                _ => {}
            }
            Ok(())
        })?;
    }
    Ok(props)
}
