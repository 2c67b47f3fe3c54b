//! Finding the parts of a press release in a [`Document`], whatever wrote it.
//!
//! The result is [`Recognised`]: every part found, each as a [`Found`] with a
//! confidence (0 to 1) and the source paragraphs it came from, so that the
//! import screen can show the source beside the fields and mark what is
//! unsure. It keeps more than today's [`Release`] holds (subheadings and
//! quotes in the body, the heading of each About section); only
//! [`Recognised::to_release`] decides how that maps onto the model.
//!
//! The order of work: wire-service lines are dropped; the front matter is
//! read line by line (timing, type label, reference, headline, subheadline)
//! until a dateline or the first body paragraph; the body runs until the
//! first closing-section heading ("For more information…", "About…",
//! "Notes to editors") or end mark; the closing sections are read after it,
//! in any order. Dates come from [`super::months`] (ICU4X month names).

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::months::{self, FoundDate};
use super::{BlockKind, Document, ImportError, SourceBlock};
use crate::labels;
use crate::model::{Block, Contact, Dateline, EndMark, Inline, ListItem, Release, Status, Timing};

/// A recognised value, how sure the recogniser is of it, and the source
/// paragraphs (indexes into [`Recognised::source`]) it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Found<T> {
    pub value: T,
    /// 0 (a default, nothing found) to 1 (certain).
    pub confidence: f32,
    pub source: Vec<usize>,
}

/// Fields below this confidence are shown as unsure.
pub const UNSURE_BELOW: f32 = 0.7;

impl<T> Found<T> {
    fn new(value: T, confidence: f32, source: Vec<usize>) -> Found<T> {
        Found {
            value,
            confidence,
            source,
        }
    }
    fn default_of(value: T) -> Found<T> {
        Found::new(value, 0.0, vec![])
    }
}

/// One part of the body after the lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
// Named apart from the library's `Part` in the generated TypeScript.
#[ts(rename = "ImportedPart")]
pub enum Part {
    Paragraph { content: Vec<Inline> },
    Subheading { content: Vec<Inline> },
    Quote { content: Vec<Inline> },
    List { ordered: bool, items: Vec<ListItem> },
}

/// One "About …" section: its heading as printed and its paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
// Named apart from the release model's `AboutSection` in the generated TypeScript.
#[ts(rename = "ImportedAboutSection")]
pub struct AboutSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// Everything the recogniser found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recognised {
    /// The source paragraphs, for showing beside the fields.
    pub source: Vec<SourceBlock>,
    pub language: Found<String>,
    pub house_style: Found<String>,
    pub type_label: Found<String>,
    pub reference: Found<String>,
    pub timing: Found<Timing>,
    pub headline: Found<String>,
    pub subheadline: Found<String>,
    pub dateline: Found<Dateline>,
    /// The lead paragraph, without its dateline.
    pub lead: Found<Vec<Inline>>,
    pub body: Vec<Found<Part>>,
    pub contacts: Found<Vec<Contact>>,
    pub about: Found<Vec<AboutSection>>,
    pub notes: Found<Vec<String>>,
    pub end_mark: Found<EndMark>,
    /// Source paragraphs left out on purpose (wire-service lines).
    pub dropped: Vec<usize>,
}

/// One line of the source: a paragraph, or one line of a paragraph with
/// line breaks.
#[derive(Debug, Clone)]
struct Line {
    block: usize,
    kind: BlockKind,
    style: String,
    runs: Vec<Inline>,
    text: String,
}

fn explode(doc: &Document) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let mut cur: Vec<Inline> = Vec::new();
        let mut flush = |cur: &mut Vec<Inline>| {
            let text: String = cur.iter().map(|r| r.text.as_str()).collect();
            if !text.trim().is_empty() {
                let mut runs = std::mem::take(cur);
                if let Some(f) = runs.first_mut() {
                    f.text = f.text.trim_start().to_string();
                }
                if let Some(l) = runs.last_mut() {
                    l.text = l.text.trim_end().to_string();
                }
                runs.retain(|r| !r.text.is_empty());
                out.push(Line {
                    block: i,
                    kind: b.kind,
                    style: b.style.clone(),
                    text: text.trim().to_string(),
                    runs,
                });
            }
            cur.clear();
        };
        for r in &b.runs {
            let mut parts = r.text.split('\n').peekable();
            while let Some(p) = parts.next() {
                if !p.is_empty() {
                    cur.push(Inline {
                        text: p.to_string(),
                        ..r.clone()
                    });
                }
                if parts.peek().is_some() {
                    flush(&mut cur);
                }
            }
        }
        flush(&mut cur);
    }
    out
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern}: {e}"))
    })
}

fn norm(s: &str) -> String {
    s.trim()
        .trim_end_matches([':', '：', '.'])
        .trim()
        .replace(['’', '‘'], "'")
        .to_lowercase()
}

// ---------------------------------------------------------------- wire lines

/// A draft banner ("DRAFT – v3 – not for distribution", as Dateline's own
/// drafts print it, or just "DRAFT"), in any language with phrases.
fn is_draft_banner(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 80
        && labels::PHRASES.iter().any(|(_, l)| {
            let lower = t.to_lowercase();
            let mark = l.draft_mark.to_lowercase();
            lower == mark
                || lower.starts_with(&mark)
                    && lower.contains(&l.not_for_distribution.to_lowercase())
        })
}

fn is_wire_line(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^(?:SOURCE\s+\S|View (?:source|original) (?:version|content)|View original content|Photo\s*[-–:]\s*https?://|Logo\s*[-–:]\s*https?://|Multimedia\s*[-–:]\s*https?://|To view the original version|Cision\b|Distributed by|Sent from my|Share this (?:page|article|story)|Share on\b|Follow us on\b|Print this page|Back to top)",
    )
    .is_match(text)
        && !text.starts_with("Source of")
}

// ------------------------------------------------------------------ end marks

fn end_mark_of(text: &str) -> Option<EndMark> {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let dashless = compact.trim_matches(['-', '–', '—']).to_string();
    Some(match t.as_str() {
        "* *** *" => EndMark::SpacedStars,
        _ if compact == "###" => EndMark::Hashes,
        _ if compact == "***" => EndMark::Stars,
        _ if compact == "-30-" || compact == "–30–" || compact == "—30—" => EndMark::Thirty,
        _ if compact != dashless && dashless.eq_ignore_ascii_case("ends") => EndMark::Ends,
        _ if compact.eq_ignore_ascii_case("ends") || compact.eq_ignore_ascii_case("ends.") => {
            EndMark::EndsWord
        }
        _ if compact == "*****" || compact == "*" => EndMark::Stars,
        _ => return None,
    })
}

// ----------------------------------------------------------- section headings

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Contacts,
    About,
    Notes,
}

/// The phrases of every language in `labels` and of every house style,
/// with `extra` ones offices use, normalised for matching.
fn phrase_table(
    of_language: fn(&labels::Labels) -> &'static str,
    of_style: fn(&crate::house_style::Phrases) -> Option<&str>,
    extra: &[&str],
) -> Vec<String> {
    let mut v: Vec<String> = labels::PHRASES
        .iter()
        .map(|(_, l)| norm(of_language(l)))
        .collect();
    for s in crate::house_style::built_in() {
        for p in s.phrases.values() {
            v.extend(of_style(p).map(norm));
        }
    }
    v.extend(extra.iter().map(|e| norm(e)));
    v
}

fn contact_headings() -> &'static Vec<String> {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| {
        phrase_table(
            |l| l.contact_heading,
            |p| p.contact_heading.as_deref(),
            &[
                "for more information, please contact",
                "for more information contact",
                "for more information",
                "for further information",
                "for further information, please contact",
                "for further information contact",
                "for media enquiries",
                "for media inquiries",
                "media contact",
                "media contacts",
                "press contact",
                "press contacts",
                "media enquiries",
                "media inquiries",
                "contact",
                "contacts",
                "contact information",
                "contact presse",
                "contacts presse",
                "contact médias",
                "relations presse",
                "pour plus d'informations",
                "pour plus d'informations, veuillez contacter",
                "contacto",
                "contactos",
                "contacto de prensa",
                "contacto para medios",
                "contactos de prensa",
                "para más información",
                "para más información, contactar",
                "prensa",
                "контакты",
                "контакты для сми",
                "контакт для сми",
                "контактная информация",
                "пресс-служба",
                "для получения дополнительной информации",
                "للمزيد من المعلومات",
                "لمزيد من المعلومات",
                "للاستفسارات الإعلامية",
                "للتواصل",
                "جهات الاتصال",
                "媒体联系",
                "媒体联系人",
                "新闻联系人",
                "联系人",
                "联系方式",
                "欲了解更多信息",
                "欲了解更多信息，请联系",
            ],
        )
    })
}

