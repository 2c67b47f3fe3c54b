//! Schema migrations: the `.sql` files in `crates/dateline-core/migrations/`,
//! applied in order by rusqlite_migration, all pending ones in one
//! transaction, tracked in `PRAGMA user_version`.
//!
//! The migration to the release model v2 (`007`) has a hook too, which
//! converts the stored working copies ([`to_model_v2`]).
//!
//! The search indexes are rebuilt from the releases by a hook on the last
//! migration, so the rebuild commits or rolls back with the schema change: a
//! crash cannot leave an upgraded database with an empty index.
//!
//! rusqlite_migration reads `user_version` before it opens its transaction,
//! so two processes can both see an old version and both run the same
//! migration ("table releases already exists"). Callers therefore hold the
//! start-up lock ([`super::lock`]) across [`pending`] and [`apply`].

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, Migrations, M};

use crate::error::{Error, Result};

const MODEL_V2: &str = include_str!("../../migrations/007_release_model_v2.sql");

/// The migrations, oldest first. Never edit a shipped file: add a new one.
const SQL: &[&str] = &[
    include_str!("../../migrations/001_releases.sql"),
    include_str!("../../migrations/002_search.sql"),
    include_str!("../../migrations/003_revision.sql"),
    include_str!("../../migrations/004_office_dictionary.sql"),
    include_str!("../../migrations/005_search_prefix.sql"),
    include_str!("../../migrations/006_house_styles.sql"),
    MODEL_V2,
    include_str!("../../migrations/008_language_links.sql"),
];

/// The schema version this build writes.
pub const LATEST: i64 = SQL.len() as i64;

fn migrations() -> Migrations<'static> {
    let last = SQL.len();
    SQL.iter()
        .enumerate()
        .map(|(i, sql)| match (*sql == MODEL_V2, i + 1 == last) {
            (true, true) => M::up_with_hook(sql, |tx: &Transaction| {
                to_model_v2(tx)?;
                rebuild_search(tx)
            }),
            (true, false) => M::up_with_hook(sql, to_model_v2),
            (false, true) => M::up_with_hook(sql, rebuild_search),
            (false, false) => M::up(sql),
        })
        .collect()
}

/// Rewrites every working copy stored in the version 1 JSON shape in the
/// current one (see `007_release_model_v2.sql`). A row that reads in
/// neither shape is left as it was: it was unreadable before, and one bad
/// row must not keep the whole database from opening.
fn to_model_v2(tx: &Transaction) -> HookResult {
    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT id, data FROM releases")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for (id, data) in rows {
        if serde_json::from_str::<crate::model::Release>(&data).is_ok() {
            continue;
        }
        let Ok(release) = crate::file_format::stored_from_str(&data) else {
            continue;
        };
        let json = serde_json::to_string(&release).map_err(|e| HookError::Hook(e.to_string()))?;
        tx.execute(
            "UPDATE releases SET data = ?1 WHERE id = ?2",
            rusqlite::params![json, id],
        )?;
    }
    Ok(())
}

/// Runs inside the migration transaction, after the last migration's SQL.
fn rebuild_search(tx: &Transaction) -> HookResult {
    super::fault_point("migration");
    crate::search::reindex_all(tx).map_err(|e| match e {
        Error::Database(e) => HookError::RusqliteError(e),
        other => HookError::Hook(other.to_string()),
    })
}

pub fn pending(conn: &Connection) -> Result<bool> {
    migrations()
        .pending_migrations(conn)
        .map(|n| n > 0)
        .map_err(|e| Error::Invalid(format!("could not read the schema version: {e}")))
}

pub fn apply(conn: &mut Connection) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| Error::Invalid(format!("could not upgrade the database: {e}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
