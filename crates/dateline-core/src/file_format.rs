//! The `*.dateline.json` file: one release, with a format name and version.
//!
//! This is how a release is saved to disk, shared, and handed to the command
//! line. The format is documented in `docs/FILE_FORMAT.md`. Reading is strict:
//! unknown fields, wrong types and other format versions are refused with a
//! message that names the problem, so that nothing is silently dropped;
//! timestamps must be RFC 3339 and fields within the size limit
//! ([`crate::validate`]).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Release;

pub const FORMAT_NAME: &str = "dateline-release";
pub const FORMAT_VERSION: u32 = 1;
/// File name suffix of a saved release.
pub const EXTENSION: &str = ".dateline.json";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    format_version: u32,
    release: Release,
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
    match header.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(Error::Format(format!(
                "format_version {v} was written by a newer Dateline; this one reads version {FORMAT_VERSION}"
            )))
        }
        Some(v) => {
            return Err(Error::Format(format!(
                "format_version {v} is not supported; this Dateline reads version {FORMAT_VERSION}"
            )))
        }
        None => return Err(Error::Format("missing or non-numeric \"format_version\"".into())),
    }
    let env: Envelope = serde_json::from_str(text).map_err(|e| Error::Format(e.to_string()))?;
    crate::validate::timestamps(&env.release)?;
    crate::validate::on_entry(&env.release)?;
    Ok(env.release)
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
            &format!("\"about\": \"{}", r.about.replace('\n', "\\n")),
            &format!(
                "\"about\": \"{}",
                "a".repeat(crate::validate::MAX_FIELD_BYTES + 1)
            ),
            1,
        );
        assert_ne!(huge, good);
        let msg = from_str(&huge).unwrap_err().to_string();
        assert!(msg.contains("the About is"), "{msg}");
    }
}
