//! Listing and full-text search of releases.
//!
//! Two FTS5 indexes, written in the same transaction as each save:
//! - `release_fts`, unicode61 with diacritics removed, one column per field
//!   group, for languages written with spaces between words;
//! - `release_fts_trigram`, the same text by trigrams, used when the query
//!   holds Chinese, Japanese or Korean characters. Queries shorter than three
//!   such characters fall back to a substring scan of that table.
//!
//! Snippets come back as typed parts (`{text, hit}`), never as HTML, so the
//! UI renders them as text.

use rusqlite::{params_from_iter, Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::model::{Release, Status};
use crate::store::ReleaseSummary;

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
        .contacts
        .iter()
        .map(|c| {
            [
                c.name.as_str(),
                &c.title,
                &c.organization,
                &c.email,
                &c.phone,
            ]
            .join(" ")
        })
        .collect();
    let people = people.join("\n");
    let notes = r.notes_to_editors.join("\n");
    let fields = [
        r.headline.as_str(),
        &format!("{}\n{}", r.subheadline, body),
        &people,
        &r.about,
        &notes,
        &format!("{} {}", r.reference, r.type_label),
        &r.dateline.city,
    ];
    conn.execute("DELETE FROM release_fts WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO release_fts (rowid, headline, body, people, about, notes, reference, city) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![rowid, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]],
    )?;
    conn.execute("DELETE FROM release_fts_trigram WHERE rowid = ?1", [rowid])?;
    let all = fields.join("\n");
    conn.execute(
        "INSERT INTO release_fts_trigram (rowid, text) VALUES (?1, ?2)",
        rusqlite::params![rowid, all],
    )?;
    Ok(())
}

/// Rebuilds both search indexes from the stored releases, in one transaction.
pub(crate) fn reindex_all(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM release_fts", [])?;
    tx.execute("DELETE FROM release_fts_trigram", [])?;
    let datas: Vec<String> = {
        let mut stmt = tx.prepare("SELECT data FROM releases")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for data in datas {
        let r: Release = serde_json::from_str(&data)
            .map_err(|e| crate::Error::Format(format!("stored release is unreadable: {e}")))?;
        index(&tx, &r)?;
    }
    tx.commit()?;
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
    let columns = "r.id, r.headline, r.type_label, r.language, r.status, r.dateline_date, r.version, r.updated_at";
    let order_plain = match q.sort {
        Sort::Date => "r.dateline_date DESC, r.updated_at DESC",
        Sort::Recent | Sort::Relevance => "r.updated_at DESC",
    };
    let limit = if q.limit == 0 { -1 } else { i64::from(q.limit) };

    let sql = if text.is_empty() {
        format!("SELECT {columns}, '' FROM releases r WHERE 1 = 1{filters} ORDER BY {order_plain} LIMIT {limit}")
    } else if text.chars().any(is_cjk) {
        let needle: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        args.push(Box::new(needle.clone()));
        let n = args.len();
        let snippet = "snippet(release_fts_trigram, 0, char(1), char(2), '…', 16)";
        let matcher = if needle.chars().count() >= 3 {
            format!("release_fts_trigram MATCH '\"' || replace(?{n}, '\"', '\"\"') || '\"'")
        } else {
            format!("release_fts_trigram.text LIKE '%' || ?{n} || '%'")
        };
        let order = match q.sort {
            Sort::Relevance => "rank".to_string(),
            _ => order_plain.to_string(),
        };
        format!(
            "SELECT {columns}, {snippet} FROM release_fts_trigram JOIN releases r ON r.rowid = release_fts_trigram.rowid
             WHERE {matcher}{filters} ORDER BY {order} LIMIT {limit}"
        )
    } else {
        let Some(fq) = fts_query(text) else {
            return Ok(vec![]);
        };
        args.push(Box::new(fq));
        let n = args.len();
        let order = match q.sort {
            Sort::Relevance => "bm25(release_fts, 10.0, 1.0, 3.0, 0.5, 0.5, 2.0, 2.0)".to_string(),
            _ => order_plain.to_string(),
        };
        format!(
            "SELECT {columns}, snippet(release_fts, -1, char(1), char(2), '…', 16) FROM release_fts JOIN releases r ON r.rowid = release_fts.rowid
             WHERE release_fts MATCH ?{n}{filters} ORDER BY {order} LIMIT {limit}"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter().map(|a| a.as_ref())), |row| {
        let status: String = row.get(4)?;
        let snippet: String = row.get(8)?;
        Ok(ReleaseSummary {
            id: row.get(0)?,
            headline: row.get(1)?,
            type_label: row.get(2)?,
            language: row.get(3)?,
            status: Status::parse(&status).unwrap_or(Status::Draft),
            dateline_date: row.get(5)?,
            version: row.get(6)?,
            updated_at: row.get(7)?,
            snippet: split_snippet(&snippet),
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
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
