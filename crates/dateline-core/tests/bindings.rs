//! The TypeScript types in ui/src/lib/bindings/ are generated from the Rust
//! types that cross IPC, `clearance.ts` from the clearance rules (labels,
//! which actions each status allows, which statuses are frozen), so the UI
//! shows the buttons the core will accept without a copy of the table,
//! `styles.ts` from the house styles (names and end marks), and
//! `languages.ts` from the phrase tables (the languages offered and their
//! type labels), so the editor offers only languages the exports speak.
//! `clearance_scenarios.ts` holds sequences of clearance steps and what a real
//! [`store::Store`] answered to each; `ui/src/lib/mockBackend.test.ts` runs
//! the same steps against the UI's mock backend and must get the same
//! answers, so the mock cannot drift from the core. This test fails when any
//! of these files drift; regenerate with `make bindings`
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
        house_style::HouseStyle,
        house_style::StyleSummary,
        diff::ReleaseDiff,
        prefs::Preferences,
        embargo::EmbargoCheck,
        review::Review,
        review::apply::ApplyRequest,
        review::apply::ApplyOutcome,
        translation::SourceStatus,
        translation::LanguageLink,
        import::recognise::Recognised,
        import::batch::BatchReport,
        import::ImportError,
        import::ImportPreview,
        library::Library,
        library::Part,
        check::Finding,
        check::Report,
    );
    std::fs::write(dir.join("clearance.ts"), clearance_ts()).expect("clearance.ts");
    std::fs::write(dir.join("languages.ts"), languages_ts()).expect("languages.ts");
    std::fs::write(dir.join("styles.ts"), styles_ts()).expect("styles.ts");
    std::fs::write(dir.join("clearance_scenarios.ts"), scenarios_ts())
        .expect("clearance_scenarios.ts");
}

/// The built-in house styles and the end marks' printed text as TypeScript,
/// so the editor offers the styles and marks the exporters know.
fn styles_ts() -> String {
    fn q<T: serde::Serialize>(v: T) -> String {
        serde_json::to_string(&v).expect("a plain value serializes")
    }
    let styles: String = house_style::built_in()
        .iter()
        .map(|s| {
            let marks: Vec<String> = s.end_marks.iter().map(q).collect();
            format!(
                "  {{ id: {}, name: {}, end_marks: [{}] }},\n",
                q(&s.id),
                q(&s.name),
                marks.join(", ")
            )
        })
        .collect();
    let marks: String = model::EndMark::ALL
        .iter()
        .map(|m| format!("  {}: {},\n", q(m), q(m.text().unwrap_or(""))))
        .collect();
    format!(
        "// Generated from crates/dateline-core/src/house_style.rs by `make bindings`. Do not edit.\n\
         import type {{ EndMark }} from './EndMark';\n\n\
         /** The house style of a release that names none. */\n\
         export const DEFAULT_HOUSE_STYLE = {};\n\n\
         /** The built-in house styles; each style's end marks, its usual one first. */\n\
         export const HOUSE_STYLES: {{ id: string; name: string; end_marks: EndMark[] }}[] = [\n{styles}];\n\n\
         /** What each end mark prints (blank for none). */\n\
         export const END_MARK_TEXT: Record<EndMark, string> = {{\n{marks}}};\n",
        q(house_style::DEFAULT)
    )
}

