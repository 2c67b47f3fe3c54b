// The complete, closed set of TipTap extensions the Body editor uses.
// Nothing else: no headings, images, code, tables, hard breaks or HTML blocks.
import type { AnyExtension } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import Bold from '@tiptap/extension-bold';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, OrderedList, ListItem } from '@tiptap/extension-list';
import { UndoRedo } from '@tiptap/extensions';

export function bodyExtensions(): AnyExtension[] {
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
    ListItem,
    UndoRedo,
  ];
}
