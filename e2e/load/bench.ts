/**
 * `pnpm bench` (full, under 10 minutes) and `pnpm bench:quick` (under 2): every scenario in
 * turn, each writing its own part of RESULTS.md and results.json. Run one alone with
 * `tsx <scenario>.ts [--quick]`.
 */
import { run as api } from './api.ts';
import { run as coldLoad } from './cold-load.ts';
import { run as fanout } from './fanout.ts';
import { run as manyBoards } from './many-boards.ts';
import { run as pageWeight } from './page-weight.ts';
import { run as persistence } from './persistence-cost.ts';

const quick = process.argv.includes('--quick');
const scenarios: [string, (quick: boolean) => Promise<void>][] = [
  ['fan-out', fanout],
  ['many boards', manyBoards],
  ['cold load', coldLoad],
  ['persistence cost', persistence],
  ['API', api],
  ['page weight', pageWeight],
];

const started = Date.now();
for (const [name, run] of scenarios) {
  const t0 = Date.now();
  console.log(`\n# ${name}`);
  await run(quick);
  console.log(`(${name}: ${Math.round((Date.now() - t0) / 1000)} s)`);
}
console.log(
  `\nAll scenarios: ${Math.round((Date.now() - started) / 1000)} s. See e2e/load/RESULTS.md.`,
);
// Client libraries may leave timers behind.
process.exit(0);
