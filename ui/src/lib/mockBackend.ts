// In-memory stand-in for the Rust commands, for unit tests and for running
// the UI in a plain browser during development (`npm run dev`). Never part of
// the production bundle (main.ts only loads it when import.meta.env.DEV).
import type { ActionOutcome } from './bindings/ActionOutcome';
import type { Preferences } from './bindings/Preferences';
import type { Library } from './bindings/Library';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Block } from './bindings/Block';
import { DEFAULT_HOUSE_STYLE, END_MARK_TEXT, HOUSE_STYLES } from './bindings/styles';
import { TYPE_LABELS } from './bindings/languages';
import type { Action } from './bindings/Action';
import type { ClearanceEntry } from './bindings/ClearanceEntry';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { ExportOutcome } from './bindings/ExportOutcome';
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
import { ACTION_LABEL, FROZEN, NEEDS_CLEARANCE, STATUS_LABEL, TRANSITIONS } from './bindings/clearance';
import type { VersionSummary } from './bindings/VersionSummary';
import type { ApplyOutcome } from './bindings/ApplyOutcome';
import type { ApplyRequest } from './bindings/ApplyRequest';
import type { Review } from './bindings/Review';
import { blocksToText, sameText } from './body';

type Args = Record<string, unknown> | undefined;

