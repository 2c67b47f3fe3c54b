//! Listing and full-text search of releases.
//!
//! Two FTS5 indexes, written in the same transaction as each save:
//! - `release_fts`, unicode61 with diacritics removed, one column per field
//!   group, for languages written with spaces between words;
//! - `release_fts_cjk`, for Chinese, Japanese and Korean, which have no
//!   spaces: every pair of adjacent characters is a token (`bi`), and every
//!   single character too (`uni`). A one-character query is a `uni` token, a
//!   longer one a phrase of consecutive pairs, so every query is an index
//!   lookup, whatever its length. (A trigram index cannot answer queries
//!   shorter than three characters, and two-character words are the commonest
//!   in Chinese.)
//!
//! Rows are selected, ordered and limited first; snippets are made only for
//! the rows returned. Snippets come back as typed parts (`{text, hit}`),
//! never as HTML, so the UI renders them as text.

use rusqlite::{params_from_iter, Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::model::{Release, Status};
use crate::store::ReleaseSummary;

/// How many matches the app's search shows (and makes snippets for).
pub const SEARCH_LIMIT: u32 = 200;

/// What the release list asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReleaseQuery {
    /// Words to find in any field; empty lists everything.
    pub text: String,
    #[ts(optional)]
    pub status: Option<Status>,
    #[ts(optional)]
    pub language: Option<String>,
    #[ts(optional)]
    pub type_label: Option<String>,
    /// Dateline date range, inclusive, "YYYY-MM-DD".
    #[ts(optional)]
    pub date_from: Option<String>,
    #[ts(optional)]
    pub date_to: Option<String>,
    pub sort: Sort,
    /// At most this many rows; 0 means no limit.
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (falls back to Recent without search words).
    Relevance,
    /// Most recently edited first.
    #[default]
    Recent,
    /// Latest dateline date first.
    Date,
}

/// A piece of a snippet; `hit` parts matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

const HIT_START: char = '\u{1}';
const HIT_END: char = '\u{2}';

/// Rewrites the search entries of one release (rowid = the release's rowid).
pub(crate) fn index(conn: &Connection, r: &Release) -> Result<()> {
    let rowid: i64 =
        conn.query_row("SELECT rowid FROM releases WHERE id = ?1", [&r.id], |row| {
            row.get(0)
        })?;
    let body = r.body_plain_text();
    let people: Vec<String> = r
        .contact_groups
        .iter()
        .flat_map(|g| {
            std::iter::once(g.heading.clone()).chain(g.contacts.iter().map(|c| {
                [
                    c.name.as_str(),
                    &c.title,
                    &c.organization,
                    &c.email,
                    &c.phone,
                    &c.url,
                ]
                .join(" ")
            }))
        })
        .collect();
    let people = people.join("\n");
    let about = r
        .about
        .iter()
        .map(|a| format!("{}\n{}", a.heading, a.text))
        .collect::<Vec<_>>()
        .join("\n");
    let notes = crate::model::blocks_plain_text(&r.notes_to_editors);
    let fields = [
        r.headline.as_str(),
        &format!("{}\n{}", r.subheadline, body),
        &people,
        &about,
        &notes,
        &format!("{} {}", r.reference, r.type_label),
        &r.dateline.city,
    ];
    conn.execute("DELETE FROM release_fts WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO release_fts (rowid, headline, body, people, about, notes, reference, city) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![rowid, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]],
    )?;
    conn.execute("DELETE FROM release_fts_cjk WHERE rowid = ?1", [rowid])?;
    let (bi, uni) = cjk_tokens(&fields.join("\n"));
    if !uni.is_empty() {
        conn.execute(
            "INSERT INTO release_fts_cjk (rowid, bi, uni) VALUES (?1, ?2, ?3)",
            rusqlite::params![rowid, bi, uni],
        )?;
    }
    Ok(())
}

/// The CJK text of a release as space-separated pairs and single characters.
/// Runs of CJK characters are separated by an "x" token, so that a phrase
/// of pairs never spans two runs.
fn cjk_tokens(text: &str) -> (String, String) {
    let mut bi = String::new();
    let mut uni = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if is_cjk(c) {
            if let Some(p) = prev {
                bi.extend([p, c, ' ']);
            }
            uni.extend([c, ' ']);
            prev = Some(c);
        } else if prev.take().is_some() {
            bi.push_str("x ");
        }
    }
    (bi, uni)
}

