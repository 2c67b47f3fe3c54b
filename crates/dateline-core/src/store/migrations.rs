//! Schema migrations: the `.sql` files in `crates/dateline-core/migrations/`,
//! applied in order by rusqlite_migration, all pending ones in one
//! transaction, tracked in `PRAGMA user_version`.
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

/// The migrations, oldest first. Never edit a shipped file: add a new one.
const SQL: &[&str] = &[
    include_str!("../../migrations/001_releases.sql"),
    include_str!("../../migrations/002_search.sql"),
    include_str!("../../migrations/003_revision.sql"),
    include_str!("../../migrations/004_office_dictionary.sql"),
];

/// The schema version this build writes.
pub const LATEST: i64 = SQL.len() as i64;

fn migrations() -> Migrations<'static> {
    let last = SQL.len();
    SQL.iter()
        .enumerate()
        .map(|(i, sql)| {
            if i + 1 == last {
                M::up_with_hook(sql, rebuild_search)
            } else {
                M::up(sql)
            }
        })
        .collect()
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
