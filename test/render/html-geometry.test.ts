import { describe, expect, it } from 'vitest';
import { axisMoney } from '../../src/render/html/cost-bars.js';
import { esc, n1 } from '../../src/render/html/escape.js';
import { markRadius, projectLocations, scaleBar } from '../../src/render/html/map.js';
import { niceCeil, niceFloor, quantile, ticks } from '../../src/render/html/scale.js';

describe('projectLocations', () => {
  it('projects lat/lon equirectangularly around the centre latitude, in metres', () => {
    // Two points 0.002° apart in latitude and in longitude around 31.2045° N.
    const p = projectLocations([
      { kind: 'geo', lat: 31.2035, lon: 121.445 },
      { kind: 'geo', lat: 31.2055, lon: 121.447 },
    ])!;
    expect(p.kind).toBe('geo');
    const [a, b] = p.points as { x: number; y: number }[];
    // One degree of latitude: 6,371,008.8 m × π/180 = 111,195.08 m; 0.002° = 222.39 m.
    expect(b!.y - a!.y).toBeCloseTo(222.39, 1);
    // One degree of longitude at 31.2045°: 111,195.08 × cos(31.2045°) = 95,107.77 m; 0.002° = 190.22 m.
    expect(b!.x - a!.x).toBeCloseTo(190.22, 1);
    // Centred: the midpoint is the origin.
    expect(a!.x + b!.x).toBeCloseTo(0, 9);
    expect(a!.y + b!.y).toBeCloseTo(0, 9);
  });

  it('keeps planar metres as they are, and says nothing when there is nothing to draw', () => {
    const p = projectLocations([{ kind: 'xy', x: 120, y: -40 }, null])!;
    expect(p).toEqual({ kind: 'xy', points: [{ x: 120, y: -40 }, null], otherKind: 0 });
    expect(projectLocations([null, null])).toBeNull();
  });

  it('draws the coordinate system most compounds use when a file mixes them', () => {
    const p = projectLocations([
      { kind: 'xy', x: 0, y: 0 },
      { kind: 'geo', lat: 31.2, lon: 121.44 },
      { kind: 'xy', x: 10, y: 10 },
    ])!;
    expect(p.kind).toBe('xy');
    expect(p.points[1]).toBeNull();
    expect(p.otherKind).toBe(1);
  });
});

describe('scales', () => {
  it('rounds to 1, 2 or 5 × 10ⁿ', () => {
    expect([0.3, 0.7, 1, 1.01, 3, 7, 240, 2700].map(niceCeil)).toEqual([0.5, 1, 1, 2, 5, 10, 500, 5000]);
    expect([0.3, 0.7, 1, 3, 7, 240, 2700].map(niceFloor)).toEqual([0.2, 0.5, 1, 2, 5, 200, 2000]);
  });

  it('gives ticks from 0 past the maximum, with exact decimals', () => {
    expect(ticks(2.3)).toEqual({ step: 0.5, max: 2.5, values: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(ticks(0.27).values).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ticks(2_177_935)).toEqual({ step: 500_000, max: 2_500_000, values: [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000] });
  });

  it('takes the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([], 0.9)).toBeUndefined();
  });

  it('makes a scale bar of a round length about a fifth of the map', () => {
    expect(scaleBar(2800)).toEqual({ metres: 500, fraction: 500 / 2800 });
    expect(scaleBar(300).metres).toBe(50);
    expect(scaleBar(140_000).metres).toBe(20_000);
  });

  it('grows marks with households, so a 600-household estate stands out from a 16-household one', () => {
    expect(markRadius(16)).toBeCloseTo(2.5 + 0.42 * 4, 9);
    expect(markRadius(600)).toBeGreaterThan(2.5 * markRadius(16));
  });

  it('labels money axes in thousands (en) or 万 (zh)', () => {
    expect(axisMoney(250_000, 50_000, 'en')).toBe('250k');
    expect(axisMoney(250_000, 50_000, 'zh')).toBe('25万');
    expect(axisMoney(1_500_000, 500_000, 'en')).toBe('1.5M');
    expect(axisMoney(1_500_000, 500_000, 'zh')).toBe('150万');
    expect(axisMoney(5_000, 5_000, 'zh')).toBe('0.5万');
    expect(axisMoney(0, 5_000, 'en')).toBe('0');
  });
});

describe('escaping', () => {
  it('escapes text for content and attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(n1(12.345)).toBe('12.3');
    expect(n1(-0.04)).toBe('0');
  });
});
