//! Closes the gaps docx-rs 0.4.22 leaves in a Word package, in one place:
//!
//! - schema order: docx-rs writes the children of `w:pPr`, `w:rPr`,
//!   `w:sectPr`, `w:settings` and others out of the order the schema
//!   requires; every part is put in order here ([`SCHEMA_ORDER`]), so each
//!   one validates (0 violations under `openxml-audit`, `tests/schema.rs`);
//! - theme: docx-rs writes none; ours (`theme1.xml`, Arial like our styles)
//!   is added with its relationship and content type;
//! - font table: docx-rs's lacks the East Asian font, added here;
//! - review settings: `w:trackRevisions` and `w:documentProtection` in
//!   `settings.xml`, so a clearance copy opens with Track Changes on;
//! - core properties: docx-rs cannot set title, subject, keywords or creator
//!   (it writes creator "unknown"), so `docProps/core.xml` is written here
//!   from typed values (times are [`Timestamp`]s), escaped by quick-xml;
//! - custom properties: docx-rs writes their values unescaped, so
//!   `docProps/custom.xml` is written here, escaped by quick-xml;
//! - run language and direction: docx-rs has paragraph `bidi` only, so every
//!   `w:r` gets `w:rtl` (right-to-left scripts) and `w:lang` here;
//! - hyperlink relationships come out of a hash map in docx-rs; they are
//!   sorted by id here (the ids themselves are given by `docx.rs`);
//! - pictures: docx-rs gives every picture `wp:docPr id="1"` with no alt
//!   text and names every media file `.png`; here each `wp:docPr` gets its
//!   own id and the alt text (`descr`), and JPEG media are named `.jpeg`
//!   (with their relationship targets), so Word reads them by their kind;
//! - docx-rs stores every entry uncompressed; the package is written here
//!   with deflate and a fixed timestamp, so output is byte-identical for the
//!   same input.
//!
//! Text reaching this module has already been cleaned by `crate::clean`.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use jiff::Timestamp;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};
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
    pub created: Timestamp,
    pub modified: Timestamp,
    pub release_id: String,
    pub version: u32,
    pub status: String,
}

/// How the file opens for its reviewers (clearance copies only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Review {
    /// `w:trackRevisions`: Word opens the file with Track Changes on.
    pub track_changes: bool,
    /// `w:documentProtection` for tracked changes, with no password.
    pub protect: bool,
}

/// Names of the custom properties that match a reviewed file to its release.
pub const PROP_RELEASE_ID: &str = "Dateline Release ID";
pub const PROP_VERSION: &str = "Dateline Version";
pub const PROP_STATUS: &str = "Dateline Status";

fn err(e: impl std::fmt::Display) -> Error {
    Error::Docx(e.to_string())
}

/// Parses a stored RFC 3339 time for the Word file's properties. A time that
/// does not parse is refused by name: it would otherwise reach core.xml as
/// text (it may hold anything, from a hand-edited release file).
pub fn timestamp(field: &str, value: &str) -> Result<Timestamp> {
    value.parse::<Timestamp>().map_err(|e| {
        Error::Invalid(format!(
            "the release's {field} {:?} is not an RFC 3339 time: {e}",
            crate::clean::line(value)
        ))
    })
}

