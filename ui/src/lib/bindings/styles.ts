// Generated from crates/dateline-core/src/house_style.rs by `make bindings`. Do not edit.
import type { EndMark } from './EndMark';

/** The house style of a release that names none. */
export const DEFAULT_HOUSE_STYLE = "un";

/** The built-in house styles; each style's end marks, its usual one first. */
export const HOUSE_STYLES: { id: string; name: string; end_marks: EndMark[] }[] = [
  { id: "un", name: "United Nations", end_marks: ["spaced_stars", "hashes", "ends", "stars", "none"] },
  { id: "ap", name: "AP / US wire", end_marks: ["hashes", "thirty"] },
  { id: "uk-gov", name: "UK government", end_marks: ["ends_word", "ends"] },
  { id: "fr-gouv", name: "Gouvernement français", end_marks: ["none", "stars"] },
];

/** What each end mark prints (blank for none). */
export const END_MARK_TEXT: Record<EndMark, string> = {
  "hashes": "###",
  "ends": "-ENDS-",
  "stars": "***",
  "thirty": "-30-",
  "ends_word": "ENDS",
  "spaced_stars": "* *** *",
  "none": "",
};