const fail = (code: ErrorInfo['code'], message: string): never => {
  throw { code, message } satisfies ErrorInfo;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function blocksHtml(blocks: Block[], warnings: string[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${inl(b.content, warnings)}</p>`;
      if (b.type === 'subheading') return `<h2>${inl(b.content, warnings)}</h2>`;
      if (b.type === 'quote') return `<blockquote><p>${inl(b.content, warnings)}</p>${b.speaker ? `<p>— ${esc(b.speaker)}</p>` : ''}</blockquote>`;
      if (b.type === 'image') return `<figure><img src="data:${esc(b.media_type)};base64,${esc(b.data)}" alt="${esc(b.alt)}"><figcaption>${esc(b.caption)}</figcaption></figure>`;
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
  const end = END_MARK_TEXT[r.end_mark];
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(r.headline)}</title>
<style>body{font-family:Georgia,serif;max-width:40em;margin:1.5em auto;padding:0 1em;line-height:1.5;color:#222}h1{font-size:1.4em}.type{letter-spacing:.1em;font-weight:bold;font-family:sans-serif;font-size:.8em}.end{text-align:center}</style></head><body>
<p class="type">${esc(r.type_label)}${r.reference ? ` · ${esc(r.reference)}` : ''}</p>
<p>${r.timing.kind === 'embargoed' ? `EMBARGOED UNTIL ${esc(r.timing.until)} (${esc(r.timing.time_zone)})` : 'FOR IMMEDIATE RELEASE'}</p>
<h1>${esc(r.headline)}</h1>${r.subheadline ? `<h2>${esc(r.subheadline)}</h2>` : ''}
<p><strong>${esc(r.dateline.city.toUpperCase())}, ${esc(r.dateline.date)}</strong> –</p>
${blocksHtml(r.body, warnings)}
${end ? `<p class="end">${esc(end)}</p>` : ''}
${r.about.map((a) => `<h3>${esc(a.heading || 'About')}</h3><p>${esc(a.text)}</p>`).join('')}
${r.notes_to_editors.length ? `<h3>Notes to editors</h3>${blocksHtml(r.notes_to_editors, warnings)}` : ''}
${r.contact_groups.map((g) => `${g.heading ? `<h3>${esc(g.heading)}</h3>` : ''}${g.contacts.map((c) => `<p>${esc(c.name)}, ${esc(c.title)}, ${esc(c.organization)}<br>${esc(c.email)} ${esc(c.phone)} ${esc(c.url)}</p>`).join('')}`).join('')}
</body></html>`;
  // Words are counted by the core (words.rs); the mock does not copy the rule.
  return { html, warnings, words: 0 };
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
    dateline: { city: '', region: '', date: now.slice(0, 10), wire_tag: '' }, body: [], contact_groups: [], about: [], notes_to_editors: [], end_mark: 'hashes', house_style: DEFAULT_HOUSE_STYLE,
    status: 'draft', version: 1, revision: 1, created_at: now, updated_at: now,
  };
}

// The clearance rules are not restated here: the transitions, the frozen
// statuses and the actions that need a reviewer come from the core through
// bindings/clearance.ts, and mockBackend.test.ts checks this mock against the
// real store's answers in bindings/clearance_scenarios.ts.
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

  const now = () => new Date().toISOString();
  /** Every write to a stored release bumps its revision, as the store does. */
  const write = (r: Release) => {
    r.revision = (releases.get(r.id)?.revision ?? 0) + 1;
    r.updated_at = now();
    releases.set(r.id, r);
  };
  const versionsOf = (id: string) => versions.get(id) ?? [];
  /** Writes version N+1 of the stored release (the core's `snapshot_in`). */
  const snapshot = (r: Release, reason: string) => {
    const list = versionsOf(r.id);
    r.version = list.reduce((m, v) => Math.max(m, v.summary.version), 0) + 1;
    write(r);
    list.push({ summary: { version: r.version, reason, status: r.status, created_at: now(), headline: r.headline, exported_with: [] }, release: structuredClone(r) });
    versions.set(r.id, list);
  };
  const snapshotIfChanged = (r: Release, reason: string) => {
    const latest = versionsOf(r.id).at(-1);
    if (!latest || !sameText(latest.release, r)) snapshot(r, reason);
  };
  // Seeds arrive with their version already taken.
  for (const r of releases.values()) {
    if (r.version > 0) versions.set(r.id, [{ summary: { version: r.version, reason: 'created', status: r.status, created_at: r.created_at, headline: r.headline, exported_with: [] }, release: structuredClone(r) }]);
  }

  const get = (id: unknown) => releases.get(String(id)) ?? fail('not_found', `No release ${String(id)}`);
  const getVersion = (id: unknown, version: unknown) =>
    versionsOf(String(id)).find((x) => x.summary.version === version)?.release ?? fail('not_found', `Release ${String(id)} has no version ${String(version)}`);
  const log = (id: unknown) => {
    const cur = get(id);
    return (clearance.get(cur.id) ?? []).map((e) => ({ ...e, stale: !sameText(getVersion(cur.id, e.version), cur) }));
  };

  const summary = (r: Release, q: string): ReleaseSummary => {
    const text = `${r.headline} ${blocksToText(r.body)}`;
    const snippet = [] as ReleaseSummary['snippet'];
    const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
    if (i >= 0) {
      snippet.push({ text: text.slice(Math.max(0, i - 30), i), hit: false }, { text: text.slice(i, i + q.length), hit: true }, { text: text.slice(i + q.length, i + q.length + 60), hit: false });
    } else if (text.trim()) snippet.push({ text: blocksToText(r.body).slice(0, 90), hit: false });
    return { id: r.id, headline: r.headline, type_label: r.type_label, language: r.language, status: r.status, dateline_date: r.dateline.date, version: r.version, updated_at: r.updated_at, snippet };
  };

  const review: MockBackend['review'] = { file: null, review: null, applied: null };

  // Kept and returned as given; inserting a part is the core's (not mocked).
  let library: Library = { organizations: [], contacts: [], notes: [] };
  let prefs: Preferences = { author: 'Ana Corvell', organization: 'Northern Rivers Commission', paper: null, custom_logo: false, track_changes: true, protect_for_tracked_changes: false };

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
        // Like the core: a new release has no version until its first snapshot.
        const r = { ...blankRelease(`mock-${nextId++}-${Date.now()}`), version: 0 };
        write(r);
        return structuredClone(r);
      }
      case 'save_release': {
        const incoming = a.release as Release;
        const cur = get(incoming.id);
        if (FROZEN.includes(cur.status)) fail('frozen', `version ${cur.version} is ${cur.status} and can't be changed; start a new draft to edit it`);
        if (incoming.revision !== cur.revision) fail('stale', `this release was changed elsewhere (revision ${cur.revision}, the save was based on ${incoming.revision})`);
        const next = { ...structuredClone(incoming), status: cur.status, version: cur.version, created_at: cur.created_at };
        write(next);
        return { id: next.id, updated_at: next.updated_at, status: next.status, version: next.version, revision: next.revision } satisfies SaveAck;
      }
      case 'render_preview':
        return renderMockPreview(a.release as Release);
      case 'export_release': {
        const r = get(a.id);
        snapshotIfChanged(r, 'exported');
        return { path: `/home/user/Documents/${r.id}.${String(a.format)}`, release: structuredClone(r) } satisfies ExportOutcome;
      }
      case 'apply_action': {
        const r = get(a.id);
        const action = a.action as Action;
        const refuse = (what: string) => fail('transition', `${what} is not allowed while the release is ${STATUS_LABEL[r.status].toLowerCase()}`);
        const to = TRANSITIONS[r.status][action] ?? refuse(ACTION_LABEL[action]);
        if (NEEDS_CLEARANCE.includes(action) && !log(r.id).some((e) => e.decision === 'cleared' && !e.stale)) {
          refuse(`${ACTION_LABEL[action]} (no reviewer has cleared the current text v${r.version}; add a clearance entry first)`);
        }
        r.status = to;
        snapshot(r, ACTION_LABEL[action].toLowerCase());
        const out: ActionOutcome = { release: structuredClone(r) };
        if (action === 'send_for_clearance') {
          snapshotIfChanged(r, 'exported');
          out.exported = `/home/user/Documents/${r.id}-DRAFT.docx`;
        }
        return out;
      }
      case 'list_versions':
        return versionsOf(String(get(a.id).id)).map((v) => v.summary).reverse();
      case 'get_version':
        return structuredClone(getVersion(a.id, a.version));
      case 'restore_version': {
        const r = get(a.id);
        if (FROZEN.includes(r.status)) fail('frozen', `version ${r.version} is ${r.status} and can't be changed; start a new draft to edit it`);
        snapshotIfChanged(r, `before restoring v${String(a.version)}`);
        const next: Release = { ...structuredClone(getVersion(a.id, a.version)), created_at: r.created_at, status: r.status };
        snapshot(next, `restored v${String(a.version)}`);
        return structuredClone(next);
      }
      case 'diff_versions': {
        const f = getVersion(a.id, a.from);
        const t = getVersion(a.id, a.to);
        const fields: [string, string, string][] = [
          ['headline', f.headline, t.headline], ['subheadline', f.subheadline, t.subheadline],
          ['body', blocksToText(f.body), blocksToText(t.body)], ['about', JSON.stringify(f.about), JSON.stringify(t.about)],
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
        return { path: `/home/user/Documents/${String(a.id)}-${cmd}.${String(a.format)}`, release: structuredClone(get(a.id)) } satisfies ExportOutcome;
      case 'language_links':
        return [...releases.values()].flatMap((r) =>
          r.translation_of ? [{ release_id: r.id, source_id: r.translation_of.release_id }] : [],
        );
      case 'list_clearance':
        return log(a.id);
      case 'add_clearance_entry': {
        const e = a.entry as NewClearanceEntry;
        const id = get(a.id).id;
        if (!e.reviewer.trim()) fail('invalid', "a clearance entry needs the reviewer's name");
        getVersion(id, e.version);
        const list = clearance.get(id) ?? [];
        list.push({ ...e, reviewer: e.reviewer.trim(), id: nextEntry++, created_at: now(), stale: false });
        clearance.set(id, list);
        return log(id);
      }
      case 'get_preferences':
        return structuredClone(prefs);
      case 'set_preferences':
        prefs = structuredClone(a.preferences as Preferences);
        return structuredClone(prefs);
      case 'reset_preferences':
        prefs = { author: 'Ana Corvell', organization: '', paper: null, custom_logo: false, track_changes: true, protect_for_tracked_changes: false };
        return structuredClone(prefs);
      case 'choose_logo':
        return null;
      // The built-in styles as the core generated them; office styles live
      // only in the real database.
      case 'list_styles':
        return HOUSE_STYLES.map((st) => ({ ...st, revision: 1, origin: 'built_in' }));
      case 'style_type_labels':
        return TYPE_LABELS[String(a.language).split(/[-_]/)[0].toLowerCase()] ?? TYPE_LABELS.en;
      case 'get_style':
      case 'save_style':
      case 'copy_style':
      case 'import_style':
      case 'export_style':
        return fail('invalid', 'office house styles need the desktop app');
      case 'choose_image':
        return null;
      case 'get_library':
        return structuredClone(library);
      case 'set_library':
        library = structuredClone(a.library as Library);
        return structuredClone(library);
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
      // The writing check lives in the core alone: the stand-in finds and
      // counts nothing.
      case 'check_release':
        return { findings: [], words: 0, characters: 0, headline_characters: 0, headline_max: 0 };
      case 'add_to_dictionary':
        return null;
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
    r.dateline = { city: cities[i % cities.length], region: '', date: d.slice(0, 10), wire_tag: '' };
    r.status = statuses[i % statuses.length];
    r.body = [
      { type: 'paragraph', content: [{ text: 'The agency today announced ', bold: false, italic: false }, { text: 'new support', bold: true, italic: false }, { text: ' for communities affected by drought.', bold: false, italic: false }] },
      { type: 'bullet_list', items: [{ content: [{ text: 'Clean water for 2 million people', bold: false, italic: false }], children: [] }, { content: [{ text: 'More information', bold: false, italic: false, link: 'https://example.org/' }], children: [] }] },
    ];
    r.contact_groups = [{ heading: '', contacts: [{ name: 'Ana Pereira', title: 'Spokesperson', organization: 'The Agency', email: 'press@example.org', phone: '+41 22 000 00 00', url: '' }] }];
    r.about = [{ heading: '', text: 'The Agency works with governments and partners worldwide.' }];
    r.notes_to_editors = [{ type: 'paragraph', content: [{ text: 'Photos are available on request.', bold: false, italic: false }] }];
    out.push(r);
  }
  return out;
}
