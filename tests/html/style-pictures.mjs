// Page 1 of each built-in house style's fixture (assets/samples/style-*.dateline.json),
// as Word renders it (the DOCX through LibreOffice → PDF → pdftoppm) and as the
// HTML page renders in Chromium: docs/img/style-<id>.png and style-<id>-html.png.
// Run: npm --prefix tests run style-pictures (after building the `dateline` CLI).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

import { builtInStyles, chromiumOptions, dateline, repo, samplesDir } from './export.mjs';

const outDir = join(repo, 'docs', 'img');
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'dateline-style-pictures-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const browser = await chromium.launch(chromiumOptions);
try {
  for (const id of builtInStyles(dir)) {
    const sample = join(samplesDir, `style-${id}.dateline.json`);
    const docx = join(dir, `style-${id}.docx`);
    run(dateline, ['export', '-f', 'docx', '--organization', 'Test Office', '-o', docx, sample]);
    run('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo')}`, '--convert-to', 'pdf', '--outdir', dir, docx]);
    run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', join(dir, `style-${id}.pdf`), join(outDir, `style-${id}`)]);
    console.log(join(outDir, `style-${id}.png`));

    const html = join(dir, `style-${id}.html`);
    run(dateline, ['export', '-f', 'html', '--organization', 'Test Office', '-o', html, sample]);
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    const out = join(outDir, `style-${id}-html.png`);
    await tab.screenshot({ path: out, fullPage: false });
    console.log(out);
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
