// Pins rating rules the threshold tests leave open: caps only lower a green, all-grey is grey, board questions follow amber and red, and each criterion reads only its own evidence.
import { describe, expect, it } from 'vitest';
import { lowest } from '../../shared/domain/evaluation';
import type { CycleEvidence } from '../../shared/domain/evidence';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import {
  aggregate,
  criterionOf,
  judgeEvidence,
  peerReview,
  recommendation,
  response,
  times,
} from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const config = exampleConfig();
const cycle = config.cycles[2]!; // 2026-09-02 to 2026-12-18
const objectives = config.objectives.map((o) => o.id); // eight
const judge = (evidence: Partial<CycleEvidence>, responses = aggregate([])) =>
  judgeEvidence(config, cycle, evidence, responses);
const kpis = (n: number) =>
  objectives.slice(0, n).map((objectiveId) => ({ objectiveId, cycleId: cycle.id, actual: 1 }));

describe('a cap holds a rating at amber at best: it never raises a red', () => {
  it('QA1: 3 of 8 objectives covered is red, with KPIs missing for 5 as without', () => {
    const board = [{ meetingId: 'B', date: '2026-10-01', objectiveIds: objectives.slice(0, 3) }];
    expect(criterionOf(judge({ boardReviews: board, kpis: kpis(8) }), 'QA1').rating).toBe('red');
    const capped = criterionOf(judge({ boardReviews: board, kpis: kpis(3) }), 'QA1');
    expect(capped.rating).toBe('red');
    expect(capped.reasoning).toBe(
      'Board reviews this cycle covered 3 of 8 objectives (38%), but KPI values are missing for 5 of them, which holds the rating at amber at best.',
    );
  });

  it('QA3: 4 of 10 closed is red with one long overdue; 6 of 10 stays amber', () => {
    const recs = (closed: number) => [
      ...times(9, (i) => recommendation(i, i < closed ? { status: 'actioned' } : {})),
      recommendation(9, { due: '2026-09-01' }), // 108 days past due at the cycle end
    ];
    expect(criterionOf(judge({ recommendations: recs(4) }), 'QA3').rating).toBe('red');
    expect(criterionOf(judge({ recommendations: recs(6) }), 'QA3').rating).toBe('amber');
  });
});

describe('the lowest rating', () => {
  it('is grey when every criterion is grey, or there is none', () => {
    expect(lowest(['grey', 'grey', 'grey', 'grey', 'grey'])).toBe('grey');
    expect(lowest([])).toBe('grey');
  });

  it('is the lowest of those judged, in any order, ignoring grey', () => {
    expect(lowest(['green', 'red', 'amber'])).toBe('red');
    expect(lowest(['amber', 'green'])).toBe('amber');
    expect(lowest(['green', 'amber'])).toBe('amber');
    expect(lowest(['grey', 'green', 'grey'])).toBe('green');
  });
});

describe('board questions', () => {
  it('are asked for each amber and red criterion, in order, and for no green or grey one', () => {
    const e = judge({
      boardReviews: [{ meetingId: 'B', date: '2026-10-01', objectiveIds: objectives }],
      kpis: kpis(8),
      peerReviews: PILLAR_KEYS.map((p) => peerReview(p)), // every pillar, no external reviewer: amber
    });
    expect(e.criteria.map((c) => c.rating)).toEqual(['green', 'amber', 'grey', 'grey', 'red']);
    expect(e.boardQuestions).toEqual([
      {
        criterion: 'QA2',
        questions: [
          'Which pillars have gone without a peer review this year, and why?',
          'How do we know our peer reviews are rigorous: who from outside the trust has reviewed us?',
        ],
      },
      {
        criterion: 'QA5',
        questions: [
          'What have we changed in the model because practitioners told us to?',
          'How do we tell practitioners what happened to their feedback?',
        ],
      },
    ]);
  });
});

