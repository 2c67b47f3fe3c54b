//! The TypeScript types in ui/src/lib/bindings/ are generated from the Rust
//! types that cross IPC. This test fails when they drift; regenerate with
//! `make bindings` (UPDATE_BINDINGS=1 cargo test -p dateline-core --test bindings).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dateline_core::*;
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    macro_rules! all {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg).expect(stringify!($t)); )* };
    }
    all!(
        model::Release,
        error::ErrorInfo,
        store::ReleaseSummary,
        store::SaveAck,
        store::OpenReport,
        store::backup::BackupInfo,
        search::ReleaseQuery,
        export::ExportFormat,
        export::ExportMode,
        export::Paper,
        ipc::StartupState,
        ipc::Preview,
        ipc::ExportOutcome,
        ipc::ActionOutcome,
        clearance::Action,
        clearance::Decision,
        clearance::NewClearanceEntry,
        clearance::ClearanceEntry,
        versions::VersionSummary,
        diff::ReleaseDiff,
        prefs::Preferences,
    );
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "ts") {
            out.insert(
                e.file_name().to_string_lossy().into(),
                std::fs::read_to_string(&p).unwrap(),
            );
        }
    }
    out
}

#[test]
fn bindings_are_current() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        export_all(&committed);
        return;
    }
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    let want = read_dir(fresh.path());
    let have = read_dir(&committed);
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        have.keys().collect::<Vec<_>>(),
        "binding files differ; run `make bindings`"
    );
    for (name, text) in &want {
        assert_eq!(
            Some(text),
            have.get(name),
            "{name} is out of date; run `make bindings`"
        );
    }
}
