// The one-line result of an export shown under its buttons. A cancelled save
// dialog comes back as `null`, not as an error.
import type { ExportOutcome } from './bindings/ExportOutcome';
import { toErrorInfo } from './ipc';

export type ExportMessage = { error: boolean; text: string };

/** Runs an export; `done` gets the release as stored after it (an export
 *  may take a version), whose version and revision the editor must take. */
export async function runExport(
  job: () => Promise<ExportOutcome | null>,
  done?: (release: ExportOutcome['release']) => void,
): Promise<ExportMessage> {
  try {
    const out = await job();
    if (out) done?.(out.release);
    return out ? { error: false, text: `Exported to ${out.path}` } : { error: false, text: 'Export cancelled.' };
  } catch (e) {
    return { error: true, text: toErrorInfo(e).message };
  }
}
