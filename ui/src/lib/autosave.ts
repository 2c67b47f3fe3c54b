// Autosave queue: debounced, one save in flight at a time, latest state wins,
// failures keep the local state dirty so the next change (or flush) retries.
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
  delay?: number;
}

export class Autosaver<T, A> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private running: Promise<void> | null = null;
  private lastError: ErrorInfo | null = null;
  private readonly delay: number;

  constructor(private readonly opts: AutosaverOptions<T, A>) {
    this.delay = opts.delay ?? 400;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  get error(): ErrorInfo | null {
    return this.lastError;
  }

  /** Note a local change; a save follows after the debounce delay. */
  changed(): void {
    this.dirty = true;
    this.opts.onState({ kind: 'saving' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.delay);
  }

  /** Save now if anything is pending; resolves when everything is saved, or
   *  rejects with the ErrorInfo of the failed save. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.run();
    if (this.dirty && this.lastError) throw this.lastError;
  }

  /** Forget pending work (after the state was replaced from the server). */
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.lastError = null;
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
    while (this.dirty) {
      this.dirty = false;
      const value = this.opts.snapshot();
      this.opts.onState({ kind: 'saving' });
      try {
        const ack = await this.opts.save(value);
        this.lastError = null;
        this.opts.onAck(ack);
        if (!this.dirty) this.opts.onState({ kind: 'saved' });
      } catch (e) {
        const err = toErrorInfo(e);
        this.lastError = err;
        this.dirty = true; // keep: retry on the next change or flush
        this.opts.onState({ kind: 'error', error: err });
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
