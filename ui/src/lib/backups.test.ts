// The backup list: a restore replaces everything, so it asks first, naming the
// backup's date; a backup the core found unusable cannot be restored.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { BackupInfo } from './bindings/BackupInfo';
import BackupList from './components/BackupList.svelte';
import { formatTime } from './status';

const good: BackupInfo = { file_name: 'dateline-20261128T090000Z-daily.sqlite3', created_at: '2026-11-28T09:00:00Z', reason: 'daily', size_bytes: 40960 };
const bad: BackupInfo = {
  file_name: 'dateline-20261129T090000Z-daily.sqlite3',
  created_at: '2026-11-29T09:00:00Z',
  reason: 'daily',
  size_bytes: 1024,
  problem: 'the file is truncated',
};

describe('BackupList', () => {
  let comp: Record<string, unknown> | null = null;
  afterEach(() => {
    if (comp) unmount(comp);
    comp = null;
    document.body.innerHTML = '';
  });

  const restoreButton = (b: BackupInfo) =>
    document.querySelector<HTMLButtonElement>(`button[aria-label="Restore backup from ${formatTime(b.created_at)}"]`)!;
  const button = (text: string) => [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);

  it('asks before restoring, naming the date, and restores only when confirmed', () => {
    const restored: string[] = [];
    comp = mount(BackupList, { target: document.body, props: { backups: [bad, good], onrestore: (f: string) => restored.push(f) } });
    restoreButton(good).click();
    flushSync();
    const dialog = document.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain(`Restore the backup from ${formatTime(good.created_at)}?`);
    expect(restored).toEqual([]);
    button('Cancel')!.click();
    flushSync();
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(restored).toEqual([]);
    restoreButton(good).click();
    flushSync();
    button('Restore this backup')!.click();
    flushSync();
    expect(restored).toEqual([good.file_name]);
  });

  it('shows a bad backup with its problem and offers no restore', () => {
    comp = mount(BackupList, { target: document.body, props: { backups: [bad, good], onrestore: () => {} } });
    expect(restoreButton(bad).disabled).toBe(true);
    expect(restoreButton(good).disabled).toBe(false);
    expect(document.body.textContent).toContain('cannot be restored (the file is truncated)');
  });
});
