// Issue "Clearance workflow": Draft -> In clearance (v1 DRAFT file) -> changes
// requested -> edit -> In clearance again (v2 DRAFT file) -> cleared for v2 ->
// Mark cleared (read-only) -> final Word export -> Published; then a restart
// checks status, history, clearance log and files; and an illegal transition
// is refused.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Session, makeProfile, openRow, openTab, stepper } from './webdriver.mjs';

const DATE = '2026-05-14';
const HEADLINE_1 = 'Lakeshore Authority signs river cleanup agreement';
const HEADLINE_2 = 'Lakeshore Authority signs Mirren river cleanup agreement';

const profile = makeProfile('clearance');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

const para = (text) => ({ type: 'paragraph', content: [{ text, bold: false, italic: false }] });

const badge = (s) => s.text('[data-testid="status-badge"]');
const waitBadge = (s, label) => s.waitForText('[data-testid="status-badge"]', label);
const exportFiles = () => fs.readdirSync(profile.exportDir).sort();

async function waitFile(name) {
  const p = path.join(profile.exportDir, name);
  await session.waitFor(() => fs.existsSync(p) && fs.statSync(p).size > 0, {
    what: `export file "${name}" (export dir has ${JSON.stringify(exportFiles())})`,
  });
  return p;
}

async function addEntry(s, { reviewer, role, decision, note, expectVersion }) {
  await openTab(s, 'Clearance');
  const within = '.entry-form';
  // The version field follows the release's latest version.
  await s.waitFor(async () => (await s.valueOf('Version', { within })) === String(expectVersion), {
    what: `the clearance form's version to be ${expectVersion}`,
  });
  await s.fill('Reviewer', reviewer, { within });
  await s.fill('Role', role, { within });
  await s.setValue('Decision', decision);
  await s.fill('Note', note, { within });
  const before = await s.exec(`return document.querySelectorAll('.panel table tbody tr:not(.stale-row)').length`);
  await s.clickButton('Add entry');
  await s.waitFor(async () => (await s.exec(`return document.querySelectorAll('.panel table tbody tr:not(.stale-row)').length`)) === before + 1, {
    what: 'the new clearance entry in the table',
  });
  const err = await s.exec(`return document.querySelector('.entry-form .error')?.textContent ?? null`);
  assert.equal(err, null, 'no clearance form error');
}

async function act(s, label) {
  await s.clickButton(label);
  await s.waitFor(
    async () => {
      const err = await s.exec(`return document.querySelector('.bar .msg.error')?.textContent ?? null`);
      if (err) throw new Error(`"${label}" failed: ${err}`);
      const ok = await s.exec(`return [...document.querySelectorAll('.bar .msg.ok')].map((e) => e.textContent).join(' ')`);
      return ok.startsWith(`${label}: done.`);
    },
    { what: `"${label}" to complete` },
  );
}

