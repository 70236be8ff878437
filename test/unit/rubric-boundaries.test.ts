// Proves every rubric threshold of SPEC section 2 at its edge (just below, at, just above), every grey case, the overall rule, triangulation and trend.
import { describe, expect, it } from 'vitest';
import { evaluate, overHeadcount } from '../../shared/domain/rubric';
import type { CycleEvidence, ModelChange, PeerReview } from '../../shared/domain/evidence';
import type { CriterionId, Evaluation, Rating } from '../../shared/domain/evaluation';
import type { StoredResponse } from '../../shared/schemas/response';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import {
  aggregate,
  criterionOf,
  emptyEvidence,
  judgeEvidence,
  practitionersOf,
  peerReview,
  recommendation,
  response,
  times,
} from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const base = exampleConfig();
// Ten objectives, so 80% and 50% fall on whole numbers.
const config = {
  ...base,
  objectives: times(10, (i) => ({ id: `o${i}`, title: `Objective ${i}`, pillar: 'vision' as const })),
};
const cycle = { id: '2026-autumn', start: '2026-09-02', end: '2026-12-18' };
const objectives = config.objectives.map((o) => o.id);

const judge = (
  evidence: Partial<CycleEvidence>,
  responses: StoredResponse[] = [],
  previous?: Evaluation,
  cfg = config,
) => judgeEvidence(cfg, cycle, evidence, responses, previous);
const rating = (e: Evaluation, id: CriterionId): Rating => criterionOf(e, id).rating;

describe('QA1: board review of the model against the objectives', () => {
  const board = (covered: number, date = '2026-10-01') => [
    { meetingId: 'BR', date, objectiveIds: objectives.slice(0, covered) },
  ];
  const kpis = (n: number, cycleId = cycle.id) =>
    objectives.slice(0, n).map((objectiveId) => ({ objectiveId, cycleId, actual: 1 }));

  it.each([
    [10, 'green'],
    [8, 'green'], // 80%: at the green threshold
    [7, 'amber'], // 70%: just below
    [5, 'amber'], // 50%: at the amber threshold
    [4, 'red'], // 40%: just below
    [0, 'red'],
  ] as const)('%i of 10 objectives covered: %s', (covered, expected) => {
    expect(rating(judge({ boardReviews: board(covered), kpis: kpis(10) }), 'QA1')).toBe(expected);
  });

  it('counts reviews from the first to the last day of the cycle only', () => {
    expect(rating(judge({ boardReviews: board(10, '2026-09-02'), kpis: kpis(10) }), 'QA1')).toBe('green');
    expect(rating(judge({ boardReviews: board(10, '2026-12-18'), kpis: kpis(10) }), 'QA1')).toBe('green');
    expect(rating(judge({ boardReviews: board(10, '2026-12-19'), kpis: kpis(10) }), 'QA1')).toBe('red');
    expect(
      criterionOf(judge({ boardReviews: board(10, '2026-09-01'), kpis: kpis(10) }), 'QA1').reasoning,
    ).toBe('The board held no review of the model in this cycle.');
  });

  it('caps at amber when KPIs are missing for over half the objectives, but not at exactly half, and only counts this cycle', () => {
    expect(rating(judge({ boardReviews: board(10), kpis: kpis(5) }), 'QA1')).toBe('green');
    expect(rating(judge({ boardReviews: board(10), kpis: kpis(4) }), 'QA1')).toBe('amber');
    expect(rating(judge({ boardReviews: board(10), kpis: kpis(10, '2026-summer') }), 'QA1')).toBe('amber');
  });

  it('is grey with no objectives configured', () => {
    const e = judge({ boardReviews: board(0) }, [], undefined, { ...config, objectives: [] });
    expect(rating(e, 'QA1')).toBe('grey');
    expect(criterionOf(e, 'QA1').reasoning).toMatch(/No objectives are configured/);
  });
});

