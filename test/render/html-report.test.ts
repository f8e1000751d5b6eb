import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import type { UnitSpec } from '../../src/arrangements/units.js';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { renderReportHtml } from '../../src/render/html/render-report.js';
import { buildReport, type ReportData, type WhatIfSeries } from '../../src/analyses/report-data.js';
import { compound, JJY, YYHY } from '../helpers/compounds.js';

const tree = readDefaultTree();
const params = resolveOrThrow(tree, '2025-07-01');
const k = computeCoefficients(params);

const geo = (lat: number, lon: number) => ({ kind: 'geo' as const, lat, lon });
const HOSTILE = compound({ id: 'E"1', name: '<img src=x onerror=alert(1)>&', location: geo(31.2052, 121.4458), fee_rate: 0.7 });
const LANE = ['L1', 'L2', 'L3'].map((id, i) => compound({ id, area_m2: 800, households: 15, fee_rate: 0.5, housing_type: 'after_sale_public', location: geo(31.2040 + i * 0.0003, 121.4470) }));
const NOWHERE = compound({ id: 'X1', households: 12 });
const ALL: Compound[] = [JJY, YYHY, HOSTILE, ...LANE, NOWHERE];
const UNITS: UnitSpec[] = [
  { kind: 'attached', host: 'YYHY', guests: ['JJY'] },
  { kind: 'cluster', name: 'Lane', members: ['L1', 'L2', 'L3'] },
];

function data(units: UnitSpec[] = UNITS): ReportData {
  return buildReport({
    subject: 'lane <1>.csv',
    source: units.length ? 'plan' : 'standalone',
    compounds: ALL,
    arrangement: { units, changes: new Map(), allocation: 'area', seed: 1 },
    k,
    tree,
    params,
    stamp: { tool: { name: 'breakeven', version: '1.2.3' }, parameters: { asOf: params.asOf, digest: params.digest, overlays: [] }, inputs: [{ file: 'lane <1>.csv', sha256: 'c0ffee'.padEnd(64, '0') }] },
  });
}

const count = (html: string, re: RegExp) => (html.match(new RegExp(re.source, 'g')) ?? []).length;

describe('renderReportHtml', () => {
  const html = renderReportHtml(data(), 'en');

  it('draws one mark per located compound, one row per compound, one column per unit and per compound', () => {
    expect(count(html, /<circle data-mark="compound"/)).toBe(6); // X1 has no coordinates
    expect(count(html, /<tr data-row="compound"/)).toBe(7);
    expect(count(html, /<g data-bar="unit"/)).toBe(4); // attached, cluster, and E"1, X1 alone
    expect(count(html, /<g data-bar="fee-gap"/)).toBe(7);
    expect(html).toContain('Compounds without coordinates, not drawn: 1.');
  });

  it('links host to guest, and each cluster member to the centre of the cluster', () => {
    expect(count(html, /data-link="attached"/)).toBe(1);
    expect(html).toMatch(/<line data-link="attached" data-unit="YYHY\+JJY" data-member="JJY"/);
    expect(count(html, /data-link="cluster"/)).toBe(3);
    expect(count(html, /data-hub="Lane"/)).toBe(1);
  });

  it('draws a scale bar of a round length', () => {
    // The marks span about 250 m, widened to the 200 m minimum at least: a fifth is 50 m.
    expect(html).toMatch(/<g class="scalebar" data-scale-m="(50|100)">/);
  });

  it('never lets data become markup', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;');
    expect(html).toContain('data-id="E&quot;1"');
    expect(html).toContain('<title>Property management feasibility: lane &lt;1&gt;.csv</title>');
  });

  it('asks for nothing outside the file: no src, href, url() or @import, and a CSP that allows only its own style and script', () => {
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href|srcset|action|data)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).not.toContain('://');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toContain(`default-src 'none'`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(count(html, /<script>/)).toBe(1);
    expect(count(html, /<style>/)).toBe(1);
  });

  it('prints on A4', () => {
    expect(html).toMatch(/@page \{ size: A4 portrait;/);
    expect(html).toContain('@media print');
  });

  it('stamps the tool version, the parameters and the input digest', () => {
    expect(html).toContain('Made by breakeven 1.2.3.');
    expect(html).toContain(`Parameters in force on 2025-07-01, digest ${params.digest}.`);
    expect(html).toContain(`Input lane &lt;1&gt;.csv, SHA-256 c0ffee${'0'.repeat(58)}.`);
    expect(count(html, /<tr data-row="parameter"/)).toBe(tree.size);
  });

  it('is the same bytes for the same data', () => {
    expect(renderReportHtml(data(), 'en')).toBe(html);
  });

  it('speaks Chinese with --lang zh: labels, 万 on money axes, and the page language for sorting', () => {
    const zh = renderReportHtml(data(), 'zh');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h2>小区分布图</h2>');
    expect(zh).toContain('管理单元由规划器提出；单元成本按建筑面积分摊。');
    expect(zh).toMatch(/>\d+(\.\d+)?万<\/text>/);
    expect(zh).not.toContain('Map of the compounds');
  });

  it('shows the fee charged now, and the scenario\'s fee beside it when a scenario changes it', () => {
    const changed = buildReport({ ...inputOf(data()), arrangement: { units: UNITS, changes: new Map([['JJY', { fee_rate: 1.49 }]]), allocation: 'area', seed: 1 } });
    const out = renderReportHtml(changed, 'en');
    expect(out).toMatch(/<tr data-row="compound" data-id="JJY"[^>]*><td>JJY<\/td><td>京剧院小区<\/td><td data-v="16">16<\/td><td data-v="0.45">0.45 → 1.49<\/td>/);
    expect(out).toContain('fee 0.45 → 1.49');
  });

  it('says plainly when no compound can be drawn on the map', () => {
    const none = buildReport({ ...inputOf(data()), compounds: [NOWHERE] });
    const out = renderReportHtml(none, 'en');
    expect(out).toContain('No compound has coordinates: there is nothing to draw.');
    expect(count(out, /data-mark="compound"/)).toBe(0);
  });
});

