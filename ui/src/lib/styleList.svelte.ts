// The house styles the editor offers, built-in and the office's, as the core
// lists them (`list_styles`). Shared, so that a style made in Preferences is
// offered in the open editor at once. Until the first answer, the built-in
// styles generated from the core stand in.
import type { EndMark } from './bindings/EndMark';
import type { StyleSummary } from './bindings/StyleSummary';
import { HOUSE_STYLES } from './bindings/styles';
import { listStyles } from './ipc';

export type StyleChoice = { id: string; name: string; end_marks: EndMark[] };

export const styleList = $state<{ styles: StyleChoice[] }>({ styles: [...HOUSE_STYLES] });

/** Asks the core for the styles again and returns them; rejects with the
 *  core's error. */
export async function refreshStyles(): Promise<StyleSummary[]> {
  const styles = await listStyles();
  styleList.styles = styles;
  return styles;
}
