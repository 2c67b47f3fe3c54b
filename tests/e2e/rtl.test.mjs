// Issue 18, right-to-left editing, in the real window: an Arabic release
// opens with every text field running right to left (the core's direction,
// as in the exports); Home/End and the caret follow the Arabic reading
// order; Arabic typed into the body with a Latin name and a number inside is
// stored in logical order and comes out of Word (w:bidi, w:rtl) and HTML
// (dir="rtl") right to left. Leaves a screenshot in docs/img/editor-ar.png.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, Session, createDraft, exportVia, makeProfile, openRow, openTab, screenshotRoot, sleep, stepper, unzipPart } from './webdriver.mjs';

const KEY = { home: '\uE011', end: '\uE010', shift: '\uE008', control: '\uE009', enter: '\uE007' };
const sample = JSON.parse(fs.readFileSync(path.join(REPO, 'assets/samples/ar.dateline.json'), 'utf8')).release;
// Arabic with a Latin name and a number inside: "Jon Avery said that 42 new stations will open."
const TYPED = 'قال Jon Avery إن 42 محطة جديدة ستفتح.';

const profile = makeProfile('rtl');
let session = null;
after(async () => {
  if (session) await session.quit().catch(() => {});
});
const step = stepper(() => session);

/** Every text field of the release and its computed direction. */
const TEXT_FIELDS = [
  '#field-type', '#field-reference', '#field-headline', '#field-subheadline', '#field-city', '#field-region',
  '#field-wire-tag', '#field-body', '#field-body p', '#field-body ul', '#field-body li', '#contact-0-name',
  '#contact-0-title', '#contact-0-organization', '#contact-group-0-heading', '#about-0-heading', '#about-0-text',
  '#field-notes',
];

function directions(s, selectors) {
  return s.exec(
    `return Object.fromEntries(arguments[0].map((sel) => {
       const e = document.querySelector(sel);
       return [sel, e ? getComputedStyle(e).direction : 'missing'];
     }));`,
    [selectors],
  );
}

/** Where the caret is drawn in the body, relative to the paragraph holding it. */
function caretInBody(s) {
  return s.exec(`const sel = getSelection();
    if (!sel.rangeCount) return null;
    const r = sel.getRangeAt(0);
    const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
    const p = r.startContainer.parentElement.closest('p');
    const box = p.getBoundingClientRect();
    return { x: rect.left, left: box.left, right: box.right, offset: r.startOffset, text: p.textContent };`);
}

