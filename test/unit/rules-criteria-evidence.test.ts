// Pins what each criterion records as its evidence and figures, what the evaluation publishes beside them (group rates, answer bands, the recommendations ledger), and when more responses than staff stops participation being judged.
import { describe, expect, it } from 'vitest';
import { qa1, qa2, qa3, qa4, qa5, triangulate } from '../../shared/domain/criteria';
import { evaluate, overHeadcount } from '../../shared/domain/rubric';
import type { PractitionerStatistics } from '../../shared/domain/statistics';
import type { PeerReview, Recommendation } from '../../shared/domain/evidence';
import { emptyEvidence } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const config = exampleConfig();
const t = config.thresholds;
const cycle = { id: '2026-autumn', start: '2026-09-01', end: '2026-12-18' };

const stats = (patch: Partial<PractitionerStatistics> = {}): PractitionerStatistics => ({
  computed: true,
  responses: 40,
  means: { safety: 4.26, influence: 3.84 },
  bands: {},
  answered: {},
  byDivision: [],
  byRole: [],
  comments: [],
  commentsTotal: 0,
  withheld: [],
  audit: null,
  ...patch,
});
const review = (patch: Partial<PeerReview>): PeerReview => ({
  reviewId: 'PR1',
  date: '2026-10-05',
  division: 'oak-primary',
  pillar: 'vision',
  rating: 3,
  reviewerType: 'internal',
  ...patch,
});
const rec = (recommendationId: string, due: string, status: Recommendation['status']): Recommendation => ({
  recommendationId,
  reviewId: 'PR1',
  pillar: 'vision',
  text: `Do ${recommendationId}`,
  due,
  status,
});

describe('more responses than staff', () => {
  const headcount = [
    { division: 'oak-primary', count: 10 },
    { division: 'ash-primary', count: 5 },
  ];
  /** Responses by school, as the form counted them. */
  const over = (bySchool: Record<string, number>) =>
    overHeadcount(new Map(Object.entries(bySchool)), headcount);

  it('for the trust only when responses outnumber every member of staff listed, not when they equal them', () => {
    expect(over({ 'oak-primary': 10, 'ash-primary': 5 })).toBeNull();
    expect(over({ 'oak-primary': 11, 'ash-primary': 5 })).toBe('trust');
  });

  it('for a school the headcount lists, never for answers that name no school or a school it does not list', () => {
    expect(over({ 'oak-primary': 2, 'ash-primary': 6 })).toBe('division');
    expect(over({ 'oak-primary': 2, 'ash-primary': 5 })).toBeNull();
    expect(over({ 'oak-primary': 2, undisclosed: 6 })).toBeNull();
    expect(over({ 'oak-primary': 2, 'elm-primary': 6 })).toBeNull();
  });
});

