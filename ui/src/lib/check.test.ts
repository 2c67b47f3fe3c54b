// The writing check's placement helpers (check.svelte.ts): a core finding
// counts code points in its field; the UI finds the field, the flagged text,
// and replaces only while that text is still there.
import { describe, expect, it } from 'vitest';
import type { Finding } from './bindings/Finding';
import type { Release } from './bindings/Release';
import { fieldText, replaceInField, shown, slice } from './check.svelte';
import { blankRelease } from './mockBackend';

const finding = (field: string, start: number, end: number, suggestion?: string): Finding => ({
  rule: 'spelling', field, start, end, message: 'm', alternatives: [], ...(suggestion ? { suggestion } : {}),
});

function release(): Release {
  const r = blankRelease('check-1');
  r.headline = 'Émigré 𝒳 opend today';
  r.body = [
    { type: 'paragraph', content: [{ text: 'First ', bold: false, italic: false }, { text: 'tekst', bold: true, italic: false }] },
    { type: 'bullet_list', items: [{ content: [{ text: 'item one', bold: false, italic: false }], children: [
      { type: 'bullet_list', items: [{ content: [{ text: 'nested wrod', bold: false, italic: false }], children: [] }] },
    ] }] },
    { type: 'quote', content: [{ text: 'We are redy', bold: false, italic: false }], speaker: 'B' },
  ];
  // Two groups: contacts are numbered across them, as the core numbers them.
  r.contact_groups = [
    { heading: 'EMEA', contacts: [{ name: 'A', title: '', organization: 'Org', email: '', phone: '', url: '' }] },
    { heading: 'Americas', contacts: [{ name: 'C', title: 'Press Oficer', organization: 'Org', email: '', phone: '', url: '' }] },
  ];
  r.about = [{ heading: '', text: 'Firts text.' }, { heading: 'About Partner', text: 'Secnd text.' }];
  return r;
}

describe('writing check placement', () => {
  it('counts code points, not UTF-16 units', () => {
    // "𝒳" is two UTF-16 units and one code point.
    expect(slice('Émigré 𝒳 opend today', 9, 14)).toBe('opend');
  });

  it('finds every kind of field by the core\'s path', () => {
    const r = release();
    expect(fieldText(r, 'body.0')).toBe('First tekst');
    expect(fieldText(r, 'body.1.items.0')).toBe('item one');
    expect(fieldText(r, 'body.1.items.0.children.0.items.0')).toBe('nested wrod');
    expect(fieldText(r, 'body.2')).toBe('We are redy');
    expect(fieldText(r, 'contacts.1.title')).toBe('Press Oficer');
    expect(fieldText(r, 'about.1')).toBe('Secnd text.');
    expect(fieldText(r, 'body.7')).toBeNull();
  });

  it('replaces a plain field\'s flagged text, and refuses once it changed', () => {
    const r = release();
    const [s] = shown(r, [finding('headline', 9, 14, 'opened')]);
    expect(s.flagged).toBe('opend');
    expect(replaceInField(r, s, 'opened')).toBe(true);
    expect(r.headline).toBe('Émigré 𝒳 opened today');
    // The same finding again: the text under it is no longer "opend".
    expect(replaceInField(r, s, 'opened')).toBe(false);
    expect(r.headline).toBe('Émigré 𝒳 opened today');
  });

  it('replaces in a contact\'s title', () => {
    const r = release();
    const [s] = shown(r, [finding('contacts.1.title', 6, 12)]);
    expect(replaceInField(r, s, 'Officer')).toBe(true);
    expect(r.contact_groups[1].contacts[0].title).toBe('Press Officer');
  });

  it('replaces in an About section', () => {
    const r = release();
    const [s] = shown(r, [finding('about.1', 0, 5)]);
    expect(replaceInField(r, s, 'Second')).toBe(true);
    expect(r.about[1].text).toBe('Second text.');
    expect(r.about[0].text).toBe('Firts text.');
  });
});
