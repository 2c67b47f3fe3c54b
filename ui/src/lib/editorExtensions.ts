// The complete, closed sets of TipTap extensions the editors use. Nothing
// else: no code, tables, hard breaks or HTML blocks.
// - The Body: paragraphs, lists, links, one level of subheading, quotes
//   with a speaker, and pictures (the release model's body blocks).
// - The notes to editors: paragraphs, lists and links only.
import type { AnyExtension } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import Heading from '@tiptap/extension-heading';
import Blockquote from '@tiptap/extension-blockquote';
import { BulletList, OrderedList, ListItem } from '@tiptap/extension-list';
import { UndoRedo } from '@tiptap/extensions';
import { ReleaseImage } from './releaseImage';

/** A quote keeps its speaker (blank for none) as an attribute. */
const Quote = Blockquote.extend({
  content: 'paragraph+',
  addAttributes() {
    return {
      speaker: {
        default: '',
        parseHTML: (el: HTMLElement) => el.getAttribute('data-speaker') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => (attrs.speaker ? { 'data-speaker': String(attrs.speaker) } : {}),
      },
    };
  },
});

/** A list item holds its text and nested lists only, as the model does. */
const Item = ListItem.extend({ content: 'paragraph (bulletList | orderedList)*' });

function common(): AnyExtension[] {
  return [
    Document,
    Paragraph,
    Text,
    Bold,
    Italic,
    Link.configure({
      openOnClick: false,
      autolink: false,
      linkOnPaste: false,
      HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' },
    }),
    BulletList,
    OrderedList,
    Item,
    UndoRedo,
  ];
}

export function bodyExtensions(): AnyExtension[] {
  return [...common(), Heading.configure({ levels: [2] }), Quote, ReleaseImage];
}

export function notesExtensions(): AnyExtension[] {
  return common();
}
