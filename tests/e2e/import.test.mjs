// Issue "Bring in releases written elsewhere", through the app: "Import
// release…" reads a Word file written by LibreOffice (from the import
// corpus, not by Dateline), shows the fields it filled beside the source;
// the officer fixes the headline and moves a source paragraph into the
// notes; nothing is saved until "Save as new release", which saves a new
// draft with the fixed fields. Then a release pasted as text goes the same
// way.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ELEMENT, REPO, Session, makeProfile, stepper } from './webdriver.mjs';

const DOCX = path.join(REPO, 'crates/dateline-core/tests/fixtures/import/un-bishkek.docx');
const HEADLINE = 'Mountain villages in Kyrgyzstan get year-round clinics';
const FIXED = 'Highland villages in Kyrgyzstan get year-round clinics';
const PASTED = [
  'PRESS RELEASE',
  '',
  'Kestrel Trust opens a wetland visitor centre',
  '',
  'Nairobi, 4 June 2026 – The Kestrel Trust opened a visitor centre at the Tana wetlands today.',
  '',
  'The centre will train 200 guides a year.',
  '',
  'For more information, please contact:',
  'Amina Otieno, Press Officer, Kestrel Trust, amina@kestrel.example',
  '',
  '###',
].join('\n');

const profile = makeProfile('import', { importSource: DOCX });
let session = null;
after(async () => {
  if (session) await session.quit().catch(() => {});
});
const step = stepper(() => session);

async function releases(s) {
  return s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
}

test('import a Word file and pasted text through the import screen', async () => {
  session = await Session.start(profile);
  const s = session;
  const before = (await releases(s)).length;

  await step('a Word file is read into the fields, nothing saved yet', async () => {
    await s.click(await s.find('#open-import'));
    await s.click(await s.find('#import-choose'));
    await s.waitFor(async () => (await s.exec(`return document.getElementById('import-headline')?.value ?? null`)) === HEADLINE, {
      what: 'the recognised headline',
    });
    const city = await s.exec(`return document.getElementById('import-city').value`);
    assert.equal(city, 'Bishkek');
    const contacts = await s.exec(`return document.querySelector('[data-testid="import-contacts"]').textContent`);
    assert.match(contacts, /Daniyar Osmonov, Communications Officer, UNOMD/);
    assert.equal((await releases(s)).length, before, 'nothing is saved before the officer accepts');
  });

  await step('the officer fixes the headline, moves a paragraph, and saves', async () => {
    const h = await s.find('#import-headline');
    await s.clear(h);
    await s.type(h, FIXED);
    // The second body paragraph goes to the notes to editors.
    const idx = await s.exec(`return [...document.querySelectorAll('.src p')].findIndex((p) => p.textContent.startsWith('Each post is staffed'))`);
    assert.ok(idx >= 0, 'the source paragraph is shown');
    await s.exec(
      `const sel = document.querySelector('[data-testid="move-' + arguments[0] + '"]'); sel.value = 'notes'; sel.dispatchEvent(new Event('change', { bubbles: true }));`,
      [idx],
    );
    await s.click(await s.find('#import-save'));
    await s.waitFor(async () => (await s.exec(`return document.getElementById('field-headline')?.value ?? null`)) === FIXED, {
      what: 'the saved release open in the editor',
    });
    const list = await releases(s);
    assert.equal(list.length, before + 1);
    const saved = await s.invoke('get_release', { id: list.find((r) => r.headline === FIXED).id });
    assert.equal(saved.dateline.city, 'Bishkek');
    assert.equal(saved.dateline.date, '2024-05-17');
    assert.equal(saved.reference, 'UNOMD/PR/2024/031');
    assert.ok(saved.notes_to_editors.some((n) => n.type === 'paragraph' && n.content.map((i) => i.text).join('').startsWith('Each post is staffed')));
    assert.ok(!saved.body.some((b) => b.type === 'paragraph' && b.content.map((i) => i.text).join('').startsWith('Each post is staffed')));
    assert.equal(saved.status, 'draft');
  });

  await step('pasted text becomes a new release', async () => {
    await s.click(await s.find('#open-import'));
    const box = await s.find('#import-paste');
    await s.exec(
      `const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event('input', { bubbles: true }));`,
      [{ [ELEMENT]: box }, PASTED],
    );
    await s.click(await s.find('#import-read-pasted'));
    await s.waitFor(async () => (await s.exec(`return document.getElementById('import-headline')?.value ?? null`)) === 'Kestrel Trust opens a wetland visitor centre', {
      what: 'the pasted headline',
    });
    await s.click(await s.find('#import-save'));
    await s.waitFor(async () => (await releases(s)).some((r) => r.headline === 'Kestrel Trust opens a wetland visitor centre'), {
      what: 'the pasted release in the list',
    });
    const list = await releases(s);
    const saved = await s.invoke('get_release', { id: list.find((r) => r.headline.startsWith('Kestrel')).id });
    assert.equal(saved.dateline.city, 'Nairobi');
    assert.equal(saved.contact_groups[0].contacts[0].email, 'amina@kestrel.example');
    assert.equal(saved.end_mark, 'hashes');
  });
});
