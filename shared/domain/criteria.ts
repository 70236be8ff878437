import { PILLAR_KEYS, PILLARS } from './pillars';
import type { CycleEvidence } from './evidence';
import type { Cycle, RubricConfig, Thresholds } from './trust';
import { roundMean, roundShare, type PractitionerStatistics } from './statistics';
import { addDays, daysBetween, subtractMonths, ukDate, within } from './dates';
import {
  lowest,
  type CriterionId,
  type CriterionResult,
  type Rating,
  type TriangulationRow,
} from './evaluation';
import type { OverHeadcount } from './rubric';

/**
 * The five pillar-7 criteria, each judged on its own evidence (SPEC section 2): the rating, the
 * figures behind it and the reasoning in words. rubric.ts puts them together into an evaluation.
 */
export const CRITERIA: Record<CriterionId, string> = {
  QA1: "The board reviews the model's impact against the trust's objectives, its data and its projects",
  QA2: 'The model is peer reviewed, to a good standard, across all seven pillars',
  QA3: 'Review recommendations are considered and acted on with care',
  QA4: 'Practitioners can feed back on the model without fear or favour',
  QA5: 'Practitioner feedback shapes how the model is refined over time',
};

const pct = (x: number) => `${Math.round(x * 100)}%`;
// Sentences print a mean as the figures do (half up, one place), never a second rounding of their own.
const one = (x: number) => roundMean(x).toFixed(1);
const band = (value: number, t: { green: number; amber: number }): Rating =>
  value >= t.green ? 'green' : value >= t.amber ? 'amber' : 'red';
/** A rating held at amber at best: green becomes amber, amber and red stay as they are. */
const atMostAmber = (r: Rating): Rating => (r === 'green' ? 'amber' : r);

export type Judged = Omit<CriterionResult, 'trend' | 'title'>;

export function qa1(config: RubricConfig, cycle: Cycle, ev: CycleEvidence, t: Thresholds): Judged {
  const objectives = config.objectives.map((o) => o.id);
  if (objectives.length === 0)
    return {
      id: 'QA1',
      rating: 'grey',
      reasoning: 'No objectives are configured, so board coverage cannot be judged.',
      evidence: { recordIds: [], figures: {} },
    };
  const reviews = ev.boardReviews.filter((b) => within(b.date, cycle.start, cycle.end));
  const covered = objectives.filter((o) => reviews.some((r) => r.objectiveIds.includes(o)));
  const withKpi = new Set(ev.kpis.filter((k) => k.cycleId === cycle.id).map((k) => k.objectiveId));
  const missingKpi = objectives.filter((o) => !withKpi.has(o)).length;
  const share = covered.length / objectives.length;
  const figures = {
    objectives: objectives.length,
    covered: covered.length,
    coverage: share,
    kpisMissing: missingKpi,
  };
  const recordIds = reviews.map((r) => r.meetingId);
  if (reviews.length === 0)
    return {
      id: 'QA1',
      rating: 'red',
      reasoning: 'The board held no review of the model in this cycle.',
      evidence: { recordIds, figures },
    };
  const kpiCapped = missingKpi > objectives.length * t.qa1KpiMissingCap;
  const rating = kpiCapped ? atMostAmber(band(share, t.qa1Coverage)) : band(share, t.qa1Coverage);
  const reasoning =
    `Board reviews this cycle covered ${covered.length} of ${objectives.length} objectives (${pct(share)})` +
    (kpiCapped
      ? `, but KPI values are missing for ${missingKpi} of them, which holds the rating at amber at best.`
      : '.');
  return { id: 'QA1', rating, reasoning, evidence: { recordIds, figures } };
}

