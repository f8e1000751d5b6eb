// How far the heuristic planner is from the exact optimum, on seeded random districts.
//
//   npm run build && node test/bench/plan-gap.mjs [--instances 32] [--time-limit 60] [--seed 1]
//   node test/bench/plan-gap.mjs --scale 100000     (heuristic only: time and evaluator calls)
//
// Districts of 30–150 compounds are generated inline: compounds come in neighbourhoods (about 10
// per lane cluster, spread ~250 m) over a square of √n × 350 m, so most compounds have several
// partners within 500 m and components run from a handful to 100+ compounds. 15 % are larger
// hosts (100–350 households, higher fees). The unit evaluator below is SYNTHETIC, with the real
// model's shape; swap in the real one (see `evaluatorFor`) to measure on real economics.
//
// The gap is (heuristic subsidy − exact subsidy) / exact subsidy. When the exact solver stops at
// its time limit, the exact plan is only the best found, so the gap shown is a lower estimate and
// "≤" gives an upper bound from the solver's proven bound.
import { performance } from 'node:perf_hooks';
import { fenOf } from '../../dist/core/money.js';
import { tourLengthM } from '../../dist/core/geo.js';
import { planExact } from '../../dist/plan/exact.js';
import { planHeuristic } from '../../dist/plan/heuristic.js';

const args = parseArgs(process.argv.slice(2));

/** mulberry32: seeded, so every run sees the same districts. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function district(seed, n, { perCentre = 10, side = Math.sqrt(n) * 350 } = {}) {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: Math.max(1, Math.round(n / perCentre)) }, () => [r() * side, r() * side]);
  const lat0 = 31.2;
  const lon0 = 121.44;
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = centres[Math.floor(r() * centres.length)];
    const x = c[0] + gauss() * 250;
    const y = c[1] + gauss() * 250;
    const big = r() < 0.15;
    const households = big ? 100 + Math.floor(r() * 250) : 8 + Math.floor(r() * 60);
    out.push({
      id: `C${i}`,
      name: `compound ${i}`,
      area_m2: Math.round(households * (50 + r() * 30)),
      households,
      fee_rate: big ? 1.2 + r() * 1.5 : 0.3 + r() * 1.2,
      housing_type: 'commodity',
      service_level: 'standard',
      floors: 6,
      elevators: 0,
      built_year: 1990,
      gates: 1,
      water_tanks: 0,
      green_area_m2: 0,
      location: { kind: 'geo', lat: lat0 + y / 111_195, lon: lon0 + x / (111_195 * Math.cos((lat0 * Math.PI) / 180)) },
      collection_rate: 0.85,
      other_income: 0,
      subsidy: 0,
    });
  }
  return out;
}

/**
 * SYNTHETIC unit economics: a manager post per unit (at least 0.5 FTE, 1 FTE per 300 households,
 * 90,000 yuan/FTE), frontline staff (1 per 140 households + 0.1 per site, plus the round between
 * sites at 1 FTE per 16 km walked daily, 60,000 yuan/FTE) rounded up to 0.05 FTE once per unit,
 * 3 yuan/m² of per-site jobs, 20,000 yuan fixed per unit; revenue fee × area × 12 × 85 %.
 */
function evaluatorFor(compounds) {
  return (members) => {
    let households = 0;
    let revenue = 0;
    let jobs = 0;
    let frontline = 0;
    const sites = [];
    for (const i of members) {
      const c = compounds[i];
      households += c.households;
      revenue += fenOf(c.fee_rate, c.area_m2, 12, 0.85);
      jobs += fenOf(c.area_m2, 3);
      frontline += c.households / 140 + 0.1;
      sites.push(c.location);
    }
    frontline += tourLengthM(sites) / 16_000;
    const staffSteps = Math.ceil(frontline * 20 - 1e-9);
    const managerSteps = Math.max(10, Math.ceil((households / 300) * 20 - 1e-9));
    const cost = staffSteps * fenOf(60_000, 0.05) + managerSteps * fenOf(90_000, 0.05) + jobs + fenOf(20_000);
    const profit = revenue - cost;
    return { cost, profit, subsidyNeeded: Math.max(0, -profit), viable: profit >= 0 };
  };
}

function counting(evaluate) {
  const wrapped = (members) => {
    wrapped.calls++;
    return evaluate(members);
  };
  wrapped.calls = 0;
  return wrapped;
}

