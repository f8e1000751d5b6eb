// `npm run bench`: performance at city scale, measured side by side in one run (issue 8).
//
//   node test/bench/run.mjs [--sizes 10k,100k,1M] [--runs N] [--startup-runs N] [--quick] [--no-profile]
//                           [--steps evaluate,evaluate-ndjson,…]
//
// --steps runs only the steps named (the baseline, csv-parse, always runs beside them): any of
// evaluate, evaluate-ndjson, evaluate-csv, evaluate-2threads, write-floor, validate, sweep,
// scenario, draws, plan-district, plan, plan-threads, startup, profile (the evaluate profile), gap. With --steps
// the results go to test/bench/out/RESULTS.md, as with --quick. Example, evaluate's CPU at 100k:
//   node test/bench/run.mjs --sizes 100k --steps evaluate,evaluate-ndjson,evaluate-csv
// the planner's rows: --sizes 10k,100k --steps plan-district,plan,plan-threads --runs 1 --no-profile
//
// After `npm run build` (the npm script does it). Generates seeded synthetic districts, then times
// in child processes: csv-parse alone streaming each file (the baseline), `evaluate` end to end
// (JSON to a file), a 100-point `sweep`, a `scenario` of 1,000 clusters (100k) and `plan` (10k and
// 100k), plus start-up against `node -e 0`. Prints each time, its ratio to the baseline and peak
// memory, PASS or MISS for each target of the issue, and writes test/bench/RESULTS.md (with
// --quick or other sizes: test/bench/out/RESULTS.md, so the committed file always holds a full
// run). Never fails the build for a missed target: it exits 0 unless a run itself fails.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  OUT,
  ROOT,
  bytesMB,
  childEnv,
  clusterScenario,
  districtFile,
  machine,
  mdTable,
  measure,
  median,
  megabytes,
  millis,
  modulesLoaded,
  parseSize,
  ratio,
  seconds,
  sizeLabel,
  startup,
  summarizeProfile,
  textTable,
} from './lib.mjs';

const SEED = 20260101;
const AS_OF = '2025-07-01';
const FULL_SIZES = [10_000, 100_000, 1_000_000];
/** 100 points: 0.50, 0.52, …, 2.48 yuan/m²/month. */
const SWEEP_ARGS = ['--vary', 'fee_rate=0.5:2.48:0.02'];
const SWEEP_POINTS = 100;
const SCENARIO_SIZE = 100_000;
const SCENARIO_CLUSTERS = 1000;
const PLAN_SIZES = [10_000, 100_000];
/** plan --threads: a distance at which the bench's districts fall into many components (at 100k: 913, the largest 10,091). */
const PLAN_THREADS_DISTANCE = 200;
/** Issue 14: draws of the small district's planned scenario, once, against one scenario run. */
const DRAWS = 1000;
const DRAWS_DISTRICT = 'fixtures/district.csv';
/** Packages and build folders that `--version` must not load. */
const HEAVY_PACKAGES = ['highs', 'zod', 'yaml', 'csv-parse', 'decimal.js', 'chalk'];
const HEAVY_FOLDERS = ['dist/report/', 'dist/render/html/', 'dist/plan/', 'dist/model/', 'dist/arrangements/', 'dist/whatif/'];

const TARGETS = {
  evaluateRatio: 1.5,
  drawsRatio: 10,
  evaluateRssMB: 300,
  sweepRatio: 2,
  planRssMB: 1024,
  startupRatio: 2,
  /** plan of fixtures/district.csv (180 compounds), wall seconds. */
  districtPlanWallS: 2,
  /** Constant memory: peak at the largest size ≤ this × peak at the size before it. */
  memoryGrowth: 1.5,
};
/** Output formats of evaluate measured (issue 17: each ≤ 1.5× csv-parse, < 300 MB at 1M). */
const EVALUATE_FORMATS = ['json', 'ndjson', 'csv'];
/** Runs of plan on the 180-compound district (wall time target). */
const DISTRICT_PLAN_RUNS = 3;
/** What --steps may name. */
const STEPS = ['evaluate', 'evaluate-ndjson', 'evaluate-csv', 'evaluate-2threads', 'write-floor', 'validate', 'sweep', 'scenario', 'draws', 'plan-district', 'plan', 'plan-threads', 'startup', 'profile', 'gap'];

