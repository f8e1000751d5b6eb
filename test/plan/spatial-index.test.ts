import { describe, expect, it } from 'vitest';
import { distanceM } from '../../src/core/geo.js';
import { connectedComponents } from '../../src/plan/components.js';
import { prepareRules } from '../../src/plan/constraints.js';
import { buildNeighbourGraph, isNeighbour } from '../../src/plan/spatial-index.js';
import { compound, district, options, xy } from './helpers.js';

/** All pairs, the slow way, as the reference. */
function allPairs(compounds: ReturnType<typeof district>, maxDistanceM: number): string[] {
  const out: string[] = [];
  for (let a = 0; a < compounds.length; a++) {
    for (let b = a + 1; b < compounds.length; b++) {
      if (distanceM(compounds[a]!.location!, compounds[b]!.location!) <= maxDistanceM) out.push(`${a}-${b}`);
    }
  }
  return out;
}

function graphPairs(g: ReturnType<typeof buildNeighbourGraph>): string[] {
  const out: string[] = [];
  for (let a = 0; a < g.n; a++) {
    for (let e = g.start[a]!; e < g.start[a + 1]!; e++) if (g.adj[e]! > a) out.push(`${a}-${g.adj[e]}`);
  }
  return out;
}

describe('buildNeighbourGraph', () => {
  it.each([
    ['planar', false, 300],
    ['planar, wide limit', false, 900],
    ['WGS-84', true, 500],
  ])('finds exactly the pairs within distance (%s)', (_label, geo, limit) => {
    const compounds = district(7, 300, 4000, geo);
    const rules = prepareRules(compounds, options({ maxDistanceM: limit }));
    const g = buildNeighbourGraph(compounds, rules);
    const expected = allPairs(compounds, limit);
    expect(expected.length).toBeGreaterThan(100);
    expect(graphPairs(g).sort()).toEqual(expected.sort());
  });

  it('lists neighbours ascending, both ways, and answers isNeighbour', () => {
    const compounds = district(3, 80, 1500);
    const g = buildNeighbourGraph(compounds, prepareRules(compounds, options()));
    for (let a = 0; a < g.n; a++) {
      const list = Array.from(g.adj.subarray(g.start[a]!, g.start[a + 1]!));
      expect(list).toEqual([...list].sort((x, y) => x - y));
      for (const b of list) expect(isNeighbour(g, b, a)).toBe(true);
    }
    expect(isNeighbour(g, 0, 0)).toBe(false);
  });

  it('leaves out compounds kept alone, unlocated, forbidden pairs, and mixed coordinate kinds', () => {
    const compounds = [
      compound('a', xy(0, 0)),
      compound('b', xy(100, 0)),
      compound('c', xy(200, 0)),
      compound('d', null),
      compound('e', { kind: 'geo', lat: 0, lon: 0 }),
      compound('f', xy(0, 100)),
    ];
    const rules = prepareRules(
      compounds,
      options({ keepStandalone: new Set(['c']), neverTogether: [['a', 'f']] }),
    );
    const g = buildNeighbourGraph(compounds, rules);
    // a–b (100 m) and b–f (141 m) remain; c is kept alone, d has no place, e is in another grid,
    // a–f is forbidden.
    expect(graphPairs(g)).toEqual(['0-1', '1-5']);
    expect(connectedComponents(g)).toEqual([[0, 1, 5], [2], [3], [4]]);
  });
});