fn notes_headings() -> &'static Vec<String> {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| {
        phrase_table(
            |l| l.notes_to_editors,
            |p| p.notes_to_editors.as_deref(),
            &[
                "notes to editors",
                "note to editors",
                "notes for editors",
                "note for editors",
                "editor's note",
                "editors' note",
                "editor's notes",
                "notes to editor",
                "background",
                "background information",
                "notes",
                "note aux rédactions",
                "notes aux rédactions",
                "note aux rédacteurs",
                "notes aux rédacteurs",
                "note à la rédaction",
                "notes à l'intention des rédactions",
                "nota para los editores",
                "notas para los editores",
                "notas para editores",
                "nota para editores",
                "notas al editor",
                "nota al editor",
                "antecedentes",
                "примечание для редакторов",
                "примечания для редакции",
                "примечание для редакции",
                "ملاحظة للمحررين",
                "ملاحظات إلى المحررين",
                "编辑注释",
                "编者注",
                "编辑说明",
            ],
        )
    })
}

/// The section a heading line opens, and any text after the heading on the
/// same line ("Media contact: Jane Doe, …").
fn section_heading(line: &Line) -> Option<(Section, String)> {
    let text = line.text.trim();
    if text.chars().count() > 90 {
        return None;
    }
    let (head, rest) = match text.find([':', '：']) {
        Some(i) => (&text[..i], text[i..].trim_start_matches([':', '：']).trim()),
        None => (text, ""),
    };
    let h = norm(head);
    if contact_headings().contains(&h) {
        return Some((Section::Contacts, rest.to_string()));
    }
    if notes_headings().contains(&h) {
        return Some((Section::Notes, rest.to_string()));
    }
    let about_labels: Vec<String> = labels::PHRASES.iter().map(|(_, l)| norm(l.about)).collect();
    if about_labels.contains(&h) {
        return Some((Section::About, rest.to_string()));
    }
    // "About Acme", "À propos de l'ONF", "Acerca de …", "О компании …".
    static ABOUT: OnceLock<Regex> = OnceLock::new();
    let about = re(
        &ABOUT,
        r"^(?:(?i:about|à propos de|a propos de|acerca de|acerca del|sobre|sobre el|sobre la|о компании|об|о|про|حول|نبذة عن|عن|über)\s+|(?i:à propos d|a propos d)['’]|关于\s*)(\S.*)$",
    );
    if rest.is_empty() || rest.chars().count() > 40 {
        if let Some(c) = about.captures(head.trim()) {
            let name = c.get(1).map(|m| m.as_str()).unwrap_or("");
            let first = name.chars().next().unwrap_or(' ');
            let looks_like_name = name.chars().count() <= 70
                && !name.ends_with('.')
                && (first.is_uppercase()
                    || !first.is_ascii_alphabetic() && !('\u{c0}'..='\u{24f}').contains(&first)
                    || first.is_numeric()
                    || !first.is_alphabetic()
                    || !first.is_lowercase() && !first.is_uppercase());
            if looks_like_name && (line.text.chars().count() <= 80) {
                return Some((Section::About, rest.to_string()));
            }
        }
    }
    None
}

// ----------------------------------------------------------- front matter

fn type_labels_known() -> &'static Vec<String> {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<String> = labels::PHRASES
            .iter()
            .flat_map(|(_, l)| l.type_labels.iter().map(|t| norm(t)))
            .collect();
        for extra in [
            "news release",
            "media release",
            "press notice",
            "press statement",
            "joint press release",
            "joint statement",
            "news",
            "press briefing note",
            "readout",
            "fact sheet",
            "communiqué",
            "communiqué de presse",
            "communiqué conjoint",
            "note de presse",
            "comunicado",
            "nota de prensa",
            "nota informativa",
            "comunicado conjunto",
            "пресс-релиз",
            "сообщение для прессы",
            "информационное сообщение",
            "بيان",
            "بيان صحفي",
            "بيان صحافي",
            "新闻稿",
            "新闻公报",
            "新闻通稿",
        ] {
            v.push(extra.to_string());
        }
        v
    })
}

fn type_label_confidence(text: &str) -> Option<f32> {
    let n = norm(text);
    if type_labels_known().contains(&n) {
        return Some(0.95);
    }
    let words = text.split_whitespace().count();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase());
    let keyword = [
        "RELEASE",
        "STATEMENT",
        "ADVISORY",
        "NOTICE",
        "COMMUNIQU",
        "NOTE",
        "BRIEFING",
    ]
    .iter()
    .any(|k| text.to_uppercase().contains(k));
    (upper && words <= 5 && keyword).then_some(0.75)
}

fn reference_of(text: &str) -> Option<String> {
    static LABELLED: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let t = text.trim();
    if let Some(c) = re(
        &LABELLED,
        r"(?i)^(?:ref(?:erence)?\.?|réf(?:érence)?\.?|referencia|no\.|nº|n°|№|номер|رقم)\s*:?\s*(\S.{0,40})$",
    )
    .captures(t)
    {
        return c.get(1).map(|m| m.as_str().trim().to_string());
    }
    re(
        &BARE,
        r"^(?:[A-Z]{1,12}(?:/[A-Z0-9][A-Za-z0-9.\-]{0,14}){1,5}|[A-Z]{2,10}[-_ ]\d{2,4}[-_/]\d{1,6}|\d{1,4}/\d{2,4})$",
    )
    .is_match(t)
    .then(|| t.to_string())
}

fn immediate_phrases() -> &'static Vec<String> {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        phrase_table(
            |l| l.immediate,
            |p| p.immediate.as_deref(),
            &[
                "for immediate release",
                "immediate release",
                "for release immediately",
                "for immediate publication",
                "release immediately",
                "pour diffusion immédiate",
                "pour publication immédiate",
                "diffusion immédiate",
                "para difusión inmediata",
                "para publicación inmediata",
                "difusión inmediata",
                "для немедленного распространения",
                "для немедленной публикации",
                "للنشر الفوري",
                "للنشر فورا",
                "即时发布",
                "立即发布",
                "即时发稿",
            ],
        )
    })
}

fn is_embargo_line(text: &str) -> bool {
    let l = text.to_lowercase();
    let label_hit = labels::PHRASES
        .iter()
        .any(|(_, p)| l.contains(&p.embargoed_until.to_lowercase()));
    label_hit
        || [
            "embargo",
            "embargado",
            "эмбарго",
            "حظر النشر",
            "يحظر نشر",
            "禁止发布",
            "禁发",
            "解禁",
            "not for publication before",
            "not for release before",
            "not for broadcast",
            "sperrfrist",
            "hold for release",
        ]
        .iter()
        .any(|k| l.contains(k))
}

/// An embargo line read into a local time and a zone.
fn parse_embargo(text: &str, fallback_zone: &str) -> (Timing, f32) {
    let mut confidence: f32 = 0.9;
    let dates = months::find_dates(text);
    let Some(date) = dates.first() else {
        return (
            Timing::Embargoed {
                until: String::new(),
                time_zone: fallback_zone.to_string(),
                offset: None,
            },
            0.1,
        );
    };
    // The time, from the text without the date (its day would read as an hour).
    let rest = format!("{} {}", &text[..date.start], &text[date.end..]);
    let (h, m, found_time) = parse_time(&rest)
        .map(|(h, m)| (h, m, true))
        .unwrap_or((0, 0, false));
    if !found_time {
        confidence = 0.5;
    }
    let (zone, offset, found_zone) = match parse_zone(&rest) {
        Some((z, o)) => (z, o, true),
        None => (fallback_zone.to_string(), None, false),
    };
    if !found_zone {
        confidence = confidence.min(0.4);
    }
    let y = date.ymd;
    let until = format!("{:04}-{:02}-{:02}T{h:02}:{m:02}", y.year, y.month, y.day);
    // The offset is kept only where the model needs it: a time that
    // happens twice in the zone.
    let offset = offset.filter(|_| {
        matches!(
            crate::embargo::check(&until, &zone, None),
            crate::embargo::EmbargoCheck::Ambiguous { .. }
        )
    });
    (
        Timing::Embargoed {
            until,
            time_zone: zone,
            offset,
        },
        confidence,
    )
}

