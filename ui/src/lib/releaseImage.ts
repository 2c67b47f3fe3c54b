// releaseImage.ts — owns the editor node for a picture in the body. TipTap's
// own Image extension holds only a `src` URL; a release carries the picture
// itself (bytes, kind, pixel size) checked by the core, with alt text and a
// caption. This atom node keeps those fields as attributes, unchanged, and
// draws the picture from them; alt text and caption are edited in the Body
// toolbar while the picture is selected.
import { Node, mergeAttributes } from '@tiptap/core';

export const ReleaseImage = Node.create({
  name: 'releaseImage',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    const plain = (name: string, fallback: string | number) => ({
      default: fallback,
      // Kept in the document JSON only: the DOM form is drawn below.
      parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`) ?? fallback,
      renderHTML: () => ({}),
    });
    return {
      mediaType: plain('media-type', 'image/png'),
      data: plain('data', ''),
      width: plain('width', 0),
      height: plain('height', 0),
      alt: plain('alt', ''),
      caption: plain('caption', ''),
    };
  },

  // Pictures enter only through the toolbar (core-checked), never by
  // pasting HTML, so nothing is parsed from the clipboard.
  parseHTML() {
    return [];
  },

  renderHTML({ node, HTMLAttributes }) {
    const a = node.attrs as { mediaType: string; data: string; width: number; height: number; alt: string; caption: string };
    const src = `data:${a.mediaType === 'image/jpeg' ? 'image/jpeg' : 'image/png'};base64,${a.data}`;
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { class: 'release-image' }),
      ['img', { src, alt: a.alt, width: String(a.width), height: String(a.height) }],
      ['figcaption', {}, a.caption || (a.alt ? '' : 'No caption or alt text yet')],
    ];
  },
});
