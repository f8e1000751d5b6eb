import { describe, expect, it } from 'vitest';
import { componentJobs } from '../../src/plan/components.js';
import { prepareRules } from '../../src/plan/constraints.js';
import { assembleHeuristic, componentSettings, planComponent, planHeuristic, prepareHeuristic } from '../../src/plan/heuristic.js';
import { buildNeighbourGraph } from '../../src/plan/spatial-index.js';
import type { UnitEvaluator } from '../../src/plan/types.js';
import { compound, district, options, syntheticEvaluator, violations, xy } from './helpers.js';

/** The jobs of planar compounds at these x positions (y = 0) with a 150 m limit. */
function jobsOf(xs: number[]) {
  const compounds = xs.map((x, i) => compound(`C${i}`, xy(x, 0)));
  const rules = prepareRules(compounds, options({ maxDistanceM: 150 }));
  return componentJobs(buildNeighbourGraph(compounds, rules), rules.households);
}

describe('componentJobs', () => {
  it('splits a district whose largest component holds at most half of the compounds with partners', () => {
    // Pairs {0, 1} at 0 and 100 m, {2, 3} at 5000 and 5100 m (100 m apart: linked), 4 alone at
    // 9000 m. Compounds with partners: 4; largest component 2 = half of them: split.
    const { jobs, alone } = jobsOf([0, 100, 5000, 5100, 9000]);
    expect(alone).toEqual([4]);
    expect(jobs.map((j) => Array.from(j.members))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // Local indices: 0 ↔ 2 and 1 ↔ 3 in the second job; each is the other's only neighbour.
    expect(Array.from(jobs[1]!.graph.start)).toEqual([0, 1, 2]);
    expect(Array.from(jobs[1]!.graph.adj)).toEqual([1, 0]);
    expect(jobs.map((j) => j.districtSize)).toEqual([4, 4]);
  });

  it('keeps a district dominated by one component whole, isolated compounds included', () => {
    // {0, 1, 2} chained at 0, 100, 200 m (3 of the 5 with partners: more than half), {3, 4}, 5 alone.
    const { jobs, alone } = jobsOf([0, 100, 200, 5000, 5100, 9000]);
    expect(alone).toEqual([]);
    expect(jobs).toHaveLength(1);
    expect(Array.from(jobs[0]!.members)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(jobs[0]!.districtSize).toBe(6);
  });
});

describe('planning component by component', () => {
  // Lanes around 30 centres over 20 km: with a 300 m limit the district falls apart into many
  // small components (checked below), so it is planned component by component.
  const compounds = district(5, 240, 20_000, true);
  const evaluate = syntheticEvaluator(compounds);
  const opts = options({ maxDistanceM: 300, seed: 3 });

  it('gives the same plan whatever order (or thread) the components are planned in', () => {
    const { rules, jobs, alone } = prepareHeuristic(compounds, opts);
    expect(jobs.length).toBeGreaterThan(2);
    const whole = planHeuristic(compounds, evaluate, opts);
    expect(violations(compounds, whole, opts)).toEqual([]);
    // Backwards, each component with an evaluator over its own compounds only (as a worker has).
    const settings = componentSettings(opts);
    const parts = jobs
      .map((job, index) => ({ job, index }))
      .reverse()
      .map(({ job, index }) => {
        const own = Array.from(job.members, (i) => compounds[i]!);
        const local: UnitEvaluator = syntheticEvaluator(own);
        return { index, plan: planComponent(job, local, settings) };
      })
      .sort((a, b) => a.index - b.index)
      .map((p) => p.plan);
    expect(assembleHeuristic(compounds, rules, alone, [...parts].reverse(), evaluate, opts.objective)).toEqual(whole);
  });
});
