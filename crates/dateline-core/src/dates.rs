//! Localized dates, through ICU4X.
//!
//! The dateline date and the embargo date are rendered in the release's
//! language ("17 May 2024", "17 mai 2024", "2024年5月17日") from CLDR data
//! compiled into the binary, so no month names are written by hand and
//! nothing is fetched at run time.
//!
//! Releases are dated in the Gregorian calendar whatever their language (a
//! release in Arabic or Thai from an international office still carries
//! "17 May 2024" in that language), so the formatter is fixed to it rather
//! than following each locale's default calendar. That also keeps the other
//! calendars' CLDR data out of both binaries: smaller files, and less data for
//! the loader to relocate at every start of the command line.

use icu::calendar::cal::Gregorian;
use icu::calendar::Date;
use icu::datetime::{fieldsets, FixedCalendarDateTimeFormatter};
use icu::locale::Locale;

use crate::error::{Error, Result};

/// A calendar date, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Earliest and latest years a release may carry. Outside this range a date
/// is almost certainly a typing slip, and some readers mishandle it.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// Parses an ISO "YYYY-MM-DD" date and checks that it exists.
pub fn parse_iso_date(s: &str) -> Result<Ymd> {
    let bad = || {
        Error::Invalid(format!(
            "the date \"{s}\" is not a valid date (expected YYYY-MM-DD)"
        ))
    };
    let d: jiff::civil::Date = s.trim().parse().map_err(|_| bad())?;
    let y = i32::from(d.year());
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return Err(Error::Invalid(format!(
            "the date \"{s}\" is out of range (years {MIN_YEAR} to {MAX_YEAR})"
        )));
    }
    Ok(Ymd {
        year: y,
        month: d.month() as u8,
        day: d.day() as u8,
    })
}

/// Parses a BCP 47 language tag.
pub fn parse_locale(tag: &str) -> Result<Locale> {
    Locale::try_from_str(tag.trim()).map_err(|_| {
        Error::Invalid(format!(
            "\"{tag}\" is not a valid language tag (BCP 47, e.g. en-GB)"
        ))
    })
}

/// "17 May 2024" in the given language.
///
/// A bare "en" follows the house style of UN and most international offices,
/// day before month, so it is formatted as en-GB; "en-US" keeps its own order.
pub fn long_date(date: Ymd, language: &str) -> Result<String> {
    let tag = if language.trim().eq_ignore_ascii_case("en") {
        "en-GB"
    } else {
        language
    };
    let locale = parse_locale(tag)?;
    let formatter = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale.into(),
        fieldsets::YMD::long(),
    )
    .map_err(|e| Error::Render(format!("no date format for {language}: {e}")))?;
    let d = Date::try_new_gregorian(date.year, date.month, date.day)
        .map_err(|e| Error::Invalid(format!("invalid date: {e}")))?;
    Ok(formatter.format(&d).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(lang: &str) -> String {
        long_date(parse_iso_date("2024-05-17").unwrap(), lang).unwrap()
    }

    #[test]
    fn english_reads_day_month_year() {
        assert_eq!(fmt("en-GB"), "17 May 2024");
        assert_eq!(fmt("en"), "17 May 2024");
        assert_eq!(fmt("fr"), "17 mai 2024");
        assert_eq!(fmt("es"), "17 de mayo de 2024");
        assert_eq!(fmt("zh"), "2024年5月17日");
        assert!(fmt("ru").starts_with("17 мая 2024"));
    }

    #[test]
    fn locales_with_another_default_calendar_stay_gregorian() {
        // Thai and Persian default to the Buddhist and Solar Hijri calendars.
        assert!(fmt("th").contains("2024"), "{}", fmt("th"));
        assert!(
            fmt("fa").contains("۲۰۲۴") || fmt("fa").contains("2024"),
            "{}",
            fmt("fa")
        );
        assert!(
            fmt("ar-SA").contains("٢٠٢٤") || fmt("ar-SA").contains("2024"),
            "{}",
            fmt("ar-SA")
        );
    }

    #[test]
    fn rejects_bad_dates_and_tags() {
        assert!(parse_iso_date("2024-02-30").is_err());
        assert!(parse_iso_date("17/05/2024").is_err());
        assert!(parse_iso_date("9999-01-01").is_err());
        assert!(parse_locale("not a tag!").is_err());
        assert!(parse_locale("").is_err());
    }
}
