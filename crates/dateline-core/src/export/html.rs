//! HTML export: one self-contained, publishable page (or a body-only
//! fragment for a CMS), rendered by an askama template that escapes every
//! value by default. The app's live preview calls this same function.
//!
//! The only values marked `safe` are our own: the bundled stylesheet and the
//! JSON-LD, whose `<`, `>` and `&` are written as JSON unicode escapes so
//! that no user text can close the script element.

use askama::Template;
use base64::Engine;

use super::view::{ContactView, Item, Picture, Run, View};
use super::Options;
use crate::error::{Error, Result};
use crate::house_style::Section;

const CSS: &str = include_str!("../../../../assets/export/release.css");

/// Body events in document order: lists are opened and closed explicitly so
/// the template needs no recursion.
pub enum Ev<'a> {
    Lead(&'a [Run]),
    Para(&'a [Run]),
    Open(bool),
    Close(bool),
    ItemStart(&'a [Run]),
    ItemEnd,
    Subheading(&'a [Run]),
    Quote(&'a [Run], &'a str),
    Picture(&'a Picture),
}

/// One note to editors: its opening runs, and what follows them (the
/// template numbers notes with `<ol>` where the style numbers them).
pub struct NoteEv<'a> {
    lead: Option<&'a [Run]>,
    rest: Vec<Ev<'a>>,
}

#[derive(Template)]
#[template(path = "release.html")]
struct Page<'a> {
    v: &'a View,
    fragment: bool,
    dir: &'static str,
    description: String,
    og_locale: String,
    organization: &'a str,
    logo: Option<String>,
    draft_mark: Option<String>,
    /// The dateline's tail when it stands alone: the wire tag, no dash.
    alone_tail: &'a str,
    events: Vec<Ev<'a>>,
    notes: Vec<NoteEv<'a>>,
    css: String,
    json_ld: String,
}

/// A part of a contact line: plain, or a link (e-mail, phone, web form).
pub enum Part<'a> {
    Text(&'a str),
    Link(String, &'a str),
}

impl Page<'_> {
    /// The contact's non-blank parts in house order, e-mail, phone and URL
    /// as links where they are safe to link.
    fn contact_parts<'c>(&self, c: &'c ContactView) -> Vec<Part<'c>> {
        let link = |href: Option<String>, t: &'c str| match href {
            Some(h) => Part::Link(h, t),
            None => Part::Text(t),
        };
        [
            Part::Text(&c.name),
            Part::Text(&c.title),
            Part::Text(&c.organization),
            link(self.mailto(&c.email), &c.email),
            link(self.tel(&c.phone), &c.phone),
            link(
                crate::clean::safe_link(&c.url)
                    .filter(|u| u.to_ascii_lowercase().starts_with("http")),
                &c.url,
            ),
        ]
        .into_iter()
        .filter(|p| match p {
            Part::Text(t) | Part::Link(_, t) => !t.is_empty(),
        })
        .collect()
    }

    fn mailto(&self, email: &str) -> Option<String> {
        crate::clean::safe_link(&format!("mailto:{email}")).filter(|_| email.contains('@'))
    }

    /// A `tel:` link for the number at the start of the field; anything after
    /// it ("(ext. 204)", "mobile") is not dialled.
    fn tel(&self, phone: &str) -> Option<String> {
        let number: String = phone
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '\u{A0}'))
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        let digits = number.chars().filter(|c| c.is_ascii_digit()).count();
        (digits >= 3 && !number[1..].contains('+')).then(|| format!("tel:{number}"))
    }
}

pub fn render(v: &View, opts: &Options) -> Result<String> {
    let organization = crate::clean::line(&opts.organization);
    let logo = opts
        .logo_png
        .as_ref()
        .filter(|b| v.style.typography.logo && b.starts_with(b"\x89PNG\r\n\x1a\n"))
        .map(|b| {
            format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(b)
            )
        });
    let description: String = {
        let first = v.body_text.split("\n\n").next().unwrap_or("");
        let mut d: String = first.chars().take(200).collect();
        if first.chars().count() > 200 {
            d.push('…');
        }
        d
    };
    let page = Page {
        v,
        fragment: opts.fragment,
        dir: if v.is_rtl() { "rtl" } else { "ltr" },
        og_locale: v.language.replace('-', "_"),
        organization: &organization,
        logo,
        draft_mark: v.draft_mark(opts.mode),
        alone_tail: v.dateline_tail.trim_end_matches([' ', '–', '-', '—']),
        events: events(&v.items, v.has_lead()),
        notes: v
            .notes
            .iter()
            .map(|n| {
                let (lead, rest) = n.lead();
                NoteEv {
                    lead,
                    rest: events(rest, false),
                }
            })
            .collect(),
        css: format!("{}{CSS}", style_css(v)),
        json_ld: json_ld(v, &organization, &description),
        description,
    };
    page.render().map_err(|e| Error::Render(e.to_string()))
}