describe('what-if charts', () => {
  const point = (x: number, subsidy: number, viable: number, flip: boolean, failing: string[] = []) => ({ x, profit: -subsidy, subsidyNeeded: subsidy, viable, flip, failing });
  const sweep: WhatIfSeries = {
    kind: 'sweep',
    key: 'fee_rate',
    keyKind: 'field',
    points: [point(0.5, 900_000_00, 1, false), point(0.75, 600_000_00, 1, false), point(1, 300_000_00, 4, true), point(1.25, 100_000_00, 6, true)],
  };
  const years: WhatIfSeries = {
    kind: 'years',
    asOf: '2025-07-01',
    wageGrowth: 0.04,
    feeGrowth: 0,
    points: [0, 1, 2].map((y) => ({ ...point(y, (100 + 10 * y) * 100_00, 3 - y, y === 2, y === 2 ? ['YYHY+JJY'] : []), date: `${2025 + y}-07-01` })),
  };
  const html = renderReportHtml({ ...data(), whatIf: [sweep, years] }, 'en');

  it('draws a point for every value or year, and a dashed line where the verdict changes', () => {
    const section = (n: number) => html.slice(html.indexOf(`<section id="whatif-${n}"`), html.indexOf('</section>', html.indexOf(`<section id="whatif-${n}"`)));
    expect(count(section(1), /data-point="whatif"/)).toBe(4);
    expect(count(section(1), /data-flip=/)).toBe(2);
    expect(count(section(2), /data-point="whatif"/)).toBe(3);
    expect(count(section(2), /data-flip=/)).toBe(1);
    // Values as asked (0.75 keeps its two decimals), years by their calendar year.
    expect(section(1)).toContain('>0.50</text>');
    expect(section(1)).toContain('>0.75</text>');
    expect(section(2)).toContain('>2027</text>');
    expect(section(2)).toContain('stop breaking even: YYHY+JJY');
  });

  it('titles the charts with what was varied', () => {
    expect(html).toContain('<h2>What if fee_rate changes</h2>');
    expect(html).toContain('<h2>The next 2 years: wages +4.0% a year, fees +0.0% a year</h2>');
    const zh = renderReportHtml({ ...data(), whatIf: [years] }, 'zh');
    expect(zh).toContain('<h2>未来 2 年：工资每年 +4.0%，物业费每年 +0.0%</h2>');
  });

  it('draws nothing of the kind when none was asked for', () => {
    expect(renderReportHtml(data(), 'en')).not.toMatch(/<section[^>]*data-whatif/);
    expect(html).toMatch(/<section[^>]*data-whatif/);
  });
});

function inputOf(d: ReportData) {
  return {
    subject: d.subject,
    source: 'standalone' as const,
    compounds: ALL,
    arrangement: { units: [], changes: new Map(), allocation: 'area' as const, seed: 1 },
    k,
    tree,
    params,
    stamp: d.stamp,
  };
}

describe('the Chinese report', () => {
  const zh = renderReportHtml({ ...data(), title: '岳阳路测算' }, 'zh');

  it('takes the title asked for', () => {
    expect(zh).toContain('<title>岳阳路测算</title>');
    expect(zh).toContain('<h1>岳阳路测算</h1>');
  });

  it('names on the map each unit and each located compound it has room for, the rest counted', () => {
    const units = count(zh, /data-label="unit"/);
    const compounds = count(zh, /data-label="compound"/);
    const skipped = Number(/(\d+) 个名称因与其他名称重叠未标注/.exec(zh)?.[1] ?? '0');
    // Two units of two or more (the attached pair, the lane cluster) and six located compounds.
    expect(units + compounds + skipped).toBe(2 + 6);
    expect(zh).toContain('>京剧院小区</text>');
    expect(zh).toMatch(/data-label="unit" data-unit="YYHY\+JJY"[^>]*>岳阳花苑（挂单 1 个）</);
    // The hostile name is escaped in its label as everywhere else.
    expect(zh).not.toContain('<img src=x');
  });

  it('names the columns of the cost chart by unit name, the compounds of the fee chart by name', () => {
    expect(zh).toMatch(/class="xlabel"[^>]*>Lane</);
    expect(zh).toMatch(/class="xlabel"[^>]*>岳阳花苑（挂单 1 个）</);
    expect(zh).toMatch(/class="xlabel"[^>]*>京剧院小区</);
  });

  it('shows the parameters with Chinese units and descriptions', () => {
    expect(zh).toContain('<td>元/月</td>');
    expect(zh).toContain('上海市月最低工资标准');
  });

  it('names no file by an absolute path', () => {
    const abs = buildReport({
      subject: '/home/li/数据/district.csv',
      source: 'standalone',
      compounds: ALL,
      arrangement: { units: [], changes: new Map(), allocation: 'area', seed: 1 },
      k,
      tree,
      params,
      stamp: { tool: { name: 'breakeven', version: '1.2.3' }, parameters: { asOf: params.asOf, digest: params.digest, overlays: ['/home/li/wages.yaml'] }, inputs: [{ file: '/home/li/数据/district.csv', sha256: '0'.repeat(64) }] },
    });
    const html = renderReportHtml(abs, 'zh');
    expect(html).not.toContain('/home/li');
    expect(html).toContain('district.csv');
    expect(html).toContain('wages.yaml');
  });
});
