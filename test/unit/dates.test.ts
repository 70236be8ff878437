// Pins the calendar rules every date in the product goes through: UTC arithmetic on YYYY-MM-DD days.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  parseDay,
  reportDay,
  subtractMonths,
  ukDate,
  within,
} from '../../shared/domain/dates';

describe('calendar days', () => {
  it('adds days across a month, a year and back', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('takes months away to the same day, or to the month’s last day when it has none', () => {
    expect(subtractMonths('2026-06-15', 1)).toBe('2026-05-15');
    expect(subtractMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonths('2028-03-31', 1)).toBe('2028-02-29');
    expect(subtractMonths('2026-05-31', 1)).toBe('2026-04-30');
    expect(subtractMonths('2026-01-15', 1)).toBe('2025-12-15');
    expect(subtractMonths('2026-01-31', 13)).toBe('2024-12-31');
    expect(subtractMonths('2026-12-18', 12)).toBe('2025-12-18');
  });

  it('adds months when given a negative count (retention counts forward)', () => {
    expect(subtractMonths('2026-12-18', -24)).toBe('2028-12-18');
    expect(subtractMonths('2027-08-31', -6)).toBe('2028-02-29');
    expect(subtractMonths('2026-11-30', -1)).toBe('2026-12-30');
  });

  it('counts days between two days, negative when the second comes first', () => {
    expect(daysBetween('2026-12-01', '2026-12-18')).toBe(17);
    expect(daysBetween('2026-12-18', '2026-12-01')).toBe(-17);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the clocks going forward
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('is within a period on its first and last days, and not a day outside', () => {
    expect(within('2026-09-02', '2026-09-02', '2026-12-18')).toBe(true);
    expect(within('2026-12-18', '2026-09-02', '2026-12-18')).toBe(true);
    expect(within('2026-09-01', '2026-09-02', '2026-12-18')).toBe(false);
    expect(within('2026-12-19', '2026-09-02', '2026-12-18')).toBe(false);
  });

  it('reads a day as YYYY-MM-DD or as Excel writes it in the UK (DD/MM/YYYY), and nothing else', () => {
    expect(parseDay('2026-02-10')).toBe('2026-02-10');
    expect(parseDay(' 10/02/2026 ')).toBe('2026-02-10');
    expect(parseDay('1/2/2026')).toBe('2026-02-01');
    expect(parseDay('29/02/2028')).toBe('2028-02-29');
    for (const bad of [
      '31/02/2026',
      '29/02/2026',
      '2026-13-01',
      '2026-02-30',
      '00/01/2026',
      '2026-2-10',
      '10-02-2026',
      '10/02/26',
      '',
      'soon',
    ])
      expect(parseDay(bad), bad).toBeUndefined();
  });

  it('writes a day as people in the UK do', () => {
    expect(ukDate('2026-12-18')).toBe('18 December 2026');
    expect(ukDate('2027-01-01')).toBe('1 January 2027');
    expect(ukDate('2026-05-09')).toBe('9 May 2026');
  });

  it('dates a report the day it was made, or the cycle’s last day if that came first', () => {
    expect(reportDay('2026-11-26', '2026-12-18')).toBe('2026-11-26');
    expect(reportDay('2026-12-19', '2026-12-18')).toBe('2026-12-18');
    expect(reportDay('2026-12-18', '2026-12-18')).toBe('2026-12-18');
  });
});
