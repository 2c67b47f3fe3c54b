// body.ts — owns the conversion between the Body editor's ProseMirror/TipTap
// JSON and the release model's Block[] (see the IPC contract). Pure functions,
// no DOM. Marks bold/italic/link become Inline flags; a list item's first
// paragraph is its content and nested lists are its children; adjacent text
// runs with identical marks are merged. "\n" inside Inline.text is a line
// break and is kept as-is in the editor's text. A subheading is a level-2
// `heading`, a quote a `blockquote` whose `speaker` attribute holds the
// speaker, a picture a `releaseImage` atom whose attributes are the model's
// image fields unchanged (the bytes are never re-encoded here).
import type { Block } from './bindings/Block';
import type { Inline } from './bindings/Inline';
import type { ListItem } from './bindings/ListItem';
import type { Release } from './bindings/Release';

export type PMMark = { type: string; attrs?: Record<string, unknown> };
export type PMNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
};

// ---------- ProseMirror JSON -> Block[] ----------

function inlineKey(i: Inline): string {
  return `${i.bold ? 1 : 0}${i.italic ? 1 : 0}${i.link ?? ''}\u0000${i.link === undefined ? 0 : 1}`;
}

/** Merge adjacent runs with identical formatting and drop empty runs. */
export function normalizeInlines(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const prev = out[out.length - 1];
    if (prev && inlineKey(prev) === inlineKey(r)) {
      out[out.length - 1] = { ...prev, text: prev.text + r.text };
    } else {
      out.push(makeInline(r.text, r.bold, r.italic, r.link));
    }
  }
  return out;
}

function makeInline(text: string, bold: boolean, italic: boolean, link: string | undefined | null): Inline {
  const i: Inline = { text, bold, italic };
  if (typeof link === 'string' && link !== '') i.link = link;
  return i;
}

function inlinesOf(node: PMNode | undefined): Inline[] {
  const runs: Inline[] = [];
  for (const child of node?.content ?? []) {
    if (child.type === 'text') {
      let bold = false;
      let italic = false;
      let link: string | undefined;
      for (const m of child.marks ?? []) {
        if (m.type === 'bold') bold = true;
        else if (m.type === 'italic') italic = true;
        else if (m.type === 'link' && typeof m.attrs?.href === 'string') link = m.attrs.href;
      }
      runs.push(makeInline(child.text ?? '', bold, italic, link));
    } else if (child.type === 'hardBreak') {
      runs.push({ text: '\n', bold: false, italic: false });
    } else if (child.content) {
      runs.push(...inlinesOf(child));
    }
  }
  return normalizeInlines(runs);
}

const NEWLINE: Inline = { text: '\n', bold: false, italic: false };

function listItemOf(node: PMNode): ListItem {
  let content: Inline[] | null = null;
  const children: Block[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'paragraph') {
      if (content === null) content = inlinesOf(child);
      // A second paragraph inside one item has no place in the model: keep its
      // text as a line break in the item's content.
      else content = normalizeInlines([...content, NEWLINE, ...inlinesOf(child)]);
    } else {
      const b = blockOf(child);
      if (b) children.push(b);
    }
  }
  return { content: content ?? [], children };
}

