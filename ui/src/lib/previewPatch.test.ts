// The in-place preview update must leave the shadow root exactly as a fresh
// rendering of the new HTML would be, whatever changed in between, and keep
// nothing active from it.
import { describe, expect, it } from 'vitest';
import { patchPreview, scopeCss } from './previewPatch';

const page = (lang: string, style: string, body: string) =>
  `<!doctype html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8"><style>${style}</style></head><body>${body}</body></html>`;

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

const newRoot = () => document.createElement('div').attachShadow({ mode: 'open' });
const fresh = (html: string) => {
  const r = newRoot();
  patchPreview(r, html);
  return r.innerHTML;
};

describe('patchPreview', () => {
  it('gives the same content as a fresh rendering, step after step', () => {
    const root = newRoot();
    for (const html of STEPS) {
      patchPreview(root, html);
      expect(root.innerHTML).toBe(fresh(html));
      expect(root.querySelector('[data-html]')!.getAttribute('lang')).toBe(html.match(/lang="(\w+)"/)![1]);
    }
  });

  it('keeps the nodes that did not change', () => {
    const root = newRoot();
    patchPreview(root, STEPS[0]);
    const [first, , third] = root.querySelectorAll('p');
    const style = root.querySelector('style');
    patchPreview(root, STEPS[1]);
    const after = root.querySelectorAll('p');
    expect(after[0]).toBe(first);
    expect(after[2]).toBe(third);
    expect(root.querySelector('style')).toBe(style);
    expect(after[1].textContent).toBe('two!');
  });

  it('drops active markup and script URLs', () => {
    const root = newRoot();
    patchPreview(
      root,
      '<html><head><script>1</script><base href="x:"><meta http-equiv="refresh" content="0;url=javascript:1"><link rel=stylesheet href=x.css></head>' +
        '<body><p onclick="x()" ONMOUSEOVER="y()">a</p><object></object><iframe srcdoc="<script>1</script>"></iframe><form action="x"><button formaction="javascript:1">b</button></form>' +
        '<a href=" JaVa\tScRiPt:alert(1)">c</a><a href="https://example.org/">d</a><img src="data:image/png;base64,AA==" onerror="alert(1)"></body></html>',
    );
    expect(root.querySelectorAll('script, base, meta, link, object, iframe, form, button')).toHaveLength(0);
    for (const el of root.querySelectorAll('*')) expect(el.getAttributeNames().filter((n) => n.startsWith('on'))).toEqual([]);
    const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([null, 'https://example.org/']);
    expect(root.querySelector('img')!.getAttribute('src')).toMatch(/^data:/);
  });

  it('points html, body and :root at the elements standing in for them, and nothing else', () => {
    expect(scopeCss(':root { color-scheme: light; }\nhtml { background: #eee; }\nbody { margin: 0 }')).toBe(
      ':host { color-scheme: light; }\n[data-html] { background: #eee; }\n[data-body] { margin: 0 }',
    );
    expect(scopeCss('[dir="rtl"] body, [dir="rtl"] article.release { font-family: x }')).toBe('[dir="rtl"] [data-body], [dir="rtl"] article.release { font-family: x }');
    expect(scopeCss(':lang(zh) body { a: b }')).toBe(':lang(zh) [data-body] { a: b }');
    expect(scopeCss('.body p, .body li { margin: 0 }')).toBe('.body p, .body li { margin: 0 }');
    expect(scopeCss('@media print { body { margin: 0 } .x { color: body } }')).toBe('@media print { [data-body] { margin: 0 } .x { color: body } }');
  });
});