export function qa2(cycle: Cycle, ev: CycleEvidence, t: Thresholds): Judged {
  const from = addDays(subtractMonths(cycle.end, t.qa2WindowMonths), 1);
  const reviews = ev.peerReviews.filter((r) => within(r.date, from, cycle.end));
  const pillars = new Set(reviews.map((r) => r.pillar));
  const external = reviews.some((r) => r.reviewerType === 'external');
  const recordIds = [...new Set(reviews.map((r) => r.reviewId))];
  const figures = {
    windowFrom: from,
    windowTo: cycle.end,
    pillarsCovered: pillars.size,
    externalReviews: reviews.filter((r) => r.reviewerType === 'external').length,
  };
  if (reviews.length === 0)
    return {
      id: 'QA2',
      rating: 'red',
      reasoning: `No peer review is recorded between ${ukDate(from)} and ${ukDate(cycle.end)}.`,
      evidence: { recordIds, figures },
    };
  let rating = band(pillars.size, t.qa2PillarsCovered);
  const needsExternal = rating === 'green' && !external;
  if (needsExternal) rating = 'amber';
  const missing = PILLAR_KEYS.filter((p) => !pillars.has(p)).map((p) => PILLARS[p].label.toLowerCase());
  const reasoning =
    `Peer reviews in the last ${t.qa2WindowMonths} months covered ${pillars.size} of 7 pillars` +
    (missing.length ? ` (not ${missing.join(', ')})` : '') +
    (needsExternal ? ', but none had an external reviewer.' : '.');
  return { id: 'QA2', rating, reasoning, evidence: { recordIds, figures } };
}

export function qa3(cycle: Cycle, ev: CycleEvidence, t: Thresholds): Judged {
  const due = ev.recommendations.filter((r) => r.due <= cycle.end);
  const recordIds = due.map((r) => r.recommendationId);
  if (due.length === 0)
    return {
      id: 'QA3',
      rating: 'grey',
      reasoning: 'No recommendation fell due by the end of the cycle.',
      evidence: { recordIds, figures: { due: 0 } },
    };
  const isClosed = (r: (typeof due)[number]) =>
    r.status === 'actioned' || (r.status === 'declined' && Boolean(r.statusNote));
  const closed = due.filter(isClosed).length;
  const longOverdue = due.filter(
    (r) => !isClosed(r) && daysBetween(r.due, cycle.end) > t.qa3OverdueDaysCap,
  ).length;
  const share = closed / due.length;
  const rating = longOverdue > 0 ? atMostAmber(band(share, t.qa3Closed)) : band(share, t.qa3Closed);
  const reasoning =
    `${closed} of ${due.length} recommendations due by the end of the cycle are closed (${pct(share)})` +
    (longOverdue > 0
      ? `, and ${longOverdue} ${longOverdue === 1 ? 'is' : 'are'} open more than ${t.qa3OverdueDaysCap} days past due.`
      : '.');
  return {
    id: 'QA3',
    rating,
    reasoning,
    evidence: { recordIds, figures: { due: due.length, closed, share, longOverdue } },
  };
}

export function qa4(
  p: PractitionerStatistics,
  headcount: number | null,
  k: number,
  t: Thresholds,
  over: OverHeadcount = null,
): Judged {
  const n = p.responses;
  if (over && n !== null)
    return {
      id: 'QA4',
      rating: 'grey',
      reasoning:
        over === 'trust'
          ? `${n} responses arrived, more than the ${headcount} staff in the imported headcount, so participation cannot be relied on this cycle: check the headcount import and how the form's link was shared.`
          : `More responses arrived from at least one school than the imported headcount says it has staff, so participation cannot be relied on this cycle: check the headcount import and how the form's link was shared.`,
      evidence: { recordIds: [], figures: { responses: n, headcount } },
    };
  if (n === null)
    return {
      id: 'QA4',
      rating: 'grey',
      reasoning: p.computed
        ? 'Practitioner figures are withheld this cycle to protect anonymity, so this cannot be judged.'
        : `Practitioner figures are not available: ${p.withheld[0] ?? `fewer than ${k} practitioners responded.`}`,
      evidence: { recordIds: [], figures: { responses: null } },
    };
  const safety = p.means.safety;
  if (safety === undefined)
    return {
      id: 'QA4',
      rating: 'grey',
      reasoning: `The figure for how safe practitioners feel to give honest feedback cannot be published without risking anonymity (fewer than ${k} answered, or it would narrow down a small group's answers).`,
      evidence: { recordIds: [], figures: { responses: n } },
    };
  const safetyRating = band(safety, t.qa4Safety);
  if (headcount === null || headcount === 0)
    return {
      id: 'QA4',
      rating: safetyRating,
      reasoning: `Practitioners rate how safe it is to give honest feedback at ${one(safety)} out of 5; no headcount was imported, so participation is not judged.`,
      evidence: {
        recordIds: [],
        figures: { responses: n, safetyMean: roundMean(safety), participation: null },
      },
    };
  const participation = n / headcount;
  const rating = lowest([band(participation, t.qa4Participation), safetyRating]);
  return {
    id: 'QA4',
    rating,
    reasoning: `${pct(participation)} of practitioners responded, and they rate how safe it is to give honest feedback at ${one(safety)} out of 5.`,
    evidence: {
      recordIds: [],
      figures: {
        responses: n,
        headcount,
        participation: roundShare(participation),
        safetyMean: roundMean(safety),
      },
    },
  };
}

