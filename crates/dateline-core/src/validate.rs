//! Rules a release must meet before it leaves the app (export, clearance,
//! JSON import). Saving never applies them: an autosave of half-typed text
//! must always succeed, so that nothing typed is lost.

use crate::dates;
use crate::error::{Error, Result};
use crate::model::{Release, Timing};

/// Limits that keep one release within what Word and browsers handle well.
pub const MAX_FIELD_BYTES: usize = 4 * 1024 * 1024;

/// Checks every field that an export depends on and names the first problem.
pub fn for_export(r: &Release) -> Result<()> {
    dates::parse_locale(&r.language)?;
    dates::parse_iso_date(&r.dateline.date)
        .map_err(|e| Error::Invalid(format!("dateline: {e}")))?;
    if let Timing::Embargoed { until, time_zone } = &r.timing {
        embargo_instant(until, time_zone)?;
    }
    for (i, c) in r.contacts.iter().enumerate() {
        if c.name.trim().is_empty() {
            return Err(Error::Invalid(format!("contact {} has no name", i + 1)));
        }
    }
    Ok(())
}

/// Parses an embargo's local time in its IANA zone.
pub fn embargo_instant(until: &str, time_zone: &str) -> Result<jiff::ZonedDateTime> {
    let tz = jiff::tz::TimeZone::get(time_zone.trim()).map_err(|_| {
        Error::Invalid(format!(
            "embargo: \"{time_zone}\" is not a known time zone (use an IANA name such as Europe/Zurich)"
        ))
    })?;
    let dt: jiff::civil::DateTime = until.trim().parse().map_err(|_| {
        Error::Invalid(format!(
            "embargo: \"{until}\" is not a valid date and time (expected YYYY-MM-DDTHH:MM)"
        ))
    })?;
    let year = i32::from(dt.year());
    if !(dates::MIN_YEAR..=dates::MAX_YEAR).contains(&year) {
        return Err(Error::Invalid(format!(
            "embargo: \"{until}\" is out of range (years {} to {})",
            dates::MIN_YEAR,
            dates::MAX_YEAR
        )));
    }
    dt.to_zoned_datetime(tz)
        .map_err(|e| Error::Invalid(format!("embargo: {e}")))
}
