//! Property tests of the version history: whatever sequence of edits,
//! snapshots, clearance actions and restores happens, a version once
//! written never changes, numbers only grow, and a restore makes a new
//! version with the old text.

use dateline_core::clearance::Action;
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
    fn versions_never_change_and_restores_add_one(ops in prop::collection::vec(op(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(dir.path()).unwrap();
        let id = store.list(&ReleaseQuery::default()).unwrap()[0].id.clone();
        // Every version seen so far, as first read.
        let mut seen: Vec<Release> = Vec::new();
        for op in ops {
            match op {
                Op::Edit(text) => {
                    let mut r = store.get(&id).unwrap();
                    r.headline = text;
                    // Frozen releases refuse edits; that is the rule, not a failure.
                    let _ = store.save(&r);
                }
                Op::Snapshot => {
                    store.snapshot(&id, "test").unwrap();
                }
                Op::Act(a) => {
                    let _ = store.apply_action(&id, a);
                }
                Op::Restore(i) if !seen.is_empty() => {
                    let v = seen[i % seen.len()].clone();
                    let before = store.list_versions(&id).unwrap().len();
                    let restored = store.restore_version(&id, v.version).unwrap();
                    prop_assert_eq!(store.list_versions(&id).unwrap().len(), before + 1, "a restore adds one version");
                    prop_assert!(same_text(&restored, &v), "the restored text is the old version's");
                    prop_assert_eq!(restored.status, Status::Draft);
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
