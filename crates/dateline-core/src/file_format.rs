//! The `*.dateline.json` file: one release, with a format name and version.
//!
//! This is how a release is saved to disk, shared, and handed to the command
//! line. The format is documented in `docs/FILE_FORMAT.md`. Reading is strict:
//! unknown fields, wrong types and other format versions are refused with a
//! message that names the problem, so that nothing is silently dropped;
//! timestamps must be RFC 3339 and fields within the size limit
//! ([`crate::validate`]).
//!
//! Version 2 is written. Version 1 files (and rows stored in that shape)
//! are still read, through [`v1`], and converted to the current model.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Release;

pub mod v1;

pub const FORMAT_NAME: &str = "dateline-release";
pub const FORMAT_VERSION: u32 = 2;
/// The oldest version this Dateline still reads.
pub const OLDEST_VERSION: u32 = 1;
/// File name suffix of a saved release.
pub const EXTENSION: &str = ".dateline.json";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    format_version: u32,
    release: Release,
}

/// Read only so that unknown fields are refused; the header was checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EnvelopeV1 {
    format: String,
    format_version: u32,
    release: v1::ReleaseV1,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
}

/// Serializes a release as a `.dateline.json` document (pretty, UTF-8, final newline).
pub fn to_string(release: &Release) -> Result<String> {
    let env = Envelope {
        format: FORMAT_NAME.to_string(),
        format_version: FORMAT_VERSION,
        release: release.clone(),
    };
    let mut s = serde_json::to_string_pretty(&env).map_err(|e| Error::Format(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// Parses a `.dateline.json` document.
pub fn from_str(text: &str) -> Result<Release> {
    let header: Header =
        serde_json::from_str(text).map_err(|e| Error::Format(format!("malformed JSON: {e}")))?;
    match header.format.as_ref().and_then(|v| v.as_str()) {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(Error::Format(format!(
                "\"format\" is \"{other}\", expected \"{FORMAT_NAME}\""
            )))
        }
        None => {
            return Err(Error::Format(format!(
                "missing \"format\": \"{FORMAT_NAME}\""
            )))
        }
    }
    let release = match header.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {
            let env: Envelope =
                serde_json::from_str(text).map_err(|e| Error::Format(e.to_string()))?;
            env.release
        }
        Some(1) => {
            let env: EnvelopeV1 = serde_json::from_str(text)
                .map_err(|e| Error::Format(format!("format_version 1: {e}")))?;
            env.release.into_current()
        }
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(Error::Format(format!(
                "format_version {v} was written by a newer Dateline; this one reads versions {OLDEST_VERSION} to {FORMAT_VERSION}"
            )))
        }
        Some(v) => {
            return Err(Error::Format(format!(
                "format_version {v} is not supported; this Dateline reads versions {OLDEST_VERSION} to {FORMAT_VERSION}"
            )))
        }
        None => return Err(Error::Format("missing or non-numeric \"format_version\"".into())),
    };
    crate::validate::timestamps(&release)?;
    crate::validate::on_entry(&release)?;
    Ok(release)
}

/// Parses a release as the store keeps it (the bare release JSON, no
/// envelope), in the current shape or, for rows written before format
/// version 2, the version 1 shape. The migration to schema "007" converts
/// stored rows with this.
pub fn stored_from_str(text: &str) -> Result<Release> {
    match serde_json::from_str::<Release>(text) {
        Ok(r) => Ok(r),
        Err(current) => match serde_json::from_str::<v1::ReleaseV1>(text) {
            Ok(old) => Ok(old.into_current()),
            Err(_) => Err(Error::Format(current.to_string())),
        },
    }
}

