import { chmodSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { beginRun, readTextInput, resetInputs } from '../../src/io/open-input.js';
import { liveTemps } from '../../src/io/temp-files.js';
import { tempNameBeside, writeFileAtomic, writeFilesAtomic } from '../../src/io/write-atomic.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'breakeven-atomic-'));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a.txt'), '小区\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('小区\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = fresh();
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    await writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o640);
  });

  it('refuses a hard link to an input', async () => {
    const dir = fresh();
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'data');
    linkSync(input, join(dir, 'other-name.csv'));
    expect(await codeOf(writeFileAtomic(join(dir, 'other-name.csv'), 'x', { refuse: [input] }))).toBe('OUT_IS_INPUT');
    expect(readFileSync(input, 'utf8')).toBe('data');
  });

  it('refuses a directory and a missing directory', async () => {
    const dir = fresh();
    expect(await codeOf(writeFileAtomic(dir, 'x'))).toBe('OUT_IS_DIRECTORY');
    expect(await codeOf(writeFileAtomic(join(dir, 'nope', 'a.txt'), 'x'))).toBe('OUT_DIR_MISSING');
  });

  it('leaves the old file and no temporary file when writing fails half-way', async () => {
    const dir = fresh();
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'old');
    // Data the file handle cannot write: the failure comes after the temporary file was created.
    await expect(writeFileAtomic(f, 42 as unknown as string)).rejects.toThrow(TypeError);
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('writeFilesAtomic and the temporary name (issue 15)', () => {
  it('commits every output or none: a refused second output leaves the first untouched', async () => {
    const dir = fresh();
    const a = join(dir, 'a.yaml');
    writeFileSync(a, 'old');
    const e = await codeOf(
      writeFilesAtomic([
        { path: a, data: 'new', label: '--write-scenario' },
        { path: join(dir, 'missing', 'b.json'), data: '{}', label: '--out' },
      ]),
    );
    expect(e).toBe('OUT_DIR_MISSING');
    expect(readFileSync(a, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(liveTemps()).toBe(0);
  });

  it('refuses two outputs onto one file', async () => {
    const dir = fresh();
    const f = join(dir, 'x');
    expect(await codeOf(writeFilesAtomic([{ path: f, data: '1', label: '--out' }, { path: f, data: '2', label: '--junit' }]))).toBe('OUT_TWICE');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses any file this run opened as an input, by inode (a hard link) too', async () => {
    const dir = fresh();
    const input = join(dir, 'in.yaml');
    writeFileSync(input, 'a: 1\n');
    linkSync(input, join(dir, 'alias.yaml'));
    beginRun();
    readTextInput(input);
    expect(await codeOf(writeFileAtomic(join(dir, 'alias.yaml'), 'x', { label: '--junit' }))).toBe('OUT_IS_INPUT');
    resetInputs();
    await writeFileAtomic(join(dir, 'alias.yaml'), 'x'); // library use: inputs are not recorded
    expect(readFileSync(join(dir, 'alias.yaml'), 'utf8')).toBe('x'); // renamed over: the link is replaced
    expect(readFileSync(input, 'utf8')).toBe('a: 1\n');
  });

  it('keeps the temporary name within 255 bytes, beside the target', () => {
    const long = join('/some/dir', `${'长'.repeat(84)}.c`); // 254 bytes
    const tmp = tempNameBeside(long);
    expect(tmp.startsWith('/some/dir/.长')).toBe(true);
    expect(Buffer.byteLength(tmp.slice('/some/dir/'.length))).toBeLessThanOrEqual(255);
    expect(tmp).toMatch(new RegExp(`\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
  });

  it('names the option in messages, and refuses a name ending in a slash', async () => {
    const dir = fresh();
    await expect(writeFileAtomic(join(dir, 'no', 'x'), 'x', { label: '--write-scenario' })).rejects.toThrow(/cannot write --write-scenario /);
    expect(await codeOf(writeFileAtomic(`${join(dir, 'x.json')}/`, 'x'))).toBe('OUT_IS_DIRECTORY');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('openInput / readTextInput', () => {
  it('refuses what is not a regular file, and files over the cap', () => {
    const dir = fresh();
    symlinkSync('/dev/null', join(dir, 'null.yaml'));
    expect(() => readTextInput(join(dir, 'null.yaml'))).toThrow(/not a regular file \(a character device\)/);
    expect(() => readTextInput(dir)).toThrow(/not a regular file \(a directory\)/);
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    expect(() => readTextInput(join(dir, 'big.yaml'), { maxBytes: 100 })).toThrow(/more than the 0 MiB/);
    expect(() => readTextInput(join(dir, 'none.yaml'))).toThrow(/no such file/);
  });

  it('reads UTF-8 (BOM dropped) and GB18030', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'u.yaml'), '\ufeffname: 岳阳\n');
    expect(readTextInput(join(dir, 'u.yaml'))).toBe('name: 岳阳\n');
    writeFileSync(join(dir, 'g.yaml'), Buffer.concat([Buffer.from('name: '), Buffer.from('d4c0d1f4', 'hex'), Buffer.from('\n')])); // 岳阳 in GB18030
    expect(readTextInput(join(dir, 'g.yaml'))).toBe('name: 岳阳\n');
  });
});
