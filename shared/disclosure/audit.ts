import { QUESTIONS, cellKey, isPillar, sumCells, type CellStats, type Question } from '../domain/aggregate';
import { ROLES } from '../schemas/response';
import { LinearModel, type IntervalSolver, type Row, type Terms } from './linear-model';

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
export type Fact =
  | { kind: 'count'; cells: string[]; lower: number; upper: number }
  | { kind: 'answered'; question: Question; cells: string[]; lower: number; upper: number }
  | { kind: 'sum'; question: Question; cells: string[]; lower: number; upper: number }
  | { kind: 'comments'; cells: string[]; lower: number; upper: number }
  /** lower <= sum / answered <= upper, each bound a fraction [numerator, denominator]. */
  | {
      kind: 'mean';
      question: Question;
      cells: string[];
      lower: readonly [number, number];
      upper: readonly [number, number];
    };

export interface Universe {
  divisions: string[];
  roles: readonly string[];
}

export const universeCells = (u: Universe) => u.divisions.flatMap((d) => u.roles.map((r) => cellKey(d, r)));

/** The universe of cells for a trust: its divisions (with `undisclosed`) crossed with the roles. */
export const universeOf = (divisions: string[]): Universe => ({ divisions, roles: ROLES });

export interface AuditSet {
  /** A description for logs and tests; never published (it would say the set is small). */
  label: string;
  cells: string[];
}

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

/** The sets of respondents the audit protects: every division and role combination a reader could name. */
export function describableSets(u: Universe, combinedGroups: string[][] = []): AuditSet[] {
  const roleSubsets: string[][] = [];
  for (let mask = 1; mask < 1 << u.roles.length; mask++)
    roleSubsets.push(u.roles.filter((_, i) => mask & (1 << i)));
  const sets = new Map<string, AuditSet>();
  const add = (label: string, divisions: string[], roles: string[]) => {
    const cells = divisions.flatMap((d) => roles.map((r) => cellKey(d, r))).sort();
    const id = cells.join(',');
    if (!sets.has(id)) sets.set(id, { label, cells });
  };
  for (const roles of roleSubsets) {
    const r = roles.join('+');
    for (const d of u.divisions) add(`${d} × ${r}`, [d], roles);
    add(`all divisions × ${r}`, u.divisions, roles);
    for (const g of combinedGroups) add(`${g.join('+')} × ${r}`, g, roles);
  }
  return [...sets.values()];
}

const key = (cell: string, q: Question) => `${cell}#${q}`;

export interface BuiltModel {
  model: LinearModel;
  n: Map<string, number>;
  a: Map<string, number>;
  s: Map<string, number>;
  m: Map<string, number>;
  /** The multiplier of each exact mean: its answers number den·t and add up to num·t. */
  t: { col: number; question: Question; cells: string[]; den: number }[];
  questions: Question[];
}

/** The reader's model: non-negative integer cells, answers 1 to 5, and every published fact. */
export function buildModel(u: Universe, facts: Fact[], bound: number): BuiltModel {
  const model = new LinearModel();
  const built: BuiltModel = {
    model,
    n: new Map(),
    a: new Map(),
    s: new Map(),
    m: new Map(),
    t: [],
    questions: [],
  };
  built.questions = QUESTIONS.filter((q) =>
    facts.some((f) => (f.kind === 'mean' || f.kind === 'answered' || f.kind === 'sum') && f.question === q),
  );
  const withComments = facts.some((f) => f.kind === 'comments');
  for (const cell of universeCells(u)) {
    const n = model.column(`n:${cell}`, 0, bound);
    built.n.set(cell, n);
    for (const q of built.questions) {
      const a = model.column(`a:${cell}:${q}`, 0, bound);
      const s = model.column(`s:${cell}:${q}`, 0, 5 * bound);
      built.a.set(key(cell, q), a);
      built.s.set(key(cell, q), s);
      model.row(
        [
          [a, 1],
          [n, -1],
        ],
        -Infinity,
        0,
      );
      model.row(
        [
          [s, 1],
          [a, -1],
        ],
        0,
        Infinity,
      );
      model.row(
        [
          [s, 1],
          [a, -5],
        ],
        -Infinity,
        0,
      );
    }
    if (withComments) {
      const m = model.column(`m:${cell}`, 0, bound);
      built.m.set(cell, m);
      model.row(
        [
          [m, 1],
          [n, -1],
        ],
        -Infinity,
        0,
      );
    }
  }
  const pick = (map: Map<string, number>, cells: string[], q?: Question, coef = 1): [number, number][] =>
    cells.map((c) => {
      const col = map.get(q ? key(c, q) : c);
      if (col === undefined) throw new Error(`the disclosure audit has no cell ${c}`);
      return [col, coef];
    });
  for (const f of facts) {
    if (f.kind === 'count') model.row(pick(built.n, f.cells), f.lower, f.upper);
    else if (f.kind === 'comments') model.row(pick(built.m, f.cells), f.lower, f.upper);
    else if (f.kind === 'answered') model.row(pick(built.a, f.cells, f.question), f.lower, f.upper);
    else if (f.kind === 'sum') model.row(pick(built.s, f.cells, f.question), f.lower, f.upper);
    else if (f.lower[0] === f.upper[0] && f.lower[1] === f.upper[1]) {
      // An exact mean num/den in lowest terms: the answers number den·t and add up to num·t, t whole.
      const [num, den] = f.lower;
      const t = model.column(`t:${built.t.length}`, 0, bound);
      built.t.push({ col: t, question: f.question, cells: f.cells, den });
      model.row([...pick(built.a, f.cells, f.question), [t, -den]], 0, 0);
      model.row([...pick(built.s, f.cells, f.question), [t, -num]], 0, 0);
    } else {
      const [ln, ld] = f.lower;
      const [un, ud] = f.upper;
      model.row(
        [...pick(built.s, f.cells, f.question, ld), ...pick(built.a, f.cells, f.question, -ln)],
        0,
        Infinity,
      );
      model.row(
        [...pick(built.s, f.cells, f.question, ud), ...pick(built.a, f.cells, f.question, -un)],
        -Infinity,
        0,
      );
    }
  }
  return built;
}

