// UI measurements of bench/run, through tauri-driver (W3C WebDriver), run
// inside dbus-run-session + Xvfb by bench/run. Prints one JSON document.
//
// Environment:
//   WEBDRIVER_URL  tauri-driver address
//   BENCH_APP      absolute path of the release dateline-app binary
//   BENCH_EMPTY    absolute path of the empty-window baseline binary
//   BENCH_DBS      "100=/dir,1000=/dir,10000=/dir" (data folders from gen_db)
//   BENCH_WORK     scratch folder (launcher scripts)
//   BENCH_RUNS     start-up runs per database (default 7)
//   BENCH_KEYS     keystroke repetitions per case (default 5)
//   BENCH_MEM_ROUNDS memory rounds, app and empty window alternating (default 3)
//   BENCH_TYPED    keystrokes typed per preview state (default 500)
//   BENCH_APP_ENV  extra environment for the app only, "NAME=value ..." (trials)
//   BENCH_PARTS    which measurements, comma-separated (default
//                  "startup,memory,keystroke,typing")
//
// Start-up is measured from outside the app: the kernel's start time of the
// app process (/proc/PID/stat, field 22, on the boot-time clock) to the
// moment a WebDriver poll (every ~10 ms) finds the list with rows and not
// busy, read on the same clock (/proc/uptime). Both have 10 ms resolution.
//
// Keystroke-to-results: a real key sent with WebDriver "element send keys";
// the page timestamps the keydown event, and a MutationObserver on the list's
// aria-busy waits for the new results to be delivered (busy -> not busy),
// then the next animation frame (the frame that paints them).
//
// Typing with the preview open and closed: a release of the largest database
// is open; keystrokes go to the headline (a plain input) and the body
// (TipTap) in blocks of 50 with WebDriver "element send keys", alternating
// preview shown / hidden so that both see the same machine load. The page
// itself times each keystroke: from the keydown event to the first task
// after the next animation frame (the frame that shows the character has
// been painted by then). The WebDriver wall time per character is kept too.

import fs from 'node:fs';
import path from 'node:path';

import { ELEMENT, request } from '../tests/e2e/webdriver.mjs';

const DRIVER = process.env.WEBDRIVER_URL || 'http://127.0.0.1:4444';
const APP = process.env.BENCH_APP;
const EMPTY = process.env.BENCH_EMPTY;
const WORK = process.env.BENCH_WORK;
const RUNS = Number(process.env.BENCH_RUNS || 7);
const KEYS = Number(process.env.BENCH_KEYS || 5);
const TYPED = Number(process.env.BENCH_TYPED || 500);
const MEM_ROUNDS = Number(process.env.BENCH_MEM_ROUNDS || 3);
// Extra environment for the app only ("NAME=value NAME2=value"), for trials.
const APP_ENV = (process.env.BENCH_APP_ENV || '').split(' ').filter(Boolean);
const PARTS = new Set((process.env.BENCH_PARTS || 'startup,memory,keystroke,typing').split(','));
const DBS = (process.env.BENCH_DBS || '').split(',').filter(Boolean).map((s) => {
  const [n, dir] = s.split('=');
  return { n: Number(n), dir };
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('[ui]', ...a);


class Session {
  static async start(application) {
    const v = await request('POST', `${DRIVER}/session`, {
      capabilities: { alwaysMatch: { 'tauri:options': { application } } },
    });
    const s = new Session();
    s.base = `${DRIVER}/session/${v.sessionId}`;
    return s;
  }
  exec(script, args = []) {
    return request('POST', `${this.base}/execute/sync`, { script, args });
  }
  async quit() {
    await request('DELETE', this.base, undefined, 20_000).catch((e) => log('quit:', e.message));
  }
  async find(css) {
    return (await request('POST', `${this.base}/element`, { using: 'css selector', value: css }))[ELEMENT];
  }
  click(el) {
    return request('POST', `${this.base}/element/${el}/click`, {});
  }
  sendKeys(el, text) {
    return request('POST', `${this.base}/element/${el}/value`, { text });
  }
  async waitFor(fn, what, timeout = 30_000, interval = 10) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(interval);
    }
  }
}

