import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, STACK_LINE } from '../e2e/run-cli.js';

/*
 * Two tests on one generated file of 600,000 compounds (≈ 63 MB, generated once, ≈ 4 s):
 *  - signals: a child killed with SIGINT or SIGTERM while it streams `evaluate --format json`
 *    into an existing --out leaves that file as it was, no temporary file, and exits 130 / 143;
 *  - memory: under `--max-old-space-size=128`, `validate` finishes (it streams, holding only the
 *    ids) and `evaluate` (table, which holds every row) stops with exit 2 and a hint. Before,
 *    `validate` held every row and died in a V8 fatal error on this file (exit 134, measured
 *    with the build before this change; 300k compounds still passed), and `evaluate` as a table
 *    too (100k compounds already abort under 160 MB).
 */
const AS_OF = '2025-07-01';
const BIN = join(ROOT, 'bin/breakeven');
const ROWS = 600_000;

let dir: string;
let big: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-big-'));
  big = join(dir, 'big.csv');
  execFileSync(process.execPath, [join(ROOT, 'fixtures/generate.mjs'), '--count', String(ROWS), '--seed', '15', '--out', big]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function start(args: string[], nodeArgs: string[] = []): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', TMPDIR: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stderr!.on('data', (b: Buffer) => err.push(b));
  const done = new Promise<Run>((res) => child.on('close', (code, signal) => res({ code, signal, stderr: Buffer.concat(err).toString('utf8') })));
  return { child, done };
}

const tempsIn = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp') || f.startsWith('breakeven-'));

describe('a child killed mid-write', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: the old --out intact, no temporary file, exit ${code}`, async () => {
      const out = join(dir, `out-${signal}.json`);
      writeFileSync(out, '{"old": true}\n');
      expect(tempsIn(dir)).toEqual([]);
      const { child, done } = start(['evaluate', big, '--as-of', AS_OF, '--format', 'json', '--out', out]);
      // Mid-write: the temporary file beside --out exists and has data in it.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const tmp = readdirSync(dir).find((f) => f.startsWith(`.out-${signal}.json.`) && f.endsWith('.tmp'));
        if (tmp && statSync(join(dir, tmp)).size > 0) break;
        if (Date.now() > deadline) throw new Error('the temporary file never appeared');
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill(signal);
      const r = await done;
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readFileSync(out, 'utf8')).toBe('{"old": true}\n');
      expect(tempsIn(dir)).toEqual([]);
    }, 90_000);
  }
});

describe('a child killed while staging JSON for standard output', () => {
  it('SIGINT: nothing left in TMPDIR (was breakeven-<pid>-*.tmp), exit 130', async () => {
    const { child, done } = start(['evaluate', big, '--as-of', AS_OF, '--format', 'json']);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const tmp = readdirSync(dir).find((f) => f.startsWith('breakeven-') && f.endsWith('.tmp'));
      if (tmp && statSync(join(dir, tmp)).size > 0) break;
      if (Date.now() > deadline) throw new Error('the staged file never appeared');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    expect(tempsIn(dir)).toEqual([]);
  }, 90_000);
});

describe('under a 128 MB heap', () => {
  it('validate finishes: it streams (was every row held)', async () => {
    const r = await start(['validate', big, '--format', 'json', '--out', join(dir, 'v.json')], ['--max-old-space-size=128']).done;
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8')) as { compounds: number }).compounds).toBe(ROWS);
  }, 120_000);

  it('evaluate as a table stops with exit 2 and a NODE_OPTIONS hint, never 134', async () => {
    const r = await start(['evaluate', big, '--as-of', AS_OF], ['--max-old-space-size=128']).done;
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^error: .*big\.csv: the file is \d+ MiB: evaluate --format table holds all of it/);
    expect(r.stderr).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+/);
    expect(tempsIn(dir)).toEqual([]);
  }, 60_000);
});
