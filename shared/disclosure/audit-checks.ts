import type { CellStats, Question } from '../domain/aggregate';
import type { Row, Terms } from './linear-model';
import { key, type BuiltModel } from './reader-model';
import type { AuditSet } from './describable-sets';

/** One figure of one small set to bound, and the interval found for it so far. */
export interface Check {
  set: AuditSet;
  kind: 'count' | 'sum';
  question?: Question;
  /** For a sum: how many in the set answered the question. */
  answered?: number;
  /** The width that proves the set safe: 1 for a count, half the possible range for a sum. */
  needed: number;
  possible: number;
  lo: number;
  hi: number;
  objective: (b: BuiltModel) => Terms;
  given: (b: BuiltModel) => Row[];
  /** The interval is exactly what a reader can learn (true), or its search ran out of time. */
  exact?: true | 'unknown';
}

/**
 * Every check of every small set (1 to k-1 respondents): its count, and its answer sum for each
 * question some of it answered, each starting from the one point known to be possible: the truth.
 */
export function smallSetChecks(
  sets: AuditSet[],
  truth: (cells: string[]) => CellStats,
  k: number,
  questions: readonly Question[],
): Check[] {
  const checks: Check[] = [];
  for (const set of sets) {
    const t = truth(set.cells);
    if (t.count < 1 || t.count >= k) continue;
    checks.push({
      set,
      kind: 'count',
      needed: 1,
      possible: 1,
      lo: t.count,
      hi: t.count,
      objective: (b) => set.cells.map((c) => [b.n.get(c)!, 1] as const),
      given: () => [],
    });
    for (const q of questions) {
      const answered = t.answers[q].count;
      if (answered === 0) continue;
      const sumCheck: Check = {
        set,
        kind: 'sum',
        question: q,
        answered,
        needed: 2 * answered,
        possible: 4 * answered,
        lo: t.answers[q].sum,
        hi: t.answers[q].sum,
        objective: (b) => set.cells.map((c) => [b.s.get(key(c, q))!, 1] as const),
        given: (b) => [
          {
            terms: set.cells.map((c) => [b.a.get(key(c, q))!, 1] as const),
            lower: answered,
            upper: answered,
          },
        ],
      };
      checks.push(sumCheck);
    }
  }
  return checks;
}
