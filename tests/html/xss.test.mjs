// Every exported page (samples + hostile fixture, full and fragment wrapped in
// a minimal document) opened from file:// in headless Chromium with scripts
// enabled: nothing runs, nothing is fetched, no active markup survives, and
// hostile text is shown as text. Nothing is injected into the pages.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { chromiumOptions, exportAll, HOSTILE_TEXT } from './export.mjs';

// Which languages run right to left: the core's list, as generated for the
// UI (ui/src/lib/bindings/languages.ts), never a copy kept here.
const RIGHT_TO_LEFT = JSON.parse(
  readFileSync(new URL('../../ui/src/lib/bindings/languages.ts', import.meta.url), 'utf8').match(
    /export const RIGHT_TO_LEFT: string\[\] = (\[[^\]]*\]);/,
  )[1],
);

const { dir, pages } = exportAll('dateline-xss-');
let browser;

before(async () => {
  browser = await chromium.launch(chromiumOptions);
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Characters XML 1.0 and HTML forbid in a document (tab, LF, CR allowed).
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;
const SAFE_HREF = /^(https?:|mailto:|tel:)/i;

/** Everything the page exposes about active content, read inside the page. */
function inspect() {
  const attrs = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) attrs.push(`${el.localName}[${a.name}]`);
      if (['style', 'srcdoc', 'formaction', 'action', 'background', 'xlink:href', 'ping'].includes(a.name.toLowerCase())) {
        attrs.push(`${el.localName}[${a.name}]`);
      }
    }
  }
  // textContent: the text as written (.type-label is uppercased by CSS); the
  // h1 is also read as rendered (innerText), which is what a reader sees.
  const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent);
  const article = document.querySelector('article.release');
  return {
    scripts: [...document.scripts].map((s) => ({ type: s.type, text: s.text, src: s.src })),
    dangerousAttrs: attrs,
    forbidden: [
      ...document.querySelectorAll(
        'iframe, frame, frameset, object, embed, svg, math, base, form, input, button, textarea, link, audio, video, source, template, noscript, meta[http-equiv="refresh" i]',
      ),
    ].map((e) => e.localName),
    images: [...document.images].map((i) => i.getAttribute('src')),
    pictures: [...document.querySelectorAll('.picture img')].map((i) => i.getAttribute('alt')),
    hrefs: [...document.querySelectorAll('[href]')].map((a) => ({
      tag: a.localName,
      href: a.getAttribute('href'),
      protocol: a.localName === 'a' ? a.protocol : null,
    })),
    anchors: [...document.querySelectorAll('a')].map((a) => ({ text: a.innerText, href: a.getAttribute('href') })),
    htmlLang: document.documentElement.lang,
    htmlDir: document.documentElement.dir,
    articleLang: article?.lang,
    articleDir: article?.dir,
    articleCount: document.querySelectorAll('article.release').length,
    title: document.title,
    h1: [...document.querySelectorAll('h1')].map((e) => e.innerText),
    typeLabel: text('.type-label'),
    reference: text('.reference'),
    subheadline: text('.subheadline'),
    dateline: text('.dateline'),
    bodyParagraphs: text('.body > p'),
    listItems: text('.body li'),
    addresses: text('.contacts address'),
    about: text('.about p'),
    aboutHeadings: text('.about h2'),
    subheadings: text('.body h2'),
    quotes: text('.body blockquote'),
    speakers: text('.quote figcaption'),
    captions: text('.picture figcaption'),
    groupHeadings: text('.contacts h3'),
    notes: text('.notes li'),
    masthead: text('.masthead .org'),
    bodyText: document.body.innerText,
  };
}

/**
 * Opens `url` in a fresh context and records dialogs, requests (other than
 * the page itself and data: URLs), console messages and uncaught errors.
 * Requests that would leave the machine are aborted, after being recorded.
 */
async function open(url) {
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1000, height: 1400 } });
  await context.route(/^(?!file:|data:)/, (route) => route.abort());
  const tab = await context.newPage();
  const seen = { context, tab, dialogs: [], requests: [], consoleMessages: [], pageErrors: [] };
  tab.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  tab.on('request', (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith('data:')) seen.requests.push(u);
  });
  tab.on('console', (m) => seen.consoleMessages.push(`${m.type()}: ${m.text()}`));
  tab.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  await tab.goto(url, { waitUntil: 'load' });
  // Give deferred handlers (image errors, timers) a chance to fire.
  await tab.waitForTimeout(300);
  await tab.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await tab.waitForTimeout(100);
  return seen;
}

