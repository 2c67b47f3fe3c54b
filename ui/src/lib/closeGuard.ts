// What happens when the window is asked to close: save first; if the save
// fails, keep the window open and warn once. Closing again with the same
// unsaved text closes anyway (the officer was told); any new edit, or a
// later close that saves fine, starts over. The save is tried on every close.
import type { ErrorInfo } from './bindings/ErrorInfo';

export interface CloseGuardOptions {
  /** Saves pending edits; resolves to the error if that failed. */
  flush: () => Promise<ErrorInfo | null>;
  /** A counter that changes with every local edit. */
  edits: () => number;
  /** Tells the officer that closing now would lose `error`'s unsaved text. */
  warn: (error: ErrorInfo) => void;
}

export function closeGuard(opts: CloseGuardOptions): () => Promise<boolean> {
  let warnedAt: number | null = null;
  /** Resolves to true when the window may close. */
  return async () => {
    const err = await opts.flush();
    if (!err) {
      warnedAt = null;
      return true;
    }
    const now = opts.edits();
    if (warnedAt === now) return true;
    warnedAt = now;
    opts.warn(err);
    return false;
  };
}