/** A quote's paragraphs as one run list, joined by line breaks. */
function quoteInlines(node: PMNode): Inline[] {
  const runs: Inline[] = [];
  (node.content ?? []).forEach((child, i) => {
    if (i > 0) runs.push(NEWLINE);
    runs.push(...inlinesOf(child));
  });
  return normalizeInlines(runs);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function blockOf(node: PMNode): Block | null {
  switch (node.type) {
    case 'paragraph':
      return { type: 'paragraph', content: inlinesOf(node) };
    case 'heading':
      return { type: 'subheading', content: inlinesOf(node) };
    case 'blockquote':
      return { type: 'quote', content: quoteInlines(node), speaker: str(node.attrs?.speaker) };
    case 'releaseImage': {
      const a = node.attrs ?? {};
      return {
        type: 'image',
        media_type: a.mediaType === 'image/jpeg' ? 'image/jpeg' : 'image/png',
        data: str(a.data),
        width: num(a.width),
        height: num(a.height),
        alt: str(a.alt),
        caption: str(a.caption),
      };
    }
    case 'bulletList':
      return { type: 'bullet_list', items: (node.content ?? []).filter((c) => c.type === 'listItem').map(listItemOf) };
    case 'orderedList':
      return { type: 'ordered_list', items: (node.content ?? []).filter((c) => c.type === 'listItem').map(listItemOf) };
    default:
      // Unknown node (should not exist in our schema): keep its text.
      return node.content || node.text ? { type: 'paragraph', content: inlinesOf({ type: 'paragraph', content: node.text ? [node] : node.content }) } : null;
  }
}

/** Editor document -> model blocks. A document holding only one empty
 *  paragraph (the editor's "empty" state) is the empty body. */
export function docToBlocks(doc: PMNode): Block[] {
  const blocks: Block[] = [];
  for (const n of doc.content ?? []) {
    const b = blockOf(n);
    if (b) blocks.push(b);
  }
  if (blocks.length === 1 && blocks[0].type === 'paragraph' && blocks[0].content.length === 0) return [];
  return blocks;
}

// ---------- Block[] -> ProseMirror JSON ----------

function textNodes(runs: Inline[]): PMNode[] {
  return normalizeInlines(runs).map((r) => {
    const marks: PMMark[] = [];
    if (r.bold) marks.push({ type: 'bold' });
    if (r.italic) marks.push({ type: 'italic' });
    if (typeof r.link === 'string' && r.link !== '') marks.push({ type: 'link', attrs: { href: r.link } });
    const n: PMNode = { type: 'text', text: r.text };
    if (marks.length) n.marks = marks;
    return n;
  });
}

function paragraphNode(runs: Inline[]): PMNode {
  const content = textNodes(runs);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function listItemNode(item: ListItem): PMNode {
  const content: PMNode[] = [paragraphNode(item.content)];
  for (const child of item.children) content.push(blockNode(child));
  return { type: 'listItem', content };
}

function blockNode(b: Block): PMNode {
  switch (b.type) {
    case 'paragraph':
      return paragraphNode(b.content);
    case 'subheading': {
      const content = textNodes(b.content);
      return content.length ? { type: 'heading', attrs: { level: 2 }, content } : { type: 'heading', attrs: { level: 2 } };
    }
    case 'quote':
      return { type: 'blockquote', attrs: { speaker: b.speaker }, content: [paragraphNode(b.content)] };
    case 'image':
      return {
        type: 'releaseImage',
        attrs: { mediaType: b.media_type, data: b.data, width: b.width, height: b.height, alt: b.alt, caption: b.caption },
      };
    case 'bullet_list':
    case 'ordered_list': {
      const items = b.items.length ? b.items : [{ content: [], children: [] }];
      return { type: b.type === 'bullet_list' ? 'bulletList' : 'orderedList', content: items.map(listItemNode) };
    }
  }
}

/** Model blocks -> editor document (always valid for the schema). */
export function blocksToDoc(blocks: Block[]): PMNode {
  const content = blocks.map(blockNode);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

/** Plain text of a body, for list snippets and tests. */
export function blocksToText(blocks: Block[]): string {
  const lines: string[] = [];
  const text = (runs: Inline[]) => runs.map((i) => i.text).join('');
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      switch (b.type) {
        case 'paragraph':
        case 'subheading':
          lines.push(text(b.content));
          break;
        case 'quote':
          lines.push(text(b.content));
          if (b.speaker) lines.push(`— ${b.speaker}`);
          break;
        case 'image':
          if (b.caption) lines.push(b.caption);
          break;
        default:
          for (const it of b.items) {
            lines.push(text(it.content));
            walk(it.children);
          }
      }
    }
  };
  walk(blocks);
  return lines.join('\n');
}

/** The officer-written text of a release as plain text, in reading order,
 *  for copying elsewhere when it could not be saved. */
export function releaseText(r: Release): string {
  const contacts = r.contact_groups.flatMap((g) => [
    g.heading,
    ...g.contacts.map((c) => [c.name, c.title, c.organization, c.email, c.phone, c.url].filter(Boolean).join(', ')),
  ]);
  return [
    [r.type_label, r.reference].filter(Boolean).join(' · '),
    r.headline,
    r.subheadline,
    [r.dateline.city, r.dateline.date].filter(Boolean).join(', '),
    blocksToText(r.body),
    r.about.map((a) => [a.heading, a.text].filter(Boolean).join('\n')).join('\n\n'),
    blocksToText(r.notes_to_editors),
    contacts.filter(Boolean).join('\n'),
  ]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
}

/** JSON with sorted keys, so that equal content compares equal whatever the
 *  key order it arrived in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** True when two releases have the same officer-written content (the
 *  store-owned status, version, revision and timestamps aside). */
export function sameText(a: Release, b: Release): boolean {
  const text = ({ status: _s, version: _v, revision: _r, created_at: _c, updated_at: _u, ...rest }: Release) => canonical(rest);
  return text(a) === text(b);
}
