//! Property tests of the version history: whatever sequence of edits,
//! snapshots, clearance actions and restores happens, a version once
//! written never changes, numbers only grow, and a restore makes a new
//! version with the old text.
//!
//! Every operation's result is checked: an error is allowed only where the
//! rules predict it (editing frozen text, a transition the table refuses,
//! "Mark cleared" with no reviewer's clearance), with that error's code;
//! anything else fails the test.

use dateline_core::clearance::{allowed, Action};
use dateline_core::search::ReleaseQuery;
use dateline_core::store::Store;
use dateline_core::versions::same_text;
use dateline_core::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Edit(String),
    Snapshot,
    Act(Action),
    Restore(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<String>().prop_map(Op::Edit),
        1 => Just(Op::Snapshot),
        2 => prop::sample::select(Action::ALL.to_vec()).prop_map(Op::Act),
        1 => any::<usize>().prop_map(Op::Restore),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
        .min(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn versions_never_change_and_restores_keep_the_text_they_replace(ops in prop::collection::vec(op(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let id = store.list(&ReleaseQuery::default()).unwrap()[0].id.clone();
        // Every version seen so far, as first read.
        let mut seen: Vec<Release> = Vec::new();
        for op in ops {
            match op {
                Op::Edit(text) => {
                    let mut r = store.get(&id).unwrap();
                    let frozen = r.status.is_frozen();
                    r.headline = text;
                    match store.save(&r) {
                        Ok(ack) => {
                            prop_assert!(!frozen, "a {:?} release took an edit", r.status);
                            prop_assert_eq!(ack.revision, store.get(&id).unwrap().revision);
                        }
                        Err(e) => prop_assert!(
                            frozen && e.code() == ErrorCode::Frozen,
                            "unexpected save error on {:?}: {:?} {}", r.status, e.code(), e
                        ),
                    }
                }
                Op::Snapshot => {
                    store.snapshot(&id, "test").unwrap();
                }
                Op::Act(a) => {
                    let before = store.get(&id).unwrap();
                    let to = allowed(before.status, a);
                    // No reviewer entry is ever added, so "Mark cleared" is
                    // always refused; a release that would not export cannot
                    // be sent, cleared or published.
                    let sends = matches!(a, Action::SendForClearance | Action::MarkCleared | Action::Publish);
                    let invalid = sends && validate::for_export(&before).is_err();
                    match store.apply_action(&id, a) {
                        Ok(after) => {
                            prop_assert!(to.is_some() && a != Action::MarkCleared && !invalid, "{:?} on {:?} was applied", a, before.status);
                            prop_assert_eq!(Some(after.status), to);
                            prop_assert_eq!(&after, &store.get(&id).unwrap(), "the returned release is the stored one");
                        }
                        Err(e) => {
                            let expected = if to.is_none() || a == Action::MarkCleared {
                                ErrorCode::Transition
                            } else if invalid {
                                ErrorCode::Invalid
                            } else {
                                return Err(TestCaseError::fail(format!("{a:?} on {:?} failed: {e}", before.status)));
                            };
                            prop_assert_eq!(e.code(), expected, "{:?} on {:?}: {}", a, before.status, e);
                            prop_assert_eq!(&before, &store.get(&id).unwrap(), "a refused action changes nothing");
                        }
                    }
                }
                Op::Restore(i) if !seen.is_empty() => {
                    let v = seen[i % seen.len()].clone();
                    let current = store.get(&id).unwrap();
                    let before = store.list_versions(&id).unwrap().len();
                    // Text changed since the latest version is kept as a
                    // version of its own before the restore replaces it.
                    let unsaved = before == 0
                        || !same_text(&current, &store.get_version(&id, before as u32).unwrap());
                    match store.restore_version(&id, v.version) {
                        Ok(restored) => {
                            prop_assert!(!current.status.is_frozen(), "restored over {:?} text", current.status);
                            let added = 1 + usize::from(unsaved);
                            prop_assert_eq!(store.list_versions(&id).unwrap().len(), before + added, "a restore adds one version, and one for unsaved text");
                            if unsaved {
                                let kept = store.get_version(&id, before as u32 + 1).unwrap();
                                prop_assert!(same_text(&kept, &current), "the text before the restore is kept");
                            }
                            prop_assert!(same_text(&restored, &v), "the restored text is the old version's");
                            prop_assert_eq!(restored.status, current.status, "a restore keeps the status");
                            prop_assert_eq!(&restored, &store.get(&id).unwrap());
                        }
                        Err(e) => {
                            prop_assert!(current.status.is_frozen() && e.code() == ErrorCode::Frozen, "unexpected restore error on {:?}: {}", current.status, e);
                            prop_assert_eq!(store.list_versions(&id).unwrap().len(), before, "a refused restore adds nothing");
                        }
                    }
                }
                Op::Restore(_) => {}
            }
            let listed = store.list_versions(&id).unwrap();
            let numbers: Vec<u32> = listed.iter().rev().map(|v| v.version).collect();
            prop_assert_eq!(numbers.clone(), (1..=numbers.len() as u32).collect::<Vec<_>>(), "versions are 1..=n");
            for old in &seen {
                prop_assert_eq!(&store.get_version(&id, old.version).unwrap(), old, "version {} changed", old.version);
            }
            for n in numbers.into_iter().skip(seen.len()) {
                seen.push(store.get_version(&id, n).unwrap());
            }
        }
    }
}
