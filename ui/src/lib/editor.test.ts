// Editor behaviour against the in-memory backend: autosave states, status
// actions, the frozen (cleared/published) state, flushing before every
// action, the locked form while an action runs, stale saves and closing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { Release } from './bindings/Release';
import { toasts } from './toasts.svelte';
import { blankRelease, createMockBackend, type MockBackend } from './mockBackend';
import { installLayoutShims, setValue, settle, waitFor } from './testUtils';
import App from '../App.svelte';

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);

describe('editor', () => {
  let backend: MockBackend;
  let app: Record<string, unknown> | null = null;
  let failSaves: { code: string; message: string } | null = null;
  /** Commands held open until the test releases them (a native dialog
   *  waiting for the officer, a slow disk). */
  let hold: Record<string, Promise<void>> = {};
  let destroyed = 0;
  /** Every command as the page sent it, before any hold. */
  let sent: { cmd: string; args: Record<string, unknown> }[] = [];

  beforeEach(() => {
    installLayoutShims();
    failSaves = null;
    hold = {};
    destroyed = 0;
    sent = [];
    const a = blankRelease('a', '2025-01-02T00:00:00Z');
    a.headline = 'First';
    const b = blankRelease('b', '2025-01-01T00:00:00Z');
    b.headline = 'Second';
    backend = createMockBackend([a, b]);
    mockWindows('main');
    mockIPC(
      (cmd, args) => {
        sent.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
        if (cmd === 'save_release' && failSaves) throw failSaves;
        if (cmd === 'plugin:window|destroy') return void destroyed++;
        if (cmd in hold) return hold[cmd].then(() => backend.handle(cmd, args as Record<string, unknown>));
        return backend.handle(cmd, args as Record<string, unknown>);
      },
      { shouldMockEvents: true },
    );
    app = mount(App, { target: document.body });
  });

  afterEach(async () => {
    if (app) unmount(app);
    app = null;
    toasts.length = 0; // sticky warnings would leak into the next test
    clearMocks();
    document.body.innerHTML = '';
    await settle();
  });

  async function open(id: string) {
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>(`button.row[data-id="${id}"]`));
    row.click();
    await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline')?.value === backend.releases.get(id)!.headline);
    await settle(20);
  }

  function holdOpen(cmd: string): () => void {
    let release!: () => void;
    hold[cmd] = new Promise<void>((r) => (release = r));
    return () => {
      delete hold[cmd];
      release();
    };
  }

  const headline = () => document.querySelector<HTMLInputElement>('#field-headline')!;
  const callIndex = (cmd: string, pred: (args: Record<string, unknown>) => boolean = () => true) =>
    sent.findIndex((c) => c.cmd === cmd && pred(c.args));
  const savedHeadline = (text: string) => (args: Record<string, unknown>) => (args.release as Release).headline === text;

  async function addClearedEntry() {
    button('Clearance')!.click();
    const reviewer = await waitFor(() => document.querySelector<HTMLInputElement>('#clearance-reviewer'));
    setValue(reviewer, 'Dana Reviewer');
    const rows = document.querySelectorAll('.panel table tbody tr').length;
    button('Add entry')!.click();
    await waitFor(() => document.querySelectorAll('.panel table tbody tr').length > rows);
  }

  it('has the labelled fields', async () => {
    await open('a');
    button('Add About section')!.click();
    button('Add group')!.click();
    flushSync();
    for (const [label, id] of [
      ['Type', 'field-type'], ['Reference', 'field-reference'], ['Language', 'field-language'], ['Embargoed until', 'field-embargo-until'],
      ['Headline', 'field-headline'], ['Subheadline', 'field-subheadline'], ['City', 'field-city'], ['Date', 'field-date'],
      ['Region', 'field-region'], ['Wire tag', 'field-wire-tag'], ['House style', 'field-house-style'],
      ['Body', 'field-body'], ['Heading', 'about-0-heading'], ['Text', 'about-0-text'], ['Notes to editors', 'field-notes'],
      ['End mark', 'field-end-mark'], ['Group heading', 'contact-group-0-heading'],
    ]) {
      const l = [...document.querySelectorAll('label')].find((x) => x.textContent === label);
      expect(l, label).toBeTruthy();
      expect(l!.htmlFor).toBe(id);
      expect(document.getElementById(id), id).toBeTruthy();
    }
    expect(document.getElementById('field-embargo-until')!.getAttribute('type')).toBe('datetime-local');
    expect(document.getElementById('field-date')!.getAttribute('type')).toBe('date');
    expect(document.getElementById('field-body')!.getAttribute('aria-labelledby')).toBe('label-body');
    // The styles and each style's end marks come from the core (bindings/styles.ts).
    const options = (id: string) => [...document.querySelectorAll(`#${id} option`)].map((o) => o.textContent);
    expect(options('field-house-style')).toEqual(['United Nations', 'AP / US wire', 'UK government', 'Gouvernement français']);
    expect(options('field-end-mark')).toEqual(['* *** *', '###', '-ENDS-', '***', 'none']);
    const style = document.getElementById('field-house-style') as HTMLSelectElement;
    style.value = 'ap';
    style.dispatchEvent(new Event('change'));
    flushSync();
    expect(options('field-end-mark')).toEqual(['###', '-30-']);
    button('Add contact')!.click();
    flushSync();
    for (const f of ['name', 'title', 'organization', 'email', 'phone', 'url']) expect(document.getElementById(`contact-0-${f}`)).toBeTruthy();
  });

  it('carries every field of the release model v2 through an edit unchanged', async () => {
    const c = blankRelease('c', '2025-01-03T00:00:00Z');
    c.headline = 'Third';
    const run = (text: string, link?: string) => (link ? { text, bold: false, italic: false, link } : { text, bold: false, italic: false });
    c.body = [
      { type: 'paragraph', content: [run('Lead paragraph.')] },
      { type: 'subheading', content: [run('A subheading')] },
      { type: 'quote', content: [run('Words worth quoting.')], speaker: 'Orla Penhallow, Director' },
      { type: 'quote', content: [run('Unattributed words.')], speaker: '' },
      {
        type: 'image', media_type: 'image/png',
        data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQMAAAAl21bKAAAAA1BMVEUfTnn3I3KEAAAACklEQVQI12NgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==',
        width: 1, height: 1, alt: 'A blue dot', caption: 'The dot, enlarged',
      },
      { type: 'paragraph', content: [run('After the picture.')] },
    ];
    c.about = [{ heading: '', text: 'First partner.' }, { heading: 'About the Trust', text: 'Second partner.\n\nTwo paragraphs.' }];
    c.contact_groups = [
      { heading: 'North America', contacts: [{ name: 'Ines Marwood', title: '', organization: '', email: 'press@example.org', phone: '', url: '' }] },
      { heading: 'EMEA', contacts: [{ name: '', title: '', organization: '', email: '', phone: '', url: 'https://example.org/press' }] },
    ];
    c.notes_to_editors = [
      { type: 'paragraph', content: [run('A note with a '), run('link', 'https://example.org/')] },
      { type: 'bullet_list', items: [{ content: [run('a point')], children: [] }] },
    ];
    backend.releases.set('c', structuredClone(c));
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="c"]'), 3000).catch(() => null);
    if (!row) {
      // The list was loaded before 'c' existed: reload it through a search.
      setValue(document.querySelector<HTMLInputElement>('#search-text')!, 'Third');
    }
    await open('c');
    // What the editor shows.
    expect(document.querySelector('#field-body h2')!.textContent).toBe('A subheading');
    expect(document.querySelector('#field-body blockquote')!.getAttribute('data-speaker')).toBe('Orla Penhallow, Director');
    const img = document.querySelector<HTMLImageElement>('#field-body figure img')!;
    expect(img.getAttribute('alt')).toBe('A blue dot');
    expect(img.getAttribute('src')!.startsWith('data:image/png;base64,iVBOR')).toBe(true);
    expect(document.querySelector('#field-notes ul li')!.textContent).toBe('a point');
    expect((document.getElementById('about-1-heading') as HTMLInputElement).value).toBe('About the Trust');
    expect((document.getElementById('contact-group-1-heading') as HTMLInputElement).value).toBe('EMEA');
    expect((document.getElementById('contact-1-url') as HTMLInputElement).value).toBe('https://example.org/press');
    // An edit elsewhere saves every new field exactly as it was.
    setValue(headline(), 'Third, edited');
    flushSync();
    await waitFor(() => backend.releases.get('c')!.headline === 'Third, edited', 3000);
    const saved = backend.releases.get('c')!;
    expect(saved.body).toEqual(c.body);
    expect(saved.about).toEqual(c.about);
    expect(saved.contact_groups).toEqual(c.contact_groups);
    expect(saved.notes_to_editors).toEqual(c.notes_to_editors);
  });

  it('autosaves, shows the save state and keeps text when a save fails', async () => {
    await open('a');
    const headline = document.querySelector<HTMLInputElement>('#field-headline')!;
    setValue(headline, 'First, edited');
    flushSync();
    expect(byTestId('save-state')!.textContent).toBe('Saving…');
    await waitFor(() => byTestId('save-state')!.textContent === 'Saved', 2000);
    expect(backend.releases.get('a')!.headline).toBe('First, edited');

    failSaves = { code: 'database', message: 'disk is full' };
    setValue(headline, 'Not lost');
    await waitFor(() => byTestId('save-state')!.textContent === 'Not saved: disk is full', 2000);
    expect(headline.value).toBe('Not lost');
    failSaves = null;
    setValue(headline, 'Not lost at all');
    await waitFor(() => byTestId('save-state')!.textContent === 'Saved', 2000);
    expect(backend.releases.get('a')!.headline).toBe('Not lost at all');
  });

  it('flushes the pending save before switching releases', async () => {
    await open('a');
    setValue(document.querySelector<HTMLInputElement>('#field-headline')!, 'Typed just before switching');
    document.querySelector<HTMLButtonElement>('button.row[data-id="b"]')!.click();
    await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline')?.value === 'Second');
    expect(backend.releases.get('a')!.headline).toBe('Typed just before switching');
  });

  it('walks through clearance; cleared text is read-only until a new draft', async () => {
    await open('a');
    expect(byTestId('status-badge')!.textContent).toBe('Draft');
    expect(button('Mark cleared')).toBeUndefined();
    button('Send for clearance')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'In clearance');
    expect(document.body.textContent).toContain('-DRAFT.docx');

    // The core needs a reviewer's "cleared" entry for the current text first.
    await addClearedEntry();
    button('Mark cleared')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'Cleared');
    expect(headline().matches(':disabled')).toBe(true);
    expect(document.getElementById('field-body')!.getAttribute('contenteditable')).toBe('false');
    const banner = byTestId('frozen-banner')!;
    expect(banner.textContent).toContain('cleared');
    expect(banner.textContent).toContain(`v${backend.releases.get('a')!.version + 1}`);
    expect(button('Publish')).toBeTruthy();
    expect(button('Withdraw')).toBeTruthy();
    expect(button('Final export…')).toBeTruthy();

    button('Start new draft')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'Draft');
    expect(document.querySelector<HTMLInputElement>('#field-headline')!.matches(':disabled')).toBe(false);
    expect(byTestId('frozen-banner')).toBeNull();
  });

  it('refuses "Mark cleared" until a reviewer has cleared the current text', async () => {
    await open('a');
    button('Send for clearance')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'In clearance');
    button('Mark cleared')!.click();
    await waitFor(() => document.querySelector('.bar [role=alert]')?.textContent?.includes('no reviewer has cleared the current text'));
    expect(byTestId('status-badge')!.textContent).toBe('In clearance');
    expect(backend.releases.get('a')!.status).toBe('in_clearance');
  });

  it('saves what was typed before "Send for clearance" and locks the form while it runs', async () => {
    await open('a');
    const go = holdOpen('apply_action');
    setValue(headline(), 'Typed just before sending');
    button('Send for clearance')!.click(); // no wait: within the autosave delay
    await waitFor(() => byTestId('lock-reason'));
    flushSync();
    // The command is still open (as it is while the save dialog is shown):
    // the form takes no keystrokes and says why.
    expect(byTestId('lock-reason')!.textContent).toContain('Send for clearance');
    expect(headline().matches(':disabled')).toBe(true);
    expect(document.getElementById('field-body')!.getAttribute('contenteditable')).toBe('false');
    const saved = callIndex('save_release', savedHeadline('Typed just before sending'));
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(saved).toBeLessThan(callIndex('apply_action'));
    go();
    await waitFor(() => byTestId('status-badge')!.textContent === 'In clearance');
    expect(byTestId('lock-reason')).toBeNull();
    expect(headline().matches(':disabled')).toBe(false);
    expect(headline().value).toBe('Typed just before sending');
    // The version sent is the typed text.
    const v = backend.handle('get_version', { id: 'a', version: backend.releases.get('a')!.version }) as Release;
    expect(v.headline).toBe('Typed just before sending');
    expect(byTestId('kept-text')).toBeNull();
  });

  it('saves what was typed before "Restore", and restores over it only after it is saved', async () => {
    await open('a');
    button('History')!.click();
    const restoreV1 = await waitFor(() => document.querySelector<HTMLButtonElement>('button[aria-label="Restore v1"]'));
    const go = holdOpen('restore_version');
    setValue(headline(), 'Typed just before restoring');
    restoreV1.click();
    await waitFor(() => byTestId('lock-reason'));
    flushSync();
    expect(headline().matches(':disabled')).toBe(true);
    const saved = callIndex('save_release', savedHeadline('Typed just before restoring'));
    expect(saved).toBeGreaterThanOrEqual(0);
    expect(saved).toBeLessThan(callIndex('restore_version'));
    go();
    await waitFor(() => headline().value === 'First');
    expect(backend.releases.get('a')!.headline).toBe('First');
    // The typed text is kept as its own version before the restore's.
    expect(backend.releases.get('a')!.version).toBe(3);
    const before = backend.handle('get_version', { id: 'a', version: 2 }) as Release;
    expect(before.headline).toBe('Typed just before restoring');
    // Nothing saved after the restore brought the typed text back.
    await settle(600);
    expect(backend.releases.get('a')!.headline).toBe('First');
    expect(byTestId('save-state')!.textContent).toBe('Saved');
  });

  it('does not switch releases while an action runs', async () => {
    await open('a');
    const go = holdOpen('apply_action');
    button('Send for clearance')!.click();
    await waitFor(() => byTestId('lock-reason'));
    document.querySelector<HTMLButtonElement>('button.row[data-id="b"]')!.click();
    await waitFor(() => toasts.some((t) => t.text.startsWith('Please wait: Send for clearance')));
    expect(headline().value).toBe('First');
    go();
    await waitFor(() => byTestId('status-badge')!.textContent === 'In clearance');
    expect(document.body.textContent).toContain('Send for clearance: done.');
  });

  it('a failed save before an action stops the action and keeps the text', async () => {
    await open('a');
    failSaves = { code: 'database', message: 'disk is full' };
    setValue(headline(), 'Must not be lost');
    button('Send for clearance')!.click();
    await waitFor(() => document.querySelector('.bar [role=alert]')?.textContent?.includes('Not saved: disk is full'));
    expect(callIndex('apply_action')).toBe(-1);
    expect(byTestId('status-badge')!.textContent).toBe('Draft');
    expect(headline().value).toBe('Must not be lost');
    expect(headline().matches(':disabled')).toBe(false);
  });

  it('a stale save reloads the stored release, says so, and keeps the typed text', async () => {
    await open('a');
    // Someone else (the command line) changes the release while it is open.
    const stored = backend.handle('get_release', { id: 'a' }) as Release;
    backend.handle('save_release', { release: { ...stored, headline: 'Changed by the command line' } });
    setValue(headline(), 'Typed in the app');
    const kept = await waitFor(() => byTestId('kept-text'), 3000);
    await waitFor(() => headline().value === 'Changed by the command line');
    expect(kept.textContent).toContain('changed elsewhere');
    expect(kept.querySelector('textarea')!.value).toContain('Typed in the app');
    expect(backend.releases.get('a')!.headline).toBe('Changed by the command line');
    // The officer chooses to keep their text: it is saved over the new one.
    button('Use my text instead')!.click();
    await waitFor(() => backend.releases.get('a')!.headline === 'Typed in the app', 3000);
    expect(byTestId('kept-text')).toBeNull();
  });

  it('a release imported from a file opened with the app is listed and opened', async () => {
    await open('a');
    const imported = blankRelease('imp', '2025-01-03T00:00:00Z');
    imported.headline = 'Opened from a file';
    backend.releases.set('imp', imported);
    await emit('release-imported', imported);
    await waitFor(() => document.querySelector('button.row[data-id="imp"]'));
    await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline')?.value === 'Opened from a file');
    expect(toasts.some((t) => t.text.includes('Imported “Opened from a file”'))).toBe(true);
  });

  it('closing saves first; after a failed close, a later close still saves', async () => {
    await open('a');
    await settle(50); // the close listener is registered after a dynamic import
    failSaves = { code: 'database', message: 'disk is full' };
    setValue(headline(), 'Unsaved at the first close');
    await emit('tauri://close-requested');
    await waitFor(() => toasts.some((t) => t.text.includes('Close the window again to discard')));
    expect(destroyed).toBe(0);

    // The disk is fixed, the officer types on and closes again at once.
    failSaves = null;
    setValue(headline(), 'Typed after the failed close');
    await emit('tauri://close-requested');
    await waitFor(() => destroyed === 1);
    expect(backend.releases.get('a')!.headline).toBe('Typed after the failed close');
  });

  it('closing again with the same unsaved text closes; new text warns again', async () => {
    await open('a');
    await settle(50);
    const warnings = () => toasts.filter((t) => t.text.includes('Close the window again to discard')).length;
    failSaves = { code: 'database', message: 'disk is full' };
    setValue(headline(), 'Cannot be saved');
    await emit('tauri://close-requested');
    await waitFor(() => warnings() === 1);
    setValue(headline(), 'Cannot be saved either');
    await emit('tauri://close-requested');
    await waitFor(() => warnings() === 2);
    expect(destroyed).toBe(0);
    await emit('tauri://close-requested');
    await waitFor(() => destroyed === 1);
    expect(warnings()).toBe(2);
  });

  it('after an export, the version and revision come from the release it returned', async () => {
    await open('a');
    setValue(headline(), 'Changed since v1');
    button('Export Word…')!.click();
    await waitFor(() => document.body.textContent?.includes('Exported to'));
    // The export took v2 (the text changed since v1).
    expect(backend.releases.get('a')!.version).toBe(2);
    expect(document.querySelector('.bar .version')!.textContent).toBe('v2');
    button('Clearance')!.click();
    const version = await waitFor(() => document.querySelector<HTMLInputElement>('#clearance-version'));
    expect(version.value).toBe('2');
    // The next save is based on the revision the export left, so it is not stale.
    setValue(headline(), 'Typed after the export');
    await waitFor(() => backend.releases.get('a')!.headline === 'Typed after the export', 3000);
    expect(byTestId('kept-text')).toBeNull();
  });

  it('exports and reports the path', async () => {
    await open('b');
    button('Export Word…')!.click();
    await waitFor(() => document.body.textContent?.includes('Exported to /home/user/Documents/b.docx'));
  });
});
