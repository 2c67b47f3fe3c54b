//! House styles: how a press office lays out a release, as data.
//!
//! A [`HouseStyle`] decides the order of the closing blocks, the fixed
//! phrases it changes (on top of the per-language phrases of
//! [`crate::labels`], which stay the single source of every language's
//! words), whether the timing line appears for an immediate release, the
//! dateline pattern, the end marks it accepts, and the typography (fonts,
//! sizes, colours, margins, paper, logo). The exporters never branch on a
//! style's name: [`crate::export::view`] reads these values.
//!
//! The four built-in styles are JSON files in `assets/styles/`, compiled in
//! and read through the same strict reader ([`from_json`]) and checks
//! ([`HouseStyle::check`]) as a style an office shares as a
//! `.dateline-style.json` file; a test parses every one, so a built-in can
//! never fail to load on an officer's machine. Styles offices make are kept
//! in the database (`crate::office_styles`). Each rule's source is cited in
//! `docs/HOUSE_STYLES.md`.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::Paper;
use crate::labels::{self, Labels};
use crate::model::EndMark;

/// The style of releases that do not name one (every file and stored
/// release from before styles existed was laid out this way).
pub const DEFAULT: &str = "un";

/// The `format` value every style file carries, so that a release file or
/// any other JSON given by mistake is refused with a clear message.
pub const FORMAT: &str = "dateline-style";

/// The file name ending of a shared style.
pub const FILE_SUFFIX: &str = ".dateline-style.json";

/// A block after the body, in the order a style prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Contacts,
    About,
    Notes,
    EndMark,
}

/// How the month is written in the dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// The language's long date from CLDR: "17 May 2024", "21 juillet 2023".
    Long,
    /// AP abbreviations in English: "Jan. 5, 2026", "Sept. 8, 2026",
    /// "May 17, 2024"; other languages keep their long date.
    Ap,
}

/// The dateline pattern: "{CITY}, {region}, {prefix}{date}{ /wire/}{dash}".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DatelineRule {
    pub city_upper: bool,
    pub date_form: DateForm,
    /// Words before the date, by primary language subtag: French "le ".
    pub date_prefix: BTreeMap<String, String>,
    /// What follows the date before the lead: " – ", " -- ", or "".
    pub dash: String,
    /// True when the dateline opens the lead paragraph; false when it
    /// stands on its own line above the body (French government).
    pub inline: bool,
    /// Whether the release's wire tag ("/PRNewswire/") is printed after
    /// the date when the officer filled one in.
    pub wire_tag: bool,
}

/// A style's replacements for some phrases of one language; a missing
/// field keeps the language's phrase from [`crate::labels`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub contact_heading: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes_to_editors: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub immediate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub embargoed_until: Option<String>,
    /// The style's own type labels in this language, in the order of
    /// [`labels::TYPE_LABEL_MEANINGS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub type_labels: Option<[String; 4]>,
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// How the page looks. Fonts are names Word finds on a Windows laptop
/// (Calibri, Arial, Times New Roman cover Latin and Cyrillic; Arial and
/// Times New Roman cover Arabic too); CJK text takes the language's font
/// from `east_asian_fonts`. Colours are six hex digits without "#".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Typography {
    pub paper: Paper,
    pub margins_mm: Margins,
    pub body_font: String,
    pub heading_font: String,
    /// Right-to-left and other complex scripts (Word's `w:cs` font).
    pub complex_font: String,
    /// By primary language subtag: "zh", "ja", "ko".
    pub east_asian_fonts: BTreeMap<String, String>,
    /// Fonts the HTML page tries after the body font, ending with a
    /// generic family ("sans-serif", "serif").
    pub css_fallback: Vec<String>,
    pub body_size_pt: f32,
    pub headline_size_pt: f32,
    pub accent_color: String,
    pub text_color: String,
    pub embargo_color: String,
    /// Whether the office's logo heads the page.
    pub logo: bool,
    pub logo_height_mm: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HouseStyle {
    /// Always [`FORMAT`]: marks the file as a house style.
    pub format: String,
    /// Stable name, stored in releases and typed on the command line:
    /// lower-case letters, digits and hyphens.
    pub id: String,
    pub name: String,
    /// Counts the changes to the style; every save of an office style adds
    /// one, and every export records the revision it was made with.
    pub revision: u32,
    /// The blocks after the body, in print order, each exactly once.
    pub order: [Section; 4],
    /// Whether "FOR IMMEDIATE RELEASE" is printed; an embargo line always is.
    pub immediate_line: bool,
    /// Whether the timing line heads the release, above the type label;
    /// otherwise it follows the type label and reference.
    pub timing_on_top: bool,
    pub dateline: DatelineRule,
    /// The end marks the style accepts; the first is its usual one, used
    /// when a release carries a mark outside the set.
    pub end_marks: Vec<EndMark>,
    /// Whether notes to editors are numbered.
    pub notes_numbered: bool,
    /// Phrase replacements by primary language subtag.
    pub phrases: BTreeMap<String, Phrases>,
    pub typography: Typography,
}

