import { describe, expect, it } from 'vitest';
import {
  countOf, daysBetween, drawable, formatCompact, formatDate, formatDay, formatMajorCompact, formatMoney, formatMoneyCompact,
  formatMoneyShort, formatMonth, formatMonthShort, formatNumber, formatPercent, formatSignedMoney, formatSignedPercent, fractionDigits,
  toMajor, truncate,
} from '../../charts/format.ts';

describe('money', () => {
  it('turns minor units into major units by the currency fraction digits', () => {
    expect(fractionDigits('usd')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('kwd')).toBe(3);
    expect(toMajor(123450, 'usd')).toBe(1234.5);
    expect(toMajor(1235, 'jpy')).toBe(1235);
  });

  it('formats exact amounts', () => {
    expect(formatMoney(123450, 'usd')).toBe('$1,234.50');
    expect(formatMoney(1235, 'jpy')).toBe('¥1,235');
    expect(formatMoney(1234567, 'KWD')).toBe('KWD\u00a01,234.567'); // ICU puts a no-break space after a code
    expect(formatMoney(-30000, 'usd')).toBe('-$300.00');
    expect(formatMoney(0, 'eur')).toBe('€0.00');
  });

  it('formats whole, signed and short amounts', () => {
    expect(formatMoney(1234050, 'usd', { whole: true })).toBe('$12,341');
    expect(formatSignedMoney(120000, 'usd')).toBe('+$1,200');
    expect(formatSignedMoney(-61000, 'gbp')).toBe('-£610');
    expect(formatSignedMoney(0, 'usd')).toBe('$0');
    expect(formatSignedMoney(40, 'usd')).toBe('$0');
    expect(formatMoneyShort(1234000, 'usd')).toBe('$12,340');
    expect(formatMoneyShort(250_000_000, 'usd')).toBe('$2.5M');
  });

  it('formats axis labels compactly', () => {
    expect(formatMoneyCompact(123450, 'usd')).toBe('$1.2k');
    expect(formatMajorCompact(15000, 'usd')).toBe('$15k');
    expect(formatMajorCompact(-1200, 'usd')).toBe('-$1.2k');
    expect(formatMajorCompact(0, 'usd')).toBe('$0');
    expect(formatMajorCompact(2_500_000, 'eur')).toBe('€2.5M');
    expect(formatMajorCompact(14.5e12, 'jpy')).toBe('¥14.5T');
  });

  it('survives a malformed currency code', () => {
    expect(formatMoney(100, 'us')).toBe('¤1.00');
  });
});

describe('numbers and text', () => {
  it('formats counts and percentages', () => {
    expect(formatNumber(1234.6)).toBe('1,235');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCompact(950)).toBe('950');
    expect(formatPercent(0.042)).toBe('4.2%');
    expect(formatPercent(0.8, 0)).toBe('80%');
    expect(formatSignedPercent(0.042)).toBe('+4.2%');
    expect(formatSignedPercent(-0.03)).toBe('-3%');
    expect(formatSignedPercent(0)).toBe('0%');
    expect(countOf(1, 'events')).toBe('1 event');
    expect(countOf(1234, 'events')).toBe('1,234 events');
  });

  it('truncates long labels with an ellipsis and drops emoji the font lacks', () => {
    expect(truncate('A very long course title that goes on', 20)).toBe('A very long course…');
    expect(truncate('Short', 20)).toBe('Short');
    expect(truncate('ééééééé', 4)).toBe('ééé…');
    expect(drawable('Launch 🚀 week 👩‍💻 ™')).toBe('Launch week ™');
  });
});

describe('dates', () => {
  it('formats calendar dates and months without a time zone', () => {
    expect(formatDate('2026-11-26')).toBe('26 Nov 2026');
    expect(formatDay('2026-01-05')).toBe('5 Jan');
    expect(formatMonth('2026-11')).toBe('Nov 2026');
    expect(formatMonth('2026-11', true)).toBe('November 2026');
    expect(formatMonthShort('2026-02')).toBe("Feb '26");
    expect(daysBetween('2026-08-28', '2026-11-26')).toBe(90);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});
