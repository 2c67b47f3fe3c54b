// In-memory stand-in for the Rust commands, for unit tests and for running
// the UI in a plain browser during development (`npm run dev`). Never part of
// the production bundle (main.ts only loads it when import.meta.env.DEV).
import type { ActionOutcome } from './bindings/ActionOutcome';
import type { Preferences } from './bindings/Preferences';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Block } from './bindings/Block';
import type { Action } from './bindings/Action';
import type { ClearanceEntry } from './bindings/ClearanceEntry';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { Inline } from './bindings/Inline';
import type { NewClearanceEntry } from './bindings/NewClearanceEntry';
import type { Preview } from './bindings/Preview';
import type { Release } from './bindings/Release';
import type { ReleaseDiff } from './bindings/ReleaseDiff';
import type { ReleaseQuery } from './bindings/ReleaseQuery';
import type { ReleaseSummary } from './bindings/ReleaseSummary';
import type { SaveAck } from './bindings/SaveAck';
import type { StartupState } from './bindings/StartupState';
import type { Status } from './bindings/Status';
import type { VersionSummary } from './bindings/VersionSummary';
import type { ApplyOutcome } from './bindings/ApplyOutcome';
import type { ApplyRequest } from './bindings/ApplyRequest';
import type { Review } from './bindings/Review';
import { blocksToText } from './body';

type Args = Record<string, unknown> | undefined;

