import { QUESTIONS } from './aggregate';
import type { CycleEvidence } from './evidence';
import type { Cycle, RubricConfig } from './trust';
import { roundMean, roundShare, type PractitionerStatistics } from './statistics';
import { evidenceWords } from './evidence-words';
import { daysBetween, reportDay, within } from './dates';
import {
  EVALUATION_SCHEMA_VERSION,
  RUBRIC_VERSION,
  lowest,
  trendOf,
  type CriterionId,
  type CriterionResult,
  type Evaluation,
} from './evaluation';

import { CRITERIA, qa1, qa2, qa3, qa4, qa5, triangulate } from './criteria';

const BOARD_QUESTIONS: Record<CriterionId, string[]> = {
  QA1: [
    'Which of our objectives has the board not looked at this cycle, and when will it?',
    'What data would tell us the improvement model is working for these objectives?',
  ],
  QA2: [
    'Which pillars have gone without a peer review this year, and why?',
    'How do we know our peer reviews are rigorous: who from outside the trust has reviewed us?',
  ],
  QA3: [
    'Which recommendations are overdue, who owns them, and what is in the way?',
    'When we decline a recommendation, is the reason recorded and sound?',
  ],
  QA4: [
    'Why might practitioners not be responding, or not feel safe to be honest?',
    'What would make giving feedback on the model feel safer and more worthwhile?',
  ],
  QA5: [
    'What have we changed in the model because practitioners told us to?',
    'How do we tell practitioners what happened to their feedback?',
  ],
};

export interface EvaluateInput {
  config: RubricConfig;
  configHash: string;
  cycle: Cycle;
  evidence: CycleEvidence;
  /** The practitioner figures that may be published, from shared/disclosure: nothing else is read. */
  practitioners: PractitionerStatistics;
  previous?: Evaluation;
  now: Date;
  /** The k and comment threshold the cycle is reported under; the config's unless its forms say stricter. */
  anonymity?: { k: number; commentThreshold: number; raisedByForms?: boolean };
  /** Where more responses arrived than the headcount says there are staff (see overHeadcount). */
  overHeadcount?: OverHeadcount;
  /** How practitioners reached the cycle's form: the report says so beside the figures. */
  access?: 'verified' | 'open';
}

export type OverHeadcount = 'trust' | 'division' | null;

/**
 * More responses than staff, for the trust or for a division (by the imported headcount): the form
 * counted requests, not people, or the headcount is out of date. Either way participation cannot be
 * relied on. Which division is never said: that would be a bound on one small group's count.
 */
export function overHeadcount(
  responsesByDivision: ReadonlyMap<string, number>,
  headcount: readonly { division: string; count: number }[],
): OverHeadcount {
  if (!headcount.length) return null;
  const staff = new Map<string, number>();
  for (const h of headcount) staff.set(h.division, (staff.get(h.division) ?? 0) + h.count);
  const total = [...staff.values()].reduce((a, b) => a + b, 0);
  const responses = [...responsesByDivision.values()].reduce((a, b) => a + b, 0);
  if (responses > total) return 'trust';
  // The headcount lists configured schools only, never "undisclosed": a school it does not list is not judged.
  for (const [division, n] of responsesByDivision)
    if (n > (staff.get(division) ?? Infinity)) return 'division';
  return null;
}

