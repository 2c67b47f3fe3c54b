// check.svelte.ts — the writing check's findings on screen (issue 16).
//
// The core finds the problems (`checkRelease`); this module only places
// them: it finds a finding's field in the release, draws squiggles over the
// Body editor's text through ProseMirror decorations, and applies a chosen
// replacement. A finding counts char (code point) offsets in its field's
// text; the editor and JS strings count UTF-16 units, hence the conversions.
import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMDoc } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Block } from './bindings/Block';
import type { Finding } from './bindings/Finding';
import type { Release } from './bindings/Release';

/** A finding as shown: its id on screen and the text it was about when
 *  the check ran (a fix is applied only while that text is still there). */
export interface Shown {
  id: number;
  f: Finding;
  flagged: string;
}

export const checkState = $state({
  findings: [] as Shown[],
  /** The context menu, open over the finding with this id. */
  menu: null as null | { id: number; x: number; y: number },
});

/** Findings still open, e.g. for the warning before export for clearance. */
export function openFindings(): number {
  return checkState.findings.length;
}

// ---------- fields ----------

const chars = (s: string) => Array.from(s);

/** Code point offsets -> the text between them. */
export function slice(text: string, start: number, end: number): string {
  return chars(text).slice(start, end).join('');
}

function blockText(blocks: Block[], rest: string[]): string | null {
  const b = blocks[Number(rest[0])];
  if (!b) return null;
  if (rest.length === 1) {
    return b.type === 'paragraph' || b.type === 'subheading' || b.type === 'quote' ? b.content.map((i) => i.text).join('') : null;
  }
  if ((b.type !== 'bullet_list' && b.type !== 'ordered_list') || rest[1] !== 'items') return null;
  const item = b.items[Number(rest[2])];
  if (!item) return null;
  if (rest.length === 3) return item.content.map((i) => i.text).join('');
  if (rest[3] !== 'children') return null;
  return blockText(item.children, rest.slice(4));
}

/** Contacts are numbered across their groups, as the core and the editor do. */
const contactAt = (r: Release, n: number) => r.contact_groups.flatMap((g) => g.contacts)[n];

/** A field's text in the release, by the core's field path. */
export function fieldText(r: Release, path: string): string | null {
  const p = path.split('.');
  switch (p[0]) {
    case 'headline':
      return r.headline;
    case 'subheadline':
      return r.subheadline;
    case 'about':
      return r.about[Number(p[1])]?.text ?? null;
    case 'dateline':
      return p[1] === 'city' ? r.dateline.city : null;
    case 'notes_to_editors':
      return blockText(r.notes_to_editors, p.slice(1));
    case 'contacts': {
      const c = contactAt(r, Number(p[1]));
      if (!c) return null;
      return p[2] === 'title' ? c.title : p[2] === 'organization' ? c.organization : null;
    }
    case 'body':
      return blockText(r.body, p.slice(1));
    default:
      return null;
  }
}

/** The findings of one check, with the text each was about. */
export function shown(r: Release, findings: Finding[]): Shown[] {
  return findings.map((f, id) => {
    const text = fieldText(r, f.field);
    return { id, f, flagged: text === null ? '' : slice(text, f.start, f.end) };
  });
}

/** Label of a field for the list ("Body, paragraph 2"). */
export function fieldLabel(path: string): string {
  const p = path.split('.');
  switch (p[0]) {
    case 'headline':
      return 'Headline';
    case 'subheadline':
      return 'Subheadline';
    case 'about':
      return p.length > 1 ? `About, section ${Number(p[1]) + 1}` : 'About';
    case 'language':
      return 'Language';
    case 'dateline':
      return p[1] === 'city' ? 'City' : 'Dateline';
    case 'notes_to_editors':
      return `Notes to editors, note ${Number(p[1]) + 1}`;
    case 'contacts':
      return p.length > 1 ? `Contact ${Number(p[1]) + 1}, ${p[2]}` : 'Contacts';
    case 'body':
      return `Body, ${p.includes('items') ? 'list item in ' : ''}block ${Number(p[1]) + 1}`;
    default:
      return path;
  }
}

/** The input element showing a plain field, to go to it from the list. */
export function fieldElementId(path: string): string | null {
  const p = path.split('.');
  if (p[0] === 'headline') return 'field-headline';
  if (p[0] === 'subheadline') return 'field-subheadline';
  if (p[0] === 'about') return p.length > 1 ? `about-${p[1]}-text` : 'label-about';
  if (p[0] === 'notes_to_editors') return 'field-notes';
  if (p[0] === 'dateline') return p[1] === 'city' ? 'field-city' : 'field-date';
  if (p[0] === 'contacts' && p.length > 2) return `contact-${p[1]}-${p[2]}`;
  if (p[0] === 'contacts') return 'label-contacts';
  if (p[0] === 'body') return 'field-body';
  return null;
}

/** Replaces a plain field's flagged text; false when the field changed since. */
export function replaceInField(r: Release, s: Shown, text: string): boolean {
  const current = fieldText(r, s.f.field);
  if (current === null || slice(current, s.f.start, s.f.end) !== s.flagged) return false;
  const cs = chars(current);
  const next = [...cs.slice(0, s.f.start), text, ...cs.slice(s.f.end)].join('');
  const p = s.f.field.split('.');
  if (p[0] === 'headline') r.headline = next;
  else if (p[0] === 'subheadline') r.subheadline = next;
  else if (p[0] === 'about' && r.about[Number(p[1])]) r.about[Number(p[1])].text = next;
  else if (p[0] === 'dateline' && p[1] === 'city') r.dateline.city = next;
  else if (p[0] === 'contacts' && (p[2] === 'title' || p[2] === 'organization') && contactAt(r, Number(p[1]))) contactAt(r, Number(p[1]))[p[2]] = next;
  else return false;
  return true;
}

