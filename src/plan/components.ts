import type { NeighbourGraph } from './spatial-index.js';

/**
 * Connected components of the allowed-pairs graph, each ascending, ordered by first member.
 * No unit can span two components, so each is planned on its own.
 */
export function connectedComponents(g: NeighbourGraph): number[][] {
  const comp = new Int32Array(g.n).fill(-1);
  const out: number[][] = [];
  const stack: number[] = [];
  for (let s = 0; s < g.n; s++) {
    if (comp[s] !== -1) continue;
    const members: number[] = [];
    comp[s] = out.length;
    stack.push(s);
    while (stack.length > 0) {
      const v = stack.pop()!;
      members.push(v);
      for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
        const w = g.adj[e]!;
        if (comp[w] === -1) {
          comp[w] = out.length;
          stack.push(w);
        }
      }
    }
    out.push(members.sort((a, b) => a - b));
  }
  return out;
}

/**
 * One connected component of two or more compounds, ready to be planned on its own (in this
 * thread or another): its members (global indices, ascending), its graph and households in local
 * indices (local i is members[i]), and its size against the district's.
 */
export interface ComponentJob {
  members: Int32Array;
  graph: NeighbourGraph;
  households: Float64Array;
  /** Compounds in all the jobs: a job's evaluation budgets are its share (by size) of the district's. */
  districtSize: number;
}

/**
 * A component holding more than this share of the compounds that have partners is planned with
 * the others in one search over the whole district (as before components were split off): one
 * search finds the same plans as ever, and a split could not run much faster, since the largest
 * component bounds the time.
 */
export const SPLIT_LARGEST_SHARE = 0.5;

/**
 * How the heuristic plans a district: the jobs (ordered by first member) and the compounds left
 * out of every job (alone: no allowed partner). When the district splits into components none of
 * which holds more than SPLIT_LARGEST_SHARE of the compounds with partners, each component of two
 * or more is a job of its own, planned independently (worker threads may take them); otherwise
 * there is one job, the whole district with its graph as it is, and no compound is left out. The
 * choice depends on the input only, never on the number of threads.
 */
export function componentJobs(g: NeighbourGraph, households: Float64Array): { jobs: ComponentJob[]; alone: number[] } {
  const comps = connectedComponents(g);
  const alone: number[] = [];
  const multi = comps.filter((c) => {
    if (c.length === 1) alone.push(c[0]!);
    return c.length > 1;
  });
  const districtSize = multi.reduce((s, c) => s + c.length, 0);
  const largest = multi.reduce((m, c) => Math.max(m, c.length), 0);
  if (multi.length === 0) return { jobs: [], alone };
  if (largest > SPLIT_LARGEST_SHARE * districtSize) {
    const all = new Int32Array(g.n);
    for (let i = 0; i < g.n; i++) all[i] = i;
    return { jobs: [{ members: all, graph: g, households, districtSize: g.n }], alone: [] };
  }
  const local = new Int32Array(g.n);
  const jobs = multi.map((comp) => {
    comp.forEach((v, i) => (local[v] = i));
    const k = comp.length;
    const start = new Int32Array(k + 1);
    for (let i = 0; i < k; i++) start[i + 1] = start[i]! + g.start[comp[i]! + 1]! - g.start[comp[i]!]!;
    const adj = new Int32Array(start[k]!);
    const hh = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const v = comp[i]!;
      hh[i] = households[v]!;
      // Neighbours stay ascending: local numbering keeps the global order.
      for (let e = g.start[v]!, o = start[i]!; e < g.start[v + 1]!; e++, o++) adj[o] = local[g.adj[e]!]!;
    }
    return { members: Int32Array.from(comp), graph: { n: k, start, adj }, households: hh, districtSize };
  });
  return { jobs, alone };
}
