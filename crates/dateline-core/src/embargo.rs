//! Embargo times: a wall-clock time in a named IANA zone, resolved to exactly
//! one instant or refused.
//!
//! Around a daylight-saving change a local time can be missing (the clocks
//! jump from 02:00 to 03:00, so 02:30 never happens) or happen twice (the
//! clocks go back from 03:00 to 02:00). jiff's usual "compatible" rule would
//! quietly move a missing 02:30 to 03:30 and pick the first of two 02:30s;
//! an embargo must not be guessed, so a missing time is refused with the
//! valid time offered, and a doubled one needs the UTC offset the officer
//! chose, stored in [`Timing::Embargoed::offset`](crate::model::Timing).
//! [`check`] gives the editor the same verdict as the officer types.

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::ZonedDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};

/// What the editor shows under the embargo fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmbargoCheck {
    /// The time exists once; `offset` is its UTC offset, e.g. "+02:00".
    Valid { offset: String },
    /// The time does not exist in the zone; `suggestion` ("YYYY-MM-DDTHH:MM")
    /// is the wall-clock time of the same moment after the clocks changed.
    Nonexistent { message: String, suggestion: String },
    /// The time happens twice: `earlier` and `later` are the two offsets,
    /// `chosen` the one stored, if it is one of them.
    Ambiguous {
        message: String,
        earlier: String,
        later: String,
        chosen: Option<String>,
    },
    /// The time, the zone or the offset cannot be read.
    Invalid { message: String },
}

/// An embargo resolved to one instant.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub zoned: ZonedDateTime,
    /// "+02:00"
    pub offset: String,
}

impl Resolved {
    /// ISO 8601 with the offset, "2026-10-25T02:30:00+02:00": the value of
    /// `<time datetime>` and JSON-LD. An offset with seconds (only historic
    /// local mean times) has no such form, so the instant is given in UTC.
    pub fn iso(&self) -> String {
        if self.zoned.offset().seconds() % 60 == 0 {
            format!(
                "{}{}",
                self.zoned.datetime().strftime("%Y-%m-%dT%H:%M:%S"),
                self.offset
            )
        } else {
            self.zoned.timestamp().to_string()
        }
    }

    /// "02:30"
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.zoned.hour(), self.zoned.minute())
    }
}

/// "+02:00", "-03:30", "+00:00"; seconds only when the offset has them.
pub fn format_offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let (h, m, sec) = (a / 3600, a % 3600 / 60, a % 60);
    if sec == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{sec:02}")
    }
}

/// The verdict on an embargo as typed, for the editor.
pub fn check(until: &str, time_zone: &str, offset: Option<&str>) -> EmbargoCheck {
    match classify(until, time_zone, offset) {
        Err(e) => EmbargoCheck::Invalid {
            message: e.to_string(),
        },
        Ok(Class::Valid(r)) => EmbargoCheck::Valid { offset: r.offset },
        Ok(Class::Gap(g)) => EmbargoCheck::Nonexistent {
            message: g.message(),
            suggestion: g.suggestion,
        },
        Ok(Class::Fold(f)) => EmbargoCheck::Ambiguous {
            message: f.message(),
            earlier: f.earlier.offset.clone(),
            later: f.later.offset.clone(),
            chosen: f.chosen.map(|r| r.offset),
        },
    }
}

/// The one instant of an embargo, or an error that names the problem: a
/// time that does not exist (offering the valid one), a time that happens
/// twice with no offset chosen, an offset that does not apply.
pub fn resolve(until: &str, time_zone: &str, offset: Option<&str>) -> Result<Resolved> {
    match classify(until, time_zone, offset)? {
        Class::Valid(r) => Ok(r),
        Class::Gap(g) => Err(Error::Invalid(format!("embargo: {}", g.message()))),
        Class::Fold(f) => match f.chosen {
            Some(r) => Ok(r),
            None => Err(Error::Invalid(format!(
                "embargo: {} (the embargo's \"offset\")",
                f.message().trim_end_matches('.')
            ))),
        },
    }
}

enum Class {
    Valid(Resolved),
    Gap(Gap),
    Fold(Fold),
}

struct Gap {
    what: String,
    /// Local times at which the clocks jump: "02:00" → "03:00".
    from: String,
    to: String,
    suggestion: String,
}

impl Gap {
    fn message(&self) -> String {
        let shown = self.suggestion.replace('T', " ");
        format!(
            "{} does not exist: the clocks go from {} straight to {} that night. The same moment is {shown}; choose that or another time.",
            self.what, self.from, self.to
        )
    }
}

struct Fold {
    what: String,
    from: String,
    to: String,
    earlier: Resolved,
    later: Resolved,
    chosen: Option<Resolved>,
}

impl Fold {
    fn message(&self) -> String {
        format!(
            "{} happens twice: the clocks go back from {} to {} that night. Choose the first one (UTC{}) or the second one (UTC{}).",
            self.what, self.from, self.to, self.earlier.offset, self.later.offset
        )
    }
}

