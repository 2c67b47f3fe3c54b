//! House styles: how a press office lays out a release, as data.
//!
//! A style decides the order of the closing blocks, the fixed phrases
//! (overriding the per-language phrases of [`crate::labels`]), whether the
//! timing line appears for an immediate release, the dateline pattern and
//! the end marks it accepts. The exporters never branch on a style's name:
//! [`crate::export::view`] reads these values and builds what they render.
//! Each rule's source is cited in `docs/HOUSE_STYLES.md`.
//!
//! The built-in styles are Rust constants rather than JSON read at run
//! time: the compiler checks every field, so a style can neither fail to
//! parse on an officer's machine nor miss a phrase. Styles offices make
//! themselves (issue 13, not built yet) will need a file form; these
//! structs are the shape it will take.

use crate::labels::{self, Labels};
use crate::model::EndMark;

/// The style of releases that do not name one (every file and stored
/// release from before styles existed was laid out this way).
pub const DEFAULT: &str = "un";

/// A block after the body, in the order a style prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Contacts,
    About,
    Notes,
    EndMark,
}

/// How the month is written in the dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// The language's long date from CLDR: "17 May 2024", "21 juillet 2023".
    Long,
    /// AP abbreviations in English: "Jan. 5, 2026", "Sept. 8, 2026",
    /// "May 17, 2024"; other languages keep their long date.
    Ap,
}

/// The dateline pattern: "{CITY}, {region}, {prefix}{date}{wire}{dash}".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatelineRule {
    pub city_upper: bool,
    pub date_form: DateForm,
    /// Words before the date, per primary language subtag: French "le ".
    pub date_prefix: &'static [(&'static str, &'static str)],
    /// What follows the date before the lead: " – ", " -- ".
    pub dash: &'static str,
    /// True when the dateline opens the lead paragraph; false when it
    /// stands on its own line above the body (French government).
    pub inline: bool,
}

/// A style's replacements for some phrases of some languages; `None`
/// keeps the language's phrase from [`crate::labels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Phrases {
    pub contact_heading: Option<&'static str>,
    pub about: Option<&'static str>,
    pub notes_to_editors: Option<&'static str>,
    pub immediate: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HouseStyle {
    /// Stable name, stored in releases and typed on the command line.
    pub id: &'static str,
    pub name: &'static str,
    /// The blocks after the body, in print order.
    pub order: [Section; 4],
    /// Whether "FOR IMMEDIATE RELEASE" is printed; an embargo line always is.
    pub immediate_line: bool,
    /// Whether the timing line heads the release, above the type label;
    /// otherwise it follows the type label and reference.
    pub timing_on_top: bool,
    pub dateline: DatelineRule,
    /// The end marks the style accepts; the first is its usual one, used
    /// when a release carries a mark outside the set.
    pub end_marks: &'static [EndMark],
    /// Whether notes to editors are numbered.
    pub notes_numbered: bool,
    /// Phrase replacements by primary language subtag.
    pub phrases: &'static [(&'static str, Phrases)],
}

/// "Bishkek, 17 May 2024 – " opening the lead: the dateline Dateline always had.
const CITY_DATE_DASH: DatelineRule = DatelineRule {
    city_upper: false,
    date_form: DateForm::Long,
    date_prefix: &[],
    dash: " – ",
    inline: true,
};

const UN: HouseStyle = HouseStyle {
    id: "un",
    name: "United Nations",
    order: [
        Section::Contacts,
        Section::About,
        Section::Notes,
        Section::EndMark,
    ],
    immediate_line: false,
    timing_on_top: false,
    dateline: CITY_DATE_DASH,
    end_marks: &[
        EndMark::SpacedStars,
        EndMark::Hashes,
        EndMark::Ends,
        EndMark::Stars,
        EndMark::None,
    ],
    notes_numbered: true,
    phrases: &[],
};

const AP: HouseStyle = HouseStyle {
    id: "ap",
    name: "AP / US wire",
    order: [
        Section::About,
        Section::Contacts,
        Section::Notes,
        Section::EndMark,
    ],
    immediate_line: true,
    timing_on_top: true,
    dateline: DatelineRule {
        city_upper: true,
        date_form: DateForm::Ap,
        date_prefix: &[],
        dash: " -- ",
        inline: true,
    },
    end_marks: &[EndMark::Hashes, EndMark::Thirty],
    notes_numbered: true,
    phrases: &[(
        "en",
        Phrases {
            contact_heading: Some("Media contact:"),
            about: None,
            notes_to_editors: None,
            immediate: None,
        },
    )],
};

