import { describe, expect, it } from 'vitest';
import { formatArea, formatDecimal, formatFeeRate, formatInt, formatMoney, formatPercent, formatYuan, groupDigits } from '../../src/present/format.js';


describe('number formatting', () => {
  it('groups thousands', () => {
    expect(groupDigits('1234567.891')).toBe('1,234,567.891');
    expect(groupDigits('-1000')).toBe('-1,000');
    expect(groupDigits('999')).toBe('999');
    expect(formatInt(9000)).toBe('9,000');
  });

  it('rounds once, half away from zero, exactly', () => {
    expect(formatDecimal(1.005, 2)).toBe('1.01'); // a float 1.00499999… rounded naively gives 1.00
    expect(formatDecimal(-2.5, 0)).toBe('-3');
    expect(formatPercent(0.8515, 1)).toBe('85.2%');
  });

  it('prints money from fen exactly, with the unit of the language', () => {
    expect(formatMoney(123456789)).toBe('1,234,567.89');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatYuan(123456, 'en')).toBe('1,234.56 yuan');
    expect(formatYuan(123456, 'zh')).toBe('1,234.56 元');
  });

  it('prints fee rates and areas with their units', () => {
    // 0.45 × 3.3 = 1.485 → 1.49 (half away from zero)
    expect(formatFeeRate(1.485, 'en')).toBe('1.49 yuan/m²/month');
    expect(formatFeeRate(1.485, 'zh')).toBe('1.49 元/㎡·月');
    expect(formatArea(813, 'zh')).toBe('813 ㎡');
  });
});
