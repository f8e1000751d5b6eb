import { describe, expect, it } from 'vitest';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { renderReportHtml } from '../../src/render/html/render-report.js';
import { buildReport, type ReportUncertainty } from '../../src/analyses/report-data.js';
import { JJY, YYHY } from '../helpers/compounds.js';

const tree = readDefaultTree();
const params = resolveOrThrow(tree, '2025-07-01');
const k = computeCoefficients(params);

/** A made-up tornado (fen) whose second row flips the verdict: the bars are drawn from these numbers. */
const UNCERTAINTY: ReportUncertainty = {
  draws: 500,
  seed: 3,
  unitPViable: new Map([
    ['YYHY+JJY', 0.83],
  ]),
  subsidy: { p5: 100_00, p50: 200_00, p95: 300_00 },
  tornado: {
    id: 'YYHY+JJY',
    base: 50_000_00,
    baseViable: true,
    rows: [
      { key: 'wages.manager', low: 8000, high: 15000, valueLow: 50_000_00, valueHigh: 2_000_00, swing: 48_000_00, flipsVerdict: false },
      { key: 'jobs.dredging_per_job', low: 500, high: 2000, valueLow: 50_000_00, valueHigh: -1_000_00, swing: 51_000_00, flipsVerdict: true },
    ],
  },
};

function html(uncertainty?: ReportUncertainty): string {
  return renderReportHtml(
    buildReport({
      subject: 's.yaml',
      source: 'scenario',
      compounds: [JJY, YYHY],
      arrangement: { units: [{ kind: 'attached', host: 'YYHY', guests: ['JJY'] }], changes: new Map(), allocation: 'area', seed: 1 },
      k,
      tree,
      params,
      ...(uncertainty ? { uncertainty } : {}),
      stamp: { tool: { name: 'breakeven', version: '1' }, parameters: { asOf: params.asOf, digest: params.digest, overlays: [] }, inputs: [] },
    }),
    'en',
  );
}

describe('the report with --draws', () => {
  it('adds "how sure" to each compound from its unit, and one tornado bar per row, red where the verdict flips', () => {
    const h = html(UNCERTAINTY);
    // Both compounds are in the unit viable in 83% of draws.
    expect((h.match(/viable in 83% of draws/g) ?? []).length).toBe(2);
    expect(h).toContain('What decides the verdict of YYHY+JJY');
    expect(h).toMatch(/<g data-bar="tornado" data-key="wages.manager" data-flips="false">.*class="v-viable"/);
    expect(h).toMatch(/<g data-bar="tornado" data-key="jobs.dredging_per_job" data-flips="true">.*class="v-unviable"/);
    expect(h).toContain('the subsidy needed is 200.00 at the median (P5 100.00, P95 300.00)');
  });

  it('is unchanged without --draws', () => {
    const h = html();
    expect(h).not.toContain('tornado');
    expect(h).not.toContain('how sure');
  });
});
