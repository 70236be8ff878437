import type { PillarKey } from './pillars';

/** The evidence QA leads import (SPEC section 5), as the evaluation sees it. */
export interface PeerReview {
  reviewId: string;
  date: string;
  division: string;
  pillar: PillarKey;
  rating: 1 | 2 | 3 | 4;
  reviewerType: 'internal' | 'external';
}

export type RecommendationStatus = 'open' | 'in_progress' | 'actioned' | 'declined';

export interface Recommendation {
  recommendationId: string;
  reviewId: string;
  pillar: PillarKey;
  text: string;
  due: string;
  status: RecommendationStatus;
  owner?: string;
  statusNote?: string;
  closedOn?: string;
  /** The day each status was first seen in an import: how long a recommendation sat at each stage. */
  statusHistory?: Partial<Record<RecommendationStatus, string>>;
}

export interface BoardReview {
  meetingId: string;
  date: string;
  objectiveIds: string[];
  dataSources?: string;
  projectsReviewed?: string;
  decisions?: string;
}

export interface Kpi {
  objectiveId: string;
  cycleId: string;
  actual: number;
  target?: number;
}

export type ChangeSource = 'practitioner-feedback' | 'peer-review' | 'board' | 'other';

export interface ModelChange {
  changeId: string;
  date: string;
  pillar: PillarKey;
  description: string;
  source: ChangeSource;
}

export interface Headcount {
  division: string;
  role: string;
  count: number;
}

/** One member of staff on the list for verified access: never the address, only its keyed hash. */
export interface StaffMember {
  emailHash: string;
  division: string;
  role: 'delivery' | 'leadership';
  /** Keyed hashes of the name's phrases, for holding comments that name them; never the name. */
  nameHashes?: string[];
}

export interface EvidenceByKind {
  'peer-reviews': PeerReview;
  recommendations: Recommendation;
  'board-reviews': BoardReview;
  kpis: Kpi;
  'model-changes': ModelChange;
  headcount: Headcount;
  staff: StaffMember;
}

export type EvidenceKindName = keyof EvidenceByKind;

export const EVIDENCE_KINDS: readonly EvidenceKindName[] = [
  'peer-reviews',
  'recommendations',
  'board-reviews',
  'kpis',
  'model-changes',
  'headcount',
  'staff',
];

/** The natural key each record is upserted by: re-importing the same row changes nothing. */
export const naturalKey: { [K in EvidenceKindName]: (r: EvidenceByKind[K]) => string } = {
  'peer-reviews': (r) => `${r.reviewId}#${r.division}#${r.pillar}`,
  recommendations: (r) => r.recommendationId,
  'board-reviews': (r) => r.meetingId,
  kpis: (r) => `${r.cycleId}#${r.objectiveId}`,
  'model-changes': (r) => r.changeId,
  headcount: (r) => `${r.division}#${r.role}`,
  staff: (r) => r.emailHash,
};

export interface CycleEvidence {
  peerReviews: PeerReview[];
  recommendations: Recommendation[];
  boardReviews: BoardReview[];
  kpis: Kpi[];
  modelChanges: ModelChange[];
  headcount: Headcount[];
}

/**
 * What an import writes for a record, given what is stored: the incoming row, except that a
 * recommendation keeps the day each status was first seen. Fields an import does not set are kept.
 */
export function mergeEvidence<K extends EvidenceKindName>(
  kind: K,
  incoming: EvidenceByKind[K],
  stored: EvidenceByKind[K] | undefined,
  today: string,
): EvidenceByKind[K] {
  if (kind !== 'recommendations') return incoming;
  const rec = incoming as Recommendation;
  const history = { ...((stored as Recommendation | undefined)?.statusHistory ?? {}) };
  history[rec.status] ??= today;
  return { ...rec, statusHistory: history } as EvidenceByKind[K];
}

/** The columns a file of each kind must have (more are allowed, in any order). */
export const REQUIRED_COLUMNS: Record<EvidenceKindName, readonly string[]> = {
  'peer-reviews': ['review_id', 'date', 'division', 'pillar', 'rating', 'reviewer_type'],
  recommendations: ['recommendation_id', 'review_id', 'pillar', 'text', 'due', 'status'],
  'board-reviews': ['meeting_id', 'date', 'objective_ids'],
  kpis: ['objective_id', 'cycle_id', 'actual'],
  'model-changes': ['change_id', 'date', 'pillar', 'description', 'source'],
  headcount: ['division', 'role', 'count'],
  staff: ['email', 'division', 'role'],
};
