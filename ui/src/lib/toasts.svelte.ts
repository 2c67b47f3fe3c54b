// App-wide notices. Text only: rendered as text nodes, never as HTML.
export type Toast = { id: number; kind: 'info' | 'error'; text: string };

let nextId = 1;
export const toasts = $state<Toast[]>([]);

export function notify(text: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 10000 : 5000): void {
  const id = nextId++;
  toasts.push({ id, kind, text });
  if (ms > 0) setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
