// Renders the English and Arabic sample exports in Chromium at 1000×1400 and
// writes docs/img/html-en.png and docs/img/html-ar.png.
// Run: npm --prefix tests run screenshots

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

import { chromiumOptions, exportAll, repo } from './export.mjs';

const shots = { 'en-embargo-lists': 'html-en.png', ar: 'html-ar.png' };
const outDir = join(repo, 'docs', 'img');
mkdirSync(outDir, { recursive: true });

const { dir, pages } = exportAll('dateline-shots-');
const browser = await chromium.launch(chromiumOptions);
try {
  for (const p of pages.filter((x) => x.kind === 'full' && shots[x.name])) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(p.path).href, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    const out = join(outDir, shots[p.name]);
    await tab.screenshot({ path: out, fullPage: false });
    console.log(out);
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