/** Judges one cycle against the five pillar-7 criteria. Pure: the same input gives the same output. */
export function evaluate({
  config,
  configHash,
  cycle,
  evidence,
  practitioners: p,
  previous,
  now,
  anonymity,
  overHeadcount = null,
  access,
}: EvaluateInput): Evaluation {
  const t = config.thresholds;
  const { k, commentThreshold } = anonymity ?? config.anonymity;
  const asOf = reportDay(now.toISOString().slice(0, 10), cycle.end);
  const headcountTotal = evidence.headcount.length
    ? evidence.headcount.reduce((s, h) => s + h.count, 0)
    : null;
  const judged = [
    qa1(config, cycle, evidence, t),
    qa2(cycle, evidence, t),
    qa3(cycle, evidence, t),
    qa4(p, headcountTotal, k, t, overHeadcount),
    qa5(cycle, evidence, p, t),
  ];
  const prior = new Map(previous?.criteria.map((c) => [c.id, c.rating]));
  const criteria: CriterionResult[] = judged.map((j) => ({
    ...j,
    evidence: { ...j.evidence, sources: evidenceWords(j.id, j.evidence.recordIds, evidence, config) },
    title: CRITERIA[j.id],
    trend: trendOf(j.rating, prior.get(j.id)),
  }));
  const overall = lowest(criteria.map((c) => c.rating));
  const rounded = (x: number | null | undefined) => (x === null || x === undefined ? null : roundMean(x));
  // A group's response rate, where the headcount names every member: its count is published anyway.
  const staffOf = (by: 'division' | 'role', member: string) =>
    evidence.headcount.filter((h) => h[by] === member).reduce((s, h) => s + h.count, 0);
  const groups = (list: PractitionerStatistics['byDivision'], by: 'division' | 'role') =>
    list.map((g) => {
      const staff = g.members.map((m) => staffOf(by, m));
      const rate =
        overHeadcount === null && staff.every((n) => n > 0)
          ? g.count / staff.reduce((a, b) => a + b, 0)
          : null;
      // More answered than the headcount lists (a stale headcount, or a shared link): no rate.
      return {
        ...g,
        safetyMean: rounded(g.safetyMean),
        influenceMean: rounded(g.influenceMean),
        participation: rate === null || rate > 1 ? null : roundShare(rate),
      };
    });

  return {
    schemaVersion: EVALUATION_SCHEMA_VERSION,
    rubricVersion: RUBRIC_VERSION,
    configHash,
    trustName: config.trust.name,
    cycleId: cycle.id,
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
    evaluatedAt: now.toISOString(),
    previousCycleId: previous?.cycleId ?? null,
    anonymity: { k, commentThreshold, raisedByForms: anonymity?.raisedByForms ?? false },
    overall: {
      rating: overall,
      greyCount: criteria.filter((c) => c.rating === 'grey').length,
      trend: trendOf(overall, previous?.overall.rating),
    },
    criteria,
    triangulation: triangulate(cycle, evidence, p, t.triangulationGap),
    boardQuestions: criteria
      .filter((c) => c.rating === 'amber' || c.rating === 'red')
      .map((c) => ({ criterion: c.id, questions: BOARD_QUESTIONS[c.id] })),
    practitioners: {
      responses: p.responses,
      headcount: headcountTotal,
      participation: p.responses !== null && headcountTotal ? roundShare(p.responses / headcountTotal) : null,
      safetyMean: rounded(p.means.safety),
      influenceMean: rounded(p.means.influence),
      answerBands: QUESTIONS.flatMap((question) => {
        const b = p.bands[question];
        return b
          ? [
              {
                question,
                disagree: roundShare(b.disagree),
                neutral: roundShare(b.neutral),
                agree: roundShare(b.agree),
              },
            ]
          : [];
      }),
      byDivision: groups(p.byDivision, 'division'),
      byRole: groups(p.byRole, 'role'),
      comments: p.comments,
      commentsTotal: p.commentsTotal,
      withheld: p.withheld,
      ...(access ? { access } : {}),
    },
    disclosureAudit: p.audit,
    recommendations: evidence.recommendations
      .filter((r) => r.due <= cycle.end || r.status === 'open' || r.status === 'in_progress')
      .map((r) => {
        const closed = r.status === 'actioned' || (r.status === 'declined' && Boolean(r.statusNote));
        // Overdue as of the report's own day (the cycle's last day at the latest), not a day still to come.
        const overdue = !closed && r.due < asOf ? daysBetween(r.due, asOf) : null;
        return {
          recommendationId: r.recommendationId,
          pillar: r.pillar,
          text: r.text,
          owner: r.owner ?? null,
          due: r.due,
          status: r.status,
          closed,
          daysOverdue: overdue,
        };
      })
      .sort((a, b) => a.due.localeCompare(b.due)),
    changesFromFeedback: evidence.modelChanges
      .filter((c) => c.source === 'practitioner-feedback' && within(c.date, cycle.start, cycle.end))
      .map(({ changeId, date, pillar, description }) => ({ changeId, date, pillar, description })),
  };
}