describe('what each criterion records as its evidence', () => {
  it('QA1 with no objectives configured: grey, on no records and no figures', () => {
    expect(qa1({ ...config, objectives: [] }, cycle, emptyEvidence(), t).evidence).toEqual({
      recordIds: [],
      figures: {},
    });
  });

  it('QA2: the window, the pillars covered and how many reviews had an external reviewer', () => {
    const ev = {
      ...emptyEvidence(),
      peerReviews: [
        review({ reviewId: 'PR1', reviewerType: 'external' }),
        review({ reviewId: 'PR1', pillar: 'capacity', reviewerType: 'external' }),
        review({ reviewId: 'PR2', pillar: 'capacity' }),
      ],
    };
    expect(qa2(cycle, ev, t).evidence).toEqual({
      recordIds: ['PR1', 'PR2'],
      figures: { windowFrom: '2025-12-19', windowTo: '2026-12-18', pillarsCovered: 2, externalReviews: 2 },
    });
  });

  it('QA3 with nothing due: grey, on no records and nothing due', () => {
    const ev = { ...emptyEvidence(), recommendations: [rec('R9', '2027-01-10', 'open')] };
    expect(qa3(cycle, ev, t)).toMatchObject({
      rating: 'grey',
      evidence: { recordIds: [], figures: { due: 0 } },
    });
  });

  it('QA3: a criterion already red stays red when a recommendation is long overdue (the cap lowers, never raises)', () => {
    const ev = {
      ...emptyEvidence(),
      recommendations: [
        rec('R1', '2026-01-10', 'open'),
        rec('R2', '2026-12-01', 'open'),
        rec('R3', '2026-12-02', 'actioned'),
      ],
    };
    const judged = qa3(cycle, ev, t);
    expect(judged.rating).toBe('red');
    expect(judged.evidence).toEqual({
      recordIds: ['R1', 'R2', 'R3'],
      figures: { due: 3, closed: 1, share: 1 / 3, longOverdue: 1 },
    });
  });

  it('QA4 over the headcount: grey, with the responses and the headcount', () => {
    expect(qa4(stats(), 30, 5, t, 'trust').evidence).toEqual({
      recordIds: [],
      figures: { responses: 40, headcount: 30 },
    });
  });

  it('QA4 with no figures at all is grey for want of figures, even over the headcount', () => {
    const none = stats({ computed: false, responses: null, withheld: [] });
    expect(qa4(none, 30, 5, t, 'trust')).toEqual({
      id: 'QA4',
      rating: 'grey',
      reasoning: 'Practitioner figures are not available: fewer than 5 practitioners responded.',
      evidence: { recordIds: [], figures: { responses: null } },
    });
    expect(
      qa4(stats({ computed: false, responses: null, withheld: ['The form is still open.'] }), null, 5, t)
        .reasoning,
    ).toBe('Practitioner figures are not available: The form is still open.');
    expect(qa4(stats({ responses: null }), null, 5, t).reasoning).toBe(
      'Practitioner figures are withheld this cycle to protect anonymity, so this cannot be judged.',
    );
  });

  it('QA4 with no safety figure: grey, on the responses alone', () => {
    expect(qa4(stats({ means: {} }), 100, 5, t).evidence).toEqual({
      recordIds: [],
      figures: { responses: 40 },
    });
  });

  it('QA4 without a headcount: the safety mean, rounded, and no participation', () => {
    expect(qa4(stats(), null, 5, t).evidence).toEqual({
      recordIds: [],
      figures: { responses: 40, safetyMean: 4.3, participation: null },
    });
  });

  it('QA4 with a headcount: responses, headcount, participation and the safety mean, rounded', () => {
    expect(qa4(stats(), 90, 5, t).evidence).toEqual({
      recordIds: [],
      figures: { responses: 40, headcount: 90, participation: 0.44, safetyMean: 4.3 },
    });
  });

  it('QA5 with an influence figure: the changes from feedback and the influence mean, rounded', () => {
    const ev = {
      ...emptyEvidence(),
      modelChanges: [
        {
          changeId: 'C1',
          date: '2026-10-01',
          pillar: 'process' as const,
          description: 'x',
          source: 'practitioner-feedback' as const,
        },
        {
          changeId: 'C2',
          date: '2026-10-02',
          pillar: 'process' as const,
          description: 'y',
          source: 'board' as const,
        },
      ],
    };
    expect(qa5(cycle, ev, stats(), t).evidence).toEqual({
      recordIds: ['C1'],
      figures: { changesFromFeedback: 1, influenceMean: 3.8 },
    });
  });
});

describe('triangulation against the latest peer review of each pillar', () => {
  it('takes the latest review whatever order they were imported in', () => {
    const ev = {
      ...emptyEvidence(),
      peerReviews: [review({ date: '2026-11-20', rating: 4 }), review({ date: '2026-10-01', rating: 1 })],
    };
    const vision = triangulate(cycle, ev, stats({ means: { vision: 4 } }), 1).find(
      (r) => r.pillar === 'vision',
    )!;
    expect(vision).toMatchObject({
      peerReviewDate: '2026-11-20',
      peerScaled: 5,
      gap: 1,
      sourcesDisagree: true,
    });
  });

  it('has no gap without a peer review of the pillar, whatever practitioners said', () => {
    const vision = triangulate(cycle, emptyEvidence(), stats({ means: { vision: 2 } }), 0).find(
      (r) => r.pillar === 'vision',
    )!;
    expect(vision).toMatchObject({
      peerReviewDate: null,
      peerScaled: null,
      practitionerMean: 2,
      gap: null,
      sourcesDisagree: false,
    });
  });

  it('has no gap, and so no disagreement, without a practitioner figure, however small the limit', () => {
    const ev = { ...emptyEvidence(), peerReviews: [review({ rating: 2 })] };
    const vision = triangulate(cycle, ev, stats({ means: {} }), 0).find((r) => r.pillar === 'vision')!;
    expect(vision).toMatchObject({ practitionerMean: null, gap: null, sourcesDisagree: false });
  });
});

