//! House-style rules, one set per named style. What differs between styles
//! is data in [`Style`] (the UN and AP values are [`UN`] and [`AP`]); the
//! rules below read it. Each rule and its source is listed in
//! `docs/STYLE_RULES.md`.
//!
//! The wording rules (dates, per cent, numbers, Secretary-General,
//! acronyms, times) apply to English releases; the structural ones (a
//! contact, the headline's length, the dateline) to every release.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::is_english;
use super::{Field, Finding};
use crate::error::{Error, Result};
use crate::model::{Release, Timing};

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// "17 May 2024": day, full month, year, no comma (UN).
    DayMonthYear,
    /// "May 17, 2024", months of more than five letters abbreviated when
    /// they come with a day: "Sept. 17, 2024" (AP).
    MonthDayYear,
}

/// A house style: the values its rules check against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    pub name: &'static str,
    pub dates: DateOrder,
    /// The word for %: "per cent" or "percent".
    pub percent: &'static str,
    /// Figures followed by "%" are written out with `percent` ("5 per cent").
    pub percent_sign_in_text: bool,
    /// Whole numbers below this are spelled out ("three countries").
    pub spell_out_below: u32,
    /// Between hours and minutes: "2.30 p.m." (UN) or "2:30 p.m." (AP).
    pub time_separator: char,
    /// Longest headline, in characters.
    pub headline_max: usize,
    /// Acronyms readers know without a spelled-out first use.
    pub known_acronyms: &'static [&'static str],
}

pub const UN: Style = Style {
    name: "un",
    dates: DateOrder::DayMonthYear,
    percent: "per cent",
    percent_sign_in_text: false,
    spell_out_below: 10,
    time_separator: '.',
    headline_max: 100,
    known_acronyms: &["UN", "AIDS", "HIV", "COVID", "UK", "US", "USA", "EU"],
};

pub const AP: Style = Style {
    name: "ap",
    dates: DateOrder::MonthDayYear,
    percent: "percent",
    percent_sign_in_text: true,
    spell_out_below: 10,
    time_separator: ':',
    headline_max: 100,
    known_acronyms: &[
        "UN", "AIDS", "HIV", "COVID", "FBI", "CIA", "NATO", "UK", "US", "EU", "GOP",
    ],
};

/// The styles by name; the first is the default.
pub const STYLES: &[&Style] = &[&UN, &AP];

/// A style by name (case-insensitive); an unknown name lists the known ones.
pub fn by_name(name: &str) -> Result<&'static Style> {
    STYLES
        .iter()
        .copied()
        .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let known: Vec<&str> = STYLES.iter().map(|s| s.name).collect();
            Error::Invalid(format!(
                "there is no house style \"{name}\" (known: {})",
                known.join(", ")
            ))
        })
}

/// The rules for a release's house style (`Release::house_style`). Styles
/// without their own rules yet (UK government, French government) are
/// checked with the UN's: like the UN they write "17 May 2024" and
/// "per cent", and the wording rules apply to English text only.
pub fn for_house_style(id: &str) -> &'static Style {
    by_name(id).unwrap_or(&UN)
}

/// Every style finding for the release.
pub fn check(r: &Release, fields: &[Field], style: &Style) -> Vec<Finding> {
    let mut out = Vec::new();
    contact(r, &mut out);
    headline_length(r, style, &mut out);
    dateline(r, &mut out);
    if is_english(&r.language) {
        let prose: Vec<&Field> = fields.iter().filter(|f| f.prose).collect();
        for f in &prose {
            let mut found = Vec::new();
            dates(f, style, &mut found);
            percent(f, style, &mut found);
            times(f, style, &mut found);
            secretary_general(f, &mut found);
            numbers(f, style, &mut found);
            // A later rule's finding over text an earlier one already
            // flagged is left out: one fix per stretch of text.
            let mut taken: Vec<(u32, u32)> = Vec::new();
            for x in found {
                if taken.iter().all(|&(s, e)| x.end <= s || x.start >= e) {
                    taken.push((x.start, x.end));
                    out.push(x);
                }
            }
        }
        acronyms(&prose, style, &mut out);
    }
    out
}

/// Char span of a byte range.
fn chars(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = text[..start].chars().count();
    (s, s + text[start..end].chars().count())
}

fn finding(rule: &str, f: &Field, bytes: (usize, usize), message: String) -> Finding {
    Finding::new(rule, &f.path, chars(&f.text, bytes.0, bytes.1), message)
}

fn contact(r: &Release, out: &mut Vec<Finding>) {
    // A contact may be only an e-mail address, a phone or a web form.
    let reachable = |c: &crate::model::Contact| {
        [&c.name, &c.email, &c.phone, &c.url]
            .iter()
            .any(|t| !t.trim().is_empty())
    };
    if !r.contacts().any(reachable) {
        out.push(Finding::new(
            "contact",
            "contacts",
            (0, 0),
            "no press contact: add who journalists should call".into(),
        ));
    }
}

