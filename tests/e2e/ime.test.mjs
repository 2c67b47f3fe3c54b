// Issue 18, input methods: a composition in progress (Chinese typed as
// pinyin, say) is never saved half-composed, and is not lost when autosave
// fires in the middle of it; the search box does not search for the
// half-composed text; the word count counts Chinese characters. The
// composition is driven by dispatching composition events and editing the
// DOM the way an input method does, on the real editor in the real window.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Session, createDraft, makeProfile, openRow, sleep, stepper } from './webdriver.mjs';

const HEADLINE = '海岸水务局开放新水厂'; // 10 characters
const LEAD = '今天开放。'; // 4 characters and a full stop
const PINYIN = 'shuiwuju';
const COMPOSED = '水务局';

const profile = makeProfile('ime');
let session = null;
after(async () => {
  if (session) await session.quit().catch(() => {});
});
const step = stepper(() => session);

/** Starts a composition at the end of the body's last paragraph and types
 *  `text` as the input method's uncommitted text. */
function composeInBody(s, text) {
  return s.exec(
    `const body = document.getElementById('field-body');
     body.focus();
     const ps = body.querySelectorAll('p');
     const node = ps[ps.length - 1].lastChild;
     getSelection().collapse(node, node.textContent.length);
     body.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
     body.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: arguments[0] }));
     document.execCommand('insertText', false, arguments[0]);
     return body.textContent;`,
    [text],
  );
}

/** Replaces the uncommitted `pending` text with `committed` and ends the composition. */
function commitInBody(s, pending, committed) {
  return s.exec(
    `const body = document.getElementById('field-body');
     const sel = getSelection();
     for (let i = 0; i < arguments[0].length; i++) sel.modify('extend', 'backward', 'character');
     body.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: arguments[1] }));
     document.execCommand('insertText', false, arguments[1]);
     body.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: arguments[1] }));
     return body.textContent;`,
    [pending, committed],
  );
}

const bodyText = (r) => JSON.stringify(r.body);

test('a composition is saved whole, never half-composed, and never lost', async () => {
  let id;

  await step('setup: a Chinese draft, open in the editor', async () => {
    session = await Session.start(profile);
    const s = session;
    id = await createDraft(s, {
      language: 'zh',
      type_label: '新闻稿',
      headline: HEADLINE,
      dateline: { city: '海港', date: '2026-06-02' },
      body: [{ type: 'paragraph', content: [{ text: LEAD, bold: false, italic: false }] }],
    });
    await openRow(s, id);
    // The core counts each Chinese character as a word.
    await s.waitForText('[data-testid="word-count"]', '14 words');
  });

  await step('an edit, then a composition within the autosave delay: nothing half-composed is saved', async () => {
    const s = session;
    // Something typed just before: its save is due while the composition runs.
    await s.fill('Subheadline', '水');
    const shown = await composeInBody(s, PINYIN);
    assert.ok(shown.endsWith(LEAD + PINYIN), `the editor shows ${JSON.stringify(shown)}`);
    // Autosave's delay passes several times over during the composition.
    await sleep(2500);
    const stored = await s.invoke('get_release', { id });
    assert.ok(!bodyText(stored).includes(PINYIN.slice(0, 4)), `half-composed text was saved: ${bodyText(stored)}`);
    assert.equal(await s.text('[data-testid="save-state"]'), 'Saving…', 'the pending edits are not shown as saved');
    // Nothing on screen was lost or reverted meanwhile.
    assert.ok((await s.exec(`return document.getElementById('field-body').textContent`)).endsWith(PINYIN));
    assert.equal(await s.valueOf('Subheadline'), '水');
  });

  await step('the composition ends: the composed text and the earlier edit are saved', async () => {
    const s = session;
    const shown = await commitInBody(s, PINYIN, COMPOSED);
    assert.ok(shown.endsWith(LEAD + COMPOSED), `the editor shows ${JSON.stringify(shown)}`);
    await s.waitSaved();
    const stored = await s.invoke('get_release', { id });
    assert.equal(stored.subheadline, '水');
    assert.deepEqual(stored.body, [{ type: 'paragraph', content: [{ text: LEAD + COMPOSED, bold: false, italic: false }] }]);
    // 10 + 1 + 4 + 3 characters.
    await s.waitForText('[data-testid="word-count"]', '18 words');
  });

  await step('the search box does not search for half-composed text', async () => {
    const s = session;
    const rows = () => s.exec(`return document.querySelectorAll('[data-testid="release-list"] button.row').length`);
    const before = await rows();
    assert.ok(before >= 2, `expected the welcome sample and the draft, got ${before} rows`);
    const setSearch = (value, events) =>
      s.exec(
        `const e = document.getElementById('search-text');
         e.focus();
         for (const [type, data] of arguments[1]) {
           if (type === 'input') {
             Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(e, arguments[0]);
             e.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: data }));
           } else e.dispatchEvent(new CompositionEvent(type, { bubbles: true, data }));
         }`,
        [value, events],
      );
    await setSearch('shui', [['compositionstart', ''], ['input', true]]);
    // A search for "shui" would list nothing; the list must stay as it was.
    await sleep(800);
    assert.equal(await rows(), before, 'the half-composed text was searched for');
    await setSearch(COMPOSED, [['input', true], ['compositionend', COMPOSED]]);
    await s.waitFor(async () => (await rows()) === 1, { what: 'the search for the composed text to list only the draft' });
    assert.equal(
      await s.exec(`return document.querySelector('[data-testid="release-list"] button.row').dataset.id`),
      id,
    );
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});
