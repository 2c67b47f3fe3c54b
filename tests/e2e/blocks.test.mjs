// Issue 13, the release model v2 in the real app: in the Body, a subheading,
// a quote with its speaker and a picture (chosen through the picture dialog,
// read and checked by the core) with alt text and a caption; an About
// section and a spokesperson inserted from the library; then the Word and
// HTML exports carry all of them (the picture as a real picture with its
// alt text). Also writes docs/img/editor-blocks.png.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, Session, makeProfile, screenshotRoot, sleep, stepper } from './webdriver.mjs';

const PICTURE = path.join(REPO, 'crates', 'dateline-core', 'tests', 'fixtures', 'images', 'river-320x180.png');
const profile = makeProfile('blocks', { imageFile: PICTURE });
let session = null;

after(async () => {
  if (session) await session.quit().catch(() => {});
});

const step = stepper(() => session);

const R = {
  headline: 'Tamsin Watch maps tomorrow’s river levels street by street',
  lead: 'The Lakeshore Water Authority today opened Tamsin Watch, a free flood-mapping service.',
  subheading: 'How the service works',
  second: 'Gauges report every fifteen minutes.',
  quote: 'For the first time, a family can see what the river will do to their own street.',
  speaker: 'Orla Penhallow, Director',
  alt: 'A blue band shading from dark to light',
  caption: 'The colour scale for water depth',
};

const LIBRARY = {
  organizations: [{ heading: 'About the Tamsin Valley Trust', text: 'The Tamsin Valley Trust is a fictional charity that looks after the river.' }],
  contacts: [{ name: 'Ines Marwood', title: 'Press Officer', organization: 'Lakeshore Water Authority', email: 'press@lwa.example.org', phone: '', url: '' }],
  notes: [],
};

/** Clicks an export button (DATELINE_EXPORT_DIR skips the dialog) and
 *  returns the path of the new file with that extension. */
async function exportThroughUi(s, button, ext) {
  const before = new Set(fs.readdirSync(profile.exportDir));
  await s.clickButton(button);
  const name = await s.waitFor(
    () => fs.readdirSync(profile.exportDir).find((f) => f.endsWith(ext) && !before.has(f)),
    { what: `a new ${ext} file from "${button}"` },
  );
  return path.join(profile.exportDir, name);
}