fn headline_length(r: &Release, style: &Style, out: &mut Vec<Finding>) {
    let n = r.headline.trim().chars().count();
    if n == 0 {
        out.push(Finding::new(
            "headline_length",
            "headline",
            (0, 0),
            "the headline is empty".into(),
        ));
    } else if n > style.headline_max {
        out.push(Finding::new(
            "headline_length",
            "headline",
            (style.headline_max, r.headline.chars().count()),
            format!(
                "the headline has {n} characters; the {} style allows {}",
                style.name.to_uppercase(),
                style.headline_max
            ),
        ));
    }
}

fn dateline(r: &Release, out: &mut Vec<Finding>) {
    if r.dateline.city.trim().is_empty() {
        out.push(Finding::new(
            "dateline",
            "dateline.city",
            (0, 0),
            "the dateline has no city".into(),
        ));
    }
    let date = r.dateline.date.trim();
    let len = r.dateline.date.chars().count();
    if date.is_empty() {
        out.push(Finding::new(
            "dateline",
            "dateline.date",
            (0, 0),
            "the dateline has no date".into(),
        ));
        return;
    }
    if let Err(e) = crate::dates::parse_iso_date(date) {
        out.push(Finding::new(
            "dateline",
            "dateline.date",
            (0, len),
            e.to_string(),
        ));
        return;
    }
    // An embargoed release is dated the day it may be published.
    if let Timing::Embargoed { until, .. } = &r.timing {
        let day = until.get(..10).unwrap_or(until);
        if crate::dates::parse_iso_date(day).is_ok() && day != date {
            out.push(
                Finding::new(
                    "dateline",
                    "dateline.date",
                    (0, len),
                    format!("the dateline says {date} but the embargo lifts on {day}"),
                )
                .fix(day),
            );
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// AP's abbreviations, used with a specific date; None: always spelled out.
const AP_MONTHS: [Option<&str>; 12] = [
    Some("Jan."),
    Some("Feb."),
    None,
    None,
    None,
    None,
    None,
    Some("Aug."),
    Some("Sept."),
    Some("Oct."),
    Some("Nov."),
    Some("Dec."),
];

const MONTH_RE: &str = r"(?P<m>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)";

static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"
    ))
    .expect("static regex")
});

static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}(?:,?\s+(?P<y>\d{{4}})\b)?"
    ))
    .expect("static regex")
});

fn month_index(m: &str) -> Option<usize> {
    let stem = m.trim_end_matches('.');
    let stem = if stem == "Sept" { "Sep" } else { stem };
    MONTHS
        .iter()
        .position(|full| full.starts_with(stem) && stem.len() >= 3)
}

fn format_date(style: &Style, day: u32, month: usize, year: Option<&str>) -> String {
    match style.dates {
        DateOrder::DayMonthYear => match year {
            Some(y) => format!("{day} {} {y}", MONTHS[month]),
            None => format!("{day} {}", MONTHS[month]),
        },
        DateOrder::MonthDayYear => {
            let m = AP_MONTHS[month].unwrap_or(MONTHS[month]);
            match year {
                Some(y) => format!("{m} {day}, {y}"),
                None => format!("{m} {day}"),
            }
        }
    }
}

fn dates(f: &Field, style: &Style, out: &mut Vec<Finding>) {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for re in [&*DMY, &*MDY] {
        for c in re.captures_iter(&f.text) {
            let all = c.get(0).expect("group 0");
            if seen.iter().any(|&(s, e)| all.start() < e && all.end() > s) {
                continue;
            }
            let (Some(m), Some(d)) = (c.name("m"), c.name("d")) else {
                continue;
            };
            let (Some(month), Ok(day)) = (month_index(m.as_str()), d.as_str().parse::<u32>())
            else {
                continue;
            };
            if !(1..=31).contains(&day) {
                continue;
            }
            seen.push((all.start(), all.end()));
            let want = format_date(style, day, month, c.name("y").map(|y| y.as_str()));
            if all.as_str() != want {
                let how = match style.dates {
                    DateOrder::DayMonthYear => "day, month in full, year, no comma",
                    DateOrder::MonthDayYear => "month (Jan., Feb., Aug., Sept., Oct., Nov., Dec. abbreviated), day, comma, year",
                };
                out.push(
                    finding(
                        "dates",
                        f,
                        (all.start(), all.end()),
                        format!(
                            "{} style writes dates as {how}: \"{want}\"",
                            style.name.to_uppercase()
                        ),
                    )
                    .fix(want),
                );
            }
        }
    }
}

