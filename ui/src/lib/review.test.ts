// The review screen against the in-memory backend. What the core read from
// the file is a fixture written by `dateline review --format json` from a
// file made by tests/e2e/make_reviewed.py (tracked changes by two reviewers,
// a format change, comment threads and an edit made with Track Changes off);
// the mock only records what the screen asks to apply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { blankRelease, createMockBackend, type MockBackend } from './mockBackend';
import { installLayoutShims, setValue, settle, waitFor } from './testUtils';
import type { ApplyRequest } from './bindings/ApplyRequest';
import type { Review } from './bindings/Review';
import fixture from './fixtures/review.json';
import App from '../App.svelte';

const FILE = '/home/user/Documents/2026-03-12 flood centre DRAFT v1 reviewed.docx';
const button = (text: string, root: ParentNode = document) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
const panel = () => document.querySelector<HTMLElement>('[data-testid="review-panel"]');
const change = (id: number) => document.querySelector<HTMLElement>(`[data-change="${id}"]`)!;
const pressed = (id: number, which: 'Accept' | 'Reject') => button(which, change(id))!.getAttribute('aria-pressed') === 'true';

describe('review screen', () => {
  let backend: MockBackend;
  let app: Record<string, unknown> | null = null;
  let failApply: { code: string; message: string } | null = null;

  beforeEach(() => {
    installLayoutShims();
    failApply = null;
    const a = blankRelease('a', '2026-03-12T08:00:00Z');
    a.headline = 'Northern Rivers Commission opens flood early-warning centre in Port Aurel';
    backend = createMockBackend([a]);
    backend.review.file = FILE;
    backend.review.review = structuredClone(fixture) as Review;
    mockWindows('main');
    mockIPC(
      (cmd, args) => {
        if (cmd === 'apply_review' && failApply) throw failApply;
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

  async function openReview() {
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline'));
    await settle(20);
    button('Import reviewed Word file…')!.click();
    return waitFor(panel);
  }

  it('shows every change field by field with author and time, and comments beside their field', async () => {
    const p = await openReview();
    expect(p.querySelector('h2')!.textContent).toContain('2026-03-12 flood centre DRAFT v1 reviewed.docx');
    const headline = p.querySelector('[data-field="headline"]')!;
    const body = p.querySelector('[data-field="body"]')!;
    expect(headline.querySelectorAll('[data-change]')).toHaveLength(2);
    expect(body.querySelectorAll('[data-change]')).toHaveLength(4);
    expect(change(0).querySelector('del')!.textContent).toBe('opens');
    expect(change(1).querySelector('ins')!.textContent).toBe('inaugurates');
    expect(change(1).textContent).toContain('Lena Park');
    expect(change(1).querySelector('.when')!.textContent).not.toBe('no date');
    expect(change(3).textContent).toContain('Formatting');
    // The untracked edit: marked, attributed to the last editor, old and new text.
    const u = change(5);
    expect(u.classList.contains('kind-untracked')).toBe(true);
    expect(u.textContent).toContain('Untracked edit');
    expect(u.textContent).toContain('Omar Haddad');
    expect(u.querySelector('del')!.textContent).toBe('fourteen');
    expect(u.querySelector('ins')!.textContent).toBe('sixteen');
    expect(p.querySelector('.untracked-note')!.textContent).toContain('Track Changes off');
    // Comments sit in their field's section, with replies and resolved state.
    const bodyComments = body.querySelector('.comments')!;
    expect(bodyComments.textContent).toContain('Is 48 hours confirmed by the hydrology unit?');
    expect(bodyComments.querySelector('.reply')!.textContent).toContain('Yes, confirmed on 10 March.');
    expect(bodyComments.textContent).not.toContain('Resolved');
    const resolved = headline.querySelector('.comment.resolved')!;
    expect(resolved.textContent).toContain('Spell the city as in the style guide.');
    expect(resolved.textContent).toContain('Resolved');
    expect(resolved.querySelector('.anchor')!.textContent).toContain('Port Aurel');
  });

  it('locks the editor while the review is open', async () => {
    await openReview();
    expect(document.querySelector('#field-headline')).toBeNull();
    expect(button('Send for clearance')!.disabled).toBe(true);
    expect(button('Import reviewed Word file…')!.disabled).toBe(true);
    button('Close without applying')!.click();
    await waitFor(() => document.querySelector('#field-headline'));
    expect(backend.calls.some((c) => c.cmd === 'apply_review')).toBe(false);
  });

  it('saves pending typing before it reads the file', async () => {
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    const h = await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline'));
    setValue(h, 'Typed just before importing');
    button('Import reviewed Word file…')!.click();
    await waitFor(panel);
    const cmds = backend.calls.map((c) => c.cmd);
    expect(cmds.lastIndexOf('save_release')).toBeGreaterThan(-1);
    expect(cmds.lastIndexOf('save_release')).toBeLessThan(cmds.indexOf('read_review'));
    expect(backend.releases.get('a')!.headline).toBe('Typed just before importing');
  });

  it('accepts per change, per reviewer and all, never bulk-accepting untracked edits, and applies', async () => {
    await openReview();
    button('Accept all')!.click();
    await settle();
    expect([0, 1, 2, 3, 4].every((id) => pressed(id, 'Accept'))).toBe(true);
    expect(pressed(5, 'Accept')).toBe(false);
    button('Reject all')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('button[aria-label="Accept all changes by Omar Haddad"]')!.click();
    await settle();
    expect(pressed(2, 'Accept') && pressed(4, 'Accept')).toBe(true);
    expect(pressed(0, 'Reject') && pressed(1, 'Reject') && pressed(3, 'Reject')).toBe(true);
    button('Reject', change(4))!.click();
    button('Accept', change(1))!.click();
    await settle();
    expect(document.querySelector('[data-testid="review-count"]')!.textContent).toMatch(/^\s*2 to accept, 4 to reject \(1 not decided: rejected if you apply now\)\s*$/);

    const applied = structuredClone(backend.releases.get('a')!);
    applied.headline = 'Northern Rivers Commission opens inaugurates flood early-warning centre in Port Aurel';
    applied.version = 2;
    backend.review.applied = applied;
    button('Apply')!.click();
    await waitFor(() => !panel());
    const call = backend.calls.find((c) => c.cmd === 'apply_review')!;
    expect(call.args!.path).toBe(FILE);
    expect(call.args!.into).toBe('a');
    const req = call.args!.request as ApplyRequest;
    expect([...req.accept].sort()).toEqual([1, 2]);
    expect(req.accept_all).toBe(false);
    expect(req.accept_authors).toEqual([]);
    expect(req.file_name).toBe('2026-03-12 flood centre DRAFT v1 reviewed.docx');
    // The release is current again: form, version, notice, the clearance tab.
    const h = await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline'));
    expect(h.value).toBe(applied.headline);
    expect(document.querySelector('.version')!.textContent).toBe('v2');
    expect(document.querySelector('.msg.ok')!.textContent).toContain('2 accepted, 4 rejected; now v2');
    expect(document.querySelector('#tab-clearance')!.getAttribute('aria-selected')).toBe('true');
  });

  it('asks the officer to confirm a file matched by its text', async () => {
    backend.review.review = { ...(structuredClone(fixture) as Review), matched_by: 'content', needs_confirmation: true };
    const p = await openReview();
    expect(p.querySelector('[data-testid="review-confirm"]')!.textContent).toContain('Its text matches v0');
    expect(p.querySelector('[data-change]')).toBeNull();
    expect(button('Apply')).toBeUndefined();
    button('Yes, it is: show the changes')!.click();
    await waitFor(() => p.querySelector('[data-change]'));
    expect(button('Apply (reject all)')).toBeTruthy();
  });

  it('shows a refused apply by its code and keeps the decisions', async () => {
    await openReview();
    button('Accept', change(2))!.click();
    await settle();
    failApply = { code: 'invalid', message: 'body was also edited with Track Changes off; accept those edits too' };
    button('Apply')!.click();
    const alert = await waitFor(() => panel()!.querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('Not applied: body was also edited with Track Changes off; accept those edits too');
    expect(pressed(2, 'Accept')).toBe(true);
  });

  it('reports a file that is not a review, and stays in the editor', async () => {
    backend.review.review = null;
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    await waitFor(() => document.querySelector('#field-headline'));
    button('Import reviewed Word file…')!.click();
    const alert = await waitFor(() => document.querySelector('.msg.error'));
    expect(alert.textContent).toContain("This file can't be imported: this is not a Word document");
    expect(panel()).toBeNull();
    expect(document.querySelector('#field-headline')).toBeTruthy();
  });

  it('opens a .docx dropped on the window (the path comes from Rust)', async () => {
    backend.review.file = null;
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    await waitFor(() => document.querySelector('#field-headline'));
    await settle(20);
    await emit('review-file-dropped', '/tmp/dropped reviewed.docx');
    const p = await waitFor(panel);
    expect(p.querySelector('h2')!.textContent).toBe('Review of dropped reviewed.docx');
    expect(backend.calls.find((c) => c.cmd === 'read_review')!.args).toEqual({ path: '/tmp/dropped reviewed.docx', into: 'a' });
  });

  it('does nothing when the file picker is cancelled', async () => {
    backend.review.file = null;
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    await waitFor(() => document.querySelector('#field-headline'));
    button('Import reviewed Word file…')!.click();
    await settle(20);
    expect(backend.calls.some((c) => c.cmd === 'read_review')).toBe(false);
    expect(panel()).toBeNull();
  });
});
