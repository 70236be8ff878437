import type { PublishedPractitioners } from '../../shared/disclosure/facts';
import type { CycleEvidence, PeerReview, Recommendation } from '../../shared/domain/evidence';
import type { Cycle } from '../../shared/domain/trust';
import type { PillarKey } from '../../shared/domain/pillars';
import { ResponseAggregator } from '../../shared/domain/aggregate';
import type { StoredResponse } from '../../shared/schemas/response';
import type { TrustConfig } from '../../shared/schemas/config';
import type { CriterionId, Evaluation } from '../../shared/domain/evaluation';
import { evaluate } from '../../shared/domain/rubric';
import {
  publishPractitionerStatistics,
  realise,
  type DisclosureSettings,
} from '../../shared/disclosure/publish-statistics';
import { initialPlan } from '../../shared/disclosure/plan';
import type { PractitionerStatistics } from '../../shared/domain/statistics';
import { highsSolver } from '../../shared/disclosure/solver';
import { newFormId, type Form } from '../../shared/domain/forms';

export const emptyEvidence = (): CycleEvidence => ({
  peerReviews: [],
  recommendations: [],
  boardReviews: [],
  kpis: [],
  modelChanges: [],
  headcount: [],
});

let seq = 0;
export function response(patch: Partial<StoredResponse> = {}): StoredResponse {
  seq += 1;
  return {
    responseId: `r-${seq}`,
    cycleId: '2026-autumn',
    ratings: {},
    role: 'delivery',
    division: 'oak-primary',
    ...patch,
  };
}

export function aggregate(responses: StoredResponse[], seed = '2026-autumn'): ResponseAggregator {
  const agg = new ResponseAggregator(seed);
  for (const r of responses) agg.add(r);
  return agg;
}

export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

/** The autumn cycle of a trust judged on no evidence and the given responses: a quick, valid evaluation. */
export function evaluationOf(config: TrustConfig, responses: StoredResponse[] = []): Evaluation {
  return judgeEvidence(config, config.cycles[2]!, {}, responses);
}

/**
 * The rubric's judgement of a cycle on this evidence (the rest empty) and the figures planned from
 * these responses, without the audit, the day after the autumn cycle ends: for rubric tests.
 */
export function judgeEvidence(
  config: TrustConfig,
  cycle: Cycle,
  evidence: Partial<CycleEvidence>,
  responses: StoredResponse[] | ResponseAggregator = [],
  previous?: Evaluation,
): Evaluation {
  return evaluate({
    config,
    configHash: 'h',
    cycle,
    evidence: { ...emptyEvidence(), ...evidence },
    practitioners: practitionersOf(config, Array.isArray(responses) ? aggregate(responses) : responses),
    previous,
    now: new Date('2026-12-19T00:00:00Z'),
  });
}

/** One criterion of an evaluation. */
export const criterionOf = (e: Evaluation, id: CriterionId) => e.criteria.find((c) => c.id === id)!;

/** Recommendation R{i} of a peer review, open and due on 30 November 2026 unless `patch` says otherwise. */
export const recommendation = (i: number, patch: Partial<Recommendation> = {}): Recommendation => ({
  recommendationId: `R${i}`,
  reviewId: 'PR',
  pillar: 'vision',
  text: 't',
  due: '2026-11-30',
  status: 'open',
  ...patch,
});

/** A trust-wide internal peer review of one pillar on 1 June 2026, rated 3, unless `patch` says otherwise. */
export const peerReview = (pillar: PillarKey, patch: Partial<PeerReview> = {}): PeerReview => ({
  reviewId: `PR-${pillar}`,
  date: '2026-06-01',
  division: 'trust',
  pillar,
  rating: 3,
  reviewerType: 'internal',
  ...patch,
});

/** As evaluationOf, with the disclosure audit run for real: an evaluation the publish step accepts. */
export async function auditedEvaluationOf(
  config: TrustConfig,
  responses: StoredResponse[] = [],
): Promise<Evaluation> {
  const practitioners = await publishPractitionerStatistics(
    aggregate(responses),
    { ...config.anonymity, divisions: config.divisions.map((d) => d.id), formClosed: true },
    { solver: highsSolver },
  );
  return evaluate({
    config,
    configHash: 'h',
    cycle: config.cycles[2]!,
    evidence: emptyEvidence(),
    practitioners,
    now: new Date('2026-12-19T00:00:00Z'),
  });
}

/**
 * The figures the plan allows by construction, without the audit: for judging rubric rules in
 * isolation. `audit` is null, and the publish step refuses an evaluation built from these.
 */
export function unauditedStatistics(
  agg: ResponseAggregator,
  settings: DisclosureSettings,
): PractitionerStatistics {
  return realise(initialPlan({ cells: agg.cells, responses: agg.responses, ...settings }), agg);
}

/** The practitioner figures of a closed form as planned, without the audit: for rubric tests. */
export function practitionersOf(
  config: TrustConfig,
  agg: ResponseAggregator,
  anonymity: { k: number; commentThreshold: number } = config.anonymity,
): PractitionerStatistics {
  return unauditedStatistics(agg, {
    ...anonymity,
    divisions: config.divisions.map((d) => d.id),
    formClosed: true,
  });
}

/** A form open from 2020 to 2099 under the default anonymity settings, for tests that need one to post to. */
export function openForm(cycleId: string, patch: Partial<Form> = {}): Form {
  return {
    formId: patch.formId ?? newFormId(),
    cycleId,
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    anonymity: { k: 5, commentThreshold: 10 },
    ...patch,
  };
}

/** The form the sample event (events/http/submit-response.json) posts to, open for years. */
export const EVENT_FORM: Form = openForm('2026-autumn', { formId: 'Q3xk9fT2mZbL0vY7hN4pR8sW' });

/** Figures published earlier, as the audit reads them back: these, and nothing else. */
export const publishedOnly = (p: Partial<PublishedPractitioners> = {}): PublishedPractitioners => ({
  responses: null,
  safetyMean: null,
  influenceMean: null,
  byDivision: [],
  byRole: [],
  commentsTotal: null,
  pillars: [],
  bands: [],
  ...p,
});
