//! Clearance: the status rules, the transitions, and the clearance log.
//!
//! Statuses move only through [`Action`]s, checked against one table
//! ([`allowed`]); anything else is refused with a message naming the action
//! and the status. Every transition snapshots the release, and the log
//! records who decided what about which exact version.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Release, Status};
use crate::store::{self, Store};
use crate::versions::{self, same_text};

/// A clearance command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    SendForClearance,
    MarkCleared,
    Publish,
    Withdraw,
    /// Starts a new draft version from frozen or withdrawn text.
    NewDraft,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::SendForClearance,
        Action::MarkCleared,
        Action::Publish,
        Action::Withdraw,
        Action::NewDraft,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Action::SendForClearance => "Send for clearance",
            Action::MarkCleared => "Mark cleared",
            Action::Publish => "Publish",
            Action::Withdraw => "Withdraw",
            Action::NewDraft => "Start new draft",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SendForClearance => "send_for_clearance",
            Action::MarkCleared => "mark_cleared",
            Action::Publish => "publish",
            Action::Withdraw => "withdraw",
            Action::NewDraft => "new_draft",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        let s = s.replace('-', "_");
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Reason recorded on the snapshot the action takes.
    fn reason(self) -> &'static str {
        match self {
            Action::SendForClearance => "sent for clearance",
            Action::MarkCleared => "cleared",
            Action::Publish => "published",
            Action::Withdraw => "withdrawn",
            Action::NewDraft => "new draft",
        }
    }
}

/// The transition table: the status an action leads to from a status, or
/// `None` when the action is not allowed there.
pub fn allowed(from: Status, action: Action) -> Option<Status> {
    use Action::*;
    use Status::*;
    match (from, action) {
        (Draft | InClearance, SendForClearance) => Some(InClearance),
        (InClearance, MarkCleared) => Some(Cleared),
        (Cleared, Publish) => Some(Published),
        (InClearance | Cleared | Published, Withdraw) => Some(Withdrawn),
        (InClearance | Cleared | Published | Withdrawn, NewDraft) => Some(Draft),
        _ => None,
    }
}

/// The editing rule: text may change (by a save or a restore) only where
/// it is not frozen ([`Status::is_frozen`]: cleared, published, withdrawn).
/// Frozen text changes only through "Start new draft" ([`Action::NewDraft`]),
/// which the table allows from each frozen status.
pub fn require_editable(r: &Release) -> Result<()> {
    if !r.status.is_frozen() {
        return Ok(());
    }
    Err(Error::Frozen(format!(
        "version {} is {} and can't be changed; start a new draft to edit it",
        r.version,
        r.status.label().to_lowercase()
    )))
}

/// Actions that, besides the table, need a reviewer's "cleared" entry for
/// exactly the current text ([`require_clearance`]). Exported to the UI with
/// the table, so that no other copy of this rule exists.
pub fn needs_clearance(action: Action) -> bool {
    action == Action::MarkCleared
}

/// The actions allowed from a status, in a stable order (the order of the
/// editor's buttons).
pub fn actions_for(from: Status) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| allowed(from, *a).is_some())
        .collect()
}

/// A reviewer's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Cleared,
    ChangesRequested,
    Comment,
    /// Recorded by a Word review import: the reviewer returned the file with
    /// tracked changes or comments (see `crate::review::apply`).
    ReturnedInWord,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Cleared,
        Decision::ChangesRequested,
        Decision::Comment,
        Decision::ReturnedInWord,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Cleared => "cleared",
            Decision::ChangesRequested => "changes_requested",
            Decision::Comment => "comment",
            Decision::ReturnedInWord => "returned_in_word",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Cleared => "Cleared",
            Decision::ChangesRequested => "Changes requested",
            Decision::Comment => "Comment only",
            Decision::ReturnedInWord => "Returned in Word",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        let s = s.replace('-', "_");
        Decision::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// A clearance log entry to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewClearanceEntry {
    pub version: u32,
    pub reviewer: String,
    pub role: String,
    pub decision: Decision,
    pub note: String,
}

/// A clearance log entry as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClearanceEntry {
    pub id: f64,
    pub version: u32,
    pub reviewer: String,
    pub role: String,
    pub decision: Decision,
    pub note: String,
    pub created_at: String,
    /// The text has changed since the version this entry refers to.
    pub stale: bool,
}

impl Store {
    /// Applies a clearance action: checks the table, snapshots, sets the status.
    pub fn apply_action(&mut self, id: &str, action: Action) -> Result<Release> {
        let now = store::now();
        self.in_transaction(|tx| apply_in(tx, id, action, &now))
    }

    pub fn add_clearance_entry(
        &mut self,
        id: &str,
        entry: &NewClearanceEntry,
    ) -> Result<Vec<ClearanceEntry>> {
        let reviewer = crate::clean::line(&entry.reviewer);
        if reviewer.is_empty() {
            return Err(Error::Invalid(
                "a clearance entry needs the reviewer's name".into(),
            ));
        }
        let now = store::now();
        self.in_transaction(|tx| {
            versions::get_version_in(tx, id, entry.version)?;
            insert_entry_in(tx, id, entry, &now)
        })?;
        self.clearance_log(id)
    }

    /// The log, oldest first, each entry marked stale if the text has changed
    /// since its version.
    pub fn clearance_log(&self, id: &str) -> Result<Vec<ClearanceEntry>> {
        let current = self.get(id)?;
        log_in(&self.conn, &current)
    }
}

