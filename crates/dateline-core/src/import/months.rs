//! Finding dates in running text, with month and weekday names taken from
//! ICU4X's CLDR data (the same data `dates` formats with), not written by
//! hand.
//!
//! For each language we format the 28th of every month of 2024 in the long
//! and medium forms ("28 mai 2024", "28 janv. 2024", "28 de mayo de 2024",
//! "28 мая 2024 г.") and keep what is left once the digits and the
//! language's filler words ("de", "г.") are removed: the month name as it
//! stands inside a date, in its grammatical case (Russian "мая", not the
//! dictionary form "май"). Weekdays come from formatting seven days.
//!
//! The one addition by hand is AP's "Sept.", which CLDR does not give for
//! American English (it has "Sep").

use std::sync::OnceLock;

use icu::calendar::cal::Gregorian;
use icu::calendar::Date;
use icu::datetime::{fieldsets, FixedCalendarDateTimeFormatter};
use regex::Regex;

use crate::dates::Ymd;

/// Languages whose month names are recognised. "ar-SY" brings the Levantine
/// month names ("كانون الثاني") used in Syria, Lebanon, Jordan and Iraq.
pub const LANGUAGES: &[&str] = &[
    "en-GB", "en-US", "fr", "es", "ru", "uk", "ar", "ar-SY", "de", "it", "pt", "tr", "sw",
];

/// Words that stand beside a month name in a formatted date but are not it.
const FILLERS: &[&str] = &["de", "del", "г", "р", "года", "року", "y", "of", "le"];

/// One month or weekday name and the language it came from.
#[derive(Debug, Clone)]
pub struct Name {
    pub text: String,
    pub number: u8,
    pub language: &'static str,
}

pub struct Tables {
    pub months: Vec<Name>,
    pub weekdays: Vec<Name>,
    /// One regex finding "28 May 2024", "May 28, 2024", "2024年5月28日" and
    /// "2024-05-28" forms.
    date: Regex,
    /// Weekday names, for "Sunday, Nov. 17, 2024".
    pub weekday: Regex,
}

fn strip_name(formatted: &str) -> Option<String> {
    let cleaned: String = formatted
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
        .map(|c| {
            if c == '\u{202f}' || c == '\u{a0}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<String> = cleaned
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c == ',' || c == '.' || c == '،')
                .to_string()
        })
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_numeric()))
        .filter(|w| !FILLERS.contains(&w.to_lowercase().as_str()))
        .collect();
    let name = words.join(" ").to_lowercase();
    (!name.is_empty() && name.chars().all(|c| c.is_alphabetic() || c == ' ')).then_some(name)
}

fn build() -> Tables {
    let mut months: Vec<Name> = Vec::new();
    let mut weekdays: Vec<Name> = Vec::new();
    for &lang in LANGUAGES {
        let Ok(locale) = crate::dates::parse_locale(lang) else {
            continue;
        };
        for width in 0..2 {
            let f = if width == 0 {
                FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
                    locale.clone().into(),
                    fieldsets::YMD::long(),
                )
            } else {
                FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
                    locale.clone().into(),
                    fieldsets::YMD::medium(),
                )
            };
            let Ok(f) = f else { continue };
            for m in 1..=12u8 {
                let Ok(d) = Date::try_new_gregorian(2024, m, 28) else {
                    continue;
                };
                if let Some(text) = strip_name(&f.format(&d).to_string()) {
                    if !months.iter().any(|n| n.text == text && n.number == m) {
                        months.push(Name {
                            text,
                            number: m,
                            language: lang,
                        });
                    }
                }
            }
        }
        for width in 0..2 {
            let f = if width == 0 {
                FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
                    locale.clone().into(),
                    fieldsets::E::long(),
                )
            } else {
                FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
                    locale.clone().into(),
                    fieldsets::E::short(),
                )
            };
            let Ok(f) = f else { continue };
            // 2024-01-01 was a Monday.
            for i in 0..7u8 {
                let Ok(d) = Date::try_new_gregorian(2024, 1, 1 + i) else {
                    continue;
                };
                if let Some(text) = strip_name(&f.format(&d).to_string()) {
                    if !weekdays.iter().any(|n| n.text == text) {
                        weekdays.push(Name {
                            text,
                            number: i + 1,
                            language: lang,
                        });
                    }
                }
            }
        }
    }
    // AP Stylebook's abbreviation, which CLDR lacks for en-US.
    months.push(Name {
        text: "sept".into(),
        number: 9,
        language: "en-US",
    });
    let alternation = |names: &[Name]| {
        let mut texts: Vec<&str> = names.iter().map(|n| n.text.as_str()).collect();
        texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        texts.dedup();
        texts
            .iter()
            .map(|t| regex::escape(t).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    };
    let m = alternation(&months);
    let day_suffix = r"(?:er|st|nd|rd|th|\.|-?го)?";
    let year_suffix = r"(?:\s*(?:года|год|г\.|г\b|р\.|року))?";
    let pattern = format!(
        r"(?i)(?:\b(?P<d1>\d{{1,2}}){day_suffix}\s+(?:de\s+)?(?P<m1>{m})\.?,?\s+(?:de\s+|del\s+)?(?P<y1>\d{{4}}){year_suffix})|(?:\b(?P<m2>{m})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))|(?:(?P<y3>\d{{4}})\s*[年년]\s*(?P<m3>\d{{1,2}})\s*[月월]\s*(?P<d3>\d{{1,2}})\s*[日일]?)|(?:\b(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})\b)|(?:\b(?P<d5>\d{{1,2}})\.(?P<m5>\d{{1,2}})\.(?P<y5>\d{{4}})\b{year_suffix})"
    );
    let w = alternation(&weekdays);
    // Built from escaped CLDR names only: a failure is a bug, caught by
    // this module's tests, never by user input.
    Tables {
        date: Regex::new(&pattern).expect("the date pattern is built from escaped names"),
        weekday: Regex::new(&format!(r"(?i)^\s*(?:{w})\.?,?\s*"))
            .expect("the weekday pattern is built from escaped names"),
        months,
        weekdays,
    }
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build)
}