describe('board questions for every criterion', () => {
  it('two of its own for each, each a question', () => {
    const e = judge(
      {
        recommendations: [
          {
            recommendationId: 'R1',
            reviewId: 'PR',
            pillar: 'vision',
            text: 'x',
            due: '2026-10-01',
            status: 'open',
          },
        ],
      },
      aggregate(times(10, () => response({ safety: 1, influence: 1 }))),
    );
    expect(e.criteria.map((c) => c.rating)).toEqual(['red', 'red', 'red', 'red', 'red']);
    const asked = e.boardQuestions.flatMap((b) => b.questions);
    expect(e.boardQuestions.map((b) => [b.criterion, b.questions.length])).toEqual([
      ['QA1', 2],
      ['QA2', 2],
      ['QA3', 2],
      ['QA4', 2],
      ['QA5', 2],
    ]);
    expect(new Set(asked).size).toBe(10);
    for (const q of asked) expect(q).toMatch(/^[A-Z].{20,}\?$/);
  });
});

describe('QA1 coverage adds up every board meeting in the cycle', () => {
  it('counts objectives covered at any meeting in the cycle once, and none from a meeting outside it', () => {
    const e = judge({
      boardReviews: [
        { meetingId: 'B1', date: '2026-09-02', objectiveIds: objectives.slice(0, 4) },
        { meetingId: 'B2', date: '2026-12-18', objectiveIds: objectives.slice(3, 7) },
        { meetingId: 'B0', date: '2026-09-01', objectiveIds: objectives.slice(7) },
      ],
      kpis: kpis(8),
    });
    const qa1 = criterionOf(e, 'QA1');
    expect(qa1.rating).toBe('green'); // 7 of 8: 87.5%
    expect(qa1.evidence.recordIds).toEqual(['B1', 'B2']);
    expect(qa1.evidence.figures).toEqual({ objectives: 8, covered: 7, coverage: 0.875, kpisMissing: 0 });
    expect(qa1.reasoning).toBe('Board reviews this cycle covered 7 of 8 objectives (88%).');
  });
});

describe('QA3 counts as closed only an actioned recommendation or a decline with its reason', () => {
  it('leaves open or in-progress ones open whatever their status note says', () => {
    const notes = { statusNote: 'Waiting on the new budget' };
    const recs = [
      ...times(4, (i) => recommendation(i, { status: 'open', ...notes })),
      ...times(4, (i) => recommendation(10 + i, { status: 'in_progress', ...notes })),
      recommendation(20, { status: 'actioned' }),
      recommendation(21, { status: 'declined', statusNote: 'Not right for special schools' }),
    ];
    const qa3 = criterionOf(judge({ recommendations: recs }), 'QA3');
    expect(qa3.rating).toBe('red');
    expect(qa3.evidence.figures).toEqual({ due: 10, closed: 2, share: 0.2, longOverdue: 0 });
  });
});

describe('triangulation reads each pillar’s own peer reviews only', () => {
  const practitioners = () => aggregate(times(5, () => response({ ratings: { innovation: 3, vision: 3 } })));

  it('takes no rating or date from another pillar’s later review', () => {
    const e = judge(
      {
        peerReviews: [
          peerReview('innovation', { date: '2026-10-01', rating: 4 }),
          peerReview('vision', { date: '2026-11-01', rating: 1 }),
        ],
      },
      practitioners(),
    );
    expect(e.triangulation.find((t) => t.pillar === 'innovation')).toEqual({
      pillar: 'innovation',
      peerReviewDate: '2026-10-01',
      peerScaled: 5,
      practitionerMean: 3,
      practitionerCount: 5,
      gap: 2,
      sourcesDisagree: true,
    });
    expect(e.triangulation.find((t) => t.pillar === 'vision')).toMatchObject({
      peerReviewDate: '2026-11-01',
      peerScaled: 1,
      gap: 2,
    });
    expect(e.triangulation.find((t) => t.pillar === 'capacity')).toEqual({
      pillar: 'capacity',
      peerReviewDate: null,
      peerScaled: null,
      practitionerMean: null,
      practitionerCount: null,
      gap: null,
      sourcesDisagree: false,
    });
  });

  it('counts a review on the cycle’s last day and none after it', () => {
    const e = judge({
      peerReviews: [
        peerReview('innovation', { date: '2026-06-01', rating: 1 }),
        peerReview('innovation', { date: '2026-12-18', rating: 2 }),
        peerReview('innovation', { date: '2026-12-19', rating: 4 }),
      ],
    });
    // Rating 2 scales to 1 + 1 * 4 / 3 = 2.33, printed 2.3.
    expect(e.triangulation.find((t) => t.pillar === 'innovation')).toMatchObject({
      peerReviewDate: '2026-12-18',
      peerScaled: 2.3,
    });
  });
});
