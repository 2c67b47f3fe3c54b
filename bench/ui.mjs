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

import fs from 'node:fs';
import path from 'node:path';

import { ELEMENT, request } from '../tests/e2e/webdriver.mjs';

const DRIVER = process.env.WEBDRIVER_URL || 'http://127.0.0.1:4444';
const APP = process.env.BENCH_APP;
const EMPTY = process.env.BENCH_EMPTY;
const WORK = process.env.BENCH_WORK;
const RUNS = Number(process.env.BENCH_RUNS || 7);
const KEYS = Number(process.env.BENCH_KEYS || 5);
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
function pssKiB(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
function memory(pid) {
  const pids = descendants(pid);
  const parts = pids.map((p) => ({ pid: p, name: (cmdline(p)[0] || '').split('/').pop(), pss_kib: pssKiB(p) }));
  return { total_kib: parts.reduce((a, b) => a + b.pss_kib, 0), parts };
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
    ['#!/bin/sh', `export DATELINE_DATA_DIR=${q(dataDir)}`, `export DATELINE_EXPORT_DIR=${q(exp)}`, `exec ${q(APP)} "$@"`, ''].join('\n'),
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
async function startup(db) {
  const runs = [];
  const l = launcher(db.dir);
  for (let i = 0; i < RUNS; i++) {
    const wall0 = Date.now();
    const s = await Session.start(l);
    const proc = findPid(APP);
    await s.waitFor(() => s.exec(LIST_READY), 'the list', 30_000, 5);
    const ready = uptimeMs();
    const wall = Date.now() - wall0;
    const ms = ready - proc.start * 10; // CLK_TCK = 100
    runs.push({ ms, wall_from_session_request_ms: wall });
    await s.quit();
    await waitExit(proc.pid);
    await sleep(300);
  }
  const r = { n: db.n, runs, median_ms: median(runs.map((r) => r.ms)) };
  log(`startup ${db.n}: median ${r.median_ms} ms`, runs.map((x) => x.ms).join(' '));
  return r;
}

/** The same clock for the empty window: process start to its page loaded. */
async function startupEmpty() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await Session.start(EMPTY);
    const proc = findPid(EMPTY);
    await s.waitFor(() => s.exec(`return document.readyState === 'complete'`), 'the empty page', 30_000, 5);
    runs.push({ ms: uptimeMs() - proc.start * 10 });
    await s.quit();
    await waitExit(proc.pid);
    await sleep(300);
  }
  const r = { n: 0, runs, median_ms: median(runs.map((r) => r.ms)) };
  log(`startup empty window: median ${r.median_ms} ms`, runs.map((x) => x.ms).join(' '));
  return r;
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
  await s.quit();
  await waitExit(proc.pid);
  log(`memory app ${db.n}: ${m.total_kib} KiB`);
  return { n: db.n, ...m };
}

/**
 * The empty window as Tauri ships it (`sameSetting` false: the budget's
 * baseline), or with WebKit's compositing turned off as Dateline turns it off
 * for itself (`sameSetting` true: the like-for-like figure, so that what the
 * UI itself costs is visible too).
 */
async function memoryEmpty(sameSetting) {
  let app = EMPTY;
  if (sameSetting) {
    app = path.join(WORK, 'launch-empty-no-compositing.sh');
    fs.writeFileSync(app, ['#!/bin/sh', 'export WEBKIT_DISABLE_COMPOSITING_MODE=1', `exec '${EMPTY}' "$@"`, ''].join('\n'), { mode: 0o755 });
  }
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

// ---- main -------------------------------------------------------------------
const result = { startup_empty: null, startup: [], memory: { app: [], empty: [], empty_same_setting: [] }, keystroke: [] };
result.startup_empty = await startupEmpty();
for (const db of DBS) result.startup.push(await startup(db));
// Memory: baselines and app in the same run (same X server, same driver),
// the baselines first and last.
result.memory.empty.push(await memoryEmpty(false));
result.memory.empty_same_setting.push(await memoryEmpty(true));
for (const db of DBS) result.memory.app.push(await memoryApp(db));
result.memory.empty_same_setting.push(await memoryEmpty(true));
result.memory.empty.push(await memoryEmpty(false));
for (const db of DBS) result.keystroke.push(await keystrokes(db));
fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 1));