/// Where a style comes from, for lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StyleOrigin {
    BuiltIn,
    Office,
}

/// A row of the style list (`dateline styles`, Preferences).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StyleSummary {
    pub id: String,
    pub name: String,
    pub revision: u32,
    pub origin: StyleOrigin,
    pub end_marks: Vec<EndMark>,
}

/// Which style, at which revision, an export was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StyleStamp {
    pub id: String,
    pub revision: u32,
}

impl std::fmt::Display for StyleStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} r{}", self.id, self.revision)
    }
}

const BUILT_IN_JSON: [&str; 4] = [
    include_str!("../../../assets/styles/un.json"),
    include_str!("../../../assets/styles/ap.json"),
    include_str!("../../../assets/styles/uk-gov.json"),
    include_str!("../../../assets/styles/fr-gouv.json"),
];

/// Every built-in style, the default first.
pub fn built_in() -> &'static [HouseStyle] {
    static STYLES: OnceLock<Vec<HouseStyle>> = OnceLock::new();
    STYLES.get_or_init(|| {
        BUILT_IN_JSON
            .iter()
            .map(|json| {
                // Compiled in, and parsed and checked by the test
                // `every_built_in_style_reads_and_passes_its_checks`: no
                // user input or file reaches this.
                from_json(json).expect("a built-in style is valid")
            })
            .collect()
    })
}

/// The built-in style named `id` (case and surrounding blanks ignored).
pub fn find(id: &str) -> Option<&'static HouseStyle> {
    let id = id.trim();
    built_in().iter().find(|s| s.id.eq_ignore_ascii_case(id))
}

/// The names of the built-in styles, for error messages.
pub fn names() -> String {
    built_in()
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a style from JSON strictly: unknown or missing fields, a wrong
/// `format` and values out of range are refused, naming the field.
pub fn from_json(text: &str) -> Result<HouseStyle> {
    let s: HouseStyle = serde_json::from_str(text).map_err(|e| {
        Error::StyleFormat(format!(
            "line {} column {}: {}",
            e.line(),
            e.column(),
            e.to_string().split(" at line ").next().unwrap_or_default()
        ))
    })?;
    s.check()?;
    Ok(s)
}

/// The JSON of a style, as shared in a `.dateline-style.json` file.
pub fn to_json(s: &HouseStyle) -> Result<String> {
    serde_json::to_string_pretty(s)
        .map(|t| t + "\n")
        .map_err(|e| Error::StyleFormat(e.to_string()))
}

/// Turns a phrase of a style into a `&'static str`, so that a style's
/// phrases and [`crate::labels`]'s can share one [`Labels`] type that every
/// exporter borrows from. Each distinct phrase is kept once for the life of
/// the process: phrases are few and short, so the memory is bounded by what
/// officers type into style phrases, a few kilobytes.
fn intern(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(kept) = seen.get(s) {
        return kept;
    }
    let kept: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(kept);
    kept
}

fn bad(field: &str, why: impl std::fmt::Display) -> Error {
    Error::StyleFormat(format!("{field}: {why}"))
}

fn check_color(field: &str, c: &str) -> Result<()> {
    if c.len() == 6 && c.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(bad(
            field,
            format!("\"{c}\" is not a colour of six hex digits, e.g. \"1F4E79\""),
        ))
    }
}

/// A font name goes into Word's XML and into CSS inside quotes: letters,
/// digits, spaces and hyphens only, so it can close neither.
fn check_font(field: &str, f: &str) -> Result<()> {
    let ok = !f.trim().is_empty()
        && f.chars().count() <= 64
        && f.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(bad(
            field,
            format!("\"{f}\" is not a font name (letters, digits, spaces and hyphens, up to 64)"),
        ))
    }
}

fn check_range(field: &str, v: f32, lo: f32, hi: f32, unit: &str) -> Result<()> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(bad(field, format!("{v} is outside {lo}–{hi} {unit}")))
    }
}

