// Issue 18, linked language versions, in the real window: an English release
// gets a French and an Arabic version through "Add language version…"; the
// list shows them under it; two English paragraphs change, and both
// versions say "Source changed since v1" and show exactly those two
// paragraphs; each language is then cleared and exported on its own.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, Session, createDraft, makeProfile, openRow, screenshotRoot, sleep, stepper, unzipPart } from './webdriver.mjs';

const para = (text) => ({ type: 'paragraph', content: [{ text, bold: false, italic: false }] });
const EN = {
  headline: 'Harbour Board opens a ferry terminal in Kessel',
  body: [
    'The Harbour Board today opened a ferry terminal in Kessel for foot passengers.',
    'The terminal has two berths and a waiting hall heated by the sea.',
    'Ferries will leave every forty minutes from six in the morning.',
    'Tickets can be bought on board or at the terminal.',
  ],
};
const ADDED = [' It cost four million crowns.', ' The first ferry leaves on Monday.'];
const FR_HEADLINE = 'La Régie portuaire ouvre un terminal de ferry à Kessel';
const AR_HEADLINE = 'هيئة الميناء تفتتح محطة للعبّارات في كيسل';

const profile = makeProfile('languages');
let session = null;
after(async () => {
  if (session) await session.quit().catch(() => {});
});
const step = stepper(() => session);

/** "Add language version…" on the open release; returns the new release's id
 *  once the editor shows it. */
async function addLanguageVersion(s, language, sourceId) {
  await s.clickButton('Add language version…');
  await s.setValue('Language of the new version', language);
  await s.clickButton('Create');
  await s.waitFor(async () => (await s.valueOf('Language')) === language, { what: `the ${language} version in the editor` });
  const id = await s.exec(`return document.querySelector('[data-testid="release-list"] button.row.selected')?.dataset.id ?? null`);
  assert.ok(id && id !== sourceId, `the list does not select the new version (${id})`);
  return id;
}

/** The changed fields of the source diff shown on a language version. */
function sourceDiff(s) {
  return s.exec(`const box = document.querySelector('[data-testid="source-status"]');
    if (!box) return null;
    const changed = [...box.querySelectorAll('.field-diff')].map((f) => ({
      field: f.querySelector('h4').textContent.trim(),
      inserted: [...f.querySelectorAll('ins')].map((i) => i.textContent.trim()).join('|'),
      deleted: [...f.querySelectorAll('del')].map((i) => i.textContent).join('|'),
      dir: getComputedStyle(f.querySelector('.parts')).direction,
    }));
    return { text: box.textContent.replace(/\\s+/g, ' '), changed };`);
}

/** Puts the caret at the end of body paragraph `i` (0-based) and types `text`. */
async function appendToParagraph(s, i, text) {
  await s.exec(
    `const body = document.getElementById('field-body');
     body.focus();
     const p = body.querySelectorAll(':scope > p')[arguments[0]];
     const node = p.lastChild;
     getSelection().collapse(node, node.textContent.length);`,
    [i],
  );
  await s.cmd('POST', `/element/${await s.find('#field-body')}/value`, { text });
}