/// The offered languages and every language's type labels as TypeScript.
fn languages_ts() -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let languages: String = labels::OFFERED
        .iter()
        .map(|(tag, name)| format!("  {{ tag: {}, name: {} }},\n", q(tag), q(name)))
        .collect();
    let type_labels: String = labels::PHRASES
        .iter()
        .map(|(primary, l)| {
            let list: Vec<String> = l.type_labels.iter().map(|t| q(t)).collect();
            format!("  {}: [{}],\n", q(primary), list.join(", "))
        })
        .collect();
    format!(
        "// Generated from crates/dateline-core/src/labels.rs by `make bindings`. Do not edit.\n\n\
         /** The language tags the editor offers, with their names; each has house phrases in the core. */\n\
         export const LANGUAGES: {{ tag: string; name: string }}[] = [\n{languages}];\n\n\
         /** The usual type labels by primary language subtag, in the same order in every language ({}). */\n\
         export const TYPE_LABELS: Record<string, string[]> = {{\n{type_labels}}};\n\n\
         /** Primary language subtags written right to left: the editor's fields run in that direction, as the exports do. */\n\
         export const RIGHT_TO_LEFT: string[] = [{}];\n",
        labels::TYPE_LABEL_MEANINGS.join(", "),
        labels::RIGHT_TO_LEFT.map(q).join(", ")
    )
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
         export const FROZEN: Status[] = {};\n\n\
         /** Statuses a final export (no DRAFT mark) is allowed from. */\n\
         export const FINAL_EXPORT: Status[] = {};\n\n\
         /** The status each allowed action leads to. */\n\
         export const TRANSITIONS: Record<Status, Partial<Record<Action, Status>>> = {};\n\n\
         /** Actions that also need a reviewer's \"cleared\" entry for exactly the current text. */\n\
         export const NEEDS_CLEARANCE: Action[] = {};\n",
        record(&Status::ALL, |s| label(s.label())),
        record(&Action::ALL, |a| label(a.label())),
        record(&Decision::ALL, |d| label(d.label())),
        record(&Status::ALL, |s| list(actions_for(s).into_iter().map(name).collect())),
        list(Status::ALL.into_iter().filter(|s| s.is_frozen()).map(name).collect()),
        list(
            Status::ALL
                .into_iter()
                .filter(|s| dateline_core::export::final_allowed(*s))
                .map(name)
                .collect()
        ),
        record(&Status::ALL, |s| {
            let pairs: Vec<String> = actions_for(s)
                .into_iter()
                .filter_map(|a| clearance::allowed(s, a).map(|to| format!("{}: {}", name(a), name(to))))
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }),
        list(
            Action::ALL
                .into_iter()
                .filter(|a| clearance::needs_clearance(*a))
                .map(name)
                .collect()
        ),
    )
}

/// One step of a clearance scenario, as the UI test reads it.
#[derive(serde::Serialize)]
#[serde(tag = "do", rename_all = "snake_case")]
enum Step {
    Act {
        action: clearance::Action,
    },
    /// Save the release with this headline (an autosave).
    Edit {
        headline: &'static str,
    },
    /// A reviewer's entry, for `version` or else the current version.
    Review {
        decision: clearance::Decision,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
    },
    Restore {
        version: u32,
    },
}

/// What the store answered: the release's status and version after the
/// step, or the error code.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Outcome {
    Done { status: model::Status, version: u32 },
    Refused { error: ErrorCode },
}

fn scenario_table() -> Vec<(&'static str, Vec<Step>)> {
    use clearance::{Action::*, Decision};
    let act = |action| Step::Act { action };
    let review = |decision| Step::Review {
        decision,
        version: None,
    };
    let edit = |headline| Step::Edit { headline };
    vec![
        (
            "mark cleared straight after sending is refused",
            vec![act(SendForClearance), act(MarkCleared)],
        ),
        (
            "a reviewer's cleared entry allows mark cleared",
            vec![
                act(SendForClearance),
                review(Decision::Cleared),
                act(MarkCleared),
                act(Publish),
            ],
        ),
        (
            "changes requested or a comment does not clear",
            vec![
                act(SendForClearance),
                review(Decision::ChangesRequested),
                review(Decision::Comment),
                act(MarkCleared),
            ],
        ),
        (
            "an edit after clearance makes the entry stale",
            vec![
                act(SendForClearance),
                review(Decision::Cleared),
                edit("Changed after clearance"),
                act(MarkCleared),
                act(SendForClearance),
                review(Decision::Cleared),
                act(MarkCleared),
            ],
        ),
        (
            "resending unchanged text keeps the entry current",
            vec![
                act(SendForClearance),
                review(Decision::Cleared),
                act(SendForClearance),
                act(MarkCleared),
            ],
        ),
        (
            "cleared text is frozen until a new draft",
            vec![
                act(SendForClearance),
                review(Decision::Cleared),
                act(MarkCleared),
                edit("Edited while cleared"),
                act(Publish),
                edit("Edited while published"),
                act(NewDraft),
                edit("Edited in the new draft"),
            ],
        ),
        (
            "a draft allows only sending",
            vec![
                act(Publish),
                act(MarkCleared),
                act(Withdraw),
                act(NewDraft),
                act(SendForClearance),
            ],
        ),
        (
            "withdrawn, then a new draft",
            vec![
                act(SendForClearance),
                act(Withdraw),
                act(Publish),
                act(SendForClearance),
                act(NewDraft),
                act(SendForClearance),
            ],
        ),
        (
            "a restore is a new draft version",
            vec![
                edit("First text"),
                act(SendForClearance),
                edit("Second text"),
                act(SendForClearance),
                review(Decision::Cleared),
                Step::Restore { version: 1 },
                act(MarkCleared),
                act(SendForClearance),
                act(MarkCleared),
                Step::Restore { version: 9 },
            ],
        ),
        (
            "a review of a version that does not exist is refused",
            vec![
                Step::Review {
                    decision: Decision::Cleared,
                    version: Some(3),
                },
                act(SendForClearance),
                Step::Review {
                    decision: Decision::Cleared,
                    version: Some(1),
                },
            ],
        ),
    ]
}

