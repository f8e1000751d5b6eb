import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, STACK_LINE, runCli } from '../e2e/run-cli.js';
import { runInProcess, snapshot, type CliRun } from './harness.js';

/*
 * Issue 15, "reliability round two": every case the attack found, with the exit code and message
 * it must give, and the check that nothing was damaged or left behind: the inputs keep their
 * bytes, an existing --out keeps its bytes, and the temporary files are counted before and after
 * (beside the output, and the ones staged in the temp directory for standard output).
 * In-process runs (fast) unless the case needs a real process (devices, pipes, exit codes of the
 * process itself).
 */
const AS_OF = '2025-07-01';
const CASE_STUDY = join(ROOT, 'fixtures/case-study.csv');
const DISTRICT = join(ROOT, 'fixtures/district.csv');
const OVERLAY = 'wages:\n  cleaner: 3800\n';

let dir: string;
/** TMPDIR of the built binary's runs, so that what it stages there can be counted. */
let binTmp: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-round-two-'));
  binTmp = mkdtempSync(join(tmpdir(), 'breakeven-round-two-tmp-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(binTmp, { recursive: true, force: true });
});

/** Temporary files of ours: `.NAME.PID.HEX.tmp` in `where`, and this process's stdout staging. */
function temps(where: string): string[] {
  const beside = readdirSync(where).filter((f) => f.endsWith('.tmp'));
  const staged = readdirSync(tmpdir()).filter((f) => f.startsWith(`breakeven-${process.pid}-`));
  return [...beside, ...staged];
}

/** A fresh folder in `dir` holding `files`. */
function folder(name: string, files: Record<string, string | Buffer> = {}): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

/** Exit 2, `error: …` containing `message`, no stack trace, and the folder exactly as before. */
async function refused(where: string, args: string[], message: string | RegExp): Promise<CliRun> {
  const before = snapshot(where);
  const bytes = Object.fromEntries(readdirSync(where).filter((f) => statSync(join(where, f)).isFile()).map((f) => [f, readFileSync(join(where, f))]));
  const tempsBefore = temps(where).length;
  const r = await runInProcess(args);
  expect(r.code, r.err).toBe(2);
  expect(r.err).toMatch(/^error: /);
  if (typeof message === 'string') expect(r.err).toContain(message);
  else expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(snapshot(where)).toEqual(before);
  for (const [f, b] of Object.entries(bytes)) expect(readFileSync(join(where, f)).equals(b), f).toBe(true);
  expect(temps(where).length).toBe(tempsBefore);
  return r;
}

