import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCompounds } from '../../src/io/read-compounds.js';

const ROOT = join(import.meta.dirname, '../..');
const GENERATOR = join(ROOT, 'fixtures/generate.mjs');
const dir = mkdtempSync(join(tmpdir(), 'breakeven-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Buffer {
  return execFileSync(process.execPath, [GENERATOR, ...args], { maxBuffer: 64 * 1024 * 1024 });
}

describe('fixtures/generate.mjs', () => {
  it('is deterministic for a seed: the same bytes twice; another seed differs', () => {
    const a = run('--count', '500', '--seed', '7');
    expect(run('--count', '500', '--seed', '7').equals(a)).toBe(true);
    expect(run('--count', '500', '--seed', '8').equals(a)).toBe(false);
    const gb = run('--count', '50', '--seed', '7', '--zh', '--encoding', 'gb18030');
    expect(run('--count', '50', '--seed', '7', '--zh', '--encoding', 'gb18030').equals(gb)).toBe(true);
  });

  it('reproduces the committed district.csv', () => {
    expect(run('--count', '180', '--seed', '2024').equals(readFileSync(join(ROOT, 'fixtures/district.csv')))).toBe(true);
  });

  it('writes a Hengfu-like mix inside the district box', async () => {
    const out = join(dir, 'mix.csv');
    run('--count', '2000', '--seed', '11', '--out', out);
    const { compounds } = await readCompounds(out);
    expect(compounds).toHaveLength(2000);
    const micro = compounds.filter((c) => c.households < 30);
    const large = compounds.filter((c) => c.households >= 100);
    expect(micro.length / 2000).toBeGreaterThan(0.5);
    expect(micro.length / 2000).toBeLessThan(0.7);
    expect(large.length / 2000).toBeGreaterThan(0.04);
    expect(large.length / 2000).toBeLessThan(0.12);
    for (const c of micro) {
      expect(c.housing_type).not.toBe('commodity');
      expect(c.fee_rate).toBeGreaterThanOrEqual(0.3);
      expect(c.fee_rate).toBeLessThanOrEqual(1.2);
      expect(c.built_year).toBeGreaterThanOrEqual(1930);
      expect(c.built_year).toBeLessThanOrEqual(1995);
      expect(c.elevators).toBe(0);
    }
    for (const c of large) {
      expect(c.housing_type).toBe('commodity');
      expect(c.households).toBeLessThanOrEqual(600);
      expect(c.elevators).toBeGreaterThan(0);
      expect(c.gates).toBeGreaterThan(0);
      expect(c.green_area_m2).toBeGreaterThan(0);
    }
    const mid = compounds.filter((c) => c.households >= 30 && c.households < 100);
    expect(mid.every((c) => c.fee_rate >= 1.2 && c.fee_rate <= 3)).toBe(true);
    expect(micro.filter((c) => c.gates === 0).length).toBeGreaterThan(micro.length / 3);
    const withRate = compounds.filter((c) => c.collection_rate !== null);
    expect(withRate.length).toBeGreaterThan(100);
    expect(withRate.length).toBeLessThan(400);
    // 2000 compounds: the box (coordinates rounded to 1e-6°) grows by √(2000/400) ≈ 2.24 around the district's centre.
    const lats = compounds.map((c) => (c.location?.kind === 'geo' ? c.location.lat : NaN));
    const lons = compounds.map((c) => (c.location?.kind === 'geo' ? c.location.lon : NaN));
    const half = (0.025 / 2) * Math.sqrt(2000 / 400);
    expect(Math.min(...lats)).toBeGreaterThanOrEqual(31.2075 - half - 1e-6);
    expect(Math.max(...lats)).toBeLessThanOrEqual(31.2075 + half + 1e-6);
    expect(Math.max(...lats) - Math.min(...lats)).toBeGreaterThan(0.025);
    expect(Math.max(...lons) - Math.min(...lons)).toBeGreaterThan(0.025);
  });

  it('keeps up to 400 compounds inside the district itself', async () => {
    const { compounds } = await readCompounds(join(ROOT, 'fixtures/district.csv'));
    for (const c of compounds) {
      if (c.location?.kind !== 'geo') throw new Error('expected lat/lon');
      expect(c.location.lat).toBeGreaterThanOrEqual(31.195);
      expect(c.location.lat).toBeLessThanOrEqual(31.22);
      expect(c.location.lon).toBeGreaterThanOrEqual(121.435);
      expect(c.location.lon).toBeLessThanOrEqual(121.46);
    }
  });

  it('refuses bad arguments with exit code 2', () => {
    expect(() => execFileSync(process.execPath, [GENERATOR, '--count', 'many'], { stdio: 'pipe' })).toThrow(/--count/);
    expect(() => execFileSync(process.execPath, [GENERATOR, '--encoding', 'latin1'], { stdio: 'pipe' })).toThrow(/--encoding/);
  });
});
