// Labels and the status -> allowed actions table used by the editor.
import type { Action } from './bindings/Action';
import type { Decision } from './bindings/Decision';
import type { EndMark } from './bindings/EndMark';
import type { Status } from './bindings/Status';

export const STATUS_LABEL: Record<Status, string> = {
  draft: 'Draft',
  in_clearance: 'In clearance',
  cleared: 'Cleared',
  published: 'Published',
  withdrawn: 'Withdrawn',
};

export const ACTION_LABEL: Record<Action, string> = {
  send_for_clearance: 'Send for clearance',
  mark_cleared: 'Mark cleared',
  publish: 'Publish',
  withdraw: 'Withdraw',
  new_draft: 'Start new draft',
};

export function actionsFor(status: Status): Action[] {
  switch (status) {
    case 'draft':
      return ['send_for_clearance'];
    case 'in_clearance':
      // Re-sending after "changes requested" snapshots the new version.
      return ['send_for_clearance', 'mark_cleared', 'withdraw', 'new_draft'];
    case 'cleared':
      return ['publish', 'withdraw', 'new_draft'];
    case 'published':
      return ['withdraw', 'new_draft'];
    case 'withdrawn':
      return ['new_draft'];
  }
}

/** Cleared and published texts are frozen: the form is read-only. */
export function isFrozen(status: Status): boolean {
  return status === 'cleared' || status === 'published';
}

export const END_MARKS: { value: EndMark; label: string }[] = [
  { value: 'hashes', label: '###' },
  { value: 'ends', label: '-ENDS-' },
  { value: 'stars', label: '***' },
  { value: 'none', label: 'none' },
];

export const DECISION_LABEL: Record<Decision, string> = {
  cleared: 'Cleared',
  changes_requested: 'Changes requested',
  comment: 'Comment only',
};

export const TYPE_LABELS = ['PRESS RELEASE', 'MEDIA ADVISORY', 'STATEMENT', 'NOTE TO CORRESPONDENTS'];
export const LANGUAGES = ['en', 'en-GB', 'en-US', 'fr', 'es', 'ru', 'ar', 'zh', 'zh-Hans', 'de', 'it', 'pt', 'ja', 'ko', 'sw', 'tr', 'uk'];
export const TIME_ZONES = [
  'UTC', 'Europe/Zurich', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Europe/Brussels',
  'Europe/Vienna', 'Europe/Rome', 'Europe/Madrid', 'Europe/Moscow', 'America/New_York',
  'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo',
  'America/Mexico_City', 'Africa/Nairobi', 'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Lagos',
  'Asia/Dubai', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Singapore',
  'Australia/Sydney', 'Pacific/Auckland',
];

export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "2025-03-04T10:20:30Z" -> a short local date-time for display. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
