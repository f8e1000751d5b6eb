/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core (which downloads
 * no browser of its own). `.ci/run` installs chromium; without it this test FAILS, never skips.
 *
 * It renders the report of fixtures/district.csv with a plan and the years ahead through the
 * built binary, opens it from file:// in a fresh profile, and checks: no console errors, no
 * request but the file itself, as many map marks, table rows and bars as the district and its
 * plan have, sorting works, the print layout is A4. It saves a screenshot to test/browser/out/report.png; with
 * UPDATE_SCREENSHOT=1 it also refreshes test/browser/report.png, the one the README shows.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membersOf, type UnitSpec } from '../../src/arrangements/units.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { loadParams } from '../../src/io/read-params.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { planUnits } from '../../src/plan/plan-units.js';
import { runCli, ROOT } from '../e2e/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT = join(HERE, 'out');
const YEARS = 10;

let dir: string;
let html: string;
let ctx: BrowserContext | undefined;
let page: Page;
const requests: string[] = [];
const errors: string[] = [];

/** What the report must show, from the inputs themselves (not from the report). */
let expected: { compounds: number; located: number; units: UnitSpec[]; unitCount: number };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the report's browser test needs Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  }
  dir = mkdtempSync(join(tmpdir(), 'breakeven-report-'));
  html = join(dir, 'report.html');
  const r = await runCli(['report', join(ROOT, 'fixtures/district.csv'), '--plan', '--as-of', '2025-07-01', '--years', String(YEARS), '--wage-growth', '4%', '--out', html]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);

  const { compounds } = await readCompounds(join(ROOT, 'fixtures/district.csv'));
  // The units the planner proposes, from the library (the report must draw exactly these).
  const k = computeCoefficients(loadParams({ asOf: '2025-07-01' }).params);
  const units = (await planUnits(compounds, k, { maxDistanceM: 500, maxMembers: 8, keepStandalone: new Set(), neverTogether: [], objective: 'subsidy', seed: 1 })).specs;
  expect(units.length).toBeGreaterThan(10);
  const arranged = units.reduce((n, u) => n + membersOf(u).length, 0);
  expected = { compounds: compounds.length, located: compounds.filter((c) => c.location !== null).length, units, unitCount: units.length + compounds.length - arranged };

  ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  // Every request is recorded; anything but the report's own file is refused.
  ctx.on('request', (req) => requests.push(req.url()));
  await ctx.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the report of fixtures/district.csv with a plan, in Chromium', () => {
  it('loads with no console error and no request but the file itself', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
  });

  it('draws a mark for every compound with coordinates, inside the map', async () => {
    const marks = page.locator('svg.map [data-mark="compound"]');
    expect(await marks.count()).toBe(expected.located);
    // Rendered boxes, in the same viewport coordinates: every mark drawn, and within the map.
    const map = (await page.locator('svg.map').boundingBox())!;
    const boxes = await marks.evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width })));
    const inside = boxes.every((r) => r.width > 0 && r.left >= map.x && r.right <= map.x + map.width && r.top >= map.y && r.bottom <= map.y + map.height);
    expect(inside).toBe(true);
  });

  it('links the members of every unit', async () => {
    const guests = expected.units.reduce((n, u) => n + (u.kind === 'attached' ? u.guests.length : 0), 0);
    const members = expected.units.reduce((n, u) => n + (u.kind === 'cluster' ? u.members.length : 0), 0);
    expect(await page.locator('[data-link="attached"]').count()).toBe(guests);
    expect(await page.locator('[data-link="cluster"]').count()).toBe(members);
    expect(await page.locator('.scalebar text').textContent()).toMatch(/^\d[\d,]* (m|km)$/);
  });

  it('has a table row and a fee column for every compound, a cost column for every unit', async () => {
    expect(await page.locator('tr[data-row="compound"]').count()).toBe(expected.compounds);
    expect(await page.locator('[data-bar="fee-gap"]').count()).toBe(expected.compounds);
    expect(await page.locator('[data-bar="unit"]').count()).toBe(expected.unitCount);
    expect(await page.locator('[data-summary="compounds"]').getAttribute('data-value')).toBe(String(expected.compounds));
  });

  it('charts the years ahead, one point a year from the as-of date', async () => {
    expect(await page.locator('section[data-whatif="years"] [data-point="whatif"]').count()).toBe(YEARS + 1);
    expect(await page.locator('section[data-whatif="years"] h2').textContent()).toBe(`The next ${YEARS} years: wages +4.0% a year, fees +0.0% a year`);
  });

  it('sorts the table by a column heading, ascending then descending', async () => {
    const households = () => page.locator('tr[data-row="compound"] td:nth-child(3)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    const button = page.locator('table[data-sortable] th:nth-child(3) button');
    await button.click();
    const up = await households();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(up[0]).toBeLessThan(up[up.length - 1]!);
    await button.click();
    const down = await households();
    expect(down).toEqual([...up].sort((a, b) => b - a));
    expect(errors).toEqual([]);
  });

  it('prints on A4 pages', async () => {
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt.
    expect(Number(box![1])).toBeCloseTo(595.3, -1);
    expect(Number(box![2])).toBeCloseTo(841.9, -1);
    // 180 table rows, the charts and about 70 parameters fit in 15 pages; a column squeezed to a
    // word a line (as the references once were) would take far more.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)!.length;
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(20);
  });

  it('saves a screenshot of the top of the report', async () => {
    mkdirSync(OUT, { recursive: true });
    const shot = join(OUT, 'report.png');
    // Back to the top (the sorting test scrolled, and sticky table headings follow the scroll),
    // then down to the end of the fee chart.
    type Win = { scrollTo(x: number, y: number): void; scrollY: number };
    await page.evaluate(() => (globalThis as unknown as Win).scrollTo(0, 0));
    const bottom = await page.locator('#fees').evaluate((el) => el.getBoundingClientRect().bottom + (globalThis as unknown as Win).scrollY);
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom) + 16 }, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(HERE, 'report.png'));
  });
});

