// Shows a rendered release (the HTML export, a whole document) inside a
// shadow root of the app's page, updated in place: only the nodes that
// differ from the last rendering are replaced, so a preview update costs the
// restyle and relayout of the paragraph that changed.
//
// Why not an iframe: measured on WebKitGTK with compositing off (how
// Dateline runs), any iframe on screen, even an empty one, made every
// keystroke in the form repaint it: 100-400 ms per character on this
// machine against 15-30 with the frame hidden (docs/PERFORMANCE.md).
//
// No script ever runs from the preview, by three independent means:
// - the HTML is parsed by DOMParser, whose document is inert (nothing in it
//   runs or loads while it is parsed);
// - only the <style> elements of its head and the content of its body are
//   taken, and scripts, frames, objects, embeds, forms, base and meta
//   elements, every event-handler attribute and every script URL are
//   dropped before anything is imported;
// - the app's Content-Security-Policy (tauri.conf.json: script-src 'self',
//   no 'unsafe-inline') refuses inline scripts, event-handler attributes
//   and javascript: URLs in the app's page whatever their origin.
// The core's renderer writes none of these in the first place
// (tests/html/xss.test.mjs); xss.test.ts feeds hostile HTML through here.

/** Replaces what `root` shows with the document `html` describes. */
export function patchPreview(root: ShadowRoot, html: string): void {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const want = next.createElement('div');
  for (const style of next.head.querySelectorAll('style')) {
    const s = next.createElement('style');
    s.textContent = scopeCss(style.textContent ?? '');
    want.append(s);
  }
  // <html> and <body> cannot stand in a shadow root: two elements take
  // their place and their attributes (lang, dir), and the style sheet's
  // `html`, `body` and `:root` selectors are pointed at them.
  const page = next.createElement('div');
  copyAttributes(page, next.documentElement);
  page.setAttribute('data-html', '');
  const body = next.createElement('div');
  copyAttributes(body, next.body);
  body.setAttribute('data-body', '');
  body.append(...next.body.childNodes);
  page.append(body);
  want.append(page);
  dropActive(want);
  patchChildren(root.ownerDocument, root, want);
}

function copyAttributes(to: Element, from: Element): void {
  for (const a of from.attributes) to.setAttribute(a.name, a.value);
}

/** `html`, `body` and `:root` in the selectors of a style sheet, pointed at
 *  the elements that stand in for them. Only selectors (the text before
 *  each `{` that is not an at-rule) are touched. */
export function scopeCss(css: string): string {
  return css.replace(/(^|[{}])([^{}@]+)\{/g, (_m, open: string, sel: string) => {
    const scoped = sel
      .replace(/:root\b/g, ':host')
      .replace(/(?<![\w.#:[-])html(?![\w-])/g, '[data-html]')
      .replace(/(?<![\w.#:[-])body(?![\w-])/g, '[data-body]');
    return `${open}${scoped}{`;
  });
}

const ACTIVE = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, form, noscript, template, portal';

function dropActive(root: Element): void {
  for (const el of root.querySelectorAll(ACTIVE)) el.remove();
  for (const el of root.querySelectorAll('*')) {
    for (const a of [...el.attributes]) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') el.removeAttribute(a.name);
      else if (['href', 'src', 'xlink:href', 'action', 'background', 'poster'].includes(name) && isScriptUrl(a.value)) el.removeAttribute(a.name);
    }
  }
}

function isScriptUrl(v: string): boolean {
  // The URL parser strips the whitespace and control characters browsers ignore.
  try {
    return ['javascript:', 'vbscript:'].includes(new URL(v, 'https://preview.invalid/').protocol);
  } catch {
    return false;
  }
}

/** Makes `to`'s children equal to `from`'s, keeping the nodes that are
 *  already equal, and going into elements of the same kind. */
function patchChildren(doc: Document, to: Node, from: Node): void {
  const want = [...from.childNodes];
  let have = [...to.childNodes];
  // A block inserted or deleted in the middle keeps the tail: skip the
  // common end first, then patch what lies between position by position.
  let end = 0;
  while (end < want.length && end < have.length && want[want.length - 1 - end].isEqualNode(have[have.length - 1 - end])) end++;
  const tailStart = have.length - end;
  const tail = have[tailStart] ?? null;
  have = have.slice(0, tailStart);
  const wantMid = want.slice(0, want.length - end);
  for (let i = 0; i < wantMid.length; i++) {
    const w = wantMid[i];
    const h = have[i];
    if (!h) {
      to.insertBefore(doc.importNode(w, true), tail);
    } else if (w.isEqualNode(h)) {
      continue;
    } else if (isElement(w) && isElement(h) && w.tagName === h.tagName && w.tagName !== 'STYLE') {
      syncAttributes(h, w);
      patchChildren(doc, h, w);
    } else if (w.nodeType === Node.TEXT_NODE && h.nodeType === Node.TEXT_NODE) {
      h.nodeValue = w.nodeValue;
    } else {
      to.replaceChild(doc.importNode(w, true), h);
    }
  }
  for (let i = wantMid.length; i < have.length; i++) to.removeChild(have[i]);
}

function syncAttributes(to: Element, from: Element): void {
  for (const a of [...to.attributes]) if (!from.hasAttribute(a.name)) to.removeAttribute(a.name);
  for (const a of from.attributes) if (to.getAttribute(a.name) !== a.value) to.setAttribute(a.name, a.value);
}

const isElement = (n: Node): n is Element => n.nodeType === Node.ELEMENT_NODE;
