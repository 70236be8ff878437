import { cellKey, isPillar, sumCells, type CellStats, type Question } from '../domain/aggregate';
import type { IntervalSolver, LinearModel, Range } from './linear-model';
import {
  buildModel,
  key,
  truePoint,
  universeCells,
  type BuiltModel,
  type Fact,
  type Universe,
} from './reader-model';
import { cellTruths, complete, fixedTotalFacts, pillarWitnessRange } from './witnesses';
import { AuditFailedError, ContradictoryFiguresError } from '../errors';
import { describableSets, type AuditSet } from './describable-sets';
import { smallSetChecks, type Check } from './audit-checks';

export { universeOf, type Fact } from './reader-model';

/**
 * The disclosure audit of SPEC section 3. Everything published about a cycle's practitioners is
 * written as facts over the unknown division-and-role cells (how many responded, how many answered
 * each question, the sum of their answers). For every set of fewer than k respondents describable
 * by division and role, the audit bounds what a reader with an integer-programming solver could
 * learn: the set's count must not be pinned, nor its answer sum narrowed below half its range.
 *
 * Every bound is proven with integer points that satisfy all the facts (witnesses), found by HiGHS
 * on a model that holds each published group's totals fixed: a subset of what a reader must
 * consider, so a wide interval there is wide for the reader too. Each witness is checked against
 * the full model before it counts. Where the witnesses do not prove a set safe, HiGHS solves the
 * full model; an answer it cannot prove in time counts as a leak, so the audit fails closed.
 */
export interface Leak {
  set: AuditSet;
  kind: 'count' | 'sum';
  question?: Question;
  interval: { min: number; max: number } | null;
}

export interface AuditResult {
  leaks: Leak[];
  /** Every describable set examined; those with 0 or k or more respondents need nothing more. */
  setsChecked: number;
  /** Of those, the sets of 1 to k-1 respondents whose figures were bounded. Never published. */
  smallSets: number;
  checks: number;
  narrowestCount: number | null;
  narrowestSumShare: number | null;
  solves: number;
  /** Checks the fixed-totals witnesses could not settle, sent to the full model. */
  fullModelChecks: number;
}

export interface AuditInput {
  universe: Universe;
  facts: Fact[];
  /** The true cells: which sets are small, and how many in them answered, is known only here. */
  cells: ReadonlyMap<string, CellStats>;
  k: number;
  combinedGroups?: string[][];
  stopAtFirstLeak?: boolean;
}

export type SolverFactory = (m: LinearModel) => Promise<IntervalSolver>;

