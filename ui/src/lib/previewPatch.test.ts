// The in-place preview update must leave the frame's document exactly as a
// fresh parse of the new HTML would be, whatever changed between renderings.
import { describe, expect, it } from 'vitest';
import { patchDocument } from './previewPatch';

const page = (lang: string, style: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${style}</style></head><body class="b">${body}</body></html>`;

const serialize = (d: Document) => d.documentElement.outerHTML;
const fresh = (html: string) => serialize(new DOMParser().parseFromString(html, 'text/html'));

const P = (t: string) => `<p>${t}</p>`;
const STEPS = [
  page('en', 'p{}', `<article>${P('one')}${P('two')}${P('three')}</article>`),
  page('en', 'p{}', `<article>${P('one')}${P('two!')}${P('three')}</article>`), // a keystroke
  page('en', 'p{}', `<article>${P('one')}${P('new')}${P('two!')}${P('three')}</article>`), // a block inserted
  page('en', 'p{}', `<article>${P('one')}${P('three')}</article>`), // blocks deleted
  page('fr', 'p{}', `<article dir="rtl">${P('<b>un</b> deux')}<ul><li>x</li></ul></article>`), // attributes, markup
  page('fr', 'p{color:red}', `<article>${P('un')}</article>text after`), // style and a text node
  page('ar', 'p{}', ''),
  page('en', 'p{}', `<article>${P('one')}${P('two')}${P('three')}</article>`),
];

describe('patchDocument', () => {
  it('gives the same document as a fresh parse, step after step', () => {
    const doc = document.implementation.createHTMLDocument('');
    for (const html of STEPS) {
      patchDocument(doc, html);
      expect(serialize(doc)).toBe(fresh(html));
    }
  });

  it('keeps the nodes that did not change', () => {
    const doc = document.implementation.createHTMLDocument('');
    patchDocument(doc, STEPS[0]);
    const [first, , third] = doc.querySelectorAll('p');
    const style = doc.querySelector('style');
    patchDocument(doc, STEPS[1]);
    const after = doc.querySelectorAll('p');
    expect(after[0]).toBe(first);
    expect(after[2]).toBe(third);
    expect(doc.querySelector('style')).toBe(style);
  });

  it('drops active markup', () => {
    const doc = document.implementation.createHTMLDocument('');
    patchDocument(doc, '<html><head><script>1</script><base href="x:"></head><body><p onclick="x()">a</p><object></object></body></html>');
    expect(doc.querySelectorAll('script, base, object')).toHaveLength(0);
    expect(doc.querySelector('p')!.getAttributeNames()).toEqual([]);
  });
});