static PER_CENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<p>[Pp])er(?: |\u{a0})?cent\b").expect("static regex"));
static PERCENT_SIGN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<n>\d(?:[\d,.]*\d)?)\s?%").expect("static regex"));

fn percent(f: &Field, style: &Style, out: &mut Vec<Finding>) {
    for c in PER_CENT.captures_iter(&f.text) {
        let all = c.get(0).expect("group 0");
        let p = &c["p"];
        let want = format!("{p}{}", &style.percent[1..]);
        if all.as_str() != want {
            out.push(
                finding(
                    "percent",
                    f,
                    (all.start(), all.end()),
                    format!(
                        "{} style writes \"{}\"",
                        style.name.to_uppercase(),
                        style.percent
                    ),
                )
                .fix(want),
            );
        }
    }
    if !style.percent_sign_in_text {
        for c in PERCENT_SIGN.captures_iter(&f.text) {
            let all = c.get(0).expect("group 0");
            let want = format!("{} {}", &c["n"], style.percent);
            out.push(
                finding(
                    "percent",
                    f,
                    (all.start(), all.end()),
                    format!(
                        "{} style writes \"{}\" in text, not %",
                        style.name.to_uppercase(),
                        style.percent
                    ),
                )
                .fix(want),
            );
        }
    }
}

static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<h>\d{1,2})(?:(?P<sep>[:.h])(?P<m>\d{2}))?(?:\s?(?P<ap>[aApP])\.?\s?[mM]\b\.?)?",
    )
    .expect("static regex")
});

fn times(f: &Field, style: &Style, out: &mut Vec<Finding>) {
    let text = &f.text;
    for c in CLOCK.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let before = text[..all.start()].chars().next_back();
        let after = text[all.end()..].chars().next();
        // Part of a longer number, a decimal, a ratio or a word.
        if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, ':' | '.' | ',' | '/' | '-'))
            || after.is_some_and(|a| a.is_alphanumeric() || a == ':')
        {
            continue;
        }
        let (Ok(h), min) = (c["h"].parse::<u32>(), c.name("m").map(|m| m.as_str())) else {
            continue;
        };
        let ap = c.name("ap").map(|a| a.as_str().to_ascii_lowercase());
        let sep = c.name("sep").map(|s| s.as_str());
        let want = match (&ap, min) {
            // "9:00 a.m.", "9am", "2.30pm"
            (Some(ap), _) if (1..=12).contains(&h) => clock(style, h, min, ap == "a"),
            // "09:00", "14:30", "14h30": the 24-hour clock.
            (None, Some(m)) if h <= 23 && (sep == Some(":") || sep == Some("h")) => {
                let Ok(mm) = m.parse::<u32>() else { continue };
                if mm > 59 {
                    continue;
                }
                match (h, mm) {
                    (0, 0) => "midnight".to_string(),
                    (12, 0) => "noon".to_string(),
                    _ => clock(
                        style,
                        if h % 12 == 0 { 12 } else { h % 12 },
                        Some(m),
                        h < 12,
                    ),
                }
            }
            _ => continue,
        };
        if all.as_str() != want {
            out.push(
                finding(
                    "times",
                    f,
                    (all.start(), all.end()),
                    format!(
                        "{} style writes times as \"{want}\"",
                        style.name.to_uppercase()
                    ),
                )
                .fix(want),
            );
        }
    }
}

fn clock(style: &Style, h: u32, min: Option<&str>, am: bool) -> String {
    let suffix = if am { "a.m." } else { "p.m." };
    match min {
        Some(m) if m != "00" => format!("{h}{}{m} {suffix}", style.time_separator),
        _ => format!("{h} {suffix}"),
    }
}

static SG_SPACED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<s>[Ss])ecretary(?:\s+|[\u{2010}-\u{2015}]|\s*-\s+|\s+-\s*)(?P<g>[Gg])eneral\b",
    )
    .expect("static regex")
});
static SG_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:SG|S-G|SecGen|Sec-Gen|Sec\.?\s?Gen\.?|SECGEN)(?:\b|$)").expect("static regex")
});

fn secretary_general(f: &Field, out: &mut Vec<Finding>) {
    for c in SG_SPACED.captures_iter(&f.text) {
        let all = c.get(0).expect("group 0");
        let want = format!("{}ecretary-{}eneral", &c["s"], &c["g"]);
        out.push(
            finding(
                "secretary_general",
                f,
                (all.start(), all.end()),
                "\"Secretary-General\" takes a hyphen".into(),
            )
            .fix(want),
        );
    }
    for m in SG_SHORT.find_iter(&f.text) {
        out.push(
            finding(
                "secretary_general",
                f,
                (m.start(), m.end()),
                format!("\"{}\": write \"Secretary-General\" in full", m.as_str()),
            )
            .fix("Secretary-General"),
        );
    }
}