export async function audit(input: AuditInput, makeSolver: SolverFactory): Promise<AuditResult> {
  const { universe, facts, cells, k } = input;
  const all = universeCells(universe);
  const truth = (subset: string[]) => {
    const set = new Set(subset);
    return sumCells(cells, (d, r) => set.has(cellKey(d, r)));
  };
  const total = truth(all);
  const sets = describableSets(universe, input.combinedGroups);
  const result: AuditResult = {
    leaks: [],
    setsChecked: sets.length,
    smallSets: 0,
    checks: 0,
    narrowestCount: null,
    narrowestSumShare: null,
    solves: 0,
    fullModelChecks: 0,
  };
  // Nothing published, nothing to learn.
  if (facts.length === 0) return result;
  const bound = Math.max(total.count, k) * 2 + 10;
  // A pillar's bands bear only on that pillar's answers, which pillarRanges() settles exactly: the
  // reader's model leaves them out, so it stays small. They must still hold for the responses.
  // Stryker disable ArrowFunction,ConditionalExpression,StringLiteral: with no pillar share kept apart, every one stays in the full model, which then checks it against the responses and only grows
  const pillarShare = (f: Fact): f is Extract<Fact, { kind: 'share' }> =>
    f.kind === 'share' && isPillar(f.question);
  // Stryker restore ArrowFunction,ConditionalExpression,StringLiteral
  // Stryker disable next-line MethodExpression: a pillar's shares left in the full model change only its size, never the counts and sums it admits
  const modelFacts = facts.filter((f) => !pillarShare(f));
  const full = buildModel(universe, modelFacts, bound);
  if (!full.model.satisfiedBy(truePoint(full, cells))) throw new ContradictoryFiguresError();
  for (const f of facts.filter(pillarShare)) {
    const t = total.answers[f.question];
    if (f.lower[1] * t[f.band] < f.lower[0] * t.count || f.upper[1] * t[f.band] > f.upper[0] * t.count)
      throw new ContradictoryFiguresError();
  }
  for (const f of facts)
    if ('question' in f && isPillar(f.question) && f.cells.length !== all.length)
      throw new AuditFailedError(
        `a pillar figure is published for part of the trust (${f.question}); the audit does not cover that`,
      );

  const checks = smallSetChecks(sets, truth, k, full.questions);
  result.smallSets = checks.filter((c) => c.kind === 'count').length;
  result.checks = checks.length;
  const pending = () => checks.filter((c) => c.hi - c.lo < c.needed);
  const see = (c: Check, v: number) => {
    c.lo = Math.min(c.lo, v);
    c.hi = Math.max(c.hi, v);
  };
  // Pillar questions first: answers dealt from the trust's own, then, where those do not prove the
  // set safe, the reader's exact range from a model of the set and the rest (see pillarRanges()).
  for (const c of checks.filter((c) => c.question && isPillar(c.question))) {
    const q = c.question!;
    const banded = facts.some((f) => f.kind === 'share' && f.question === q);
    const r = pillarWitnessRange(c.answered!, total.answers[q], banded);
    see(c, r.min);
    see(c, r.max);
  }
  const pillarChecks = pending().filter((c) => c.question && isPillar(c.question));
  for (const [c, r] of await pillarRanges(facts, pillarChecks, bound, makeSolver, result)) {
    if (r === 'unknown') c.exact = 'unknown';
    else {
      see(c, r.min);
      see(c, r.max);
      c.exact = true;
    }
  }
  const valueAt = (c: Check, b: BuiltModel, x: Float64Array) =>
    c.objective(b).reduce((s, [col, v]) => s + v * x[col]!, 0);

  // Witnesses first, on models that hold each published group's totals fixed. One solve can move
  // many sets at once, so the sets still short of their width are pushed together, then one by one.
  const fixedFacts = fixedTotalFacts(modelFacts, truth);
  const models = {
    // Counts move; answers follow them within each group's fixed totals.
    count: buildModel(universe, fixedFacts, bound),
    // Counts and who answered stay as they are; only the sums move.
    sum: buildModel(
      universe,
      [
        ...fixedFacts,
        ...cellTruths(
          all,
          // Stryker disable next-line MethodExpression: pillar answers are dealt by complete(), whatever the cells hold; pinning them too only grows the model
          full.questions.filter((q) => !isPillar(q)),
          truth,
        ),
      ],
      bound,
    ),
  };
  const solvers: IntervalSolver[] = [];
  try {
    for (const kind of ['count', 'sum'] as const) {
      const built = models[kind];
      const solver = await makeSolver(built.model);
      solvers.push(solver);
      const mine = () => pending().filter((c) => c.kind === kind && !(c.question && isPillar(c.question)));
      const tryPoint = (x: Float64Array) => {
        // Stryker disable next-line ConditionalExpression: a defence only; complete() gives a point of the full model by construction, and this keeps any that is not from counting
        if (!full.model.satisfiedBy(complete(full, built, x, cells))) return;
        for (const c of checks)
          if (c.kind === kind && !(c.question && isPillar(c.question))) see(c, valueAt(c, built, x));
      };
      const tryRange = (r: Range) => {
        if (typeof r !== 'string') [r.argmin, r.argmax].forEach(tryPoint);
      };
      // Stryker disable next-line EqualityOperator: a third joint pass changes how many solves a verdict takes, never the verdict
      for (let pass = 0; pass < 2 && mine().length; pass++)
        tryRange(solver.range(mine().flatMap((c) => c.objective(built))));
      for (const c of mine()) tryRange(solver.range(c.objective(built), c.given(built)));
    }
    // What the witnesses could not settle, HiGHS decides on the full model: the reader's own view.
    for (const c of pending()) {
      if (c.exact) {
        // Nothing more to learn: the interval is the reader's own, or could not be found in time.
        const interval = c.exact === true ? { min: c.lo, max: c.hi } : null;
        result.leaks.push({ set: c.set, kind: c.kind, question: c.question, interval });
        if (input.stopAtFirstLeak) break;
        continue;
      }
      result.fullModelChecks += 1;
      if (!solvers[2]) solvers[2] = await makeSolver(full.model);
      const r = solvers[2].range(c.objective(full), c.given(full));
      if (typeof r === 'string') {
        result.leaks.push({ set: c.set, kind: c.kind, question: c.question, interval: null });
        if (input.stopAtFirstLeak) break;
        continue;
      }
      see(c, r.min);
      see(c, r.max);
      if (c.hi - c.lo < c.needed) {
        result.leaks.push({
          set: c.set,
          kind: c.kind,
          question: c.question,
          interval: { min: c.lo, max: c.hi },
        });
        if (input.stopAtFirstLeak) break;
      }
    }
  } finally {
    result.solves += solvers.reduce((n, s) => n + s.solves, 0);
    for (const s of solvers) s.dispose();
  }
  for (const c of checks) {
    if (c.kind === 'count') result.narrowestCount = Math.min(result.narrowestCount ?? Infinity, c.hi - c.lo);
    else
      result.narrowestSumShare = Math.min(result.narrowestSumShare ?? Infinity, (c.hi - c.lo) / c.possible);
  }
  return result;
}

