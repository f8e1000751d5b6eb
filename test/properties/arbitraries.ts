/**
 * fast-check generators for the property tests: compounds shaped like the CSV allows (within the
 * ranges a district survey produces) and parameter sets drawn inside each leaf's sourced `range`.
 */
import fc from 'fast-check';
import { HOUSING_TYPES, SERVICE_LEVELS, type Compound, type Location } from '../../src/core/compound.js';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { computeCoefficients, type Coefficients } from '../../src/model/coefficients.js';
import { applyOverlay } from '../../src/params/tree.js';

/** The date every property is evaluated on (the minimum wage's latest step). */
export const AS_OF = '2025-07-01';

/** A decimal with `places` decimals in [min, max], as a CSV cell would give it. */
export function decimal(min: number, max: number, places: number): fc.Arbitrary<number> {
  const scale = 10 ** places;
  return fc.integer({ min: Math.ceil(min * scale), max: Math.floor(max * scale) }).map((n) => n / scale);
}

/** The district's box (Hengfu, Xuhui): 2.8 km × 2.4 km, so units stay walkable. */
const BOX = { latMin: 31.195, latMax: 31.22, lonMin: 121.435, lonMax: 121.46 };

export const locationArb: fc.Arbitrary<Location> = fc.record({
  kind: fc.constant('geo' as const),
  lat: decimal(BOX.latMin, BOX.latMax, 6),
  lon: decimal(BOX.lonMin, BOX.lonMax, 6),
});

export interface CompoundArbOptions {
  /** Give every compound a location (needed for travel); default: some have none. */
  located?: boolean;
  /** Other income and subsidy in whole fen (2 decimals); default true. */
  wholeFen?: boolean;
}

/** Everything but the id: `compoundsArb` numbers them so ids are unique. */
export function compoundArb(opts: CompoundArbOptions = {}): fc.Arbitrary<Omit<Compound, 'id' | 'name'>> {
  const incomePlaces = opts.wholeFen === false ? 4 : 2;
  return fc
    .record({
      area_m2: decimal(50, 200_000, 2),
      households: fc.integer({ min: 1, max: 3000 }),
      fee_rate: decimal(0, 10, 2),
      housing_type: fc.constantFrom(...HOUSING_TYPES),
      service_level: fc.constantFrom(...SERVICE_LEVELS),
      floors: fc.option(fc.integer({ min: 1, max: 33 }), { nil: null }),
      elevators: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })),
      built_year: fc.option(fc.integer({ min: 1920, max: 2025 }), { nil: null }),
      gates: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
      water_tanks: fc.integer({ min: 0, max: 3 }),
      greenShare: fc.oneof(fc.constant(0), decimal(0, 0.4, 3)),
      location: opts.located ? locationArb : fc.option(locationArb, { nil: null, freq: 4 }),
      collection_rate: fc.option(decimal(0, 1, 3), { nil: null }),
      other_income: fc.oneof(fc.constant(0), decimal(0, 200_000, incomePlaces)),
      subsidy: fc.oneof(fc.constant(0), decimal(0, 200_000, incomePlaces)),
    })
    .map(({ greenShare, ...c }) => ({ ...c, green_area_m2: Math.round(c.area_m2 * greenShare * 100) / 100 }));
}

/** `n` compounds (within [minLength, maxLength]) with ids C0, C1, … */
export function compoundsArb(minLength: number, maxLength: number, opts: CompoundArbOptions = {}): fc.Arbitrary<Compound[]> {
  return fc.array(compoundArb(opts), { minLength, maxLength }).map((cs) => cs.map((c, i) => ({ ...c, id: `C${i}`, name: `C${i}` })));
}

export function oneCompoundArb(opts: CompoundArbOptions = {}): fc.Arbitrary<Compound> {
  return compoundArb(opts).map((c) => ({ ...c, id: 'C0', name: 'C0' }));
}

/** Leaves of the shipped tree that have a sourced `range`, with it. */
export function rangedLeaves(): { key: string; range: [number, number] }[] {
  const out: { key: string; range: [number, number] }[] = [];
  for (const def of readDefaultTree().values()) if (def.range) out.push({ key: def.key, range: def.range });
  return out;
}

/** Nested overlay object from dotted keys: {"a.b": 1} → {a: {b: 1}}. */
export function overlayOf(values: Readonly<Record<string, number>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values)) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = v;
  }
  return root;
}

/**
 * A parameter set: every ranged leaf at a random value inside its range (each leaf left at its
 * default with some probability, so the defaults are covered too).
 */
export const paramValuesArb: fc.Arbitrary<Record<string, number>> = fc
  .tuple(
    ...rangedLeaves().map(({ key, range: [lo, hi] }) =>
      fc.option(
        fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => [key, v] as const),
        { nil: undefined, freq: 3 },
      ),
    ),
  )
  .map((pairs) => Object.fromEntries(pairs.filter((p) => p !== undefined)));

/** Coefficients from the defaults with `values` overlaid (dotted keys), on AS_OF. */
export function coefficientsWith(values: Readonly<Record<string, number>>): Coefficients {
  const r = applyOverlay(readDefaultTree(), overlayOf(values), { file: 'property', lineOf: () => undefined });
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return computeCoefficients(resolveOrThrow(r.tree, AS_OF));
}

/** The value of a leaf in force on AS_OF under `values`. */
export function valueOf(values: Readonly<Record<string, number>>, key: string): number {
  const v = values[key];
  if (v !== undefined) return v;
  defaults ??= resolveOrThrow(readDefaultTree(), AS_OF).values;
  const d = defaults[key];
  if (d === undefined) throw new Error(`no parameter ${key}`);
  return d;
}
let defaults: Readonly<Record<string, number>> | undefined;

/**
 * Seeded runs so a failure reproduces; the count keeps `npm test` fast. FC_RUNS=5000 FC_SEED=…
 * in the environment runs a longer or different search locally.
 */
export const RUNS = {
  seed: Number(process.env.FC_SEED ?? 20250701),
  numRuns: Number(process.env.FC_RUNS ?? 200),
} as const;