const NUMBER_WORDS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Words after a figure that keep it a figure: percentages, times, money
/// and measures.
const KEEPS_FIGURE_AFTER: &[&str] = &[
    "per", "percent", "%", "a.m.", "p.m.", "am", "pm", "million", "billion", "trillion", "km",
    "kg", "m", "cm", "mm", "g", "t", "l", "ml", "ha", "degrees", "°c", "°f",
];
/// Words before a figure that make it a label: "Goal 5", "resolution 3".
const KEEPS_FIGURE_BEFORE: &[&str] = &[
    "goal",
    "sdg",
    "article",
    "articles",
    "paragraph",
    "resolution",
    "chapter",
    "section",
    "page",
    "no.",
    "number",
    "room",
    "level",
    "phase",
    "step",
    "annex",
    "table",
    "figure",
    "item",
    "grade",
    "category",
    "$",
    "€",
    "£",
    "us$",
];

static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("static regex"));

fn numbers(f: &Field, style: &Style, out: &mut Vec<Finding>) {
    let text = &f.text;
    for m in DIGIT.find_iter(text) {
        let Ok(n) = m.as_str().parse::<u32>() else {
            continue;
        };
        if n == 0 || n >= style.spell_out_below || m.as_str().len() > 1 {
            continue;
        }
        let before_text = &text[..m.start()];
        let after_text = &text[m.end()..];
        let before = before_text.chars().next_back();
        let after = after_text.chars().next();
        // Only a figure standing alone: not 3.5, 1/2, 5-year, 4th, (b)...
        if !before.is_none_or(|c| c.is_whitespace() || c == '(')
            || !after.is_none_or(|c| {
                c.is_whitespace() || matches!(c, ',' | ';' | ')' | '.' | '!' | '?' | ':')
            })
        {
            continue;
        }
        if after == Some('.') && after_text[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let next_word = after_text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let prev_word = before_text
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        let next_bare = next_word.trim_end_matches([',', ';', ')']);
        if KEEPS_FIGURE_AFTER.contains(&next_bare)
            || KEEPS_FIGURE_BEFORE.contains(&prev_word.trim_start_matches('('))
            || MONTHS.iter().any(|mo| {
                let lower = mo.to_lowercase();
                next_bare.starts_with(&lower[..3])
                    || prev_word.trim_end_matches('.').starts_with(&lower[..3])
            })
        {
            continue;
        }
        let sentence_start =
            before_text.trim_end().is_empty() || before_text.trim_end().ends_with(['.', '!', '?']);
        let word = NUMBER_WORDS[n as usize];
        let want = if sentence_start {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        } else {
            word.to_string()
        };
        out.push(
            finding(
                "numbers",
                f,
                (m.start(), m.end()),
                format!(
                    "numbers below {} are spelled out: \"{want}\"",
                    style.spell_out_below
                ),
            )
            .fix(want),
        );
    }
}

static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z]{2,8}s?\b").expect("static regex"));

/// An acronym's first use in the body, About or notes (headlines are left
/// alone) must be spelled out: "(ACR)" after the full name, or the full
/// name in brackets after it.
fn acronyms(prose: &[&Field], style: &Style, out: &mut Vec<Finding>) {
    let mut seen: HashSet<String> = HashSet::new();
    for f in prose
        .iter()
        .filter(|f| f.path != "headline" && f.path != "subheadline")
    {
        let letters: Vec<char> = f.text.chars().filter(|c| c.is_alphabetic()).collect();
        // A paragraph set in capitals is not full of acronyms.
        if letters.len() > 12
            && letters.iter().filter(|c| c.is_uppercase()).count() * 10 > letters.len() * 6
        {
            continue;
        }
        for m in ACRONYM.find_iter(&f.text) {
            let acr = m.as_str().trim_end_matches('s');
            if acr.len() < 2
                || style.known_acronyms.contains(&acr)
                || acr.chars().all(|c| "IVXLCDM".contains(c))
                || SG_SHORT.is_match(acr)
                || !seen.insert(acr.to_string())
            {
                continue;
            }
            let before = f.text[..m.start()].chars().next_back();
            let after = &f.text[m.end()..];
            let explained =
                before == Some('(') || after.starts_with(" (") || after.starts_with('(');
            // Part of a hyphenated name ("COVID-19") or an address.
            let joined =
                before.is_some_and(|c| c == '-' || c == '@' || c == '/') || after.starts_with('-');
            if !explained && !joined {
                out.push(finding(
                    "acronyms",
                    f,
                    (m.start(), m.end()),
                    format!("spell out \"{acr}\" on first use, e.g. \"Full Name ({acr})\""),
                ));
            }
        }
    }
}