describe('QA2: peer review against the seven pillars', () => {
  const reviews = (n: number, external: boolean, date = '2026-06-01'): PeerReview[] =>
    PILLAR_KEYS.slice(0, n).map((pillar, i) =>
      peerReview(pillar, {
        reviewId: `PR-${i}`,
        date,
        division: i % 2 ? 'trust' : 'oak-primary',
        reviewerType: external && i === 0 ? 'external' : 'internal',
      }),
    );

  it.each([
    [7, true, 'green'],
    [7, false, 'amber'], // all pillars, but no external reviewer
    [6, true, 'amber'],
    [4, true, 'amber'], // at the amber threshold
    [3, true, 'red'],
  ] as const)('%i pillars, external reviewer %s: %s', (n, external, expected) => {
    expect(rating(judge({ peerReviews: reviews(n, external) }), 'QA2')).toBe(expected);
  });

  it('runs from the day after the same date a year before the cycle end, to the end', () => {
    expect(rating(judge({ peerReviews: reviews(7, true, '2025-12-19') }), 'QA2')).toBe('green');
    expect(rating(judge({ peerReviews: reviews(7, true, '2025-12-18') }), 'QA2')).toBe('red');
    expect(rating(judge({ peerReviews: reviews(7, true, '2026-12-18') }), 'QA2')).toBe('green');
    expect(rating(judge({ peerReviews: reviews(7, true, '2026-12-19') }), 'QA2')).toBe('red');
  });
});

describe('QA3: recommendations acted on', () => {
  const recs = (closed: number, of = 10) =>
    times(of, (i) => recommendation(i, i < closed ? { status: 'actioned' } : {}));

  it.each([
    [10, 'green'],
    [8, 'green'], // 80%
    [7, 'amber'],
    [5, 'amber'], // 50%
    [4, 'red'],
  ] as const)('%i of 10 due recommendations closed: %s', (closed, expected) => {
    expect(rating(judge({ recommendations: recs(closed) }), 'QA3')).toBe(expected);
  });

  it('counts a decline as closed only with a recorded reason', () => {
    const declined = (note?: string) =>
      times(10, (i) => recommendation(i, i < 8 ? { status: 'declined', statusNote: note } : {}));
    expect(rating(judge({ recommendations: declined('Not right for special schools') }), 'QA3')).toBe(
      'green',
    );
    expect(rating(judge({ recommendations: declined(undefined) }), 'QA3')).toBe('red');
  });

  it('caps at amber when one is open more than 90 days past due at the cycle end, not at exactly 90', () => {
    const withOld = (due: string) => [...recs(9, 9), recommendation(99, { due, status: 'in_progress' })];
    expect(rating(judge({ recommendations: withOld('2026-09-19') }), 'QA3')).toBe('green'); // 90 days before 2026-12-18
    expect(rating(judge({ recommendations: withOld('2026-09-18') }), 'QA3')).toBe('amber'); // 91 days
  });

  it('counts only those due by the cycle end, and is grey when none is', () => {
    expect(
      rating(
        judge({ recommendations: [recommendation(1, { due: '2026-12-18', status: 'actioned' })] }),
        'QA3',
      ),
    ).toBe('green');
    const e = judge({ recommendations: [recommendation(1, { due: '2026-12-19' })] });
    expect(rating(e, 'QA3')).toBe('grey');
    expect(criterionOf(e, 'QA3').reasoning).toBe('No recommendation fell due by the end of the cycle.');
  });
});