/// Patches the parts docx-rs built and writes the compressed package.
/// `alts` are the alt texts of the document's pictures, in order.
pub fn package(
    mut xml: XMLDocx,
    meta: &Metadata,
    script: Script,
    review: Review,
    alts: &[String],
) -> Result<Vec<u8>> {
    xml.doc_props.core = core_xml(meta)?;
    xml.doc_props.custom = custom_xml(meta)?;
    let language = meta.language.as_str();
    // Picture ids are unique across the document and its headers (the logo).
    let mut pictures = 0;
    xml.document = rewrite(&xml.document, |root| {
        add_run_language(root, language, script);
        describe_pictures(root, alts, &mut pictures);
    })?;
    let jpegs: Vec<String> = xml
        .media
        .iter()
        .filter(|(_, bytes)| is_jpeg(bytes))
        .map(|(name, _)| format!("media/{name}.png"))
        .collect();
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = rewrite(part, |root| {
            add_run_language(root, language, script);
            describe_pictures(root, &[], &mut pictures);
        })?;
    }
    xml.document_rels = rewrite(&xml.document_rels, |root| {
        add_theme_relationship(root);
        sort_relationships(root);
        for rel in root.elements_mut() {
            if rel.attr("Target").is_some_and(|t| jpegs.contains(&t)) {
                let target = rel.attr("Target").unwrap_or_default();
                let jpeg = format!("{}.jpeg", target.trim_end_matches(".png"));
                rel.set_attr("Target", &jpeg);
            }
        }
    })?;
    xml.content_type = rewrite(&xml.content_type, add_theme_content_type)?;
    xml.settings = rewrite(&xml.settings, |root| set_review(root, review))?;
    xml.styles = rewrite(&xml.styles, |_| {})?;
    xml.numberings = rewrite(&xml.numberings, |_| {})?;
    xml.font_table = rewrite(&xml.font_table, add_east_asian_font)?;
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
    for (tag, time) in [
        ("dcterms:created", m.created),
        ("dcterms:modified", m.modified),
    ] {
        // W3CDTF in UTC to the second, as Word writes it.
        let value = time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
        w.create_element(tag)
            .with_attribute(("xsi:type", "dcterms:W3CDTF"))
            .write_text_content(BytesText::new(&value))
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

/// Schema order (ECMA-376 transitional, as the Open XML SDK validates it) of
/// the children of the elements docx-rs 0.4.22 writes out of order: it puts
/// `w:rPr` first in `w:pPr`, `w:numId` before `w:ilvl`, `w:color` after
/// `w:sz`, `w:zoom` after `w:defaultTabStop`, `w:headerReference` after
/// `w:pgSz`, and so on. Word repairs such files silently, but other readers
/// and validators refuse them. Each list is the union of the schema's
/// sequences for that element name in every context we write it in (a run's,
/// a paragraph mark's and a style's `w:rPr` agree on order). A child not
/// listed keeps its place among the other unlisted ones, after the listed.
#[rustfmt::skip]
const SCHEMA_ORDER: &[(&str, &[&str])] = &[
    ("w:r", &["w:rPr"]),
    (
        "w:pPr",
        &[
            "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
            "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
            "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
            "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
            "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
            "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
            "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs",
            "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
            "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
            "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
            "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
            "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
            "w:specVanish", "w:oMath", "w:rPrChange",
        ],
    ),
    ("w:numPr", &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"]),
    (
        "w:sectPr",
        &[
            "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
            "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
            "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
            "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
            "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
            "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
        ],
    ),
    (
        "w:lvl",
        &[
            "w:start", "w:numFmt", "w:lvlRestart", "w:pStyle", "w:isLgl", "w:suff", "w:lvlText",
            "w:lvlPicBulletId", "w:legacy", "w:lvlJc", "w:pPr", "w:rPr",
        ],
    ),
    (
        "w:abstractNum",
        &["w:nsid", "w:multiLevelType", "w:tmpl", "w:name", "w:styleLink", "w:numStyleLink", "w:lvl"],
    ),
    ("w:numbering", &["w:numPicBullet", "w:abstractNum", "w:num", "w:numIdMacAtCleanup"]),
    (
        "w:tblPr",
        &[
            "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblW", "w:jc",
            "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
            "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
            "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
            "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
        ],
    ),
    (
        "w:settings",
        &[
            "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
            "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
            "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
            "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
            "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
            "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
            "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
            "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
            "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
            "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme",
            "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
            "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
            "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
            "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl",
            "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
            "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving",
            "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace",
            "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
            "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
            "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
            "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "sl:schemaLibrary",
            "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator", "w14:docId",
            "w15:docId",
        ],
    ),
];

/// One element of a part, held as a tree while it is put in order (parts are
/// small enough to hold whole: a release's document.xml is kilobytes).
struct Element {
    start: BytesStart<'static>,
    children: Vec<Node>,
}

enum Node {
    Element(Element),
    /// Text, entity references, the declaration: written back unchanged.
    Other(Event<'static>),
}

impl Element {
    fn new(name: &str) -> Element {
        Element {
            start: BytesStart::new(name.to_string()),
            children: Vec::new(),
        }
    }

    fn with(mut self, attrs: &[(&str, &str)]) -> Element {
        for a in attrs {
            self.start.push_attribute(*a);
        }
        self
    }

    fn name(&self) -> &str {
        self.start.name().into_inner()
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.start
            .try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .map(|v| v.into_owned())
    }

    /// Replaces (or adds) one attribute, keeping the others in order.
    fn set_attr(&mut self, name: &str, value: &str) {
        let others: Vec<(String, String)> = self
            .start
            .attributes()
            .filter_map(|a| a.ok())
            .map(|a| {
                (
                    a.key.into_inner().to_owned(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default(),
                )
            })
            .filter(|(k, _)| k != name)
            .collect();
        let mut start = BytesStart::new(self.name().to_string());
        for (k, v) in &others {
            start.push_attribute((k.as_str(), v.as_str()));
        }
        start.push_attribute((name, value));
        self.start = start;
    }

    fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Other(_) => None,
        })
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name() == name)
    }

    fn push(&mut self, e: Element) {
        self.children.push(Node::Element(e));
    }

    /// Applies `f` to this element and every descendant, children first.
    fn walk(&mut self, f: &mut impl FnMut(&mut Element)) {
        for child in self.elements_mut() {
            child.walk(f);
        }
        f(self);
    }

    /// Puts the children of every element listed in [`SCHEMA_ORDER`] in the
    /// schema's order (a stable sort, so repeated children keep theirs).
    fn sort_by_schema(&mut self) {
        self.walk(&mut |e| {
            let Some((_, order)) = SCHEMA_ORDER.iter().find(|(n, _)| *n == e.name()) else {
                return;
            };
            e.children.sort_by_key(|n| match n {
                Node::Element(c) => order
                    .iter()
                    .position(|o| *o == c.name())
                    .unwrap_or(order.len()),
                Node::Other(_) => order.len(),
            });
        });
    }
}