fn classify(until: &str, time_zone: &str, offset: Option<&str>) -> Result<Class> {
    let zone = time_zone.trim();
    let tz = TimeZone::get(zone).map_err(|_| {
        Error::Invalid(format!(
            "embargo: \"{time_zone}\" is not a known time zone (use an IANA name such as Europe/Zurich)"
        ))
    })?;
    let dt: DateTime = until.trim().parse().map_err(|_| {
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
    let offset = offset.map(str::trim).filter(|o| !o.is_empty());
    let at = |o: Offset| -> Result<Resolved> {
        let ts = o
            .to_timestamp(dt)
            .map_err(|e| Error::Invalid(format!("embargo: {e}")))?;
        Ok(Resolved {
            zoned: ts.to_zoned_datetime(tz.clone()),
            offset: format_offset(o),
        })
    };
    let what = format!(
        "{} on {} in {zone}",
        dt.strftime("%H:%M"),
        dt.strftime("%Y-%m-%d")
    );
    match tz.to_ambiguous_zoned_datetime(dt).offset() {
        AmbiguousOffset::Unambiguous { offset: o } => {
            let r = at(o)?;
            match offset {
                Some(given) if given != r.offset => Err(Error::Invalid(format!(
                    "embargo: the offset {given} does not apply: {what} is at UTC{}",
                    r.offset
                ))),
                _ => Ok(Class::Valid(r)),
            }
        }
        AmbiguousOffset::Gap { before, after } => {
            // With the offset from before the jump, the time lands after it:
            // that is the moment the officer meant, as the clocks show it.
            let moment = at(before)?;
            let (from, to) = transition(&tz, &moment.zoned, before, after);
            Ok(Class::Gap(Gap {
                what,
                from,
                to,
                suggestion: moment
                    .zoned
                    .datetime()
                    .strftime("%Y-%m-%dT%H:%M")
                    .to_string(),
            }))
        }
        AmbiguousOffset::Fold { before, after } => {
            let (earlier, later) = (at(before)?, at(after)?);
            let (from, to) = transition(&tz, &later.zoned, before, after);
            let chosen = match offset {
                None => None,
                Some(o) if o == earlier.offset => Some(earlier.clone()),
                Some(o) if o == later.offset => Some(later.clone()),
                Some(o) => {
                    return Err(Error::Invalid(format!(
                        "embargo: the offset {o} does not apply: {what} is at UTC{} or UTC{}",
                        earlier.offset, later.offset
                    )))
                }
            };
            Ok(Class::Fold(Fold {
                what,
                from,
                to,
                earlier,
                later,
                chosen,
            }))
        }
    }
}

/// The local clock readings just before and after the change of offset
/// that precedes `after_change` ("02:00" and "03:00" for a spring gap).
fn transition(
    tz: &TimeZone,
    after_change: &ZonedDateTime,
    before: Offset,
    after: Offset,
) -> (String, String) {
    // `preceding` is strictly before the given instant; a time exactly at
    // the change must still find it.
    let probe = after_change
        .timestamp()
        .checked_add(jiff::SignedDuration::from_secs(1))
        .unwrap_or(after_change.timestamp());
    match tz.preceding(probe).next() {
        Some(t) => {
            let local = |o: Offset| o.to_datetime(t.timestamp()).strftime("%H:%M").to_string();
            (local(before), local(after))
        }
        None => ("?".into(), "?".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_in_the_spring_gap_is_refused_with_the_valid_time() {
        let e = resolve("2026-03-29T02:30", "Europe/Zurich", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("02:30 on 2026-03-29 in Europe/Zurich does not exist"),
            "{e}"
        );
        assert!(e.contains("from 02:00 straight to 03:00"), "{e}");
        assert!(e.contains("2026-03-29 03:30"), "{e}");
        match check("2026-03-29T02:30", "Europe/Zurich", None) {
            EmbargoCheck::Nonexistent { suggestion, .. } => {
                assert_eq!(suggestion, "2026-03-29T03:30")
            }
            other => panic!("{other:?}"),
        }
        // An offset does not make a missing time exist.
        assert!(resolve("2026-03-29T02:30", "Europe/Zurich", Some("+01:00")).is_err());
        // The edge of the gap: 02:00 is missing too, 03:00 exists.
        assert!(resolve("2026-03-29T02:00", "Europe/Zurich", None).is_err());
        let r = resolve("2026-03-29T03:00", "Europe/Zurich", None).unwrap();
        assert_eq!(r.iso(), "2026-03-29T03:00:00+02:00");
    }

    #[test]
    fn a_time_in_the_autumn_fold_needs_a_chosen_offset() {
        let e = resolve("2026-10-25T02:30", "Europe/Zurich", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("02:30 on 2026-10-25 in Europe/Zurich happens twice"),
            "{e}"
        );
        assert!(e.contains("from 03:00 to 02:00"), "{e}");
        assert!(e.contains("UTC+02:00") && e.contains("UTC+01:00"), "{e}");
        let first = resolve("2026-10-25T02:30", "Europe/Zurich", Some("+02:00")).unwrap();
        let second = resolve("2026-10-25T02:30", "Europe/Zurich", Some("+01:00")).unwrap();
        assert_eq!(first.iso(), "2026-10-25T02:30:00+02:00");
        assert_eq!(second.iso(), "2026-10-25T02:30:00+01:00");
        assert_eq!(first.zoned.timestamp().to_string(), "2026-10-25T00:30:00Z");
        assert_eq!(second.zoned.timestamp().to_string(), "2026-10-25T01:30:00Z");
        let e = resolve("2026-10-25T02:30", "Europe/Zurich", Some("+05:00"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("offset +05:00 does not apply"), "{e}");
        assert_eq!(
            check("2026-10-25T02:30", "Europe/Zurich", Some("+01:00")),
            EmbargoCheck::Ambiguous {
                message: check("2026-10-25T02:30", "Europe/Zurich", None)
                    .message()
                    .into(),
                earlier: "+02:00".into(),
                later: "+01:00".into(),
                chosen: Some("+01:00".into()),
            }
        );
    }

    #[test]
    fn ordinary_times_resolve_and_a_wrong_offset_is_named() {
        let r = resolve("2026-06-04T09:00", "Europe/Zurich", None).unwrap();
        assert_eq!((r.clock(), r.offset.as_str()), ("09:00".into(), "+02:00"));
        assert!(resolve("2026-06-04T09:00", "Europe/Zurich", Some("+02:00")).is_ok());
        let e = resolve("2026-06-04T09:00", "Europe/Zurich", Some("+01:00"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("is at UTC+02:00"), "{e}");
        assert_eq!(
            resolve("2026-01-10T10:00", "Asia/Kolkata", None)
                .unwrap()
                .iso(),
            "2026-01-10T10:00:00+05:30"
        );
        // Southern hemisphere: New York's and Sydney's changes differ.
        assert!(resolve("2026-04-05T02:30", "Australia/Sydney", None).is_err());
        assert!(resolve("2026-03-08T02:30", "America/New_York", None).is_err());
        for bad in [
            ("4 June 2026 9am", "Europe/Zurich"),
            ("2026-06-04T09:00", "Mars/Olympus"),
        ] {
            assert!(matches!(
                check(bad.0, bad.1, None),
                EmbargoCheck::Invalid { .. }
            ));
        }
    }

    /// Every quarter hour of 2026 in zones with one-hour, half-hour and no
    /// clock changes: the editor's verdict and the export agree, a refused
    /// time's suggestion is valid, and the two readings of a doubled time
    /// are distinct instants as far apart as the clocks went back.
    #[test]
    fn verdict_and_export_agree_on_every_quarter_hour_of_a_year() {
        for (zone, gaps, folds) in [
            ("Europe/Zurich", 4, 4),
            ("America/New_York", 4, 4),
            ("Australia/Sydney", 4, 4),
            ("Australia/Lord_Howe", 2, 2),
            ("Asia/Kolkata", 0, 0),
        ] {
            let (mut gap_count, mut fold_count) = (0, 0);
            let mut t = jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0);
            let end = jiff::civil::date(2027, 1, 1).at(0, 0, 0, 0);
            while t < end {
                let until = t.strftime("%Y-%m-%dT%H:%M").to_string();
                match check(&until, zone, None) {
                    EmbargoCheck::Valid { offset } => {
                        assert_eq!(resolve(&until, zone, None).unwrap().offset, offset)
                    }
                    EmbargoCheck::Nonexistent { suggestion, .. } => {
                        gap_count += 1;
                        assert!(resolve(&until, zone, None).is_err(), "{zone} {until}");
                        assert!(suggestion > until, "{zone} {until} → {suggestion}");
                        assert!(
                            resolve(&suggestion, zone, None).is_ok(),
                            "{zone} {suggestion}"
                        );
                    }
                    EmbargoCheck::Ambiguous {
                        earlier,
                        later,
                        chosen,
                        ..
                    } => {
                        fold_count += 1;
                        assert_eq!(chosen, None);
                        assert!(resolve(&until, zone, None).is_err(), "{zone} {until}");
                        let a = resolve(&until, zone, Some(&earlier)).unwrap();
                        let b = resolve(&until, zone, Some(&later)).unwrap();
                        let apart =
                            b.zoned.timestamp().as_second() - a.zoned.timestamp().as_second();
                        let went_back =
                            i64::from(a.zoned.offset().seconds() - b.zoned.offset().seconds());
                        assert!(apart > 0 && apart == went_back, "{zone} {until}");
                    }
                    EmbargoCheck::Invalid { message } => panic!("{zone} {until}: {message}"),
                }
                t = t.checked_add(jiff::Span::new().minutes(15)).unwrap();
            }
            assert_eq!((gap_count, fold_count), (gaps, folds), "{zone}");
        }
    }

    impl EmbargoCheck {
        fn message(&self) -> &str {
            match self {
                EmbargoCheck::Valid { .. } => "",
                EmbargoCheck::Nonexistent { message, .. }
                | EmbargoCheck::Ambiguous { message, .. }
                | EmbargoCheck::Invalid { message } => message,
            }
        }
    }
}