describe('QA4: practitioners feed back without fear or favour', () => {
  const headcount = [{ division: 'oak-primary', role: 'delivery', count: 100 }];
  const answers = (n: number, safety: (i: number) => number | undefined = () => 4) =>
    times(n, (i) => response({ safety: safety(i) }));

  it.each([
    [40, 'green'], // 40%
    [39, 'amber'],
    [20, 'amber'], // 20%
    [19, 'red'],
  ] as const)('%i of 100 responding, safety 4.0: %s', (n, expected) => {
    expect(rating(judge({ headcount }, answers(n)), 'QA4')).toBe(expected);
  });

  it.each([
    [() => 4, 'green'], // mean exactly 4.0
    [(i: number) => (i === 0 ? 3 : 4), 'amber'], // 3.975, compared unrounded
    [() => 3, 'amber'], // exactly 3.0
    [(i: number) => (i === 0 ? 2 : 3), 'red'], // 2.975
  ] as const)('safety at its edges with full participation', (safety, expected) => {
    expect(rating(judge({ headcount }, answers(40, safety)), 'QA4')).toBe(expected);
  });

  it('takes the lower of participation and safety', () => {
    expect(
      rating(
        judge(
          { headcount },
          answers(19, () => 5),
        ),
        'QA4',
      ),
    ).toBe('red');
    expect(
      rating(
        judge(
          { headcount },
          answers(60, () => 2),
        ),
        'QA4',
      ),
    ).toBe('red');
  });

  it('is grey below k responses, or when fewer than k answered the safety question, and skipped answers are not zeros', () => {
    expect(rating(judge({ headcount }, answers(4)), 'QA4')).toBe('grey');
    expect(
      rating(
        judge(
          { headcount },
          answers(40, (i) => (i < 4 ? 4 : undefined)),
        ),
        'QA4',
      ),
    ).toBe('grey');
    expect(
      rating(
        judge(
          { headcount: [{ division: 'oak-primary', role: 'delivery', count: 10 }] },
          answers(5, (i) => (i < 5 ? 4 : undefined)),
        ),
        'QA4',
      ),
    ).toBe('green');
  });

  it('is grey, with the reason, when more responded than the headcount, for the trust or for one school', () => {
    const judgeCounted = (hc: { division: string; role: string; count: number }[], rs: StoredResponse[]) =>
      evaluate({
        config,
        configHash: 'h',
        cycle,
        evidence: { ...emptyEvidence(), headcount: hc },
        practitioners: practitionersOf(config, aggregate(rs)),
        now: new Date('2026-12-19T06:00:00Z'),
        overHeadcount: overHeadcount(aggregate(rs).countsByDivision(), hc),
      }).criteria.find((c) => c.id === 'QA4')!;
    // 261% of the headcount: not a green for participation, a question about the form.
    const trust = judgeCounted([{ division: 'oak-primary', role: 'delivery', count: 23 }], answers(60));
    expect(trust.rating).toBe('grey');
    expect(trust.reasoning).toContain('60 responses arrived, more than the 23 staff');
    // The trust in total is under its headcount, but one school has more responses than staff.
    const hc = [
      { division: 'oak-primary', role: 'delivery', count: 10 },
      { division: 'ash-primary', role: 'delivery', count: 90 },
    ];
    const school = judgeCounted(hc, answers(12));
    expect(school.rating).toBe('grey');
    expect(school.reasoning).toContain('at least one school');
    expect(school.reasoning).not.toContain('Oak');
    // Exactly at the headcount is not over it.
    expect(judgeCounted(hc, answers(10)).rating).not.toBe('grey');
    expect(overHeadcount(aggregate(answers(10)).countsByDivision(), hc)).toBeNull();
    expect(overHeadcount(aggregate(answers(10)).countsByDivision(), [])).toBeNull();
  });

  it('rests on safety alone with no headcount imported, and says so', () => {
    const e = judge(
      {},
      answers(5, () => 3),
    );
    expect(rating(e, 'QA4')).toBe('amber');
    expect(criterionOf(e, 'QA4').reasoning).toContain(
      'no headcount was imported, so participation is not judged',
    );
  });
});

describe('QA5: feedback shapes the model', () => {
  const change = (patch: Partial<ModelChange> = {}): ModelChange => ({
    changeId: 'MC',
    date: '2026-10-01',
    pillar: 'process',
    description: 'd',
    source: 'practitioner-feedback',
    ...patch,
  });
  const influence = (values: number[]) => values.map((v) => response({ influence: v }));

  it.each([
    [[change()], [4, 3, 4, 3, 4, 3], 'green'], // one change, mean exactly 3.5
    [[change()], [4, 3, 4, 3, 4, 2], 'amber'], // 3.33: one of the two
    [[], [4, 4, 4, 4, 4], 'amber'], // no change, influence high
    [[], [1, 2, 3, 3, 3], 'red'],
  ] as const)('changes %j, influence %j: %s', (changes, values, expected) => {
    expect(rating(judge({ modelChanges: [...changes] }, influence([...values])), 'QA5')).toBe(expected);
  });

  it('counts only changes in the cycle that came from practitioner feedback', () => {
    const high = influence([4, 4, 4, 4, 4]);
    expect(rating(judge({ modelChanges: [change({ date: '2026-09-01' })] }, high), 'QA5')).toBe('amber');
    expect(rating(judge({ modelChanges: [change({ source: 'peer-review' })] }, high), 'QA5')).toBe('amber');
    expect(rating(judge({ modelChanges: [change({ date: '2026-12-18' })] }, high), 'QA5')).toBe('green');
  });

  it('with fewer than k answers on influence, judges changes alone: amber at best, else red', () => {
    expect(rating(judge({ modelChanges: [change()] }, influence([5, 5, 5, 5])), 'QA5')).toBe('amber');
    expect(rating(judge({}, influence([5, 5, 5, 5])), 'QA5')).toBe('red');
  });
});

