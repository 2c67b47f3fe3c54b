import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as PMNodeClass } from '@tiptap/pm/model';
import { Editor } from '@tiptap/core';
import type { Block } from './bindings/Block';
import type { Inline } from './bindings/Inline';
import { blocksToDoc, blocksToText, docToBlocks, normalizeInlines, type PMNode } from './body';
import { bodyExtensions, notesExtensions } from './editorExtensions';

const schema = getSchema(bodyExtensions());

const t = (text: string, o: Partial<Omit<Inline, 'text'>> = {}): Inline => {
  const i: Inline = { text, bold: o.bold ?? false, italic: o.italic ?? false };
  if (o.link !== undefined) i.link = o.link;
  return i;
};

const samples: Record<string, Block[]> = {
  empty: [],
  plain: [{ type: 'paragraph', content: [t('Hello world.')] }],
  emptyParagraphBetween: [
    { type: 'paragraph', content: [t('One')] },
    { type: 'paragraph', content: [] },
    { type: 'paragraph', content: [t('Two')] },
  ],
  marks: [
    {
      type: 'paragraph',
      content: [
        t('GENEVA – '),
        t('Bold', { bold: true }),
        t(' and '),
        t('both', { bold: true, italic: true }),
        t(' and '),
        t('a link', { link: 'https://example.org/a?b=1&c="2"' }),
        t(' bold link', { bold: true, link: 'https://example.org/' }),
        t('.'),
      ],
    },
  ],
  lineBreak: [{ type: 'paragraph', content: [t('Line one\nLine two')] }],
  lists: [
    { type: 'paragraph', content: [t('Key points:')] },
    {
      type: 'bullet_list',
      items: [
        { content: [t('First')], children: [] },
        {
          content: [t('Second', { italic: true })],
          children: [
            {
              type: 'ordered_list',
              items: [
                { content: [t('Nested one')], children: [] },
                { content: [t('Nested two')], children: [{ type: 'bullet_list', items: [{ content: [t('Deep')], children: [] }] }] },
              ],
            },
          ],
        },
      ],
    },
    { type: 'ordered_list', items: [{ content: [], children: [] }, { content: [t('after empty')], children: [] }] },
  ],
  newBlocks: [
    { type: 'paragraph', content: [t('Lead.')] },
    { type: 'subheading', content: [t('How it works', { italic: true })] },
    { type: 'quote', content: [t('First line\nsecond line'), t(' bold', { bold: true })], speaker: 'Orla Penhallow, Director' },
    { type: 'quote', content: [t('No speaker.')], speaker: '' },
    { type: 'subheading', content: [] },
    {
      type: 'image',
      media_type: 'image/jpeg',
      data: '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      width: 4,
      height: 4,
      alt: 'A red square <b>',
      caption: 'Caption & "quotes"',
    },
  ],
  hostile: [
    {
      type: 'paragraph',
      content: [t('<script>alert(1)</script>'), t('x', { link: 'javascript:alert(1)' }), t('<img src=x onerror=alert(1)>', { bold: true })],
    },
  ],
};

describe('body conversion', () => {
  for (const [name, blocks] of Object.entries(samples)) {
    it(`round-trips Block[] -> doc -> Block[]: ${name}`, () => {
      const doc = blocksToDoc(blocks);
      expect(docToBlocks(doc)).toEqual(blocks);
    });

    it(`produces a schema-valid document: ${name}`, () => {
      const node = PMNodeClass.fromJSON(schema, blocksToDoc(blocks));
      expect(() => node.check()).not.toThrow();
      // ProseMirror's own serialisation converts back to the same blocks.
      expect(docToBlocks(node.toJSON() as PMNode)).toEqual(blocks);
    });
  }

  it('round-trips through a live TipTap editor', () => {
    const editor = new Editor({ extensions: bodyExtensions(), content: blocksToDoc(samples.lists) });
    expect(docToBlocks(editor.getJSON() as PMNode)).toEqual(samples.lists);
    editor.destroy();
  });

  it('keeps subheadings, quotes with speakers and pictures through a live editor', () => {
    const editor = new Editor({ extensions: bodyExtensions(), content: blocksToDoc(samples.newBlocks) });
    expect(docToBlocks(editor.getJSON() as PMNode)).toEqual(samples.newBlocks);
    // The speaker and the picture's fields are edited as attributes.
    let inQuote = -1;
    editor.state.doc.descendants((node, pos) => {
      if (inQuote < 0 && node.type.name === 'blockquote') inQuote = pos + 2;
    });
    editor.commands.setTextSelection(inQuote);
    editor.chain().updateAttributes('blockquote', { speaker: 'Ines Marwood' }).run();
    const quotes = docToBlocks(editor.getJSON() as PMNode).filter((b) => b.type === 'quote');
    expect(quotes.map((q) => (q.type === 'quote' ? q.speaker : ''))).toContain('Ines Marwood');
    expect(blocksToText(samples.newBlocks)).toContain('— Orla Penhallow, Director');
    editor.destroy();
  });

  it('merges adjacent runs with the same marks and drops empty runs', () => {
    const doc: PMNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'b', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'c' },
            { type: 'text', text: '', marks: [{ type: 'italic' }] },
            { type: 'text', text: 'd' },
            { type: 'text', text: 'e', marks: [{ type: 'link', attrs: { href: 'https://x.test/' } }] },
            { type: 'text', text: 'f', marks: [{ type: 'link', attrs: { href: 'https://y.test/' } }] },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { type: 'paragraph', content: [t('ab', { bold: true }), t('cd'), t('e', { link: 'https://x.test/' }), t('f', { link: 'https://y.test/' })] },
    ]);
    expect(normalizeInlines([t('x'), t('y')])).toEqual([t('xy')]);
  });

  it('maps list items: first paragraph -> content, nested lists -> children, extra paragraphs -> line break', () => {
    const doc: PMNode = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'first' }] },
                { type: 'paragraph', content: [{ type: 'text', text: 'second' }] },
                { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      {
        type: 'bullet_list',
        items: [{ content: [t('first\nsecond')], children: [{ type: 'ordered_list', items: [{ content: [], children: [] }] }] }],
      },
    ]);
  });

  it('treats the empty editor as an empty body', () => {
    expect(docToBlocks({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual([]);
    expect(blocksToDoc([])).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('converts hard breaks (pasted content) to "\\n"', () => {
    const doc: PMNode = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] }],
    };
    expect(docToBlocks(doc)).toEqual([{ type: 'paragraph', content: [t('a\nb')] }]);
  });

  it('gives the plain text of a body', () => {
    expect(blocksToText(samples.lists)).toBe('Key points:\nFirst\nSecond\nNested one\nNested two\nDeep\n\nafter empty');
  });

  it('only knows the allowed node and mark types', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual([
      'blockquote', 'bulletList', 'doc', 'heading', 'listItem', 'orderedList', 'paragraph', 'releaseImage', 'text',
    ]);
    expect(Object.keys(getSchema(notesExtensions()).nodes).sort()).toEqual(['bulletList', 'doc', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link']);
  });
});
