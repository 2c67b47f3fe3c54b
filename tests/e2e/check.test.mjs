// Issue 16: the writing check in the editor, through the real app and the
// core's checker (Hunspell en_GB, Harper, the UN rules). A misspelling in
// the Body gets a squiggle, its context menu's suggestion fixes it; a house
// style finding (5% under the UN) is fixed in one click; a word added to
// the office dictionary is no longer flagged; a contact's name never is.
// axe-core finds no serious or critical violation on the list, the editor
// (findings shown, context menu open), the side tabs and the preferences.
// E2E_SCREENSHOTS=light (or dark, with the desktop in dark mode) keeps a
// screenshot of the editor with findings as docs/img/check-light.png.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, Session, makeProfile, openRow, openTab, screenshotRoot, stepper } from './webdriver.mjs';
import { axeViolations } from './axe.mjs';

// E2E_SCREENSHOTS=dark starts the app with GTK's dark variant, which the
// web view reports as prefers-color-scheme: dark.
const profile = makeProfile('check', process.env.E2E_SCREENSHOTS === 'dark' ? { env: { GTK_THEME: 'Adwaita:dark' } } : {});
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

/** Clicks a button of the findings list. Each check redraws the list, so a
 *  button found just before a check's answer lands may be gone: find it again. */
async function clickFinding(s, label) {
  for (let i = 0; ; i++) {
    try {
      return await s.clickButton(label);
    } catch (e) {
      if (i >= 5 || !/stale element/.test(String(e))) throw e;
    }
  }
}

/** No serious or critical axe violation on the screen as it is. */
async function assertAccessible(s, screen) {
  const v = await axeViolations(s);
  assert.deepEqual(v, [], `axe on ${screen}: ${JSON.stringify(v, null, 1)}`);
}
const para = (text) => ({ type: 'paragraph', content: [{ text, bold: false, italic: false }] });

const HEADLINE = 'Harbour Board opens Kesselbrook ferry terminal';
const BODY_1 = 'The Harbour Board today opend the new ferry terminal, said Tazabek Oruzov.';
const BODY_2 = 'Fares for foot passengers fell 5% in the first week.';

/** The findings listed under the form: rule, field and flagged text. */
function listed(s) {
  return s.exec(`return [...document.querySelectorAll('[data-testid="writing-check"] li.finding')].map((li) => ({
    rule: li.dataset.rule, field: li.dataset.field, flagged: li.querySelector('.flagged')?.textContent ?? '',
    buttons: [...li.querySelectorAll('button')].map((b) => b.textContent.trim()),
  }))`);
}

async function waitListed(s, pred, what) {
  return s.waitFor(async () => {
    const l = await listed(s);
    return pred(l) ? l : null;
  }, { what, timeout: 30_000 });
}