/**
 * The fixed-totals model: every group whose figure is published keeps its true count, answers and
 * answer sum. Pillar questions and comments, published only for the whole trust, are left out: any
 * counts can be completed with them (see complete()).
 */
function fixedTotalFacts(facts: Fact[], truth: (cells: string[]) => CellStats): Fact[] {
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

export interface AuditInput {
  universe: Universe;
  facts: Fact[];
  /** The true cells: which sets are small, and how many in them answered, is known only here. */
  cells: ReadonlyMap<string, CellStats>;
  k: number;
  combinedGroups?: string[][];
  stopAtFirstLeak?: boolean;
}

/**
 * The facts cannot all hold for the true responses. Only figures published earlier for the cycle
 * can cause it: the responses changed since, and new figures could be subtracted from the old.
 */
export class ContradictoryFiguresError extends Error {
  constructor() {
    super('the published figures contradict the responses they came from');
    this.name = 'ContradictoryFiguresError';
  }
}

export type SolverFactory = (m: LinearModel) => Promise<IntervalSolver>;

interface Check {
  set: AuditSet;
  kind: 'count' | 'sum';
  question?: Question;
  /** The width that proves the set safe: 1 for a count, half the possible range for a sum. */
  needed: number;
  possible: number;
  lo: number;
  hi: number;
  objective: (b: BuiltModel) => Terms;
  given: (b: BuiltModel) => Row[];
}

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
  const full = buildModel(universe, facts, bound);
  if (!full.model.satisfiedBy(truePoint(full, cells))) throw new ContradictoryFiguresError();
  for (const f of facts)
    if ('question' in f && isPillar(f.question) && f.cells.length !== all.length)
      throw new Error(
        `a pillar figure is published for part of the trust (${f.question}); the audit does not cover that`,
      );

  // Every check of every small set, each starting from the one point known to be possible: the truth.
  const checks: Check[] = [];
  for (const set of sets) {
    const t = truth(set.cells);
    if (t.count < 1 || t.count >= k) continue;
    result.smallSets += 1;
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
    for (const q of full.questions) {
      const answered = t.answers[q].count;
      if (answered === 0) continue;
      const sumCheck: Check = {
        set,
        kind: 'sum',
        question: q,
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
      if (isPillar(q)) {
        // Published only for the whole trust: the range has a closed form (see pillarRange).
        const r = pillarRange(answered, total.answers[q].count, total.answers[q].sum);
        sumCheck.lo = r.min;
        sumCheck.hi = r.max;
      }
      checks.push(sumCheck);
    }
  }
  result.checks = checks.length;
  const pending = () => checks.filter((c) => c.hi - c.lo < c.needed);
  const see = (c: Check, v: number) => {
    c.lo = Math.min(c.lo, v);
    c.hi = Math.max(c.hi, v);
  };
  const valueAt = (c: Check, b: BuiltModel, x: Float64Array) =>
    c.objective(b).reduce((s, [col, v]) => s + v * x[col]!, 0);

  // Witnesses first, on models that hold each published group's totals fixed. One solve can move
  // many sets at once, so the sets still short of their width are pushed together, then one by one.
  const fixedFacts = fixedTotalFacts(facts, truth);
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
        if (!full.model.satisfiedBy(complete(full, built, x, cells, facts))) return;
        for (const c of checks)
          if (c.kind === kind && !(c.question && isPillar(c.question))) see(c, valueAt(c, built, x));
      };
      for (let pass = 0; pass < 2 && mine().length; pass++) {
        const together: Terms = mine().flatMap((c) => c.objective(built));
        const r = solver.range(together);
        if (typeof r !== 'string') [r.argmin, r.argmax].forEach(tryPoint);
      }
      for (const c of mine()) {
        const r = solver.range(c.objective(built), c.given(built));
        if (typeof r !== 'string') [r.argmin, r.argmax].forEach(tryPoint);
      }
    }
    // What the witnesses could not settle, HiGHS decides on the full model: the reader's own view.
    for (const c of pending()) {
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
    result.solves = solvers.reduce((n, s) => n + (s?.solves ?? 0), 0);
    for (const s of solvers) s?.dispose();
  }
  for (const c of checks) {
    if (c.kind === 'count') result.narrowestCount = Math.min(result.narrowestCount ?? Infinity, c.hi - c.lo);
    else
      result.narrowestSumShare = Math.min(result.narrowestSumShare ?? Infinity, (c.hi - c.lo) / c.possible);
  }
  return result;
}

