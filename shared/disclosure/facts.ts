import type { Evaluation } from '../domain/evaluation';
import {
  BANDS,
  QUESTIONS,
  cellKey,
  isPillar,
  sumCells,
  type CellStats,
  type Question,
} from '../domain/aggregate';
import { universeOf, type Fact } from './audit';
import type { BandShares, PractitionerStatistics } from '../domain/statistics';
import type { DisclosureSettings } from './publish-statistics';
import { COMBINED, membersOf, statsOf, GROUP_QUESTIONS, type PlanInput } from './plan';

// What a reader learns from published figures, as facts the audit (audit.ts) reads: from the
// figures themselves, from their arrangement, from earlier publications and from the headcount.

/**
 * What a reader who knows the headcount knows besides the figures: no school and role has more
 * respondents than staff, nor any school as a whole. Given to the audit as facts, so a small group
 * cannot be pinned against a headcount. Where more responded than the headcount says (a stale
 * import), the cap is the true number instead, so the facts stay true.
 */
export function headcountFacts(input: PlanInput, headcount: DisclosureSettings['headcount']): Fact[] {
  if (!headcount?.length || !input.formClosed) return [];
  const universe = universeOf(membersOf('division', input));
  const facts: Fact[] = [];
  const actual = (cells: string[]) => {
    const set = new Set(cells);
    return sumCells(input.cells, (d, r) => set.has(cellKey(d, r))).count;
  };
  const byDivision = new Map<string, number>();
  for (const h of headcount) {
    if (!universe.divisions.includes(h.division) || h.division === 'undisclosed') continue;
    byDivision.set(h.division, (byDivision.get(h.division) ?? 0) + h.count);
    const cells = [cellKey(h.division, h.role)];
    facts.push({ kind: 'count', cells, lower: 0, upper: Math.max(h.count, actual(cells)) });
  }
  // A school with more responses than staff makes the report say so (QA4, and no response rates):
  // a reader then knows some school is over its headcount. The audit is told which, and by how much
  // at least; every other school is within its headcount.
  for (const [division, staff] of byDivision) {
    const cells = cellsOf([division], universe.roles);
    const n = actual(cells);
    facts.push(
      n > staff
        ? { kind: 'count', cells, lower: staff + 1, upper: Infinity }
        : { kind: 'count', cells, lower: 0, upper: staff },
    );
  }
  return facts;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const fraction = (sum: number, count: number): [number, number] => {
  const g = gcd(sum, count) || 1;
  return [sum / g, count / g];
};

function cellsOf(divisions: readonly string[], roles: readonly string[]): string[] {
  return divisions.flatMap((d) => roles.map((r) => cellKey(d, r)));
}

/** The facts a reader learns from these figures, with means exact: stronger than what is printed. */
export function factsOf(stats: PractitionerStatistics, input: PlanInput): Fact[] {
  const universe = universeOf(membersOf('division', input));
  const all = cellsOf(universe.divisions, universe.roles);
  const facts: Fact[] = [];
  if (!input.formClosed) return facts;
  // Nothing computed (too few responded, or the audit withheld every figure): realise() gives no count.
  if (stats.responses === null) {
    // "Fewer than k responded" is itself a published fact; figures withheld by the audit say nothing.
    if (input.responses < input.k) facts.push({ kind: 'count', cells: all, lower: 0, upper: input.k - 1 });
    return facts;
  }
  facts.push({ kind: 'count', cells: all, lower: stats.responses, upper: stats.responses });
  const exactMean = (q: Question, cells: string[]) => {
    const set = new Set(cells);
    const s = sumCells(input.cells, (d, r) => set.has(cellKey(d, r)));
    const f = fraction(s.answers[q].sum, s.answers[q].count);
    facts.push({ kind: 'mean', question: q, cells, lower: f, upper: f });
    facts.push({ kind: 'answered', question: q, cells, lower: input.k, upper: Infinity });
  };
  for (const q of QUESTIONS) if (stats.means[q] !== undefined) exactMean(q, all);
  const trust = sumCells(input.cells, () => true);
  for (const q of QUESTIONS)
    if (stats.bands[q])
      for (const band of BANDS) {
        const f = fraction(trust.answers[q][band], trust.answers[q].count);
        facts.push({ kind: 'share', question: q, band, cells: all, lower: f, upper: f });
      }
  for (const q of QUESTIONS) {
    const a = stats.answered[q];
    if (a !== undefined) facts.push({ kind: 'answered', question: q, cells: all, lower: a, upper: a });
  }
  for (const [by, groups] of [
    ['division', stats.byDivision],
    ['role', stats.byRole],
  ] as const)
    for (const g of groups) {
      const cells =
        by === 'division' ? cellsOf(g.members, universe.roles) : cellsOf(universe.divisions, g.members);
      facts.push({ kind: 'count', cells, lower: g.count, upper: g.count });
      if (g.safetyMean !== null) exactMean('safety', cells);
      if (g.influenceMean !== null) exactMean('influence', cells);
    }
  if (stats.commentsTotal !== null)
    facts.push({ kind: 'comments', cells: all, lower: stats.commentsTotal, upper: stats.commentsTotal });
  return facts;
}

/**
 * What a reader can infer from how the figures were arranged, as facts for the audit. The grouping
 * rules are public: a school reported inside the combined group had fewer than k responses, or
 * fewer than k answers to a question shown, or was the smallest group pulled in to make the
 * combined one big enough; a breakdown that is missing, or a mean left out, says something similar.
 * Rather than model each inference, the audit is given the true outcome of every test those rules
 * can make (each single division and role, and each combined group, at least k or fewer, in
 * responses and in answers to each question; a group pulled in no larger than any group shown; each
 * trust-wide question answered by at least k or fewer). That is at least all a reader could infer,
 * so figures that pass the audit with these facts pass it against any reader.
 */
export function arrangementFacts(stats: PractitionerStatistics, input: PlanInput): Fact[] {
  if (!input.formClosed || stats.responses === null) return [];
  const { k } = input;
  const universe = universeOf(membersOf('division', input));
  const all = cellsOf(universe.divisions, universe.roles);
  const side = (n: number) => (n >= k ? { lower: k, upper: Infinity } : { lower: 0, upper: k - 1 });
  const facts: Fact[] = [];
  const tests = (cells: string[], s: CellStats) => {
    facts.push({ kind: 'count', cells, ...side(s.count) });
    for (const q of GROUP_QUESTIONS)
      facts.push({ kind: 'answered', question: q, cells, ...side(s.answers[q].count) });
  };
  for (const [by, groups] of [
    ['division', stats.byDivision],
    ['role', stats.byRole],
  ] as const) {
    const cellsFor = (members: string[]) =>
      by === 'division' ? cellsOf(members, universe.roles) : cellsOf(universe.divisions, members);
    for (const m of membersOf(by, input)) tests(cellsFor([m]), statsOf(input.cells, by, [m]));
    const shown = groups.filter((g) => g.group !== COMBINED);
    const shows = GROUP_QUESTIONS.filter((q) =>
      groups.some((g) => (q === 'safety' ? g.safetyMean : g.influenceMean) !== null),
    );
    const meetsK = (s: CellStats) => s.count >= k && shows.every((q) => s.answers[q].count >= k);
    for (const g of groups.filter((g) => g.group === COMBINED)) {
      tests(cellsFor(g.members), statsOf(input.cells, by, g.members));
      // A member that could have been shown on its own (k responses, and k answers to each question
      // shown) was pulled in as the smallest group; a tie goes to the first id, so it is smaller
      // than every group shown whose id comes before its own.
      // Stryker disable next-line ConditionalExpression: with no group shown the cap would be Infinity, which the member's own test above already says
      if (shown.length)
        for (const m of g.members)
          if (meetsK(statsOf(input.cells, by, [m])))
            facts.push({
              kind: 'count',
              cells: cellsFor([m]),
              lower: k,
              // Stryker disable next-line EqualityOperator: a member of the combined group is never a group shown, so the two ids never tie
              upper: Math.min(...shown.map((s) => s.count - (s.group.localeCompare(m) < 0 ? 1 : 0))),
            });
    }
  }
  const trust = sumCells(input.cells, () => true);
  for (const q of QUESTIONS)
    facts.push({ kind: 'answered', question: q, cells: all, ...side(trust.answers[q].count) });
  // A pillar's spread is shown only when each of its bands has at least k answers (plan.ts): where
  // its mean is shown, which side of k each band is on.
  for (const q of QUESTIONS.filter(isPillar)) {
    if (stats.means[q] === undefined) continue;
    const answered = trust.answers[q].count;
    for (const band of BANDS) {
      const n = trust.answers[q][band];
      facts.push({
        kind: 'share',
        question: q,
        band,
        cells: all,
        ...(n >= k ? { lower: [k, answered], upper: [1, 1] } : { lower: [0, 1], upper: [k - 1, answered] }),
      });
    }
  }
  return facts;
}

/** The subset of an evaluation's published practitioner figures the audit reads back. */
export interface PublishedPractitioners {
  responses: number | null;
  safetyMean: number | null;
  influenceMean: number | null;
  byDivision: { members: string[]; count: number; safetyMean: number | null; influenceMean: number | null }[];
  byRole: { members: string[]; count: number; safetyMean: number | null; influenceMean: number | null }[];
  commentsTotal: number | null;
  pillars: { question: Question; mean: number; answered: number | null }[];
  /** Each question's shares of answers by band, as published (whole percentages). */
  bands: ({ question: Question } & BandShares)[];
  /**
   * The headcount the publication was judged against: what it said about schools over their
   * headcount (QA4, response rates) stands beside a later run's, which may use another.
   */
  headcount?: DisclosureSettings['headcount'];
}

/** Facts from figures already published (rounded): a rounded mean m says the mean is within m ± 0.05. */
export function factsOfPublished(
  p: PublishedPractitioners,
  universe: { divisions: string[]; roles: readonly string[] },
): Fact[] {
  const all = cellsOf(universe.divisions, universe.roles);
  const known = (cells: string[]) => cells.filter((c) => all.includes(c));
  const facts: Fact[] = [];
  const rounded = (question: Question, cells: string[], m: number) => {
    const tenths = Math.round(m * 10);
    facts.push({ kind: 'mean', question, cells, lower: [2 * tenths - 1, 20], upper: [2 * tenths + 1, 20] });
  };
  if (p.responses !== null) facts.push({ kind: 'count', cells: all, lower: p.responses, upper: p.responses });
  if (p.safetyMean !== null) rounded('safety', all, p.safetyMean);
  if (p.influenceMean !== null) rounded('influence', all, p.influenceMean);
  for (const t of p.pillars) {
    rounded(t.question, all, t.mean);
    if (t.answered !== null)
      facts.push({
        kind: 'answered',
        question: t.question,
        cells: all,
        lower: t.answered,
        upper: t.answered,
      });
  }
  for (const [by, groups] of [
    ['division', p.byDivision],
    ['role', p.byRole],
  ] as const)
    for (const g of groups) {
      const cells = known(
        by === 'division' ? cellsOf(g.members, universe.roles) : cellsOf(universe.divisions, g.members),
      );
      facts.push({ kind: 'count', cells, lower: g.count, upper: g.count });
      if (g.safetyMean !== null) rounded('safety', cells, g.safetyMean);
      if (g.influenceMean !== null) rounded('influence', cells, g.influenceMean);
    }
  if (p.commentsTotal !== null)
    facts.push({ kind: 'comments', cells: all, lower: p.commentsTotal, upper: p.commentsTotal });
  // A share published as a whole percentage p is within p ± 0.5 per cent.
  for (const b of p.bands)
    for (const band of BANDS) {
      const pct = Math.round(b[band] * 100);
      facts.push({
        kind: 'share',
        question: b.question,
        band,
        cells: all,
        lower: [Math.max(0, 2 * pct - 1), 200],
        upper: [2 * pct + 1, 200],
      });
    }
  return facts;
}

/** The practitioner figures an audited evaluation published, as the audit reads them back. */
export function publishedFiguresOf(e: Evaluation): PublishedPractitioners | undefined {
  if (e.schemaVersion !== 2 || !e.disclosureAudit) return undefined;
  const p = e.practitioners;
  return {
    responses: p.responses,
    safetyMean: p.safetyMean,
    influenceMean: p.influenceMean,
    byDivision: p.byDivision,
    byRole: p.byRole,
    commentsTotal: p.commentsTotal,
    pillars: e.triangulation
      .filter((t) => t.practitionerMean !== null)
      .map((t) => ({ question: t.pillar, mean: t.practitionerMean!, answered: t.practitionerCount })),
    bands: p.answerBands ?? [],
  };
}
