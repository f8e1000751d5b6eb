import { describe, expect, it } from 'vitest';
import { stringWidth } from '../../src/render/width.js';

describe('stringWidth', () => {
  it('counts ASCII as one column each', () => {
    expect(stringWidth('')).toBe(0);
    expect(stringWidth('Yueyang Garden 2')).toBe(16);
  });

  it('counts Chinese ideographs and full-width punctuation as two columns', () => {
    // 京 剧 院 小 区: five ideographs × 2
    expect(stringWidth('京剧院小区')).toBe(10);
    // （ ） ， 、 。 are Fullwidth / Wide: 5 × 2
    expect(stringWidth('（），、。')).toBe(10);
    // 岳阳路170弄2号: 岳 阳 路 弄 号 = 5 × 2, "1702" = 4
    expect(stringWidth('岳阳路170弄2号')).toBe(14);
    expect(stringWidth('￥12')).toBe(4);
  });

  it('counts Hangul syllables, kana and astral CJK as two columns', () => {
    expect(stringWidth('한')).toBe(2);
    expect(stringWidth('カ')).toBe(2);
    expect(stringWidth('𠀀')).toBe(2); // U+20000, CJK extension B: one code point, two UTF-16 units
  });

  it('counts combining marks, zero-width joiners and variation selectors as zero', () => {
    expect(stringWidth('e\u0301')).toBe(1); // e + combining acute
    expect(stringWidth('a\u200db')).toBe(2);
    expect(stringWidth('\ufe0f')).toBe(0);
    expect(stringWidth('a\u0007')).toBe(1);
  });

  it('counts East Asian Ambiguous characters as one (a Western terminal)', () => {
    expect(stringWidth('813 m²')).toBe(6);
    expect(stringWidth('…')).toBe(1);
    expect(stringWidth('–')).toBe(1);
  });

  it('counts emoji with emoji presentation as two', () => {
    expect(stringWidth('🏠')).toBe(2);
    expect(stringWidth('✅')).toBe(2);
  });
});