describe('the Chinese report (--lang zh --title), in Chromium', () => {
  let zhCtx: BrowserContext | undefined;
  let zh: Page;
  let zhHtml: string;
  const TITLE = '岳阳路片区物业管理测算';

  beforeAll(async () => {
    zhHtml = join(dir, 'report-zh.html');
    // The input named by an absolute path: the report must not show the machine's directories.
    const r = await runCli(['report', join(ROOT, 'fixtures/district.csv'), '--plan', '--as-of', '2025-07-01', '--years', '5', '--wage-growth', '4%', '--lang', 'zh', '--title', TITLE, '--out', zhHtml]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    zhCtx = await chromium.launchPersistentContext(join(dir, 'profile-zh'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    zh = zhCtx.pages()[0] ?? (await zhCtx.newPage());
    await zh.goto(pathToFileURL(zhHtml).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await zhCtx?.close();
  });

  it('is titled as asked and names no absolute path', async () => {
    expect(await zh.locator('h1').textContent()).toBe(TITLE);
    expect(await zh.title()).toBe(TITLE);
    const text = readFileSync(zhHtml, 'utf8');
    expect(text).not.toContain(ROOT);
    expect(text).toContain('输入文件 district.csv，SHA-256');
  });

  it('names every management unit on the map, and every compound it has room for', async () => {
    const unitLabels = await zh.locator('svg.map [data-label="unit"]').count();
    const compoundLabels = await zh.locator('svg.map [data-label="compound"]').count();
    const arranged = expected.units.length;
    // The note under the map counts the names left off, so drawn + left off = all of them.
    const note = (await zh.locator('#map .note').allTextContents()).join(' ');
    const skipped = Number(/(\d+) 个名称因与其他名称重叠未标注/.exec(note)?.[1] ?? '0');
    expect(unitLabels + compoundLabels + skipped).toBe(arranged + expected.located);
    expect(compoundLabels).toBeGreaterThan(expected.located / 3);
    // Names, not ids: the biggest compound is labelled by its name.
    const names = await zh.locator('svg.map [data-label="compound"]').allTextContents();
    expect(names.some((n) => /^H\d+$/.test(n))).toBe(false);
    // Drawn names do not overlap each other.
    const boxes = await zh.locator('svg.map [data-label]').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
    let overlapping = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1) overlapping++;
    }
    expect(overlapping).toBe(0);
  });

  it('names units in the cost chart by name, not by id', async () => {
    const labels = await zh.locator('[data-bar="unit"] .xlabel').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.filter((l) => /^(cluster \d+|H\d+(\+H\d+)*)$/.test(l))).toEqual([]);
  });

  it('saves a screenshot of the top of the Chinese report (the README shows it)', async () => {
    mkdirSync(OUT, { recursive: true });
    const shot = join(OUT, 'report-zh.png');
    type Win = { scrollY: number };
    const bottom = await zh.locator('#map').evaluate((el) => el.getBoundingClientRect().bottom + (globalThis as unknown as Win).scrollY);
    await zh.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom) + 16 }, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(HERE, 'report-zh.png'));
  });
});