fn parse_time(text: &str) -> Option<(u32, u32)> {
    static CLOCK: OnceLock<Regex> = OnceLock::new();
    static AMPM: OnceLock<Regex> = OnceLock::new();
    static MILITARY: OnceLock<Regex> = OnceLock::new();
    let ampm = |s: &str, h: u32| -> u32 {
        let s = s.to_lowercase().replace(['.', ' '], "");
        match s.as_str() {
            "pm" if h < 12 => h + 12,
            "am" if h == 12 => 0,
            _ => h,
        }
    };
    if let Some(c) = re(
        &CLOCK,
        r"(?i)\b([01]?\d|2[0-3])\s*(?::|h|\.)\s*([0-5]\d)\s*(a\.?\s?m\.?|p\.?\s?m\.?)?",
    )
    .captures(text)
    {
        let h: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        return Some((c.get(3).map(|s| ampm(s.as_str(), h)).unwrap_or(h), m));
    }
    if let Some(c) = re(&AMPM, r"(?i)\b(1[0-2]|0?[1-9])\s*(a\.?\s?m\.?|p\.?\s?m\.?)").captures(text)
    {
        let h: u32 = c[1].parse().ok()?;
        return Some((ampm(&c[2], h), 0));
    }
    if let Some(c) = re(
        &MILITARY,
        r"\b([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h\b|GMT|UTC|BST)",
    )
    .captures(text)
    {
        return Some((c[1].parse().ok()?, c[2].parse().ok()?));
    }
    let l = text.to_lowercase();
    if l.contains("midnight") || l.contains("minuit") {
        return Some((0, 0));
    }
    if l.contains("noon") || l.contains("midday") || l.contains("midi") {
        return Some((12, 0));
    }
    None
}

/// The IANA zone an embargo line names: the zone itself as our export
/// prints it ("(Europe/Zurich, +02:00)"), or an abbreviation or city time
/// offices write ("CT", "GMT", "heure de Genève").
fn parse_zone(text: &str) -> Option<(String, Option<String>)> {
    static IANA: OnceLock<Regex> = OnceLock::new();
    static OFFSET: OnceLock<Regex> = OnceLock::new();
    for c in re(&IANA, r"\b([A-Z][A-Za-z]+(?:/[A-Z][A-Za-z_\-]+)+|UTC)\b").captures_iter(text) {
        let name = &c[1];
        if jiff::tz::db().get(name).is_ok() && name.contains('/') {
            let offset = re(&OFFSET, r"[+-]\d{2}:\d{2}")
                .find(&text[c.get(0).map(|m| m.end()).unwrap_or(0)..])
                .map(|m| m.as_str().to_string());
            return Some((name.to_string(), offset));
        }
    }
    const ABBREVIATIONS: &[(&str, &str)] = &[
        ("ET", "America/New_York"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CT", "America/Chicago"),
        ("CST", "America/Chicago"),
        ("CDT", "America/Chicago"),
        ("MT", "America/Denver"),
        ("MST", "America/Denver"),
        ("MDT", "America/Denver"),
        ("PT", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("GMT", "Europe/London"),
        ("BST", "Europe/London"),
        ("UK time", "Europe/London"),
        ("London time", "Europe/London"),
        ("UTC", "UTC"),
        ("CET", "Europe/Brussels"),
        ("CEST", "Europe/Brussels"),
        ("Brussels time", "Europe/Brussels"),
        ("heure de Bruxelles", "Europe/Brussels"),
        ("EAT", "Africa/Nairobi"),
        ("Nairobi time", "Africa/Nairobi"),
        ("MSK", "Europe/Moscow"),
        ("по московскому времени", "Europe/Moscow"),
        ("мск", "Europe/Moscow"),
        ("JST", "Asia/Tokyo"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("IST", "Asia/Kolkata"),
        ("New York time", "America/New_York"),
        ("Eastern Time", "America/New_York"),
        ("Geneva time", "Europe/Zurich"),
        ("heure de Genève", "Europe/Zurich"),
        ("hora de Ginebra", "Europe/Zurich"),
        ("Paris time", "Europe/Paris"),
        ("heure de Paris", "Europe/Paris"),
        ("heure française", "Europe/Paris"),
        ("hora de Madrid", "Europe/Madrid"),
        ("hora peninsular", "Europe/Madrid"),
        ("hora de Nueva York", "America/New_York"),
        ("hora de México", "America/Mexico_City"),
        ("北京时间", "Asia/Shanghai"),
        ("بتوقيت غرينتش", "UTC"),
        ("بتوقيت مكة", "Asia/Riyadh"),
        ("بتوقيت القاهرة", "Africa/Cairo"),
        ("بتوقيت نيويورك", "America/New_York"),
    ];
    for (abbr, zone) in ABBREVIATIONS {
        let found = if abbr.chars().all(|c| c.is_ascii_uppercase()) {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == *abbr)
        } else {
            text.to_lowercase().contains(&abbr.to_lowercase())
        };
        if found {
            return Some((zone.to_string(), None));
        }
    }
    None
}

// ------------------------------------------------------------- the dateline

struct FoundDateline {
    dateline: Dateline,
    /// Byte offset in the line where the lead's own text starts.
    lead_start: usize,
    confidence: f32,
    ap_form: bool,
    le_prefix: bool,
    /// " -- " after the date, as US wire releases print it.
    double_dash: bool,
    month_language: Option<&'static str>,
}

fn title_case_if_shouting(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    s.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’' | '(' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const SEPARATORS: &[char] = &[',', '，', '،', '—', '–', '-', ':', '(', ')', ' ', '/', '|'];

/// A dateline at the start of `text`: "PLACE[, REGION], [le] DATE [/WIRE/] –".
fn dateline_at_start(text: &str) -> Option<FoundDateline> {
    let dates = months::find_dates(text);
    let d: &FoundDate = dates.first()?;
    let prefix = &text[..d.start];
    if prefix.chars().count() > 70 {
        return None;
    }
    let mut place = prefix.trim();
    // A weekday between place and date: "NEW YORK, Monday, 5 May 2025".
    let mut le_prefix = false;
    for filler in [" le", " el", ", le", " den", " am"] {
        if let Some(p) = place.strip_suffix(filler) {
            le_prefix = filler.ends_with("le");
            place = p;
        }
    }
    // A place is set off from the date: "Paris, le", "MINNEAPOLIS, MN —",
    // "北京，". A sentence running into a date is not a dateline.
    if !place.is_empty() && !place.ends_with([',', '，', '،', '—', '–', '-', '(', ':']) {
        return None;
    }
    let place = place.trim_matches(SEPARATORS).trim();
    let words = place.split_whitespace().count();
    if words > 7 || place.contains(". ") && !place.contains("., ") && words > 4 {
        return None;
    }
    // A place must look like one: no sentence verbs, starts with a capital
    // or a non-Latin letter.
    if let Some(c) = place.chars().next() {
        if c.is_lowercase() {
            return None;
        }
    }
    let ap_form = {
        let t = &text[d.start..d.end];
        t.chars().next().is_some_and(|c| c.is_alphabetic())
    };
    let mut rest = &text[d.end..];
    let mut wire_tag = String::new();
    static WIRE: OnceLock<Regex> = OnceLock::new();
    if let Some(c) = re(&WIRE, r"^\s*/\s*([^/\n]{2,40}?)\s*/").captures(rest) {
        wire_tag = c[1].to_string();
        rest = &rest[c.get(0).map(|m| m.end()).unwrap_or(0)..];
    }
    let mut city_after = String::new();
    if place.is_empty() {
        // "2024年7月26日，北京——": the place after the date.
        static AFTER: OnceLock<Regex> = OnceLock::new();
        if let Some(c) = re(
            &AFTER,
            r"^\s*[，,、]\s*([^\s，,。—–-]{1,12})\s*(?:——|—|–|--)",
        )
        .captures(rest)
        {
            city_after = c[1].to_string();
            rest = &rest[c.get(1).map(|m| m.end()).unwrap_or(0)..];
        }
    }
    // Spanish ".-" after the date: "Madrid, 5 de febrero de 2025.- La…".
    if let Some(r2) = rest.strip_prefix('.') {
        if r2.trim_start().starts_with(['-', '–', '—']) {
            rest = r2;
        }
    }
    let had_dash = rest
        .trim_start()
        .starts_with(['—', '–', '-', ':', '，', ',', '،', ')']);
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '，' | ',' | '،' | ')')
    });
    if place.is_empty()
        && city_after.is_empty()
        && !had_dash
        && !trimmed.is_empty()
        && wire_tag.is_empty()
    {
        // "26 июля 2024 года фонд открыл…": the date is part of the
        // sentence, which stays whole.
        return None;
    }
    let lead_start = text.len() - trimmed.len();
    let (city, region) = if !city_after.is_empty() {
        (city_after, String::new())
    } else {
        let mut parts = place.splitn(2, [',', '，', '،']);
        let city = parts
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches('(')
            .to_string();
        let region = parts.next().unwrap_or("").trim().to_string();
        (title_case_if_shouting(&city), region)
    };
    let y = d.ymd;
    let mut confidence: f32 = if city.is_empty() { 0.7 } else { 0.85 };
    if had_dash || !wire_tag.is_empty() || trimmed.is_empty() {
        confidence += 0.1;
    }
    Some(FoundDateline {
        dateline: Dateline {
            city,
            region,
            date: format!("{:04}-{:02}-{:02}", y.year, y.month, y.day),
            wire_tag,
        },
        lead_start,
        confidence,
        ap_form,
        le_prefix,
        double_dash: rest.trim_start().starts_with("--"),
        month_language: d.language,
    })
}

/// "Published 12 March 2025", "Date: 12 March 2025": a line that is a date.
fn date_line(text: &str) -> Option<FoundDate> {
    let d = months::find_dates(text).into_iter().next()?;
    let before = text[..d.start].trim();
    let after = text[d.end..].trim();
    let label = before.trim_end_matches(':').to_lowercase();
    let ok = after.is_empty()
        && (before.is_empty()
            || [
                "published",
                "date",
                "dated",
                "issued",
                "publié le",
                "fecha",
                "дата",
                "التاريخ",
                "日期",
                "released",
            ]
            .iter()
            .any(|l| label == *l));
    ok.then_some(d)
}

// --------------------------------------------------------------- contacts

fn email_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
}