function parseArgs(argv) {
  const o = { sizes: FULL_SIZES, runs: null, startupRuns: 20, quick: false, profile: true, steps: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') o.sizes = next().split(',').map(parseSize);
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--startup-runs') o.startupRuns = Number(next());
    else if (a === '--quick') o.quick = true;
    else if (a === '--no-profile') o.profile = false;
    else if (a === '--no-gap') o.gap = false;
    else if (a === '--steps') {
      o.steps = new Set(next().split(','));
      const unknown = [...o.steps].filter((x) => !STEPS.includes(x));
      if (unknown.length) throw new Error(`--steps: unknown step ${unknown.join(', ')} (known: ${STEPS.join(', ')})`);
    }
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.quick) {
    o.sizes = o.sizes === FULL_SIZES ? [10_000, 100_000] : o.sizes;
    o.runs ??= 1;
    o.startupRuns = Math.min(o.startupRuns, 10);
  }
  if (o.runs !== null && !(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error('--runs must be a whole number ≥ 1');
  o.sizes = [...new Set(o.sizes)].sort((a, b) => a - b);
  /** Whether a step runs: every step unless --steps names some. */
  o.want = (step) => o.steps === null || o.steps.has(step);
  return o;
}

/** Runs per size: fewer where one run is long, so the whole bench stays near 15 minutes. */
const runsFor = (o, n) => o.runs ?? (n >= 1_000_000 ? 2 : n >= 100_000 ? 3 : 5);

const log = (s = '') => process.stdout.write(`${s}\n`);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  mkdirSync(OUT, { recursive: true });
  const full = !o.quick && o.steps === null && o.sizes.join() === FULL_SIZES.join();
  const resultsFile = full ? fileURLToPath(new URL('./RESULTS.md', import.meta.url)) : join(OUT, 'RESULTS.md');
  const m = machine();
  const { COMMANDS } = await import('../../dist/cli/registry.js');
  const has = (name) => COMMANDS.some((c) => c.name === name);
  log(`breakeven bench: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.loadAverage.map((x) => x.toFixed(2)).join(' ')}`);
  log(`sizes ${o.sizes.map(sizeLabel).join(', ')}; commands missing on this build: ${['sweep', 'plan'].filter((c) => !has(c)).join(', ') || 'none'}`);

  /** step → size → list of runs */
  const runs = new Map();
  const failures = [];
  const record = (step, size, r) => {
    if (!runs.has(step)) runs.set(step, new Map());
    const bySize = runs.get(step);
    if (!bySize.has(size)) bySize.set(size, []);
    bySize.get(size).push(r);
    const tag = `${step} ${sizeLabel(size)}`.padEnd(18);
    if (r.ok) log(`  ${tag} wall ${seconds(r.wallMs).padStart(8)}  cpu ${seconds(r.cpuMs).padStart(8)}  peak ${megabytes(r.maxRssKb).padStart(7)}${r.outBytes !== null ? `  out ${bytesMB(r.outBytes)}` : ''}`);
    else {
      log(`  ${tag} FAILED (exit ${r.code}): ${r.stderr.split('\n').slice(-3).join(' | ')}`);
      failures.push(`${step} ${sizeLabel(size)}: exit ${r.code}: ${r.stderr.split('\n').slice(-3).join(' | ')}`);
    }
  };
  const out = (step, size, ext = 'json') => join(OUT, `${step}-${sizeLabel(size)}.${ext}`);
  const cli = (step, size, args, format = 'json') => measure('cli', [...args, '--as-of', AS_OF, '--format', format, '--out', out(step, size, format)], { outFile: out(step, size, format) });

  // Districts (generated once, then reused while the generator and seed are unchanged).
  const sizes = [...new Set([...o.sizes, ...(has('plan') && (o.want('plan') || o.want('plan-threads')) ? PLAN_SIZES.filter((n) => n <= Math.max(...o.sizes)) : [])])].sort((a, b) => a - b);
  const files = new Map();
  for (const n of sizes) {
    const d = districtFile(n, SEED);
    files.set(n, d);
    log(`district ${sizeLabel(n)}: ${bytesMB(d.bytes)}${d.generatedMs === null ? ' (reused)' : ` generated in ${seconds(d.generatedMs)}`}`);
  }

  // Baseline, evaluate and sweep, interleaved run by run so that all three meet the same load.
  for (const n of o.sizes) {
    const { file } = files.get(n);
    for (let i = 0; i < runsFor(o, n); i++) {
      record('csv-parse', n, await measure('csv-parse', [file]));
      // CPU targets on one thread (--threads 1); the speed-up of two threads is measured beside it.
      if (o.want('evaluate') || o.want('write-floor')) {
        const ev = await cli('evaluate', n, ['evaluate', file, '--threads', '1']);
        if (o.want('evaluate')) record('evaluate', n, ev);
        if (o.want('write-floor') && ev.ok && ev.outBytes) record('write-floor', n, await measure('write-bytes', [String(ev.outBytes), out('write-floor', n, 'tmp')]));
      }
      for (const f of EVALUATE_FORMATS.filter((x) => x !== 'json' && o.want(`evaluate-${x}`))) record(`evaluate-${f}`, n, await cli(`evaluate-${f}`, n, ['evaluate', file, '--threads', '1'], f));
      if (o.want('evaluate-2threads')) record('evaluate-2threads', n, await cli('evaluate-2threads', n, ['evaluate', file, '--threads', '2']));
      // validate: peak memory by size (constant memory is issue 15's and 17's target).
      if (o.want('validate')) record('validate', n, await measure('cli', ['validate', file, '--format', 'json', '--out', out('validate', n)], { outFile: out('validate', n) }));
      if (has('sweep') && o.want('sweep')) record('sweep', n, await cli('sweep', n, ['sweep', file, ...SWEEP_ARGS]));
    }
  }

  // A scenario of 1,000 clusters over the 100k district.
  if (o.sizes.includes(SCENARIO_SIZE) && o.want('scenario')) {
    const scenario = await clusterScenario(files.get(SCENARIO_SIZE).file, SCENARIO_SIZE, SCENARIO_CLUSTERS);
    for (let i = 0; i < runsFor(o, SCENARIO_SIZE); i++) record('scenario', SCENARIO_SIZE, await cli('scenario', SCENARIO_SIZE, ['scenario', scenario]));
  }

  // Issue 14: 1,000 draws of the small district's planned scenario against one run of the same
  // scenario, once each (default threads: both cores), and the draws on one thread for the speed-up.
  let drawsSize = null;
  if (has('sensitivity') && o.want('draws')) {
    const district = join(ROOT, DRAWS_DISTRICT);
    const planned = join(OUT, 'district-planned.yaml');
    const p = spawnSync(process.execPath, [join(ROOT, 'bin', 'breakeven'), 'plan', district, '--as-of', AS_OF, '--write-scenario', planned, '--format', 'json', '--out', join(OUT, 'district-plan.json')], { cwd: ROOT, env: childEnv(), stdio: 'ignore' });
    if (p.status !== 0) failures.push(`plan of ${DRAWS_DISTRICT} for the draws: exit ${p.status}`);
    else {
      drawsSize = readFileSync(district, 'utf8').trim().split('\n').length - 1;
      log(`draws: ${DRAWS} draws of the planned scenario of ${DRAWS_DISTRICT} (${drawsSize} compounds)`);
      record('planned-scenario', drawsSize, await cli('planned-scenario', drawsSize, ['scenario', planned]));
      record('draws', drawsSize, await cli('draws', drawsSize, ['scenario', planned, '--draws', String(DRAWS)]));
      record('draws-1-thread', drawsSize, await cli('draws-1-thread', drawsSize, ['scenario', planned, '--draws', String(DRAWS), '--threads', '1']));
    }
  }

  // plan of the 180-compound district: wall time (the planner as a user meets it).
  if (has('plan') && o.want('plan-district')) {
    const district = join(ROOT, 'fixtures', 'district.csv');
    for (let i = 0; i < DISTRICT_PLAN_RUNS; i++) record('plan-district', 180, await cli('plan-district', 180, ['plan', district]));
  }

  // plan at 10k and 100k.
  if (has('plan') && o.want('plan')) {
    for (const n of PLAN_SIZES.filter((s) => files.has(s))) {
      // One run at 100k: it takes minutes.
      const planRuns = o.runs ?? (n >= 100_000 ? 1 : 3);
      for (let i = 0; i < planRuns; i++) record('plan', n, await cli('plan', n, ['plan', files.get(n).file]));
    }
  }

  // Worker threads: the bench's districts are one connected component at the default 500 m (one
  // search, one thread); at PLAN_THREADS_DISTANCE they fall into many (the largest about a tenth
  // at 100k), which plan --threads splits over threads. One run each, the same file.
  let planThreadsSize = null;
  const threadSizes = PLAN_SIZES.filter((s) => files.has(s));
  if (has('plan') && o.want('plan-threads') && threadSizes.length) {
    planThreadsSize = Math.max(...threadSizes);
    const args = ['plan', files.get(planThreadsSize).file, '--max-distance', String(PLAN_THREADS_DISTANCE)];
    record('plan-1-thread', planThreadsSize, await cli('plan-1-thread', planThreadsSize, [...args, '--threads', '1']));
    record('plan-2-threads', planThreadsSize, await cli('plan-2-threads', planThreadsSize, [...args, '--threads', '2']));
  }

  // Start-up, and the modules it loads.
  let start = null;
  let loads = null;
  if (o.want('startup')) {
    log(`start-up: ${o.startupRuns} runs each of node -e 0 and breakeven --version`);
    start = startup(o.startupRuns);
    loads = {
      version: modulesLoaded(['--version']),
      evaluate: modulesLoaded(['evaluate', 'fixtures/case-study.csv', '--as-of', AS_OF, '--format', 'json']),
    };
  }

  // Where the time goes: one profiled run of evaluate at the middle size, and of plan at 10k.
  const profiles = [];
  if (o.profile) {
    rmSync(join(OUT, 'profile'), { recursive: true, force: true });
    const profSize = o.sizes.includes(100_000) ? 100_000 : o.sizes[0];
    const wanted = o.want('profile') ? [['evaluate', profSize]] : [];
    if (has('plan') && o.want('plan') && files.has(PLAN_SIZES[0])) wanted.push(['plan', PLAN_SIZES[0]]);
    for (const [command, size] of wanted) {
      const dir = join(OUT, 'profile', `${command}-${sizeLabel(size)}`);
      mkdirSync(dir, { recursive: true });
      const target = out(`profiled-${command}`, size);
      const r = spawnSync(
        process.execPath,
        ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'bin', 'breakeven'), command, files.get(size).file, '--as-of', AS_OF, '--format', 'json', '--out', target],
        { cwd: ROOT, env: childEnv(), stdio: 'ignore' },
      );
      rmSync(target, { force: true });
      const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (r.status === 0 && prof) profiles.push({ command, size, dir: dir.slice(ROOT.length), ...summarizeProfile(join(dir, prof)) });
    }
  }

  // The planner's yardstick (issue 5): its gap to the exact MIP optimum on 30 seeded districts of
  // 30–150 compounds. Skipped with --quick or --no-gap (it takes several minutes).
  let gap = '';
  if (has('plan') && !o.quick && !process.argv.includes('--no-gap') && o.want('gap')) {
    log('');
    log('planner gap to the exact optimum (test/bench/plan-gap.mjs, 30 districts)…');
    const g = spawnSync(process.execPath, [fileURLToPath(new URL('./plan-gap.mjs', import.meta.url)), '--instances', '30', '--time-limit', '30'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    gap = g.status === 0 ? g.stdout : `plan-gap.mjs failed (exit ${g.status}): ${g.stderr}`;
    log(gap);
  }

  const ended = Date.now();
  const report = buildReport({ o, m, runs, start, loads, profiles, failures, has, started, ended, mEnd: machine(), drawsSize, planThreadsSize });
  log('');
  log(report.text);
  const gapSection = gap ? `\n## Planner: heuristic against the exact optimum\n\n\`\`\`\n${gap.trimEnd()}\n\`\`\`\n` : '';
  writeFileSync(resultsFile, report.markdown + gapSection);
  log('');
  log(`wrote ${resultsFile.slice(ROOT.length)} (bench took ${duration(ended - started)})`);
  if (failures.length) {
    log(`${failures.length} run(s) failed:`);
    for (const f of failures) log(`  ${f}`);
    process.exitCode = 1;
  }
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** Median wall, CPU and peak memory of a step at a size, over its successful runs. */
function stat(runs, step, size) {
  const rs = (runs.get(step)?.get(size) ?? []).filter((r) => r.ok);
  if (rs.length === 0) return null;
  return {
    runs: rs.length,
    wallMs: median(rs.map((r) => r.wallMs)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
    maxRssKb: Math.max(...rs.map((r) => r.maxRssKb)),
    outBytes: rs[rs.length - 1].outBytes,
  };
}

function buildReport({ o, m, runs, start, loads, profiles, failures, has, started, ended, mEnd, drawsSize, planThreadsSize }) {
  const largest = Math.max(...o.sizes);
  const L = sizeLabel(largest);
  const base = (n) => stat(runs, 'csv-parse', n);
  const targets = [];
  const target = (name, measured, limit, pass) => targets.push([name, measured, limit, pass === null ? 'SKIP' : pass ? 'PASS' : 'MISS']);

  // 1. evaluate ≤ 1.5 × baseline at 1M for JSON (lean, the default), NDJSON and CSV; peak < 300 MB each.
  const ev = stat(runs, 'evaluate', largest);
  const b = base(largest);
  const at = largest === 1_000_000 ? '' : ` (run at ${L}, not 1M)`;
  for (const f of EVALUATE_FORMATS) {
    const step = f === 'json' ? 'evaluate' : `evaluate-${f}`;
    if (!o.want(step)) continue;
    const e = stat(runs, step, largest);
    if (e && b) {
      const floor = f === 'json' ? stat(runs, 'write-floor', largest) : null;
      const floorText = floor ? `; floor (csv-parse + writing its ${bytesMB(e.outBytes)} alone) ${ratio((b.cpuMs + floor.cpuMs) / b.cpuMs)}` : '';
      target(`evaluate --format ${f} of ${L} compounds vs csv-parse alone${at}`, `${ratio(e.cpuMs / b.cpuMs)} CPU (${seconds(e.cpuMs)} vs ${seconds(b.cpuMs)}); wall ${ratio(e.wallMs / b.wallMs)}${floorText}`, `≤ ${TARGETS.evaluateRatio}×`, e.cpuMs / b.cpuMs <= TARGETS.evaluateRatio);
      target(`evaluate --format ${f} of ${L} compounds: peak memory${at}`, megabytes(e.maxRssKb), `< ${TARGETS.evaluateRssMB} MB`, e.maxRssKb / 1024 < TARGETS.evaluateRssMB);
    } else target(`evaluate --format ${f} vs csv-parse alone`, 'no successful run', `≤ ${TARGETS.evaluateRatio}×`, null);
  }
  // Both cores: evaluate --threads 2 (a worker evaluates and formats batches) against --threads 1.
  const ev2 = stat(runs, 'evaluate-2threads', largest);
  if (!o.want('evaluate-2threads') || !o.want('evaluate')) {
    // Not run: --steps left it out.
  } else if (ev && ev2) target(`evaluate on both cores (--threads 2) of ${L}: speed-up against one thread`, `${ratio(ev.wallMs / ev2.wallMs)} wall (${seconds(ev.wallMs)} → ${seconds(ev2.wallMs)}); CPU ${ratio(ev2.cpuMs / ev.cpuMs)} of one thread's; peak ${megabytes(ev2.maxRssKb)}`, '> 1× wall', ev.wallMs / ev2.wallMs > 1);
  else target('evaluate on both cores: speed-up against one thread', 'no successful run', '> 1× wall', null);

  // 1b. constant memory: peak at the largest size against the size before it.
  const sizesRun = o.sizes;
  if (sizesRun.length >= 2) {
    const [small, big] = sizesRun.slice(-2);
    for (const step of ['evaluate', ...EVALUATE_FORMATS.filter((x) => x !== 'json').map((f) => `evaluate-${f}`), 'validate', 'sweep']) {
      const a = stat(runs, step, small);
      const z = stat(runs, step, big);
      if (!a || !z) continue;
      const g = z.maxRssKb / a.maxRssKb;
      target(`constant memory: ${step} peak ${sizeLabel(small)} → ${sizeLabel(big)}`, `${megabytes(a.maxRssKb)} → ${megabytes(z.maxRssKb)} (${ratio(g)})`, `≤ ${TARGETS.memoryGrowth}×`, g <= TARGETS.memoryGrowth);
    }
  }

  // 2. a 100-point sweep ≤ 2 × one evaluate (same file).
  const sw = stat(runs, 'sweep', largest);
  if (!o.want('sweep')) {
    // Not run: --steps left it out.
  } else if (!has('sweep')) target(`${SWEEP_POINTS}-point sweep vs one evaluate`, 'no sweep command in this build', `≤ ${TARGETS.sweepRatio}×`, null);
  else if (sw && ev) {
    target(`${SWEEP_POINTS}-point sweep of ${L} vs one evaluate${at}`, `${ratio(sw.cpuMs / ev.cpuMs)} CPU (${seconds(sw.cpuMs)} vs ${seconds(ev.cpuMs)}); wall ${ratio(sw.wallMs / ev.wallMs)}; peak ${megabytes(sw.maxRssKb)}`, `≤ ${TARGETS.sweepRatio}×`, sw.cpuMs / ev.cpuMs <= TARGETS.sweepRatio);
  } else target(`${SWEEP_POINTS}-point sweep vs one evaluate`, 'no successful run', `≤ ${TARGETS.sweepRatio}×`, null);

  // 3. plan: growth from 10k to 100k no faster than n log n, peak < 2 GB.
  const [n1, n2] = PLAN_SIZES;
  const p1 = stat(runs, 'plan', n1);
  const p2 = stat(runs, 'plan', n2);
  const nlogn = (n2 * Math.log(n2)) / (n1 * Math.log(n1));
  if (!o.want('plan')) {
    // Not run: --steps left it out.
  } else if (!has('plan')) target(`plan growth ${sizeLabel(n1)} → ${sizeLabel(n2)}`, 'no plan command in this build', `≤ n log n (${ratio(nlogn)})`, null);
  else if (p1 && p2) {
    const g = p2.cpuMs / p1.cpuMs;
    const exponent = Math.log(g) / Math.log(n2 / n1);
    target(`plan growth ${sizeLabel(n1)} → ${sizeLabel(n2)} (CPU time ratio)`, `${ratio(g)} (${seconds(p1.cpuMs)} → ${seconds(p2.cpuMs)}; t ∝ n^${exponent.toFixed(2)}); wall ${ratio(p2.wallMs / p1.wallMs)}`, `≤ n log n ratio ${ratio(nlogn)}`, g <= nlogn);
    target(`plan of ${sizeLabel(n2)}: peak memory`, megabytes(p2.maxRssKb), `< 1 GB`, p2.maxRssKb / 1024 < TARGETS.planRssMB);
  } else target(`plan growth ${sizeLabel(n1)} → ${sizeLabel(n2)}`, 'no successful runs at both sizes', `≤ n log n (${ratio(nlogn)})`, null);
  const pd = stat(runs, 'plan-district', 180);
  if (pd) target('plan of the district (fixtures/district.csv, 180 compounds): wall time', `${seconds(pd.wallMs)} wall (median of ${pd.runs}), ${seconds(pd.cpuMs)} CPU`, `< ${TARGETS.districtPlanWallS} s`, pd.wallMs / 1000 < TARGETS.districtPlanWallS);
  else if (has('plan') && o.want('plan-district')) target('plan of the district (180): wall time', 'no successful run', `< ${TARGETS.districtPlanWallS} s`, null);
  const pt1 = planThreadsSize && stat(runs, 'plan-1-thread', planThreadsSize);
  const pt2 = planThreadsSize && stat(runs, 'plan-2-threads', planThreadsSize);
  if (pt1 && pt2) {
    target(
      `plan on both cores (--threads 2: the planner's components in worker threads) of ${sizeLabel(planThreadsSize)}, --max-distance ${PLAN_THREADS_DISTANCE}: speed-up against one thread`,
      `${ratio(pt1.wallMs / pt2.wallMs)} wall (${seconds(pt1.wallMs)} on one thread → ${seconds(pt2.wallMs)}); CPU ${seconds(pt1.cpuMs)} → ${seconds(pt2.cpuMs)}; peak ${megabytes(pt1.maxRssKb)} → ${megabytes(pt2.maxRssKb)}`,
      '> 1× (both cores used)',
      pt1.wallMs / pt2.wallMs > 1,
    );
  } else if (has('plan') && o.want('plan-threads')) target("plan on both cores (the planner's components in worker threads): speed-up against one thread", 'no successful runs', '> 1× (both cores used)', null);

  // 4. start-up ≤ 2 × node -e 0; heavy modules not loaded.
  if (start && loads) startupTargets();
  function startupTargets() {
  const cpuKnown = start.node.cpuMs !== null && start.node.cpuMs > 0;
  const sr = cpuKnown ? start.breakeven.cpuMs / start.node.cpuMs : start.breakeven.wallMs / start.node.wallMs;
  target(
    'start-up: breakeven --version vs node -e 0',
    `${ratio(sr)} ${cpuKnown ? 'CPU' : 'wall'} (${millis(cpuKnown ? start.breakeven.cpuMs : start.breakeven.wallMs)} vs ${millis(cpuKnown ? start.node.cpuMs : start.node.wallMs)}); wall ${ratio(start.breakeven.wallMs / start.node.wallMs)} (median of ${start.runs})`,
    `≤ ${TARGETS.startupRatio}×`,
    sr <= TARGETS.startupRatio,
  );
  const heavyAtStart = [
    ...loads.version.packages.filter((p) => HEAVY_PACKAGES.includes(p)),
    ...loads.version.files.filter((f) => HEAVY_FOLDERS.some((d) => f.startsWith(d))),
  ];
  target('start-up loads no heavy module', heavyAtStart.length ? `loads ${heavyAtStart.join(', ')}` : `${loads.version.files.length} files + ${loads.version.packages.join(', ') || 'no package'}`, 'none (see Method)', heavyAtStart.length === 0);
  const solverInEvaluate = loads.evaluate.packages.filter((p) => p === 'highs');
  target('evaluate does not load the MIP solver', solverInEvaluate.length ? 'loads highs' : `${loads.evaluate.packages.length} packages: ${loads.evaluate.packages.join(', ')}`, 'no highs', solverInEvaluate.length === 0);
  }

  // 5. 1,000 draws of the district's planned scenario ≤ 10 × one scenario run; the worker speed-up.
  const one = drawsSize && stat(runs, 'planned-scenario', drawsSize);
  const dr = drawsSize && stat(runs, 'draws', drawsSize);
  const dr1 = drawsSize && stat(runs, 'draws-1-thread', drawsSize);
  if (!o.want('draws')) {
    // Not run: --steps left it out.
  } else if (!has('sensitivity')) target(`${DRAWS} draws vs one scenario run`, 'no --draws in this build', `≤ ${TARGETS.drawsRatio}×`, null);
  else if (one && dr) {
    target(
      `${DRAWS} draws of the planned scenario of ${DRAWS_DISTRICT} vs one scenario run`,
      `${ratio(dr.cpuMs / one.cpuMs)} CPU, all threads (${seconds(dr.cpuMs)} vs ${seconds(one.cpuMs)}); wall ${ratio(dr.wallMs / one.wallMs)} (${seconds(dr.wallMs)} vs ${seconds(one.wallMs)})`,
      `≤ ${TARGETS.drawsRatio}×`,
      dr.cpuMs / one.cpuMs <= TARGETS.drawsRatio,
    );
    if (dr1) {
      target(
        `${DRAWS} draws: worker threads (${m.cores} cores) vs one thread`,
        `speed-up ${ratio(dr1.wallMs / dr.wallMs)} wall (${seconds(dr1.wallMs)} on one thread → ${seconds(dr.wallMs)}); CPU ${seconds(dr1.cpuMs)} → ${seconds(dr.cpuMs)}`,
        '> 1× (both cores used)',
        dr1.wallMs / dr.wallMs > 1,
      );
    }
  } else target(`${DRAWS} draws vs one scenario run`, 'no successful run', `≤ ${TARGETS.drawsRatio}×`, null);

  // Measurements table.
  const steps = ['csv-parse', 'evaluate', 'evaluate-ndjson', 'evaluate-csv', 'evaluate-2threads', 'write-floor', 'validate', 'sweep', 'scenario', 'plan-district', 'planned-scenario', 'draws', 'draws-1-thread', 'plan', 'plan-1-thread', 'plan-2-threads'];
  const head = ['step', 'compounds', 'runs', 'wall (median)', 'CPU (median)', 'CPU ÷ baseline', 'wall ÷ baseline', 'peak memory', 'output'];
  const align = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];
  const rows = [];
  const label = { 'csv-parse': 'csv-parse alone (baseline)', evaluate: 'evaluate → JSON file (lean), 1 thread', 'evaluate-ndjson': 'evaluate → NDJSON file, 1 thread', 'evaluate-csv': 'evaluate → CSV file, 1 thread', 'evaluate-2threads': 'evaluate → JSON file, 2 threads', validate: 'validate → JSON file', 'plan-district': 'plan of the district', 'write-floor': "writing evaluate's bytes alone", sweep: `sweep, ${SWEEP_POINTS} points`, scenario: `scenario, ${SCENARIO_CLUSTERS} clusters`, 'planned-scenario': 'scenario planned for the district', draws: `the same, --draws ${DRAWS}`, 'draws-1-thread': `the same, --draws ${DRAWS} --threads 1`, plan: 'plan', 'plan-1-thread': `plan --max-distance ${PLAN_THREADS_DISTANCE} --threads 1`, 'plan-2-threads': `plan --max-distance ${PLAN_THREADS_DISTANCE} --threads 2` };
  for (const step of steps) {
    for (const [n] of [...(runs.get(step) ?? new Map())].sort((a, b) => a[0] - b[0])) {
      const s = stat(runs, step, n);
      const bs = base(n);
      if (!s) {
        rows.push([label[step], sizeLabel(n), '0', 'failed', '—', '—', '—', '—', '—']);
        continue;
      }
      rows.push([
        label[step],
        sizeLabel(n),
        String(s.runs),
        seconds(s.wallMs),
        seconds(s.cpuMs),
        bs ? ratio(s.cpuMs / bs.cpuMs) : '—',
        bs ? ratio(s.wallMs / bs.wallMs) : '—',
        megabytes(s.maxRssKb),
        s.outBytes === null ? '—' : bytesMB(s.outBytes),
      ]);
    }
  }

  const tHead = ['target', 'measured', 'limit', 'verdict'];
  const tAlign = ['l', 'l', 'l', 'l'];
  const load = (la) => la.map((x) => x.toFixed(2)).join(', ');
  const text = [
    'Targets',
    textTable(tHead, targets, tAlign),
    '',
    'Measurements',
    textTable(head, rows, align),
    '',
    ...(start ? [`start-up: node -e 0 ${millis(start.node.wallMs)} wall / ${millis(start.node.cpuMs)} CPU; breakeven --version ${millis(start.breakeven.wallMs)} wall / ${millis(start.breakeven.cpuMs)} CPU`] : []),
    `load average at start ${load(m.loadAverage)}, at end ${load(mEnd.loadAverage)} (${m.cores} cores)`,
  ].join('\n');

  const md = [];
  md.push('# Benchmark results');
  md.push('');
  md.push(`Written by \`npm run bench\` (test/bench/run.mjs) on ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC; do not edit by hand.${o.quick ? ' **Quick run** (fewer sizes and runs).' : ''}${o.steps ? ` **Only the steps ${[...o.steps].join(', ')}.**` : ''}`);
  md.push('');
  md.push('## Machine');
  md.push('');
  md.push(`- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB.toFixed(1)} GiB; ${m.os}`);
  md.push(`- Node ${m.node}; commit ${m.commit ?? '?'} on ${m.branch ?? '?'}${m.dirty ? ' (with uncommitted changes)' : ''}`);
  md.push(`- Load average (1, 5, 15 min) at start ${load(m.loadAverage)}, at end ${load(mEnd.loadAverage)}. Above ${m.cores}, other processes were competing for the cores: wall times then include waiting for them, CPU times do not.`);
  md.push(`- The whole bench took ${duration(ended - started)}; sizes ${o.sizes.map(sizeLabel).join(', ')}; districts from \`fixtures/generate.mjs --seed ${SEED}\`; parameters as of ${AS_OF}.`);
  md.push('');
  md.push('## Targets');
  md.push('');
  md.push('Verdicts compare CPU time (user + system of the child process), which other processes on a shared machine do not inflate; wall ratios are shown beside them.');
  md.push('');
  md.push(mdTable(tHead, targets, tAlign));
  md.push('');
  const missed = targets.filter((t) => t[3] === 'MISS');
  if (missed.length) {
    md.push('### Why a target is missed');
    md.push('');
    for (const [name] of missed) md.push(`- **${name}**: ${missReason(name)}`);
    md.push('');
  }
  md.push('## Measurements');
  md.push('');
  md.push(mdTable(head, rows, align));
  md.push('');
  if (start && loads) {
  md.push(`Start-up, ${start.runs} runs of each, interleaved: \`node -e 0\` ${millis(start.node.wallMs)} wall (median; fastest ${millis(start.node.minWallMs)}), ${millis(start.node.cpuMs)} CPU (mean); \`breakeven --version\` ${millis(start.breakeven.wallMs)} wall (fastest ${millis(start.breakeven.minWallMs)}), ${millis(start.breakeven.cpuMs)} CPU.`);
  md.push('');
  md.push(`Modules loaded by \`breakeven --version\`: ${loads.version.files.length} files of the package (${loads.version.files.join(', ')}) and ${loads.version.packages.join(', ') || 'no package'}. By \`breakeven evaluate\`: ${loads.evaluate.files.length} files and ${loads.evaluate.packages.join(', ')}.`);
  }
  for (const p of profiles) {
    md.push('');
    md.push(`## Where ${p.command}'s time goes (${sizeLabel(p.size)} compounds)`);
    md.push('');
    md.push(`CPU profile of one \`${p.command} --format json --out\` run (\`node --cpu-prof\`; self time of the sampled functions, ${seconds(p.totalMs)} in all, the profiler's own overhead included); the file is in ${p.dir}/ (open it in Chrome DevTools).`);
    md.push('');
    md.push(mdTable(['part', 'CPU', 'share'], p.areas.filter(([, ms]) => ms >= 5).map(([a, ms]) => [a, seconds(ms), `${((100 * ms) / p.totalMs).toFixed(1)} %`]), ['l', 'r', 'r']));
    md.push('');
    md.push(mdTable(['heaviest functions (self time)', 'CPU', 'share'], p.top.map(([f, ms]) => [`\`${f}\``, seconds(ms), `${((100 * ms) / p.totalMs).toFixed(1)} %`]), ['l', 'r', 'r']));
  }
  md.push('');
  md.push('## Method');
  md.push('');
  md.push('- Every timed run is a child process (`test/bench/launch.mjs`), which runs `main()` of the built CLI exactly as `bin/breakeven` does, or the baseline, and writes its own `process.resourceUsage()` at exit: CPU = user + system time of all its threads; peak memory = `maxRSS`, the high-water mark of the resident set kept by the kernel (nothing is polled, so no peak is missed). Wall time runs from spawn to exit.');
  md.push('- Baseline (`test/bench/baseline.mjs`): csv-parse alone streaming the same file with the options and 64 KiB chunks the reader uses, counting records. Each size\'s baseline, evaluate and sweep runs are interleaved, and the median of the runs is shown.');
  md.push("- Floor of evaluate: the same file's parse (the baseline) plus only encoding and writing as many bytes of compound-like JSON as evaluate wrote, the way its sink does (reused 1 MiB buffer, fsync at the end): what evaluate would cost if validating, the model and building its JSON were free.");
  md.push(`- evaluate: \`breakeven evaluate FILE --format json --out OUT\`; sweep: \`breakeven sweep FILE ${SWEEP_ARGS.join(' ')}\` (${SWEEP_POINTS} points); scenario: ${SCENARIO_CLUSTERS} clusters of 3-5 neighbouring compounds (one lane of the generator each) over the ${sizeLabel(SCENARIO_SIZE)} district; plan: \`breakeven plan FILE\`; all with \`--as-of ${AS_OF} --format json --out OUT\`. Outputs are deleted after each run.`);
  md.push(`- Draws (issue 14): \`breakeven plan ${DRAWS_DISTRICT} --write-scenario\`, then \`breakeven scenario PLANNED.yaml\` once, with \`--draws ${DRAWS}\` once (worker threads on every core) and with \`--draws ${DRAWS} --threads 1\` once. The verdict compares CPU time summed over all threads; the speed-up is the ratio of wall times, which a loaded machine blurs.`);
  md.push(`- Plan on worker threads: \`breakeven plan FILE --max-distance ${PLAN_THREADS_DISTANCE}\` of the largest plan size with \`--threads 1\` and with \`--threads 2\`, once each (the outputs are the same: test/e2e/plan.test.ts); the speed-up is the ratio of wall times, which a loaded machine blurs.`);
  md.push(`- Plan growth: the CPU time ratio between ${sizeLabel(n1)} and ${sizeLabel(n2)} against (${sizeLabel(n2)}·ln ${sizeLabel(n2)}) ÷ (${sizeLabel(n1)}·ln ${sizeLabel(n1)}) = ${nlogn.toFixed(2)}; the exponent is ln(ratio) ÷ ln(${n2 / n1}). Both include start-up.`);
  md.push('- Start-up: wall time per spawn measured by the parent; CPU from the children\'s times in /proc/self/stat (clock ticks). Modules: a resolve hook (`test/bench/trace-loads.mjs`) lists every module the run imports.');
  if (failures.length) {
    md.push('');
    md.push('## Failed runs');
    md.push('');
    for (const f of failures) md.push(`- ${f}`);
  }
  md.push('');
  return { text, markdown: md.join('\n') };
}

/**
 * What is known about a missed target (issue 17), by the start of its name. Written before the run
 * from the code as it is, so they say what the code does not do; the measured column says by how much.
 */
function missReason(name) {
  const reasons = [
    ['evaluate on both cores', 'two threads split the work (this one reads and validates, a worker evaluates and formats), which pays only when both cores are free: on a shared machine (see the load average) the worker waits for a core like everything else. Two threads cost about 40 % more CPU (a second module graph, compounds and text crossing threads).'],
    ['plan on both cores', "plan --threads plans a district's connected components on worker threads when it splits into components none of which holds more than half of it (planned alone, each with its own cache, seed and share of the budgets; the same plan for any number of threads). Two threads pay only when both cores are free: on a shared machine (see the load average) the worker waits for a core like everything else. The bench's districts at the default 500 m are one component, which one search plans on one thread (as before): the row measures them at a shorter distance, where they fall apart."],
    [
      'evaluate --format',
      "what is left after issue 17's speed work (CSV rows written directly instead of as view cells, cost lines priced and summed without being kept, fees and margins rounded by integer arithmetic, half-fen ties without decimal.js): in the CPU profile below (100k, JSON), reading the file is about 40 % (csv-parse's parse and __onField, Buffer slice and utf8Slice, read: the baseline's own work, which takes it whole), garbage collection about 15 % (a compound, its evaluation and its output strings per row), the cost model about 11 % (evaluateUnit, fenOf), validating rows and ids about 11 % (record, toCompound, IdIndex), formatting and encoding the output about 9 % (compoundResultJsonParts, Buffer write), and start-up about 0.3 s (67 modules, zod schemas, the parameter YAML), 3 % at 1M. validate alone (read and validate, no model, no output) already costs about 1.4×, so evaluate cannot reach 1.5× while it reads through csv-parse: that would need a CSV reader faster than csv-parse itself, which was not attempted. CSV costs less than JSON since it writes a quarter of the bytes.",
    ],
    ['constant memory: sweep', 'a sweep of a plain CSV without --only is streamed (sweepStream: each compound, read once, adds to every point\'s totals); a scenario or --only still holds every compound. If this line shows, the run predates the streamed sweep or measured a scenario.'],
    ['constant memory: validate', 'validate is issue 15\'s (up-front heap checks and streaming); left to that branch here to avoid conflicting changes.'],
    ['plan growth', "issue 17 found the cause of the growth: the unit cache's fixed generations (250k units) could not hold a city's first merge round (one candidate per allowed pair, 2.5 million at 100k), so at 100k the search evaluated units almost twice as often per compound as at 10k (15.8 million evaluations against 0.82 million). Generations now grow with the district (25 units per compound above 10k compounds, at most 4 million; the 10k and district plans are unchanged, the 100k plan needs slightly less subsidy), the cache and merge queue are typed arrays and tours are computed 5× faster. What is left above n log n is a larger search's memory traffic (the CPU's caches hold less of it) and garbage collection over a larger heap."],
    ['plan of 100k', "issue 17: the unit cache keeps subsidy and viability only, in typed arrays (hash tables with member lists packed in one Int32Array), and the merge queue is typed arrays with stale entries dropped when they outnumber the live ones; what remains is the compounds, the neighbour graph (2.5 million pairs at 100k), the first merge round's candidates and the evaluated plan's output."],
    ['plan of the district', 'wall time on a shared 2-core machine: compare the CPU time beside it (the wall time includes waiting for the other processes, see the load average).'],
  ];
  const hit = reasons.find(([prefix]) => name.startsWith(prefix));
  return hit ? hit[1] : 'see the measurement.';
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exitCode = 2;
});