/// A parsed part: the declaration and the root element.
struct Part {
    prolog: Vec<Event<'static>>,
    root: Element,
}

impl Part {
    fn parse(bytes: &[u8]) -> Result<Part> {
        let mut reader = Reader::from_reader(bytes);
        let mut prolog = Vec::new();
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        let mut buf = Vec::new();
        loop {
            let node = match reader.read_event_into(&mut buf).map_err(err)? {
                Event::Eof => break,
                Event::Start(s) => {
                    stack.push(Element {
                        start: s.into_owned(),
                        children: Vec::new(),
                    });
                    buf.clear();
                    continue;
                }
                Event::End(_) => Node::Element(
                    stack
                        .pop()
                        .ok_or_else(|| err("an end tag without its start"))?,
                ),
                Event::Empty(s) => Node::Element(Element {
                    start: s.into_owned(),
                    children: Vec::new(),
                }),
                other => Node::Other(other.into_owned()),
            };
            match (stack.last_mut(), node) {
                (Some(parent), node) => parent.children.push(node),
                (None, Node::Element(e)) => root = Some(e),
                (None, Node::Other(ev)) => prolog.push(ev),
            }
            buf.clear();
        }
        match (root, stack.is_empty()) {
            (Some(root), true) => Ok(Part { prolog, root }),
            _ => Err(err("a part without a complete root element")),
        }
    }

    fn write(&self) -> Result<Vec<u8>> {
        fn element(w: &mut Writer<Vec<u8>>, e: &Element) -> std::io::Result<()> {
            if e.children.is_empty() {
                return w.write_event(Event::Empty(e.start.borrow()));
            }
            w.write_event(Event::Start(e.start.borrow()))?;
            for child in &e.children {
                match child {
                    Node::Element(c) => element(w, c)?,
                    Node::Other(ev) => w.write_event(ev.borrow())?,
                }
            }
            w.write_event(Event::End(e.start.to_end()))
        }
        let mut w = Writer::new(Vec::new());
        for ev in &self.prolog {
            w.write_event(ev.borrow()).map_err(err)?;
        }
        element(&mut w, &self.root).map_err(err)?;
        Ok(w.into_inner())
    }
}

/// Parses a part, lets `f` change it, puts it in schema order and writes it.
fn rewrite(bytes: &[u8], f: impl FnOnce(&mut Element)) -> Result<Vec<u8>> {
    let mut part = Part::parse(bytes)?;
    f(&mut part.root);
    drop_empty_mark_properties(&mut part.root);
    part.root.sort_by_schema();
    part.write()
}

/// docx-rs gives every `w:pPr` an empty `w:rPr`, also in styles and
/// numbering levels, where the schema allows none. Empty, it says nothing.
fn drop_empty_mark_properties(root: &mut Element) {
    root.walk(&mut |e| {
        if e.name() == "w:pPr" {
            e.children.retain(
                |n| !matches!(n, Node::Element(c) if c.name() == "w:rPr" && c.children.is_empty()),
            );
        }
    });
}