export function qa5(cycle: Cycle, ev: CycleEvidence, p: PractitionerStatistics, t: Thresholds): Judged {
  const changes = ev.modelChanges.filter(
    (c) => c.source === 'practitioner-feedback' && within(c.date, cycle.start, cycle.end),
  );
  const recordIds = changes.map((c) => c.changeId);
  const enough = changes.length >= t.qa5MinChanges;
  const changeText = `${changes.length} change${changes.length === 1 ? '' : 's'} to the model this cycle came from practitioner feedback`;
  const influence = p.means.influence;
  if (influence === undefined)
    return {
      id: 'QA5',
      rating: enough ? 'amber' : 'red',
      reasoning: enough
        ? `${changeText}; practitioners' view of their influence cannot be published without risking anonymity, so this rests on the changes alone and amber is the best it can be.`
        : `${changeText}, fewer than the ${t.qa5MinChanges} the trust looks for, and practitioners' view of their influence cannot be published without risking anonymity: nothing shows feedback shaping the model.`,
      evidence: { recordIds, figures: { changesFromFeedback: changes.length, influenceMean: null } },
    };
  const heard = influence >= t.qa5Influence;
  const rating: Rating = enough && heard ? 'green' : enough || heard ? 'amber' : 'red';
  return {
    id: 'QA5',
    rating,
    reasoning: `${changeText}, and practitioners rate their influence on the model at ${one(influence)} out of 5.`,
    evidence: {
      recordIds,
      figures: { changesFromFeedback: changes.length, influenceMean: roundMean(influence) },
    },
  };
}

export function triangulate(
  cycle: Cycle,
  ev: CycleEvidence,
  p: PractitionerStatistics,
  gapLimit: number,
): TriangulationRow[] {
  return PILLAR_KEYS.map((pillar) => {
    const reviews = ev.peerReviews.filter((r) => r.pillar === pillar && r.date <= cycle.end);
    // Stryker disable next-line EqualityOperator: of two reviews on the same day, either gives that day
    const latest = reviews.reduce<string | null>((d, r) => (d === null || r.date > d ? r.date : d), null);
    const onLatest = reviews.filter((r) => r.date === latest);
    const peerMean = onLatest.length ? onLatest.reduce((s, r) => s + r.rating, 0) / onLatest.length : null;
    const peerScaled = peerMean === null ? null : 1 + ((peerMean - 1) * 4) / 3;
    const practitionerMean = p.means[pillar] ?? null;
    const gap =
      peerScaled !== null && practitionerMean !== null ? Math.abs(peerScaled - practitionerMean) : null;
    return {
      pillar,
      peerReviewDate: latest,
      peerScaled: peerScaled === null ? null : roundMean(peerScaled),
      practitionerMean: practitionerMean === null ? null : roundMean(practitionerMean),
      practitionerCount: p.answered[pillar] ?? null,
      // The gap is printed rounded: unrounded, it would give away the exact practitioner mean.
      gap: gap === null ? null : roundMean(gap),
      sourcesDisagree: gap !== null && gap >= gapLimit,
    };
  });
}