/// Runs one scenario on a fresh release in a real store.
fn run_scenario(store: &mut store::Store, id: &str, steps: &[Step]) -> (Vec<Outcome>, Vec<bool>) {
    let r = model::Release::new_draft(id.to_string(), "2026-05-14T08:00:00Z", "2026-05-14");
    store.insert(&r).expect("insert");
    let mut outcomes = Vec::new();
    for step in steps {
        let done: dateline_core::Result<()> = match step {
            Step::Act { action } => store.apply_action(id, *action).map(drop),
            Step::Edit { headline } => store.get(id).and_then(|mut r| {
                r.headline = headline.to_string();
                store.save(&r).map(drop)
            }),
            Step::Review { decision, version } => store.get(id).and_then(|r| {
                let entry = clearance::NewClearanceEntry {
                    version: version.unwrap_or(r.version),
                    reviewer: "Dana Reviewer".into(),
                    role: "Legal".into(),
                    decision: *decision,
                    note: String::new(),
                };
                store.add_clearance_entry(id, &entry).map(drop)
            }),
            Step::Restore { version } => store.restore_version(id, *version).map(drop),
        };
        outcomes.push(match done {
            Ok(()) => {
                let r = store.get(id).expect("reload");
                Outcome::Done {
                    status: r.status,
                    version: r.version,
                }
            }
            Err(e) => Outcome::Refused { error: e.code() },
        });
    }
    let stale = store
        .clearance_log(id)
        .expect("log")
        .iter()
        .map(|e| e.stale)
        .collect();
    (outcomes, stale)
}

/// The scenario table with the real store's answers, as TypeScript.
fn scenarios_ts() -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _) = store::Store::open(dir.path()).expect("open store");
    // One line per step and its answer, so that a change in the core shows
    // up in review as the step whose answer changed.
    fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
        serde_json::to_string(v).expect("a scenario serializes")
    }
    let mut rows = String::new();
    for (i, (name, steps)) in scenario_table().into_iter().enumerate() {
        let (outcomes, stale) = run_scenario(&mut store, &format!("scenario-{i}"), &steps);
        let lines = |xs: Vec<String>| {
            xs.iter()
                .map(|x| format!("      {x},\n"))
                .collect::<String>()
        };
        rows.push_str(&format!(
            "  {{\n    name: {},\n    steps: [\n{}    ],\n    outcomes: [\n{}    ],\n    stale: {},\n  }},\n",
            json(name),
            lines(steps.iter().map(json).collect()),
            lines(outcomes.iter().map(json).collect()),
            json(&stale),
        ));
    }
    format!(
        "// Generated by crates/dateline-core/tests/bindings.rs from a real Store (`make bindings`). Do not edit.\n\
         import type {{ Action }} from './Action';\n\
         import type {{ Decision }} from './Decision';\n\
         import type {{ ErrorCode }} from './ErrorCode';\n\
         import type {{ Status }} from './Status';\n\n\
         export type ScenarioStep =\n\
         \x20 | {{ do: 'act'; action: Action }}\n\
         \x20 | {{ do: 'edit'; headline: string }}\n\
         \x20 | {{ do: 'review'; decision: Decision; version?: number }}\n\
         \x20 | {{ do: 'restore'; version: number }};\n\n\
         export type ScenarioOutcome = {{ status: Status; version: number }} | {{ error: ErrorCode }};\n\n\
         export type Scenario = {{ name: string; steps: ScenarioStep[]; outcomes: ScenarioOutcome[]; stale: boolean[] }};\n\n\
         /** Clearance step sequences and what the core's Store answered to each step. */\n\
         export const SCENARIOS: Scenario[] = [\n{rows}];\n"
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
