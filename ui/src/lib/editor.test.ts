// Editor behaviour against the in-memory backend: autosave states, status
// actions, the frozen (cleared/published) state and flushing on switch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { blankRelease, createMockBackend, type MockBackend } from './mockBackend';
import { installLayoutShims, setValue, settle, waitFor } from './testUtils';
import App from '../App.svelte';

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);

describe('editor', () => {
  let backend: MockBackend;
  let app: Record<string, unknown> | null = null;
  let failSaves: { code: string; message: string } | null = null;

  beforeEach(() => {
    installLayoutShims();
    failSaves = null;
    const a = blankRelease('a', '2025-01-02T00:00:00Z');
    a.headline = 'First';
    const b = blankRelease('b', '2025-01-01T00:00:00Z');
    b.headline = 'Second';
    backend = createMockBackend([a, b]);
    mockWindows('main');
    mockIPC(
      (cmd, args) => {
        if (cmd === 'save_release' && failSaves) throw failSaves;
        return backend.handle(cmd, args as Record<string, unknown>);
      },
      { shouldMockEvents: true },
    );
    app = mount(App, { target: document.body });
  });

  afterEach(async () => {
    if (app) unmount(app);
    app = null;
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

  it('has the labelled fields', async () => {
    await open('a');
    for (const [label, id] of [
      ['Type', 'field-type'], ['Reference', 'field-reference'], ['Language', 'field-language'], ['Embargoed until', 'field-embargo-until'],
      ['Headline', 'field-headline'], ['Subheadline', 'field-subheadline'], ['City', 'field-city'], ['Date', 'field-date'],
      ['Body', 'field-body'], ['About', 'field-about'], ['Notes to editors', 'field-notes'], ['End mark', 'field-end-mark'],
    ]) {
      const l = [...document.querySelectorAll('label')].find((x) => x.textContent === label);
      expect(l, label).toBeTruthy();
      expect(l!.htmlFor).toBe(id);
      expect(document.getElementById(id), id).toBeTruthy();
    }
    expect(document.getElementById('field-embargo-until')!.getAttribute('type')).toBe('datetime-local');
    expect(document.getElementById('field-date')!.getAttribute('type')).toBe('date');
    expect(document.getElementById('field-body')!.getAttribute('aria-labelledby')).toBe('label-body');
    expect([...document.querySelectorAll('#field-end-mark option')].map((o) => o.textContent)).toEqual(['###', '-ENDS-', '***', 'none']);
    button('Add contact')!.click();
    flushSync();
    for (const f of ['name', 'title', 'organization', 'email', 'phone']) expect(document.getElementById(`contact-0-${f}`)).toBeTruthy();
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

    button('Mark cleared')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'Cleared');
    const headline = document.querySelector<HTMLInputElement>('#field-headline')!;
    expect(headline.matches(':disabled')).toBe(true);
    expect(document.getElementById('field-body')!.getAttribute('contenteditable')).toBe('false');
    const banner = byTestId('frozen-banner')!;
    expect(banner.textContent).toContain('cleared');
    expect(banner.textContent).toContain(`v${backend.releases.get('a')!.version + 1}`);
    expect(button('Publish')).toBeTruthy();
    expect(button('Withdraw')).toBeTruthy();
    expect(button('Final export…')).toBeTruthy();

    // A refused transition shows the backend's message.
    backend.releases.get('a')!.status = 'draft';
    button('Publish')!.click();
    await waitFor(() => document.querySelector('[role=alert]')?.textContent?.includes('Cannot publish'));
    backend.releases.get('a')!.status = 'cleared';

    button('Start new draft')!.click();
    await waitFor(() => byTestId('status-badge')!.textContent === 'Draft');
    expect(document.querySelector<HTMLInputElement>('#field-headline')!.matches(':disabled')).toBe(false);
    expect(byTestId('frozen-banner')).toBeNull();
  });

  it('exports and reports the path', async () => {
    await open('b');
    button('Export Word…')!.click();
    await waitFor(() => document.body.textContent?.includes('Exported to /home/user/Documents/b.docx'));
  });
});
