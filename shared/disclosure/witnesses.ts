import { bandOf, isPillar, sumCells, type CellStats, type Question } from '../domain/aggregate';
import { fillMultipliers, key, type BuiltModel, type Fact } from './reader-model';

/**
 * The models the audit's witnesses come from: subsets of what a reader must consider, so a point of
 * theirs that also satisfies the full model proves an interval wide.
 */

/**
 * The fixed-totals facts: every group whose figure is published keeps its true count, answers and
 * answer sum. Pillar questions and comments, published only for the whole trust, are left out: any
 * counts can be completed with them (see complete()).
 */
export function fixedTotalFacts(facts: Fact[], truth: (cells: string[]) => CellStats): Fact[] {
  const out: Fact[] = [];
  for (const f of facts) {
    if (f.kind === 'comments' || ('question' in f && isPillar(f.question))) continue;
    if (f.kind === 'mean') {
      const t = truth(f.cells).answers[f.question];
      out.push({ kind: 'answered', question: f.question, cells: f.cells, lower: t.count, upper: t.count });
      out.push({ kind: 'sum', question: f.question, cells: f.cells, lower: t.sum, upper: t.sum });
    } else out.push(f);
  }
  return out;
}

/** Facts that pin every cell's count and answer counts to the truth (for the sums-only witnesses). */
export function cellTruths(
  cellsOfTrust: string[],
  questions: Question[],
  truth: (cells: string[]) => CellStats,
): Fact[] {
  return cellsOfTrust.flatMap((c) => {
    const t = truth([c]);
    return [
      { kind: 'count' as const, cells: [c], lower: t.count, upper: t.count },
      ...questions.map((q) => ({
        kind: 'answered' as const,
        question: q,
        cells: [c],
        lower: t.answers[q].count,
        upper: t.answers[q].count,
      })),
    ];
  });
}

/**
 * Answers with the trust's true count, sum and bands, as spread out as those allow: every answer of
 * a band at its lowest, then as many raised by one as the sum needs, 4s to 5s before 1s to 2s.
 */
export function answersLike(t: { count: number; sum: number; disagree: number; agree: number }): number[] {
  const neutral = t.count - t.disagree - t.agree;
  const extra = t.sum - (t.disagree + 3 * neutral + 4 * t.agree);
  const fives = Math.min(t.agree, extra);
  const twos = extra - fives;
  const run = (v: number, n: number) => Array<number>(n).fill(v);
  return [
    ...run(1, t.disagree - twos),
    ...run(2, twos),
    ...run(3, neutral),
    ...run(4, t.agree - fives),
    ...run(5, fives),
  ];
}

/**
 * The range of the sum of a answers to a pillar question, over answers dealt from the trust's own
 * (its count, sum and bands kept, so every fact published for the whole trust still holds): the a
 * lowest, or the a highest. Without bands published, any answers with the same sum will do.
 */
export function pillarWitnessRange(
  a: number,
  total: { count: number; sum: number; disagree: number; agree: number },
  banded: boolean,
): { min: number; max: number } {
  if (!banded) {
    const others = total.count - a;
    return { min: Math.max(a, total.sum - 5 * others), max: Math.min(5 * a, total.sum - others) };
  }
  const answers = answersLike(total);
  const add = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
  return { min: add(answers.slice(0, a)), max: add(answers.slice(answers.length - a)) };
}

/**
 * A full-model point from a fixed-totals point: its counts, feedback answers and bands as they are;
 * each pillar's answers, and the comments, dealt out over the new counts (possible whatever the
 * counts, as those are published only for the whole trust); the mean multipliers worked out.
 */
export function complete(
  full: BuiltModel,
  fixed: BuiltModel,
  y: Float64Array,
  cells: ReadonlyMap<string, CellStats>,
): Float64Array {
  const x = new Float64Array(full.model.names.length);
  const counts = new Map<string, number>();
  for (const [c, col] of full.n) {
    const v = y[fixed.n.get(c)!]!;
    x[col] = v;
    counts.set(c, v);
  }
  // Every column of the fixed model is one of the full model's: the same cells, and its questions.
  for (const map of ['a', 's', 'd', 'g'] as const)
    for (const [ck, from] of fixed[map]) x[full[map].get(ck)!] = y[from]!;
  const totals = sumCells(cells, () => true);
  // The fixed model keeps every feedback question's facts, so the pillars are what is left to deal.
  for (const q of full.questions.filter(isPillar)) {
    const answers = answersLike(totals.answers[q]);
    for (const [c, n] of counts) {
      const mine = answers.splice(0, n);
      const set = (map: Map<string, number>, v: number) => {
        const col = map.get(key(c, q));
        // A pillar's bands are columns only where a share of it is published.
        // Stryker disable next-line ConditionalExpression: x[undefined] names no column of the point, so writing it changes nothing
        if (col !== undefined) x[col] = v;
      };
      set(full.a, mine.length);
      set(
        full.s,
        mine.reduce((s, v) => s + v, 0),
      );
      set(full.d, mine.filter((v) => bandOf(v) === 'disagree').length);
      set(full.g, mine.filter((v) => bandOf(v) === 'agree').length);
    }
  }
  // Comment columns are made only where a comment count is published (buildModel): deal the trust's.
  // Stryker disable next-line ConditionalExpression: with no comment column the loop writes none, so skipping it changes nothing
  if (full.m.size) {
    let comments = totals.comments;
    for (const [c, n] of counts) {
      const m = Math.min(n, comments);
      comments -= m;
      x[full.m.get(c)!] = m;
    }
  }
  fillMultipliers(full, x);
  return x;
}
