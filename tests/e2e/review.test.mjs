// Issue "Word round-trip", through the app: "Send for clearance" exports the
// welcome sample's v1 DRAFT Word file; tests/e2e/make_reviewed.py edits it
// the way reviewers' Word saves it (tracked changes by two reviewers, a
// format change, comment threads, an edit made with Track Changes off);
// "Import reviewed Word file…" opens it in the review screen; one change is
// accepted and another rejected; the core refuses to take a tracked change
// into the body without the untracked edit in the same field, and the
// screen says so; with it accepted, "Apply" writes v2, logs both reviewers
// as "returned in Word", and all of it is still there after a restart.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, Session, makeProfile, screenshotRoot, sleep, stepper } from './webdriver.mjs';

const SAMPLE_ID = '5b0f4a1e-7c2d-4e59-9a53-0c6f2d1e8a01';
const HEADLINE = 'Northern Rivers Commission opens flood early-warning centre in Port Aurel';

const reviewDir = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), 'dateline-e2e-reviewed-'));
const REVIEWED = path.join(reviewDir, 'flood centre v1 reviewed.docx');
const profile = makeProfile('review', { importFile: REVIEWED });
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

async function openSample(s) {
  const row = await s.waitFor(
    () => s.exec(`return document.querySelector('[data-testid="release-list"] button.row[data-id="' + arguments[0] + '"]');`, [SAMPLE_ID]),
    { what: 'the welcome sample in the list' },
  );
  await s.click(Object.values(row)[0]);
  await s.waitFor(() => s.exec(`return !!document.getElementById('field-headline')`), { what: 'the editor' });
}

/** Clicks Accept or Reject on change `id` and waits until it shows as pressed. */
async function decide(s, id, which) {
  const el = await s.waitFor(
    () => s.exec(
      `return [...document.querySelectorAll('[data-change="' + arguments[0] + '"] .decide button')].find((b) => b.textContent.trim() === arguments[1]) ?? null`,
      [id, which],
    ),
    { what: `the ${which} button of change #${id}` },
  );
  await s.click(Object.values(el)[0]);
  await s.waitFor(
    () => s.exec(`return document.querySelector('[data-change="' + arguments[0] + '"] .decide .' + arguments[1])?.getAttribute('aria-pressed') === 'true'`, [id, which.toLowerCase()]),
    { what: `change #${id} to show ${which}` },
  );
}

const clearanceRows = (s) =>
  s.exec(`return [...document.querySelectorAll('.panel table tbody tr:not(.stale-row)')].map((r) => [...r.cells].map((c) => c.textContent.trim()))`);