fn strip_field_label(s: &str) -> &str {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)^(?:e-?mail|courriel|correo(?: electrónico)?|почта|эл\. почта|البريد الإلكتروني|电子邮件|邮箱|tel\.?|phone|telephone|téléphone|teléfono|тел\.?|телефон|هاتف|الهاتف|电话|mob(?:ile)?\.?|cell|portable|móvil|моб\.?|web|website)\s*[:：.]\s*|^(?i:t|m|e|p|w)\s*:\s*",
    );
    match r.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    let others = s
        .chars()
        .filter(|c| !c.is_ascii_digit() && !" +-().–/ext".contains(*c))
        .count();
    digits >= 7 && others == 0
}

fn looks_like_org(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "ministry",
        "ministère",
        "ministerio",
        "министерств",
        "وزارة",
        "部",
        "agency",
        "office",
        "bureau",
        "department",
        "council",
        "commission",
        "foundation",
        "fondation",
        "fundación",
        "фонд",
        "institute",
        "institut",
        "instituto",
        "university",
        "université",
        "universidad",
        "inc",
        "ltd",
        "llc",
        "corp",
        "company",
        "group",
        "association",
        "network",
        "centre",
        "center",
        "programme",
        "program",
        "organization",
        "organisation",
        "organización",
        "организация",
        "منظمة",
        "组织",
        "unicef",
        "un ",
        "united nations",
        "nations unies",
        "naciones unidas",
        "ооо",
        "ао ",
        "gmbh",
        "s.a.",
        "sas",
        "trust",
        "society",
        "union",
        "bank",
        "authority",
        "service",
    ]
    .iter()
    .any(|k| l.contains(k))
}

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let latin = s.chars().any(|c| c.is_ascii_alphabetic());
    !latin
        || words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || [
                    "de", "van", "von", "da", "del", "la", "le", "al", "bin", "el",
                ]
                .contains(w)
        })
}

/// Contacts from the lines of a contact section.
fn parse_contacts(groups: &[Vec<String>]) -> (Vec<Contact>, f32) {
    let mut out: Vec<Contact> = Vec::new();
    let mut confidence: f32 = 0.9;
    for group in groups {
        // A contact line wrapped after a comma, or inside a phone number
        // (e-mail text wrapped at a fixed width), goes on in the next line;
        // no contact line starts with a digit.
        let mut joined: Vec<String> = Vec::new();
        for line in group {
            match joined.last_mut() {
                Some(prev)
                    if prev.trim_end().ends_with([',', '，', '،'])
                        || prev.trim_end().ends_with(|c: char| c.is_ascii_digit())
                            && line.trim_start().starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    prev.push(' ');
                    prev.push_str(line.trim());
                }
                _ => joined.push(line.clone()),
            }
        }
        let group = &joined;
        let mut cur: Option<(Contact, Vec<String>)> = None;
        let finish = |cur: &mut Option<(Contact, Vec<String>)>, out: &mut Vec<Contact>| {
            if let Some((mut c, texts)) = cur.take() {
                let mut texts = texts.into_iter();
                c.name = texts.next().unwrap_or_default();
                let rest: Vec<String> = texts.collect();
                match rest.len() {
                    0 => {}
                    1 if looks_like_org(&rest[0]) => c.organization = rest[0].clone(),
                    1 => c.title = rest[0].clone(),
                    _ => {
                        c.title = rest[0].clone();
                        c.organization = rest[1..].join(", ");
                    }
                }
                if !c.name.is_empty() {
                    out.push(c);
                }
            }
        };
        for line in group {
            // "Julie Martin – 06 12 34 56 78 – julie@example.fr": dashes
            // with spaces around separate parts too (not "Jean-Pierre").
            let line = line
                .replace(" – ", ", ")
                .replace(" — ", ", ")
                .replace(" - ", ", ");
            let parts: Vec<String> = line
                // Not '·': it joins the parts of a transcribed name ("莉娅·方丹").
                .split([',', '，', '،', ';', '|', '•'])
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            // A line of several parts starting with a name is one contact.
            let starts_new = parts
                .first()
                .is_some_and(|p| !email_re().is_match(p) && !is_phone(strip_field_label(p)));
            // The current contact is whole once it has a way to reach them,
            // or a name and title and the new line is a whole contact too.
            let complete = cur.as_ref().is_some_and(|(c, t)| {
                !c.email.is_empty() || !c.phone.is_empty() || parts.len() > 1 && t.len() >= 2
            });
            if cur.is_none() || (starts_new && complete && looks_like_name(&parts[0])) {
                finish(&mut cur, &mut out);
                cur = Some((Contact::default(), Vec::new()));
            }
            let Some((c, texts)) = cur.as_mut() else {
                continue;
            };
            for p in parts {
                let mut v = strip_field_label(&p).trim().to_string();
                // "Nordlys Energy: Kari Nilsen": the organization, then the name.
                if texts.is_empty() && c.organization.is_empty() {
                    if let Some((org, name)) = v.clone().split_once([':', '：']) {
                        if !org.trim().is_empty()
                            && org.chars().count() <= 50
                            && !name.trim().is_empty()
                            && !org.chars().any(|ch| ch.is_ascii_digit())
                        {
                            c.organization = org.trim().to_string();
                            v = name.trim().to_string();
                        }
                    }
                }
                if let Some(m) = email_re().find(&v) {
                    if c.email.is_empty() {
                        c.email = m.as_str().to_string();
                    }
                } else if is_phone(&v) {
                    if c.phone.is_empty() {
                        c.phone = v;
                    } else {
                        c.phone = format!("{}, {v}", c.phone);
                    }
                } else if v.starts_with("http") || v.starts_with("www.") {
                    // The model has no place for a web address yet.
                    confidence = confidence.min(0.6);
                } else {
                    texts.push(v);
                }
            }
        }
        finish(&mut cur, &mut out);
    }
    if out.iter().any(|c| c.email.is_empty() && c.phone.is_empty()) {
        confidence = confidence.min(0.6);
    }
    (out, confidence)
}

fn looks_like_contact_block(lines: &[&Line]) -> bool {
    !lines.is_empty()
        && lines.iter().all(|l| l.text.chars().count() <= 120)
        && lines
            .iter()
            .any(|l| email_re().is_match(&l.text) || is_phone(strip_field_label(&l.text)))
        && lines.len() <= 12
}

// ------------------------------------------------------------------ language

