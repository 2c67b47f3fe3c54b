// Issue 11, item 9: a restore asks first (naming the backup's date), keeps the
// database it replaces and says where; a bad backup is refused and nothing
// changes. Runs the real app on a real data folder.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Session, makeProfile, stepper } from './webdriver.mjs';

const SAMPLE_HEADLINE = 'Northern Rivers Commission opens flood early-warning centre in Port Aurel';
const TYPED = 'Headline typed after the backup';

const profile = makeProfile('backups');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

test('restore asks first, keeps the replaced database and says where; a bad backup changes nothing', async () => {
  let backup = null;
  await step('the daily backup is made after start-up', async () => {
    session = await Session.start(profile);
    await session.findByText('[data-testid="release-list"] .headline', SAMPLE_HEADLINE);
    backup = await session.waitFor(
      async () => (await session.invoke('startup_state')).backups.find((b) => !b.problem) || null,
      { what: 'a good backup', timeout: 30_000 },
    );
  });

  await step('the sample is edited after the backup', async () => {
    const s = session;
    await s.click(await s.findByText('[data-testid="release-list"] .headline', SAMPLE_HEADLINE));
    await s.waitFor(async () => (await s.valueOf('Headline')) === SAMPLE_HEADLINE, { what: 'the sample in the editor' });
    await s.fill('Headline', TYPED);
    await s.waitSaved();
  });

  await step('a backup cut short is refused and nothing changes', async () => {
    const s = session;
    const good = path.join(profile.dataDir, 'backups', backup.file_name);
    const cut = 'dateline-20990101T000000Z-daily.sqlite3';
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(path.join(profile.dataDir, 'backups', cut), bytes.subarray(0, bytes.length / 2));
    const r = await s.invokeRaw('restore_backup', { fileName: cut });
    assert.equal(r.ok, false, 'a truncated backup must be refused');
    assert.match(r.error.message, /Nothing was changed/);
    const listed = (await s.invoke('startup_state')).backups.find((b) => b.file_name === cut);
    assert.ok(listed?.problem, 'the truncated backup is listed as bad');
    const rows = await s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
    assert.deepEqual(
      rows.map((x) => x.headline),
      [TYPED],
      'the typed text is still there',
    );
    assert.deepEqual(
      fs.readdirSync(profile.dataDir).filter((n) => n.includes('replaced')),
      [],
      'no copy was made for a refused restore',
    );
  });

  await step('restore asks first, naming the date', async () => {
    const s = session;
    await s.clickButton('Backups');
    const restoreButtons = await s.waitFor(
      async () => {
        const v = await s.exec(
          `return [...document.querySelectorAll('.backups li')].map((li) => ({
             name: li.querySelector('.reason')?.textContent || '',
             enabled: !li.querySelector('button').disabled }));`,
        );
        return v.length ? v : null;
      },
      { what: 'the backup list' },
    );
    assert.ok(restoreButtons.some((b) => b.enabled), JSON.stringify(restoreButtons));
    const button = await s.exec(
      `return [...document.querySelectorAll('.backups li button')].find((b) => !b.disabled) || null;`,
    );
    await s.click(Object.values(button)[0]);
    const question = await s.waitFor(
      () => s.exec(`return document.querySelector('[role="alertdialog"] h3')?.textContent || null;`),
      { what: 'the confirmation' },
    );
    assert.match(question, /^Restore the backup from .+\?$/);
    const rows = await s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
    assert.deepEqual(
      rows.map((x) => x.headline),
      [TYPED],
      'nothing happens before the confirmation',
    );
  });

  await step('confirmed: the backup is back and the app says where the replaced database is', async () => {
    const s = session;
    await s.clickButton('Restore this backup');
    const toast = await s.waitFor(
      () =>
        s.exec(
          `return [...document.querySelectorAll('.toast span')].map((t) => t.textContent).find((t) => t.includes('was kept at')) || null;`,
        ),
      { what: 'the restore notice', timeout: 30_000 },
    );
    const kept = /was kept at (.+)\.$/.exec(toast.trim())?.[1];
    assert.ok(kept && fs.existsSync(kept), `kept copy named in ${JSON.stringify(toast)}`);
    assert.ok(fs.readFileSync(kept).includes(Buffer.from(TYPED)), 'the kept copy holds the typed text');
    await s.findByText('[data-testid="release-list"] .headline', SAMPLE_HEADLINE);
  });
});