/**
 * A pillar question is published only for the whole trust, so in it respondents are
 * interchangeable: the set's answers can be any of the trust's that every fact allows. The reader's
 * exact range for a set that gave a answers comes from a model of two cells, the set and the rest,
 * holding every fact about the question; it depends on a alone, so each is solved once.
 */
async function pillarRanges(
  facts: Fact[],
  checks: Check[],
  bound: number,
  makeSolver: SolverFactory,
  result: AuditResult,
): Promise<Map<Check, Exclude<Range, 'infeasible'>>> {
  const out = new Map<Check, Exclude<Range, 'infeasible'>>();
  const questions = [...new Set(checks.map((c) => c.question!))];
  // Stryker disable next-line StringLiteral: names only; the two cells stay apart whatever they are called
  const pair: Universe = { divisions: ['set', 'rest'], roles: ['any'] };
  const [set, rest] = universeCells(pair) as [string, string];
  for (const q of questions) {
    const about = facts
      .filter((f) => 'question' in f && f.question === q)
      // Every fact about a pillar is about the whole trust (audit() refuses any other).
      .map((f) => ({ ...f, cells: [set, rest] }));
    const built = buildModel(pair, about, bound);
    const solver = await makeSolver(built.model);
    try {
      const byAnswers = new Map<number, Exclude<Range, 'infeasible'>>();
      for (const c of checks.filter((c) => c.question === q)) {
        const answered = c.answered!;
        if (!byAnswers.has(answered)) {
          const r = solver.range(
            [[built.s.get(key(set, q))!, 1]],
            [{ terms: [[built.a.get(key(set, q))!, 1]], lower: answered, upper: answered }],
          );
          // Stryker disable next-line ConditionalExpression,StringLiteral: a defence only; the responses satisfy every fact about the pillar, so the pair model always has a point
          if (r === 'infeasible') throw new ContradictoryFiguresError();
          byAnswers.set(answered, r);
        }
        out.set(c, byAnswers.get(answered)!);
      }
    } finally {
      result.solves += solver.solves;
      solver.dispose();
    }
  }
  return out;
}
