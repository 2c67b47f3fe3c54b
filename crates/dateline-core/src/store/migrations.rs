//! Schema migrations: the `.sql` files in `crates/dateline-core/migrations/`,
//! applied in order, each in a transaction, tracked in `PRAGMA user_version`
//! by rusqlite_migration.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/001_releases.sql")),
    M::up(include_str!("../../migrations/002_search.sql")),
    M::up(include_str!("../../migrations/003_revision.sql")),
];

/// The schema version this build writes.
pub const LATEST: i64 = STEPS.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
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
