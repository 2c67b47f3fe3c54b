// Autosave queue: debounced, one save in flight at a time, latest state wins,
// failures keep the local state dirty so the next change (or flush) retries.
// A conflict (the store's copy moved on: code "stale") is not retried: the
// caller reloads and decides what happens to the local text. While an input
// method composes (Chinese, Japanese, Korean…) saving is held: the text on
// screen is half-composed and must not be stored.
import type { ErrorInfo } from './bindings/ErrorInfo';
import { toErrorInfo } from './ipc';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; error: ErrorInfo };

export interface AutosaverOptions<T, A> {
  /** Take the current state at send time (so the newest text is sent). */
  snapshot: () => T;
  save: (value: T) => Promise<A>;
  onAck: (ack: A) => void;
  onState: (s: SaveState) => void;
  /** A save was refused because the stored copy changed underneath (code
   *  "stale"). The saver stops; `flush` rejects until `reset`. */
  onConflict?: (error: ErrorInfo) => void;
  delay?: number;
}

export class Autosaver<T, A> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private running: Promise<void> | null = null;
  private lastError: ErrorInfo | null = null;
  private conflict: ErrorInfo | null = null;
  // Bumped by reset(): an ack for a save sent before the state was replaced
  // describes text that is no longer on screen, so it is not delivered.
  private generation = 0;
  private held = false;
  private readonly delay: number;

  constructor(private readonly opts: AutosaverOptions<T, A>) {
    this.delay = opts.delay ?? 400;
  }

  /** Edits exist that the store does not have yet. */
  get isDirty(): boolean {
    return this.dirty || this.conflict !== null;
  }

  get error(): ErrorInfo | null {
    return this.conflict ?? this.lastError;
  }

  /** Note a local change; a save follows after the debounce delay. */
  changed(): void {
    this.dirty = true;
    if (this.conflict) return; // nothing is sent until the caller resolves it
    this.opts.onState({ kind: 'saving' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.delay);
  }

  /** An input method started composing: no snapshot is taken (and so no
   *  half-composed text is saved) until `release`. Edits still mark the
   *  state dirty, so nothing typed meanwhile is forgotten. */
  hold(): void {
    this.held = true;
  }

  /** The composition ended (or was abandoned): what is pending is saved
   *  after the usual delay, which also lets the editor take in the
   *  committed text first. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.dirty && !this.conflict && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.run();
      }, this.delay);
    }
  }

  /** Save now if anything is pending; resolves when everything is saved, or
   *  rejects with the ErrorInfo of the failed save. A flush (an action, the
   *  window closing) ends a hold: the officer has left the composition. */
  async flush(): Promise<void> {
    this.held = false;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.conflict) await this.run();
    if (this.conflict) throw this.conflict;
    if (this.dirty && this.lastError) throw this.lastError;
  }

  /** The state was replaced from the store (load, action, restore, reload
   *  after a conflict). Only call it when nothing is pending (`isDirty` is
   *  false), or after the pending text was kept elsewhere. */
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.lastError = null;
    this.conflict = null;
    this.generation++;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    if (!this.running) {
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.conflict && !this.held) {
      this.dirty = false;
      const gen = this.generation;
      const value = this.opts.snapshot();
      this.opts.onState({ kind: 'saving' });
      try {
        const ack = await this.opts.save(value);
        if (gen !== this.generation) return;
        this.lastError = null;
        this.opts.onAck(ack);
        if (!this.dirty) this.opts.onState({ kind: 'saved' });
      } catch (e) {
        if (gen !== this.generation) return;
        const err = toErrorInfo(e);
        this.dirty = true; // keep: retry on the next change or flush
        this.opts.onState({ kind: 'error', error: err });
        if (err.code === 'stale' && this.opts.onConflict) {
          this.conflict = err;
          this.opts.onConflict(err);
        } else {
          this.lastError = err;
        }
        return;
      }
    }
  }
}
/** Debounce that also drops stale async results: only the latest call's
 *  result is delivered. */
export function latestOnly<Args extends unknown[], R>(
  fn: (...args: Args) => Promise<R>,
  deliver: (r: R) => void,
  fail: (e: ErrorInfo) => void,
  delay: number,
) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seq = 0;
  const trigger = (...args: Args) => {
    if (timer) clearTimeout(timer);
    const my = ++seq;
    timer = setTimeout(async () => {
      timer = null;
      try {
        const r = await fn(...args);
        if (my === seq) deliver(r);
      } catch (e) {
        if (my === seq) fail(toErrorInfo(e));
      }
    }, delay);
  };
  trigger.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    seq++;
  };
  trigger.now = async (...args: Args) => {
    trigger.cancel();
    const my = seq;
    try {
      const r = await fn(...args);
      if (my === seq) deliver(r);
    } catch (e) {
      if (my === seq) fail(toErrorInfo(e));
    }
  };
  return trigger;
}
