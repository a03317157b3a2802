/**
 * npm run check:bundles: the bundle budget (CI). Builds every function as the stack does
 * (infra/bundling.ts) and fails when one is over its budget against its raw-SDK baseline
 * (docs/performance.md), naming the three biggest inputs of each function over budget.
 */
import { join } from 'node:path';
import { measureBundles, overBudgetMessage } from '../bench/bundles';
import { REPO_ROOT } from '../infra/paths';
import { answerHelp } from './help';

answerHelp(`usage: npm run check:bundles

Builds every Lambda bundle with the stack's esbuild settings and checks it against its budget:
an API function at most 1.3x, a report function at most 2x the raw-SDK baseline that uses the
same AWS clients. Exits 1 naming the biggest inputs of each function over budget.`);

const { functions } = await measureBundles(join(REPO_ROOT, '.tmp', 'bundles'));
const over = functions.filter((f) => !f.ok);
for (const f of functions) {
  process.stdout.write(
    `${f.ok ? 'ok  ' : 'OVER'} ${f.handler}: ${(f.bytes / 1024).toFixed(0)} KB, ${f.ratio.toFixed(2)}x ${f.baseline} (budget ${f.goal}x)\n`,
  );
}
for (const f of over) process.stderr.write(`over budget: ${overBudgetMessage(f)}\n`);
process.stdout.write(
  over.length === 0 ? `bundle budget: all ${functions.length} functions within budget\n` : '',
);
process.exit(over.length === 0 ? 0 : 1);
