import type { PillarKey } from './pillars';
import type { Question } from './aggregate';
import type { DisclosureAudit, GroupFigures } from './statistics';

/** A group in a published breakdown: one division or role, or `combined` (its members listed). */
export type PublishedGroup = GroupFigures & {
  /** The group's response rate by the imported headcount (absent before rates were published). */
  participation?: number | null;
};

export const RUBRIC_VERSION = '1.0.0';
export const EVALUATION_SCHEMA_VERSION = 2 as const;

export type Rating = 'green' | 'amber' | 'red' | 'grey';
export type Trend = 'up' | 'down' | 'same' | 'new';
export type CriterionId = 'QA1' | 'QA2' | 'QA3' | 'QA4' | 'QA5';

export interface CriterionResult {
  id: CriterionId;
  title: string;
  rating: Rating;
  reasoning: string;
  evidence: {
    recordIds: string[];
    figures: Record<string, number | string | null>;
    /** The same evidence in words for the board (meetings, reviews, changes): never ids. */
    sources?: string[];
  };
  trend: Trend;
}

export interface TriangulationRow {
  pillar: PillarKey;
  peerReviewDate: string | null;
  peerScaled: number | null;
  practitionerMean: number | null;
  practitionerCount: number | null;
  gap: number | null;
  sourcesDisagree: boolean;
}

export interface AnswerBands {
  question: Question;
  disagree: number;
  neutral: number;
  agree: number;
}

export interface Evaluation {
  schemaVersion: typeof EVALUATION_SCHEMA_VERSION;
  rubricVersion: string;
  configHash: string;
  trustName: string;
  cycleId: string;
  cycleStart: string;
  cycleEnd: string;
  evaluatedAt: string;
  previousCycleId: string | null;
  /** The minimum group size and comment threshold every figure here respects. */
  anonymity: { k: number; commentThreshold: number; raisedByForms: boolean };
  overall: { rating: Rating; greyCount: number; trend: Trend };
  criteria: CriterionResult[];
  triangulation: TriangulationRow[];
  boardQuestions: { criterion: CriterionId; questions: string[] }[];
  practitioners: {
    responses: number | null;
    headcount: number | null;
    participation: number | null;
    safetyMean: number | null;
    influenceMean: number | null;
    /**
     * Trust-wide shares of each question's answers that disagree (1-2), are neutral (3) or agree
     * (4-5), as whole percentages; absent in evaluations from before they were published.
     */
    answerBands?: AnswerBands[];
    byDivision: PublishedGroup[];
    byRole: PublishedGroup[];
    comments: string[];
    commentsTotal: number | null;
    /** What was held back to protect anonymity, and why, in words. */
    withheld: string[];
    /** How practitioners reached the form this cycle (absent in evaluations from before access modes). */
    access?: 'verified' | 'open';
  };
  /** The disclosure audit these figures passed; null for an evaluation that was never audited. */
  disclosureAudit: DisclosureAudit | null;
  recommendations: {
    recommendationId: string;
    pillar: PillarKey;
    text: string;
    owner?: string | null;
    due: string;
    status: string;
    closed: boolean;
    /** Days past due on the report's own day (the cycle's last day at the latest). */
    daysOverdue: number | null;
  }[];
  changesFromFeedback: { changeId: string; date: string; pillar: PillarKey; description: string }[];
  /**
   * The QA lead's review, added when the report is published (never stored with the evaluation): a
   * draft, or the approved report with the QA lead's commentary and what moderation held back.
   */
  review?: Review;
}

export interface Review {
  status: 'draft' | 'approved';
  /** The day a QA lead approved the report (never who). */
  approvedOn?: string;
  /** The QA lead's words for the board, as written. */
  commentary?: string;
  /**
   * Comments screening held for the QA lead and not yet decided (drafts only), withheld, or redacted;
   * and those erased for data protection (absent when none was).
   */
  moderation: { held: number; withheld: number; redacted: number; erased?: number };
}

const RANK: Record<Exclude<Rating, 'grey'>, number> = { red: 0, amber: 1, green: 2 };

export function lowest(ratings: Rating[]): Rating {
  const judged = ratings.filter((r): r is Exclude<Rating, 'grey'> => r !== 'grey');
  if (judged.length === 0) return 'grey';
  // Stryker disable next-line EqualityOperator: of two ratings of the same rank, either is the lowest
  return judged.reduce((lo, r) => (RANK[r] < RANK[lo] ? r : lo));
}

export function trendOf(current: Rating, previous: Rating | undefined): Trend {
  if (previous === undefined || current === 'grey' || previous === 'grey') return 'new';
  const d = RANK[current] - RANK[previous];
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same';
}