test('an English release with French and Arabic versions that follow its changes', async () => {
  let en;
  let fr;
  let ar;

  await step('setup: an English release with four paragraphs', async () => {
    session = await Session.start(profile);
    const s = session;
    en = await createDraft(s, {
      headline: EN.headline,
      dateline: { city: 'Kessel', date: '2026-06-02' },
      body: EN.body.map(para),
      contact_groups: [{ heading: '', contacts: [{ name: 'Jon Avery', title: 'Press Officer', organization: 'Harbour Board', email: 'press@harbour.example.org', phone: '', url: '' }] }],
      about: [{ heading: '', text: 'The Harbour Board runs the ports of the Kessel coast.' }],
    });
    await openRow(s, en);
  });

  await step('"Add language version…" in French: the structure is copied, the text is left to translate', async () => {
    const s = session;
    fr = await addLanguageVersion(s, 'fr', en);
    assert.equal(await s.valueOf('Type'), 'COMMUNIQUÉ DE PRESSE');
    assert.equal(await s.valueOf('Headline'), '');
    assert.equal(await s.valueOf('City'), 'Kessel');
    assert.equal(await s.valueOf('Name'), 'Jon Avery');
    assert.equal(await s.exec(`return document.querySelector('#about-0-text')?.value`), 'The Harbour Board runs the ports of the Kessel coast.');
    await s.waitForText('[data-testid="source-status"]', /Up to date with the source's v1\./);
    await s.fill('Headline', FR_HEADLINE);
    await s.waitSaved();
    // Making a version kept the English text as v1.
    assert.equal((await s.invoke('get_release', { id: en })).version, 1);
  });

  await step('and in Arabic, from the English release', async () => {
    const s = session;
    await openRow(s, en);
    ar = await addLanguageVersion(s, 'ar', en);
    assert.equal(await s.valueOf('Type'), 'بيان صحفي');
    assert.equal(await s.exec(`return getComputedStyle(document.getElementById('field-headline')).direction`), 'rtl');
    await s.fill('Headline', AR_HEADLINE);
    await s.waitSaved();
  });

  await step('the list shows the language versions under their source', async () => {
    const s = session;
    const rows = await s.waitFor(
      async () => {
        const r = await s.exec(`return [...document.querySelectorAll('[data-testid="release-list"] button.row')].map((b) => [b.dataset.id, b.classList.contains('language-version')])`);
        return r.length >= 4 ? r : null;
      },
      { what: 'four rows' },
    );
    const at = rows.findIndex(([id]) => id === en);
    assert.deepEqual(
      rows.slice(at, at + 3).map(([id, v]) => [id === en ? 'en' : id === fr ? 'fr' : id === ar ? 'ar' : id, v]).sort(),
      [['ar', true], ['en', false], ['fr', true]],
      `rows: ${JSON.stringify(rows)}`,
    );
  });

  await step('change two English paragraphs (the first and the third) in the editor', async () => {
    const s = session;
    await openRow(s, en);
    await appendToParagraph(s, 0, ADDED[0]);
    await appendToParagraph(s, 2, ADDED[1]);
    await s.waitSaved();
    const body = (await s.invoke('get_release', { id: en })).body.map((b) => b.content.map((r) => r.text).join(''));
    assert.deepEqual(body, [EN.body[0] + ADDED[0], EN.body[1], EN.body[2] + ADDED[1], EN.body[3]]);
  });

  for (const [name, id] of [['French', () => fr], ['Arabic', () => ar]]) {
    await step(`the ${name} version says so and shows exactly those two paragraphs`, async () => {
      const s = session;
      await openRow(s, id());
      await s.waitForText('[data-testid="source-changed"]', 'Source changed since v1.');
      const d = await sourceDiff(s);
      assert.deepEqual(
        d.changed.map(({ field, inserted, deleted }) => ({ field, inserted, deleted })),
        [
          { field: 'Body ¶1', inserted: ADDED[0].trim(), deleted: '' },
          { field: 'Body ¶3', inserted: ADDED[1].trim(), deleted: '' },
        ],
      );
      // The source's text reads in the source's direction, also in Arabic.
      assert.deepEqual([...new Set(d.changed.map((c) => c.dir))], ['ltr']);
    });
  }

  await step('screenshot of the Arabic version with its source changes (docs/img/language-version.png)', async () => {
    const s = session;
    await s.exec(`document.activeElement?.blur(); document.querySelector('.scroll').scrollTop = 0;`);
    await sleep(300);
    const shot = path.join(REPO, 'docs', 'img', 'language-version.png');
    screenshotRoot(shot);
    assert.ok(fs.statSync(shot).size > 20_000, 'the screenshot is blank');
  });

  await step('the French translator catches up: "Mark as up to date"', async () => {
    const s = session;
    await openRow(s, fr);
    await s.clickButton('Mark as up to date');
    await s.waitForText('[data-testid="source-status"]', /Up to date with the source's v2\./);
    assert.equal((await s.invoke('get_release', { id: fr })).translation_of.version, 2);
    // The Arabic version still follows v1.
    assert.equal((await s.invoke('source_status', { id: ar })).since, 1);
  });

  await step('search finds each language version', async () => {
    const s = session;
    const hits = async (text) =>
      (await s.invoke('list_releases', { query: { text, sort: 'relevance', limit: 50 } })).map((r) => r.id);
    assert.deepEqual(await hits('Régie portuaire'), [fr]);
    assert.deepEqual(await hits('كيسل'), [ar]);
    assert.ok((await hits('ferry terminal Kessel')).includes(en));
  });

  await step('each language is cleared and exported on its own', async () => {
    const s = session;
    await openRow(s, en);
    for (const [id, check] of [
      [fr, (xml) => assert.ok(xml.includes('COMMUNIQUÉ DE PRESSE') && xml.includes(FR_HEADLINE))],
      [ar, (xml) => assert.ok(/<w:bidi\s*\/>/.test(xml) && xml.includes(AR_HEADLINE))],
    ]) {
      await s.invoke('apply_action', { id, action: 'send_for_clearance' });
      const sent = await s.invoke('get_release', { id });
      await s.invoke('add_clearance_entry', {
        id,
        entry: { version: sent.version, reviewer: 'Dana Reviewer', role: 'Legal', decision: 'cleared', note: '' },
      });
      await s.invoke('apply_action', { id, action: 'mark_cleared' });
      const out = await s.invoke('export_release', { id, format: 'docx', mode: 'final' });
      check(unzipPart(out.path, 'word/document.xml'));
      assert.equal((await s.invoke('get_release', { id })).status, 'cleared');
      assert.equal((await s.invoke('list_clearance', { id })).length, 1);
    }
    // The source was not touched by its versions' clearance.
    const source = await s.invoke('get_release', { id: en });
    assert.equal(source.status, 'draft');
    assert.deepEqual(await s.invoke('list_clearance', { id: en }), []);
    const files = fs.readdirSync(profile.exportDir).filter((f) => !f.includes('DRAFT'));
    assert.equal(files.length, 2, `final files: ${files}`);
    assert.ok(files.every((f) => path.extname(f) === '.docx'));
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