/// The FTS5 query for CJK characters in `text`, or `None` if it has none.
fn cjk_query(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().filter(|c| is_cjk(*c)).collect();
    match chars.len() {
        0 => None,
        1 => Some(format!("uni : \"{}\"", chars[0])),
        _ => Some(format!(
            "bi : \"{}\"",
            chars
                .windows(2)
                .map(|w| w.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        )),
    }
}

/// Rebuilds both search indexes from the stored releases. Runs inside the
/// caller's transaction (the migration's), so it commits with it or not at all.
pub(crate) fn reindex_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM release_fts", [])?;
    conn.execute("DELETE FROM release_fts_cjk", [])?;
    let datas: Vec<String> = {
        let mut stmt = conn.prepare("SELECT data FROM releases")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let half = datas.len() / 2;
    for (i, data) in datas.into_iter().enumerate() {
        if i == half {
            crate::store::fault_point("reindex");
        }
        let r: Release = crate::file_format::stored_from_str(&data)
            .map_err(|e| crate::Error::Format(format!("stored release is unreadable: {e}")))?;
        index(conn, &r)?;
    }
    Ok(())
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Quotes each word for FTS5 so that operators typed by the user are plain
/// text; the last word is a prefix, so results follow typing.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut q = words.join(" ");
    q.push('*');
    Some(q)
}

/// Runs a list or search query.
pub(crate) fn run(conn: &Connection, q: &ReleaseQuery) -> Result<Vec<ReleaseSummary>> {
    let text = q.text.trim();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut filters = String::new();
    if let Some(s) = q.status {
        args.push(Box::new(s.as_str()));
        filters.push_str(&format!(" AND r.status = ?{}", args.len()));
    }
    if let Some(l) = q.language.as_ref().filter(|l| !l.is_empty()) {
        args.push(Box::new(l.clone()));
        filters.push_str(&format!(
            " AND (r.language = ?{n} OR r.language LIKE ?{n} || '-%')",
            n = args.len()
        ));
    }
    if let Some(t) = q.type_label.as_ref().filter(|t| !t.is_empty()) {
        args.push(Box::new(t.clone()));
        filters.push_str(&format!(" AND r.type_label = ?{}", args.len()));
    }
    if let Some(d) = q.date_from.as_ref().filter(|d| !d.is_empty()) {
        args.push(Box::new(d.clone()));
        filters.push_str(&format!(" AND r.dateline_date >= ?{}", args.len()));
    }
    if let Some(d) = q.date_to.as_ref().filter(|d| !d.is_empty()) {
        args.push(Box::new(d.clone()));
        filters.push_str(&format!(" AND r.dateline_date <= ?{}", args.len()));
    }
    let columns = "r.rowid, r.id, r.headline, r.type_label, r.language, r.status, r.dateline_date, r.version, r.updated_at";
    let order_plain = match q.sort {
        Sort::Date => "r.dateline_date DESC, r.updated_at DESC",
        Sort::Recent | Sort::Relevance => "r.updated_at DESC",
    };
    let limit = if q.limit == 0 { -1 } else { i64::from(q.limit) };

    enum Hits {
        None,
        Words(String),
        Cjk(String),
    }
    let (sql, hits) = if text.is_empty() {
        (format!("SELECT {columns} FROM releases r WHERE 1 = 1{filters} ORDER BY {order_plain} LIMIT {limit}"), Hits::None)
    } else if let Some(cq) = cjk_query(text) {
        args.push(Box::new(cq));
        let n = args.len();
        let needle: String = text.chars().filter(|c| is_cjk(*c)).collect();
        let sql = match q.sort {
            Sort::Recent => recent_matches(columns, "release_fts_cjk", n, &filters, limit),
            Sort::Relevance | Sort::Date => {
                let order = if q.sort == Sort::Relevance {
                    "release_fts_cjk.rank"
                } else {
                    order_plain
                };
                format!(
                    "SELECT {columns} FROM release_fts_cjk JOIN releases r ON r.rowid = release_fts_cjk.rowid
                     WHERE release_fts_cjk MATCH ?{n}{filters} ORDER BY {order} LIMIT {limit}"
                )
            }
        };
        (sql, Hits::Cjk(needle))
    } else {
        let Some(fq) = fts_query(text) else {
            return Ok(vec![]);
        };
        args.push(Box::new(fq.clone()));
        let n = args.len();
        let sql = match q.sort {
            Sort::Relevance => format!(
                "SELECT {columns} FROM release_fts JOIN releases r ON r.rowid = release_fts.rowid
                 WHERE release_fts MATCH ?{n}{filters}
                 ORDER BY bm25(release_fts, 10.0, 1.0, 3.0, 0.5, 0.5, 2.0, 2.0) LIMIT {limit}"
            ),
            Sort::Recent => recent_matches(columns, "release_fts", n, &filters, limit),
            Sort::Date => format!(
                "SELECT {columns} FROM release_fts JOIN releases r ON r.rowid = release_fts.rowid
                 WHERE release_fts MATCH ?{n}{filters} ORDER BY {order_plain} LIMIT {limit}"
            ),
        };
        (sql, Hits::Words(fq))
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter().map(|a| a.as_ref())), |row| {
        let status: String = row.get(5)?;
        Ok((
            row.get::<_, i64>(0)?,
            ReleaseSummary {
                id: row.get(1)?,
                headline: row.get(2)?,
                type_label: row.get(3)?,
                language: row.get(4)?,
                status: Status::parse(&status).unwrap_or(Status::Draft),
                dateline_date: row.get(6)?,
                version: row.get(7)?,
                updated_at: row.get(8)?,
                snippet: vec![],
            },
        ))
    })?;
    let mut rows = rows.collect::<std::result::Result<Vec<_>, _>>()?;
    match hits {
        Hits::None => {}
        Hits::Words(fq) => {
            let snippets = snippets(
                conn,
                "SELECT rowid, snippet(release_fts, -1, char(1), char(2), '…', 16) FROM release_fts
                 WHERE release_fts MATCH ?1 AND +rowid IN (SELECT value FROM json_each(?2))",
                &fq,
                &rows,
            )?;
            for (rowid, summary) in &mut rows {
                if let Some(s) = snippets.get(rowid) {
                    summary.snippet = split_snippet(s);
                }
            }
        }
        Hits::Cjk(needle) => {
            let texts = snippets(
                conn,
                "SELECT rowid, headline || char(10) || body FROM release_fts
                 WHERE ?1 <> '' AND rowid IN (SELECT value FROM json_each(?2))",
                "cjk",
                &rows,
            )?;
            for (rowid, summary) in &mut rows {
                if let Some(t) = texts.get(rowid) {
                    summary.snippet = cut_around(t, &needle);
                }
            }
        }
    }
    Ok(rows.into_iter().map(|(_, s)| s).collect())
}

