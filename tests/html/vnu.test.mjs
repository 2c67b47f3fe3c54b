// Every exported page, full and fragment (wrapped in a minimal document), is
// valid HTML according to the W3C Nu checker. One JVM checks all files.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

import { exportAll } from './export.mjs';

const require = createRequire(import.meta.url);
const vnuJar = require.resolve('vnu-jar/build/dist/vnu.jar');

const { dir, pages } = exportAll('dateline-vnu-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('W3C Nu checker finds no errors in any exported page', { timeout: 180_000 }, async () => {
  const files = pages.map((p) => p.path);
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await promisify(execFile)(
      'java',
      ['-Xss4m', '-jar', vnuJar, '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch (e) {
    // vnu exits 1 when it reports errors; its JSON is on stderr either way.
    if (typeof e.stderr !== 'string' || !e.stderr.trim().startsWith('{')) throw e;
    ({ stdout, stderr } = e);
  }
  const report = JSON.parse(stderr.trim() || stdout.trim());
  const errors = report.messages.filter(
    (m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal',
  );
  const warnings = report.messages.filter((m) => m.type !== 'error' && m.type !== 'non-document-error');
  const where = (m) => `${basename(decodeURIComponent(new URL(m.url).pathname))}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
  const short = (s) => (s.length > 240 ? `${s.slice(0, 240)}…` : s);
  for (const m of warnings) console.log(`vnu ${m.subType ?? m.type}: ${where(m)}: ${short(m.message)}`);
  for (const m of errors) {
    console.error(`vnu ERROR: ${where(m)}: ${m.message}${m.extract ? `\n    ${JSON.stringify(m.extract)}` : ''}`);
  }
  assert.ok(files.length >= 14, `expected samples + hostile, full and fragment; got ${files.length} files`);
  const found = errors.map((m) => `${where(m)}: ${m.message}`);
  assert.deepEqual(found, [], `${found.length} vnu error(s)`);
});
