// Pins the k rules of SPEC section 3 at their edges: no count, mean or group from fewer than k, the smallest group merged first, and comments counted as given.
import { describe, expect, it } from 'vitest';
import { publishPractitionerStatistics } from '../../shared/disclosure/publish-statistics';
import { highsSolver } from '../../shared/disclosure/solver';
import { evaluate } from '../../shared/domain/rubric';
import type { StoredResponse } from '../../shared/schemas/response';
import {
  aggregate,
  emptyEvidence,
  evaluationOf,
  practitionersOf,
  response,
  times,
  unauditedStatistics,
} from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const K = 5;
const figures = (rs: StoredResponse[], divisions = ['ash', 'elm', 'oak'], k = K) =>
  unauditedStatistics(aggregate(rs), { k, commentThreshold: 10, divisions, formClosed: true });
const people = (n: number, patch: Partial<StoredResponse>) => times(n, () => response(patch));
const groups = (list: { group: string; members: string[]; count: number }[]) =>
  list.map(({ group, members, count }) => ({ group, members, count }));

describe('a trust-wide mean is published from k answers, never from fewer', () => {
  // Ten responded: five rated safety (4, 4, 4, 3, 3), four rated influence, two rated vision.
  const rs = times(10, (i) =>
    response({
      safety: i < 5 ? (i < 3 ? 4 : 3) : undefined,
      influence: i < 4 ? 5 : undefined,
      ratings: i < 2 ? { vision: 1 } : {},
    }),
  );

  it('publishes the mean of exactly k answers and withholds means of k - 1 and of 2, saying why', () => {
    const p = figures(rs);
    expect(p.responses).toBe(10);
    expect(p.means).toEqual({ safety: 3.6 });
    expect(p.answered).toEqual({});
    expect(p.withheld).toEqual(
      expect.arrayContaining([
        'Fewer than 5 practitioners answered on feedback leading to change, so its average is not reported.',
        'Fewer than 5 practitioners answered on vision for improvement, so its average is not reported.',
      ]),
    );
    // A pillar no one rated is not mentioned at all; the two feedback questions always are.
    expect(p.withheld.join(' ')).not.toMatch(/capacity/);
    expect(figures(people(K, { safety: 4 })).withheld).toContain(
      'Fewer than 5 practitioners answered on feedback leading to change, so its average is not reported.',
    );
  });

  it('reaches the evaluation the same way: no influence mean, and no practitioner mean for vision', () => {
    const e = evaluationOf(exampleConfig(), rs);
    expect(e.practitioners.safetyMean).toBe(3.6);
    expect(e.practitioners.influenceMean).toBeNull();
    expect(e.triangulation.find((t) => t.pillar === 'vision')).toMatchObject({
      practitionerMean: null,
      practitionerCount: null,
    });
  });
});

describe('fewer than k responses publish no figure, not even the count', () => {
  it('withholds everything at k - 1 responses and publishes the count at k', () => {
    const below = figures(people(K - 1, { safety: 4 }));
    expect(below).toMatchObject({ computed: false, responses: null, means: {}, byDivision: [], byRole: [] });
    expect(below.withheld).toEqual([
      'Fewer than 5 practitioners responded, so no practitioner figure is reported: any would risk showing how individuals answered.',
    ]);
    expect(figures(people(K, { safety: 4 })).responses).toBe(K);
  });

  it('keeps to a raised k: 5 responses under k = 6 publish nothing', () => {
    expect(figures(people(5, { safety: 4 }), ['ash'], 6).responses).toBeNull();
  });

  it('leaves QA4 grey with the reason, and no response rate, below k', () => {
    const config = exampleConfig();
    const withStaff = (n: number) =>
      evaluate({
        config,
        configHash: 'h',
        cycle: config.cycles[2]!,
        evidence: {
          ...emptyEvidence(),
          headcount: [{ division: 'oak-primary', role: 'delivery', count: 10 }],
        },
        practitioners: practitionersOf(config, aggregate(people(n, { safety: 5 }))),
        now: new Date('2026-12-19T00:00:00Z'),
      });
    // 4 of 10 staff would be a rate of 40%: it would publish the count that is withheld.
    expect(withStaff(K - 1).practitioners).toMatchObject({
      responses: null,
      headcount: 10,
      participation: null,
    });
    expect(withStaff(K).practitioners).toMatchObject({ responses: 5, headcount: 10, participation: 0.5 });
    const e = evaluationOf(config, people(K - 1, { safety: 5 }));
    const qa4 = e.criteria.find((c) => c.id === 'QA4')!;
    expect(qa4.rating).toBe('grey');
    expect(qa4.reasoning).toBe(
      'Practitioner figures are not available: Fewer than 5 practitioners responded, so no practitioner figure is reported: any would risk showing how individuals answered.',
    );
    expect(qa4.evidence.figures).toEqual({ responses: null });
  });
});