// ---- processes ------------------------------------------------------------
function procs() {
  const out = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(p), ppid: Number(rest[1]), start: Number(rest[19]) });
    } catch {
      /* gone */
    }
  }
  return out;
}
function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}
/** The newest process whose argv[0] is `bin` (the launcher execs it). */
function findPid(bin) {
  const ps = procs().filter((p) => cmdline(p.pid)[0] === bin || cmdline(p.pid).slice(0, 3).includes(bin));
  ps.sort((a, b) => b.start - a.start);
  return ps[0];
}
function descendants(pid) {
  const ps = procs();
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const p of ps) if (p.ppid === out[i]) out.push(p.pid);
  return out;
}
/** PSS and USS (private pages only) of one process, KiB. PSS shares each
 *  library page among every process that maps it, so it moves when other
 *  WebKit programs run on the machine; USS does not. */
function pssKiB(pid) {
  try {
    const t = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const f = (k) => Number(t.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
    return { pss: f('Pss'), uss: f('Private_Clean') + f('Private_Dirty') };
  } catch {
    return { pss: 0, uss: 0 };
  }
}
/** PSS of one process by mapping (anonymous, heap, each library or font
 *  file), in KiB: where the memory goes. */
function smapsBreakdown(pid) {
  const out = {};
  let name = '';
  try {
    for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
      if (head) {
        const file = head[1].trim();
        name = !file ? '[anon]' : file.startsWith('/memfd:') ? '[memfd]' : file.startsWith('[') ? file : path.basename(file).replace(/\.so[.0-9]*$/, '');
        continue;
      }
      const m = line.match(/^Pss:\s+(\d+) kB/);
      if (m) out[name] = (out[name] || 0) + Number(m[1]);
    }
  } catch {
    /* gone */
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]).slice(0, 25));
}
function memory(pid) {
  const pids = descendants(pid);
  const parts = pids.map((p) => {
    const m = pssKiB(p);
    return { pid: p, name: (cmdline(p)[0] || '').split('/').pop(), pss_kib: m.pss, uss_kib: m.uss, top: smapsBreakdown(p) };
  });
  return { total_kib: parts.reduce((a, b) => a + b.pss_kib, 0), uss_kib: parts.reduce((a, b) => a + b.uss_kib, 0), parts };
}
const uptimeMs = () => Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
async function waitExit(pid, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (fs.existsSync(`/proc/${pid}`)) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} did not exit`);
    await sleep(50);
  }
}

function launcher(dataDir) {
  const file = path.join(WORK, `launch-${path.basename(dataDir)}.sh`);
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const exp = path.join(WORK, 'exports');
  fs.mkdirSync(exp, { recursive: true });
  fs.writeFileSync(
    file,
    ['#!/bin/sh', `export DATELINE_DATA_DIR=${q(dataDir)}`, `export DATELINE_EXPORT_DIR=${q(exp)}`, ...APP_ENV.map((e) => `export ${q(e)}`), `exec ${q(APP)} "$@"`, ''].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

const LIST_READY = `const v = document.querySelector('[data-testid="release-list"]');
  return !!v && v.getAttribute('aria-busy') === 'false' && v.querySelectorAll('button.row').length > 0;`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

// ---- start-up ---------------------------------------------------------------
/** One start of `launch` (binary `bin`): process start to `ready` true,
 *  and where the time went (page clock mapped onto the boot-time clock). */
async function startOnce(launch, bin, ready, what) {
  const s = await Session.start(launch);
  const proc = findPid(bin);
  await s.waitFor(() => s.exec(ready), what, 30_000, 5);
  const up = uptimeMs();
  const ms = up - proc.start * 10; // CLK_TCK = 100
  // The page's clock starts at its navigation; read it with the boot-time
  // clock around one call to place the page's events after process start.
  const b0 = uptimeMs();
  const page = await s.exec(`const n = performance.getEntriesByType('navigation')[0] || {};
    return { now: performance.now(), domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd,
      marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('dateline:')).map((m) => [m.name.slice(9), m.startTime]) };`);
  const b1 = uptimeMs();
  const navAt = (b0 + b1) / 2 - page.now - proc.start * 10;
  const phases = { navigation: navAt, dom_interactive: navAt + page.domInteractive, dom_content_loaded: navAt + page.domContentLoaded };
  for (const [name, t] of page.marks) phases[name] = navAt + t;
  await s.quit();
  await waitExit(proc.pid);
  await sleep(300);
  return { ms, phases };
}

/**
 * Start-up of the app at every size and of the empty window (with Tauri's
 * defaults, and with compositing off as Dateline runs), in alternation, so
 * that a busy moment of the shared machine hits all of them alike.
 */
async function startupAll() {
  const empty = { n: 0, runs: [] }, same = { n: 0, runs: [] };
  const apps = DBS.map((db) => ({ n: db.n, runs: [], l: launcher(db.dir) }));
  const noComp = emptyNoCompositing();
  for (let i = 0; i < RUNS; i++) {
    const page = `return document.readyState === 'complete'`;
    empty.runs.push(await startOnce(EMPTY, EMPTY, page, 'the empty page'));
    same.runs.push(await startOnce(noComp, EMPTY, page, 'the empty page'));
    for (const a of apps) a.runs.push(await startOnce(a.l, APP, LIST_READY, 'the list'));
  }
  for (const r of [empty, same, ...apps]) {
    r.median_ms = median(r.runs.map((x) => x.ms));
    // Median time from process start to each phase, over the runs.
    r.phases_ms = {};
    for (const k of Object.keys(r.runs[0].phases)) r.phases_ms[k] = median(r.runs.map((x) => x.phases[k]).filter((v) => v != null));
    delete r.l;
  }
  for (const r of [same, ...apps]) log(`startup ${r.n} phases (ms after process start):`, JSON.stringify(r.phases_ms, (k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  log(`startup empty ${empty.median_ms}, empty no compositing ${same.median_ms}, app`, apps.map((a) => `${a.n}: ${a.median_ms}`).join(', '));
  return { empty, same, apps };
}

function emptyNoCompositing() {
  const app = path.join(WORK, 'launch-empty-no-compositing.sh');
  fs.writeFileSync(app, ['#!/bin/sh', 'export WEBKIT_DISABLE_COMPOSITING_MODE=1', `exec '${EMPTY}' "$@"`, ''].join('\n'), { mode: 0o755 });
  return app;
}

// ---- memory -----------------------------------------------------------------
async function settleAndMeasure(pid) {
  await sleep(3000);
  const samples = [];
  for (let i = 0; i < 3; i++) {
    samples.push(memory(pid));
    await sleep(700);
  }
  samples.sort((a, b) => a.total_kib - b.total_kib);
  return samples[1];
}

async function memoryApp(db) {
  const s = await Session.start(launcher(db.dir));
  const proc = findPid(APP);
  await s.waitFor(() => s.exec(LIST_READY), 'the list');
  const row = await s.find('[data-testid="release-list"] button.row');
  const headline = await s.exec(`return document.querySelector('[data-testid="release-list"] button.row .headline').textContent.trim()`);
  await s.click(row);
  await s.waitFor(
    () => s.exec(`const h = document.getElementById('field-headline'); return !!h && h.value.trim() === arguments[0];`, [headline]),
    'the release to open',
  );
  const m = await settleAndMeasure(proc.pid);
  m.dom_elements = await s.exec(`return { app: document.getElementsByTagName('*').length,
    preview: document.querySelector('[data-testid="preview"]')?.contentDocument?.getElementsByTagName('*').length ?? null,
    scripts: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => e.name.split('/').pop()) }`);
  await s.quit();
  await waitExit(proc.pid);
  log(`memory app ${db.n}: ${m.total_kib} KiB`, JSON.stringify(m.dom_elements));
  return { n: db.n, ...m };
}

/**
 * The empty window as Tauri ships it (`sameSetting` false: the budget's
 * baseline), or with WebKit's compositing turned off as Dateline turns it off
 * for itself (`sameSetting` true: the like-for-like figure, so that what the
 * UI itself costs is visible too).
 */
async function memoryEmpty(sameSetting) {
  const app = sameSetting ? emptyNoCompositing() : EMPTY;
  const s = await Session.start(app);
  const proc = findPid(EMPTY);
  await s.waitFor(() => s.exec(`return document.readyState === 'complete'`), 'the empty page');
  const m = await settleAndMeasure(proc.pid);
  await s.quit();
  await waitExit(proc.pid);
  log(`memory empty window${sameSetting ? ', compositing off' : ''}: ${m.total_kib} KiB`);
  return m;
}

// ---- keystroke to results ---------------------------------------------------
const CASES = [
  { name: 'first letter "g"', prefill: '', key: 'g' },
  { name: 'city "Bishkek"', prefill: 'Bishke', key: 'k' },
  { name: 'person "Aigerim Sadykova"', prefill: 'Aigerim Sadykov', key: 'a' },
  { name: 'word "wetland"', prefill: 'wetlan', key: 'd' },
  { name: 'zh "湿地保护"', prefill: '湿地保', key: '护' },
];

const SET_SEARCH = `const e = document.getElementById('search-text');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(e, arguments[0]);
  e.dispatchEvent(new Event('input', { bubbles: true }));`;

const ARM = `const v = document.querySelector('[data-testid="release-list"]');
  const e = document.getElementById('search-text');
  const kb = (window.__kb = { t0: null, t1: null, tdom: null, busy: false });
  e.addEventListener('keydown', (ev) => {
    const now = performance.now();
    kb.t0 = ev.timeStamp > 0 && ev.timeStamp <= now ? ev.timeStamp : now;
  }, { once: true });
  const mo = new MutationObserver(() => {
    const b = v.getAttribute('aria-busy');
    if (b === 'true') kb.busy = true;
    else if (kb.busy && kb.tdom === null) {
      kb.tdom = performance.now();
      mo.disconnect();
      requestAnimationFrame(() => { kb.t1 = performance.now(); kb.rows = v.querySelectorAll('button.row').length;
        kb.count = document.querySelector('.count')?.textContent; kb.value = e.value; });
    }
  });
  mo.observe(v, { attributes: true, attributeFilter: ['aria-busy'] });
  return true;`;

async function keystrokes(db) {
  const s = await Session.start(launcher(db.dir));
  const proc = findPid(APP);
  await s.waitFor(() => s.exec(LIST_READY), 'the list');
  const input = await s.find('#search-text');
  const out = [];
  for (const c of CASES) {
    const times = [];
    let last = null;
    for (let i = 0; i < KEYS; i++) {
      await s.exec(SET_SEARCH, [c.prefill]);
      await sleep(150);
      await s.waitFor(() => s.exec(`return document.querySelector('[data-testid="release-list"]').getAttribute('aria-busy') === 'false'`), 'prefill results');
      await sleep(200);
      await s.exec(ARM);
      await s.sendKeys(input, c.key);
      last = await s.waitFor(() => s.exec(`return window.__kb.t1 !== null ? window.__kb : null`), `results for ${c.name}`, 20_000);
      if (last.value !== c.prefill + c.key) throw new Error(`typed into the search box, it holds ${JSON.stringify(last.value)}`);
      times.push(last.t1 - last.t0);
    }
    const r = { case: c.name, median_ms: median(times), max_ms: Math.max(...times), times, results: last.count };
    log(`keystroke ${db.n} ${c.name}: median ${r.median_ms.toFixed(1)} ms (${r.results})`);
    out.push(r);
  }
  await s.exec(SET_SEARCH, ['']);
  await s.quit();
  await waitExit(proc.pid);
  return { n: db.n, cases: out };
}

// ---- typing with the preview open / closed --------------------------------
const TYPE_ARM = `const kt = (window.__kt = window.__kt || { samples: [] });
  if (!kt.listening) {
    kt.listening = true;
    const ch = new MessageChannel();
    const pending = [];
    ch.port1.onmessage = () => { const t0 = pending.shift(); if (t0 !== undefined) kt.samples.push(performance.now() - t0); };
    document.addEventListener('keydown', (ev) => {
      const now = performance.now();
      const t0 = ev.timeStamp > 0 && ev.timeStamp <= now ? ev.timeStamp : now;
      requestAnimationFrame(() => { pending.push(t0); ch.port2.postMessage(0); });
    }, true);
  }
  kt.samples = [];
  return true;`;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] : null;
};

async function typing(db) {
  const s = await Session.start(launcher(db.dir));
  const proc = findPid(APP);
  await s.waitFor(() => s.exec(LIST_READY), 'the list');
  // A draft (a cleared release's text is locked), English, on screen.
  const draft = await s.exec(`const b = [...document.querySelectorAll('[data-testid="release-list"] button.row')]
    .find((r) => r.querySelector('.status-draft'));
  return b ? b.dataset.id : null;`);
  if (!draft) throw new Error('no draft among the first rows of the list');
  await s.click(await s.find(`[data-testid="release-list"] button.row[data-id="${draft}"]`));
  await s.waitFor(() => s.exec(`return !!document.querySelector('#field-body[contenteditable="true"]') && !!document.getElementById('field-headline')`), 'the editor');
  await sleep(1500);
  const BLOCK = 50;
  const PACED = 20; // per block: a fifth of the keystrokes
  const text = 'the quick brown fox jumps over a lazy dog, again. '.slice(0, BLOCK);
  const fresh = () => ({ samples: [], wall_ms: 0, chars: 0, paced: [], paced_chars: 0 });
  const state = { open: fresh(), closed: fresh() };
  let seed = 17;
  const gap = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) % 400); // 0..399 ms, the same series each run
  const setPreview = async (open) => {
    const shown = await s.exec(`return document.querySelector('button.toggle-side').getAttribute('aria-expanded') === 'true'`);
    if (shown !== open) await s.click(await s.find('button.toggle-side'));
    await s.waitFor(() => s.exec(`return !!document.querySelector('[data-testid="preview"]') === arguments[0]`, [open]), 'the preview to toggle');
  };
  for (let round = 0; state.open.chars < TYPED || state.closed.chars < TYPED; round++) {
    for (const open of round % 2 ? [false, true] : [true, false]) {
      const st = state[open ? 'open' : 'closed'];
      if (st.chars >= TYPED) continue;
      await setPreview(open);
      const field = await s.find(st.chars % (2 * BLOCK) === 0 ? '#field-headline' : '#field-body');
      await s.click(field);
      await sleep(700); // the previous block's autosave and preview are done
      await s.exec(TYPE_ARM);
      const t0 = Date.now();
      await s.sendKeys(field, text);
      st.wall_ms += Date.now() - t0;
      await sleep(100);
      st.samples.push(...(await s.exec(`return window.__kt.samples`)));
      st.chars += BLOCK;
      // At a typist's pace: one key at a time with pauses of 0..400 ms, so
      // that the preview's work after a pause meets the next keystrokes.
      await sleep(700);
      await s.exec(TYPE_ARM);
      for (const ch of text.slice(0, PACED)) {
        await s.sendKeys(field, ch);
        await sleep(gap());
      }
      await sleep(100);
      st.paced.push(...(await s.exec(`return window.__kt.samples`)));
      st.paced_chars += PACED;
    }
  }
  await s.quit();
  await waitExit(proc.pid);
  const sum = (st) => ({
    keystrokes: st.samples.length,
    p50_ms: pct(st.samples, 50),
    p95_ms: pct(st.samples, 95),
    ms_per_char_webdriver: st.wall_ms / st.chars,
    paced_keystrokes: st.paced.length,
    paced_p50_ms: pct(st.paced, 50),
    paced_p95_ms: pct(st.paced, 95),
  });
  const r = { n: db.n, open: sum(state.open), closed: sum(state.closed) };
  log(`typing ${db.n}: preview open p50 ${r.open.p50_ms.toFixed(1)} p95 ${r.open.p95_ms.toFixed(1)} ms, ${r.open.ms_per_char_webdriver.toFixed(1)} ms/char;` +
    ` closed p50 ${r.closed.p50_ms.toFixed(1)} p95 ${r.closed.p95_ms.toFixed(1)} ms, ${r.closed.ms_per_char_webdriver.toFixed(1)} ms/char;` +
    ` paced: open p50 ${r.open.paced_p50_ms.toFixed(1)} p95 ${r.open.paced_p95_ms.toFixed(1)}, closed p50 ${r.closed.paced_p50_ms.toFixed(1)} p95 ${r.closed.paced_p95_ms.toFixed(1)} ms`);
  return r;
}

// ---- main -------------------------------------------------------------------
const result = { startup_empty: null, startup_empty_same_setting: null, startup: [], memory: { app: [], empty: [], empty_same_setting: [] }, keystroke: [], typing: null };
if (PARTS.has('startup')) {
  const st = await startupAll();
  result.startup_empty = st.empty;
  result.startup_empty_same_setting = st.same;
  result.startup = st.apps;
}
if (PARTS.has('memory')) {
  // Memory: the app at every size and the empty window with the same
  // setting, in alternation over MEM_ROUNDS rounds (other programs on the
  // machine move PSS); the ratio is taken per round, its median reported.
  // The empty window with Tauri's defaults is measured once, for scale.
  result.memory.empty.push(await memoryEmpty(false));
  for (let round = 0; round < MEM_ROUNDS; round++) {
    result.memory.empty_same_setting.push(await memoryEmpty(true));
    for (const db of DBS) result.memory.app.push({ round, ...(await memoryApp(db)) });
  }
  result.memory.empty_same_setting.push(await memoryEmpty(true));
}
if (PARTS.has('keystroke')) for (const db of DBS) result.keystroke.push(await keystrokes(db));
if (PARTS.has('typing') && DBS.length) result.typing = await typing(DBS[DBS.length - 1]);
fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 1));
