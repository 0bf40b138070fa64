import { describe, expect, it } from 'vitest';
import {
  countOf,
  daysBetween,
  drawable,
  formatDate,
  formatDay,
  formatMonth,
  formatMonthShort,
  truncate,
} from '../../charts/format.ts';

describe('labels and text', () => {
  it('counts with their unit', () => {
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