/// The newest matches of full-text query `?n` in `fts`. The releases are
/// walked newest first on the `updated_at` index, keeping those whose rowid
/// the index matched, until `limit` are found: a common word or a first
/// letter matches most releases, and joining every match to its row to sort
/// them read one table page per match (7,682 pages for "g" at 10,000
/// releases: 12 ms of the 17). Here only the rows returned are read.
fn recent_matches(columns: &str, fts: &str, n: usize, filters: &str, limit: i64) -> String {
    format!(
        "SELECT {columns} FROM releases r INDEXED BY releases_by_updated
         WHERE r.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?{n}){filters}
         ORDER BY r.updated_at DESC LIMIT {limit}"
    )
}

/// Runs a per-row text query for the returned rows only. The `+rowid` in
/// the queries keeps SQLite from driving the full-text query once per id
/// (quadratic); instead the matches are walked once and filtered.
fn snippets(
    conn: &Connection,
    sql: &str,
    query: &str,
    rows: &[(i64, ReleaseSummary)],
) -> Result<std::collections::HashMap<i64, String>> {
    if rows.is_empty() {
        return Ok(Default::default());
    }
    let ids = serde_json::to_string(&rows.iter().map(|(id, _)| *id).collect::<Vec<_>>())
        .map_err(|e| crate::Error::Format(e.to_string()))?;
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt
        .query_map(rusqlite::params![query, ids], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(out)
}

/// A snippet of about 40 characters around the first occurrence of `needle`.
fn cut_around(text: &str, needle: &str) -> Vec<SnippetPart> {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let Some(at) = flat.find(needle) else {
        return vec![];
    };
    let before: String = flat[..at]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = flat[at + needle.len()..].chars().take(20).collect();
    let mut parts = vec![];
    if !before.is_empty() {
        parts.push(SnippetPart {
            text: format!("…{before}"),
            hit: false,
        });
    }
    parts.push(SnippetPart {
        text: needle.to_string(),
        hit: true,
    });
    if !after.is_empty() {
        parts.push(SnippetPart {
            text: format!("{after}…"),
            hit: false,
        });
    }
    parts
}

fn split_snippet(s: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut cur = String::new();
    for c in s.chars() {
        if c == HIT_START || c == HIT_END {
            if !cur.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut cur),
                    hit,
                });
            }
            hit = c == HIT_START;
        } else {
            cur.push(if c == '\n' { ' ' } else { c });
        }
    }
    if !cur.is_empty() {
        parts.push(SnippetPart { text: cur, hit });
    }
    parts
}