fn check_phrase(field: &str, p: &str) -> Result<()> {
    if p.trim().is_empty() || p.chars().count() > 200 || p.chars().any(char::is_control) {
        Err(bad(field, "a phrase is one line of 1 to 200 characters"))
    } else {
        Ok(())
    }
}

fn check_language(field: &str, lang: &str) -> Result<()> {
    if labels::phrases(lang).is_some() && labels::primary_subtag(lang) == lang {
        Ok(())
    } else {
        let have: Vec<&str> = labels::PHRASES.iter().map(|(p, _)| *p).collect();
        Err(bad(
            field,
            format!(
                "\"{lang}\" is not a language Dateline has phrases for ({})",
                have.join(", ")
            ),
        ))
    }
}

impl HouseStyle {
    /// Checks what the JSON types cannot: the id's form, each block once,
    /// phrases and languages, font names, colours and sizes in range.
    pub fn check(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(bad(
                "format",
                format!(
                    "\"{}\" is not \"{FORMAT}\": this is not a Dateline house style",
                    self.format
                ),
            ));
        }
        let id_ok = (1..=40).contains(&self.id.len())
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !self.id.starts_with('-');
        if !id_ok {
            return Err(bad(
                "id",
                format!(
                    "\"{}\" must be 1 to 40 lower-case letters, digits and hyphens",
                    self.id
                ),
            ));
        }
        check_phrase("name", &self.name)?;
        for s in [
            Section::Contacts,
            Section::About,
            Section::Notes,
            Section::EndMark,
        ] {
            if self.order.iter().filter(|x| **x == s).count() != 1 {
                return Err(bad(
                    "order",
                    "must name contacts, about, notes and end_mark once each",
                ));
            }
        }
        if self.end_marks.is_empty() {
            return Err(bad(
                "end_marks",
                "at least one end mark (\"none\" for none)",
            ));
        }
        if self.dateline.dash.chars().count() > 5
            || self.dateline.dash.chars().any(char::is_control)
        {
            return Err(bad("dateline.dash", "at most 5 characters on one line"));
        }
        for (lang, prefix) in &self.dateline.date_prefix {
            check_language("dateline.date_prefix", lang)?;
            if prefix.chars().count() > 20 || prefix.chars().any(char::is_control) {
                return Err(bad(
                    "dateline.date_prefix",
                    "at most 20 characters on one line",
                ));
            }
        }
        for (lang, p) in &self.phrases {
            check_language("phrases", lang)?;
            let field = |name: &str| format!("phrases.{lang}.{name}");
            for (name, value) in [
                ("contact_heading", &p.contact_heading),
                ("about", &p.about),
                ("notes_to_editors", &p.notes_to_editors),
                ("immediate", &p.immediate),
                ("embargoed_until", &p.embargoed_until),
            ] {
                if let Some(v) = value {
                    check_phrase(&field(name), v)?;
                }
            }
            for t in p.type_labels.iter().flatten() {
                check_phrase(&field("type_labels"), t)?;
            }
        }
        let t = &self.typography;
        check_font("typography.body_font", &t.body_font)?;
        check_font("typography.heading_font", &t.heading_font)?;
        check_font("typography.complex_font", &t.complex_font)?;
        for (lang, f) in &t.east_asian_fonts {
            if !matches!(lang.as_str(), "zh" | "ja" | "ko") {
                return Err(bad(
                    "typography.east_asian_fonts",
                    format!("\"{lang}\" is not zh, ja or ko"),
                ));
            }
            check_font("typography.east_asian_fonts", f)?;
        }
        for f in &t.css_fallback {
            check_font("typography.css_fallback", f)?;
        }
        check_range("typography.body_size_pt", t.body_size_pt, 6.0, 36.0, "pt")?;
        check_range(
            "typography.headline_size_pt",
            t.headline_size_pt,
            8.0,
            72.0,
            "pt",
        )?;
        check_range(
            "typography.logo_height_mm",
            t.logo_height_mm,
            3.0,
            50.0,
            "mm",
        )?;
        let m = t.margins_mm;
        for (side, v) in [
            ("top", m.top),
            ("bottom", m.bottom),
            ("left", m.left),
            ("right", m.right),
        ] {
            check_range(&format!("typography.margins_mm.{side}"), v, 5.0, 60.0, "mm")?;
        }
        check_color("typography.accent_color", &t.accent_color)?;
        check_color("typography.text_color", &t.text_color)?;
        check_color("typography.embargo_color", &t.embargo_color)?;
        Ok(())
    }

    pub fn summary(&self, origin: StyleOrigin) -> StyleSummary {
        StyleSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            revision: self.revision,
            origin,
            end_marks: self.end_marks.clone(),
        }
    }

    pub fn stamp(&self) -> StyleStamp {
        StyleStamp {
            id: self.id.clone(),
            revision: self.revision,
        }
    }

    fn phrases_for(&self, tag: &str) -> Option<&Phrases> {
        self.phrases.get(&labels::primary_subtag(tag))
    }

    /// The language's phrases with this style's replacements applied.
    pub fn labels(&self, tag: &str) -> Labels {
        let mut l = labels::for_language(tag).clone();
        if let Some(p) = self.phrases_for(tag) {
            let pick =
                |own: &Option<String>, base: &'static str| own.as_deref().map_or(base, intern);
            l.contact_heading = pick(&p.contact_heading, l.contact_heading);
            l.about = pick(&p.about, l.about);
            l.notes_to_editors = pick(&p.notes_to_editors, l.notes_to_editors);
            l.immediate = pick(&p.immediate, l.immediate);
            l.embargoed_until = pick(&p.embargoed_until, l.embargoed_until);
            if let Some(t) = &p.type_labels {
                l.type_labels = [0, 1, 2, 3].map(|i| intern(&t[i]));
            }
        }
        l
    }

    /// The type labels an officer picks from in this language and style.
    pub fn type_labels(&self, tag: &str) -> Vec<String> {
        self.labels(tag)
            .type_labels
            .iter()
            .map(|t| t.to_string())
            .collect()
    }

    /// The words before the date in this language ("le " in French).
    pub fn date_prefix(&self, tag: &str) -> &str {
        self.dateline
            .date_prefix
            .get(&labels::primary_subtag(tag))
            .map_or("", String::as_str)
    }

    /// The end mark printed for a release that chose `mark`: the mark
    /// itself when the style accepts it, else the style's usual one.
    pub fn end_mark(&self, mark: EndMark) -> EndMark {
        if self.end_marks.contains(&mark) {
            mark
        } else {
            self.end_marks.first().copied().unwrap_or(EndMark::None)
        }
    }

    /// The East Asian font for a language, or the body font.
    pub fn east_asian_font(&self, tag: &str) -> &str {
        self.typography
            .east_asian_fonts
            .get(&labels::primary_subtag(tag))
            .map_or(self.typography.body_font.as_str(), String::as_str)
    }
}

