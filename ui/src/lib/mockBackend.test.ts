// The mock backend against the core: every scenario in
// bindings/clearance_scenarios.ts was run against a real Store by
// crates/dateline-core/tests/bindings.rs; the mock must answer each step the
// same way (status and version, or the error code), and mark the same
// clearance entries stale.
import { describe, expect, it } from 'vitest';
import { createMockBackend } from './mockBackend';
import { SCENARIOS, type ScenarioOutcome, type ScenarioStep } from './bindings/clearance_scenarios';
import type { ClearanceEntry } from './bindings/ClearanceEntry';
import type { Release } from './bindings/Release';
import { toErrorInfo } from './ipc';

function runOnMock(steps: ScenarioStep[]): { outcomes: ScenarioOutcome[]; stale: boolean[] } {
  const backend = createMockBackend();
  const call = <T>(cmd: string, args?: Record<string, unknown>) => backend.handle(cmd, args) as T;
  const { id } = call<Release>('create_release');
  const outcomes = steps.map((step): ScenarioOutcome => {
    try {
      switch (step.do) {
        case 'act':
          call('apply_action', { id, action: step.action });
          break;
        case 'edit': {
          const r = call<Release>('get_release', { id });
          call('save_release', { release: { ...r, headline: step.headline } });
          break;
        }
        case 'review': {
          const version = step.version ?? call<Release>('get_release', { id }).version;
          call('add_clearance_entry', { id, entry: { version, reviewer: 'Dana Reviewer', role: 'Legal', decision: step.decision, note: '' } });
          break;
        }
        case 'restore':
          call('restore_version', { id, version: step.version });
          break;
      }
      const r = call<Release>('get_release', { id });
      return { status: r.status, version: r.version };
    } catch (e) {
      return { error: toErrorInfo(e).code };
    }
  });
  const stale = call<ClearanceEntry[]>('list_clearance', { id }).map((e) => e.stale);
  return { outcomes, stale };
}

describe('the mock backend agrees with the core', () => {
  it('has scenarios that exercise refusals and the reviewer rule', () => {
    const outcomes = SCENARIOS.flatMap((s) => s.outcomes);
    expect(outcomes.some((o) => 'error' in o && o.error === 'transition')).toBe(true);
    expect(outcomes.some((o) => 'error' in o && o.error === 'frozen')).toBe(true);
    expect(outcomes.some((o) => 'status' in o && o.status === 'cleared')).toBe(true);
  });

  for (const s of SCENARIOS) {
    it(s.name, () => {
      expect(runOnMock(s.steps)).toEqual({ outcomes: s.outcomes, stale: s.stale });
    });
  }

  it('refuses a save based on an old revision with code "stale"', () => {
    const backend = createMockBackend();
    const r = backend.handle('create_release', undefined) as Release;
    const ack = backend.handle('save_release', { release: { ...r, headline: 'One' } }) as { revision: number };
    expect(ack.revision).toBeGreaterThan(r.revision);
    let refused: unknown = null;
    try {
      backend.handle('save_release', { release: { ...r, headline: 'Late' } });
    } catch (e) {
      refused = e;
    }
    expect(toErrorInfo(refused).code).toBe('stale');
    expect(backend.releases.get(r.id)!.headline).toBe('One');
  });
});
