import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandOptions } from '../../src/cli/registry.js';
import { emit, renderForOptions, withEnvelope } from '../../src/cli/shell.js';

const options = (over: Partial<CommandOptions> = {}): CommandOptions => ({
  command: 'test',
  format: 'json',
  lang: 'en',
  color: false,
  encoding: 'auto',
  values: {},
  tool: { name: 'breakeven', version: '9.9.9' },
  schemaVersion: 3,
  ...over,
});

const output = {
  json: { total: 2 },
  view: () => ({ blocks: [{ kind: 'text' as const, lines: [[{ text: 'two' }]] }] }),
  warnings: [{ code: 'CSV_UNKNOWN_COLUMN', message: 'unknown column "x" is ignored', where: { file: 'a.csv', line: 1, column: 6 } }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('emit', () => {
  it('puts schemaVersion and tool first in JSON', () => {
    expect(renderForOptions(output, options())).toBe(
      '{\n  "schemaVersion": 3,\n  "tool": {\n    "name": "breakeven",\n    "version": "9.9.9"\n  },\n  "total": 2\n}\n',
    );
  });

  it('renders the view for the other formats', () => {
    expect(renderForOptions(output, options({ format: 'table' }))).toBe('two\n');
  });

  it('refuses a report that sets the envelope itself', () => {
    expect(() => withEnvelope({ schemaVersion: 1 }, options())).toThrow(/schemaVersion/);
  });

  it('prints warnings to stderr as "warning: file:line:column: message" and the report to --out', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(mkdtempSync(join(tmpdir(), 'breakeven-emit-')), 'r.json');
    await emit(output, options({ out }), []);
    expect(err.mock.calls.map((c) => String(c[0]))).toEqual(['warning: a.csv:1:6: unknown column "x" is ignored\n']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ schemaVersion: 3, total: 2 });
  });
});
