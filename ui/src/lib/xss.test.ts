// Hostile text in every field must stay text: no elements created from it,
// no event-handler attributes, no script execution, and the preview is only
// ever shown in a script-less sandboxed iframe whose document the app patches
// (PreviewFrame.svelte, previewPatch.ts): no active markup reaches it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { Block } from './bindings/Block';
import type { Inline } from './bindings/Inline';
import type { Release } from './bindings/Release';
import type { ReleaseSummary } from './bindings/ReleaseSummary';
import { blankRelease, createMockBackend, type MockBackend } from './mockBackend';
import { installLayoutShims, setValue, settle, waitFor } from './testUtils';
import App from '../App.svelte';

const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src=javascript:alert(1)>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '{@html "<b>x</b>"}',
];
const BAD_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '%20javascript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'https://example.org/"><script>alert(1)</script>',
  'https://example.org/?q=<img src=x onerror=alert(1)>',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];
const PREVIEW_HTML =
  '<!doctype html><html lang="en"><head><style>h1{color:red}</style><script>alert("head")</script></head>' +
  '<body><script>alert("preview")</script><img src=x onerror=alert(2)><h1 onclick="alert(3)">Preview</h1>' +
  '<iframe srcdoc="<script>alert(4)</script>"></iframe><a href="https://example.org/">link</a></body></html>';
/** The frame's own document, before any preview is put into it. */
const PREVIEW_SHELL = '<!doctype html><html><head></head><body></body></html>';

const run = (text: string, o: Partial<Inline> = {}): Inline => ({ text, bold: !!o.bold, italic: !!o.italic, ...(o.link ? { link: o.link } : {}) });

function hostileRelease(): Release {
  const r = blankRelease('xss-1');
  const all = CORPUS.join(' ');
  r.type_label = CORPUS[0];
  r.reference = CORPUS[1];
  r.language = CORPUS[2];
  r.headline = CORPUS[3];
  r.subheadline = CORPUS[4];
  r.dateline = { city: CORPUS[5], region: CORPUS[6], date: '2025-03-04', wire_tag: CORPUS[1] };
  r.about = [{ heading: CORPUS[2], text: all }];
  r.notes_to_editors = CORPUS.map((c) => ({ type: 'paragraph' as const, content: [run(c)] }));
  r.timing = { kind: 'embargoed', until: '2025-03-04T09:00', time_zone: CORPUS[0] };
  r.contact_groups = [{ heading: CORPUS[5], contacts: [{ name: CORPUS[0], title: CORPUS[1], organization: CORPUS[2], email: CORPUS[3], phone: CORPUS[4], url: CORPUS[5] }] }];
  const body: Block[] = [
    { type: 'paragraph', content: CORPUS.map((c, i) => run(c, { bold: i % 2 === 0, italic: i % 3 === 0 })) },
    { type: 'paragraph', content: BAD_LINKS.map((l) => run(`link ${l}`, { link: l })) },
    { type: 'bullet_list', items: CORPUS.map((c) => ({ content: [run(c)], children: [{ type: 'ordered_list', items: [{ content: [run(c, { link: BAD_LINKS[0] })], children: [] }] }] })) },
    { type: 'subheading', content: [run(all)] },
    { type: 'quote', content: [run(all)], speaker: all },
    { type: 'image', media_type: 'image/png', data: 'iVBORw0KGgo=', width: 1, height: 1, alt: all, caption: all },
  ];
  r.body = body;
  return r;
}

function hostileSummaries(): ReleaseSummary[] {
  return CORPUS.map((c, i) => ({
    id: i === 0 ? 'xss-1' : `xss-row-${i}`,
    headline: c,
    type_label: c,
    language: c,
    status: 'draft',
    dateline_date: c,
    version: 1,
    updated_at: '2025-03-04T09:00:00Z',
    snippet: [
      { text: c, hit: false },
      { text: c, hit: true },
      { text: BAD_LINKS[i % BAD_LINKS.length], hit: i % 2 === 0 },
    ],
  }));
}

/** Elements that user text could have smuggled in. */
/** A picture of the release, drawn by the body editor: a PNG or JPEG
 *  `data:` URI and nothing but src, alt, width and height. */
function isReleasePicture(el: Element): boolean {
  return (
    el.tagName === 'IMG' &&
    el.closest('figure.release-image') !== null &&
    /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]*$/.test(el.getAttribute('src') ?? '') &&
    [...el.attributes].every((a) => ['src', 'alt', 'width', 'height'].includes(a.name))
  );
}

function dangerousElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll('script, img, svg, object, embed, iframe, frame, link, meta, base, form[action], style')].filter(
    (el) => !(el.tagName === 'IFRAME' && el.classList.contains('preview-frame')) && !isReleasePicture(el),
  );
}

