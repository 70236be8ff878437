import type { Band, Question } from './aggregate';

// The practitioner figures an evaluation may publish, as shared/disclosure/publish-statistics.ts
// lets them out: the rubric judges only these, and reports print only these, rounded.

export interface GroupFigures {
  group: string;
  members: string[];
  count: number;
  safetyMean: number | null;
  influenceMean: number | null;
}

/**
 * The audit's record, as published. Nothing in it depends on how many small groups there are (that
 * count would itself say something about the cells): the sets examined follow from the config, and
 * the narrowest intervals are the guarantees proven for every small set.
 */
export interface DisclosureAudit {
  solver: string;
  /** Every set of respondents describable by division and role that the audit examined. */
  setsChecked: number;
  rounds: number;
  /** No small set's count could be narrowed to fewer than this many values apart (1: not pinned). */
  narrowestCountInterval: number;
  /** No small set's answer sum could be narrowed below this share of its possible range. */
  narrowestSumShare: number;
  withheldByAudit: number;
  earlierPublications: number;
  milliseconds: number;
}

export type BandShares = Record<Band, number>;

export interface PractitionerStatistics {
  computed: boolean;
  responses: number | null;
  /** Trust-wide means, exact; only for questions whose figure may be published. */
  means: Partial<Record<Question, number>>;
  /** Trust-wide shares of answers by band (exact; published as whole percentages). */
  bands: Partial<Record<Question, BandShares>>;
  /** How many answered each pillar question, published beside its mean. */
  answered: Partial<Record<Question, number>>;
  byDivision: GroupFigures[];
  byRole: GroupFigures[];
  comments: string[];
  commentsTotal: number | null;
  withheld: string[];
  audit: DisclosureAudit | null;
}

/** Published figures are rounded: means to one decimal, shares to whole percentages. */
export const roundMean = (x: number) => Math.round(x * 10) / 10;
export const roundShare = (x: number) => Math.round(x * 100) / 100;
