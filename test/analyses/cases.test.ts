import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTestCases } from '../../src/cli/load-test-cases.js';
import { runTestCase } from '../../src/analyses/test-cases.js';

/**
 * The project's own calculation tests as data: every case under test/cases/, read and run by the
 * same functions as `breakeven test`.
 */
const DIR = fileURLToPath(new URL('../cases/', import.meta.url));
const { cases } = await readTestCases([DIR]);

describe('test/cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.name} (${c.file.slice(DIR.length)}:${c.line})`, () => {
      const r = runTestCase(c);
      const diffs = r.failures.map((f) => `${f.where.file}:${f.where.line}: ${f.path}: expected ${f.expected}, got ${f.actual}`);
      expect(diffs).toEqual([]);
      expect(r.checks).toBeGreaterThan(0);
    });
  }
});
