import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ceilToNumber, ceilToString, fenOf, roundToNumber, roundToString, scaledJson } from '../../src/core/money.js';

// The reference: what money.ts did before its digit-string fast path, straight through decimal.js.
const refRound = (x: number, places: number): string => {
  const s = new Decimal(x).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  return s === `-${(0).toFixed(places)}` ? (0).toFixed(places) : s;
};
const refCeil = (x: number, places: number): string => new Decimal(x).toDecimalPlaces(places, Decimal.ROUND_CEIL).toFixed(places);

describe('roundToString and ceilToString agree with decimal.js', () => {
  it('on hand-picked ties, carries and signs', () => {
    expect(roundToString(1.005, 2)).toBe('1.01'); // the float is below 1.005, its shortest form is not
    expect(roundToString(-1.005, 2)).toBe('-1.01'); // half away from zero
    expect(roundToString(0.9999995, 6)).toBe('1.000000'); // carry through every place
    expect(roundToString(-0.0000004, 6)).toBe('0.000000'); // exponent form, no negative zero
    expect(roundToString(-0.4, 0)).toBe('0');
    expect(roundToString(12.5, 0)).toBe('13');
    expect(ceilToString(0.30000000000000004, 6)).toBe('0.300001');
    expect(ceilToString(-2.0000001, 6)).toBe('-2.000000'); // toward +∞
    expect(ceilToString(-0.0000001, 6)).toBe('0.000000');
    expect(ceilToString(99.9999991, 6)).toBe('100.000000');
    expect(ceilToString(7, 6)).toBe('7.000000');
  });

  const places = fc.integer({ min: 0, max: 8 });
  const doubles = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    // Decimals with few digits, where ties are common: k / 10^d.
    fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 9 })).map(([k, d]) => k / 10 ** d),
    // Beside a tie or a step edge by a few ulps, where the arithmetic path must give way to the digits.
    fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -4, max: 4 })).map(([k, d, u]) => (k / 10 ** d) * (1 + u * Number.EPSILON)),
    fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 8 })).map(([k, d]) => (k + 0.5) / 10 ** d),
  );

  it('on random numbers', () => {
    fc.assert(
      fc.property(doubles, places, (x, p) => {
        expect(roundToString(x, p)).toBe(refRound(x, p));
        expect(ceilToString(x, p)).toBe(refCeil(x, p));
      }),
      { numRuns: 40_000 },
    );
  });
});

describe('ceilToNumber and roundToNumber are Number() of the strings', () => {
  // Their arithmetic path must give the very double the string path gives (Object.is: no -0).
  const same = (x: number, p: number) => {
    expect(Object.is(ceilToNumber(x, p), Number(ceilToString(x, p)))).toBe(true);
    expect(Object.is(roundToNumber(x, p), Number(roundToString(x, p)))).toBe(true);
  };

  it('on decimals that sit on the edge, and near it', () => {
    // 0.45 × 10^6 is 450000.00000000006 as floats: the digits, not the product, decide (0.45).
    expect(ceilToNumber(0.45, 6)).toBe(0.45);
    expect(ceilToNumber(0.4500001, 6)).toBe(0.450001);
    expect(roundToNumber(0.00005, 4)).toBe(0.0001); // a tie, away from zero
    expect(roundToNumber(-0.00005, 4)).toBe(-0.0001);
    expect(Object.is(roundToNumber(-0.00004, 4), 0)).toBe(true); // no negative zero
    expect(Object.is(ceilToNumber(-0.0000001, 6), 0)).toBe(true);
    for (const x of [1.005, -1.005, 0.9999995, 12.5, 99.9999991, 7, 0.30000000000000004, 1e11 + 0.5, 123456.7890125]) {
      for (let p = 0; p <= 8; p++) same(x, p);
    }
  });

  it('on random numbers, few-digit decimals and near-edge values', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.double({ min: -1000, max: 1000, noNaN: true }),
          fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 12 })).map(([k, d]) => k / 10 ** d),
          // Just beside an edge: a few-digit decimal moved by a few ulps.
          fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -4, max: 4 })).map(([k, d, u]) => (k / 10 ** d) * (1 + u * Number.EPSILON)),
        ),
        fc.integer({ min: 0, max: 8 }),
        same,
      ),
      { numRuns: 50_000 },
    );
  });
});

describe('scaledJson', () => {
  it('is the JSON text of ceilToNumber and roundToNumber', () => {
    expect(scaledJson(12.34000001, 6)).toBe('12.340001');
    expect(scaledJson(0.45, 6)).toBe('0.45'); // on the edge: the digits' path
    expect(scaledJson(-0.00004, 4, true)).toBe('0');
    expect(scaledJson(-0.00005, 4, true)).toBe('-0.0001');
    expect(scaledJson(0.0000001, 6)).toBe('0.000001');
    expect(scaledJson(1e300, 6)).toBe(JSON.stringify(1e300));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.double({ min: -1000, max: 1000, noNaN: true }),
          fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 12 })).map(([k, d]) => k / 10 ** d),
        ),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (x, p, round) => {
          expect(scaledJson(x, p, round)).toBe(JSON.stringify(round ? roundToNumber(x, p) : ceilToNumber(x, p)));
        },
      ),
      { numRuns: 50_000 },
    );
  });
});

describe('fenOf', () => {
  // The reference: the exact product with decimal.js, rounded half away from zero.
  const ref = (fs: number[]) => fs.reduce((d, f) => d.times(new Decimal(f)), new Decimal(100)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  // Short decimals, as areas, fees and rates are: k / 10^d.
  const short = fc.tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 4 })).map(([k, d]) => k / 10 ** d);

  it('rounds half-fen ties of short decimals as decimal.js does', () => {
    // 542.5 m² × 0.31 yuan × 12 × 0.85 = 1715.3850 yuan… and 0.125 yuan is 12.5 fen → 13; −12.5 → −13.
    expect(fenOf(0.125)).toBe(13);
    expect(fenOf(-0.125)).toBe(-13);
    expect(fenOf(542.5, 0.31, 12, 0.85)).toBe(ref([542.5, 0.31, 12, 0.85]));
    expect(fenOf(1.005)).toBe(101); // the float is below 1.005; the decimal is a tie, away from zero
    fc.assert(
      fc.property(fc.array(short, { minLength: 1, maxLength: 4 }), (fs) => {
        // + 0: a zero's sign is not money (fenOf(−1, 0) is 0, decimal.js says −0).
        expect(fenOf(fs[0]!, fs[1], fs[2], fs[3]) + 0).toBe(ref(fs) + 0);
      }),
      { numRuns: 30_000 },
    );
  });
});
