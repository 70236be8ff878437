// Pins which groups of respondents the disclosure audit protects (every division and role combination a reader could name, each once) and what it checks for each small one: its count, and its answer sum for each question some of it answered, needing half the possible range.
import { describe, expect, it } from 'vitest';
import { cellKey, sumCells, type CellStats } from '../../shared/domain/aggregate';
import { describableSets } from '../../shared/disclosure/describable-sets';
import { smallSetChecks } from '../../shared/disclosure/audit-checks';
import { buildModel, universeOf } from '../../shared/disclosure/reader-model';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times } from '../support/builders';

describe('the sets a reader could name', () => {
  it('each division, all divisions and each combined group, crossed with every non-empty set of roles', () => {
    const sets = describableSets({ divisions: ['ash', 'oak'], roles: ['x', 'y'] }, [['ash', 'oak']]);
    expect(sets).toEqual([
      { label: 'ash × x', cells: ['ash|x'] },
      { label: 'oak × x', cells: ['oak|x'] },
      // The combined group is all divisions here: named once, as all divisions.
      { label: 'all divisions × x', cells: ['ash|x', 'oak|x'] },
      { label: 'ash × y', cells: ['ash|y'] },
      { label: 'oak × y', cells: ['oak|y'] },
      { label: 'all divisions × y', cells: ['ash|y', 'oak|y'] },
      { label: 'ash × x+y', cells: ['ash|x', 'ash|y'] },
      { label: 'oak × x+y', cells: ['oak|x', 'oak|y'] },
      { label: 'all divisions × x+y', cells: ['ash|x', 'ash|y', 'oak|x', 'oak|y'] },
    ]);
  });

  it('names a combined group by its divisions, and a group listed in another order is still the same set', () => {
    const u = { divisions: ['ash', 'elm', 'oak'], roles: ['x'] };
    expect(
      describableSets(u, [
        ['oak', 'ash'],
        ['ash', 'oak'],
        ['oak', 'elm', 'ash'],
      ]),
    ).toEqual([
      { label: 'ash × x', cells: ['ash|x'] },
      { label: 'elm × x', cells: ['elm|x'] },
      { label: 'oak × x', cells: ['oak|x'] },
      { label: 'all divisions × x', cells: ['ash|x', 'elm|x', 'oak|x'] },
      { label: 'oak+ash × x', cells: ['ash|x', 'oak|x'] },
    ]);
  });

  it('has 7 role sets for the three roles, so 28 sets for two schools and those who gave none', () => {
    expect(describableSets(universeOf(['ash', 'oak', 'undisclosed']))).toHaveLength(7 * 4);
  });
});

describe('what the audit checks for each small set', () => {
  const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
  const cells = aggregate([
    ...people(2, { division: 'ash', role: 'delivery', safety: 4 }),
    ...people(1, { division: 'ash', role: 'leadership', safety: 2, influence: 5 }),
    ...people(9, { division: 'oak', role: 'delivery', safety: 3, influence: 3 }),
  ]).cells;
  const truth = (subset: string[]): CellStats => sumCells(cells, (d, r) => subset.includes(cellKey(d, r)));
  const set = (label: string, ...cellKeys: string[]) => ({ label, cells: cellKeys });

  it('for 1 to k-1 respondents only: its count, then a sum per question some of it answered', () => {
    const checks = smallSetChecks(
      [
        set('nobody', 'oak|leadership'),
        set('ash delivery', 'ash|delivery'),
        set('ash', 'ash|delivery', 'ash|leadership'),
        set('oak delivery', 'oak|delivery'),
      ],
      truth,
      5,
      ['safety', 'influence'],
    );
    expect(
      checks.map((c) => [c.set.label, c.kind, c.question, c.answered, c.needed, c.possible, c.lo, c.hi]),
    ).toEqual([
      ['ash delivery', 'count', undefined, undefined, 1, 1, 2, 2],
      // Two answers of 1 to 5 add up to 2..10: a range of 8, half of it needed.
      ['ash delivery', 'sum', 'safety', 2, 4, 8, 8, 8],
      // Nobody in it answered influence: no sum to protect.
      ['ash', 'count', undefined, undefined, 1, 1, 3, 3],
      ['ash', 'sum', 'safety', 3, 6, 12, 10, 10],
      ['ash', 'sum', 'influence', 1, 2, 4, 5, 5],
    ]);
  });

  it('asks of a model the set’s count, and its sum given exactly the answers it had', () => {
    const [count, sum] = smallSetChecks([set('ash', 'ash|delivery', 'ash|leadership')], truth, 5, ['safety']);
    const b = buildModel(
      universeOf(['ash', 'oak']),
      [{ kind: 'count', cells: ['ash|delivery'], lower: 2, upper: 2 }],
      50,
    );
    expect(count!.objective(b)).toEqual([
      [b.n.get('ash|delivery'), 1],
      [b.n.get('ash|leadership'), 1],
    ]);
    expect(count!.given(b)).toEqual([]);
    const withSafety = buildModel(
      universeOf(['ash', 'oak']),
      [{ kind: 'answered', question: 'safety', cells: ['ash|delivery'], lower: 2, upper: 2 }],
      50,
    );
    expect(sum!.objective(withSafety)).toEqual([
      [withSafety.s.get('ash|delivery#safety'), 1],
      [withSafety.s.get('ash|leadership#safety'), 1],
    ]);
    expect(sum!.given(withSafety)).toEqual([
      {
        terms: [
          [withSafety.a.get('ash|delivery#safety'), 1],
          [withSafety.a.get('ash|leadership#safety'), 1],
        ],
        lower: 3,
        upper: 3,
      },
    ]);
  });
});