describe("a group's figures are shown only where it has k responses and k answers to each figure shown", () => {
  it('never shows a division of k - 1 on its own, and shows one of k with the mean of its k answers', () => {
    const p = figures([
      ...people(K, { division: 'ash', safety: 4 }),
      ...people(K - 1, { division: 'elm', safety: 4 }),
      ...people(1, { division: 'undisclosed', safety: 4 }),
      ...people(K + 2, { division: 'oak', safety: 2 }),
    ]);
    expect(p.byDivision.find((g) => g.group === 'ash')).toMatchObject({ count: K, safetyMean: 4 });
    expect(p.byDivision.map((g) => g.group)).not.toContain('elm');
    // Elm's 4 and the one who gave no school make a combined group of exactly k.
    expect(p.byDivision.find((g) => g.group === 'combined')).toMatchObject({
      members: ['elm', 'undisclosed'],
      count: K,
    });
  });

  it('shows no mean for a division where only 2 of its 5 answered, even though it may be shown', () => {
    const p = figures([
      ...people(6, { division: 'ash', safety: 4 }),
      ...people(2, { division: 'elm', safety: 1 }),
      ...people(3, { division: 'elm' }),
      ...people(6, { division: 'oak', safety: 3 }),
    ]);
    // Three groups with no mean beat two with one: each school is shown, none with a safety mean.
    expect(groups(p.byDivision)).toEqual([
      { group: 'ash', members: ['ash'], count: 6 },
      { group: 'elm', members: ['elm'], count: 5 },
      { group: 'oak', members: ['oak'], count: 6 },
    ]);
    expect(p.byDivision.map((g) => g.safetyMean)).toEqual([null, null, null]);
    expect(p.withheld).toContain(
      'The average for feeling safe to give honest feedback is not shown by division: too few answered it in some groups.',
    );
  });
});

describe('a combined group short of k takes in the smallest group shown, not the first by name', () => {
  it('merges oak (6), the smallest, before ash (9), the first alphabetically', () => {
    const p = figures([
      ...people(9, { division: 'ash', role: 'delivery', safety: 4 }),
      ...people(2, { division: 'elm', role: 'delivery', safety: 4 }),
      ...people(6, { division: 'oak', role: 'delivery', safety: 4 }),
    ]);
    expect(groups(p.byDivision)).toEqual([
      { group: 'ash', members: ['ash'], count: 9 },
      { group: 'combined', members: ['elm', 'oak', 'undisclosed'], count: 8 },
    ]);
  });

  it('merges leadership (6), the smaller role, before delivery (20), the first alphabetically', () => {
    const p = figures([
      ...people(20, { division: 'ash', role: 'delivery', safety: 4 }),
      ...people(6, { division: 'ash', role: 'leadership', safety: 4 }),
      ...people(2, { division: 'ash', role: 'undisclosed', safety: 4 }),
    ]);
    expect(groups(p.byRole)).toEqual([
      { group: 'delivery', members: ['delivery'], count: 20 },
      { group: 'combined', members: ['leadership', 'undisclosed'], count: 8 },
    ]);
  });

  it('breaks a tie in size by name, whatever order the config lists the divisions in', () => {
    const p = figures(
      [
        ...people(6, { division: 'oak', safety: 4 }),
        ...people(6, { division: 'ash', safety: 4 }),
        ...people(2, { division: 'elm', safety: 4 }),
      ],
      ['oak', 'elm', 'ash'],
    );
    expect(groups(p.byDivision)).toEqual([
      { group: 'oak', members: ['oak'], count: 6 },
      { group: 'combined', members: ['ash', 'elm', 'undisclosed'], count: 8 },
    ]);
  });

  it('publishes no breakdown at all when merging leaves a single group', () => {
    const p = figures([
      ...people(6, { division: 'ash', safety: 4 }),
      ...people(2, { division: 'elm', safety: 4 }),
    ]);
    expect(p.byDivision).toEqual([]);
    expect(p.withheld).toContain(
      'Responses are not broken down by division: no grouping gives every group at least 5 responses.',
    );
  });
});

