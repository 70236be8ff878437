// Proves a criterion's figures reach the board in words, shares as percentages and means to one place.
import { describe, expect, it } from 'vitest';
import { describeFigures } from '../../shared/report/labels';

describe('figures in the report', () => {
  it('are named in words, with shares as percentages and means to one decimal place', () => {
    expect(describeFigures({ objectives: 8, covered: 5, coverage: 0.625, kpisMissing: 2 })).toBe(
      'objectives 8; covered by a board review 5; coverage 63%; objectives without KPI values 2',
    );
    expect(
      describeFigures({ responses: 260, participation: 0.4333, safetyMean: 4.2615, influenceMean: null }),
    ).toBe('responses 260; participation 43%; mean safety 4.3; mean influence hidden');
  });
});
