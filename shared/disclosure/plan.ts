import { PILLAR_KEYS, PILLARS, type PillarKey } from '../domain/pillars';
import { BANDS, QUESTIONS, isPillar, sumCells, type CellStats, type Question } from '../domain/aggregate';
import { ROLES } from '../schemas/response';

/**
 * What may be published about a cycle's practitioners, before any figure is computed (SPEC
 * section 3). Every breakdown is one-dimensional and partitions the responses into groups that each
 * have at least k responses and at least k answers to every question shown for it; smaller groups
 * are reported together as one combined group. The audit (audit.ts) may withhold more.
 */
export type Dimension = 'division' | 'role';
export type GroupQuestion = 'safety' | 'influence';
export const GROUP_QUESTIONS: readonly GroupQuestion[] = ['safety', 'influence'];
export const COMBINED = 'combined';

export interface PlannedGroup {
  /** A division or role id, or `combined` for the small ones reported together. */
  id: string;
  members: string[];
}

export interface BreakdownPlan {
  by: Dimension;
  groups: PlannedGroup[];
  shows: GroupQuestion[];
}

export interface Plan {
  /** False when the form is still open or fewer than k responded: no practitioner figure at all. */
  computed: boolean;
  trustMeans: Question[];
  /**
   * Pillar questions whose answers are also shown by band (% disagree, neutral, agree): only where
   * each band has at least k answers, which makes any set of fewer than k answers able to have
   * answered all 1-2 or all 4-5. Only the pillars: published for the whole trust alone; the two
   * feedback questions are published by school and role, beside which a spread narrows small groups.
   */
  trustBands: Question[];
  division: BreakdownPlan | null;
  role: BreakdownPlan | null;
  comments: boolean;
  /** What is held back and why, in words for the report. */
  withheld: string[];
}

export interface PlanInput {
  cells: ReadonlyMap<string, CellStats>;
  responses: number;
  k: number;
  commentThreshold: number;
  /** The trust's division ids; a breakdown covers these, `undisclosed`, and any other seen in a cell. */
  divisions: readonly string[];
  formClosed: boolean;
}

export const QUESTION_WORDS: Record<Question, string> = {
  safety: 'feeling safe to give honest feedback',
  influence: 'feedback leading to change',
  ...(Object.fromEntries(PILLAR_KEYS.map((p) => [p, PILLARS[p].label.toLowerCase()])) as Record<
    PillarKey,
    string
  >),
};

export const DIMENSION_WORDS: Record<Dimension, string> = { division: 'division', role: 'role' };

/** The members a breakdown by this dimension partitions the responses into. */
export function membersOf(by: Dimension, input: Pick<PlanInput, 'cells' | 'divisions'>): string[] {
  if (by === 'division') {
    const seen = [...input.cells.keys()].map((key) => key.split('|')[0]!);
    return [...new Set([...input.divisions, 'undisclosed', ...seen])];
  }
  return [...ROLES];
}

export function statsOf(
  cells: ReadonlyMap<string, CellStats>,
  by: Dimension,
  members: readonly string[],
): CellStats {
  const set = new Set(members);
  return sumCells(cells, (d, r) => set.has(by === 'division' ? d : r));
}

/** A group may be shown when it has k responses and k answers to each question shown for it. */
const meetsK = (s: CellStats, shows: readonly GroupQuestion[], k: number) =>
  s.count >= k && shows.every((q) => s.answers[q].count >= k);

/**
 * The partition for one dimension: each member that meets k on its own is its own group; the rest
 * are combined, and while the combined group falls short of k the smallest group joins it. Null
 * when fewer than two groups would remain (a breakdown of one group is the trust itself).
 */