test('an Arabic release edits right to left and exports so', async () => {
  let id;

  await step('setup: the Arabic sample as a draft, with a region, notes and a wire tag', async () => {
    session = await Session.start(profile);
    const s = session;
    const { id: _i, status: _s, version: _v, revision: _r, created_at: _c, updated_at: _u, ...text } = sample;
    id = await createDraft(s, {
      ...text,
      dateline: { ...text.dateline, region: 'الساحل', wire_tag: '' },
      notes_to_editors: [{ type: 'paragraph', content: [{ text: 'الصور متاحة عند الطلب.', bold: false, italic: false }] }],
    });
    await openRow(s, id);
    assert.equal(await s.valueOf('Headline'), sample.headline);
  });

  await step('every text field runs right to left; e-mail and phone are isolated', async () => {
    const s = session;
    const got = await directions(s, TEXT_FIELDS);
    const want = Object.fromEntries(TEXT_FIELDS.map((sel) => [sel, 'rtl']));
    assert.deepEqual(got, want);
    // The bullets stand on the right: the list's indent is on its right side.
    const pad = await s.exec(`const cs = getComputedStyle(document.querySelector('#field-body ul'));
      return [parseFloat(cs.paddingRight), parseFloat(cs.paddingLeft)];`);
    assert.ok(pad[0] > 0 && pad[1] === 0, `the list is indented on the wrong side: right ${pad[0]}px, left ${pad[1]}px`);
    // An e-mail address and a phone number stay left to right inside the
    // Arabic form, as the exports wrap them in <bdi>.
    assert.deepEqual(await directions(s, ['#contact-0-email', '#contact-0-phone']), {
      '#contact-0-email': 'ltr',
      '#contact-0-phone': 'ltr',
    });
    // The form asks for fonts that cover the script (`lang` picks the
    // stack), and they are installed: text measured in each differs from
    // the same text in the generic fallback, so it is not drawn in that.
    const font = await s.exec(`return [document.getElementById('field-headline').lang, getComputedStyle(document.getElementById('field-headline')).fontFamily]`);
    assert.equal(font[0], 'ar');
    assert.match(font[1], /Noto Sans Arabic/);
    const missing = await s.exec(`const ctx = document.createElement('canvas').getContext('2d');
      const width = (family, text) => { ctx.font = '32px ' + family; return ctx.measureText(text).width; };
      return [['Noto Sans Arabic', 'مرحبا بالعالم'], ['Noto Nastaliq Urdu', 'پاکستان میں خوش آمدید'], ['Noto Sans Hebrew', 'שלום עולם']]
        .filter(([family, text]) => ['monospace', 'serif'].every((f) => width('"' + family + '", ' + f, text) === width(f, text)))
        .map(([family]) => family);`);
    assert.deepEqual(missing, [], `fonts not installed (Debian fonts-noto-core): ${missing}`);
  });

  await step('Home and End in a right-to-left field follow the Arabic reading order', async () => {
    const s = session;
    const headline = await s.byLabel('Headline');
    await s.click(headline);
    await s.cmd('POST', `/element/${headline}/value`, { text: KEY.end });
    assert.equal(await s.prop(headline, 'selectionStart'), sample.headline.length);
    await s.cmd('POST', `/element/${headline}/value`, { text: KEY.home });
    assert.equal(await s.prop(headline, 'selectionStart'), 0);
    // Shift+End selects from the first word to the last one.
    await s.cmd('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: KEY.shift },
            { type: 'keyDown', value: KEY.end },
            { type: 'keyUp', value: KEY.end },
            { type: 'keyUp', value: KEY.shift },
          ],
        },
      ],
    });
    assert.deepEqual(
      [await s.prop(headline, 'selectionStart'), await s.prop(headline, 'selectionEnd')],
      [0, sample.headline.length],
    );

    // In the body, Home goes to the start of the line, drawn on the
    // paragraph's right edge; End goes further in the text, to the left.
    const body = await s.find('#field-body');
    await s.click(await s.find('#field-body p'));
    await s.cmd('POST', `/element/${body}/value`, { text: KEY.home });
    const start = await caretInBody(s);
    assert.ok(start.right - start.x < 12, `Home put the caret at x=${start.x}, not at the right edge ${start.right}`);
    await s.cmd('POST', `/element/${body}/value`, { text: KEY.end });
    const end = await caretInBody(s);
    assert.ok(end.offset > start.offset, `End did not move the caret forward (${start.offset} → ${end.offset})`);
    assert.ok(end.x < start.x - 100, `End put the caret at x=${end.x}, not left of the start ${start.x}`);
  });

  await step('export before typing (v1), to compare against later', async () => {
    await session.waitSaved();
    await exportVia(session, 'Export HTML…', 'html');
  });

  await step('type Arabic with a Latin name and a number into the body: stored in logical order', async () => {
    const s = session;
    const body = await s.find('#field-body');
    await s.click(await s.find('#field-body p'));
    await s.cmd('POST', `/element/${body}/value`, { text: KEY.control + KEY.end + KEY.control });
    // The last block is a list: Enter twice leaves it for a new paragraph.
    await s.cmd('POST', `/element/${body}/value`, { text: KEY.enter + KEY.enter });
    await s.cmd('POST', `/element/${body}/value`, { text: TYPED });
    await s.waitSaved();
    const r = await s.invoke('get_release', { id });
    const last = r.body[r.body.length - 1];
    assert.deepEqual(last, { type: 'paragraph', content: [{ text: TYPED, bold: false, italic: false }] });
    // The new paragraph on screen runs right to left too.
    const dir = await s.exec(`const ps = document.querySelectorAll('#field-body > p'); return getComputedStyle(ps[ps.length - 1]).direction`);
    assert.equal(dir, 'rtl');
  });

  await step('screenshot of the editor in Arabic (docs/img/editor-ar.png)', async () => {
    const s = session;
    await s.waitFor(
      () => s.exec(`return document.querySelector('.frame-wrap iframe')?.contentDocument?.documentElement?.outerHTML || ''`).then((h) => h.includes('Jon Avery')),
      { what: 'the preview to show the typed paragraph' },
    );
    await s.exec(`document.activeElement?.blur(); document.getElementById('field-headline').scrollIntoView({ block: 'start' });`);
    await sleep(300);
    const shot = path.join(REPO, 'docs', 'img', 'editor-ar.png');
    screenshotRoot(shot);
    assert.ok(fs.statSync(shot).size > 20_000, 'the screenshot is blank');
  });

  await step('the Word file: w:bidi on the paragraph, w:rtl and w:lang bidi="ar" on its runs', async () => {
    const xml = unzipPart(await exportVia(session, 'Export Word…', 'docx'), 'word/document.xml');
    const para = xml.split('</w:p>').find((p) => p.includes('Jon Avery'));
    assert.ok(para, 'the typed paragraph is not in the Word file');
    assert.match(para, /<w:pPr>.*<w:bidi\s*\/>.*<\/w:pPr>/s, 'the paragraph has no w:bidi');
    const runs = para.match(/<w:r>.*?<\/w:r>/gs) ?? [];
    assert.ok(runs.length > 0);
    for (const run of runs) {
      assert.match(run, /<w:rtl\s*\/>/, `a run without w:rtl: ${run}`);
      assert.match(run, /w:bidi="ar"/, `a run without w:lang w:bidi="ar": ${run}`);
    }
    const text = runs.map((r) => [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('');
    assert.equal(text, TYPED);
  });

  await step('the HTML file: dir="rtl" on the page and the article, text in logical order', async () => {
    const html = fs.readFileSync(await exportVia(session, 'Export HTML…', 'html'), 'utf8');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<article class="release" lang="ar" dir="rtl">/);
    assert.ok(html.includes(`<p>${TYPED}</p>`), 'the typed paragraph is not in the HTML file');
  });

  await step('History and Clearance run in the release direction', async () => {
    const s = session;
    await openTab(s, 'History');
    await s.waitFor(() => s.exec(`return document.querySelectorAll('.versions li').length >= 2`), { what: 'two versions' });
    await s.clickButton('Compare');
    await s.waitFor(() => s.exec(`return !!document.querySelector('[data-testid="diff-view"] .parts')`), { what: 'the diff' });
    assert.deepEqual(await directions(s, ['.v-headline', '[data-testid="diff-view"] .parts']), {
      '.v-headline': 'rtl',
      '[data-testid="diff-view"] .parts': 'rtl',
    });
    await openTab(s, 'Clearance');
    assert.deepEqual(await directions(s, ['#clearance-reviewer', '#clearance-role', '#clearance-note']), {
      '#clearance-reviewer': 'rtl',
      '#clearance-role': 'rtl',
      '#clearance-note': 'rtl',
    });
  });

  await step('switching the language to English turns the fields left to right', async () => {
    const s = session;
    await s.setValue('Language', 'en');
    await s.waitFor(async () => Object.values(await directions(s, TEXT_FIELDS)).every((d) => d === 'ltr'), {
      what: 'every field to run left to right',
    });
    await s.setValue('Language', 'ar');
    await s.waitFor(async () => Object.values(await directions(s, TEXT_FIELDS)).every((d) => d === 'rtl'), {
      what: 'every field to run right to left again',
    });
    await s.waitSaved();
  });

  await step('quit', async () => {
    await session.quit();
    session = null;
  });
});

