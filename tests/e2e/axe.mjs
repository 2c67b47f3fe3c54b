// axe-core (tests/node_modules, installed from the lock file; no network at
// run time) inside the app's web view: the serious and critical violations
// on the screen as it is now.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the whole document; returns the serious and critical
 *  violations as `{id, impact, help, nodes: [selector...]}`. */
export async function axeViolations(s) {
  const result = await s.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      ${AXE}
      axe.run(document, { resultTypes: ['violations'] }).then(
        (r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))),
        (e) => done({ error: String(e) }),
      );`,
    args: [],
  });
  if (!Array.isArray(result)) throw new Error(`axe failed: ${JSON.stringify(result)}`);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
