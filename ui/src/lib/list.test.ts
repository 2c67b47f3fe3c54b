// The release list is virtualized: 10,000 rows, only a window of them in the DOM.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ReleaseQuery } from './bindings/ReleaseQuery';
import type { ReleaseSummary } from './bindings/ReleaseSummary';
import ReleaseList from './components/ReleaseList.svelte';
import { setValue, settle, waitFor } from './testUtils';

const rows = (n: number): ReleaseSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    headline: i % 10 === 0 ? '' : `Headline ${i}`,
    type_label: 'PRESS RELEASE',
    language: 'en',
    status: 'draft',
    dateline_date: '2025-01-01',
    version: 1,
    updated_at: '2025-01-01T00:00:00Z',
    snippet: [{ text: `snippet ${i}`, hit: false }],
  }));

describe('ReleaseList', () => {
  let comp: Record<string, unknown> | null = null;
  afterEach(() => {
    if (comp) unmount(comp);
    comp = null;
    clearMocks();
    document.body.innerHTML = '';
  });

  it('renders only a window of 10,000 rows and follows scrolling', async () => {
    const queries: ReleaseQuery[] = [];
    const all = rows(10000);
    mockIPC((cmd, args) => {
      if (cmd === 'list_releases') {
        const q = (args as { query: ReleaseQuery }).query;
        queries.push(q);
        return q.limit ? all.slice(0, q.limit) : all;
      }
      throw { code: 'invalid', message: cmd };
    });
    const selected: string[] = [];
    comp = mount(ReleaseList, { target: document.body, props: { selectedId: null, onselect: (id: string) => selected.push(id), oncreate: () => {} } });
    await waitFor(() => document.querySelectorAll('button.row').length > 0);
    // The newest page first, then every release.
    expect(queries[0]).toEqual({ text: '', sort: 'recent', limit: 100 });
    await waitFor(() => queries.length >= 2);
    expect(queries[1]).toEqual({ text: '', sort: 'recent', limit: 0 });
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
    const inDom = document.querySelectorAll('button.row').length;
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(40);
    expect(document.querySelector('button.row .headline')!.textContent).toBe('Untitled');

    const viewport = document.querySelector<HTMLDivElement>('[data-testid="release-list"]')!;
    viewport.scrollTop = 5000 * 68;
    viewport.dispatchEvent(new Event('scroll'));
    flushSync();
    const ids = [...document.querySelectorAll<HTMLButtonElement>('button.row')].map((b) => b.dataset.id);
    expect(ids).toContain('r5000');
    expect(ids).not.toContain('r0');
    expect(document.querySelectorAll('button.row').length).toBeLessThan(40);
    document.querySelector<HTMLButtonElement>('button.row[data-id="r5001"]')!.click();
    expect(selected).toEqual(['r5001']);
  });

  it('debounces typing and drops stale responses', async () => {
    const queries: ReleaseQuery[] = [];
    mockIPC(async (cmd, args) => {
      if (cmd !== 'list_releases') throw { code: 'invalid', message: cmd };
      const q = (args as { query: ReleaseQuery }).query;
      queries.push(q);
      // Older queries answer later than newer ones.
      await new Promise((r) => setTimeout(r, q.text === 'wat' ? 120 : 5));
      return [{ ...rows(1)[0], id: `for-${q.text}`, headline: q.text }];
    });
    comp = mount(ReleaseList, { target: document.body, props: { selectedId: null, onselect: () => {}, oncreate: () => {} } });
    await settle(120);
    const box = document.querySelector<HTMLInputElement>('#search-text')!;
    setValue(box, 'w');
    setValue(box, 'wa');
    setValue(box, 'wat');
    flushSync();
    await settle(100); // 'wat' sent, slow answer pending
    setValue(box, 'water');
    flushSync();
    await settle(250);
    expect(queries.map((q) => q.text)).toEqual(['', 'wat', 'water']);
    expect(document.querySelector('button.row .headline')!.textContent).toBe('water');
  });
});
