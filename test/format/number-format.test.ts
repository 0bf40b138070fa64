// core/format: the one way money, counts and percents are written (chat, charts, report pages, coach).
import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatMajorCompact,
  formatMoney,
  formatMoneyChange,
  formatMoneyCompact,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  formatPointsDelta,
  formatSignedCount,
  formatSignedMoney,
  formatSignedMoneyShort,
  formatSignedPercent,
  fractionDigits,
  toMajor,
} from '../../core/format/index.ts';

describe('money', () => {
  it('turns minor units into major units by the currency fraction digits', () => {
    expect(fractionDigits('usd')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('kwd')).toBe(3);
    expect(toMajor(123450, 'usd')).toBe(1234.5);
    expect(toMajor(1235, 'jpy')).toBe(1235);
  });

  it('shows cents under 1,000 major units when the amount has any, and whole units from 1,000 up', () => {
    expect(formatMoney(99950, 'usd')).toBe('$999.50');
    expect(formatMoney(3333, 'usd')).toBe('$33.33');
    expect(formatMoney(1200, 'usd')).toBe('$12');
    expect(formatMoney(100000, 'usd')).toBe('$1,000');
    expect(formatMoney(123450, 'usd')).toBe('$1,235');
    expect(formatMoney(1234050, 'usd')).toBe('$12,341');
    expect(formatMoney(1235, 'jpy')).toBe('¥1,235');
    expect(formatMoney(999999, 'KWD')).toBe('KWD\u00a0999.999'); // ICU puts a no-break space after a code
    expect(formatMoney(1234567, 'KWD')).toBe('KWD\u00a01,235');
    expect(formatMoney(0, 'eur')).toBe('€0');
    expect(formatMoney(-0.4, 'eur')).toBe('€0');
  });

  it('writes negatives with the minus sign U+2212, never a hyphen', () => {
    expect(formatMoney(-30050, 'usd')).toBe('\u2212$300.50');
    expect(formatMoney(-120000, 'usd')).toBe('\u2212$1,200');
    expect(formatNumber(-1234)).toBe('\u22121,234');
    expect(formatPercent(-0.03)).toBe('\u22123%');
    expect(formatMajorCompact(-1200, 'usd')).toBe('\u2212$1.2k');
  });

  it('signs changes: "+" above zero, "−" below, none at zero', () => {
    expect(formatSignedMoney(120000, 'usd')).toBe('+$1,200');
    expect(formatSignedMoney(1250, 'usd')).toBe('+$12.50');
    expect(formatSignedMoney(-30000, 'usd')).toBe('−$300');
    expect(formatSignedMoney(-61000, 'gbp')).toBe('−£610');
    expect(formatSignedMoney(0, 'usd')).toBe('$0');
    expect(formatSignedMoney(40, 'usd')).toBe('+$0.40');
    expect(formatSignedMoneyShort(250_000_000, 'usd')).toBe('+$2.5M');
    expect(formatSignedCount(3)).toBe('+3');
    expect(formatSignedCount(-2)).toBe('−2');
    expect(formatSignedCount(0)).toBe('±0');
    expect(formatSignedPercent(0.042)).toBe('+4.2%');
    expect(formatSignedPercent(-0.03)).toBe('−3%');
    expect(formatSignedPercent(0)).toBe('0%');
    expect(formatPointsDelta(0.012)).toBe('+1.2 pts');
    expect(formatPointsDelta(-0.005)).toBe('−0.5 pts');
    expect(formatPointsDelta(0)).toBe('±0 pts');
  });

  it('gives a money change its relative size, and none from a zero base', () => {
    // 250.00 -> 300.00: +50.00 on 250.00 = +20%
    expect(formatMoneyChange(30000, 25000, 'usd')).toBe('+$50 (+20%)');
    // 290.00 -> 240.00: -50.00 on 290.00 = -17.24%
    expect(formatMoneyChange(24000, 29000, 'usd')).toBe('−$50 (−17.2%)');
    // +5.00 on 100,000.00 = +0.005%: too small for one decimal, still says which way
    expect(formatMoneyChange(10_000_500, 10_000_000, 'usd')).toBe('+$5 (+<0.1%)');
    expect(formatMoneyChange(-500 + 10_000_000, 10_000_000, 'usd')).toBe('−$5 (−<0.1%)');
    expect(formatMoneyChange(120000, 0, 'usd')).toBe('+$1,200');
  });

  it('short and compact labels', () => {
    expect(formatMoneyShort(1234000, 'usd')).toBe('$12,340');
    expect(formatMoneyShort(98050, 'usd')).toBe('$980.50');
    expect(formatMoneyShort(250_000_000, 'usd')).toBe('$2.5M');
    expect(formatMoneyCompact(123450, 'usd')).toBe('$1.2k');
    expect(formatMajorCompact(15000, 'usd')).toBe('$15k');
    expect(formatMajorCompact(0, 'usd')).toBe('$0');
    expect(formatMajorCompact(2_500_000, 'eur')).toBe('€2.5M');
    expect(formatMajorCompact(14.5e12, 'jpy')).toBe('¥14.5T');
  });

  it('survives a malformed currency code', () => {
    expect(formatMoney(150, 'us')).toBe('¤1.50');
  });
});

describe('counts and percents', () => {
  it('formats counts and percentages', () => {
    expect(formatNumber(1234.6)).toBe('1,235');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCompact(950)).toBe('950');
    expect(formatPercent(0.042)).toBe('4.2%');
    expect(formatPercent(0.8, 0)).toBe('80%');
  });
});
