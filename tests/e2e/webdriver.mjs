// Minimal W3C WebDriver client for tauri-driver, on plain fetch (no npm deps),
// plus the helpers the Dateline end-to-end tests share.
//
// Environment (set by tests/run-e2e.sh):
//   DATELINE_APP      absolute path of the app binary (required)
//   WEBDRIVER_URL     tauri-driver address, default http://127.0.0.1:4444
//   E2E_ARTIFACTS     folder for failure screenshots / page sources
//   E2E_TMP           parent folder for the per-test profiles (removed by the
//                     runner after a passing run)
//   DISPLAY           the Xvfb display (for `import` screenshots)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DRIVER_URL = process.env.WEBDRIVER_URL || 'http://127.0.0.1:4444';
export const APP = process.env.DATELINE_APP || '';
export const ARTIFACTS = process.env.E2E_ARTIFACTS || path.join(os.tmpdir(), 'dateline-e2e-artifacts');
export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const DEFAULT_TIMEOUT = 10_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class WebDriverError extends Error {
  constructor(method, url, status, value) {
    super(`${method} ${url} -> ${status} ${value?.error ?? ''}: ${value?.message ?? JSON.stringify(value)}`);
    this.status = status;
    this.error = value?.error;
  }
}

export async function request(method, url, body, timeoutMs = 60_000) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, url, res.status, { message: text.slice(0, 500) });
  }
  if (!res.ok) throw new WebDriverError(method, url, res.status, json.value);
  return json.value;
}

/** A temporary folder per app profile: data dir, export dir, launcher script.
 *  `importFile` is what the app's file picker for reviewed Word files returns
 *  (DATELINE_IMPORT_FILE); the file need not exist yet. `imageFile` is what
 *  the picture dialog returns (DATELINE_IMAGE_FILE). */
