//! The TypeScript types in ui/src/lib/bindings/ are generated from the Rust
//! types that cross IPC, and `clearance.ts` from the clearance rules (labels,
//! which actions each status allows, which statuses are frozen), so the UI
//! shows the buttons the core will accept without a copy of the table. This
//! test fails when they drift; regenerate with `make bindings`
//! (UPDATE_BINDINGS=1 cargo test -p dateline-core --test bindings).

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
        review::Review,
        review::apply::ApplyRequest,
        review::apply::ApplyOutcome,
    );
    std::fs::write(dir.join("clearance.ts"), clearance_ts()).expect("clearance.ts");
}

/// The clearance rules as TypeScript constants, keyed by the same serde names
/// that cross IPC.
fn clearance_ts() -> String {
    use clearance::{actions_for, Action, Decision};
    use model::Status;
    fn name<T: serde::Serialize>(v: T) -> String {
        serde_json::to_string(&v).expect("a unit variant serializes")
    }
    fn record<T: Copy + serde::Serialize>(all: &[T], value: impl Fn(T) -> String) -> String {
        let rows: Vec<String> = all
            .iter()
            .map(|&k| format!("  {}: {},\n", name(k), value(k)))
            .collect();
        format!("{{\n{}}}", rows.concat())
    }
    let list = |xs: Vec<String>| format!("[{}]", xs.join(", "));
    let label = |s: &str| name(s);
    format!(
        "// Generated from crates/dateline-core/src/clearance.rs by `make bindings`. Do not edit.\n\
         import type {{ Action }} from './Action';\n\
         import type {{ Decision }} from './Decision';\n\
         import type {{ Status }} from './Status';\n\n\
         export const STATUS_LABEL: Record<Status, string> = {};\n\n\
         export const ACTION_LABEL: Record<Action, string> = {};\n\n\
         export const DECISION_LABEL: Record<Decision, string> = {};\n\n\
         /** The actions each status allows, in button order. */\n\
         export const ACTIONS_FOR: Record<Status, Action[]> = {};\n\n\
         /** Statuses whose text is frozen: editing starts a new draft. */\n\
         export const FROZEN: Status[] = {};\n",
        record(&Status::ALL, |s| label(s.label())),
        record(&Action::ALL, |a| label(a.label())),
        record(&Decision::ALL, |d| label(d.label())),
        record(&Status::ALL, |s| list(actions_for(s).into_iter().map(name).collect())),
        list(Status::ALL.into_iter().filter(|s| s.is_frozen()).map(name).collect()),
    )
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
