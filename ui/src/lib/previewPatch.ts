// Updates the preview frame's document in place from a new rendering: only
// the nodes that differ are replaced, so a keystroke's preview costs the
// restyle and relayout of the paragraph that changed, not a new document.
//
// The new HTML is parsed with DOMParser, whose document is inert (scripts
// never run and nothing loads while it is parsed); its nodes are imported
// into the frame, whose sandbox allows no script (PreviewFrame.svelte). No
// node is ever created from the HTML in the app's own document. The core's
// renderer writes no script and no event handler (tests/html/xss.test.mjs);
// should one ever appear, it is dropped here as well, so the frame's
// document never holds active markup even if its sandbox were loosened.

/** Replaces `doc`'s content with the document `html` describes. */
export function patchDocument(doc: Document, html: string): void {
  const next = new DOMParser().parseFromString(html, 'text/html');
  dropActive(next);
  syncAttributes(doc.documentElement, next.documentElement);
  patchChildren(doc, doc.head, next.head);
  syncAttributes(doc.body, next.body);
  patchChildren(doc, doc.body, next.body);
}

function dropActive(doc: Document): void {
  for (const el of doc.querySelectorAll('script, iframe, frame, object, embed, base, meta[http-equiv]')) el.remove();
  for (const el of doc.querySelectorAll('*')) {
    for (const a of [...el.attributes]) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
  }
}

function syncAttributes(to: Element, from: Element): void {
  for (const a of [...to.attributes]) if (!from.hasAttribute(a.name)) to.removeAttribute(a.name);
  for (const a of from.attributes) if (to.getAttribute(a.name) !== a.value) to.setAttribute(a.name, a.value);
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

// The frame's nodes belong to another window, so `instanceof Element` is
// false for them: compare node types instead.
const isElement = (n: Node): n is Element => n.nodeType === Node.ELEMENT_NODE;