test('Word round trip through the UI', async () => {
  let exported;

  await step('"Send for clearance" writes the v1 DRAFT Word file', async () => {
    session = await Session.start(profile);
    const s = session;
    await openSample(s);
    assert.equal(await s.valueOf('Headline'), HEADLINE);
    await s.clickButton('Send for clearance');
    await s.waitForText('.bar .version', 'v1');
    exported = await s.waitFor(
      () => fs.readdirSync(profile.exportDir).find((f) => f.endsWith(' v1 DRAFT.docx')),
      { what: 'the v1 DRAFT file in the export folder' },
    );
    exported = path.join(profile.exportDir, exported);
  });

  await step('a reviewer\'s Word edits the clearance copy', async () => {
    const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/e2e/make_reviewed.py'), exported, REVIEWED], { encoding: 'utf8' });
    assert.equal(r.status, 0, `make_reviewed.py failed:\n${r.stdout}\n${r.stderr}`);
    assert.ok(fs.statSync(REVIEWED).size > 1000);
  });

  await step('"Import reviewed Word file…" shows the changes field by field', async () => {
    const s = session;
    await s.clickButton('Import reviewed Word file…');
    await s.waitFor(
      async () => {
        const err = await s.exec(`return document.querySelector('.bar .msg.error')?.textContent ?? null`);
        if (err) throw new Error(`import failed: ${err}`);
        return s.exec(`return !!document.querySelector('[data-testid="review-panel"] [data-change]')`);
      },
      { what: 'the review screen' },
    );
    const shown = await s.exec(`return [...document.querySelectorAll('[data-change]')].map((li) => ({
      id: Number(li.dataset.change),
      field: li.closest('[data-field]').dataset.field,
      kind: li.querySelector('.kind').textContent,
      who: li.querySelector('.who').textContent,
      text: li.querySelector('.text').textContent.trim(),
    }))`);
    assert.deepEqual(
      shown.map((c) => [c.id, c.field, c.kind, c.who, c.text]),
      [
        [0, 'headline', 'Deleted', 'Lena Park', 'opens'],
        [1, 'headline', 'Inserted', 'Lena Park', 'inaugurates'],
        [2, 'body', 'Inserted', 'Omar Haddad', 'by text message'],
        [3, 'body', 'Formatting', 'Lena Park', 'inaugurated'],
        [4, 'body', 'Deleted', 'Omar Haddad', 'around the clock'],
        [5, 'body', 'Untracked edit', 'Omar Haddad', 'fourteen sixteen'],
      ],
    );
    const comments = await s.exec(`return [...document.querySelectorAll('[data-field] .comment')].map((c) => ({
      field: c.closest('[data-field]').dataset.field, resolved: c.classList.contains('resolved'), text: c.textContent }))`);
    assert.equal(comments.length, 2);
    const body = comments.find((c) => c.field === 'body');
    assert.ok(body.text.includes('Is 48 hours confirmed') && body.text.includes('Yes, confirmed on 10 March.'), body.text);
    assert.equal(body.resolved, false);
    assert.equal(comments.find((c) => c.field === 'headline').resolved, true);
    // The form is hidden (locked) while the review is open.
    assert.equal(await s.exec(`return document.getElementById('field-headline')`), null);
  });

  await step('accept one change, reject another: the core asks for the untracked edit too', async () => {
    const s = session;
    await decide(s, 2, 'Accept');
    await decide(s, 4, 'Reject');
    await s.clickButton('Apply');
    const err = await s.waitFor(
      () => s.exec(`return document.querySelector('[data-testid="review-panel"] [role="alert"]')?.textContent ?? null`),
      { what: 'the refusal' },
    );
    assert.match(err, /^Not applied: body was also edited with Track Changes off/);
    assert.equal((await s.invoke('get_release', { id: SAMPLE_ID })).version, 1, 'nothing was written');
  });

  await step('with the untracked edit accepted, "Apply" writes v2 and logs the reviewers', async () => {
    const s = session;
    await decide(s, 5, 'Accept');
    for (const id of [0, 1, 3]) await decide(s, id, 'Reject');
    assert.equal((await s.text('[data-testid="review-count"]')).trim(), '2 to accept, 4 to reject');
    assert.equal(await s.exec(`return document.querySelector('[data-testid="review-panel"] [role="alert"]')`), null, 'a new decision clears the refusal');
    await s.exec(`document.querySelector('[data-testid="review-panel"]').scrollIntoView({ block: 'start' });
      for (const b of document.querySelectorAll('button[aria-label="Dismiss"]')) b.click();`);
    await sleep(300);
    const shot = path.join(REPO, 'docs', 'img', 'review.png');
    screenshotRoot(shot);
    assert.ok(fs.statSync(shot).size > 20_000, 'the screenshot is not blank');
    await s.clickButton('Apply');
    await s.waitFor(
      () => s.exec(`return !document.querySelector('[data-testid="review-panel"]') && !!document.getElementById('field-headline')`),
      { what: 'the editor back' },
    );
    await s.waitForText('.bar .version', 'v2');
    const notice = await s.text('.bar .msg.ok');
    assert.ok(notice.startsWith('Review applied: 2 accepted, 4 rejected; now v2.'), notice);
    await s.waitFor(() => s.exec(`return document.getElementById('tab-clearance')?.getAttribute('aria-selected') === 'true'`), {
      what: 'the Clearance tab',
    });
    await s.waitFor(async () => (await clearanceRows(s)).length === 2, { what: 'two clearance entries' });
    const rows = await clearanceRows(s);
    assert.deepEqual(rows.map((r) => [r[0], r[2], r[4]]).sort(), [
      ['Lena Park', 'Returned in Word', 'v1'],
      ['Omar Haddad', 'Returned in Word', 'v1'],
    ]);
  });

  const checkStored = async (s) => {
    const r = await s.invoke('get_release', { id: SAMPLE_ID });
    assert.equal(r.version, 2);
    assert.equal(r.headline, HEADLINE, 'the rejected headline changes were not taken in');
    const body = r.body.map((b) => (b.content ?? []).map((i) => i.text).join('')).join('\n');
    assert.ok(body.includes('receive warnings by text message'), body);
    assert.ok(body.includes('sixteen') && !body.includes('fourteen'), body);
    assert.ok(body.includes('around the clock'), 'the rejected deletion was not taken in');
    const versions = await s.invoke('list_versions', { id: SAMPLE_ID });
    const v2 = versions.find((v) => v.version === 2);
    assert.equal(v2.reason, 'review flood centre v1 reviewed.docx from Lena Park, Omar Haddad: 2 accepted, 4 rejected');
    const log = await s.invoke('list_clearance', { id: SAMPLE_ID });
    assert.deepEqual(log.map((e) => [e.reviewer, e.decision, e.version]).sort(), [
      ['Lena Park', 'returned_in_word', 1],
      ['Omar Haddad', 'returned_in_word', 1],
    ]);
    const omar = log.find((e) => e.reviewer === 'Omar Haddad');
    assert.ok(omar.note.includes('Is 48 hours confirmed by the hydrology unit?'), omar.note);
  };

  await step('the stored text, history and log', async () => {
    await checkStored(session);
  });

  await step('restart: the review is still there, in the UI too', async () => {
    await session.quit();
    session = null;
    session = await Session.start(profile);
    const s = session;
    await openSample(s);
    await s.waitForText('.bar .version', 'v2');
    await checkStored(s);
    const bodyText = await s.exec(`return document.getElementById('field-body').textContent`);
    assert.ok(bodyText.includes('receive warnings by text message') && bodyText.includes('sixteen'), bodyText);
    await s.clickButton('Clearance');
    await s.waitFor(async () => (await clearanceRows(s)).filter((r) => r[2] === 'Returned in Word').length === 2, {
      what: 'both "Returned in Word" entries in the Clearance tab',
    });
    await s.clickButton('History');
    await s.waitFor(() => s.exec(`return document.body.innerText.includes('review flood centre v1 reviewed.docx')`), {
      what: 'the review version in the History tab',
    });
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