export function makeProfile(name, { organization = 'Lakeshore Authority', importFile = '', importSource = '', imageFile = '', env = {} } = {}) {
  const parent = process.env.E2E_TMP || os.tmpdir();
  const root = fs.mkdtempSync(path.join(parent, `dateline-e2e-${name}-`));
  const dataDir = path.join(root, 'data');
  const exportDir = path.join(root, 'exports');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(exportDir);
  // tauri-driver cannot pass environment variables to the application, so the
  // "application" is a launcher that sets them and execs the real binary.
  const launcher = path.join(root, 'dateline-launch.sh');
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      `export DATELINE_DATA_DIR=${q(dataDir)}`,
      `export DATELINE_EXPORT_DIR=${q(exportDir)}`,
      `export DATELINE_ORGANIZATION=${q(organization)}`,
      ...(importFile ? [`export DATELINE_IMPORT_FILE=${q(importFile)}`] : []),
      ...(importSource ? [`export DATELINE_IMPORT_SOURCE=${q(importSource)}`] : []),
      ...(imageFile ? [`export DATELINE_IMAGE_FILE=${q(imageFile)}`] : []),
      ...Object.entries(env).map(([k, v]) => `export ${k}=${q(v)}`),
      `exec ${q(APP)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { root, dataDir, exportDir, launcher };
}

/** PIDs of running processes whose command line mentions `needle`. */
function pidsMatching(needle) {
  const out = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const env = fs.readFileSync(`/proc/${p}/environ`, 'utf8');
      if (cmd.includes(APP) && env.includes(needle)) out.push(Number(p));
    } catch {
      /* gone or not ours */
    }
  }
  return out;
}

export class Session {
  constructor(id, profile) {
    this.id = id;
    this.profile = profile;
    this.base = `${DRIVER_URL}/session/${id}`;
  }

  /** Starts the app (through the profile's launcher) and waits for the UI. */
  static async start(profile) {
    if (!APP) throw new Error('DATELINE_APP is not set (run through tests/run-e2e.sh)');
    // The single-instance plugin would hand a second start to a still-running
    // app: make sure the previous instance on this data dir has gone.
    await waitForExit(profile.dataDir);
    const value = await request('POST', `${DRIVER_URL}/session`, {
      capabilities: { alwaysMatch: { 'tauri:options': { application: profile.launcher } } },
    });
    const s = new Session(value.sessionId, profile);
    await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), {
      what: 'the app workspace to appear',
    });
    return s;
  }

  /** Ends the session (closes the app) and waits for the process to exit. */
  async quit() {
    try {
      await request('DELETE', this.base, undefined, 20_000);
    } finally {
      await waitForExit(this.profile.dataDir);
    }
  }

  cmd(method, rel, body) {
    return request(method, `${this.base}${rel}`, body);
  }

  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Calls an IPC command in the page; resolves to {ok, value} or {ok:false, error}. */
  async invokeRaw(name, args = {}) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
          .then((value) => done({ ok: true, value: value === undefined ? null : value }),
                (error) => done({ ok: false, error }));`,
      args: [name, args],
    });
  }

  /** Calls an IPC command; throws on rejection. */
  async invoke(name, args = {}) {
    const r = await this.invokeRaw(name, args);
    if (!r.ok) throw new Error(`invoke ${name} rejected: ${JSON.stringify(r.error)}`);
    return r.value;
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** The element whose visible text is exactly `text` (trimmed), among `css`. */
  async findByText(css, text, { timeout = DEFAULT_TIMEOUT } = {}) {
    return this.waitFor(
      async () => {
        const el = await this.exec(
          `return [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.trim() === arguments[1]) || null;`,
          [css, text],
        );
        return el ? el[ELEMENT] : null;
      },
      { timeout, what: `${css} with text ${JSON.stringify(text)}` },
    );
  }

  /** The form control labelled `label` (via <label for>), as an element id. */
  async byLabel(label, { timeout = DEFAULT_TIMEOUT, within = 'body' } = {}) {
    return this.waitFor(
      async () => {
        const el = await this.exec(
          `const root = document.querySelector(arguments[1]);
           if (!root) return null;
           const l = [...root.querySelectorAll('label[for]')].find((x) => x.textContent.trim() === arguments[0]);
           return l ? document.getElementById(l.htmlFor) : null;`,
          [label, within],
        );
        return el ? el[ELEMENT] : null;
      },
      { timeout, what: `the field labelled ${JSON.stringify(label)}` },
    );
  }

  async click(el) {
    await this.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [{ [ELEMENT]: el }]);
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async clickButton(text, opts) {
    const el = await this.findByText('button', text, opts);
    await this.waitFor(() => this.cmd('GET', `/element/${el}/enabled`), { what: `button "${text}" to be enabled` });
    return this.click(el);
  }

  clear(el) {
    return this.cmd('POST', `/element/${el}/clear`, {});
  }

  async type(el, text) {
    await this.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [{ [ELEMENT]: el }]);
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  /** Clears a text field, types into it, and checks it took the value. */
  async fill(label, text, opts) {
    const el = await this.byLabel(label, opts);
    await this.clear(el);
    await this.type(el, text);
    const value = await this.prop(el, 'value');
    if (value !== text) throw new Error(`field "${label}": typed ${JSON.stringify(text)}, it holds ${JSON.stringify(value)}`);
    return el;
  }

  /**
   * Sets an input whose native widget cannot be typed into reliably (date,
   * select): assigns the value and fires input + change like the browser does.
   */
  async setValue(label, value) {
    const el = await this.byLabel(label);
    await this.exec(
      `const e = arguments[0];
       e.focus();
       const proto = e instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
       Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, arguments[1]);
       e.dispatchEvent(new Event('input', { bubbles: true }));
       e.dispatchEvent(new Event('change', { bubbles: true }));`,
      [{ [ELEMENT]: el }, value],
    );
    const v = await this.prop(el, 'value');
    if (v !== value) throw new Error(`field "${label}": set ${JSON.stringify(value)}, it holds ${JSON.stringify(v)}`);
    return el;
  }

  prop(el, name) {
    return this.cmd('GET', `/element/${el}/property/${name}`);
  }

  async text(css) {
    return this.exec(`const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;`, [css]);
  }

  async valueOf(label, opts) {
    return this.prop(await this.byLabel(label, opts), 'value');
  }

  source() {
    return this.cmd('GET', '/source');
  }

  /** Polls `fn` until it returns a truthy value (errors count as "not yet"). */
  async waitFor(fn, { timeout = DEFAULT_TIMEOUT, interval = 100, what = 'condition' } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
        last = v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) {
        const detail = last instanceof Error ? last.message : JSON.stringify(last);
        const where = await this.dumpScreen(`timeout-${what}`);
        throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})\n${where}`);
      }
      await sleep(interval);
    }
  }

  async waitForText(css, expected, opts = {}) {
    let seen;
    return this.waitFor(
      async () => {
        seen = await this.text(css);
        return expected instanceof RegExp ? expected.test(seen ?? '') : seen === expected;
      },
      { what: `${css} to read ${expected} (it reads ${JSON.stringify(seen)})`, ...opts },
    ).catch((e) => {
      throw new Error(`${e.message}\n(${css} last read ${JSON.stringify(seen)})`);
    });
  }

  /** Waits until autosave reports "Saved" after the latest edit. */
  async waitSaved() {
    // Autosave waits up to 1 s after the last keystroke before saving.
    await sleep(300);
    await this.waitFor(
      async () => {
        const t = await this.text('[data-testid="save-state"]');
        if (t && t.startsWith('Not saved')) throw new Error(`save failed: ${t}`);
        if (t !== 'Saved') return false;
        // "Saved" is also the idle text: make sure no save is queued either.
        await sleep(1300);
        return (await this.text('[data-testid="save-state"]')) === 'Saved';
      },
      { what: 'save state "Saved"', timeout: 15_000 },
    );
  }

  /**
   * Saves the page source and a WebDriver screenshot to the artifacts folder;
   * returns a line for the failure message, including a snippet of visible text.
   */
  async dumpScreen(tag) {
    const safe = tag.replace(/[^a-z0-9-]+/gi, '_').slice(0, 60);
    const stamp = `${Date.now()}-${safe}`;
    const lines = [];
    try {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const src = await request('GET', `${this.base}/source`, undefined, 5_000);
      const srcPath = path.join(ARTIFACTS, `${stamp}.html`);
      fs.writeFileSync(srcPath, src);
      lines.push(`page source: ${srcPath}`);
      const png = await request('GET', `${this.base}/screenshot`, undefined, 10_000);
      const pngPath = path.join(ARTIFACTS, `${stamp}.png`);
      fs.writeFileSync(pngPath, Buffer.from(png, 'base64'));
      lines.push(`screenshot: ${pngPath}`);
      const visible = await request(
        'POST',
        `${this.base}/execute/sync`,
        { script: 'return document.body ? document.body.innerText : ""', args: [] },
        5_000,
      );
      lines.push(`visible text (start):\n${String(visible).replace(/\n{2,}/g, '\n').slice(0, 1500)}`);
    } catch (e) {
      lines.push(`(could not capture the screen: ${e.message})`);
    }
    return lines.join('\n');
  }
}

/** Creates a draft through IPC with `fields` over the new release's, reloads
 *  the page so the list shows it, and returns its id. */
export async function createDraft(s, fields) {
  const created = await s.invoke('create_release');
  await s.invoke('save_release', { release: { ...created, ...fields } });
  await s.cmd('POST', '/refresh', {});
  await s.waitFor(() => s.exec(`return document.querySelector('.workspace') !== null`), { what: 'the reloaded app' });
  return created.id;
}

/** Presses an export button in the editor bar and returns the written file
 *  (the path the "Exported to …" message names). */
export async function exportVia(s, button, ext) {
  await s.clickButton(button);
  const msg = await s.waitFor(
    async () => {
      const err = await s.exec(`return document.querySelector('.bar .msg.error')?.textContent ?? null`);
      if (err) throw new Error(err);
      const msgs = await s.exec(`return [...document.querySelectorAll('.bar .msg')].map((e) => e.textContent.trim())`);
      return msgs.find((t) => t.startsWith('Exported to ') && t.endsWith(`.${ext}`)) ?? null;
    },
    { what: `the "${button}" export to finish` },
  );
  return msg.slice('Exported to '.length);
}

/** Opens a release from the list and waits for the editor. */
export async function openRow(s, id) {
  // A list refresh (after a save or a new release) can replace the row
  // between finding and clicking it: find and click again.
  await s.waitFor(
    async () => {
      const row = await s.exec(`return document.querySelector('[data-testid="release-list"] button.row[data-id="' + arguments[0] + '"]');`, [id]);
      if (!row) return false;
      await s.click(Object.values(row)[0]);
      return true;
    },
    { what: `the list row of release ${id}` },
  );
  // The editor of this release, not the one open before it.
  await s.waitFor(
    () =>
      s.exec(
        `return !!document.querySelector('[data-testid="release-list"] button.row.selected[data-id="' + arguments[0] + '"]')
           && !document.querySelector('.loading') && !!document.querySelector('[data-testid="status-badge"]')
           && !!document.getElementById('field-headline')`,
        [id],
      ),
    { what: 'the editor' },
  );
}

/** Selects a side-panel tab (Preview, History, Clearance). */
export async function openTab(s, name) {
  await s.clickButton(name, { timeout: 5_000 });
  await s.waitFor(() => s.exec(`return document.getElementById('tab-' + arguments[0])?.getAttribute('aria-selected') === 'true'`, [name.toLowerCase()]), {
    what: `the ${name} tab`,
  });
}

/** Waits until no app process runs on this data dir (bounded). */
export async function waitForExit(dataDir, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const pids = pidsMatching(`DATELINE_DATA_DIR=${dataDir}\0`);
    if (pids.length === 0) return;
    if (Date.now() > deadline) throw new Error(`the app (pid ${pids.join(', ')}) did not exit within ${timeout} ms`);
    await sleep(100);
  }
}

/** Wraps a test body: on failure, appends what was on screen to the error. */
export async function withScreenOnFailure(getSession, fn) {
  try {
    return await fn();
  } catch (e) {
    const s = getSession();
    if (s && !String(e.message).includes('page source:')) {
      e.message += `\n--- on screen ---\n${await s.dumpScreen('failure')}`;
    }
    throw e;
  }
}

/** A named test step that reports its time, and what was on screen if it fails. */
export function stepper(getSession) {
  return async (name, fn) => {
    const t0 = Date.now();
    try {
      await withScreenOnFailure(getSession, fn);
    } catch (e) {
      throw new Error(`step "${name}": ${e?.message ?? e}`, { cause: e });
    }
    console.log(`  ok  ${name} (${Date.now() - t0} ms)`);
  };
}

/** Converts a .docx to plain text with LibreOffice; returns the text. */
export function docxToText(docx) {
  const outDir = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), 'dateline-e2e-soffice-'));
  const profileDir = path.join(outDir, 'profile');
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profileDir}`,
      '--headless',
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      outDir,
      docx,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const txt = path.join(outDir, path.basename(docx).replace(/\.docx$/i, '.txt'));
  // soffice exits 0 even when the conversion failed: the file is the proof.
  if (!fs.existsSync(txt)) {
    throw new Error(`soffice did not convert ${docx} (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return fs.readFileSync(txt, 'utf8');
}

/** One part of a zip package (a .docx), as text. */
export function unzipPart(file, part) {
  const r = spawnSync('unzip', ['-p', file, part], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`unzip -p ${file} ${part} failed (status ${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Screenshot of the whole X display with ImageMagick `import`. */
export function screenshotRoot(file) {
  const r = spawnSync('import', ['-window', 'root', file], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`import failed (status ${r.status}): ${r.stderr}`);
}
