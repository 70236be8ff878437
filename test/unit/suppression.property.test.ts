// Proves, for thousands of random breakdowns, that no published figure covers fewer than k and no hidden one can be worked out by subtraction.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { publishBreakdowns } from '../../shared/domain/aggregate';
import { aggregate, response } from '../support/builders';

const ROLES = ['delivery', 'leadership', 'undisclosed'] as const;

const breakdown = fc.record({
  k: fc.integer({ min: 3, max: 10 }),
  cells: fc.array(
    fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), {
      minLength: 3,
      maxLength: 3,
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

describe('suppression of every breakdown', () => {
  it('never publishes a figure under k, and never leaves a sum with exactly one hidden part', () => {
    fc.assert(
      fc.property(breakdown, ({ k, cells }) => {
        const responses = cells.flatMap((row, d) =>
          row.flatMap((n, r) =>
            Array.from({ length: n }, () =>
              response({ division: `div-${d}`, role: ROLES[r]!, safety: 1 + ((d + r) % 5), influence: 3 }),
            ),
          ),
        );
        const agg = aggregate(responses);
        // Below k responses in all, the evaluation publishes no breakdown at all (tested in the rubric).
        fc.pre(agg.responses >= k);
        const published = publishBreakdowns(agg, k);
        const all = [...published.byDivision, ...published.byRole, ...published.byDivisionAndRole];

        // (a) every figure that is shown covers at least k people
        for (const g of all) {
          if (g.count !== null) expect(g.count).toBeGreaterThanOrEqual(k);
          if (g.count === null) expect([g.safetyMean, g.influenceMean]).toEqual([null, null]);
        }

        // (b) no sum the reader can form has exactly one unknown in it
        const shown = (list: typeof all, group: string) => list.find((g) => g.group === group)?.count ?? null;
        const sums: { total: number | null; parts: (number | null)[] }[] = [
          { total: agg.responses, parts: published.byDivision.map((g) => g.count) },
          { total: agg.responses, parts: published.byRole.map((g) => g.count) },
          ...published.byDivision.map((d) => ({
            total: d.count,
            parts: published.byDivisionAndRole
              .filter((c) => c.group.startsWith(`${d.group}|`))
              .map((c) => c.count),
          })),
          ...published.byRole.map((r) => ({
            total: r.count,
            parts: published.byDivisionAndRole
              .filter((c) => c.group.endsWith(`|${r.group}`))
              .map((c) => c.count),
          })),
        ];
        for (const s of sums) {
          const unknowns = [s.total, ...s.parts].filter((x) => x === null).length;
          expect(unknowns).not.toBe(1);
        }
        // and what is shown is true
        for (const [group, stats] of agg.byDivision)
          if (shown(published.byDivision, group) !== null)
            expect(shown(published.byDivision, group)).toBe(stats.count);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});
