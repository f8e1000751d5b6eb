// The planner's yardstick: on seeded random districts of 30–150 compounds, the heuristic's total
// subsidy against the exact MIP optimum (HiGHS), with the real cost model. Prints each instance,
// then the mean and worst gap. Run after `npm run build`:
//   node test/bench/plan-gap.mjs [--instances 30] [--time-limit 60] [--max-members 8]
// Not a test: it prints, and exits 0 whatever it finds; the README and the issue note quote it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);
const { readCompounds } = await dist('io/read-compounds.js');
const { loadParams } = await dist('io/read-params.js');
const { computeCoefficients } = await dist('model/coefficients.js');
const { planUnits } = await dist('plan/plan-units.js');

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const instances = arg('--instances', 30);
const timeLimitS = arg('--time-limit', 60);
const maxMembers = arg('--max-members', 8);

const k = computeCoefficients(loadParams({ asOf: '2025-07-01' }).params);
const dir = mkdtempSync(join(tmpdir(), 'breakeven-gap-'));
const rows = [];
try {
  for (let i = 0; i < instances; i++) {
    const count = 30 + Math.round((120 * i) / Math.max(1, instances - 1));
    const file = join(dir, `d${i}.csv`);
    execFileSync(process.execPath, [join(ROOT, 'fixtures/generate.mjs'), '--count', String(count), '--seed', String(1000 + i), '--out', file]);
    const { compounds } = await readCompounds(file);
    const opts = { maxDistanceM: 500, maxMembers, keepStandalone: new Set(), neverTogether: [], objective: 'subsidy', seed: 1 };
    let t = performance.now();
    const h = await planUnits(compounds, k, opts);
    const hMs = performance.now() - t;
    t = performance.now();
    const x = await planUnits(compounds, k, { ...opts, exact: true, timeLimitS });
    const xMs = performance.now() - t;
    const hs = h.result.totalSubsidy;
    const xs = x.result.totalSubsidy;
    const gap = xs > 0 ? (hs - xs) / xs : hs === 0 ? 0 : Infinity;
    rows.push({ i, count, hs, xs, gap, status: x.result.status, mipGap: x.result.gap, hMs, xMs });
    console.log(
      `#${String(i).padStart(2)}  n=${String(count).padStart(3)}  heuristic ${(hs / 100).toFixed(2).padStart(14)}  exact ${(xs / 100).toFixed(2).padStart(14)} (${x.result.status}${x.result.gap !== null ? `, mip gap ${(x.result.gap * 100).toFixed(3)}%` : ''})  gap ${(gap * 100).toFixed(3)}%  ${Math.round(hMs)} ms / ${Math.round(xMs)} ms`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const gaps = rows.map((r) => r.gap);
const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
const worst = rows.reduce((w, r) => (r.gap > w.gap ? r : w), rows[0]);
const within = rows.filter((r) => r.gap <= 0.01).length;
const proven = rows.filter((r) => r.status === 'optimal').length;
console.log(`\n${rows.length} districts of 30–150 compounds, max ${maxMembers} members, 500 m:`);
console.log(`  gap of the heuristic to the exact plan: mean ${(mean * 100).toFixed(3)}%, worst ${(worst.gap * 100).toFixed(3)}% (#${worst.i}, n=${worst.count})`);
console.log(`  within 1%: ${within} of ${rows.length}; exact proven optimal on ${proven} of ${rows.length} (others: the solver's status as printed)`);
