// Pins how the plan of SPEC section 3 chooses what may be published: when nothing is, which groups, which questions by group, and what the report says is held back.
import { describe, expect, it } from 'vitest';
import { initialPlan, partition, planBreakdown, type PlanInput } from '../../shared/disclosure/plan';
import type { StoredResponse } from '../../shared/schemas/response';
import { aggregate, response, times, unauditedStatistics } from '../support/builders';

const K = 5;
const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
const inputOf = (rs: StoredResponse[], divisions: string[], formClosed = true): PlanInput => {
  const agg = aggregate(rs);
  return { cells: agg.cells, responses: agg.responses, k: K, commentThreshold: 10, divisions, formClosed };
};
const figures = (rs: StoredResponse[], divisions: string[]) =>
  unauditedStatistics(aggregate(rs), { k: K, commentThreshold: 10, divisions, formClosed: true });
const groupsOf = (list: { group: string; members: string[] }[]) =>
  list.map(({ group, members }) => ({ group, members }));

const NO_ROLES = 'Responses are not broken down by role: no grouping gives every group at least 5 responses.';
const NO_DIVISIONS =
  'Responses are not broken down by division: no grouping gives every group at least 5 responses.';

describe('while the form is open no practitioner figure is planned', () => {
  it('plans no mean, spread, breakdown or comment from 12 responses of an open form, saying why', () => {
    // Closed, the same 12 would give a safety mean, a breakdown by school and the comments (12 >= 10).
    const rs = [
      ...people(6, { division: 'ash', safety: 4, comment: 'fine' }),
      ...people(6, { division: 'oak', safety: 2, comment: 'fine' }),
    ];
    expect(initialPlan(inputOf(rs, ['ash', 'oak'], false))).toEqual({
      computed: false,
      trustMeans: [],
      trustBands: [],
      division: null,
      role: null,
      comments: false,
      withheld: [
        'The practitioner form is still open, so no practitioner figure is reported yet: they are worked out once, from the responses of the closed form.',
      ],
    });
    expect(initialPlan(inputOf(rs, ['ash', 'oak']))).toMatchObject({
      computed: true,
      trustMeans: ['safety'],
      comments: true,
    });
  });
});

describe('a closed form with k responses or more is planned once: trust-wide means, a breakdown by division and by role, comments', () => {
  it('plans safety for the trust, by school and by role, and the comments of 12 responses', () => {
    // Ash and oak: 3 delivery and 3 leaders each, all answering safety, none influence.
    const rs = ['ash', 'oak'].flatMap((division) => [
      ...people(3, { division, role: 'delivery', safety: 4 }),
      ...people(3, { division, role: 'leadership', safety: 3 }),
    ]);
    expect(initialPlan(inputOf(rs, ['ash', 'oak']))).toEqual({
      computed: true,
      trustMeans: ['safety'],
      trustBands: [],
      division: {
        by: 'division',
        groups: [
          { id: 'ash', members: ['ash'] },
          { id: 'oak', members: ['oak'] },
        ],
        shows: ['safety'],
      },
      role: {
        by: 'role',
        groups: [
          { id: 'delivery', members: ['delivery'] },
          { id: 'leadership', members: ['leadership'] },
        ],
        shows: ['safety'],
      },
      comments: true,
      withheld: [
        'Fewer than 5 practitioners answered on feedback leading to change, so its average is not reported.',
      ],
    });
  });
});

describe('a breakdown by division covers every division a response names, even one no longer in the config', () => {
  it('shows birch (6), missing from the config, beside ash (6) and oak (6)', () => {
    const p = figures(
      [
        ...people(6, { division: 'ash', safety: 4 }),
        ...people(6, { division: 'oak', safety: 4 }),
        ...people(6, { division: 'birch', safety: 4 }),
      ],
      ['ash', 'oak'],
    );
    expect(p.byDivision.map((g) => [g.group, g.count])).toEqual([
      ['ash', 6],
      ['oak', 6],
      ['birch', 6],
    ]);
  });
});

describe('responses that together fall short of k give no breakdown', () => {
  it('returns no grouping of 4 responses over two schools at k = 5, with no question shown', () => {
    const input = inputOf(
      [...people(2, { division: 'ash' }), ...people(2, { division: 'oak' })],
      ['ash', 'oak'],
    );
    expect(partition(input, 'division', [])).toBeNull();
  });
});

describe('a question is shown by group only where its trust-wide mean is shown', () => {
  it('keeps safety out of the groups when the trust-wide figures leave it out, though each school has k answers', () => {
    const input = inputOf(
      [
        ...people(6, { division: 'ash', safety: 4, influence: 4 }),
        ...people(6, { division: 'oak', safety: 2, influence: 2 }),
      ],
      ['ash', 'oak'],
    );
    expect(planBreakdown(input, 'division', ['influence'])).toEqual({
      by: 'division',
      groups: [
        { id: 'ash', members: ['ash'] },
        { id: 'oak', members: ['oak'] },
      ],
      shows: ['influence'],
    });
  });
});