/// Checks that `action` may be applied to `r` now, without writing: the
/// table, a reviewer's clearance for "Mark cleared", and the export rules
/// for the actions that send text out. Returns the status it leads to.
pub(crate) fn check_action(
    conn: &rusqlite::Connection,
    r: &Release,
    action: Action,
) -> Result<Status> {
    let to = allowed(r.status, action).ok_or_else(|| Error::Transition {
        action: action.label().to_string(),
        from: r.status.label().to_lowercase(),
    })?;
    if needs_clearance(action) {
        require_clearance(conn, r)?;
    }
    if matches!(
        action,
        Action::SendForClearance | Action::MarkCleared | Action::Publish
    ) {
        crate::validate::for_export(r)?;
    }
    Ok(to)
}

/// [`Store::apply_action`] inside a transaction (the export operation runs
/// "Send for clearance" and its export in one).
pub(crate) fn apply_in(
    tx: &rusqlite::Connection,
    id: &str,
    action: Action,
    now: &str,
) -> Result<Release> {
    let mut r = store::load_in(tx, id)?;
    r.status = check_action(tx, &r, action)?;
    r.updated_at = now.to_string();
    store::write_row(tx, &mut r, None)?;
    versions::snapshot_in(tx, id, action.reason(), now)?;
    store::load_in(tx, id)
}

fn log_in(conn: &rusqlite::Connection, current: &Release) -> Result<Vec<ClearanceEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, version, reviewer, role, decision, note, created_at FROM clearance_log WHERE release_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([&current.id], |row| {
            let decision: String = row.get(4)?;
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, u32>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                decision,
                row.get::<_, String>(5)?,
                row.get::<_, String>(6)?,
            ))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (rid, version, reviewer, role, decision, note, created_at) in rows {
        let v = versions::get_version_in(conn, &current.id, version)?;
        out.push(ClearanceEntry {
            id: rid as f64,
            version,
            reviewer,
            role,
            decision: Decision::parse(&decision).unwrap_or(Decision::Comment),
            note,
            created_at,
            stale: !same_text(&v, current),
        });
    }
    Ok(out)
}

/// Writes a log entry inside a transaction (also used by the Word review import).
pub(crate) fn insert_entry_in(
    tx: &rusqlite::Connection,
    id: &str,
    entry: &NewClearanceEntry,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO clearance_log (release_id, version, reviewer, role, decision, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, entry.version, crate::clean::line(&entry.reviewer), crate::clean::line(&entry.role), entry.decision.as_str(), crate::clean::text(&entry.note).trim(), now],
    )?;
    Ok(())
}

/// "Mark cleared" needs a reviewer who cleared exactly the current text.
fn require_clearance(conn: &rusqlite::Connection, r: &Release) -> Result<()> {
    let log = log_in(conn, r)?;
    if log
        .iter()
        .any(|e| e.decision == Decision::Cleared && !e.stale)
    {
        return Ok(());
    }
    Err(Error::Transition {
        action: format!("Mark cleared (no reviewer has cleared the current text v{}; add a clearance entry first)", r.version),
        from: r.status.label().to_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The editing rule and the table agree: frozen text always has a way
    /// back to editing, and only through "Start new draft".
    #[test]
    fn frozen_text_can_start_a_new_draft() {
        for from in Status::ALL {
            if from.is_frozen() {
                assert_eq!(
                    allowed(from, Action::NewDraft),
                    Some(Status::Draft),
                    "{from:?}"
                );
            }
        }
        assert!(Status::Withdrawn.is_frozen(), "withdrawn text is frozen");
    }

    /// Withdrawn text is frozen like cleared text: no save, no restore over
    /// it, until "Start new draft". A restore in clearance keeps the status.
    #[test]
    fn saves_and_restores_follow_the_editing_rule() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _) = Store::open(dir.path()).unwrap();
        let id = crate::sample::release().id;
        let sent = s.apply_action(&id, Action::SendForClearance).unwrap();
        let mut edit = sent.clone();
        edit.headline = "Edited in clearance".into();
        s.save(&edit).unwrap();
        let restored = s.restore_version(&id, sent.version).unwrap();
        assert_eq!(restored.status, Status::InClearance);
        assert_eq!(restored.headline, sent.headline);
        let withdrawn = s.apply_action(&id, Action::Withdraw).unwrap();
        let mut edit = withdrawn.clone();
        edit.headline = "Edited after withdrawal".into();
        let err = s.save(&edit).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Frozen, "{err}");
        assert!(err.to_string().contains("withdrawn"), "{err}");
        let err = s.restore_version(&id, sent.version).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Frozen, "{err}");
        assert_eq!(s.get(&id).unwrap(), withdrawn, "nothing changed");
        s.apply_action(&id, Action::NewDraft).unwrap();
        assert_eq!(
            s.restore_version(&id, sent.version).unwrap().status,
            Status::Draft
        );
    }

    /// Every (status, action) pair: the table is total and matches the rules.
    #[test]
    fn transition_table() {
        use Action::*;
        use Status::*;
        let legal = [
            (Draft, SendForClearance, InClearance),
            (InClearance, SendForClearance, InClearance),
            (InClearance, MarkCleared, Cleared),
            (InClearance, Withdraw, Withdrawn),
            (InClearance, NewDraft, Draft),
            (Cleared, Publish, Published),
            (Cleared, Withdraw, Withdrawn),
            (Cleared, NewDraft, Draft),
            (Published, Withdraw, Withdrawn),
            (Published, NewDraft, Draft),
            (Withdrawn, NewDraft, Draft),
        ];
        for from in Status::ALL {
            for action in Action::ALL {
                let expected = legal
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|t| t.2);
                assert_eq!(allowed(from, action), expected, "{from:?} + {action:?}");
            }
        }
    }
}