/// AP month abbreviations (AP Stylebook, "months"): the five short months
/// are spelled out, the others abbreviated, September as "Sept.".
pub const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// "Jan. 5, 2026": an AP date, month abbreviated, no ordinal.
pub fn ap_date(month: u8, day: u8, year: i32) -> Option<String> {
    let m = AP_MONTHS.get(usize::from(month).checked_sub(1)?)?;
    Some(format!("{m} {day}, {year}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ap_months_follow_the_stylebook() {
        assert_eq!(ap_date(1, 5, 2026).as_deref(), Some("Jan. 5, 2026"));
        assert_eq!(ap_date(9, 8, 2026).as_deref(), Some("Sept. 8, 2026"));
        assert_eq!(ap_date(5, 17, 2024).as_deref(), Some("May 17, 2024"));
        assert_eq!(ap_date(13, 1, 2024), None);
        assert_eq!(ap_date(0, 1, 2024), None);
    }

    #[test]
    fn every_built_in_style_reads_and_passes_its_checks() {
        let ids: Vec<&str> = BUILT_IN_JSON
            .iter()
            .map(|j| match from_json(j) {
                Ok(s) => {
                    // The file is the style: writing it back changes nothing.
                    assert_eq!(from_json(&to_json(&s).unwrap()).unwrap(), s);
                    built_in().iter().find(|b| **b == s).unwrap().id.as_str()
                }
                Err(e) => panic!("{e}\n{j}"),
            })
            .collect();
        assert_eq!(ids, ["un", "ap", "uk-gov", "fr-gouv"]);
        assert_eq!(find(DEFAULT).map(|s| s.id.as_str()), Some("un"));
        assert_eq!(find(" UK-GOV ").map(|s| s.id.as_str()), Some("uk-gov"));
        assert!(find("nope").is_none());
    }

    /// Every language the editor offers has every phrase and type label in
    /// every built-in style, and none falls back to English: the list is
    /// walked, so a language added to `labels::OFFERED` later fails here
    /// until it has its phrases.
    #[test]
    fn every_offered_language_has_every_phrase_in_every_style() {
        for s in built_in() {
            for (tag, name) in labels::OFFERED {
                assert!(
                    labels::missing_phrases_warning(tag).is_none(),
                    "{}: {tag} ({name}) has no phrases",
                    s.id
                );
                let l = s.labels(tag);
                for (field, p) in [
                    ("contact_heading", l.contact_heading),
                    ("about", l.about),
                    ("notes_to_editors", l.notes_to_editors),
                    ("immediate", l.immediate),
                    ("embargoed_until", l.embargoed_until),
                    ("draft_mark", l.draft_mark),
                    ("not_for_distribution", l.not_for_distribution),
                    ("of", l.of),
                ] {
                    assert!(!p.trim().is_empty(), "{} {tag}: {field}", s.id);
                    if labels::primary_subtag(tag) != "en" {
                        assert_ne!(
                            p,
                            match field {
                                "contact_heading" => labels::for_language("en").contact_heading,
                                "immediate" => labels::for_language("en").immediate,
                                _ => "",
                            },
                            "{} {tag}: {field} is English",
                            s.id
                        );
                    }
                }
                let types = s.type_labels(tag);
                assert_eq!(types.len(), 4, "{} {tag}", s.id);
                for t in &types {
                    assert!(!t.trim().is_empty(), "{} {tag}: type label", s.id);
                    assert_eq!(
                        types.iter().filter(|u| *u == t).count(),
                        1,
                        "{} {tag}: {t}",
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn styles_replace_only_their_own_phrases() {
        let ap = find("ap").unwrap();
        assert_eq!(ap.labels("en-US").contact_heading, "Media contact:");
        // AP has no French phrases of its own: a French release keeps the French.
        assert_eq!(
            ap.labels("fr").contact_heading,
            labels::for_language("fr").contact_heading
        );
        let fr = find("fr-gouv").unwrap();
        assert_eq!(fr.labels("fr").contact_heading, "Contact presse");
        assert_eq!(fr.date_prefix("fr-FR"), "le ");
        assert_eq!(fr.date_prefix("en"), "");
        let mut own = fr.clone();
        own.phrases.entry("fr".into()).or_default().type_labels = Some([
            "Communiqué".into(),
            "Avis".into(),
            "Déclaration".into(),
            "Note".into(),
        ]);
        assert_eq!(own.type_labels("fr-CA")[0], "Communiqué");
        assert_eq!(own.type_labels("de")[0], "PRESSEMITTEILUNG");
    }

    /// A bad style file is refused with the field and the problem named.
    #[test]
    fn a_bad_style_names_its_problem() {
        let good = to_json(find("ap").unwrap()).unwrap();
        let edit = |from: &str, to: &str| {
            assert!(good.contains(from), "{from}");
            good.replacen(from, to, 1)
        };
        let cases = [
            ("{", "line 1 column 1".to_string()),
            (
                r#"{"format":"dateline","id":"x"}"#,
                "missing field".to_string(),
            ),
            (
                &edit("\"id\": \"ap\"", "\"id\": \"My Style\""),
                "id: \"My Style\"".into(),
            ),
            (
                &edit("\"format\": \"dateline-style\"", "\"format\": \"dateline\""),
                "not a Dateline house style".into(),
            ),
            (
                &edit("\"notes_numbered\"", "\"notes_numbred\""),
                "unknown field `notes_numbred`".into(),
            ),
            (
                &edit("\"about\",", "\"contacts\","),
                "order: must name".into(),
            ),
            (
                &edit("\"000000\"", "\"black\""),
                "typography.accent_color: \"black\"".into(),
            ),
            (
                &edit("\"Times New Roman\"", "\"Evil\\\"; }\""),
                "typography.body_font".into(),
            ),
            (
                &edit("\"body_size_pt\": 12.0", "\"body_size_pt\": 400.0"),
                "body_size_pt: 400".into(),
            ),
            (&edit("\"en\": {", "\"xx\": {"), "phrases: \"xx\"".into()),
            (
                &edit(
                    "\"end_marks\": [\n    \"hashes\",\n    \"thirty\"\n  ]",
                    "\"end_marks\": []",
                ),
                "end_marks".into(),
            ),
        ];
        for (text, want) in cases {
            let e = from_json(text).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Format);
            assert!(e.to_string().contains(&want), "{want}: {e}");
        }
    }
}