// The watchers themselves work: a page that does what the exports must not
// is caught (dialog, request, console, active markup).
test('self-check: the harness catches a script, a dialog and a request', { timeout: 60_000 }, async () => {
  const bad = join(dir, 'self-check.html');
  writeFileSync(
    bad,
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>' +
      '<h1>x</h1><script>console.log("ran"); alert(1)</script>' +
      '<img src="http://127.0.0.1:9/x.png" onerror="void 0"><a href="javascript:void 0">j</a></body></html>',
  );
  const seen = await open(pathToFileURL(bad).href);
  try {
    const info = await seen.tab.evaluate(inspect);
    assert.deepEqual(seen.dialogs, ['alert: 1']);
    assert.deepEqual(seen.requests, ['http://127.0.0.1:9/x.png']);
    assert.ok(seen.consoleMessages.includes('log: ran'));
    assert.equal(info.scripts.length, 1);
    assert.deepEqual(info.dangerousAttrs, ['img[onerror]']);
    assert.deepEqual(info.images, ['http://127.0.0.1:9/x.png']);
    assert.deepEqual(info.hrefs.map((h) => h.protocol), ['javascript:']);
  } finally {
    await seen.context.close();
  }
});

for (const page of pages) {
  test(`${page.name} (${page.kind}): no script runs, no request, no active markup`, { timeout: 60_000 }, async () => {
    const source = readFileSync(page.path, 'utf8');
    assert.doesNotMatch(source, ILLEGAL, 'the file holds a character that HTML/XML forbid');

    const url = pathToFileURL(page.path).href;
    const { context, tab, dialogs, requests, consoleMessages, pageErrors } = await open(url);
    try {
      const info = await tab.evaluate(inspect);

      assert.deepEqual(dialogs, [], 'a dialog opened: script ran');
      assert.deepEqual(requests, [], 'the page requested something besides itself and data: URLs');
      assert.deepEqual(pageErrors, [], 'the page threw');
      assert.deepEqual(consoleMessages, [], 'the page logged to the console (a CSP violation would show here)');

      // Scripts: only the JSON-LD block in a full page, none in a fragment.
      const expectedScripts = page.kind === 'full' ? 1 : 0;
      assert.equal(info.scripts.length, expectedScripts, `scripts: ${JSON.stringify(info.scripts.map((s) => s.type))}`);
      for (const s of info.scripts) {
        assert.equal(s.type, 'application/ld+json');
        assert.equal(s.src, '');
        assert.doesNotMatch(s.text, /[<>&]/, 'JSON-LD must write <, > and & as \\u escapes');
        const ld = JSON.parse(s.text);
        assert.equal(ld['@type'], 'NewsArticle');
        assert.equal(ld.inLanguage, page.release.language);
        assert.equal(ld.headline, info.h1[0], 'JSON-LD headline is the visible headline');
        if (page.name === 'hostile') {
          assert.ok(ld.headline.includes(HOSTILE_TEXT));
          assert.ok(ld.publisher.name.includes(HOSTILE_TEXT));
        }
      }

      assert.deepEqual(info.dangerousAttrs, [], 'elements with event-handler or other active attributes');
      assert.deepEqual(info.forbidden, [], 'active or embedding elements');
      // The data: PNG logo, and the release's own pictures (data: PNG or JPEG).
      for (const src of info.images) assert.match(src ?? '', /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'only data: pictures');
      const pictures = (page.release.body ?? []).filter((b) => b.type === 'image').length;
      assert.equal(info.pictures.length, pictures, 'each picture of the body is shown');
      assert.ok(info.images.length <= pictures + (page.kind === 'full' ? 1 : 0), `images: ${info.images.length}`);
      for (const h of info.hrefs) {
        assert.equal(h.tag, 'a', `href on <${h.tag}>`);
        assert.match(h.href, SAFE_HREF, `unsafe href ${JSON.stringify(h.href)}`);
        assert.ok(['http:', 'https:', 'mailto:', 'tel:'].includes(h.protocol), `href resolves to ${h.protocol}`);
      }

      // Language and direction.
      const rtl = RIGHT_TO_LEFT.includes(page.release.language.split(/[-_]/)[0].toLowerCase());
      assert.equal(info.articleCount, 1);
      assert.equal(info.articleLang, page.release.language);
      assert.equal(info.articleDir, rtl ? 'rtl' : 'ltr');
      if (page.kind === 'full') {
        assert.equal(info.htmlLang, page.release.language);
        assert.equal(info.htmlDir, rtl ? 'rtl' : 'ltr');
        assert.equal(info.title, info.h1[0], '<title> is the headline');
        assert.equal(info.masthead.length, 1, 'masthead shows the organization');
      } else {
        assert.equal(info.htmlLang, 'en'); // the wrapper's
        assert.equal(info.masthead.length, 0, 'a fragment has no masthead');
      }
      if (rtl) {
        const dir = await tab.evaluate(() => getComputedStyle(document.querySelector('article.release')).direction);
        assert.equal(dir, 'rtl');
      }
      assert.equal(info.h1.length, 1);
      assert.ok(info.h1[0].trim().length > 0, 'headline is not empty');

      if (page.name === 'hostile') checkHostile(info, page);
    } finally {
      await context.close();
    }
  });
}

