// The embargo fields show the core's verdict (check_embargo) and store what
// the officer chooses; the language field offers the core's languages and
// carries a usual type label into the new language.
//
// check_embargo answers here are the core's answers for these inputs, copied
// from crates/dateline-core/src/embargo.rs's tests; what this file tests is
// how the editor shows each kind of answer and what it saves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { EmbargoCheck } from './bindings/EmbargoCheck';
import { LANGUAGES, TYPE_LABELS } from './bindings/languages';
import { blankRelease, createMockBackend, type MockBackend } from './mockBackend';
import { translateTypeLabel, typeLabelsFor } from './status';
import { installLayoutShims, setValue, settle, waitFor } from './testUtils';
import App from '../App.svelte';

const GAP: EmbargoCheck = {
  kind: 'nonexistent',
  message: '02:30 on 2026-03-29 in Europe/Zurich does not exist: the clocks go from 02:00 straight to 03:00 that night. The same moment is 2026-03-29 03:30; choose that or another time.',
  suggestion: '2026-03-29T03:30',
};
const FOLD_MESSAGE = '02:30 on 2026-10-25 in Europe/Zurich happens twice: the clocks go back from 03:00 to 02:00 that night. Choose the first one (UTC+02:00) or the second one (UTC+01:00).';

function answer(until: string, offset: string | null): EmbargoCheck {
  if (until === '2026-03-29T02:30') return GAP;
  if (until === '2026-10-25T02:30') {
    return { kind: 'ambiguous', message: FOLD_MESSAGE, earlier: '+02:00', later: '+01:00', chosen: offset === '+02:00' || offset === '+01:00' ? offset : null };
  }
  return { kind: 'valid', offset: '+02:00' };
}

describe('embargo and language fields', () => {
  let backend: MockBackend;
  let app: Record<string, unknown> | null = null;

  beforeEach(() => {
    installLayoutShims();
    const a = blankRelease('a', '2026-03-01T00:00:00Z');
    a.headline = 'Embargoed';
    a.timing = { kind: 'embargoed', until: '2026-06-04T09:00', time_zone: 'Europe/Zurich' };
    backend = createMockBackend([a]);
    mockWindows('main');
    mockIPC(
      (cmd, args) => {
        const a = args as Record<string, unknown>;
        if (cmd === 'check_embargo') return answer(String(a.until), (a.offset as string | null) ?? null);
        return backend.handle(cmd, a);
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

  async function open() {
    const row = await waitFor(() => document.querySelector<HTMLButtonElement>('button.row[data-id="a"]'));
    row.click();
    await waitFor(() => document.querySelector<HTMLInputElement>('#field-headline')?.value === 'Embargoed');
    await settle(20);
  }

  /** The release as the backend last saved it. */
  async function saved() {
    await settle(600);
    return backend.releases.get('a')!;
  }

  it('shows the offset of an ordinary time', async () => {
    await open();
    const hint = await waitFor(() => document.querySelector('#embargo-offset'));
    expect(hint.textContent).toBe('UTC+02:00');
  });

  it('refuses a time the clocks skip and offers the valid one', async () => {
    await open();
    setValue(document.querySelector<HTMLInputElement>('#field-embargo-until')!, '2026-03-29T02:30');
    const box = await waitFor(() => document.querySelector('#embargo-nonexistent'));
    expect(box.getAttribute('role')).toBe('alert');
    expect(box.textContent).toContain(GAP.message);
    const use = [...box.querySelectorAll('button')].find((b) => b.textContent === 'Use 2026-03-29 03:30')!;
    use.click();
    flushSync();
    expect(document.querySelector<HTMLInputElement>('#field-embargo-until')!.value).toBe('2026-03-29T03:30');
    await waitFor(() => document.querySelector('#embargo-offset'));
    expect((await saved()).timing).toEqual({ kind: 'embargoed', until: '2026-03-29T03:30', time_zone: 'Europe/Zurich' });
  });

  it('makes the officer choose between two identical times and stores the choice', async () => {
    await open();
    setValue(document.querySelector<HTMLInputElement>('#field-embargo-until')!, '2026-10-25T02:30');
    const box = await waitFor(() => document.querySelector('#embargo-ambiguous'));
    expect(box.querySelector('legend')!.textContent).toBe(FOLD_MESSAGE);
    expect(box.classList.contains('problem')).toBe(true);
    const radios = [...box.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.parentElement!.textContent!.trim())).toEqual(['First: 02:30 UTC+02:00', 'Second: 02:30 UTC+01:00']);
    expect(radios.some((r) => r.checked)).toBe(false);
    radios[1].click();
    await waitFor(() => document.querySelector('#embargo-ambiguous:not(.problem)'));
    expect(document.querySelector<HTMLInputElement>('#embargo-ambiguous input[value="+01:00"]')!.checked).toBe(true);
    expect((await saved()).timing).toEqual({ kind: 'embargoed', until: '2026-10-25T02:30', time_zone: 'Europe/Zurich', offset: '+01:00' });
    // Another time drops the choice made for the old one.
    setValue(document.querySelector<HTMLInputElement>('#field-embargo-until')!, '2026-10-25T09:00');
    expect((await saved()).timing).toEqual({ kind: 'embargoed', until: '2026-10-25T09:00', time_zone: 'Europe/Zurich' });
  });

  it('offers the core languages, and a usual type label follows the language', async () => {
    await open();
    const options = [...document.querySelectorAll<HTMLOptionElement>('#language-options option')].map((o) => o.value);
    expect(options).toEqual(LANGUAGES.map((l) => l.tag));
    for (const tag of ['de', 'it', 'pt', 'ja', 'ko', 'sw', 'tr', 'uk']) expect(options).toContain(tag);
    const lang = document.querySelector<HTMLInputElement>('#field-language')!;
    setValue(lang, 'd');
    setValue(lang, 'de');
    flushSync();
    expect(document.querySelector<HTMLInputElement>('#field-type')!.value).toBe('PRESSEMITTEILUNG');
    const types = [...document.querySelectorAll<HTMLOptionElement>('#type-options option')].map((o) => o.value);
    expect(types).toEqual(TYPE_LABELS.de);
    expect((await saved()).type_label).toBe('PRESSEMITTEILUNG');
    const type = document.querySelector<HTMLInputElement>('#field-type')!;
    setValue(type, 'Gemeinsame Erklärung');
    setValue(lang, 'fr');
    flushSync();
    expect(type.value).toBe('Gemeinsame Erklärung');
  });

  it('type labels by primary subtag, English for a language without phrases', () => {
    expect(typeLabelsFor('pt-BR')).toEqual(TYPE_LABELS.pt);
    expect(typeLabelsFor('th')).toEqual(TYPE_LABELS.en);
    expect(translateTypeLabel('MEDIA ADVISORY', 'en', 'fr-CH')).toBe('AVIS AUX MÉDIAS');
    expect(translateTypeLabel('Joint statement', 'en', 'fr')).toBe('Joint statement');
  });
});
