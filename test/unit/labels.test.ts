// Proves a criterion's figures reach the board in words, shares as percentages and means to one place.
import { describe, expect, it } from 'vitest';
import { describeFigures, spreadLabels, TREND_LINES } from '../../shared/report/labels';

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

describe('the trend chart', () => {
  it('labels each line at its end, pushed apart so no two labels overlap, in the order the lines end', () => {
    // QA2 and QA4 both end on Secure (3 px apart), QA1 and QA5 on Developing, QA3 on Concern.
    const ys = spreadLabels([60, 20, 200, 23, 66], 11);
    expect(ys).toEqual([60, 20, 200, 31, 71]);
    for (const [a, b] of [
      [1, 3],
      [0, 4],
    ] as const)
      expect(Math.abs(ys[a]! - ys[b]!)).toBeGreaterThanOrEqual(11);
  });

  it('draws the five lines in five colours and five dash patterns (one solid), so they differ in greyscale too', () => {
    expect(new Set(TREND_LINES.map((l) => l.colour)).size).toBe(5);
    expect(new Set(TREND_LINES.map((l) => l.dash.join(','))).size).toBe(5);
  });
});