/** One part of a Word package, read with unzip. */
function part(docx, name) {
  const r = spawnSync('unzip', ['-p', docx, name], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  assert.equal(r.status, 0, `unzip ${name}: ${r.stderr}`);
  return r.stdout;
}

/** Puts the editor's caret at the end of the element matched by `css`. */
async function caretAtEnd(s, css) {
  await s.exec(
    `const el = document.querySelector(arguments[0]);
     el.closest('[contenteditable]').focus();
     const r = document.createRange();
     r.selectNodeContents(el);
     r.collapse(false);
     const sel = window.getSelection();
     sel.removeAllRanges();
     sel.addRange(r);`,
    [css],
  );
  await sleep(100);
}

test('subheading, quote with speaker and picture, exported to Word and HTML', async () => {
  let id;
  await step('a new release with a lead, a subheading and a second paragraph', async () => {
    session = await Session.start(profile);
    const s = session;
    await s.invoke('set_library', { library: LIBRARY });
    await s.clickButton('New release');
    await s.waitFor(async () => (await s.valueOf('Headline')) === '', { what: 'a new, empty draft' });
    await s.fill('Headline', R.headline);
    await s.fill('City', 'Harrowgate Bay');
    const body = await s.find('#field-body');
    await s.click(body);
    await s.type(body, `${R.lead}\uE007`);
    await s.clickButton('Subheading');
    await s.type(body, `${R.subheading}\uE007${R.second}\uE007`);
    await s.clickButton('Quote');
    await s.type(body, R.quote);
    await s.fill('Speaker', R.speaker);
    assert.equal(await s.text('#field-body h2'), R.subheading);
    assert.equal(await s.text('#field-body blockquote'), R.quote);
  });

  await step('a picture after the second paragraph, with alt text and a caption', async () => {
    const s = session;
    await caretAtEnd(s, '#field-body > p:nth-of-type(2)');
    await s.clickButton('Picture…');
    const img = await s.waitFor(async () => (await s.findAll('#field-body figure img'))[0], { what: 'the picture in the editor' });
    await s.click(img);
    await s.fill('Alt text', R.alt);
    await s.fill('Caption', R.caption);
    await s.waitSaved();
    const list = await s.invoke('list_releases', { query: { text: '', sort: 'recent', limit: 0 } });
    id = list.find((r) => r.headline === R.headline).id;
    const r = await s.invoke('get_release', { id });
    const kinds = r.body.map((b) => b.type);
    assert.deepEqual(kinds, ['paragraph', 'subheading', 'paragraph', 'image', 'quote'], JSON.stringify(kinds));
    const image = r.body[3];
    assert.equal(image.media_type, 'image/png');
    assert.equal([image.width, image.height].join('×'), '320×180');
    assert.equal(Buffer.from(image.data, 'base64').compare(fs.readFileSync(PICTURE)), 0, 'the picture as it was on disk');
    assert.equal(image.alt, R.alt);
    assert.equal(image.caption, R.caption);
    assert.deepEqual(r.body[4], { type: 'quote', content: [{ text: R.quote, bold: false, italic: false }], speaker: R.speaker });
  });

  await step('an About section and a spokesperson inserted from the library', async () => {
    const s = session;
    await s.setValue('Insert from the library', 'organization:0');
    await s.clickButton('Insert');
    await s.setValue('Insert from the library', 'contact:0');
    await s.clickButton('Insert');
    await s.waitFor(async () => (await s.valueOf('Heading', { within: '.about-section' })) === LIBRARY.organizations[0].heading, {
      what: 'the inserted About section',
    });
    assert.equal(await s.prop(await s.find('#contact-0-name'), 'value'), 'Ines Marwood');
    await s.waitSaved();
    const r = await s.invoke('get_release', { id });
    assert.deepEqual(r.about, LIBRARY.organizations);
    assert.deepEqual(r.contact_groups, [{ heading: '', contacts: LIBRARY.contacts }]);
  });

  await step('screenshot of the editor with the new blocks', async () => {
    const s = session;
    await s.exec(`document.querySelector('#field-body h2').scrollIntoView({ block: 'start' });`);
    await sleep(400);
    const shot = path.join(REPO, 'docs', 'img', 'editor-blocks.png');
    screenshotRoot(shot);
    assert.ok(fs.statSync(shot).size > 20_000, 'the screenshot is not blank');
  });

  await step('the Word file has them: styles, text, and the picture with its alt text', async () => {
    const docx = await exportThroughUi(session, 'Export Word…', '.docx');
    const doc = part(docx, 'word/document.xml');
    for (const [style, text] of [
      ['BodySubheading', R.subheading],
      ['Quote', R.quote],
      ['QuoteSpeaker', `— ${R.speaker}`],
      ['Caption', R.caption],
    ]) {
      const re = new RegExp(`<w:pStyle w:val="${style}"\\s*/>.*?</w:p>`, 's');
      const para = doc.match(re)?.[0] ?? '';
      assert.ok(para.includes(text), `${style} paragraph holds ${text}`);
    }
    assert.match(doc, new RegExp(`<wp:docPr id="\\d+" name="Picture \\d+" descr="${R.alt}"\\s*/>`), 'the alt text on the picture');
    const rels = part(docx, 'word/_rels/document.xml.rels');
    const target = rels.match(/Type="[^"]*\/image" Target="(media\/[^"]+)"/)?.[1];
    assert.ok(target, 'a picture relationship');
    const media = spawnSync('unzip', ['-p', docx, `word/${target}`], { maxBuffer: 32 * 1024 * 1024 });
    assert.equal(media.stdout.compare(fs.readFileSync(PICTURE)), 0, 'the picture inside the Word file is the one chosen');
  });

  await step('the HTML page has them: h2, blockquote with the speaker, figure with alt and caption', async () => {
    const html = fs.readFileSync(await exportThroughUi(session, 'Export HTML…', '.html'), 'utf8');
    assert.ok(html.includes(`<h2 class="subheading">${R.subheading}</h2>`), 'subheading');
    assert.ok(html.includes(`<blockquote><p>${R.quote}</p></blockquote>`), 'quote');
    assert.ok(html.includes(`<figcaption>— <bdi>${R.speaker}</bdi></figcaption>`), 'speaker');
    const data = fs.readFileSync(PICTURE).toString('base64');
    assert.ok(html.includes(`<img src="data:image/png;base64,${data}" alt="${R.alt}" width="320" height="180">`), 'picture');
    assert.ok(html.includes(`<figcaption>${R.caption}</figcaption>`), 'caption');
    assert.ok(html.includes('<h2>About the Tamsin Valley Trust</h2>'), 'the About section from the library');
    assert.ok(html.includes('<bdi>Ines Marwood</bdi>'), 'the spokesperson from the library');
  });
});