describe('overall judgement', () => {
  it('is the lowest non-grey rating, with the number of grey criteria, and grey only when all are', () => {
    const e = judge({
      boardReviews: [{ meetingId: 'B', date: '2026-10-01', objectiveIds: objectives }],
      kpis: objectives.map((objectiveId) => ({ objectiveId, cycleId: cycle.id, actual: 1 })),
    });
    expect(e.criteria.map((c) => c.rating)).toEqual(['green', 'red', 'grey', 'grey', 'red']);
    expect(e.overall).toMatchObject({ rating: 'red', greyCount: 2 });
    const allGrey = evaluate({
      config: { ...config, objectives: [] },
      configHash: 'h',
      cycle,
      evidence: emptyEvidence(),
      practitioners: practitionersOf(config, aggregate([])),
      now: new Date(),
    });
    expect(allGrey.criteria.map((c) => c.rating)).toEqual(['grey', 'red', 'grey', 'grey', 'red']);
  });

  it('asks the board one to three questions for each amber or red criterion, and none for green or grey', () => {
    const e = judge({});
    for (const c of e.criteria) {
      const asked = e.boardQuestions.find((q) => q.criterion === c.id);
      if (c.rating === 'amber' || c.rating === 'red')
        expect(asked!.questions.length).toBeGreaterThanOrEqual(1);
      if (c.rating === 'amber' || c.rating === 'red') expect(asked!.questions.length).toBeLessThanOrEqual(3);
      else expect(asked).toBeUndefined();
    }
  });
});

describe('triangulation of practitioner and peer-review ratings', () => {
  const peer = (rating: 1 | 2 | 3 | 4, date: string, division = 'trust'): PeerReview =>
    peerReview('innovation', { reviewId: `P-${date}-${division}`, date, division, rating });
  const practitioners = (values: number[]) => values.map((v) => response({ ratings: { innovation: v } }));
  const row = (e: Evaluation) => e.triangulation.find((t) => t.pillar === 'innovation')!;

  it('flags a gap of exactly 1.5 and not one just under', () => {
    // Peer 4 scales to 5.0; practitioners at 3.5 are 1.5 below.
    expect(
      row(judge({ peerReviews: [peer(4, '2026-10-01')] }, practitioners([3, 4, 3, 4, 3, 4]))).sourcesDisagree,
    ).toBe(true);
    const near = row(judge({ peerReviews: [peer(4, '2026-10-01')] }, practitioners([4, 4, 3, 4, 3, 3, 4])));
    // Compared unrounded (1.43 < 1.5); published rounded, so the gap cannot give the exact mean away.
    expect(near.gap).toBe(1.4);
    expect(near.sourcesDisagree).toBe(false);
  });

  it('averages the reviews of the most recent date across divisions, and scales 1-4 to 1-5', () => {
    const t = row(
      judge(
        {
          peerReviews: [
            peer(1, '2026-01-01'),
            peer(2, '2026-10-01', 'oak-primary'),
            peer(3, '2026-10-01', 'ash-primary'),
          ],
        },
        practitioners([3, 3, 3, 3, 3]),
      ),
    );
    expect(t.peerReviewDate).toBe('2026-10-01');
    expect(t.peerScaled).toBeCloseTo(1 + (2.5 - 1) * (4 / 3));
  });

  it('compares only where at least k practitioners rated the pillar', () => {
    const t = row(judge({ peerReviews: [peer(4, '2026-10-01')] }, practitioners([1, 1, 1, 1])));
    expect(t).toMatchObject({
      practitionerMean: null,
      practitionerCount: null,
      gap: null,
      sourcesDisagree: false,
    });
  });
});

describe('trend against the previous cycle', () => {
  it('is up, down or same by criterion, and new where there was none or either side is grey', () => {
    const previous = judge({
      recommendations: [
        {
          recommendationId: 'R',
          reviewId: 'P',
          pillar: 'vision',
          text: 't',
          due: '2026-10-01',
          status: 'open',
        },
      ],
    });
    const current = judge(
      {
        peerReviews: PILLAR_KEYS.map((pillar) =>
          peerReview(pillar, { reviewId: 'P', date: '2026-10-01', reviewerType: 'external' }),
        ),
      },
      [],
      previous,
    );
    const trend = Object.fromEntries(current.criteria.map((c) => [c.id, c.trend]));
    expect(trend).toEqual({ QA1: 'same', QA2: 'up', QA3: 'new', QA4: 'new', QA5: 'same' });
    expect(judge({}).criteria.every((c) => c.trend === 'new')).toBe(true);
    const worse = judge({}, [], current);
    expect(worse.criteria.find((c) => c.id === 'QA2')!.trend).toBe('down');
  });
});
