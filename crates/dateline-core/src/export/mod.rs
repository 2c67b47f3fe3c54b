//! Exports: DOCX, HTML and plain text, their options and file names.
//!
//! Every exporter renders a [`view::View`], never the raw release, so text is
//! cleaned in one place. Files are written atomically ([`atomic`]). The
//! whole export of a stored release (checks, snapshot, preferences, name,
//! write) is [`operation`], shared by the app and the command line.

pub mod atomic;
pub mod docx;
pub mod filename;
pub mod html;
pub mod ooxml;
pub mod operation;
pub mod report;
pub mod text;
pub mod view;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::house_style::HouseStyle;
use crate::model::Release;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Docx,
    Html,
    /// The body-only `<article>`, for pasting into a CMS.
    HtmlFragment,
    Txt,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Html | ExportFormat::HtmlFragment => "html",
            ExportFormat::Txt => "txt",
        }
    }

    /// Added to the default file name, so a fragment never overwrites the page.
    pub fn name_suffix(self) -> &'static str {
        match self {
            ExportFormat::HtmlFragment => " fragment",
            _ => "",
        }
    }

    pub fn parse(s: &str) -> Result<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "docx" | "word" => Ok(ExportFormat::Docx),
            "html" | "htm" => Ok(ExportFormat::Html),
            "fragment" | "html-fragment" => Ok(ExportFormat::HtmlFragment),
            "txt" | "text" => Ok(ExportFormat::Txt),
            other => Err(Error::Invalid(format!(
                "unknown export format \"{other}\" (use docx, html, fragment or txt)"
            ))),
        }
    }
}

/// Draft exports carry the "DRAFT – vN – not for distribution" mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportMode {
    Draft,
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// Everything an export needs besides the release.
#[derive(Debug, Clone)]
pub struct Options {
    pub mode: ExportMode,
    /// Paper instead of the house style's (preferences, `--letter`).
    pub paper: Option<Paper>,
    /// Organization name for the page header and the HTML publisher.
    pub organization: String,
    /// PNG logo for the header.
    pub logo_png: Option<Vec<u8>>,
    /// The officer's name, written as the document's creator.
    pub author: String,
    /// Plain text: wrap at this many columns (0 = no wrapping).
    pub wrap: usize,
    pub crlf: bool,
    /// HTML: body-only fragment for pasting into a CMS.
    pub fragment: bool,
    /// Word clearance copies open with Track Changes on.
    pub track_changes: bool,
    /// Word clearance copies can be edited only as tracked changes.
    pub protect_for_tracked_changes: bool,
    /// The house style to use, resolved by the caller (an office's own
    /// style, or `--style`); `None` renders in the release's own style,
    /// which must then be a built-in one.
    pub style: Option<HouseStyle>,
}

/// The bundled logo of the sample organization.
pub const DEFAULT_LOGO: &[u8] = include_bytes!("../../../../assets/logo.png");

impl Default for Options {
    fn default() -> Options {
        Options {
            mode: ExportMode::Draft,
            paper: None,
            organization: String::new(),
            logo_png: Some(DEFAULT_LOGO.to_vec()),
            author: String::new(),
            wrap: 0,
            crlf: false,
            fragment: false,
            track_changes: true,
            protect_for_tracked_changes: false,
            style: None,
        }
    }
}

/// Renders a release to the bytes of one format.
pub fn render(r: &Release, format: ExportFormat, opts: &Options) -> Result<Vec<u8>> {
    let v = match &opts.style {
        Some(style) => view::build_with(r, style)?,
        None => view::build(r)?,
    };
    match format {
        ExportFormat::Docx => docx::render(&v, r, opts),
        ExportFormat::Html => html::render(&v, opts).map(String::into_bytes),
        ExportFormat::HtmlFragment => html::render(
            &v,
            &Options {
                fragment: true,
                ..opts.clone()
            },
        )
        .map(String::into_bytes),
        ExportFormat::Txt => Ok(text::render(&v, opts).into_bytes()),
    }
}

/// Renders and writes atomically to `path`.
pub fn export_to(r: &Release, format: ExportFormat, opts: &Options, path: &Path) -> Result<()> {
    let bytes = render(r, format, opts)?;
    atomic::write(path, &bytes)
}

/// The statuses a final export (no DRAFT mark) is allowed from: cleared
/// and published text only.
pub fn final_allowed(status: crate::Status) -> bool {
    matches!(status, crate::Status::Cleared | crate::Status::Published)
}

/// Export is allowed in final form only once the release is cleared.
pub fn check_mode(r: &Release, mode: ExportMode) -> Result<()> {
    if mode == ExportMode::Final && !final_allowed(r.status) {
        return Err(Error::Transition {
            action: "Final export".into(),
            from: r.status.label().to_lowercase(),
        });
    }
    Ok(())
}