/** Hostile text is rendered as text everywhere, and only safe link targets stay linked. */
function checkHostile(info, page) {
  assert.ok(info.h1[0].includes(HOSTILE_TEXT), `h1 shows the literal ${HOSTILE_TEXT}: ${info.h1[0].slice(0, 120)}`);
  const everywhere = {
    typeLabel: info.typeLabel,
    reference: info.reference,
    subheadline: info.subheadline,
    dateline: info.dateline,
    bodyParagraphs: info.bodyParagraphs,
    listItems: info.listItems,
    addresses: info.addresses,
    about: info.about,
    notes: info.notes,
    aboutHeadings: info.aboutHeadings,
    subheadings: info.subheadings,
    quotes: info.quotes,
    speakers: info.speakers,
    captions: info.captions,
    pictureAlts: info.pictures,
    groupHeadings: info.groupHeadings,
  };
  if (page.kind === 'full') everywhere.masthead = info.masthead;
  for (const [field, values] of Object.entries(everywhere)) {
    assert.ok(values.length > 0, `${field} is rendered`);
    for (const v of values) {
      for (const needle of [HOSTILE_TEXT, '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) {
        assert.ok(v.includes(needle), `${field} shows ${needle} as text: ${v.slice(0, 120)}`);
      }
    }
  }
  for (const needle of ['<iframe src="javascript:alert(1)">', '"><script>alert(1)</script>', "'-alert(1)-'", ']]>', '&amp;']) {
    assert.ok(info.h1[0].includes(needle), `h1 shows ${needle}`);
  }
  // Emoji, flags, combining marks and Arabic survive; dropped controls do not.
  for (const needle of ['\u{1F469}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}', '\u{1F1F0}\u{1F1EC}', 'e\u0301', '\u202e', '\u0645\u0631\u062d\u0628\u0627']) {
    assert.ok(info.h1[0].includes(needle), `h1 keeps ${JSON.stringify(needle)}`);
  }
  assert.doesNotMatch(info.bodyText, ILLEGAL);

  // Links: "link 0" .. "link 9" had unsafe targets and must be plain text;
  // "link 10" and "link 11" had https targets (hostile but harmless) and stay links.
  const linked = info.anchors.map((a) => a.text);
  for (let i = 0; i <= 9; i++) {
    assert.ok(info.bodyParagraphs[1].includes(`link ${i} `), `text of link ${i} is kept`);
    assert.ok(!linked.some((t) => t.startsWith(`link ${i} `)), `link ${i} lost its unsafe target`);
  }
  for (const i of [10, 11]) {
    const a = info.anchors.find((x) => x.text.startsWith(`link ${i} `));
    assert.ok(a, `link ${i} kept its https target`);
    assert.match(a.href, /^https:\/\/example\.org\//);
  }
  // The contact built from `x"><script>...@example.org` gets a percent-encoded
  // mailto: link; the phone a tel: link for the number before the markup only.
  assert.ok(info.anchors.some((a) => a.href.startsWith('mailto:x%22%3E%3Cscript%3E') && a.text.startsWith('x"><script>')));
  assert.ok(info.anchors.some((a) => a.href === 'tel:+4122'));
}