describe('1. no output replaces an input', () => {
  // Every command that takes --params, with the overlay named again as --out (was exit 0 and the
  // overlay replaced by the report in all of them but `params`).
  const commands: [string, (csv: string) => string[]][] = [
    ['evaluate', (csv) => ['evaluate', csv]],
    ['evaluate --format json (streamed)', (csv) => ['evaluate', csv, '--format', 'json']],
    ['explain', (csv) => ['explain', csv, 'JJY']],
    ['params', () => ['params']],
    ['scenario', (csv) => ['scenario', csv]],
    ['attach', (csv) => ['attach', csv, 'JJY', '--to', 'YYHY']],
    ['cluster', (csv) => ['cluster', csv, 'A12', 'A13']],
    ['sweep', (csv) => ['sweep', csv, '--vary', 'fee_rate=1,2']],
    ['project', (csv) => ['project', csv, '--years', '2']],
    ['bid', (csv) => ['bid', csv, 'A12', 'A13']],
    ['check', (csv) => ['check', csv]],
    ['report', (csv) => ['report', csv]],
    ['plan', (csv) => ['plan', csv]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: --out the --params overlay → exit 2 OUT_IS_INPUT, overlay kept`, async () => {
      const d = folder(`params-${name.replace(/\W+/g, '-')}`, { 'p.yaml': OVERLAY, 'c.csv': readFileSync(CASE_STUDY) });
      await refused(d, [...args(join(d, 'c.csv')), '--params', join(d, 'p.yaml'), '--as-of', AS_OF, '--out', join(d, 'p.yaml')], 'is an input file of this run; refusing to overwrite it');
    });
  }

  it('the shipped defaults (src/params/data/shanghai.yaml) are an input of every model run', async () => {
    const data = join(ROOT, 'src/params/data');
    await refused(data, ['params', '--out', join(data, 'shanghai.yaml')], 'is an input file of this run');
    await refused(data, ['evaluate', CASE_STUDY, '--as-of', AS_OF, '--out', join(data, 'shanghai.yaml')], 'is an input file of this run');
  });

  it('a hard link and a symbolic link to the overlay are the overlay', async () => {
    const d = folder('params-links', { 'p.yaml': OVERLAY });
    linkSync(join(d, 'p.yaml'), join(d, 'hard.yaml'));
    symlinkSync(join(d, 'p.yaml'), join(d, 'soft.yaml'));
    for (const out of ['hard.yaml', 'soft.yaml']) {
      await refused(d, ['evaluate', CASE_STUDY, '--params', join(d, 'p.yaml'), '--as-of', AS_OF, '--out', join(d, out)], 'refusing to overwrite it');
    }
  });

  it('--write-scenario onto the overlay, and plan --write-scenario onto its own CSV', async () => {
    const d = folder('plan-inputs', { 'p.yaml': OVERLAY, 'c.csv': readFileSync(CASE_STUDY) });
    await refused(d, ['plan', join(d, 'c.csv'), '--params', join(d, 'p.yaml'), '--as-of', AS_OF, '--write-scenario', join(d, 'p.yaml')], '--write-scenario');
    await refused(d, ['plan', join(d, 'c.csv'), '--as-of', AS_OF, '--write-scenario', join(d, 'c.csv')], 'refusing to overwrite it');
  });

  it('test: --junit and --out onto the CSV a case file names → exit 2, CSV kept', async () => {
    const d = folder('test-csv', {
      'cs.csv': 'id,area_m2,households,fee_rate\nA,1000,10,1.5\n',
      'cases.yaml': 'asOf: 2025-07-01\ncases:\n  - name: A alone\n    compounds: cs.csv\n    expect:\n      totals: {compounds: 1}\n',
    });
    await refused(d, ['test', join(d, 'cases.yaml'), '--junit', join(d, 'cs.csv')], /--junit .*cs\.csv is an input file of this run/);
    await refused(d, ['test', join(d, 'cases.yaml'), '--out', join(d, 'cs.csv')], /--out .*cs\.csv is an input file of this run/);
  });
});

describe('2. devices and pipes are written in place, never renamed over', () => {
  it('--out a FIFO: the reader gets the report, the FIFO stays a FIFO (exit 0)', async () => {
    const d = folder('fifo-out');
    const fifo = join(d, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on('data', (b: Buffer) => got.push(b));
    const done = new Promise((res) => reader.on('close', res));
    const r = await runCli(['validate', CASE_STUDY, '--format', 'json', '--out', fifo], { env: { TMPDIR: binTmp } });
    await done;
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(Buffer.concat(got).toString('utf8')).compounds).toBe(6);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['out.fifo']);
    expect(readdirSync(binTmp)).toEqual([]);
  });

  it('--out a character device (our own /dev/null, made with mknod as root) stays a device', async () => {
    if (process.getuid?.() !== 0) return; // mknod needs root; the FIFO case above runs for everyone
    const d = folder('char-dev');
    const dev = join(d, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    const r = await runInProcess(['validate', CASE_STUDY, '--out', dev]);
    expect(r.code, r.err).toBe(0);
    expect(statSync(dev).isCharacterDevice()).toBe(true);
    expect(readdirSync(d)).toEqual(['null']);
  });

  it('--out /dev/stdout into a pipe (| cat): the report on the pipe, exit 0 (was exit 3, realpath of a pipe)', async () => {
    const bin = `"${process.execPath}" "${join(ROOT, 'bin/breakeven')}"`;
    const env = { ...process.env, TMPDIR: binTmp };
    const v = execFileSync('sh', ['-c', `${bin} validate "${CASE_STUDY}" --format json --out /dev/stdout | cat`], { env }).toString();
    expect(JSON.parse(v).compounds).toBe(6);
    const j = execFileSync('sh', ['-c', `${bin} evaluate "${CASE_STUDY}" --as-of ${AS_OF} --format json --out /dev/stdout | cat; echo "exit $?"`], { env }).toString();
    expect(JSON.parse(j.replace(/exit \d+\n$/, '')).compounds).toHaveLength(6);
    // Through a socket too (how node spawns a child): written to standard output, not opened.
    const r = await runCli(['validate', CASE_STUDY, '--format', 'json', '--out', '/dev/stdout'], { env: { TMPDIR: binTmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).compounds).toBe(6);
    expect(readdirSync(binTmp)).toEqual([]);
  });
});

describe('3. the outputs of a run are committed together or not at all', () => {
  it('plan --write-scenario with an --out that cannot be written: the old scenario kept', async () => {
    const d = folder('plan-together', { 'plan.yaml': '# the previous plan\n' });
    await refused(d, ['plan', CASE_STUDY, '--as-of', AS_OF, '--write-scenario', join(d, 'plan.yaml'), '--out', join(d, 'missing', 'plan.json')], 'directory');
    expect(readFileSync(join(d, 'plan.yaml'), 'utf8')).toBe('# the previous plan\n');
  });

  it('--write-scenario and --out naming one file → exit 2 OUT_TWICE', async () => {
    const d = folder('plan-twice');
    await refused(d, ['plan', CASE_STUDY, '--as-of', AS_OF, '--write-scenario', join(d, 'x.yaml'), '--out', join(d, 'x.yaml')], '--write-scenario');
  });

  it('both written when both can be', async () => {
    const d = folder('plan-both');
    const r = await runInProcess(['plan', CASE_STUDY, '--as-of', AS_OF, '--write-scenario', join(d, 'plan.yaml'), '--format', 'json', '--out', join(d, 'plan.json')]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(d).sort()).toEqual(['plan.json', 'plan.yaml']);
    expect(readFileSync(join(d, 'plan.yaml'), 'utf8')).toMatch(/^# Written by `breakeven plan`/);
  });
});

describe('4–5. debris and exit codes of standard output', () => {
  it('> /dev/full: exit 2 "cannot write standard output: no space left on device", no stack, no staged file', async () => {
    for (const format of ['table', 'json']) {
      const out = openSync('/dev/full', 'w');
      const r = await runWith(['evaluate', CASE_STUDY, '--as-of', AS_OF, '--format', format], out);
      closeSync(out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('error: cannot write standard output: no space left on device');
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readdirSync(binTmp)).toEqual([]);
    }
  });

  it('a pipe closed early (| head -c 10): exit 0, no staged file left in TMPDIR', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `C${i},${1000 + i},20,1.5\n`).join('');
    const f = join(folder('pipe-close'), 'many.csv');
    writeFileSync(f, `id,area_m2,households,fee_rate\n${rows}`);
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin/breakeven')}" evaluate "${f}" --as-of ${AS_OF} --format json | head -c 10`], {
      env: { ...process.env, TMPDIR: binTmp },
    }).toString();
    expect(out.startsWith('{\n  "schem')).toBe(true);
    expect(readdirSync(binTmp)).toEqual([]);
  });
});