/// Gives every run `w:lang` (and `w:rtl` for right-to-left scripts); the
/// schema sort then puts them in place.
fn add_run_language(root: &mut Element, language: &str, script: Script) {
    let mut lang = vec![("w:val", language)];
    match script {
        Script::RightToLeft => lang.push(("w:bidi", language)),
        Script::EastAsian => lang.push(("w:eastAsia", language)),
        Script::Latin => {}
    }
    root.walk(&mut |e| {
        if e.name() != "w:r" {
            return;
        }
        if e.child_mut("w:rPr").is_none() {
            e.push(Element::new("w:rPr"));
        }
        if let Some(props) = e.child_mut("w:rPr") {
            if script == Script::RightToLeft {
                props.push(Element::new("w:rtl"));
            }
            props.push(Element::new("w:lang").with(&lang));
        }
    });
}

/// Gives each picture (`wp:docPr`, in document order) its own id (counted
/// on from `count`, which it advances), a name, and its alt text (`alts`,
/// in order) as `descr`, which Word shows as the picture's "Alt Text".
fn describe_pictures(root: &mut Element, alts: &[String], count: &mut usize) {
    let mut k = 0;
    root.walk(&mut |e| {
        if e.name() != "wp:docPr" {
            return;
        }
        *count += 1;
        k += 1;
        let id = count.to_string();
        let name = format!("Picture {count}");
        let mut attrs = vec![("id", id.as_str()), ("name", name.as_str())];
        if let Some(alt) = alts.get(k - 1).filter(|a| !a.is_empty()) {
            attrs.push(("descr", alt.as_str()));
        }
        *e = Element {
            start: BytesStart::new("wp:docPr"),
            children: std::mem::take(&mut e.children),
        }
        .with(&attrs);
    });
}

fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// Turns on Track Changes (and optionally locks the document to tracked
/// changes, without a password) in `w:settings`; docx-rs cannot.
fn set_review(root: &mut Element, review: Review) {
    if review.track_changes {
        root.push(Element::new("w:trackRevisions"));
    }
    if review.protect {
        root.push(
            Element::new("w:documentProtection")
                .with(&[("w:edit", "trackedChanges"), ("w:enforcement", "1")]),
        );
    }
}

/// Relationships in natural order of their ids ("rIdLink2" before
/// "rIdLink10"): docx-rs collects hyperlinks in a hash map, so their order
/// would otherwise change from one export to the next.
fn sort_relationships(root: &mut Element) {
    let key = |n: &Node| {
        let id = match n {
            Node::Element(e) => e.attr("Id").unwrap_or_default(),
            Node::Other(_) => String::new(),
        };
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (stem, number) = id.split_at(id.len() - digits);
        (stem.to_string(), number.parse::<u64>().unwrap_or(0))
    };
    root.children.sort_by_cached_key(key);
}

const THEME_PART: &str = "word/theme/theme1.xml";
const THEME: &[u8] = include_bytes!("theme1.xml");

/// Adds the theme's relationship from the document (docx-rs writes no theme;
/// the schema expects one, and Word falls back to its own without it).
fn add_theme_relationship(root: &mut Element) {
    root.push(Element::new("Relationship").with(&[
        ("Id", "rIdTheme1"),
        (
            "Type",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
        ),
        ("Target", "theme/theme1.xml"),
    ]));
}

fn add_theme_content_type(root: &mut Element) {
    let name = format!("/{THEME_PART}");
    root.push(Element::new("Override").with(&[
        ("PartName", name.as_str()),
        (
            "ContentType",
            "application/vnd.openxmlformats-officedocument.theme+xml",
        ),
    ]));
}

/// docx-rs's font table lists Times New Roman, Symbol and Arial only.
/// The theme names Microsoft YaHei for East Asian text in every document,
/// and Chinese, Japanese and Korean releases are set in it (`docx.rs`); it
/// is declared here with its character set and family, so that Word can
/// choose a stand-in where it is missing.
fn add_east_asian_font(root: &mut Element) {
    let mut font = Element::new("w:font").with(&[("w:name", "Microsoft YaHei")]);
    font.push(Element::new("w:charset").with(&[("w:val", "86")]));
    font.push(Element::new("w:family").with(&[("w:val", "swiss")]));
    font.push(Element::new("w:pitch").with(&[("w:val", "variable")]));
    root.push(font);
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
    put(&mut zip, THEME_PART, THEME)?;
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
        let ext = if is_jpeg(bytes) { "jpeg" } else { "png" };
        put(&mut zip, &format!("word/media/{name}.{ext}"), bytes)?;
    }
    let cursor = zip.finish().map_err(err)?;
    Ok(cursor.into_inner())
}
