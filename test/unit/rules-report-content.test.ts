// Pins what the report lists besides ratings: which recommendations and how overdue, the changes made from feedback, and each criterion's sentence of reasoning.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/domain/rubric';
import type { CriterionId, Evaluation } from '../../shared/domain/evaluation';
import type { CycleEvidence, ModelChange, Recommendation } from '../../shared/domain/evidence';
import type { StoredResponse } from '../../shared/schemas/response';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import { aggregate, emptyEvidence, practitionersOf, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const config = exampleConfig();
const cycle = config.cycles[2]!; // 2026-09-02 to 2026-12-18
const judge = (evidence: Partial<CycleEvidence>, responses: StoredResponse[] = [], now = '2026-12-19') =>
  evaluate({
    config,
    configHash: 'h',
    cycle,
    evidence: { ...emptyEvidence(), ...evidence },
    practitioners: practitionersOf(config, aggregate(responses)),
    now: new Date(`${now}T09:00:00Z`),
  });
const reasoning = (e: Evaluation, id: CriterionId) => e.criteria.find((c) => c.id === id)!.reasoning;
const rec = (id: string, due: string, patch: Partial<Recommendation> = {}): Recommendation => ({
  recommendationId: id,
  reviewId: 'PR',
  pillar: 'vision',
  text: `Text of ${id}`,
  due,
  status: 'open',
  ...patch,
});

describe('the recommendations the report lists', () => {
  const recommendations = [
    rec('late-open', '2026-12-01', { owner: 'Head of Oak' }),
    rec('open-with-note', '2026-12-01', { statusNote: 'Waiting on the new budget' }),
    rec('due-last-day', '2026-12-18'),
    rec('done-last-day', '2026-12-18', { status: 'actioned' }),
    rec('done', '2026-11-01', { status: 'actioned' }),
    rec('declined-no-reason', '2026-11-01', { status: 'declined' }),
    rec('declined-reason', '2026-10-01', { status: 'declined', statusNote: 'Not for special schools' }),
    rec('next-term', '2027-01-15', { status: 'in_progress' }),
    rec('next-term-done', '2027-01-15', { status: 'actioned' }),
    rec('next-term-declined', '2027-02-01', { status: 'declined', statusNote: 'Superseded' }),
  ];

  it('are those due by the cycle end, and later ones still open, by due date, with days overdue at the cycle end', () => {
    const listed = judge({ recommendations }).recommendations;
    expect(listed.map((r) => [r.recommendationId, r.due, r.closed, r.daysOverdue])).toEqual([
      ['declined-reason', '2026-10-01', true, null],
      ['done', '2026-11-01', true, null],
      ['declined-no-reason', '2026-11-01', false, 47],
      ['late-open', '2026-12-01', false, 17],
      ['open-with-note', '2026-12-01', false, 17],
      ['due-last-day', '2026-12-18', false, null],
      ['done-last-day', '2026-12-18', true, null],
      ['next-term', '2027-01-15', false, null],
    ]);
    expect(listed[3]).toEqual({
      recommendationId: 'late-open',
      pillar: 'vision',
      text: 'Text of late-open',
      owner: 'Head of Oak',
      due: '2026-12-01',
      status: 'open',
      closed: false,
      daysOverdue: 17,
    });
    expect(listed[4]!.owner).toBeNull();
    expect(listed[4]!.status).toBe('open');
  });

  it('count days overdue to the day the report is made when that comes before the cycle end', () => {
    const listed = judge({ recommendations }, [], '2026-12-10').recommendations;
    const overdue = Object.fromEntries(listed.map((r) => [r.recommendationId, r.daysOverdue]));
    expect(overdue).toEqual({
      'declined-reason': null,
      done: null,
      'declined-no-reason': 39,
      'late-open': 9,
      'open-with-note': 9,
      'due-last-day': null,
      'done-last-day': null,
      'next-term': null,
    });
  });
});

describe('the changes the report says came from feedback', () => {
  const change = (changeId: string, date: string, source: ModelChange['source']): ModelChange => ({
    changeId,
    date,
    pillar: 'process',
    description: `What ${changeId} did`,
    source,
  });

  it('are those sourced from practitioner feedback dated in the cycle, first and last days included', () => {
    const e = judge({
      modelChanges: [
        change('first-day', '2026-09-02', 'practitioner-feedback'),
        change('last-day', '2026-12-18', 'practitioner-feedback'),
        change('before', '2026-09-01', 'practitioner-feedback'),
        change('after', '2026-12-19', 'practitioner-feedback'),
        change('board', '2026-10-01', 'board'),
        change('peer', '2026-10-01', 'peer-review'),
      ],
    });
    expect(e.changesFromFeedback).toEqual([
      { changeId: 'first-day', date: '2026-09-02', pillar: 'process', description: 'What first-day did' },
      { changeId: 'last-day', date: '2026-12-18', pillar: 'process', description: 'What last-day did' },
    ]);
    expect(e.criteria.find((c) => c.id === 'QA5')!.evidence.figures.changesFromFeedback).toBe(2);
  });
});

describe('the sentence of reasoning behind each rating', () => {
  const pillarsReviewed = (n: number, reviewerType: 'internal' | 'external') =>
    PILLAR_KEYS.slice(0, n).map((pillar) => ({
      reviewId: 'PR',
      date: '2026-06-01',
      division: 'trust',
      pillar,
      rating: 3 as const,
      reviewerType,
    }));

  it('QA2 names the pillars missed, or the missing external reviewer, or the empty window', () => {
    expect(reasoning(judge({ peerReviews: pillarsReviewed(4, 'external') }), 'QA2')).toBe(
      'Peer reviews in the last 12 months covered 4 of 7 pillars (not project and process management, innovation, research and development, quality assurance).',
    );
    expect(reasoning(judge({ peerReviews: pillarsReviewed(7, 'internal') }), 'QA2')).toBe(
      'Peer reviews in the last 12 months covered 7 of 7 pillars, but none had an external reviewer.',
    );
    expect(reasoning(judge({ peerReviews: pillarsReviewed(7, 'external') }), 'QA2')).toBe(
      'Peer reviews in the last 12 months covered 7 of 7 pillars.',
    );
    expect(reasoning(judge({}), 'QA2')).toBe(
      'No peer review is recorded between 19 December 2025 and 18 December 2026.',
    );
  });

  it('QA3 gives the share closed, and how many are long overdue, in the singular or plural', () => {
    const closed = (n: number) => times(n, (i) => rec(`c${i}`, '2026-11-30', { status: 'actioned' }));
    const old = (n: number) => times(n, (i) => rec(`o${i}`, '2026-09-01'));
    expect(reasoning(judge({ recommendations: [...closed(9), ...old(1)] }), 'QA3')).toBe(
      '9 of 10 recommendations due by the end of the cycle are closed (90%), and 1 is open more than 90 days past due.',
    );
    expect(reasoning(judge({ recommendations: [...closed(6), ...old(2)] }), 'QA3')).toBe(
      '6 of 8 recommendations due by the end of the cycle are closed (75%), and 2 are open more than 90 days past due.',
    );
    expect(reasoning(judge({ recommendations: closed(3) }), 'QA3')).toBe(
      '3 of 3 recommendations due by the end of the cycle are closed (100%).',
    );
  });

  it('QA4 gives participation and the safety mean, or says why one is missing', () => {
    // Ten answer safety: six 4s and four 3s, a mean of 3.6.
    const answers = times(10, (i) => response({ safety: i < 6 ? 4 : 3 }));
    const headcount = [{ division: 'oak-primary', role: 'delivery', count: 40 }];
    expect(reasoning(judge({ headcount }, answers), 'QA4')).toBe(
      '25% of practitioners responded, and they rate how safe it is to give honest feedback at 3.6 out of 5.',
    );
    expect(reasoning(judge({}, answers), 'QA4')).toBe(
      'Practitioners rate how safe it is to give honest feedback at 3.6 out of 5; no headcount was imported, so participation is not judged.',
    );
    // A headcount of no staff is no headcount: a rate over zero would read as everyone responding.
    const none = judge({ headcount: [{ division: 'oak-primary', role: 'delivery', count: 0 }] }, answers);
    expect(reasoning(none, 'QA4')).toBe(reasoning(judge({}, answers), 'QA4'));
    expect(none.practitioners.participation).toBeNull();
    const fewAnswered = times(10, (i) => response({ safety: i < 4 ? 4 : undefined, influence: 3 }));
    const qa4 = judge({ headcount }, fewAnswered).criteria.find((c) => c.id === 'QA4')!;
    expect(qa4.rating).toBe('grey');
    expect(qa4.reasoning).toBe(
      "The figure for how safe practitioners feel to give honest feedback cannot be published without risking anonymity (fewer than 5 answered, or it would narrow down a small group's answers).",
    );
  });

  it('QA5 counts the changes in the singular or plural, beside the influence mean or without it', () => {
    const change = (changeId: string): ModelChange => ({
      changeId,
      date: '2026-10-01',
      pillar: 'process',
      description: 'd',
      source: 'practitioner-feedback',
    });
    const influence = times(6, (i) => response({ influence: i % 2 ? 3 : 4 })); // 3.5
    expect(reasoning(judge({ modelChanges: [change('a')] }, influence), 'QA5')).toBe(
      '1 change to the model this cycle came from practitioner feedback, and practitioners rate their influence on the model at 3.5 out of 5.',
    );
    expect(reasoning(judge({ modelChanges: [change('a'), change('b')] }, influence), 'QA5')).toBe(
      '2 changes to the model this cycle came from practitioner feedback, and practitioners rate their influence on the model at 3.5 out of 5.',
    );
    expect(reasoning(judge({ modelChanges: [change('a')] }), 'QA5')).toBe(
      "1 change to the model this cycle came from practitioner feedback; practitioners' view of their influence cannot be published without risking anonymity, so this rests on the changes alone and amber is the best it can be.",
    );
  });
});