/** The built binary with its stdout on `fd` (a device), stderr captured. */
function runWith(args: string[], fd: number): Promise<{ code: number; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/breakeven'), ...args], {
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', TMPDIR: binTmp },
      stdio: ['ignore', fd, 'pipe'],
    });
    const err: Buffer[] = [];
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', rej);
    child.on('close', (code) => res({ code: code ?? -1, stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('6. units of 53 members and more', () => {
  it('cluster of 53 (was exit 3, RangeError): exit 0, SCRB shares add up to the unit cost, notes in JSON and on stderr', async () => {
    const d = folder('cluster-53');
    const ids = Array.from({ length: 53 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`);
    // The built binary: the warnings go to the process's stderr.
    const r = await runCli(['cluster', DISTRICT, ...ids, '--as-of', AS_OF, '--allocation', 'scrb', '--format', 'json', '--out', join(d, 'c.json')], { env: { TMPDIR: binTmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: unit H001+');
    expect(r.stderr).toContain('a unit of 53 members is too large for methods over all coalitions');
    const unit = (JSON.parse(readFileSync(join(d, 'c.json'), 'utf8')) as { units: { kind: string; members: string[]; cost: string; exact: boolean; notes?: string[]; shares: { cost: string }[] }[] }).units.find((u) => u.kind === 'cluster')!;
    expect(unit.members).toHaveLength(53);
    expect(unit.exact).toBe(false);
    expect(unit.notes?.join(' ')).toMatch(/stability checked against each member alone, every pair/);
    // The shares are whole fen that add up exactly to the unit's cost (SCRB's last rounding step).
    const fen = (s: string) => Math.round(Number(s) * 100);
    expect(unit.shares.reduce((a, s) => a + fen(s.cost), 0)).toBe(fen(unit.cost));
    expect(temps(d)).toEqual([]);
  });
});

describe('7. inputs that are not regular files, or too large', () => {
  it('a symlink to /dev/zero as scenario, --params, test case file and CSV → exit 2 INPUT_NOT_A_FILE (was std::bad_alloc, 134)', async () => {
    const d = folder('dev-zero');
    for (const n of ['z.yaml', 'z.csv']) symlinkSync('/dev/zero', join(d, n));
    const z = join(d, 'z.yaml');
    await refused(d, ['scenario', z], 'not a regular file (a character device)');
    await refused(d, ['evaluate', CASE_STUDY, '--params', z, '--as-of', AS_OF], 'not a regular file (a character device)');
    await refused(d, ['test', z], 'not a regular file (a character device)');
    await refused(d, ['validate', join(d, 'z.csv')], 'not a regular file (a character device)');
  });

  it('a FIFO as scenario, --params and CSV → exit 2 at once (was blocked forever)', async () => {
    const d = folder('fifo-in');
    execFileSync('mkfifo', [join(d, 'f.yaml')]);
    execFileSync('mkfifo', [join(d, 'f.csv')]);
    await refused(d, ['scenario', join(d, 'f.yaml')], 'not a regular file (a named pipe)');
    await refused(d, ['evaluate', CASE_STUDY, '--params', join(d, 'f.yaml'), '--as-of', AS_OF], 'not a regular file (a named pipe)');
    await refused(d, ['evaluate', join(d, 'f.csv'), '--as-of', AS_OF], 'to read standard input, pass -');
  });

  it('- reads standard input where it is offered (validate, evaluate)', async () => {
    const r = await runCli(['validate', '-', '--format', 'json'], { input: 'id,area_m2,households,fee_rate\nA,1000,10,1.5\n', env: { TMPDIR: binTmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: '<stdin>', compounds: 1 });
  });

  it('a parameter file over 16 MiB → exit 2 INPUT_TOO_LARGE, before reading it', async () => {
    const d = folder('too-large');
    const big = join(d, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 16 * 1024 * 1024 + 1); // sparse: costs no disk
    await refused(d, ['evaluate', CASE_STUDY, '--params', big, '--as-of', AS_OF], 'more than the 16 MiB');
  });
});

describe('9. CSV injection (OWASP)', () => {
  it('names that start a formula get a leading quote in CSV output; negative numbers stay numbers', async () => {
    const d = folder('injection', {
      'c.csv':
        'id,name,area_m2,households,fee_rate\n' +
        'F1,"=HYPERLINK(""http://x"",""y"")",800,16,0.45\n' +
        'F2,"+cmd|\' /C calc\'!A0",800,16,0.45\n' +
        'F3,@SUM(1),800,16,0.45\n' +
        'F4,-2+3,800,16,0.45\n',
    });
    const r = await runInProcess(['evaluate', join(d, 'c.csv'), '--as-of', AS_OF, '--format', 'csv', '--out', join(d, 'o.csv')]);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(join(d, 'o.csv'), 'utf8');
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(text).toContain("'+cmd|' /C calc'!A0");
    expect(text).toContain("'@SUM(1)");
    expect(text).toContain("'-2+3");
    // No cell starts a formula: every field's first character is safe (quotes opened first).
    for (const line of text.split('\r\n')) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
    // 800 m² at 0.45 cannot pay a manager: the profits are negative, written as numbers ("-…").
    expect(text).toMatch(/,-\d+\.\d\d,/);
  });
});

describe('10. terminal control characters in table output', () => {
  it('ESC]0;…BEL and ESC[2J in a name are shown escaped by evaluate and explain, never sent raw', async () => {
    const d = folder('escapes', { 'c.csv': 'id,name,area_m2,households,fee_rate\nE1,"a\x1b]0;pwned\x07b\x1b[2J",800,16,0.45\n' });
    for (const args of [['evaluate', join(d, 'c.csv')], ['explain', join(d, 'c.csv'), 'E1']]) {
      const out = join(d, 'o.txt');
      const r = await runInProcess([...args, '--as-of', AS_OF, '--out', out]);
      expect(r.code, r.err).toBe(0);
      const text = readFileSync(out, 'utf8');
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\x07\x1b]/);
      expect(text).toContain('a\\x1b]0;pwned\\x07b\\x1b[2J');
    }
  });
});

describe('11. YAML encodings', () => {
  it('a GB18030 scenario is read as GB18030: the cluster name comes out right', async () => {
    const d = folder('gb-yaml', { 'c.csv': readFileSync(CASE_STUDY) });
    // 岳阳路片区 in GB18030 (python3: '岳阳路片区'.encode('gb18030').hex()): not valid UTF-8.
    const name = Buffer.from('d4c0d1f4c2b7c6acc7f8', 'hex');
    writeFileSync(
      join(d, 's.yaml'),
      Buffer.concat([Buffer.from('compounds: c.csv\nasOf: 2025-07-01\nunits:\n  - kind: cluster\n    name: '), name, Buffer.from('\n    members: [A12, A13]\n')]),
    );
    const r = await runInProcess(['scenario', join(d, 's.yaml'), '--format', 'json', '--out', join(d, 'o.json')]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(d, 'o.json'), 'utf8')).toContain('"id": "岳阳路片区"');
  });

  it('bytes neither UTF-8 nor GB18030 → exit 2 YAML_BAD_ENCODING (were read as U+FFFD)', async () => {
    const d = folder('bad-yaml-bytes', { 'p.yaml': Buffer.concat([Buffer.from('wages:\n  cleaner: 3800 # '), Buffer.from([0xff, 0xff, 0xfe]), Buffer.from('\n')]) });
    await refused(d, ['evaluate', CASE_STUDY, '--params', join(d, 'p.yaml'), '--as-of', AS_OF], 'neither UTF-8 nor GB18030');
  });
});

describe('12. __proto__ keys are unknown keys', () => {
  const cases: [string, string, string, string][] = [
    ['scenario parameters', 's.yaml', 'compounds: c.csv\nparameters:\n  __proto__: {wages: {cleaner: 1}}\n', 'SCENARIO_UNKNOWN_KEY'],
    ['compoundChanges', 's.yaml', 'compounds: c.csv\ncompoundChanges:\n  __proto__: {fee_rate: 9}\n', 'SCENARIO_UNKNOWN_KEY'],
    ['inside a change', 's.yaml', 'compounds: c.csv\ncompoundChanges:\n  JJY:\n    __proto__: {fee_rate: 9}\n', 'SCENARIO_UNKNOWN_KEY'],
    ['a JSON scenario', 's.json', '{"compounds": "c.csv",\n "__proto__": {"allocation": "shapley"}}\n', 'SCENARIO_UNKNOWN_KEY'],
  ];
  for (const [what, file, text, code] of cases) {
    it(`${what} → exit 2, 'unknown key "__proto__"' at its line`, async () => {
      const d = folder(`proto-${what.replace(/\W+/g, '-')}`, { 'c.csv': readFileSync(CASE_STUDY), [file]: text });
      const r = await refused(d, ['scenario', join(d, file)], 'unknown key "__proto__"');
      const line = text.split('\n').findIndex((l) => l.includes('__proto__')) + 1;
      expect(r.err).toContain(`${join(d, file)}:${line}:`);
      expect(code).toBe('SCENARIO_UNKNOWN_KEY');
    });
  }

  it('test-case parameters and --params', async () => {
    const d = folder('proto-test', {
      'cases.yaml': 'asOf: 2025-07-01\ncases:\n  - name: x\n    compounds: [{id: A, area_m2: 1000, households: 10, fee_rate: 1.5}]\n    parameters:\n      __proto__: {wages: {cleaner: 1}}\n    expect: {totals: {compounds: 1}}\n',
      'p.yaml': '__proto__:\n  wages: {cleaner: 1}\n',
    });
    await refused(d, ['test', join(d, 'cases.yaml')], /cases\.yaml:6:\d+: unknown key "__proto__"/);
    await refused(d, ['evaluate', CASE_STUDY, '--params', join(d, 'p.yaml'), '--as-of', AS_OF], /p\.yaml:1:\d+: unknown key "__proto__"/);
  });
});

describe('13. no foreign file is quoted', () => {
  it('a scenario whose compounds: names a file that is not a compound table: its content is not echoed', async () => {
    const d = folder('foreign', { 'secret.txt': 'SECRET-TOKEN-4711:x:0:0:root\nmore\n', 's.yaml': 'compounds: secret.txt\n' });
    const r = await refused(d, ['scenario', join(d, 's.yaml')], 'no known column (1 field): is this a compound table?');
    expect(r.err).not.toContain('SECRET');
  });
});

describe('14. the small ones', () => {
  it('--out x.json/ → exit 2, no x.json created', async () => {
    const d = folder('trailing-slash');
    await refused(d, ['validate', CASE_STUDY, '--out', `${join(d, 'x.json')}/`], 'ends in a slash, so it names a directory');
    expect(existsSync(join(d, 'x.json'))).toBe(false);
  });

  it('a legal 254-byte --out name works (the temporary name is shortened)', async () => {
    const d = folder('long-name');
    const name = `${'长'.repeat(83)}.csv`; // 83 × 3 bytes + 4 = 253 bytes
    const r = await runInProcess(['validate', CASE_STUDY, '--format', 'csv', '--out', join(d, name)]);
    expect(r.code, r.err).toBe(0);
    expect(Buffer.byteLength(name)).toBe(253);
    const ascii = `${'a'.repeat(250)}.csv`; // 254 bytes
    const r2 = await runInProcess(['validate', CASE_STUDY, '--out', join(d, ascii)]);
    expect(r2.code, r2.err).toBe(0);
    expect(readdirSync(d).sort()).toEqual([ascii, name].sort());
  });

  it('--write-scenario errors name --write-scenario, not --out', async () => {
    const d = folder('ws-label');
    const r = await refused(d, ['plan', CASE_STUDY, '--as-of', AS_OF, '--write-scenario', join(d, 'nowhere', 'p.yaml')], 'cannot write --write-scenario');
    expect(r.err).not.toContain('--out');
  });

  it('validate refuses 1e308 as evaluate does → exit 2 AMOUNT_TOO_LARGE', async () => {
    const d = folder('huge', { 'h.csv': 'id,area_m2,households,fee_rate\nA,1e308,10,1\n' });
    await refused(d, ['validate', join(d, 'h.csv')], /h\.csv:2: area_m2: the yearly amounts of compound "A" exceed 90 trillion yuan/);
    await refused(d, ['evaluate', join(d, 'h.csv'), '--as-of', AS_OF], 'exceed 90 trillion yuan');
  });

  it('NFC and NFD spellings of one id are a duplicate', async () => {
    const nfc = 'Caf\u00e9';
    const nfd = 'Cafe\u0301';
    const d = folder('nfc', { 'n.csv': `id,area_m2,households,fee_rate\n${nfc},1000,10,1\n${nfd},1000,10,1\n` });
    await refused(d, ['validate', join(d, 'n.csv')], /n\.csv:3:1: id: duplicate id "Café", first seen on line 2/);
  });

  it('a NUL in a YAML string → exit 2 YAML_NUL at its line (was written raw)', async () => {
    const d = folder('nul-yaml', { 'c.csv': readFileSync(CASE_STUDY), 's.yaml': 'compounds: c.csv\nunits:\n  - kind: cluster\n    name: "a\\0b"\n    members: [A12, A13]\n' });
    await refused(d, ['scenario', join(d, 's.yaml')], /s\.yaml:4:\d+: a NUL character/);
  });
});
