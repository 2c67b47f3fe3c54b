//! The office dictionary: words the spelling check accepts in every
//! release, kept in the database (table `office_dictionary`, migration 004).

use rusqlite::{params, Connection};

use crate::error::{Error, Result};

/// A word as the dictionary keeps it: trimmed, one word, no spaces.
fn clean(word: &str) -> Result<&str> {
    let w = word.trim();
    if w.is_empty() || w.chars().any(char::is_whitespace) || w.chars().count() > 100 {
        return Err(Error::Invalid(format!(
            "\"{word}\" cannot go in the office dictionary: add one word at a time"
        )));
    }
    Ok(w)
}

/// Adds a word (adding it again changes nothing).
pub fn add(conn: &Connection, word: &str) -> Result<()> {
    let w = clean(word)?;
    conn.execute(
        "INSERT OR IGNORE INTO office_dictionary (key, word, added_at) VALUES (?1, ?2, ?3)",
        params![w.to_lowercase(), w, crate::store::now()],
    )?;
    Ok(())
}

/// Removes a word; false when it was not there.
pub fn remove(conn: &Connection, word: &str) -> Result<bool> {
    let w = clean(word)?;
    let n = conn.execute(
        "DELETE FROM office_dictionary WHERE key = ?1",
        params![w.to_lowercase()],
    )?;
    Ok(n > 0)
}

/// Every word, alphabetically.
pub fn list(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT word FROM office_dictionary ORDER BY key")?;
    let words = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(words)
}
