// Issue 11 item 6 (UI half): a release changed by another writer while it is
// open in the editor. The store refuses the editor's next save as "stale"
// (it was based on an older revision); the editor must reload the stored
// text, say what happened, keep the officer's text, and put it back on
// request. The other writer here is a second IPC call from the test, which
// is what the command line does to the same database.
//
// Needs the core's revision check (save_release refusing code "stale"): on a
// core without it the late save silently overwrites the other writer's text
// and the step "the editor reloads…" fails.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Session, makeProfile, openRow, stepper } from './webdriver.mjs';

const OTHER = 'Headline written by another program';
const MINE = 'Headline typed in the editor meanwhile';

const profile = makeProfile('stale');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

test('a save based on an old revision reloads and keeps the typed text', async () => {
  let id;

  await step('setup: a draft open in the editor', async () => {
    session = await Session.start(profile);
    const s = session;
    const created = await s.invoke('create_release');
    id = created.id;
    await s.invoke('save_release', { release: { ...created, headline: 'First headline' } });
    await s.cmd('POST', '/refresh', {});
    await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), { what: 'the reloaded app' });
    await openRow(s, id);
    assert.equal(await s.valueOf('Headline'), 'First headline');
  });

  await step('another writer changes the release; the officer types', async () => {
    const s = session;
    const stored = await s.invoke('get_release', { id });
    await s.invoke('save_release', { release: { ...stored, headline: OTHER } });
    await s.fill('Headline', MINE);
  });

  await step('the editor reloads the stored text, says so, and keeps the typed text', async () => {
    const s = session;
    await s.waitFor(() => s.exec(`return document.querySelector('[data-testid="kept-text"]') !== null`), {
      what: 'the "changes not saved" notice',
    });
    const kept = await s.exec(`const k = document.querySelector('[data-testid="kept-text"]');
      return { text: k.textContent, mine: k.querySelector('textarea').value }`);
    assert.match(kept.text, /changed elsewhere/);
    assert.ok(kept.mine.includes(MINE), `the kept text lacks what was typed: ${kept.mine}`);
    assert.equal(await s.valueOf('Headline'), OTHER);
    assert.equal((await s.invoke('get_release', { id })).headline, OTHER);
  });

  await step('"Use my text instead" saves the typed text over it', async () => {
    const s = session;
    await s.clickButton('Use my text instead');
    assert.equal(await s.valueOf('Headline'), MINE);
    await s.waitSaved();
    assert.equal((await s.invoke('get_release', { id })).headline, MINE);
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