describe('a question is dropped from the group table when leaving it out lets more groups be shown', () => {
  // Ash, elm and oak each have 6 responses and 6 safety answers; only 2 at ash answered influence.
  // With both questions ash joins the combined group, which then needs elm too: oak + combined, 2
  // groups. Without influence all three are shown. Without either question, also three, but with
  // no mean: showing safety is richer.
  const rs = [
    ...people(2, { division: 'ash', safety: 4, influence: 5 }),
    ...people(4, { division: 'ash', safety: 4 }),
    ...people(6, { division: 'elm', safety: 3, influence: 3 }),
    ...people(6, { division: 'oak', safety: 2, influence: 3 }),
  ];

  it('shows ash, elm and oak with their safety means and no influence mean', () => {
    const p = figures(rs, ['ash', 'elm', 'oak']);
    expect(p.byDivision.map((g) => [g.group, g.count, g.safetyMean, g.influenceMean])).toEqual([
      ['ash', 6, 4, null],
      ['elm', 6, 3, null],
      ['oak', 6, 2, null],
    ]);
  });

  it('names exactly what is held back: influence by division, and the breakdown by role (all 18 in one role)', () => {
    // Both trust-wide means are shown (18 safety answers, 14 influence): neither is named.
    expect(figures(rs, ['ash', 'elm', 'oak']).withheld).toEqual([
      'The average for feedback leading to change is not shown by division: too few answered it in some groups.',
      NO_ROLES,
    ]);
  });
});

describe('between a group table without safety and one without influence, each of as many groups, safety is the one left out', () => {
  it('keeps influence, showing ash and oak on their own and birch with elm', () => {
    // Ash 5 (2 safety answers, 5 influence), birch 6 (6 safety, 2 influence), elm 3, oak 10.
    // Influence only: ash and oak shown, combined birch + elm = 9 with 2 + 3 = 5 influence answers.
    // Safety only: birch and oak shown, combined ash + elm = 8 with 2 + 3 = 5 safety answers.
    // Both: only oak meets k, so 2 groups. Neither: 3 groups (ash, the smallest, joins elm), no mean.
    const rs = [
      ...people(2, { division: 'ash', safety: 3, influence: 4 }),
      ...people(3, { division: 'ash', influence: 4 }),
      ...people(2, { division: 'birch', safety: 3, influence: 2 }),
      ...people(4, { division: 'birch', safety: 3 }),
      ...people(3, { division: 'elm', safety: 3, influence: 3 }),
      ...people(10, { division: 'oak', safety: 3, influence: 5 }),
    ];
    const p = figures(rs, ['ash', 'birch', 'elm', 'oak']);
    expect(groupsOf(p.byDivision)).toEqual([
      { group: 'ash', members: ['ash'] },
      { group: 'oak', members: ['oak'] },
      { group: 'combined', members: ['birch', 'elm', 'undisclosed'] },
    ]);
    // Influence means: ash 4; oak 5; combined (2 x 2 + 3 x 3) / 5 = 2.6.
    expect(p.byDivision.map((g) => [g.safetyMean, g.influenceMean])).toEqual([
      [null, 4],
      [null, 5],
      [null, 2.6],
    ]);
  });
});

describe('the report names a trust-wide mean as withheld only when it is not published', () => {
  it('names safety, which no one answered, and not influence, which 6 did', () => {
    const p = figures(people(6, { division: 'ash', influence: 3 }), ['ash']);
    expect(p.means).toEqual({ influence: 3 });
    expect(p.withheld).toEqual([
      'Fewer than 5 practitioners answered on feeling safe to give honest feedback, so its average is not reported.',
      NO_DIVISIONS,
      NO_ROLES,
    ]);
  });
});

describe('the spread of answers is shown for the pillars only, never for the two feedback questions', () => {
  it('shows the spread of capacity and not of safety, though both have 5 answers in each band', () => {
    const rs = times(15, (i) => {
      const v = [1, 3, 5][i % 3]!;
      return response({ division: 'ash', safety: v, ratings: { capacity: v } });
    });
    const p = figures(rs, ['ash']);
    expect(p.means).toEqual({ safety: 3, capacity: 3 });
    expect(p.bands).toEqual({ capacity: { disagree: 5 / 15, neutral: 5 / 15, agree: 5 / 15 } });
  });
});

describe('a breakdown that shows influence prints each group’s influence mean', () => {
  it('prints 3 for ash (1 to 5) and 4 for oak (all 4), and no safety mean, which no one gave', () => {
    const p = figures(
      [
        ...times(5, (i) => response({ division: 'ash', influence: i + 1 })),
        ...people(6, { division: 'oak', influence: 4 }),
      ],
      ['ash', 'oak'],
    );
    expect(p.byDivision.map((g) => [g.group, g.safetyMean, g.influenceMean])).toEqual([
      ['ash', null, 3],
      ['oak', null, 4],
    ]);
  });
});
