import { describe, expect, it } from 'vitest';
import { closeGuard } from './closeGuard';
import type { ErrorInfo } from './bindings/ErrorInfo';

describe('closeGuard', () => {
  const full: ErrorInfo = { code: 'database', message: 'disk is full' };

  function setup() {
    const state = { failing: true, edits: 0, flushes: 0, warnings: 0 };
    const mayClose = closeGuard({
      flush: async () => {
        state.flushes++;
        return state.failing ? full : null;
      },
      edits: () => state.edits,
      warn: () => state.warnings++,
    });
    return { state, mayClose };
  }

  it('closes when the save works', async () => {
    const { state, mayClose } = setup();
    state.failing = false;
    expect(await mayClose()).toBe(true);
    expect(state.warnings).toBe(0);
  });

  it('warns once, then closes on the second try with the same text', async () => {
    const { state, mayClose } = setup();
    expect(await mayClose()).toBe(false);
    expect(state.warnings).toBe(1);
    expect(await mayClose()).toBe(true);
    expect(state.flushes).toBe(2); // the second close still tried to save
  });

  it('warns again after new edits, and after a close that saved', async () => {
    const { state, mayClose } = setup();
    expect(await mayClose()).toBe(false);
    state.edits++;
    expect(await mayClose()).toBe(false);
    expect(state.warnings).toBe(2);
    state.failing = false;
    expect(await mayClose()).toBe(true);
    state.failing = true;
    expect(await mayClose()).toBe(false);
    expect(state.warnings).toBe(3);
  });
});
