// Generated from crates/dateline-core/src/clearance.rs by `make bindings`. Do not edit.
import type { Action } from './Action';
import type { Decision } from './Decision';
import type { Status } from './Status';

export const STATUS_LABEL: Record<Status, string> = {
  "draft": "Draft",
  "in_clearance": "In clearance",
  "cleared": "Cleared",
  "published": "Published",
  "withdrawn": "Withdrawn",
};

export const ACTION_LABEL: Record<Action, string> = {
  "send_for_clearance": "Send for clearance",
  "mark_cleared": "Mark cleared",
  "publish": "Publish",
  "withdraw": "Withdraw",
  "new_draft": "Start new draft",
};

export const DECISION_LABEL: Record<Decision, string> = {
  "cleared": "Cleared",
  "changes_requested": "Changes requested",
  "comment": "Comment only",
  "returned_in_word": "Returned in Word",
};

/** The actions each status allows, in button order. */
export const ACTIONS_FOR: Record<Status, Action[]> = {
  "draft": ["send_for_clearance"],
  "in_clearance": ["send_for_clearance", "mark_cleared", "withdraw", "new_draft"],
  "cleared": ["publish", "withdraw", "new_draft"],
  "published": ["withdraw", "new_draft"],
  "withdrawn": ["new_draft"],
};

/** Statuses whose text is frozen: editing starts a new draft. */
export const FROZEN: Status[] = ["cleared", "published", "withdrawn"];

/** Statuses a final export (no DRAFT mark) is allowed from. */
export const FINAL_EXPORT: Status[] = ["cleared", "published"];

/** The status each allowed action leads to. */
export const TRANSITIONS: Record<Status, Partial<Record<Action, Status>>> = {
  "draft": { "send_for_clearance": "in_clearance" },
  "in_clearance": { "send_for_clearance": "in_clearance", "mark_cleared": "cleared", "withdraw": "withdrawn", "new_draft": "draft" },
  "cleared": { "publish": "published", "withdraw": "withdrawn", "new_draft": "draft" },
  "published": { "withdraw": "withdrawn", "new_draft": "draft" },
  "withdrawn": { "new_draft": "draft" },
};

/** Actions that also need a reviewer's "cleared" entry for exactly the current text. */
export const NEEDS_CLEARANCE: Action[] = ["mark_cleared"];
