import { chmodSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/io/write-atomic.js';

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