const planOptions = (seed, extra = {}) => ({
  maxDistanceM: 500,
  maxMembers: 8,
  keepStandalone: new Set(),
  neverTogether: [],
  objective: 'subsidy',
  seed,
  ...extra,
});

const pct = (x) => (x === null ? '   n/a' : `${(x * 100).toFixed(3)}%`);
const yuan = (fen) => (fen / 100).toFixed(0).padStart(10);

if (args.scale) await scale(Number(args.scale));
else await gaps();

async function gaps() {
  const instances = Number(args.instances ?? 32);
  const timeLimitS = Number(args['time-limit'] ?? 60);
  const base = Number(args.seed ?? 1);
  console.log(`plan-gap: ${instances} districts, exact time limit ${timeLimitS} s, synthetic evaluator`);
  console.log('seed    n  heuristic(yuan)      exact(yuan)  status       gap   ≤bound  heur.ms  exact.ms');
  const rows = [];
  for (let k = 0; k < instances; k++) {
    const seed = base + k;
    const n = 30 + Math.floor(rng(1000 + seed)() * 121);
    const compounds = district(seed, n);
    const evaluate = evaluatorFor(compounds);
    const opts = planOptions(seed, { timeLimitS });
    let t = performance.now();
    const h = planHeuristic(compounds, evaluate, opts);
    const heurMs = performance.now() - t;
    t = performance.now();
    const e = await planExact(compounds, evaluate, opts);
    const exactMs = performance.now() - t;
    const gap = e.totalSubsidy === 0 ? (h.totalSubsidy === 0 ? 0 : Infinity) : (h.totalSubsidy - e.totalSubsidy) / e.totalSubsidy;
    // Upper bound on the true gap from the exact run's lower bound on the optimum.
    let bound = gap;
    if (e.status !== 'optimal') {
      const lower = e.gap === null ? null : e.totalSubsidy * (1 - e.gap);
      bound = lower === null || lower <= 0 ? null : (h.totalSubsidy - lower) / lower;
    }
    rows.push({ seed, n, gap, bound, status: e.status });
    console.log(
      `${String(seed).padStart(4)} ${String(n).padStart(4)} ${yuan(h.totalSubsidy)}       ${yuan(e.totalSubsidy)}  ` +
        `${e.status.padEnd(10)} ${pct(gap).padStart(8)} ${pct(bound).padStart(8)} ${heurMs.toFixed(0).padStart(8)} ${exactMs.toFixed(0).padStart(9)}`,
    );
  }
  const proven = rows.filter((r) => r.status === 'optimal');
  const summary = (label, list, key) => {
    const xs = list.map((r) => r[key]).filter((x) => x !== null);
    if (xs.length === 0) return console.log(`${label}: none`);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const worst = Math.max(...xs);
    const within = xs.filter((x) => x <= 0.01).length;
    console.log(`${label}: ${xs.length} instances, mean ${pct(mean)}, worst ${pct(worst)}, within 1%: ${within}/${xs.length}`);
  };
  console.log('');
  summary('gap to the proven optimum', proven, 'gap');
  summary('gap to the exact plan, all instances', rows, 'gap');
  summary('upper bound on the gap, all instances', rows, 'bound');
  const other = rows.filter((r) => r.status !== 'optimal').map((r) => `${r.seed} (${r.status})`);
  if (other.length > 0) console.log(`not proven optimal: ${other.join(', ')}`);
}

async function scale(n) {
  const compounds = district(1, n, { perCentre: 12, side: Math.sqrt(n) * 400 });
  const evaluate = counting(evaluatorFor(compounds));
  const effort = args.effort === undefined ? undefined : Number(args.effort);
  const t = performance.now();
  const plan = planHeuristic(compounds, evaluate, planOptions(1, { effort }));
  const ms = performance.now() - t;
  const probe = plan.units.slice(0, 2000).map((u) => u.members);
  const t2 = performance.now();
  for (const m of probe) evaluate(m);
  const perCall = ((performance.now() - t2) * 1000) / probe.length;
  console.log(
    `heuristic, ${n} compounds: ${(ms / 1000).toFixed(1)} s, ${evaluate.calls - probe.length} evaluator calls ` +
      `(${((evaluate.calls - probe.length) / n).toFixed(1)} per compound, ≈${perCall.toFixed(1)} µs each), ` +
      `${plan.units.length} units, subsidy ${yuan(plan.totalSubsidy).trim()} yuan`,
  );
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    out[a.slice(2)] = argv[i + 1];
    i++;
  }
  return out;
}