const UK_GOV: HouseStyle = HouseStyle {
    id: "uk-gov",
    name: "UK government",
    order: [
        Section::EndMark,
        Section::Notes,
        Section::Contacts,
        Section::About,
    ],
    immediate_line: false,
    timing_on_top: false,
    dateline: CITY_DATE_DASH,
    end_marks: &[EndMark::EndsWord, EndMark::Ends],
    notes_numbered: true,
    phrases: &[(
        "en",
        Phrases {
            contact_heading: Some("Media enquiries"),
            about: None,
            notes_to_editors: Some("Notes to editors"),
            immediate: None,
        },
    )],
};

const FR_GOUV: HouseStyle = HouseStyle {
    id: "fr-gouv",
    name: "Gouvernement français",
    order: [
        Section::Notes,
        Section::About,
        Section::Contacts,
        Section::EndMark,
    ],
    immediate_line: false,
    timing_on_top: false,
    dateline: DatelineRule {
        city_upper: false,
        date_form: DateForm::Long,
        date_prefix: &[("fr", "le ")],
        dash: "",
        inline: false,
    },
    end_marks: &[EndMark::None, EndMark::Stars],
    notes_numbered: false,
    phrases: &[(
        "fr",
        Phrases {
            contact_heading: Some("Contact presse"),
            about: None,
            notes_to_editors: Some("Pour en savoir plus"),
            immediate: None,
        },
    )],
};

/// Every built-in style, the default first.
pub const BUILT_IN: [&HouseStyle; 4] = [&UN, &AP, &UK_GOV, &FR_GOUV];

/// The built-in style named `id` (case and surrounding blanks ignored).
pub fn find(id: &str) -> Option<&'static HouseStyle> {
    let id = id.trim();
    BUILT_IN
        .iter()
        .copied()
        .find(|s| s.id.eq_ignore_ascii_case(id))
}

/// The names of the built-in styles, for error messages.
pub fn names() -> String {
    BUILT_IN.iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
}

impl HouseStyle {
    /// The language's phrases with this style's replacements applied.
    pub fn labels(&self, tag: &str) -> Labels {
        let mut l = labels::for_language(tag).clone();
        let primary = labels::primary_subtag(tag);
        if let Some((_, p)) = self.phrases.iter().find(|(lang, _)| *lang == primary) {
            l.contact_heading = p.contact_heading.unwrap_or(l.contact_heading);
            l.about = p.about.unwrap_or(l.about);
            l.notes_to_editors = p.notes_to_editors.unwrap_or(l.notes_to_editors);
            l.immediate = p.immediate.unwrap_or(l.immediate);
        }
        l
    }

    /// The words before the date in this language ("le " in French).
    pub fn date_prefix(&self, tag: &str) -> &'static str {
        let primary = labels::primary_subtag(tag);
        self.dateline
            .date_prefix
            .iter()
            .find(|(lang, _)| *lang == primary)
            .map_or("", |(_, p)| p)
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
    fn every_style_is_whole() {
        for s in BUILT_IN {
            let mut order = s.order.to_vec();
            order.sort_by_key(|x| *x as u8);
            order.dedup();
            assert_eq!(order.len(), 4, "{}: every block exactly once", s.id);
            assert!(!s.end_marks.is_empty(), "{}", s.id);
            assert_eq!(find(&s.id.to_uppercase()).map(|f| f.id), Some(s.id));
            for (lang, _) in s.phrases {
                assert!(labels::phrases(lang).is_some(), "{}: {lang}", s.id);
            }
        }
        assert_eq!(find(DEFAULT).map(|s| s.id), Some("un"));
        assert!(find("nope").is_none());
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
        assert_eq!(
            find("fr-gouv").unwrap().labels("fr").contact_heading,
            "Contact presse"
        );
        assert_eq!(find("fr-gouv").unwrap().date_prefix("fr-FR"), "le ");
        assert_eq!(find("fr-gouv").unwrap().date_prefix("en"), "");
    }
}