const fail = (code: ErrorInfo['code'], message: string): never => {
  throw { code, message } satisfies ErrorInfo;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function blocksHtml(blocks: Block[], warnings: string[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${inl(b.content, warnings)}</p>`;
      const tag = b.type === 'bullet_list' ? 'ul' : 'ol';
      return `<${tag}>${b.items.map((i) => `<li>${inl(i.content, warnings)}${blocksHtml(i.children, warnings)}</li>`).join('')}</${tag}>`;
    })
    .join('');
}

function inl(runs: Inline[], warnings: string[]): string {
  return runs
    .map((r) => {
      let h = esc(r.text).replace(/\n/g, '<br>');
      if (r.bold) h = `<strong>${h}</strong>`;
      if (r.italic) h = `<em>${h}</em>`;
      if (r.link) {
        if (/^(https?:|mailto:)/i.test(r.link.trim())) h = `<a href="${esc(r.link)}">${h}</a>`;
        else warnings.push(`The link target "${r.link}" will be dropped.`);
      }
      return h;
    })
    .join('');
}

export function renderMockPreview(r: Release): Preview {
  const warnings: string[] = [];
  const end = { hashes: '###', ends: '-ENDS-', stars: '***', none: '' }[r.end_mark];
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(r.headline)}</title>
<style>body{font-family:Georgia,serif;max-width:40em;margin:1.5em auto;padding:0 1em;line-height:1.5;color:#222}h1{font-size:1.4em}.type{letter-spacing:.1em;font-weight:bold;font-family:sans-serif;font-size:.8em}.end{text-align:center}</style></head><body>
<p class="type">${esc(r.type_label)}${r.reference ? ` · ${esc(r.reference)}` : ''}</p>
<p>${r.timing.kind === 'embargoed' ? `EMBARGOED UNTIL ${esc(r.timing.until)} (${esc(r.timing.time_zone)})` : 'FOR IMMEDIATE RELEASE'}</p>
<h1>${esc(r.headline)}</h1>${r.subheadline ? `<h2>${esc(r.subheadline)}</h2>` : ''}
<p><strong>${esc(r.dateline.city.toUpperCase())}, ${esc(r.dateline.date)}</strong> –</p>
${blocksHtml(r.body, warnings)}
${end ? `<p class="end">${esc(end)}</p>` : ''}
${r.about ? `<h3>About</h3><p>${esc(r.about)}</p>` : ''}
${r.notes_to_editors.length ? `<h3>Notes to editors</h3><ol>${r.notes_to_editors.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>` : ''}
${r.contacts.map((c) => `<p>${esc(c.name)}, ${esc(c.title)}, ${esc(c.organization)}<br>${esc(c.email)} ${esc(c.phone)}</p>`).join('')}
</body></html>`;
  return { html, warnings };
}

export interface MockBackend {
  handle(cmd: string, args: Args): unknown;
  releases: Map<string, Release>;
  startup: StartupState;
  calls: { cmd: string; args: Args }[];
  /** The Word round trip, canned: what the file picker returns, what the
   *  core read from the file (a fixture made by `dateline review --format
   *  json`), and the release the test says applying gives. The mock records
   *  the request and decides nothing about which changes can be taken in. */
  review: { file: string | null; review: Review | null; applied: Release | null };
}

export function blankRelease(id: string, now = new Date().toISOString()): Release {
  return {
    id, type_label: 'PRESS RELEASE', reference: '', language: 'en', timing: { kind: 'immediate' }, headline: '', subheadline: '',
    dateline: { city: '', date: now.slice(0, 10) }, body: [], contacts: [], about: '', notes_to_editors: [], end_mark: 'hashes',
    status: 'draft', version: 1, created_at: now, updated_at: now,
  };
}

export function createMockBackend(seed: Release[] = [], opts: { backups?: BackupInfo[]; damaged?: boolean } = {}): MockBackend {
  const releases = new Map(seed.map((r) => [r.id, structuredClone(r)]));
  const versions = new Map<string, { summary: VersionSummary; release: Release }[]>();
  const clearance = new Map<string, ClearanceEntry[]>();
  let nextId = 1;
  let nextEntry = 1;
  const calls: { cmd: string; args: Args }[] = [];
  const backups = opts.backups ?? [];
  const startup: StartupState = {
    data_dir: '/home/user/.local/share/dateline',
    report: { added_sample: false, ...(opts.damaged ? { damaged: { kept_at: '/home/user/.local/share/dateline/dateline.db.damaged', detail: 'file is not a database' } } : {}) },
    backups,
  };

  const snapshot = (r: Release, reason: string) => {
    const list = versions.get(r.id) ?? [];
    list.push({ summary: { version: r.version, reason, status: r.status, created_at: new Date().toISOString(), headline: r.headline }, release: structuredClone(r) });
    versions.set(r.id, list);
  };
  for (const r of releases.values()) snapshot(r, 'created');

  const get = (id: unknown) => releases.get(String(id)) ?? fail('not_found', `No release ${String(id)}`);

  const summary = (r: Release, q: string): ReleaseSummary => {
    const text = `${r.headline} ${blocksToText(r.body)}`;
    const snippet = [] as ReleaseSummary['snippet'];
    const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
    if (i >= 0) {
      snippet.push({ text: text.slice(Math.max(0, i - 30), i), hit: false }, { text: text.slice(i, i + q.length), hit: true }, { text: text.slice(i + q.length, i + q.length + 60), hit: false });
    } else if (text.trim()) snippet.push({ text: blocksToText(r.body).slice(0, 90), hit: false });
    return { id: r.id, headline: r.headline, type_label: r.type_label, language: r.language, status: r.status, dateline_date: r.dateline.date, version: r.version, updated_at: r.updated_at, snippet };
  };

  const transitions: Record<Action, [Status[], Status]> = {
    send_for_clearance: [['draft', 'in_clearance'], 'in_clearance'],
    mark_cleared: [['in_clearance'], 'cleared'],
    publish: [['cleared'], 'published'],
    withdraw: [['in_clearance', 'cleared', 'published'], 'withdrawn'],
    new_draft: [['in_clearance', 'cleared', 'published', 'withdrawn'], 'draft'],
  };

  const review: MockBackend['review'] = { file: null, review: null, applied: null };

  let prefs: Preferences = { author: 'Ana Corvell', organization: 'Northern Rivers Commission', paper: 'a4', logo_path: '' };

  const handle = (cmd: string, args: Args): unknown => {
    calls.push({ cmd, args });
    const a = args ?? {};
    switch (cmd) {
      case 'startup_state':
        return startup;
      case 'restore_backup':
        return { ...startup, report: { added_sample: false } };
      case 'list_releases': {
        const q = a.query as ReleaseQuery;
        let rows = [...releases.values()].filter((r) => {
          if (q.status && r.status !== q.status) return false;
          if (q.language && r.language !== q.language) return false;
          if (q.type_label && r.type_label !== q.type_label) return false;
          if (q.date_from && r.dateline.date < q.date_from) return false;
          if (q.date_to && r.dateline.date > q.date_to) return false;
          if (q.text && !`${r.headline} ${blocksToText(r.body)}`.toLowerCase().includes(q.text.toLowerCase())) return false;
          return true;
        });
        rows.sort((x, y) => (q.sort === 'date' ? y.dateline.date.localeCompare(x.dateline.date) : y.updated_at.localeCompare(x.updated_at)));
        if (q.limit > 0) rows = rows.slice(0, q.limit);
        return rows.map((r) => summary(r, q.text));
      }
      case 'get_release':
        return structuredClone(get(a.id));
      case 'create_release': {
        const r = blankRelease(`mock-${nextId++}-${Date.now()}`);
        releases.set(r.id, r);
        snapshot(r, 'created');
        return structuredClone(r);
      }
      case 'save_release': {
        const incoming = a.release as Release;
        const cur = get(incoming.id);
        if (cur.status === 'cleared' || cur.status === 'published') fail('frozen', 'This release is cleared or published; start a new draft to edit it.');
        const now = new Date().toISOString();
        const next = { ...structuredClone(incoming), status: cur.status, version: cur.version, updated_at: now };
        releases.set(next.id, next);
        return { id: next.id, updated_at: now, status: next.status, version: next.version } satisfies SaveAck;
      }
      case 'render_preview':
        return renderMockPreview(a.release as Release);
      case 'export_release':
        return { path: `/home/user/Documents/${String(a.id)}.${String(a.format)}` };
      case 'apply_action': {
        const r = get(a.id);
        const action = a.action as Action;
        const [from, to] = transitions[action];
        if (!from.includes(r.status)) fail('transition', `Cannot ${action.replace(/_/g, ' ')} a release that is ${r.status.replace('_', ' ')}.`);
        r.status = to;
        r.version += 1;
        r.updated_at = new Date().toISOString();
        snapshot(r, action.replace(/_/g, ' '));
        const out: ActionOutcome = { release: structuredClone(r) };
        if (action === 'send_for_clearance') out.exported = `/home/user/Documents/${r.id}-DRAFT.docx`;
        return out;
      }
      case 'list_versions':
        return (versions.get(String(a.id)) ?? []).map((v) => v.summary);
      case 'get_version': {
        const v = (versions.get(String(a.id)) ?? []).find((x) => x.summary.version === a.version) ?? fail('not_found', 'No such version');
        return structuredClone(v.release);
      }
      case 'restore_version': {
        const r = get(a.id);
        const v = (versions.get(String(a.id)) ?? []).find((x) => x.summary.version === a.version) ?? fail('not_found', 'No such version');
        const next: Release = { ...structuredClone(v.release), status: 'draft', version: r.version + 1, updated_at: new Date().toISOString() };
        releases.set(r.id, next);
        snapshot(next, `restored v${String(a.version)}`);
        return structuredClone(next);
      }
      case 'diff_versions': {
        const list = versions.get(String(a.id)) ?? [];
        const f = list.find((x) => x.summary.version === a.from)?.release ?? fail('not_found', 'No such version');
        const t = list.find((x) => x.summary.version === a.to)?.release ?? fail('not_found', 'No such version');
        const fields: [string, string, string][] = [
          ['headline', f.headline, t.headline], ['subheadline', f.subheadline, t.subheadline],
          ['body', blocksToText(f.body), blocksToText(t.body)], ['about', f.about, t.about],
          ['city', f.dateline.city, t.dateline.city], ['date', f.dateline.date, t.dateline.date],
        ];
        return {
          from: Number(a.from), to: Number(a.to),
          fields: fields.map(([field, x, y]) => ({
            field, changed: x !== y,
            parts: x === y ? [{ kind: 'equal' as const, text: x }] : [{ kind: 'delete' as const, text: x }, { kind: 'insert' as const, text: y }],
          })),
        } satisfies ReleaseDiff;
      }
      case 'export_diff':
      case 'export_clearance_sheet':
        return { path: `/home/user/Documents/${String(a.id)}-${cmd}.${String(a.format)}` };
      case 'list_clearance':
        return (clearance.get(String(a.id)) ?? []).map((e) => ({ ...e, stale: e.version < get(a.id).version }));
      case 'add_clearance_entry': {
        const e = a.entry as NewClearanceEntry;
        const list = clearance.get(String(a.id)) ?? [];
        list.push({ ...e, id: nextEntry++, created_at: new Date().toISOString(), stale: false });
        clearance.set(String(a.id), list);
        return list.map((x) => ({ ...x, stale: x.version < get(a.id).version }));
      }
      case 'get_preferences':
        return structuredClone(prefs);
      case 'set_preferences':
        prefs = structuredClone(a.preferences as Preferences);
        return structuredClone(prefs);
      case 'choose_logo':
        return null;
      case 'choose_review_file':
        return review.file;
      case 'read_review': {
        const rv = review.review ?? fail('format', 'this is not a Word document (.docx): no canned review');
        get(a.into);
        return { ...structuredClone(rv), release_id: String(a.into) } satisfies Review;
      }
      case 'apply_review': {
        const rv = review.review ?? fail('format', 'this is not a Word document (.docx): no canned review');
        const req = a.request as ApplyRequest;
        let r = get(a.into);
        if (review.applied) {
          r = structuredClone(review.applied);
          releases.set(r.id, r);
          snapshot(r, `review ${req.file_name}`);
        }
        return {
          release: structuredClone(r), version: r.version, accepted: req.accept.length,
          rejected: rv.changes.length - req.accept.length, reviewers: rv.reviewers, warnings: [],
        } satisfies ApplyOutcome;
      }
      default:
        return fail('invalid', `Unknown command ${cmd}`);
    }
  };
  return { handle, releases, startup, calls, review };
}

/** Sample data for the browser dev server. */
export function sampleReleases(n = 2000): Release[] {
  const cities = ['Geneva', 'New York', 'Nairobi', 'Vienna', 'Bangkok'];
  const statuses: Status[] = ['draft', 'in_clearance', 'cleared', 'published', 'withdrawn'];
  const out: Release[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2025, 0, 1) + i * 3600_000 * 7).toISOString();
    const r = blankRelease(`sample-${i}`, d);
    r.headline = i === 0 ? 'Agency welcomes agreement on water access for 2 million people' : `Release number ${i}: update on programme ${i % 37}`;
    r.subheadline = i === 0 ? 'New funding covers rural districts in three countries' : '';
    r.reference = `PR/${2025}/${String(i).padStart(4, '0')}`;
    r.dateline = { city: cities[i % cities.length], date: d.slice(0, 10) };
    r.status = statuses[i % statuses.length];
    r.body = [
      { type: 'paragraph', content: [{ text: 'The agency today announced ', bold: false, italic: false }, { text: 'new support', bold: true, italic: false }, { text: ' for communities affected by drought.', bold: false, italic: false }] },
      { type: 'bullet_list', items: [{ content: [{ text: 'Clean water for 2 million people', bold: false, italic: false }], children: [] }, { content: [{ text: 'More information', bold: false, italic: false, link: 'https://example.org/' }], children: [] }] },
    ];
    r.contacts = [{ name: 'Ana Pereira', title: 'Spokesperson', organization: 'The Agency', email: 'press@example.org', phone: '+41 22 000 00 00' }];
    r.about = 'The Agency works with governments and partners worldwide.';
    r.notes_to_editors = ['Photos are available on request.'];
    out.push(r);
  }
  return out;
}
