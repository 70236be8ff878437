// Pins what counts as a day in an import: the whole cell is one date in one of the two forms, with no time after it, and no year before 100 read as the 1900s.
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../shared/domain/dates';

describe('a day in an import is the whole cell, as YYYY-MM-DD or DD/MM/YYYY', () => {
  it.each([
    '2026-02-10 09:00',
    '2026-02-10T00:00:00Z',
    '12026-02-10',
    'x2026-02-10',
    '10/02/2026 09:00',
    '10/02/20261',
    '110/02/2026',
  ])('refuses "%s": something before or after the day', (cell) => {
    expect(parseDay(cell)).toBeUndefined();
  });

  it('refuses a year before 100 rather than reading it as one in the 1900s', () => {
    expect(parseDay('0026-02-10')).toBeUndefined();
    expect(parseDay('01/01/0099')).toBeUndefined();
    expect(parseDay('31/12/9999')).toBe('9999-12-31');
  });
});