describe('what the evaluation publishes beside the criteria', () => {
  const judge = (p: PractitionerStatistics, evidence = emptyEvidence(), extra = {}) =>
    evaluate({
      config,
      configHash: 'h',
      cycle,
      evidence,
      practitioners: p,
      now: new Date('2026-12-19T09:00:00Z'),
      ...extra,
    });
  const group = (g: string, members: string[], count: number) => ({
    group: g,
    members,
    count,
    safetyMean: 4.04,
    influenceMean: null,
  });
  const headcount = [
    { division: 'oak-primary', role: 'delivery', count: 20 },
    { division: 'oak-primary', role: 'leadership', count: 4 },
    { division: 'ash-primary', role: 'delivery', count: 0 },
  ];

  it('a group rate only where every member has staff in the headcount, more responses than staff excepted', () => {
    const e = judge(
      stats({
        byDivision: [
          group('oak-primary', ['oak-primary'], 12),
          group('combined', ['ash-primary', 'oak-primary'], 14),
        ],
        byRole: [group('delivery', ['delivery'], 10), group('leadership', ['leadership'], 5)],
      }),
      { ...emptyEvidence(), headcount },
    );
    expect(e.practitioners.byDivision.map((g) => g.participation)).toEqual([0.5, null]);
    expect(e.practitioners.byRole.map((g) => [g.participation, g.safetyMean, g.influenceMean])).toEqual([
      [0.5, 4, null],
      // Five answered from a role of four staff: the headcount is stale or the link was shared.
      [null, 4, null],
    ]);
  });

  it('no group rate at all where the form took more responses than the headcount has staff', () => {
    const e = judge(
      stats({ byDivision: [group('oak-primary', ['oak-primary'], 12)] }),
      { ...emptyEvidence(), headcount },
      {
        overHeadcount: 'division',
      },
    );
    expect(e.practitioners.byDivision[0]!.participation).toBeNull();
  });

  it('the trust-wide answer bands, as shares to two places', () => {
    const e = judge(stats({ bands: { safety: { disagree: 0.1234, neutral: 0.2, agree: 0.6766 } } }));
    expect(e.practitioners.answerBands).toEqual([
      { question: 'safety', disagree: 0.12, neutral: 0.2, agree: 0.68 },
    ]);
  });

  it('no trust-wide mean where none may be published: null, never a number made up', () => {
    const e = judge(stats({ means: {} }));
    expect([e.practitioners.safetyMean, e.practitioners.influenceMean]).toEqual([null, null]);
    expect(judge(stats()).practitioners).toMatchObject({ safetyMean: 4.3, influenceMean: 3.8 });
  });

  it('how practitioners reached the form, when it is known', () => {
    expect(judge(stats(), emptyEvidence(), { access: 'verified' }).practitioners.access).toBe('verified');
    expect(judge(stats()).practitioners).not.toHaveProperty('access');
  });

  it('the ledger: every recommendation due by the end of the cycle, and any still open or in progress whenever due', () => {
    const recommendations = [
      rec('LATER-OPEN', '2027-02-01', 'open'),
      rec('LATER-STARTED', '2027-01-15', 'in_progress'),
      rec('LATER-DONE', '2027-01-20', 'actioned'),
      rec('DUE', '2026-11-01', 'actioned'),
    ];
    const e = judge(stats(), { ...emptyEvidence(), recommendations });
    expect(e.recommendations.map((r) => r.recommendationId)).toEqual(['DUE', 'LATER-STARTED', 'LATER-OPEN']);
  });
});