// ---------- the Body editor ----------

const key = new PluginKey<DecorationSet>('writing-check');
let body: Editor | null = null;

/** The textblock a body path names in the editor's document, as the
 *  model's blocks map onto it (body.ts): a list item's first paragraph is
 *  its text, its nested lists follow. Returns the position of its content. */
function textblockAt(doc: PMDoc, path: string): { pos: number; text: string } | null {
  const p = path.split('.');
  if (p[0] !== 'body') return null;
  let node = doc;
  let pos = 0; // position of node's content
  let rest = p.slice(1);
  const child = (n: PMDoc, start: number, i: number) => {
    if (i < 0 || i >= n.childCount) return null;
    let at = start;
    for (let k = 0; k < i; k++) at += n.child(k).nodeSize;
    return { node: n.child(i), pos: at + 1 };
  };
  for (;;) {
    const c = child(node, pos, Number(rest[0]));
    if (!c) return null;
    if (rest.length === 1) {
      if (c.node.isTextblock) return { pos: c.pos, text: c.node.textContent };
      // A quote is a blockquote holding one paragraph (body.ts).
      const inner = c.node.type.name === 'blockquote' && c.node.childCount === 1 ? c.node.child(0) : null;
      return inner?.isTextblock ? { pos: c.pos + 1, text: inner.textContent } : null;
    }
    if (rest[1] !== 'items') return null;
    const item = child(c.node, c.pos, Number(rest[2]));
    if (!item || item.node.childCount === 0) return null;
    if (rest.length === 3) {
      const para = item.node.child(0);
      return para.isTextblock ? { pos: item.pos + 1, text: para.textContent } : null;
    }
    if (rest[3] !== 'children') return null;
    // Nested lists come after the item's paragraph: children.k is child k + 1.
    node = item.node;
    pos = item.pos;
    rest = [String(Number(rest[4]) + 1), ...rest.slice(5)];
  }
}

/** UTF-16 length of the first `n` code points of `text`. */
function units(text: string, n: number): number {
  return chars(text).slice(0, n).join('').length;
}

function decorations(doc: PMDoc, findings: Shown[]): DecorationSet {
  const out: Decoration[] = [];
  for (const s of findings) {
    if (!s.f.field.startsWith('body.') || s.f.end <= s.f.start) continue;
    const tb = textblockAt(doc, s.f.field);
    if (!tb || slice(tb.text, s.f.start, s.f.end) !== s.flagged) continue;
    const from = tb.pos + units(tb.text, s.f.start);
    const to = tb.pos + units(tb.text, s.f.end);
    const kind = s.f.rule === 'spelling' ? 'spelling' : s.f.rule === 'grammar' ? 'grammar' : 'style';
    out.push(
      Decoration.inline(from, to, { class: `check-mark check-${kind}`, 'data-check-id': String(s.id), title: s.f.message }, { id: s.id }),
    );
  }
  return DecorationSet.create(doc, out);
}

function findingAt(state: EditorState, pos: number): number | null {
  const set = key.getState(state);
  const found = set?.find(pos, pos, (spec) => typeof spec.id === 'number') ?? [];
  return found.length ? (found[0].spec.id as number) : null;
}

/** Squiggles over the Body's findings, and their context menu on a right
 *  click. From the keyboard, the Writing check list offers the same. */
export const CheckMarks = Extension.create({
  name: 'writingCheck',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => decorations(state.doc, checkState.findings),
          apply(tr, set) {
            const fresh = tr.getMeta(key) as Shown[] | undefined;
            if (fresh) return decorations(tr.doc, fresh);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handleDOMEvents: {
            contextmenu(view, event) {
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
              const id = at ? findingAt(view.state, at.pos) : null;
              if (id === null) return false;
              event.preventDefault();
              checkState.menu = { id, x: event.clientX, y: event.clientY };
              return true;
            },
          },
        },
      }),
    ];
  },
});

/** The Body editor tells this module it exists (and is gone). */
export function attachBody(editor: Editor) {
  body = editor;
  redraw();
}
export function detachBody(editor: Editor) {
  if (body === editor) body = null;
}

/** New findings: the list shows them, the editor redraws its squiggles. */
export function setFindings(findings: Shown[]) {
  checkState.findings = findings;
  if (checkState.menu && !findings.some((s) => s.id === checkState.menu?.id)) checkState.menu = null;
  redraw();
}

function redraw() {
  if (!body || body.isDestroyed) return;
  body.view.dispatch(body.state.tr.setMeta(key, $state.snapshot(checkState.findings)).setMeta('addToHistory', false));
}

/** Replaces a body finding's text in the editor (one undo step); false
 *  when the text under it changed since the check. */
export function replaceInBody(s: Shown, text: string): boolean {
  if (!body || body.isDestroyed) return false;
  const set = key.getState(body.state);
  const d = set?.find(undefined, undefined, (spec) => spec.id === s.id)[0];
  if (!d || body.state.doc.textBetween(d.from, d.to) !== s.flagged) return false;
  body.view.dispatch(body.state.tr.insertText(text, d.from, d.to));
  return true;
}

/** Puts the cursor on a body finding. */
export function focusInBody(s: Shown): boolean {
  if (!body || body.isDestroyed) return false;
  const d = key.getState(body.state)?.find(undefined, undefined, (spec) => spec.id === s.id)[0];
  if (!d) return false;
  body.chain().focus().setTextSelection({ from: d.from, to: d.to }).run();
  return true;
}