/** Facts that pin every cell's count and answer counts to the truth (for the sums-only witnesses). */
function cellTruths(
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
 * A pillar question published only for the whole trust: with the set's answers fixed at a, the
 * others' answers (A - a of them, each 1 to 5) must make up the rest of the known total.
 */
function pillarRange(a: number, answeredTotal: number, sumTotal: number) {
  const others = answeredTotal - a;
  return { min: Math.max(a, sumTotal - 5 * others), max: Math.min(5 * a, sumTotal - others) };
}

/** The true responses as a point of the model: they satisfy every fact, or the facts are wrong. */
function truePoint(b: BuiltModel, cells: ReadonlyMap<string, CellStats>): Float64Array {
  const x = new Float64Array(b.model.names.length);
  const cellOf = (c: string) => cells.get(c);
  for (const [c, col] of b.n) x[col] = cellOf(c)?.count ?? 0;
  for (const [c, col] of b.m) x[col] = cellOf(c)?.comments ?? 0;
  for (const [ck, col] of b.a) {
    const [c, q] = ck.split('#') as [string, Question];
    x[col] = cellOf(c)?.answers[q].count ?? 0;
  }
  for (const [ck, col] of b.s) {
    const [c, q] = ck.split('#') as [string, Question];
    x[col] = cellOf(c)?.answers[q].sum ?? 0;
  }
  fillMultipliers(b, x);
  return x;
}

function fillMultipliers(b: BuiltModel, x: Float64Array): void {
  for (const t of b.t) {
    const answers = t.cells.reduce((s, c) => s + x[b.a.get(key(c, t.question))!]!, 0);
    x[t.col] = answers / t.den;
  }
}

/**
 * A full-model point from a fixed-totals point: its counts and feedback answers as they are, each
 * pillar's true answers and comments spread over the new counts (possible whatever the counts, as
 * those are published only for the whole trust), and the mean multipliers worked out.
 */
function complete(
  full: BuiltModel,
  fixed: BuiltModel,
  y: Float64Array,
  cells: ReadonlyMap<string, CellStats>,
  facts: Fact[],
): Float64Array {
  const x = new Float64Array(full.model.names.length);
  const counts = new Map<string, number>();
  for (const [c, col] of full.n) {
    const v = y[fixed.n.get(c)!]!;
    x[col] = v;
    counts.set(c, v);
  }
  for (const [ck, col] of full.a) {
    const from = fixed.a.get(ck);
    if (from !== undefined) x[col] = y[from]!;
  }
  for (const [ck, col] of full.s) {
    const from = fixed.s.get(ck);
    if (from !== undefined) x[col] = y[from]!;
  }
  const totals = sumCells(cells, () => true);
  for (const q of full.questions.filter((q) => !fixed.questions.includes(q) || isPillar(q))) {
    let answers = totals.answers[q].count;
    let extra = totals.answers[q].sum - answers;
    for (const [c, n] of counts) {
      const a = Math.min(n, answers);
      answers -= a;
      const s = a + Math.min(4 * a, extra);
      extra -= s - a;
      x[full.a.get(key(c, q))!] = a;
      x[full.s.get(key(c, q))!] = s;
    }
  }
  if (full.m.size) {
    let comments = facts.some((f) => f.kind === 'comments') ? totals.comments : 0;
    for (const [c, n] of counts) {
      const m = Math.min(n, comments);
      comments -= m;
      x[full.m.get(c)!] = m;
    }
  }
  fillMultipliers(full, x);
  return x;
}
