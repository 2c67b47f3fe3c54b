import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

// Start-up phases for bench/ui.mjs (read with performance.getEntriesByType).
performance.mark('dateline:script');

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// `npm run dev` in a plain browser: answer IPC from an in-memory mock.
if (import.meta.env.DEV && !('__TAURI_INTERNALS__' in window)) {
  const [{ mockIPC, mockWindows }, { createMockBackend, sampleReleases }, { default: review }] = await Promise.all([
    import('@tauri-apps/api/mocks'),
    import('./lib/mockBackend'),
    import('./lib/fixtures/review.json'),
  ]);
  const backend = createMockBackend(sampleReleases(), {
    backups: [{ file_name: 'dateline-2025-01-01.db', created_at: '2025-01-01T08:00:00Z', reason: 'daily', size_bytes: 123456 }],
    damaged: new URLSearchParams(location.search).has('damaged'),
  });
  // "Import reviewed Word file…" shows what the core read from a real reviewed file.
  backend.review.file = '/home/user/Documents/reviewed.docx';
  backend.review.review = review as import('./lib/bindings/Review').Review;
  mockWindows('main');
  mockIPC((cmd, args) => backend.handle(cmd, args as Record<string, unknown>), { shouldMockEvents: true });
}

export default mount(App, { target });