function eventHandlerAttributes(root: Element): string[] {
  const found: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName}[${a.name}]`);
  }
  return found;
}

function scriptUrls(root: ParentNode): string[] {
  const bad: string[] = [];
  for (const el of root.querySelectorAll('[href], [src], [action], [formaction], [xlink\\:href]')) {
    if (isReleasePicture(el)) continue;
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const v = el.getAttribute(name);
      if (v == null || v === '') continue;
      let protocol = '';
      try {
        protocol = new URL(v, 'http://localhost/').protocol;
      } catch {
        continue;
      }
      if (protocol === 'javascript:' || protocol === 'vbscript:' || protocol === 'data:') bad.push(`${el.tagName} ${name}=${v}`);
    }
  }
  return bad;
}

describe('XSS: user text stays text', () => {
  let backend: MockBackend;
  let app: Record<string, unknown> | null = null;
  let alertSpy: ReturnType<typeof vi.fn>;
  let target: HTMLElement;

  beforeEach(() => {
    installLayoutShims();
    alertSpy = vi.fn();
    window.alert = alertSpy as unknown as typeof window.alert;
    window.confirm = alertSpy as unknown as typeof window.confirm;
    window.prompt = alertSpy as unknown as typeof window.prompt;
    backend = createMockBackend([hostileRelease()]);
    mockWindows('main');
    mockIPC(
      (cmd, args) => {
        if (cmd === 'list_releases') return hostileSummaries();
        if (cmd === 'render_preview') return { html: PREVIEW_HTML, warnings: BAD_LINKS.map((l) => `The link target "${l}" will be dropped.`).concat(CORPUS) };
        if (cmd === 'diff_versions')
          return {
            from: 1,
            to: 2,
            fields: [
              { field: CORPUS[0], changed: true, parts: CORPUS.map((c, i) => ({ kind: (['equal', 'insert', 'delete'] as const)[i % 3], text: c })) },
              { field: 'about', changed: false, parts: [{ kind: 'equal', text: CORPUS[1] }] },
            ],
          };
        return backend.handle(cmd, args as Record<string, unknown>);
      },
      { shouldMockEvents: true },
    );
    target = document.createElement('div');
    document.body.appendChild(target);
  });

  afterEach(async () => {
    if (app) unmount(app);
    app = null;
    target.remove();
    clearMocks();
    await settle();
  });

  function assertClean() {
    expect(dangerousElements(document.body)).toEqual([]);
    expect(eventHandlerAttributes(document.body)).toEqual([]);
    expect(scriptUrls(document.body)).toEqual([]);
    const frames = document.querySelectorAll('iframe');
    expect(frames.length).toBeLessThanOrEqual(1);
    for (const f of frames) {
      // Same origin so the app can patch it; never allow-scripts.
      expect(f.getAttribute('sandbox')).toBe('allow-same-origin');
      expect(f.hasAttribute('src')).toBe(false);
      expect(f.getAttribute('srcdoc')).toBe(PREVIEW_SHELL);
      expect(f.getAttribute('title')).toBe('Preview');
      const doc = f.contentDocument;
      if (doc?.documentElement) {
        expect(doc.querySelectorAll('script, iframe, object, embed, base')).toHaveLength(0);
        expect(eventHandlerAttributes(doc.documentElement)).toEqual([]);
        expect(scriptUrls(doc)).toEqual([]);
      }
    }
    expect(alertSpy).not.toHaveBeenCalled();
  }

  it('list rows and snippets render hostile text as text', async () => {
    app = mount(App, { target });
    const rows = await waitFor(() => {
      const r = target.querySelectorAll('[data-testid="release-list"] button.row');
      return r.length === CORPUS.length ? r : null;
    });
    rows.forEach((row, i) => {
      expect(row.querySelector('.headline')?.textContent).toBe(CORPUS[i]);
      const marks = row.querySelectorAll('mark');
      expect(marks[0]?.textContent).toBe(CORPUS[i]);
      expect(row.querySelector('.snippet')?.textContent).toContain(CORPUS[i] + CORPUS[i]);
    });
    assertClean();
  });

  it('editor fields, body, preview, history and clearance keep hostile text inert', async () => {
    app = mount(App, { target });
    const row = await waitFor(() => target.querySelector<HTMLButtonElement>('button.row[data-id="xss-1"]'));
    row.click();
    const headline = await waitFor(() => target.querySelector<HTMLInputElement>('#field-headline'));
    await waitFor(() => target.querySelector('.ProseMirror, #field-body'));
    await settle(50);

    // Loaded values show up verbatim.
    expect(headline.value).toBe(CORPUS[3]);
    expect((target.querySelector('#field-type') as HTMLInputElement).value).toBe(CORPUS[0]);
    expect((target.querySelector('#contact-0-name') as HTMLInputElement).value).toBe(CORPUS[0]);
    const body = target.querySelector('#field-body')!;
    expect(body.getAttribute('contenteditable')).toBe('true');
    expect(body.textContent).toContain(CORPUS[0]);
    assertClean();

    // Type the corpus into every field.
    const add = [...target.querySelectorAll('button')].find((b) => b.textContent === 'Add contact')!;
    add.click();
    flushSync();
    const ids = [
      'field-type', 'field-reference', 'field-language', 'field-headline', 'field-subheadline', 'field-city', 'about-0-heading',
      'about-0-text', 'contact-group-0-heading', 'field-embargo-zone', 'contact-1-name', 'contact-1-title', 'contact-1-organization',
      'contact-1-email', 'contact-1-phone', 'contact-1-url',
      'search-text', 'filter-language', 'filter-type',
    ];
    for (const [n, payload] of [...CORPUS, ...BAD_LINKS].entries()) {
      for (const id of ids) {
        const el = target.querySelector<HTMLInputElement>(`#${id}`);
        expect(el, id).not.toBeNull();
        setValue(el!, `${payload} #${n}`);
      }
      flushSync();
    }

    // The link tool refuses script URLs and never creates them.
    const linkBtn = [...target.querySelectorAll('button')].find((b) => b.textContent === 'Link')!;
    for (const bad of BAD_LINKS) {
      linkBtn.click();
      flushSync();
      const url = await waitFor(() => target.querySelector<HTMLInputElement>('#body-link-url'));
      setValue(url, bad);
      [...target.querySelectorAll('button')].find((b) => b.textContent === 'Apply')!.click();
      flushSync();
      const cancel = [...target.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
      cancel?.click();
      flushSync();
    }

    // Let autosave and the preview run.
    await settle(700);
    assertClean();
    expect(backend.releases.get('xss-1')!.headline).toBe(`${BAD_LINKS[BAD_LINKS.length - 1]} #${CORPUS.length + BAD_LINKS.length - 1}`);

    // Preview: patched into a script-less sandbox, the text kept, nothing
    // active (assertClean checks the frame's document).
    const frame = await waitFor(() => target.querySelector<HTMLIFrameElement>('iframe.preview-frame'));
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(frame.hasAttribute('src')).toBe(false);
    const shown = await waitFor(() => frame.contentDocument?.querySelector('h1'));
    expect(shown.textContent).toBe('Preview');
    expect(frame.contentDocument!.documentElement.lang).toBe('en');
    expect(frame.contentDocument!.querySelector('img')).not.toBeNull();
    expect(frame.contentDocument!.querySelector('style')?.textContent).toBe('h1{color:red}');
    // Warnings are listed as text.
    const warnings = await waitFor(() => target.querySelector('[data-testid="preview-warnings"]'));
    expect(warnings.textContent).toContain(CORPUS[0]);
    assertClean();

    // Clearance: hostile reviewer/note.
    [...target.querySelectorAll('button[role=tab]')].find((b) => b.textContent === 'Clearance')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    flushSync();
    const reviewer = await waitFor(() => target.querySelector<HTMLInputElement>('#clearance-reviewer'));
    setValue(reviewer, CORPUS[1]);
    setValue(target.querySelector<HTMLInputElement>('#clearance-role')!, CORPUS[2]);
    setValue(target.querySelector<HTMLTextAreaElement>('#clearance-note')!, CORPUS[0]);
    target.querySelector<HTMLFormElement>('.entry-form')!.requestSubmit();
    await waitFor(() => target.querySelector('tbody tr'));
    expect(target.querySelector('tbody tr')!.textContent).toContain(CORPUS[1]);
    assertClean();

    // History: compare view with hostile diff parts and field names.
    await backend.handle('apply_action', { id: 'xss-1', action: 'send_for_clearance' });
    [...target.querySelectorAll('button[role=tab]')].find((b) => b.textContent === 'History')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    flushSync();
    const compare = await waitFor(() => [...target.querySelectorAll('button')].find((b) => b.textContent === 'Compare'));
    compare.click();
    const diff = await waitFor(() => target.querySelector('[data-testid="diff-view"]'));
    expect(diff.querySelectorAll('ins').length).toBeGreaterThan(0);
    expect(diff.querySelectorAll('del').length).toBeGreaterThan(0);
    expect(diff.textContent).toContain(CORPUS[0]);
    expect(diff.textContent).toContain('1 unchanged field');
    assertClean();

    // Viewing an old version still goes through the same iframe.
    const view = [...target.querySelectorAll('button')].find((b) => b.textContent === 'View')!;
    view.click();
    await waitFor(() => target.querySelector('.viewing'));
    assertClean();
    expect(target.querySelector<HTMLIFrameElement>('iframe.preview-frame')!.contentDocument?.querySelector('h1')?.textContent).toBe('Preview');
    // Every field of the release model v2 is typed into too: a longer run.
  }, 20_000); // a long walk through the app; slow on a loaded machine
});
