// Helpers for component tests running in jsdom.

/** jsdom lacks layout APIs that ProseMirror calls when it scrolls or measures. */
export function installLayoutShims(): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON() { return this; } };
  const proto = Range.prototype as unknown as Record<string, unknown>;
  proto.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: function* () {} });
  proto.getBoundingClientRect ??= () => rect;
  const doc = document as unknown as Record<string, unknown>;
  doc.elementFromPoint ??= () => null;
}

/** Let promises, Svelte effects and debounce timers run. */
export async function settle(ms = 0): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export async function waitFor<T>(fn: () => T | null | undefined | false, timeout = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > timeout) throw new Error('waitFor: timed out');
    await settle(10);
  }
}

export function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}
