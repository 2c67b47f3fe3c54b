// The one-line result of an export shown under its buttons. A cancelled save
// dialog comes back as `null`, not as an error.
import type { ExportOutcome } from './bindings/ExportOutcome';
import { toErrorInfo } from './ipc';

export type ExportMessage = { error: boolean; text: string };

export async function runExport(job: () => Promise<ExportOutcome | null>): Promise<ExportMessage> {
  try {
    const out = await job();
    return out ? { error: false, text: `Exported to ${out.path}` } : { error: false, text: 'Export cancelled.' };
  } catch (e) {
    return { error: true, text: toErrorInfo(e).message };
  }
}