/// The house style's typography as CSS custom properties, read by the
/// bundled stylesheet. Font names and colours were checked when the style
/// was read ([`crate::house_style::HouseStyle::check`]: letters, digits,
/// spaces and hyphens; six hex digits), so none can close the quotes or the
/// rule they stand in.
fn style_css(v: &View) -> String {
    let t = &v.style.typography;
    let family = |first: &str| {
        std::iter::once(first)
            .chain(t.css_fallback.iter().map(String::as_str))
            .map(|f| match f {
                "serif" | "sans-serif" | "monospace" | "system-ui" => f.to_string(),
                _ => format!("\"{f}\""),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let m = t.margins_mm;
    // 11 pt on paper reads like 16 px on screen: the page keeps the style's
    // proportions at a screen size.
    let px = |pt: f32| format!("{:.1}px", pt * 16.0 / 11.0);
    format!(
        ":root {{ --body-font: {}; --heading-font: {}; --complex-font: {}; --east-asian-font: {}; \
         --body-size: {}; --headline-size: {}; --accent: #{}; --text: #{}; --embargo: #{}; \
         --logo-height: {}mm; --page-margin: {}mm {}mm {}mm {}mm; }}\n",
        family(&t.body_font),
        family(&t.heading_font),
        family(&t.complex_font),
        family(v.style.east_asian_font(&v.language)),
        px(t.body_size_pt),
        px(t.headline_size_pt),
        t.accent_color,
        t.text_color,
        t.embargo_color,
        t.logo_height_mm,
        m.top,
        m.right,
        m.bottom,
        m.left,
    )
}

/// `lead`: the first item is the lead paragraph, which carries the dateline.
fn events(items: &[Item], lead: bool) -> Vec<Ev<'_>> {
    let mut out = Vec::new();
    let mut open: Vec<bool> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !matches!(item, Item::ListItem { .. }) {
            close_to(&mut open, 0, &mut out);
        }
        match item {
            Item::Paragraph(runs) => {
                if i == 0 && lead {
                    out.push(Ev::Lead(runs));
                } else {
                    out.push(Ev::Para(runs));
                }
            }
            Item::Subheading(runs) => out.push(Ev::Subheading(runs)),
            Item::Quote { runs, speaker } => out.push(Ev::Quote(runs, speaker)),
            Item::Picture(p) => out.push(Ev::Picture(p)),
            Item::ListItem { path, runs, .. } => {
                let depth = path.len();
                if open.len() > depth {
                    close_to(&mut open, depth, &mut out);
                }
                if open.len() == depth && open.last() != path.last() {
                    close_to(&mut open, depth - 1, &mut out);
                }
                if open.len() == depth {
                    out.push(Ev::ItemEnd);
                }
                while open.len() < depth {
                    let ordered = path[open.len()];
                    out.push(Ev::Open(ordered));
                    open.push(ordered);
                }
                out.push(Ev::ItemStart(runs));
            }
        }
    }
    close_to(&mut open, 0, &mut out);
    out
}

/// Closes open lists (and their last items) until `depth` remain.
fn close_to(open: &mut Vec<bool>, depth: usize, out: &mut Vec<Ev<'_>>) {
    while open.len() > depth {
        out.push(Ev::ItemEnd);
        if let Some(o) = open.pop() {
            out.push(Ev::Close(o));
        }
    }
}

fn json_ld(v: &View, organization: &str, description: &str) -> String {
    let date_published = v
        .embargo_instant
        .clone()
        .unwrap_or_else(|| v.date_iso.clone());
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v.headline,
        "dateline": v.dateline_alone(),
        "datePublished": date_published,
        "inLanguage": v.language,
        "articleBody": v.body_text,
        "description": description,
    });
    if !v.subheadline.is_empty() {
        doc["alternativeHeadline"] = v.subheadline.clone().into();
    }
    if !v.city.is_empty() {
        doc["locationCreated"] = serde_json::json!({"@type": "Place", "name": v.city});
    }
    if !organization.is_empty() {
        doc["publisher"] = serde_json::json!({"@type": "Organization", "name": organization});
    }
    let s = doc.to_string();
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
