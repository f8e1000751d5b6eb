import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { Utf8Checker, detectEncoding } from '../../src/io/encoding.js';
import { readCompounds, type ReadOptions } from '../../src/io/read-compounds.js';

const ROOT = join(import.meta.dirname, '../..');
const GENERATOR = join(ROOT, 'fixtures/generate.mjs');
const dir = mkdtempSync(join(tmpdir(), 'breakeven-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(name: string, ...args: string[]): string {
  const out = join(dir, name);
  execFileSync(process.execPath, [GENERATOR, '--count', '180', '--seed', '2024', '--out', out, ...args]);
  return out;
}

/** The compounds without their file name, which differs between variants by construction. */
async function read(path: string, opts?: ReadOptions): Promise<{ compounds: Omit<Compound, 'source'>[]; lines: number[]; encoding: string }> {
  const r = await readCompounds(path, opts);
  return {
    compounds: r.compounds.map(({ source: _source, ...c }) => c),
    lines: r.compounds.map((c) => c.source!.line),
    encoding: r.encoding,
  };
}

describe('the same data in every encoding, header language and line ending gives the same compounds', () => {
  it('district: UTF-8, UTF-8 with BOM, CRLF, Chinese headers in UTF-8 and in GB18030, tab-separated', async () => {
    const base = await read(generate('plain.csv'));
    expect(base.compounds).toHaveLength(180);
    expect(base.encoding).toBe('utf8');
    const committed = await read(join(ROOT, 'fixtures/district.csv'));
    expect(committed.compounds).toEqual(base.compounds);

    const bom = await read(generate('bom.csv', '--bom'));
    const crlf = await read(generate('crlf.csv', '--crlf'));
    const zhUtf8 = await read(generate('zh-utf8.csv', '--zh'));
    const zhGb = await read(generate('zh-gb.csv', '--zh', '--encoding', 'gb18030', '--crlf'));
    expect(zhGb.encoding).toBe('gb18030');
    for (const v of [bom, crlf, zhUtf8, zhGb]) {
      expect(v.compounds).toEqual(base.compounds);
      expect(v.lines).toEqual(base.lines);
    }

    const tabbed = join(dir, 'tab.tsv');
    writeFileSync(tabbed, readFileSync(join(dir, 'plain.csv'), 'utf8').replaceAll(',', '\t'));
    expect((await read(tabbed, { delimiter: 'tab' })).compounds).toEqual(base.compounds);
    expect((await read(tabbed, { delimiter: '\t' })).compounds).toEqual(base.compounds);
  });

  it('an encoding can be forced; forcing the wrong one is reported, not misread silently', async () => {
    const gb = generate('zh-gb-forced.csv', '--zh', '--encoding', 'gb18030');
    const forced = await read(gb, { encoding: 'gb18030' });
    expect(forced.compounds).toHaveLength(180);
    await expect(readCompounds(gb, { encoding: 'utf8' })).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ code: 'CSV_BAD_ENCODING', where: expect.objectContaining({ line: 1 }) })]),
    });
  });

  it('case study: BOM, CRLF, Chinese aliases and semicolons give the same compounds', async () => {
    const src = readFileSync(join(ROOT, 'fixtures/case-study.csv'), 'utf8');
    const base = await read(join(ROOT, 'fixtures/case-study.csv'));
    const zhHeader =
      '编号,名称,面积,户数,物业费,房屋类型,服务等级,层数,电梯数,建成年份,出入口数,水箱数,绿化面积,纬度,经度,收缴率,其他收入,补贴';
    const variants: [string, string | Buffer, ReadOptions?][] = [
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(src)])],
      ['crlf.csv', src.replaceAll('\n', '\r\n')],
      ['zh.csv', `${zhHeader}\n${src.slice(src.indexOf('\n') + 1)}`],
      ['semi.csv', src.replaceAll(',', ';'), { delimiter: ';' }],
      ['no-final-newline.csv', src.trimEnd()],
    ];
    for (const [name, data, opts] of variants) {
      writeFileSync(join(dir, name), data);
      const v = await read(join(dir, name), opts);
      expect(v.compounds, name).toEqual(base.compounds);
      expect(v.lines, name).toEqual([2, 3, 4, 5, 6, 7]);
    }
  });
});

describe('detectEncoding', () => {
  const utf8 = Buffer.from('id,名称\nA,京剧院小区\n');
  // "id,名称" in GBK: 名 = C3 FB, 称 = B3 C6.
  const gbk = Buffer.from([0x69, 0x64, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]);

  it('takes a UTF-8 BOM, then valid UTF-8, then GB18030', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), true)).toEqual({ ok: true, encoding: 'utf8', bomLength: 3 });
    expect(detectEncoding(utf8, true)).toEqual({ ok: true, encoding: 'utf8', bomLength: 0 });
    expect(detectEncoding(gbk, true)).toEqual({ ok: true, encoding: 'gb18030', bomLength: 0 });
    expect(detectEncoding(Buffer.alloc(0), true)).toEqual({ ok: true, encoding: 'utf8', bomLength: 0 });
  });

  it('does not mistake a UTF-8 character cut by the 64 KiB window for GB18030', () => {
    const cut = utf8.subarray(0, utf8.indexOf(Buffer.from('称')) + 1);
    expect(detectEncoding(cut, false)).toMatchObject({ ok: true, encoding: 'utf8' });
  });

  it('refuses UTF-16 (with or without BOM) and binary data', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x69, 0x00]), false)).toMatchObject({ ok: false });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x69]), false)).toMatchObject({ ok: false });
    expect(detectEncoding(Buffer.from('id,area_m2\n', 'utf16le'), true)).toMatchObject({ ok: false });
    expect(detectEncoding(Buffer.from([0xff, 0xff, 0x81, 0x20, 0xfe]), true)).toMatchObject({ ok: false });
  });
});

describe('Utf8Checker', () => {
  it('accepts a character split across chunks at any byte', () => {
    const bytes = Buffer.from('a京剧院b');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const c = new Utf8Checker();
      expect(c.push(bytes.subarray(0, cut)) && c.push(bytes.subarray(cut)) && c.end(), `cut at ${cut}`).toBe(true);
    }
  });

  it('accepts a character split over three chunks', () => {
    const c = new Utf8Checker();
    const b = Buffer.from('京');
    expect(c.push(b.subarray(0, 1))).toBe(true);
    expect(c.push(b.subarray(1, 2))).toBe(true);
    expect(c.push(b.subarray(2))).toBe(true);
    expect(c.end()).toBe(true);
  });

  it('rejects invalid bytes, and a file ending inside a character', () => {
    expect(new Utf8Checker().push(Buffer.from([0x61, 0xc3, 0xfb, 0x61]))).toBe(false);
    const c = new Utf8Checker();
    expect(c.push(Buffer.from([0x61, 0xe4, 0xba]))).toBe(true);
    expect(c.end()).toBe(false);
  });
});