/// Reads and parses a `.dateline.json` file.
pub fn read(path: &Path) -> Result<Release> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Format(format!("{} is not UTF-8 text", path.display())))?;
    from_str(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn round_trips_the_sample() {
        let r = sample::release();
        let s = to_string(&r).unwrap();
        assert_eq!(from_str(&s).unwrap(), r);
    }

    /// A file written by Dateline before format version 2.
    const V1_FILE: &str = include_str!("../tests/fixtures/v1/welcome-v1.dateline.json");

    #[test]
    fn reads_a_version_1_file_into_the_current_model() {
        let r = from_str(V1_FILE).unwrap();
        let old: serde_json::Value = serde_json::from_str(V1_FILE).unwrap();
        let old = &old["release"];
        assert_eq!(r.about.len(), 1);
        assert_eq!(r.about[0].heading, "");
        assert_eq!(r.about[0].text, old["about"].as_str().unwrap());
        assert_eq!(r.contact_groups.len(), 1);
        assert_eq!(r.contact_groups[0].heading, "");
        assert_eq!(
            r.contact_groups[0].contacts[0].email,
            old["contacts"][0]["email"].as_str().unwrap()
        );
        let notes: Vec<String> = r
            .notes_to_editors
            .iter()
            .map(|b| crate::model::blocks_plain_text(std::slice::from_ref(b)))
            .collect();
        let old_notes: Vec<String> = old["notes_to_editors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| format!("{}\n", n.as_str().unwrap()))
            .collect();
        assert_eq!(notes, old_notes);
        // Written back, it is version 2, and reads as the same release.
        let v2 = to_string(&r).unwrap();
        assert!(v2.contains("\"format_version\": 2"));
        assert_eq!(from_str(&v2).unwrap(), r);
        // A v1 file may not use what came with v2.
        let bad = V1_FILE.replacen("\"type\": \"paragraph\"", "\"type\": \"subheading\"", 1);
        let e = from_str(&bad).unwrap_err().to_string();
        assert!(
            e.contains("format_version 1") && e.contains("subheading"),
            "{e}"
        );
    }

    #[test]
    fn names_the_problem() {
        let r = sample::release();
        let good = to_string(&r).unwrap();
        let cases = [
            ("{", "malformed JSON"),
            ("[]", "malformed JSON"),
            (
                r#"{"format":"x","format_version":1}"#,
                "expected \"dateline-release\"",
            ),
            (
                r#"{"format":"dateline-release","format_version":9}"#,
                "newer Dateline",
            ),
            (
                r#"{"format":"dateline-release","format_version":"1"}"#,
                "format_version",
            ),
            (
                r#"{"format":"dateline-release","format_version":0}"#,
                "reads versions 1 to 2",
            ),
        ];
        for (input, needle) in cases {
            let msg = from_str(input).unwrap_err().to_string();
            assert!(msg.contains(needle), "{input}: {msg}");
        }
        let unknown = good.replacen("\"headline\"", "\"surprise\": 1,\n    \"headline\"", 1);
        let msg = from_str(&unknown).unwrap_err().to_string();
        assert!(msg.contains("unknown field `surprise`"), "{msg}");
        let wrong_type = good.replacen("\"version\": 0", "\"version\": \"zero\"", 1);
        let msg = from_str(&wrong_type).unwrap_err().to_string();
        assert!(msg.contains("invalid type"), "{msg}");
        let hostile_time = good.replacen(
            &format!("\"created_at\": \"{}\"", r.created_at),
            "\"created_at\": \"2026-03-12T08:00:00Z\\u0001<&\"",
            1,
        );
        let msg = from_str(&hostile_time).unwrap_err().to_string();
        assert!(
            msg.contains("\"created_at\"") && msg.contains("RFC 3339"),
            "{msg}"
        );
        let huge = good.replacen(
            &format!("\"text\": \"{}", r.about[0].text.replace('\n', "\\n")),
            &format!(
                "\"text\": \"{}",
                "a".repeat(crate::validate::MAX_FIELD_BYTES + 1)
            ),
            1,
        );
        assert_ne!(huge, good);
        let msg = from_str(&huge).unwrap_err().to_string();
        assert!(msg.contains("the About is"), "{msg}");
    }
}