test('Clearance workflow through the UI', async () => {
  let id;
  let illegalId;

  await step('setup: a complete draft (IPC), shown in the list', async () => {
    session = await Session.start(profile);
    const s = session;
    const created = await s.invoke('create_release');
    id = created.id;
    await s.invoke('save_release', {
      release: {
        ...created,
        type_label: 'PRESS RELEASE',
        language: 'en',
        headline: HEADLINE_1,
        subheadline: 'Twelve towns join the five-year programme',
        dateline: { city: 'Mirren Bay', date: DATE },
        body: [
          para('The Lakeshore Authority today signed an agreement with twelve towns to clean up the Mirren river.'),
          para('Work starts in June and will be funded from the regional water budget.'),
        ],
        contact_groups: [{ heading: '', contacts: [{ name: 'Maria Okafor', title: 'Press Officer', organization: 'Lakeshore Authority', email: 'press@lakeshore.example.org', phone: '+254 20 555 0142', url: '' }] }],
        about: [{ heading: '', text: 'The Lakeshore Authority manages water and sanitation for the lake districts.' }],
        notes_to_editors: [para('The agreement text is available on request.')],
        end_mark: 'hashes',
      },
    });
    illegalId = (await s.invoke('create_release')).id;
    // The list loads once at start: reload the page to show the new releases.
    await s.cmd('POST', '/refresh', {});
    await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), { what: 'the reloaded app' });
    await openRow(s, id);
    assert.equal(await s.valueOf('Headline'), HEADLINE_1);
    assert.equal(await badge(s), 'Draft');
  });

  await step('illegal transitions are refused with code "transition"', async () => {
    const r = await session.invokeRaw('apply_action', { id: illegalId, action: 'publish' });
    assert.equal(r.ok, false, `publish on a draft was accepted: ${JSON.stringify(r.value)}`);
    assert.equal(r.error?.code, 'transition', JSON.stringify(r.error));
    const r2 = await session.invokeRaw('apply_action', { id: illegalId, action: 'mark_cleared' });
    assert.equal(r2.ok, false);
    assert.equal(r2.error?.code, 'transition', JSON.stringify(r2.error));
    assert.equal((await session.invoke('get_release', { id: illegalId })).status, 'draft');
  });

  await step('"Send for clearance" writes the v1 DRAFT Word file', async () => {
    const s = session;
    await act(s, 'Send for clearance');
    await waitBadge(s, 'In clearance');
    await s.waitForText('.bar .version', 'v1');
    await waitFile(`${DATE} ${HEADLINE_1} v1 DRAFT.docx`);
  });

  await step('reviewer requests changes on v1', async () => {
    await addEntry(session, {
      reviewer: 'Amina Diallo',
      role: 'Legal Officer',
      decision: 'changes_requested',
      note: 'Name the river in the headline.',
      expectVersion: 1,
    });
  });

  await step('edit the headline (autosave)', async () => {
    const s = session;
    await s.fill('Headline', HEADLINE_2);
    await s.waitSaved();
    assert.equal((await s.invoke('get_release', { id })).headline, HEADLINE_2);
    // The entry for v1 is now stale.
    await openTab(s, 'History');
    await openTab(s, 'Clearance');
    await s.waitFor(() => s.exec(`return document.querySelector('.stale-tag')?.textContent.includes('since v1') ?? false`), {
      what: 'the v1 entry to be marked stale',
    });
  });

  await step('"Send for clearance" again: v2 DRAFT file', async () => {
    const s = session;
    // Resubmission after "changes requested" is allowed from In clearance.
    await act(s, 'Send for clearance');
    await waitBadge(s, 'In clearance');
    await s.waitForText('.bar .version', 'v2');
    await waitFile(`${DATE} ${HEADLINE_2} v2 DRAFT.docx`);
  });

  await step('reviewer clears v2', async () => {
    await addEntry(session, {
      reviewer: 'Amina Diallo',
      role: 'Legal Officer',
      decision: 'cleared',
      note: 'Cleared.',
      expectVersion: 2,
    });
  });

  await step('"Mark cleared": badge Cleared, form read-only', async () => {
    const s = session;
    await act(s, 'Mark cleared');
    await waitBadge(s, 'Cleared');
    const state = await s.exec(`return {
      fieldset: document.querySelector('.release-form fieldset')?.disabled,
      headline: document.getElementById('field-headline')?.matches(':disabled'),
      addContact: [...document.querySelectorAll('.release-form button')].find((b) => b.textContent.trim() === 'Add contact')?.matches(':disabled'),
      body: document.getElementById('field-body')?.getAttribute('contenteditable'),
      banner: !!document.querySelector('[data-testid="frozen-banner"]'),
    }`);
    assert.deepEqual(state, { fieldset: true, headline: true, addContact: true, body: 'false', banner: true });
    assert.equal(await s.text('[data-testid="save-state"]'), 'Saved');
  });

  await step('final Word export (no DRAFT in the name)', async () => {
    const s = session;
    await s.clickButton('Final export…');
    await s.clickButton('Final Word');
    const msg = await s.waitFor(
      async () => {
        const msgs = await s.exec(`return [...document.querySelectorAll('.bar .msg')].map((e) => e.textContent.trim())`);
        const err = await s.exec(`return document.querySelector('.bar .msg.error')?.textContent ?? null`);
        if (err) throw new Error(err);
        return msgs.find((t) => t.startsWith('Exported to ')) ?? null;
      },
      { what: 'the final export' },
    );
    // Mark cleared took v3; the export of the same text adds no version.
    assert.equal(await s.text('.bar .version'), 'v3');
    const name = `${DATE} ${HEADLINE_2} v3.docx`;
    assert.equal(path.basename(msg.slice('Exported to '.length)), name);
    await waitFile(name);
  });

  await step('"Publish": badge Published', async () => {
    await act(session, 'Publish');
    await waitBadge(session, 'Published');
  });

  await step('restart: status, history, clearance log and files survive', async () => {
    await session.quit();
    session = null;
    session = await Session.start(profile);
    const s = session;
    await openRow(s, id);
    await waitBadge(s, 'Published');
    assert.equal(await s.valueOf('Headline'), HEADLINE_2);

    const versions = await s.invoke('list_versions', { id });
    const ascending = [...versions].sort((a, b) => a.version - b.version);
    assert.deepEqual(
      ascending.map((v) => [v.version, v.reason, v.status]),
      [
        [1, 'sent for clearance', 'in_clearance'],
        [2, 'sent for clearance', 'in_clearance'],
        [3, 'cleared', 'cleared'],
        [4, 'published', 'published'],
      ],
    );
    assert.equal(ascending[0].headline, HEADLINE_1);
    assert.equal(ascending[1].headline, HEADLINE_2);

    const log = await s.invoke('list_clearance', { id });
    assert.deepEqual(
      log.map((e) => [e.version, e.decision, e.reviewer, e.role, e.stale]),
      [
        [1, 'changes_requested', 'Amina Diallo', 'Legal Officer', true],
        [2, 'cleared', 'Amina Diallo', 'Legal Officer', false],
      ],
    );

    assert.deepEqual(exportFiles(), [
      `${DATE} ${HEADLINE_1} v1 DRAFT.docx`,
      `${DATE} ${HEADLINE_2} v2 DRAFT.docx`,
      `${DATE} ${HEADLINE_2} v3.docx`,
    ].sort());

    // The History panel shows the same story.
    await openTab(s, 'History');
    await s.waitFor(() => s.exec(`return document.querySelector('#history-heading') !== null && document.body.innerText.includes('sent for clearance')`), {
      what: 'the history panel',
    });
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