fn detect_language(text: &str, month_language: Option<&'static str>) -> (String, f32) {
    let (mut cyr, mut arab, mut han, mut kana, mut hangul, mut latin) = (0, 0, 0, 0, 0, 0);
    let mut ukr = 0;
    for c in text.chars() {
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' => {
                ukr += 1;
                cyr += 1
            }
            '\u{0400}'..='\u{04ff}' => cyr += 1,
            '\u{0600}'..='\u{06ff}' => arab += 1,
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{4e00}'..='\u{9fff}' => han += 1,
            '\u{ac00}'..='\u{d7af}' => hangul += 1,
            c if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    let total = (cyr + arab + han + kana + hangul + latin).max(1);
    if arab * 3 > total {
        return ("ar".into(), 0.95);
    }
    if cyr * 2 > total {
        return (if ukr * 50 > cyr { "uk" } else { "ru" }.into(), 0.9);
    }
    if kana > 0 && (han + kana) * 3 > total {
        return ("ja".into(), 0.9);
    }
    if hangul * 3 > total {
        return ("ko".into(), 0.9);
    }
    if han * 3 > total {
        return ("zh".into(), 0.9);
    }
    // Latin script: the commonest short words of each language.
    const WORDS: &[(&str, &[&str])] = &[
        (
            "en",
            &[
                "the", "and", "of", "to", "in", "is", "for", "with", "on", "said", "will",
            ],
        ),
        (
            "fr",
            &[
                "le", "la", "les", "des", "et", "du", "est", "une", "pour", "dans", "au",
            ],
        ),
        (
            "es",
            &[
                "el", "los", "las", "del", "y", "en", "que", "por", "una", "para", "con",
            ],
        ),
        (
            "de",
            &[
                "der", "die", "und", "das", "den", "mit", "ist", "für", "von", "im",
            ],
        ),
        (
            "it",
            &[
                "il", "della", "di", "che", "per", "gli", "sono", "nel", "alla", "delle",
            ],
        ),
        (
            "pt",
            &[
                "o", "os", "da", "do", "em", "que", "com", "uma", "para", "não",
            ],
        ),
        (
            "tr",
            &[
                "ve", "bir", "bu", "için", "ile", "olarak", "da", "de", "çok",
            ],
        ),
        (
            "sw",
            &["na", "wa", "ya", "kwa", "za", "katika", "ni", "la", "hii"],
        ),
    ];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let mut scores: Vec<(&str, usize)> = WORDS
        .iter()
        .map(|(lang, list)| (*lang, words.iter().filter(|w| list.contains(w)).count()))
        .collect();
    if let Some(m) = month_language {
        let p = labels::primary_subtag(m);
        for s in &mut scores {
            if s.0 == p {
                s.1 += 3 + words.len() / 50;
            }
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, score) = scores[0];
    let second = scores[1].1;
    let confidence = if score == 0 {
        0.3
    } else if score >= second * 2 {
        0.9
    } else {
        0.6
    };
    (best.to_string(), confidence)
}

// ------------------------------------------------------------------- the work

/// Recognises the parts of a release in a document.
pub fn recognise(doc: &Document) -> Recognised {
    let lines = explode(doc);
    let mut r = Recognised {
        source: doc.blocks.clone(),
        language: Found::default_of("en".into()),
        house_style: Found::default_of(crate::house_style::DEFAULT.into()),
        type_label: Found::default_of(String::new()),
        reference: Found::default_of(String::new()),
        timing: Found::new(Timing::Immediate, 0.6, vec![]),
        headline: Found::default_of(String::new()),
        subheadline: Found::new(String::new(), 0.8, vec![]),
        dateline: Found::default_of(Dateline {
            city: String::new(),
            region: String::new(),
            date: String::new(),
            wire_tag: String::new(),
        }),
        lead: Found::default_of(vec![]),
        body: vec![],
        contacts: Found::new(vec![], 0.8, vec![]),
        about: Found::new(vec![], 0.8, vec![]),
        notes: Found::new(vec![], 0.8, vec![]),
        end_mark: Found::new(EndMark::None, 0.7, vec![]),
        dropped: vec![],
    };
    let mut keep: Vec<&Line> = Vec::new();
    for l in &lines {
        if is_wire_line(&l.text) || is_draft_banner(&l.text) {
            if !r.dropped.contains(&l.block) {
                r.dropped.push(l.block);
            }
        } else {
            keep.push(l);
        }
    }

    // Front matter.
    let mut i = 0;
    let mut embargo_text: Option<(String, usize)> = None;
    let mut found_dateline: Option<FoundDateline> = None;
    let mut dateline_alone = false;
    let mut headline_block: Option<usize> = None;
    let mut timing_on_top = false;
    let mut top_contacts: Vec<Vec<String>> = Vec::new();
    while i < keep.len() {
        let l = keep[i];
        if let Some((Section::Contacts, rest)) = section_heading(l) {
            if headline_block.is_none() {
                // US releases print the media contact above the headline:
                // its paragraph, and the short e-mail or phone lines after it.
                let block = l.block;
                let mut group: Vec<String> = Vec::new();
                if !rest.is_empty() {
                    group.push(rest);
                }
                i += 1;
                while i < keep.len()
                    && (keep[i].block == block
                        || keep[i].text.chars().count() <= 60
                            && (email_re().is_match(&keep[i].text)
                                || is_phone(strip_field_label(&keep[i].text))))
                {
                    group.push(keep[i].text.clone());
                    if !r.contacts.source.contains(&keep[i].block) {
                        r.contacts.source.push(keep[i].block);
                    }
                    i += 1;
                }
                r.contacts.source.push(block);
                top_contacts.push(group);
                continue;
            }
        }
        if section_heading(l).is_some() || end_mark_of(&l.text).is_some() {
            break;
        }
        let lower = norm(&l.text);
        if immediate_phrases().contains(&lower) || l.style == "embargo" && !is_embargo_line(&l.text)
        {
            r.timing = Found::new(Timing::Immediate, 0.95, vec![l.block]);
            timing_on_top |= r.type_label.source.is_empty() && headline_block.is_none();
            i += 1;
            continue;
        }
        if is_embargo_line(&l.text) && l.text.chars().count() < 200 {
            embargo_text = Some((l.text.clone(), l.block));
            timing_on_top |= r.type_label.source.is_empty() && headline_block.is_none();
            i += 1;
            continue;
        }
        if headline_block.is_none() {
            if r.type_label.source.is_empty() {
                if let Some(c) = type_label_confidence(&l.text) {
                    r.type_label = Found::new(l.text.clone(), c, vec![l.block]);
                    i += 1;
                    continue;
                }
                if l.style == "release type" {
                    r.type_label = Found::new(l.text.clone(), 0.9, vec![l.block]);
                    i += 1;
                    continue;
                }
            }
            if r.reference.source.is_empty() {
                if let Some(refr) = reference_of(&l.text) {
                    r.reference = Found::new(refr, 0.85, vec![l.block]);
                    i += 1;
                    continue;
                }
            }
        }
        {
            if let Some(d) = date_line(&l.text) {
                if found_dateline.is_none() && r.dateline.source.is_empty() {
                    let y = d.ymd;
                    r.dateline = Found::new(
                        Dateline {
                            city: String::new(),
                            region: String::new(),
                            date: format!("{:04}-{:02}-{:02}", y.year, y.month, y.day),
                            wire_tag: String::new(),
                        },
                        0.6,
                        vec![l.block],
                    );
                }
                i += 1;
                continue;
            }
        }
        if let Some(fd) = dateline_at_start(&l.text) {
            if headline_block.is_none() && fd.lead_start >= l.text.len() && found_dateline.is_none()
            {
                // "Paris, le 21 juillet 2023" above the headline, as French
                // ministries print it: the lead comes after the headline.
                r.dateline = Found::new(fd.dateline.clone(), fd.confidence, vec![l.block]);
                found_dateline = Some(fd);
                dateline_alone = true;
                i += 1;
                continue;
            }
            if headline_block.is_some() || fd.lead_start < l.text.len() {
                let alone = fd.lead_start >= l.text.len();
                let block = l.block;
                found_dateline = Some(fd);
                if alone {
                    dateline_alone = true;
                    i += 1;
                    if let Some(fd) = &found_dateline {
                        r.dateline = Found::new(fd.dateline.clone(), fd.confidence, vec![block]);
                    }
                    // The lead is the next paragraph, unless a list or a
                    // section comes first.
                    if let Some(next) = keep.get(i) {
                        if next.kind == BlockKind::Paragraph
                            && section_heading(next).is_none()
                            && end_mark_of(&next.text).is_none()
                        {
                            r.lead = Found::new(block_runs(&keep, &mut i), 0.85, vec![next.block]);
                        }
                    }
                } else if let Some(fd) = &found_dateline {
                    r.dateline = Found::new(fd.dateline.clone(), fd.confidence, vec![block]);
                    let runs = cut_runs(&l.runs, fd.lead_start);
                    let mut j = i + 1;
                    let mut runs = runs;
                    // Other lines of the same paragraph belong to the lead.
                    while j < keep.len() && keep[j].block == block {
                        runs.push(Inline::plain("\n"));
                        runs.extend(keep[j].runs.clone());
                        j += 1;
                    }
                    i = j;
                    r.lead = Found::new(runs, 0.9, vec![block]);
                }
                break;
            }
        }
        if headline_block.is_none() {
            let c = if matches!(l.kind, BlockKind::Heading { level: 1 }) || l.style == "headline" {
                0.95
            } else if matches!(l.kind, BlockKind::Heading { .. }) || l.runs.iter().all(|r| r.bold) {
                0.85
            } else {
                0.75
            };
            let block = l.block;
            let mut text = vec![l.text.clone()];
            i += 1;
            while i < keep.len() && keep[i].block == block {
                text.push(keep[i].text.clone());
                i += 1;
            }
            r.headline = Found::new(text.join(" "), c, vec![block]);
            headline_block = Some(block);
            continue;
        }
        // Between the headline and the dateline: a subheadline, unless it
        // is already the lead (no dateline in this release).
        let long = l.text.chars().count() > 300;
        let styled_sub = matches!(l.kind, BlockKind::Heading { .. })
            || l.style == "subheadline"
            || l.style == "subtitle"
            || l.runs.iter().all(|r| r.italic);
        let next_is_dateline = keep.get(i + 1).is_some_and(|n| {
            n.block != l.block
                && (dateline_at_start(&n.text).is_some() || date_line(&n.text).is_some())
        });
        if r.subheadline.source.is_empty()
            && !long
            && (styled_sub || next_is_dateline)
            && l.kind
                != (BlockKind::ListItem {
                    ordered: false,
                    level: 0,
                })
        {
            let block = l.block;
            let mut text = vec![l.text.clone()];
            i += 1;
            while i < keep.len() && keep[i].block == block {
                text.push(keep[i].text.clone());
                i += 1;
            }
            r.subheadline = Found::new(
                text.join(" "),
                if styled_sub { 0.9 } else { 0.8 },
                vec![block],
            );
            continue;
        }
        // No dateline at the start: this is the lead. A date inside it
        // ("26 июля 2024 года …") dates the release.
        if l.kind == BlockKind::Paragraph || l.kind == BlockKind::Quote {
            let block = l.block;
            let runs = block_runs(&keep, &mut i);
            let text = crate::model::inline_text(&runs);
            if r.dateline.source.is_empty() {
                if let Some(d) = months::find_dates(&text).into_iter().next() {
                    let y = d.ymd;
                    r.dateline = Found::new(
                        Dateline {
                            city: String::new(),
                            region: String::new(),
                            date: format!("{:04}-{:02}-{:02}", y.year, y.month, y.day),
                            wire_tag: String::new(),
                        },
                        0.5,
                        vec![block],
                    );
                    found_dateline = Some(FoundDateline {
                        dateline: r.dateline.value.clone(),
                        lead_start: 0,
                        confidence: 0.5,
                        ap_form: false,
                        le_prefix: false,
                        double_dash: false,
                        month_language: d.language,
                    });
                }
            }
            r.lead = Found::new(runs, 0.7, vec![block]);
        }
        break;
    }
    if r.subheadline.source.is_empty() && headline_block.is_none() {
        r.subheadline.confidence = 0.5;
    }

    // Body: up to the first closing section or end mark.
    let mut body_lines: Vec<&Line> = Vec::new();
    while i < keep.len() {
        let l = keep[i];
        if section_heading(l).is_some() || end_mark_of(&l.text).is_some() {
            break;
        }
        // An unlabelled contact block at the end of the body.
        let block_lines: Vec<&Line> = keep[i..]
            .iter()
            .take_while(|x| x.block == l.block)
            .copied()
            .collect();
        if looks_like_contact_block(&block_lines)
            && keep[i + block_lines.len()..].iter().all(|x| {
                section_heading(x).is_some()
                    || end_mark_of(&x.text).is_some()
                    || looks_like_contact_block(&[x])
            })
        {
            break;
        }
        body_lines.push(l);
        i += 1;
    }
    r.body = body_parts(&body_lines);

    // Closing sections.
    let mut section: Option<Section> = None;
    let mut contact_groups: Vec<Vec<String>> = top_contacts;
    let mut last_block = usize::MAX;
    let mut order: Vec<&str> = Vec::new();
    let mut end_index: Option<usize> = None;
    while i < keep.len() {
        let l = keep[i];
        i += 1;
        if let Some(mark) = end_mark_of(&l.text) {
            if r.end_mark.source.is_empty() {
                r.end_mark = Found::new(mark, 0.95, vec![l.block]);
                order.push("end");
                end_index = Some(order.len());
            }
            section = None;
            continue;
        }
        if let Some((s, rest)) = section_heading(l) {
            section = Some(s);
            order.push(match s {
                Section::Contacts => "contacts",
                Section::About => "about",
                Section::Notes => "notes",
            });
            match s {
                Section::Contacts => {
                    r.contacts.source.push(l.block);
                    contact_groups.push(vec![]);
                    if !rest.is_empty() {
                        if let Some(g) = contact_groups.last_mut() {
                            g.push(rest);
                        }
                    }
                }
                Section::About => {
                    r.about.source.push(l.block);
                    r.about.value.push(AboutSection {
                        heading: l.text.clone(),
                        paragraphs: if rest.is_empty() { vec![] } else { vec![rest] },
                    });
                }
                Section::Notes => {
                    r.notes.source.push(l.block);
                    if !rest.is_empty() {
                        r.notes.value.push(strip_number(&rest));
                    }
                }
            }
            last_block = l.block;
            continue;
        }
        let s = match section {
            Some(s) => s,
            None => {
                if looks_like_contact_block(&[l])
                    || contact_groups.is_empty() && email_re().is_match(&l.text)
                {
                    section = Some(Section::Contacts);
                    r.contacts.confidence = 0.6;
                    contact_groups.push(vec![]);
                    order.push("contacts");
                    Section::Contacts
                } else {
                    // Text after the end mark that belongs to no section.
                    r.body.push(Found::new(
                        Part::Paragraph {
                            content: l.runs.clone(),
                        },
                        0.4,
                        vec![l.block],
                    ));
                    continue;
                }
            }
        };
        match s {
            Section::Contacts => {
                if !r.contacts.source.contains(&l.block) {
                    r.contacts.source.push(l.block);
                }
                if l.block != last_block && contact_groups.last().is_some_and(|g| !g.is_empty()) {
                    contact_groups.push(vec![]);
                }
                if let Some(g) = contact_groups.last_mut() {
                    g.push(l.text.clone());
                }
            }
            Section::About => {
                if !r.about.source.contains(&l.block) {
                    r.about.source.push(l.block);
                }
                if let Some(a) = r.about.value.last_mut() {
                    if l.block == last_block && !a.paragraphs.is_empty() {
                        if let Some(p) = a.paragraphs.last_mut() {
                            p.push('\n');
                            p.push_str(&l.text);
                        }
                    } else {
                        a.paragraphs.push(l.text.clone());
                    }
                }
            }
            Section::Notes => {
                if !r.notes.source.contains(&l.block) {
                    r.notes.source.push(l.block);
                }
                let note = strip_number(&l.text);
                // An unnumbered note wrapped at a fixed width goes on in a
                // line that starts in lower case after one that does not
                // end a sentence.
                let goes_on = l.block == last_block
                    && note.starts_with(|c: char| c.is_lowercase())
                    && r.notes.value.last().is_some_and(|p| {
                        !p.ends_with(['.', '!', '?', '。', ':', '»', '"', '”', ')'])
                    });
                match r.notes.value.last_mut() {
                    Some(prev) if goes_on => {
                        prev.push(' ');
                        prev.push_str(&note);
                    }
                    _ => r.notes.value.push(note),
                }
            }
        }
        last_block = l.block;
    }
    let (contacts, cc) = parse_contacts(&contact_groups);
    r.contacts.value = contacts;
    r.contacts.confidence = r.contacts.confidence.min(cc);

    if let Some(fd) = &found_dateline {
        if r.dateline.source.is_empty() {
            r.dateline = Found::new(fd.dateline.clone(), fd.confidence, vec![]);
        }
    }

    // Language: the script, the dateline's month name, common words.
    let all_text: String = keep
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let (lang, lc) = detect_language(
        &all_text,
        found_dateline.as_ref().and_then(|f| f.month_language),
    );
    r.language = Found::new(lang, lc, vec![]);

    // Timing, once the language and dateline are known.
    if let Some((text, block)) = embargo_text {
        let fallback = "UTC";
        let (t, c) = parse_embargo(&text, fallback);
        r.timing = Found::new(t, c, vec![block]);
    }

    // No dateline or date line: the embargo's day is the release's day.
    if r.dateline.value.date.is_empty() {
        if let Timing::Embargoed { until, .. } = &r.timing.value {
            if let Some(day) = until.get(..10) {
                r.dateline.value.date = day.to_string();
                r.dateline.confidence = 0.4;
                r.dateline.source = r.timing.source.clone();
            }
        }
    }

    // Type label: the language's usual one when none is printed.
    if r.type_label.source.is_empty() {
        r.type_label = Found::new(
            labels::for_language(&r.language.value).type_labels[0].to_string(),
            0.3,
            vec![],
        );
    }

    // House style, from the shape.
    let fd = found_dateline.as_ref();
    let style = if fd.is_some_and(|f| !f.dateline.wire_tag.is_empty() || f.ap_form || f.double_dash)
        || matches!(r.end_mark.value, EndMark::Thirty)
        || timing_on_top
            && matches!(r.timing.value, Timing::Immediate)
            && !r.timing.source.is_empty()
    {
        ("ap", 0.8)
    } else if matches!(r.end_mark.value, EndMark::EndsWord)
        || end_index == Some(1) && order.len() > 1
    {
        ("uk-gov", 0.75)
    } else if fd.is_some_and(|f| f.le_prefix) || dateline_alone && r.language.value == "fr" {
        ("fr-gouv", 0.75)
    } else {
        ("un", 0.6)
    };
    r.house_style = Found::new(style.0.to_string(), style.1, vec![]);
    if style.0 == "ap" && r.language.value == "en" {
        r.language.value = "en-US".into();
    }
    if r.dateline.value.date.is_empty() {
        r.dateline.confidence = 0.0;
    }
    r
}

/// The runs of the paragraph at `keep[*i]` (all its lines), moving `i` past it.
fn block_runs(keep: &[&Line], i: &mut usize) -> Vec<Inline> {
    let block = keep[*i].block;
    let mut runs = keep[*i].runs.clone();
    *i += 1;
    while *i < keep.len() && keep[*i].block == block {
        runs.push(Inline::plain("\n"));
        runs.extend(keep[*i].runs.clone());
        *i += 1;
    }
    runs
}

/// The runs from byte `start` of their joined text on.
fn cut_runs(runs: &[Inline], start: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut pos = 0;
    for r in runs {
        let end = pos + r.text.len();
        if end > start {
            let from = start.saturating_sub(pos);
            let mut piece = r.clone();
            piece.text = r.text[from..].to_string();
            if !piece.text.is_empty() {
                out.push(piece);
            }
        }
        pos = end;
    }
    out
}

fn strip_number(text: &str) -> String {
    match super::text::list_marker(text) {
        Some((_, rest)) => rest.to_string(),
        None => {
            static R: OnceLock<Regex> = OnceLock::new();
            re(&R, r"^\[\d+\]\s*").replace(text.trim(), "").into_owned()
        }
    }
}

fn body_parts(lines: &[&Line]) -> Vec<Found<Part>> {
    let mut out: Vec<Found<Part>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        match l.kind {
            BlockKind::ListItem { ordered, .. } => {
                let mut items_src: Vec<(u8, &Line)> = Vec::new();
                let mut sources = Vec::new();
                while i < lines.len() {
                    if let BlockKind::ListItem { level, ordered: o } = lines[i].kind {
                        // A list of the other kind starts a new list.
                        if level == 0 && o != ordered && !items_src.is_empty() {
                            break;
                        }
                        items_src.push((level, lines[i]));
                        sources.push(lines[i].block);
                        i += 1;
                    } else {
                        break;
                    }
                }
                let (items, _) = nest(&items_src, 0, 0);
                out.push(Found::new(Part::List { ordered, items }, 0.9, sources));
            }
            _ => {
                let block = l.block;
                let mut runs = l.runs.clone();
                i += 1;
                while i < lines.len()
                    && lines[i].block == block
                    && !matches!(lines[i].kind, BlockKind::ListItem { .. })
                {
                    runs.push(Inline::plain("\n"));
                    runs.extend(lines[i].runs.clone());
                    i += 1;
                }
                let text = crate::model::inline_text(&runs);
                let short = text.chars().count() <= 90
                    && !text
                        .trim_end()
                        .ends_with(['.', '!', '?', '。', ':', '»', '"', '”']);
                let part = if matches!(l.kind, BlockKind::Heading { .. })
                    || short && runs.iter().all(|r| r.bold)
                {
                    Part::Subheading { content: runs }
                } else if l.kind == BlockKind::Quote {
                    Part::Quote { content: runs }
                } else {
                    Part::Paragraph { content: runs }
                };
                out.push(Found::new(part, 0.9, vec![block]));
            }
        }
    }
    out
}

