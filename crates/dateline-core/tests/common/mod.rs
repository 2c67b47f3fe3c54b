//! Fixtures shared by the store, command-line and crash tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline_core::store::DB_FILE;
use dateline_core::Release;

/// A database as the first Dateline left it: schema version 1 (migration
/// 001 only, no search index) holding `releases`. Built from the shipped
/// 001 file rather than by rolling a current database back, so that it stays
/// a true version 1 whatever later migrations add.
pub fn schema_v1_db(dir: &Path, releases: &[Release]) -> PathBuf {
    let path = dir.join(DB_FILE);
    let mut c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(include_str!("../../migrations/001_releases.sql"))
        .unwrap();
    let tx = c.transaction().unwrap();
    for r in releases {
        tx.execute(
            "INSERT INTO releases (id, headline, type_label, language, status, dateline_date,
               version, created_at, updated_at, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            rusqlite::params![
                r.id,
                r.headline,
                r.type_label,
                r.language,
                r.status.as_str(),
                r.dateline.date,
                r.version,
                r.created_at,
                r.updated_at,
                serde_json::to_string(r).unwrap()
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    c.pragma_update(None, "user_version", 1).unwrap();
    path
}

/// `n` copies of the sample, each with its own id and a headline word
/// (`Kestrel<i>`) that no other release has.
pub fn numbered_releases(n: usize) -> Vec<Release> {
    (0..n)
        .map(|i| {
            let mut r = dateline_core::sample::release();
            r.id = format!("00000000-0000-4000-9000-{i:012}");
            r.headline = format!("Kestrel{i} wetlands survey");
            r
        })
        .collect()
}

/// The files in `dir` whose names contain `part`.
pub fn files_containing(dir: &Path, part: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect();
    v.sort();
    v
}

/// Runs the `dateline` command line on the data folder `data`.
pub fn dateline(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env("DATELINE_DATA_DIR", data)
        .args(args)
        .output()
        .expect("run dateline")
}