test('the writing check: squiggle, suggestion, one-click fix, office dictionary', async () => {
  let id;

  await step('setup: a draft with a misspelling and a per cent sign, open in the editor', async () => {
    session = await Session.start(profile);
    const s = session;
    const created = await s.invoke('create_release');
    id = created.id;
    await s.invoke('save_release', {
      release: {
        ...created,
        language: 'en-GB',
        house_style: 'un',
        headline: HEADLINE,
        dateline: { ...created.dateline, city: 'Geneva' },
        body: [para(BODY_1), para(BODY_2)],
        contact_groups: [{ heading: '', contacts: [{ name: 'Tazabek Oruzov', title: 'Press Officer', organization: 'Harbour Board', email: 'press@harbour.example.org', phone: '', url: '' }] }],
      },
    });
    await s.cmd('POST', '/refresh', {});
    await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), { what: 'the reloaded app' });
    await assertAccessible(s, 'the release list');
    await openRow(s, id);
  });

  await step('the findings are listed; a contact name is not among them', async () => {
    const s = session;
    const l = await waitListed(s, (l) => l.some((f) => f.flagged === 'opend'), 'the spelling finding "opend"');
    assert.ok(l.some((f) => f.rule === 'percent' && f.field === 'body.1'), `no per cent finding: ${JSON.stringify(l)}`);
    assert.ok(l.some((f) => f.rule === 'spelling' && f.flagged === 'Kesselbrook' && f.field === 'headline'), `no headline finding: ${JSON.stringify(l)}`);
    assert.ok(!l.some((f) => /Tazabek|Oruzov/.test(f.flagged)), `a contact's name was flagged: ${JSON.stringify(l)}`);
  });

  await step('the misspelling has a squiggle in the Body', async () => {
    const s = session;
    const marks = await s.waitFor(
      () => s.exec(`const m = [...document.querySelectorAll('#field-body .check-spelling')].map((e) => e.textContent); return m.length ? m : null`),
      { what: 'a spelling squiggle in the Body' },
    );
    assert.deepEqual(marks, ['opend']);
    const style = await s.exec(`return getComputedStyle(document.querySelector('#field-body .check-spelling')).textDecorationStyle`);
    assert.equal(style, 'wavy');
    if (process.env.E2E_SCREENSHOTS) screenshotRoot(path.join(REPO, `docs/img/check-${process.env.E2E_SCREENSHOTS}.png`));
    await assertAccessible(s, 'the editor with findings');
  });

  await step('its context menu (a right click) offers "opened", which fixes it', async () => {
    const s = session;
    const menuOpen = () => s.exec(`return document.querySelector('[data-testid="check-menu"]') !== null`);
    const mark = await s.find('#field-body .check-spelling');
    // A real right click on the squiggle.
    await s.cmd('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', origin: { 'element-6066-11e4-a52e-4f735466cecf': mark }, x: 0, y: 0 },
      { type: 'pointerDown', button: 2 }, { type: 'pointerUp', button: 2 },
    ] }] });
    await s.cmd('DELETE', '/actions');
    await s.waitFor(menuOpen, { what: 'the context menu from a right click' });
    assert.deepEqual(await s.exec(`return document.querySelector('[data-testid="check-menu"]').getAttribute('aria-label')`), 'Suggestions for opend');
    const items = await s.exec(`return [...document.querySelectorAll('[data-testid="check-menu"] [role="menuitem"]')].map((b) => b.textContent.trim())`);
    assert.ok(items.includes('opened'), `menu items: ${JSON.stringify(items)}`);
    assert.ok(items.includes('Add to dictionary'), `menu items: ${JSON.stringify(items)}`);
    const focused = await s.exec(`return document.activeElement?.getAttribute('role')`);
    assert.equal(focused, 'menuitem', 'the menu did not take the focus');
    await assertAccessible(s, 'the finding\'s context menu');
    const opened = await s.findByText('[data-testid="check-menu"] [role="menuitem"]', 'opened');
    await s.click(opened);
    await s.waitFor(() => s.exec(`return document.querySelector('#field-body').textContent.includes('today opened the new')`), { what: 'the fixed word in the Body' });
    await s.waitFor(() => s.exec(`return document.querySelector('#field-body .check-spelling') === null`), { what: 'the squiggle to go' });
    await waitListed(s, (l) => !l.some((f) => f.flagged === 'opend'), 'the spelling finding to go from the list');
  });

  await step('the style finding is fixed in one click', async () => {
    const s = session;
    await clickFinding(s, 'Fix: 5 per cent');
    await s.waitFor(() => s.exec(`return document.querySelector('#field-body').textContent.includes('fell 5 per cent in the first week')`), { what: 'the per cent fix in the Body' });
    await waitListed(s, (l) => !l.some((f) => f.rule === 'percent'), 'the per cent finding to go');
  });

  await step('"Add to dictionary" keeps the word from being flagged again', async () => {
    const s = session;
    await clickFinding(s, 'Add “Kesselbrook” to dictionary');
    await waitListed(s, (l) => !l.some((f) => f.flagged === 'Kesselbrook'), 'the headline finding to go');
    // The core, asked directly, accepts it now too (the dictionary is in the database).
    const release = await s.invoke('get_release', { id });
    const { findings } = await s.invoke('check_release', { release });
    assert.ok(!findings.some((f) => f.rule === 'spelling' && f.field === 'headline'), JSON.stringify(findings));
  });

  await step('the fixes are saved', async () => {
    const s = session;
    await s.waitSaved();
    const r = await s.invoke('get_release', { id });
    const text = r.body.map((b) => b.content.map((i) => i.text).join('')).join('\n');
    assert.equal(text, `${BODY_1.replace('opend', 'opened')}\n${BODY_2.replace('5%', '5 per cent')}`);
  });

  await step('typing a new misspelling is checked once typing pauses', async () => {
    const s = session;
    const headline = await s.byLabel('Headline');
    await s.type(headline, ' tommorow');
    await waitListed(s, (l) => l.some((f) => f.flagged === 'tommorow' && f.buttons.includes('tomorrow')), 'the new misspelling with its suggestion');
  });

  await step('the side tabs move with the arrow keys', async () => {
    const s = session;
    await openTab(s, 'History');
    const history = await s.find('#tab-history');
    await s.cmd('POST', `/element/${history}/value`, { text: '\uE014' }); // ArrowRight
    await s.waitFor(() => s.exec(`return document.activeElement?.id === 'tab-clearance' && document.getElementById('tab-clearance').getAttribute('aria-selected') === 'true'`), { what: 'ArrowRight to select and focus Clearance' });
    const clearance = await s.find('#tab-clearance');
    await s.cmd('POST', `/element/${clearance}/value`, { text: '\uE011' }); // Home
    await s.waitFor(() => s.exec(`return document.activeElement?.id === 'tab-preview' && document.getElementById('tab-preview').getAttribute('aria-selected') === 'true'`), { what: 'Home to select and focus Preview' });
    assert.equal(await s.exec(`return [...document.querySelectorAll('[role="tab"]')].map((t) => t.tabIndex).join(',')`), '0,-1,-1');
  });

  await step('axe: the side panels and the preferences', async () => {
    const s = session;
    for (const tab of ['History', 'Clearance', 'Preview']) {
      await openTab(s, tab);
      await assertAccessible(s, `the ${tab} tab`);
    }
    await s.clickButton('Preferences');
    await s.waitFor(() => s.exec(`return document.querySelector('[role="dialog"]') !== null`), { what: 'the preferences dialog' });
    await assertAccessible(s, 'the preferences dialog');
  });

  await step('the preferences dialog traps the focus and gives it back', async () => {
    const s = session;
    const inDialog = `return document.querySelector('[role="dialog"]').contains(document.activeElement)`;
    await s.waitFor(() => s.exec(`return document.activeElement?.id === 'pref-author'`), { what: 'the focus on the first field' });
    const first = await s.find('#pref-author');
    await s.cmd('POST', `/element/${first}/value`, { text: '\uE008\uE004' }); // Shift+Tab from the first control
    assert.equal(await s.exec(inDialog), true, 'Shift+Tab left the dialog');
    // The last control the officer can use (a built-in style's fields are
    // disabled, so not the style editor's Save), not the same field again.
    assert.notEqual(await s.exec(`return document.activeElement?.id`), 'pref-author', 'Shift+Tab from the first control went nowhere');
    const last = await s.exec(`return document.activeElement`);
    await s.cmd('POST', `/element/${Object.values(last)[0]}/value`, { text: '\uE004' }); // Tab from the last
    assert.equal(await s.exec(`return document.activeElement?.id`), 'pref-author', 'Tab from the last control did not wrap');
    await s.cmd('POST', `/element/${first}/value`, { text: '\uE00C' }); // Escape
    await s.waitFor(() => s.exec(`return document.querySelector('[role="dialog"]') === null`), { what: 'Escape to close the dialog' });
    assert.equal(await s.exec(`return document.activeElement?.textContent.trim()`), 'Preferences', 'the focus did not return to the Preferences button');
  });
});
