// Issue 11 item 5: nothing typed just before an action is lost. Types into
// the headline and presses "Send for clearance" at once (inside the autosave
// delay); the form must lock as the button is pressed, the typed text must be
// saved before the command runs, and after a restart it must be the stored
// text, the text of the version sent and the text of the DRAFT Word file.
// Then the same for "Restore this version": the typed text is saved first
// and no late save overwrites the restored text.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Session, docxToText, makeProfile, openRow, openTab, stepper } from './webdriver.mjs';

const DATE = '2026-06-02';
const HEADLINE_0 = 'Harbour Board opens ferry terminal';
const TYPED_SEND = 'Harbour Board opens Kessel ferry terminal to foot passengers';
const TYPED_RESTORE = 'Typed a moment before restoring';

const profile = makeProfile('typing');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);
const para = (text) => ({ type: 'paragraph', content: [{ text, bold: false, italic: false }] });

/**
 * Clicks the button labelled `label` from inside the page and reports, once
 * the UI has rendered the click (microtasks only: no IPC reply can arrive in
 * between), whether the form was locked and why. `saveState` is the save
 * indicator just before the click: "Saving…" proves the typed text had not
 * been saved yet, so the action itself had to save it.
 */
function clickAndInspect(s, label) {
  return s.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      const btn = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === arguments[0]);
      if (!btn) return done({ error: 'no button ' + arguments[0] });
      const saveState = document.querySelector('[data-testid="save-state"]').textContent;
      btn.click();
      (async () => {
        for (let i = 0; i < 5; i++) await Promise.resolve();
        done({
          saveState,
          headlineDisabled: document.getElementById('field-headline').matches(':disabled'),
          bodyEditable: document.getElementById('field-body').getAttribute('contenteditable'),
          reason: document.querySelector('[data-testid="lock-reason"]')?.textContent ?? null,
        });
      })();`,
    args: [label],
  });
}

async function waitNotice(s, prefix) {
  return s.waitFor(
    async () => {
      const err = await s.exec(`return document.querySelector('.bar .msg.error')?.textContent ?? null`);
      if (err) throw new Error(`action failed: ${err}`);
      const ok = await s.exec(`return [...document.querySelectorAll('.bar .msg.ok')].map((e) => e.textContent).join(' ')`);
      return ok.startsWith(prefix) ? ok : null;
    },
    { what: `the notice "${prefix}…"` },
  );
}

function assertLocked(seen, label) {
  assert.equal(seen.error, undefined, seen.error);
  assert.equal(seen.saveState, 'Saving…', `the typed text was already saved before "${label}" was pressed, so this run does not test the flush`);
  assert.equal(seen.headlineDisabled, true, `the form still took keystrokes while "${label}" ran`);
  assert.equal(seen.bodyEditable, 'false', `the body still took keystrokes while "${label}" ran`);
  assert.match(seen.reason ?? '', /locked until this finishes/, 'no visible reason for the locked form');
}

test('typing just before "Send for clearance" and "Restore this version" is kept', async () => {
  let id;

  await step('setup: a complete draft (IPC), open in the editor', async () => {
    session = await Session.start(profile);
    const s = session;
    const created = await s.invoke('create_release');
    id = created.id;
    await s.invoke('save_release', {
      release: {
        ...created,
        headline: HEADLINE_0,
        dateline: { city: 'Kessel', date: DATE },
        body: [para('The Harbour Board today opened the new ferry terminal.')],
        contact_groups: [{ heading: '', contacts: [{ name: 'Jon Avery', title: 'Press Officer', organization: 'Harbour Board', email: 'press@harbour.example.org', phone: '', url: '' }] }],
      },
    });
    await s.cmd('POST', '/refresh', {});
    await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), { what: 'the reloaded app' });
    await openRow(s, id);
    assert.equal(await s.valueOf('Headline'), HEADLINE_0);
  });

  await step('type, then press "Send for clearance" at once: the form locks', async () => {
    const s = session;
    await s.fill('Headline', TYPED_SEND);
    assertLocked(await clickAndInspect(s, 'Send for clearance'), 'Send for clearance');
    await waitNotice(s, 'Send for clearance: done.');
    await s.waitForText('[data-testid="status-badge"]', 'In clearance');
    assert.equal(await s.valueOf('Headline'), TYPED_SEND);
    assert.equal(await s.exec(`return document.querySelector('[data-testid="kept-text"]') === null`), true);
  });

  await step('restart: the typed text is stored, sent as v1 and in the DRAFT Word file', async () => {
    await session.quit();
    session = null;
    session = await Session.start(profile);
    const s = session;
    assert.equal((await s.invoke('get_release', { id })).headline, TYPED_SEND);
    const versions = await s.invoke('list_versions', { id });
    const v1 = versions.find((v) => v.version === 1);
    assert.deepEqual([v1?.reason, v1?.headline], ['sent for clearance', TYPED_SEND]);
    const files = fs.readdirSync(profile.exportDir);
    assert.deepEqual(files, [`${DATE} ${TYPED_SEND} v1 DRAFT.docx`]);
    const text = docxToText(path.join(profile.exportDir, files[0]));
    assert.ok(text.includes(TYPED_SEND), `the DRAFT Word file lacks the typed headline:\n${text.slice(0, 800)}`);
  });

  await step('type, then press "Restore this version" at once: saved first, then restored', async () => {
    const s = session;
    await openRow(s, id);
    await openTab(s, 'History');
    const view = await s.waitFor(() => s.exec(`return document.querySelector('button[aria-label="View v1"]')`), { what: 'the View button of v1' });
    await s.click(Object.values(view)[0]);
    await s.findByText('button', 'Restore this version');
    await s.fill('Headline', TYPED_RESTORE);
    assertLocked(await clickAndInspect(s, 'Restore this version'), 'Restore this version');
    await waitNotice(s, 'Restored the text of v1 as v');
    assert.equal(await s.valueOf('Headline'), TYPED_SEND);
    // No save that was still queued lands after the restore.
    await s.waitSaved();
    assert.equal((await s.invoke('get_release', { id })).headline, TYPED_SEND);
  });

  await step('restart: the restored text is current and the restore is a version', async () => {
    await session.quit();
    session = null;
    session = await Session.start(profile);
    const s = session;
    const r = await s.invoke('get_release', { id });
    // A restore keeps the status (the release was in clearance).
    assert.deepEqual([r.headline, r.status], [TYPED_SEND, 'in_clearance']);
    const versions = await s.invoke('list_versions', { id });
    const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    assert.deepEqual([latest.version, latest.reason, latest.headline], [r.version, 'restored v1', TYPED_SEND]);
    // What was typed just before the restore is kept as the version before it.
    const before = versions.find((v) => v.version === r.version - 1);
    assert.deepEqual([before?.reason, before?.headline], ['before restoring v1', TYPED_RESTORE]);
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
