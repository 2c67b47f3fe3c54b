// Issue 13, office house styles in the real app: copy a built-in style in
// Preferences, change its font and paper with the live preview showing the
// change, pick it for a release in the editor, export the Word file, and find
// the style's font and paper in the file and its revision in the History.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ELEMENT, Session, makeProfile, stepper } from './webdriver.mjs';

const profile = makeProfile('styles');
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

/** Sets a field found by CSS as the browser would (input + change events). */
async function setBy(s, css, value) {
  const el = await s.find(css);
  await s.exec(
    `const e = arguments[0];
     const proto = e instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, arguments[1]);
     e.dispatchEvent(new Event('input', { bubbles: true }));
     e.dispatchEvent(new Event('change', { bubbles: true }));`,
    [{ [ELEMENT]: el }, value],
  );
}

/** A part of a Word file, as text. */
function docxPart(file, part) {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' });
}

test('an office style made in Preferences lays out the exported Word file', async () => {
  let id;
  await step('a new release', async () => {
    session = await Session.start(profile);
    const s = session;
    await s.clickButton('New release');
    await s.waitFor(async () => (await s.text('[data-testid="status-badge"]')) === 'Draft', { what: 'a new draft' });
    await s.fill('Headline', 'Lakeshore opens a new water gauge');
    await s.fill('City', 'Port Aurel');
    await s.waitSaved();
    const list = await s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
    id = list.find((r) => r.headline.startsWith('Lakeshore opens')).id;
  });

  await step('copy the UN style as an office style, change font and paper, see the preview', async () => {
    const s = session;
    await s.clickButton('Preferences');
    await s.waitFor(() => s.exec(`return !!document.querySelector('#style-pick option[value="un"]')`), { what: 'the style list' });
    await setBy(s, '#style-new-id', 'lakeshore');
    await setBy(s, '#style-new-name', 'Lakeshore office');
    await s.clickButton('Copy as office style');
    await s.waitFor(
      () => s.exec(`return document.querySelector('#style-pick').selectedOptions[0]?.textContent.includes('lakeshore, r1, office')`),
      { what: 'the copy, revision 1, chosen' },
    );
    await setBy(s, '#style-body-font', 'Calibri');
    await setBy(s, '#style-paper', 'letter');
    await s.waitFor(
      () => s.exec(`const f = document.querySelector('.styles iframe'); return !!f && (f.contentDocument?.documentElement?.outerHTML ?? f.srcdoc).includes('--body-font: "Calibri"')`),
      { what: 'the live preview in Calibri' },
    );
    await s.clickButton('Save style');
    await s.waitFor(
      () => s.exec(`return document.querySelector('#style-pick').selectedOptions[0]?.textContent.includes('lakeshore, r2, office')`),
      { what: 'revision 2 after saving' },
    );
    await s.clickButton('Cancel');
  });

  await step('pick the office style for the release and export the Word file', async () => {
    const s = session;
    await s.waitFor(() => s.exec(`return !!document.querySelector('#field-house-style option[value="lakeshore"]')`), {
      what: 'the office style offered in the editor',
    });
    await s.setValue('House style', 'lakeshore');
    await s.waitSaved();
    assert.equal((await s.invoke('get_release', { id })).house_style, 'lakeshore');
    const before = new Set(fs.readdirSync(profile.exportDir));
    await s.clickButton('Export Word…');
    const name = await s.waitFor(
      () => fs.readdirSync(profile.exportDir).find((f) => f.endsWith('.docx') && !before.has(f)),
      { what: 'the Word file' },
    );
    const file = path.join(profile.exportDir, name);
    assert.match(docxPart(file, 'word/styles.xml'), /w:ascii="Calibri"/, 'the style font');
    assert.match(docxPart(file, 'word/document.xml'), /<w:pgSz w:w="12240"/, 'US Letter');
    const versions = await s.invoke('list_versions', { id });
    assert.deepEqual(versions[0].exported_with, [{ id: 'lakeshore', revision: 2 }]);
  });

  await step('the History names the style revision', async () => {
    const s = session;
    await s.clickButton('History');
    await s.waitForText('[data-testid="v-styles"]', 'Exported in lakeshore r2');
  });
});
