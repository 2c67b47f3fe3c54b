// Shared by the HTML-export tests: runs the `dateline` command line over every
// sample release and the hostile fixture, full page and --fragment, into a
// fresh temporary directory. Not a test file itself (no `.test.` in its name).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const samplesDir = join(repo, 'assets', 'samples');
export const hostileFile = join(repo, 'tests', 'fixtures', 'hostile.dateline.json');

/** The CLI: $DATELINE_BIN, else $CARGO_TARGET_DIR/debug/dateline, else the shared cache. */
export const dateline =
  process.env.DATELINE_BIN ||
  join(process.env.CARGO_TARGET_DIR || '/root/.cache/dateline-target', 'debug', 'dateline');

/** Chromium, launched by playwright-core without any downloaded browser. */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/** Publisher names passed with --organization, so the masthead is exercised too. */
const organizations = {
  'welcome': 'Dateline',
  'en-embargo-lists': 'Glacier Survey Alliance',
  'fr': 'Office de test',
  'ru': 'Тестовая организация',
  'ar': 'هيئة المياه الساحلية',
  'zh': '测试机构',
  'hostile': '<script>alert(1)</script> "><img src=x onerror=alert(1)> <svg onload=alert(1)> &amp; \u202e Org',
};

export const HOSTILE_TEXT = '<script>alert(1)</script>';

/** Minimal valid HTML5 document around a fragment, as the brief for the checks asks. */
export function wrapFragment(fragment) {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>' +
    fragment +
    '</body></html>\n'
  );
}

/** All inputs: the samples, then the hostile fixture. */
export function inputs() {
  if (!existsSync(dateline)) {
    throw new Error(
      `${dateline} not found: build it with ` +
        '`CARGO_TARGET_DIR=/root/.cache/dateline-target cargo build -p dateline-core --bin dateline` ' +
        'or set DATELINE_BIN',
    );
  }
  const samples = readdirSync(samplesDir)
    .filter((f) => f.endsWith('.dateline.json'))
    .sort()
    .map((f) => join(samplesDir, f));
  if (samples.length === 0) throw new Error(`no samples in ${samplesDir}`);
  return [...samples, hostileFile].map((file) => {
    const name = basename(file, '.dateline.json');
    const release = JSON.parse(readFileSync(file, 'utf8')).release;
    return { name, file, release, organization: organizations[name] ?? 'Test Office' };
  });
}

/**
 * Exports every input as a full page and as a fragment wrapped in a minimal
 * document. Returns one entry per HTML file written.
 */
export function exportAll(prefix = 'dateline-html-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const out = [];
  for (const input of inputs()) {
    const full = join(dir, `${input.name}.html`);
    run(['export', '--format', 'html', '--organization', input.organization, '-o', full, input.file]);
    out.push({ ...input, kind: 'full', path: full });

    const raw = join(dir, `${input.name}.fragment.raw.html`);
    run(['export', '--format', 'html', '--fragment', '--organization', input.organization, '-o', raw, input.file]);
    const fragment = readFileSync(raw, 'utf8');
    const wrapped = join(dir, `${input.name}.fragment.html`);
    writeFileSync(wrapped, wrapFragment(fragment));
    out.push({ ...input, kind: 'fragment', path: wrapped, fragment });
  }
  // The hostile fixture once more in every built-in house style, as the
  // command line lists them, so each style's CSS and layout is validated
  // and attacked too.
  const hostile = inputs().find((i) => i.name === 'hostile');
  for (const style of builtInStyles(dir)) {
    const path = join(dir, `hostile-style-${style}.html`);
    run(['export', '--format', 'html', '--style', style, '--organization', hostile.organization, '-o', path, hostile.file]);
    out.push({ ...hostile, name: `hostile-style-${style}`, kind: 'full', path });
  }
  return { dir, pages: out };
}

/** The built-in house styles, from `dateline styles` (in a scratch data folder). */
export function builtInStyles(dir) {
  const listed = execFileSync(dateline, ['styles'], {
    env: { ...process.env, DATELINE_DATA_DIR: join(dir, 'data') },
    encoding: 'utf8',
  });
  const ids = listed
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f[2] === 'built-in')
    .map((f) => f[0]);
  if (ids.length === 0) throw new Error(`dateline styles listed no built-in style:\n${listed}`);
  return ids;
}

function run(args) {
  try {
    execFileSync(dateline, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`dateline ${args.join(' ')} failed (${e.status}): ${e.stderr}`);
  }
}