/// A date found in text: its value, where it stands (byte offsets in the
/// original text) and the language its month name belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub ymd: Ymd,
    pub start: usize,
    pub end: usize,
    pub language: Option<&'static str>,
}

/// Eastern Arabic and Persian digits read as ASCII digits, with a map back to
/// the original byte offsets.
fn ascii_digits(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let c = match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06f0}'..='\u{06f9}' => char::from(b'0' + (c as u32 - 0x06f0) as u8),
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
            c => c,
        };
        for _ in 0..c.len_utf8() {
            map.push(i);
        }
        out.push(c);
    }
    map.push(s.len());
    (out, map)
}

/// The month a name stands for, and its language.
fn month_of(name: &str) -> Option<(u8, &'static str)> {
    let key = name
        .trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    tables()
        .months
        .iter()
        .find(|n| n.text == key)
        .map(|n| (n.number, n.language))
}

/// Every valid date in `text`, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let (norm, map) = ascii_digits(text);
    let mut out = Vec::new();
    for c in tables().date.captures_iter(&norm) {
        let Some(whole) = c.get(0) else { continue };
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<i64>().ok());
        let (y, m, d, lang) = if let Some(mn) = c.name("m1") {
            let Some((m, l)) = month_of(mn.as_str()) else {
                continue;
            };
            (num("y1"), Some(i64::from(m)), num("d1"), Some(l))
        } else if let Some(mn) = c.name("m2") {
            let Some((m, l)) = month_of(mn.as_str()) else {
                continue;
            };
            (num("y2"), Some(i64::from(m)), num("d2"), Some(l))
        } else if c.name("y3").is_some() {
            (num("y3"), num("m3"), num("d3"), None)
        } else if c.name("y4").is_some() {
            (num("y4"), num("m4"), num("d4"), None)
        } else {
            // "15.03.2025": day first, as Russian, German and French write it.
            (num("y5"), num("m5"), num("d5"), None)
        };
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            continue;
        };
        let iso = format!("{y:04}-{m:02}-{d:02}");
        let Ok(ymd) = crate::dates::parse_iso_date(&iso) else {
            continue;
        };
        out.push(FoundDate {
            ymd,
            start: map[whole.start()],
            end: map[whole.end()],
            language: lang,
        });
    }
    out
}

/// The length of a weekday name (and its comma) opening `text`, if any.
pub fn weekday_prefix(text: &str) -> usize {
    tables().weekday.find(text).map(|m| m.end()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> String {
        let d = find_dates(s);
        assert_eq!(d.len(), 1, "{s}: {d:?}");
        let y = d[0].ymd;
        format!("{:04}-{:02}-{:02}", y.year, y.month, y.day)
    }

    #[test]
    fn finds_dates_in_every_form() {
        assert_eq!(one("Bishkek, 17 May 2024 –"), "2024-05-17");
        assert_eq!(
            one("ARLINGTON, Va., Jan. 5, 2026 /PRNewswire/ --"),
            "2026-01-05"
        );
        assert_eq!(one("Sept. 9, 2025"), "2025-09-09");
        assert_eq!(one("September 9, 2025"), "2025-09-09");
        assert_eq!(one("Paris, le 21 juillet 2023"), "2023-07-21");
        assert_eq!(one("Paris, le 1er juillet 2023"), "2023-07-01");
        assert_eq!(one("le 3 févr. 2023"), "2023-02-03");
        assert_eq!(
            one("MINNEAPOLIS, MN — 13 de agosto de 2026 —"),
            "2026-08-13"
        );
        assert_eq!(one("Сегодня, 26 июля 2024 года, в Москве"), "2024-07-26");
        assert_eq!(one("Київ, 3 березня 2025 року"), "2025-03-03");
        assert_eq!(one("نيويورك، 17 مايو 2024"), "2024-05-17");
        assert_eq!(one("بيروت، ١٧ كانون الثاني ٢٠٢٤ –"), "2024-01-17");
        assert_eq!(one("北京，2024年7月26日——"), "2024-07-26");
        assert_eq!(one("Berlin, 4. Juni 2026"), "2026-06-04");
        assert_eq!(one("Москва, 15.03.2025 г. —"), "2025-03-15");
        assert!(find_dates("31 February 2024").is_empty());
        assert!(find_dates("May the force be with you, 2024").is_empty());
    }

    #[test]
    fn weekdays_come_from_cldr() {
        assert!(weekday_prefix("Sunday, Nov. 17, 2024") > 0);
        assert!(weekday_prefix("lundi 21 juillet") > 0);
        assert_eq!(weekday_prefix("Paris"), 0);
    }
}