describe('when the audit finds a count pinned, the smallest group shown is merged first', () => {
  it('merges leadership (6) and then undisclosed (7), never delivery (20), the first by name', async () => {
    // Each school's leadership is 3 of 3 on the headcount, so "leadership: 6" pins both at 3.
    const rs = [
      ...people(10, { division: 'ash', role: 'delivery' }),
      ...people(10, { division: 'oak', role: 'delivery' }),
      ...people(3, { division: 'ash', role: 'leadership' }),
      ...people(3, { division: 'oak', role: 'leadership' }),
      ...people(3, { division: 'ash', role: 'undisclosed' }),
      ...people(4, { division: 'oak', role: 'undisclosed' }),
    ];
    const headcount = ['ash', 'oak'].flatMap((division) => [
      { division, role: 'delivery', count: 30 },
      { division, role: 'leadership', count: 3 },
    ]);
    const p = await publishPractitionerStatistics(
      aggregate(rs),
      { k: K, commentThreshold: 10, divisions: ['ash', 'oak'], formClosed: true, headcount },
      { solver: highsSolver },
    );
    expect(groups(p.byRole)).toEqual([
      { group: 'delivery', members: ['delivery'], count: 20 },
      { group: 'combined', members: ['leadership', 'undisclosed'], count: 13 },
    ]);
    expect(groups(p.byDivision)).toEqual([
      { group: 'ash', members: ['ash'], count: 16 },
      { group: 'oak', members: ['oak'], count: 17 },
    ]);
    expect(p.audit).toMatchObject({ rounds: 3, withheldByAudit: 2 });
    // No one answered safety or influence; each merge is reported in words.
    const finerByRole =
      'A finer split of responses by role is withheld: checked together with every other figure, it would narrow down how a group of fewer than 5 practitioners answered.';
    expect(p.withheld).toEqual([
      'Fewer than 5 practitioners answered on feeling safe to give honest feedback, so its average is not reported.',
      'Fewer than 5 practitioners answered on feedback leading to change, so its average is not reported.',
      finerByRole,
      finerByRole,
    ]);
  }, 60_000);
});

describe('comments are counted as given, and shown only from the comment threshold in responses', () => {
  it('shows the comments of 10 responses of which 3 commented, and none of 9 that all commented', () => {
    const ten = figures(times(10, (i) => response({ safety: 4, comment: i < 3 ? `note ${i}` : undefined })));
    expect(ten.commentsTotal).toBe(3);
    expect([...ten.comments].sort()).toEqual(['note 0', 'note 1', 'note 2']);
    const nine = figures(times(9, (i) => response({ safety: 4, comment: `note ${i}` })));
    expect(nine.comments).toEqual([]);
    expect(nine.commentsTotal).toBeNull();
  });

  it('counts every comment beyond the sample kept, and no blank one', () => {
    const rs = [
      ...times(50, (i) => response({ comment: `note ${i}` })),
      ...people(3, { comment: '   ' }),
      ...people(2, {}),
    ];
    expect(aggregate(rs).comments()).toMatchObject({ total: 50 });
    expect(aggregate(rs).comments().shown).toHaveLength(40);
    const e = evaluationOf(exampleConfig(), rs);
    expect(e.practitioners.commentsTotal).toBe(50);
    expect(e.practitioners.comments).toHaveLength(40);
  });
});