/// List items at `level` and deeper from `start`, nested by level.
fn nest(items: &[(u8, &Line)], start: usize, level: u8) -> (Vec<ListItem>, usize) {
    let mut out: Vec<ListItem> = Vec::new();
    let mut i = start;
    while i < items.len() {
        let (l, line) = items[i];
        if l < level {
            break;
        }
        if l > level {
            let ordered = matches!(line.kind, BlockKind::ListItem { ordered: true, .. });
            let (children, next) = nest(items, i, l);
            let block = if ordered {
                Block::OrderedList { items: children }
            } else {
                Block::BulletList { items: children }
            };
            match out.last_mut() {
                Some(parent) => parent.children.push(block),
                None => out.push(ListItem {
                    content: vec![],
                    children: vec![block],
                }),
            }
            i = next;
            continue;
        }
        out.push(ListItem {
            content: line.runs.clone(),
            children: vec![],
        });
        i += 1;
    }
    (out, i)
}

impl Recognised {
    /// The [`Release`] from what was recognised: subheadings and quotes set
    /// apart become those blocks, each About section keeps the heading it was
    /// printed with (blank when that was only the bare "About" phrase, which
    /// the house style prints again), the contacts form one group without a
    /// heading, and each note is a paragraph.
    /// Fields that were not found get a default (the date: today).
    pub fn to_release(&self, id: String, now: &str) -> crate::Result<Release> {
        let mut body: Vec<Block> = Vec::new();
        if !self.lead.value.is_empty() {
            body.push(Block::Paragraph {
                content: self.lead.value.clone(),
            });
        }
        for p in &self.body {
            body.push(match &p.value {
                Part::Paragraph { content } => Block::Paragraph {
                    content: content.clone(),
                },
                Part::Subheading { content } => Block::Subheading {
                    content: content.clone(),
                },
                Part::Quote { content } => Block::Quote {
                    content: content.clone(),
                    speaker: String::new(),
                },
                Part::List {
                    ordered: true,
                    items,
                } => Block::OrderedList {
                    items: items.clone(),
                },
                Part::List {
                    ordered: false,
                    items,
                } => Block::BulletList {
                    items: items.clone(),
                },
            });
        }
        if self.headline.value.trim().is_empty() && body.is_empty() {
            return Err(ImportError::NoText.into());
        }
        if body.is_empty() {
            body.push(Block::Paragraph { content: vec![] });
        }
        let today = now.get(..10).unwrap_or("2026-01-01").to_string();
        let mut dateline = self.dateline.value.clone();
        if dateline.date.is_empty() {
            dateline.date = today;
        }
        let bare_about = |heading: &str| {
            let h = norm(heading.trim_end_matches(':'));
            labels::PHRASES.iter().any(|(_, l)| norm(l.about) == h)
        };
        let about = self
            .about
            .value
            .iter()
            .map(|a| crate::model::AboutSection {
                heading: if bare_about(&a.heading) {
                    String::new()
                } else {
                    a.heading.clone()
                },
                text: a.paragraphs.join("\n\n"),
            })
            .collect();
        let contact_groups = if self.contacts.value.is_empty() {
            vec![]
        } else {
            vec![crate::model::ContactGroup {
                heading: String::new(),
                contacts: self.contacts.value.clone(),
            }]
        };
        let mut timing = self.timing.value.clone();
        if let Timing::Embargoed { until, .. } = &timing {
            if until.is_empty() {
                timing = Timing::Immediate;
            }
        }
        Ok(Release {
            id,
            type_label: self.type_label.value.clone(),
            reference: self.reference.value.clone(),
            language: self.language.value.clone(),
            timing,
            headline: self.headline.value.clone(),
            subheadline: self.subheadline.value.clone(),
            dateline,
            body,
            contact_groups,
            about,
            notes_to_editors: self.notes.value.iter().map(Block::paragraph).collect(),
            end_mark: self.end_mark.value,
            house_style: self.house_style.value.clone(),
            translation_of: None,
            status: Status::Draft,
            version: 0,
            revision: 0,
            created_at: now.to_string(),
            updated_at: now.to_string(),
        })
    }

