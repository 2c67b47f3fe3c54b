import { describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';
import type { ErrorInfo } from './bindings/ErrorInfo';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  let value = 'a';
  const sent: string[] = [];
  const pending: ReturnType<typeof deferred<string>>[] = [];
  const states: SaveState[] = [];
  const acks: string[] = [];
  const conflicts: ErrorInfo[] = [];
  const saver = new Autosaver<string, string>({
    snapshot: () => value,
    save: (v) => {
      sent.push(v);
      const d = deferred<string>();
      pending.push(d);
      return d.promise;
    },
    onAck: (a) => acks.push(a),
    onState: (s) => states.push(s),
    onConflict: (e) => conflicts.push(e),
    delay: 400,
  });
  return { saver, sent, pending, states, acks, conflicts, set: (v: string) => (value = v) };
}

const tick = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('Autosaver', () => {
  it('holds while an input method composes: nothing half-composed is sent, nothing is lost', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.set('水');
    t.saver.changed();
    t.saver.hold();
    // Mid-composition: the editor already shows the pinyin.
    t.set('水wu');
    t.saver.changed();
    vi.advanceTimersByTime(2000);
    await tick();
    expect(t.sent).toEqual([]);
    expect(t.saver.isDirty).toBe(true);
    // Committed: the composed characters are sent after the delay.
    t.set('水务');
    t.saver.release();
    vi.advanceTimersByTime(400);
    await tick();
    expect(t.sent).toEqual(['水务']);
    vi.useRealTimers();
  });

  it('a save in flight when composing starts is not followed by a half-composed one', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.set('a');
    t.saver.changed();
    vi.advanceTimersByTime(400);
    await tick();
    expect(t.sent).toEqual(['a']);
    t.saver.hold();
    t.set('a水w');
    t.saver.changed();
    t.pending[0].resolve('ack1');
    await tick();
    vi.advanceTimersByTime(1000);
    await tick();
    expect(t.sent).toEqual(['a']);
    // A flush (an action) ends the hold and saves.
    t.set('a水务');
    const f = t.saver.flush();
    await tick();
    expect(t.sent).toEqual(['a', 'a水务']);
    t.pending[1].resolve('ack2');
    await f;
    vi.useRealTimers();
  });

  it('debounces and sends the latest text', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.set('ab');
    t.saver.changed();
    vi.advanceTimersByTime(200);
    t.set('abc');
    t.saver.changed();
    vi.advanceTimersByTime(399);
    expect(t.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    await tick();
    expect(t.sent).toEqual(['abc']);
    t.pending[0].resolve('ack1');
    await tick();
    expect(t.acks).toEqual(['ack1']);
    expect(t.states.at(-1)).toEqual({ kind: 'saved' });
    vi.useRealTimers();
  });

  it('keeps one save in flight and saves again with the newest text', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.set('1');
    t.saver.changed();
    vi.advanceTimersByTime(400);
    await tick();
    t.set('2');
    t.saver.changed();
    t.set('3');
    t.saver.changed();
    vi.advanceTimersByTime(400);
    await tick();
    expect(t.sent).toEqual(['1']); // second waits for the first
    t.pending[0].resolve('ack1');
    await tick();
    expect(t.sent).toEqual(['1', '3']);
    t.pending[1].resolve('ack3');
    await tick();
    expect(t.states.at(-1)).toEqual({ kind: 'saved' });
    expect(t.saver.isDirty).toBe(false);
    vi.useRealTimers();
  });

  it('keeps local state after a failure and retries on the next change', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.set('x');
    t.saver.changed();
    vi.advanceTimersByTime(400);
    await tick();
    const err: ErrorInfo = { code: 'database', message: 'disk full' };
    t.pending[0].reject(err);
    await tick();
    expect(t.states.at(-1)).toEqual({ kind: 'error', error: err });
    expect(t.saver.isDirty).toBe(true);
    t.set('xy');
    t.saver.changed();
    vi.advanceTimersByTime(400);
    await tick();
    expect(t.sent).toEqual(['x', 'xy']);
    t.pending[1].resolve('ok');
    await tick();
    expect(t.states.at(-1)).toEqual({ kind: 'saved' });
    vi.useRealTimers();
  });

  it('flush saves immediately and reports failure', async () => {
    const t = setup();
    t.set('now');
    t.saver.changed();
    const f = t.saver.flush();
    await tick();
    expect(t.sent).toEqual(['now']);
    t.pending[0].reject({ code: 'frozen', message: 'cleared' });
    await expect(f).rejects.toEqual({ code: 'frozen', message: 'cleared' });
    // A second flush retries.
    const g = t.saver.flush();
    await tick();
    t.pending[1].resolve('ok');
    await expect(g).resolves.toBeUndefined();
    expect(t.sent).toEqual(['now', 'now']);
  });

  it('flush with nothing pending resolves without saving', async () => {
    const t = setup();
    await t.saver.flush();
    expect(t.sent).toEqual([]);
  });

  it('stops on a stale save: no retry, flush refuses, until reset', async () => {
    const t = setup();
    t.set('mine');
    t.saver.changed();
    const f = t.saver.flush();
    await tick();
    const stale: ErrorInfo = { code: 'stale', message: 'changed elsewhere' };
    t.pending[0].reject(stale);
    await expect(f).rejects.toEqual(stale);
    expect(t.conflicts).toEqual([stale]);
    expect(t.saver.isDirty).toBe(true);
    // More typing is not sent over the newer stored text.
    t.set('mine, more');
    t.saver.changed();
    await expect(t.saver.flush()).rejects.toEqual(stale);
    expect(t.sent).toEqual(['mine']);
    // The caller reloaded (and kept the text): saving works again.
    t.saver.reset();
    expect(t.saver.isDirty).toBe(false);
    t.set('after reload');
    t.saver.changed();
    const g = t.saver.flush();
    await tick();
    t.pending[1].resolve('ok');
    await g;
    expect(t.sent).toEqual(['mine', 'after reload']);
  });

  it('does not deliver the ack of a save sent before a reset', async () => {
    const t = setup();
    t.set('old text');
    t.saver.changed();
    void t.saver.flush();
    await tick();
    t.saver.reset();
    t.pending[0].resolve('ack for old text');
    await tick();
    expect(t.acks).toEqual([]);
  });
});
