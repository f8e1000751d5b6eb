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
