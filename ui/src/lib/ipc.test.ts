import { describe, expect, it } from 'vitest';
import { wellFormed } from './ipc';

describe('wellFormed', () => {
  it('replaces lone surrogates everywhere and keeps pairs', () => {
    const input = { a: 'x\uD800y', b: ['\uDC00', '😀'], c: { d: 'ok', n: 3, t: true } };
    expect(wellFormed(input)).toEqual({ a: 'x\uFFFDy', b: ['\uFFFD', '😀'], c: { d: 'ok', n: 3, t: true } });
  });
});