    /// The fields shown as unsure (below [`UNSURE_BELOW`]), by their name in
    /// the `.dateline.json` format.
    pub fn unsure(&self) -> Vec<&'static str> {
        // No reference printed is normal, not a doubt; a body is only as
        // sure as its lead, and any lead found counts as fairly sure.
        let reference = if self.reference.value.is_empty() {
            1.0
        } else {
            self.reference.confidence
        };
        let body = if self.lead.value.is_empty() {
            self.lead.confidence
        } else {
            self.lead.confidence.max(UNSURE_BELOW)
        };
        [
            ("type_label", self.type_label.confidence),
            ("reference", reference),
            ("timing", self.timing.confidence),
            ("headline", self.headline.confidence),
            ("subheadline", self.subheadline.confidence),
            ("dateline", self.dateline.confidence),
            ("body", body),
            ("contacts", self.contacts.confidence),
            ("about", self.about.confidence),
            ("notes_to_editors", self.notes.confidence),
            ("language", self.language.confidence),
        ]
        .into_iter()
        .filter(|(_, c)| *c < UNSURE_BELOW)
        .map(|(name, _)| name)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: &str) -> Recognised {
        recognise(&super::super::text::read(text))
    }

    #[test]
    fn datelines_in_every_language() {
        let cases = [
            (
                "Bishkek, 17 May 2024 – The fund opened.",
                "Bishkek",
                "",
                "2024-05-17",
                "",
            ),
            (
                "ARLINGTON, Va., Jan. 5, 2026 /PRNewswire/ -- The firm opened.",
                "Arlington",
                "Va.",
                "2026-01-05",
                "PRNewswire",
            ),
            (
                "MINNEAPOLIS, MN — 13 de agosto de 2026 — La empresa abrió.",
                "Minneapolis",
                "MN",
                "2026-08-13",
                "",
            ),
            (
                "Москва, 26 июля 2024 года — Фонд открыл.",
                "Москва",
                "",
                "2024-07-26",
                "",
            ),
            (
                "عمّان، 17 مايو 2024 – افتتح الصندوق.",
                "عمّان",
                "",
                "2024-05-17",
                "",
            ),
            (
                "北京，2024年7月26日——基金会今天宣布。",
                "北京",
                "",
                "2024-07-26",
                "",
            ),
            (
                "2024年7月26日，北京——基金会今天宣布。",
                "北京",
                "",
                "2024-07-26",
                "",
            ),
        ];
        for (lead, city, region, date, wire) in cases {
            let r = rec(&format!(
                "PRESS RELEASE\n\nA headline\n\n{lead}\n\nMore text."
            ));
            let d = &r.dateline.value;
            assert_eq!(
                (
                    d.city.as_str(),
                    d.region.as_str(),
                    d.date.as_str(),
                    d.wire_tag.as_str()
                ),
                (city, region, date, wire),
                "{lead}"
            );
            assert!(
                !crate::model::inline_text(&r.lead.value).contains(date),
                "{lead}"
            );
        }
        let fr = rec("Paris, le 21 juillet 2023\n\nCOMMUNIQUÉ DE PRESSE\n\nLe titre\n\nLe ministre a annoncé le 3 août 2023 un plan.");
        assert_eq!(fr.dateline.value.date, "2023-07-21");
        assert_eq!(fr.headline.value, "Le titre");
        assert_eq!(fr.house_style.value, "fr-gouv");
        assert!(crate::model::inline_text(&fr.lead.value).starts_with("Le ministre"));
        let ru = rec("ПРЕСС-РЕЛИЗ\n\nЗаголовок\n\n26 июля 2024 года фонд «Северный ветер» открыл новую программу.");
        assert_eq!(ru.dateline.value.date, "2024-07-26");
        assert_eq!(ru.language.value, "ru");
        assert!(ru.dateline.confidence < UNSURE_BELOW);
    }

    #[test]
    fn a_contact_above_the_headline_and_a_date_in_parentheses() {
        let r = rec("Contact: Jane Doe\n(555) 123-4567\njane.doe@harbor.example\n\nFOR IMMEDIATE RELEASE\n\nHarbor City Launches Free Bus Pass\n\nHARBOR CITY, Calif. (June 2, 2025) — Teenagers will ride free.\n\n###");
        assert_eq!(r.headline.value, "Harbor City Launches Free Bus Pass");
        assert_eq!(r.contacts.value.len(), 1);
        assert_eq!(r.contacts.value[0].email, "jane.doe@harbor.example");
        assert_eq!(r.contacts.value[0].phone, "(555) 123-4567");
        let d = &r.dateline.value;
        assert_eq!(
            (d.city.as_str(), d.region.as_str(), d.date.as_str()),
            ("Harbor City", "Calif.", "2025-06-02")
        );
        assert_eq!(
            crate::model::inline_text(&r.lead.value),
            "Teenagers will ride free."
        );
        // An embargo dates a release that prints no date of its own, and a
        // British embargo line does not make it a US wire release.
        let uk = rec("Embargoed: 00:01 BST Thursday 5 June 2025\n\nCharity warns of damp\n\nOne in five renters lives with damp, a report says today.");
        assert_eq!(uk.dateline.value.date, "2025-06-05");
        assert!(uk.dateline.confidence < UNSURE_BELOW);
        assert_ne!(uk.house_style.value, "ap");
    }

    #[test]
    fn french_contacts_separated_by_dashes() {
        let r = rec("COMMUNIQUÉ DE PRESSE\n\nParis, le 3 février 2025\n\nLe titre\n\nLe texte du communiqué.\n\nContact presse : Julie Martin – 06 12 34 56 78 – julie@example.fr");
        assert_eq!(r.contacts.value.len(), 1, "{:?}", r.contacts.value);
        let c = &r.contacts.value[0];
        assert_eq!(
            (c.name.as_str(), c.phone.as_str(), c.email.as_str()),
            ("Julie Martin", "06 12 34 56 78", "julie@example.fr")
        );
        assert_eq!(r.headline.value, "Le titre");
        assert_eq!(r.dateline.value.date, "2025-02-03");
    }

    #[test]
    fn contacts_introduced_by_their_organization() {
        let r = rec("Headline\n\nOSLO, March 4, 2025 – Text.\n\nMedia contacts\nNordlys Energy: Kari Nilsen, +47 22 55 01 23, kari@nordlys.example\nFjordtech: Lars Holm, lars@fjordtech.example");
        let c: Vec<(&str, &str)> = r
            .contacts
            .value
            .iter()
            .map(|c| (c.name.as_str(), c.organization.as_str()))
            .collect();
        assert_eq!(
            c,
            vec![
                ("Kari Nilsen", "Nordlys Energy"),
                ("Lars Holm", "Fjordtech")
            ]
        );
    }

    #[test]
    fn timing_lines() {
        let r = rec("Embargoed until 4:15 p.m. CT, Sunday, Nov. 17, 2024\n\nHeadline\n\nCHICAGO, Nov. 15, 2024 -- Text.");
        assert_eq!(
            r.timing.value,
            Timing::Embargoed {
                until: "2024-11-17T16:15".into(),
                time_zone: "America/Chicago".into(),
                offset: None
            }
        );
        let r = rec("PRESS RELEASE\nEMBARGOED UNTIL 09:00 (Europe/Zurich, +02:00), 4 June 2026\n\nHeadline\n\nGeneva, 1 June 2026 – Text.");
        assert_eq!(
            r.timing.value,
            Timing::Embargoed {
                until: "2026-06-04T09:00".into(),
                time_zone: "Europe/Zurich".into(),
                offset: None
            }
        );
        assert_eq!(
            rec("FOR IMMEDIATE RELEASE\n\nHeadline\n\nText.")
                .timing
                .value,
            Timing::Immediate
        );
    }

    #[test]
    fn closing_sections_and_wire_lines() {
        let r = rec("NEWS RELEASE\n\nHeadline\n\nDENVER, March 3, 2025 /PRNewswire/ -- Lead.\n\nBody.\n\nAbout Ridgeway Trust\nRidgeway Trust funds trails.\n\nMedia contact:\nAna Ortiz, Press Officer, Ridgeway Trust, ana@ridgeway.example, +1 303 555 0100\nBen Cole, Director, Ridgeway Trust, ben@ridgeway.example\n\nSOURCE Ridgeway Trust\n\nView original content: https://example.com/x\n\n-30-");
        assert_eq!(r.type_label.value, "NEWS RELEASE");
        assert_eq!(r.contacts.value.len(), 2, "{:?}", r.contacts.value);
        assert_eq!(r.contacts.value[0].phone, "+1 303 555 0100");
        assert_eq!(r.contacts.value[1].organization, "Ridgeway Trust");
        assert_eq!(
            r.about.value[0].paragraphs,
            vec!["Ridgeway Trust funds trails.".to_string()]
        );
        assert_eq!(r.end_mark.value, EndMark::Thirty);
        assert_eq!(r.dropped.len(), 2);
        assert_eq!(r.body.len(), 1);
        let uk = rec("Press release\n\nHeadline\n\nStandfirst here.\n\nThe minister said.\n\nENDS\n\nNotes to editors\n1. First note.\n2. Second note.\n\nMedia enquiries\nPress Office\nnews@dept.example");
        assert_eq!(uk.notes.value, vec!["First note.", "Second note."]);
        assert_eq!(uk.end_mark.value, EndMark::EndsWord);
        assert_eq!(uk.house_style.value, "uk-gov");
    }
}