export function partition(
  input: PlanInput,
  by: Dimension,
  shows: readonly GroupQuestion[],
  alreadyCombined: readonly string[] = [],
): PlannedGroup[] | null {
  const members = membersOf(by, input);
  const stats = new Map(members.map((m) => [m, statsOf(input.cells, by, [m])]));
  const combined = new Set(alreadyCombined);
  let visible = members.filter((m) => !combined.has(m) && meetsK(stats.get(m)!, shows, input.k));
  for (const m of members) if (!visible.includes(m)) combined.add(m);
  for (;;) {
    const pool = statsOf(input.cells, by, [...combined]);
    if (pool.count === 0 || meetsK(pool, shows, input.k)) break;
    const smallest = [...visible].sort(
      (a, b) => stats.get(a)!.count - stats.get(b)!.count || a.localeCompare(b),
    )[0];
    if (smallest === undefined) break;
    combined.add(smallest);
    visible = visible.filter((m) => m !== smallest);
  }
  const pool = statsOf(input.cells, by, [...combined]);
  const groups: PlannedGroup[] = visible.map((m) => ({ id: m, members: [m] }));
  if (pool.count > 0) groups.push({ id: COMBINED, members: [...combined].sort() });
  // A combined group still short of k is left only when nothing visible was left to join it: then it
  // is the one group, and a breakdown of one group is never shown.
  return groups.length < 2 ? null : groups;
}

/** The richest breakdown for a dimension: both questions shown if that keeps two groups, else fewer. */
export function planBreakdown(input: PlanInput, by: Dimension, trustShows: readonly Question[]) {
  const candidates = GROUP_QUESTIONS.filter((q) => trustShows.includes(q));
  const attempts: GroupQuestion[][] = [
    candidates,
    ...candidates.map((q) => candidates.filter((c) => c !== q)),
    [],
  ];
  const best = attempts
    .map((shows) => ({ shows, groups: partition(input, by, shows) }))
    .filter((a): a is { shows: GroupQuestion[]; groups: PlannedGroup[] } => a.groups !== null)
    // Prefer more groups; the attempts are listed richest first and the sort is stable, so among as
    // many groups the one showing more questions wins, and between one question or the other, the
    // one left out first (safety).
    .sort((a, b) => b.groups.length - a.groups.length)[0];
  return best ? { by, groups: best.groups, shows: best.shows } : null;
}

/** A plan that publishes no practitioner figure, with the reason in words. */
export const withholdAll = (withheld: string[]): Plan => ({
  computed: false,
  trustMeans: [],
  trustBands: [],
  division: null,
  role: null,
  comments: false,
  withheld,
});

/** The plan by construction, before the audit. */
export function initialPlan(input: PlanInput): Plan {
  const { k } = input;
  const withheld: string[] = [];
  if (!input.formClosed) {
    return withholdAll([
      'The practitioner form is still open, so no practitioner figure is reported yet: they are worked out once, from the responses of the closed form.',
    ]);
  }
  if (input.responses < k) {
    return withholdAll([
      `Fewer than ${k} practitioners responded, so no practitioner figure is reported: any would risk showing how individuals answered.`,
    ]);
  }
  const trust = sumCells(input.cells, () => true);
  const trustMeans = QUESTIONS.filter((q) => trust.answers[q].count >= k);
  for (const q of QUESTIONS.filter((q) => !trustMeans.includes(q)))
    if (trust.answers[q].count > 0 || q === 'safety' || q === 'influence')
      withheld.push(
        `Fewer than ${k} practitioners answered on ${QUESTION_WORDS[q]}, so its average is not reported.`,
      );
  const banded = (q: Question) => BANDS.every((b) => trust.answers[q][b] >= k);
  const trustBands = trustMeans.filter(isPillar).filter(banded);
  for (const q of trustMeans.filter(isPillar).filter((q) => !banded(q)))
    withheld.push(
      `The spread of answers on ${QUESTION_WORDS[q]} is not shown: fewer than ${k} answers fell in at least one of its bands (1-2, 3, 4-5).`,
    );
  const division = planBreakdown(input, 'division', trustMeans);
  const role = planBreakdown(input, 'role', trustMeans);
  for (const [by, plan] of [
    ['division', division],
    ['role', role],
  ] as const) {
    if (!plan)
      withheld.push(
        `Responses are not broken down by ${DIMENSION_WORDS[by]}: no grouping gives every group at least ${k} responses.`,
      );
    else
      for (const q of GROUP_QUESTIONS.filter((q) => trustMeans.includes(q) && !plan.shows.includes(q)))
        withheld.push(
          `The average for ${QUESTION_WORDS[q]} is not shown by ${DIMENSION_WORDS[by]}: too few answered it in some groups.`,
        );
  }
  return {
    computed: true,
    trustMeans,
    trustBands,
    division,
    role,
    comments: input.responses >= input.commentThreshold,
    withheld,
  };
}
