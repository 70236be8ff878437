import { QUESTIONS, cellKey, type Band, type CellStats, type Question } from '../domain/aggregate';
import { ROLES } from '../schemas/response';
import { LinearModel } from './linear-model';

/**
 * What a reader knows about a cycle's practitioners, as an integer model. Everything published is
 * written as facts over the unknown division-and-role cells: how many responded, how many answered
 * each question, the sum of their answers, and how many answers fell in each band (1-2, 3, 4-5).
 */
export type Fraction = readonly [numerator: number, denominator: number];
export type Fact =
  | { kind: 'count'; cells: string[]; lower: number; upper: number }
  | { kind: 'answered'; question: Question; cells: string[]; lower: number; upper: number }
  | { kind: 'sum'; question: Question; cells: string[]; lower: number; upper: number }
  | { kind: 'comments'; cells: string[]; lower: number; upper: number }
  /** lower <= sum / answered <= upper. */
  | { kind: 'mean'; question: Question; cells: string[]; lower: Fraction; upper: Fraction }
  /** lower <= (answers in the band) / answered <= upper. */
  | { kind: 'share'; question: Question; band: Band; cells: string[]; lower: Fraction; upper: Fraction };

export interface Universe {
  divisions: string[];
  roles: readonly string[];
}

export const universeCells = (u: Universe) => u.divisions.flatMap((d) => u.roles.map((r) => cellKey(d, r)));

/** The universe of cells for a trust: its divisions (with `undisclosed`) crossed with the roles. */
export const universeOf = (divisions: string[]): Universe => ({ divisions, roles: ROLES });

export const key = (cell: string, q: Question) => `${cell}#${q}`;

export interface BuiltModel {
  model: LinearModel;
  n: Map<string, number>;
  a: Map<string, number>;
  s: Map<string, number>;
  /** Per cell and question with a published share: answers of 1-2 (d) and of 4-5 (g). */
  d: Map<string, number>;
  g: Map<string, number>;
  m: Map<string, number>;
  /** The multiplier of each exact mean: its answers number den·t and add up to num·t. */
  t: { col: number; question: Question; cells: string[]; den: number }[];
  questions: Question[];
}

const hasQuestion = (f: Fact): f is Extract<Fact, { question: Question }> => 'question' in f;

/** The reader's model: non-negative integer cells, answers 1 to 5, and every published fact. */
export function buildModel(u: Universe, facts: Fact[], bound: number): BuiltModel {
  const model = new LinearModel();
  const built: BuiltModel = {
    model,
    n: new Map(),
    a: new Map(),
    s: new Map(),
    d: new Map(),
    g: new Map(),
    m: new Map(),
    t: [],
    questions: QUESTIONS.filter((q) => facts.some((f) => hasQuestion(f) && f.question === q)),
  };
  const banded = new Set(facts.filter((f) => f.kind === 'share').map((f) => f.question));
  const withComments = facts.some((f) => f.kind === 'comments');
  for (const cell of universeCells(u)) {
    const n = model.column(`n:${cell}`, 0, bound);
    built.n.set(cell, n);
    for (const q of built.questions) {
      const a = model.column(`a:${cell}:${q}`, 0, bound);
      const s = model.column(`s:${cell}:${q}`, 0, 5 * bound);
      built.a.set(key(cell, q), a);
      built.s.set(key(cell, q), s);
      // No more answers than respondents; each answer 1 to 5.
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
      if (banded.has(q)) {
        // d answers of 1-2, g of 4-5, the rest 3: the sum lies between d + 3(a-d-g) + 4g and 2d + 3(a-d-g) + 5g.
        const d = model.column(`d:${cell}:${q}`, 0, bound);
        const g = model.column(`g:${cell}:${q}`, 0, bound);
        built.d.set(key(cell, q), d);
        built.g.set(key(cell, q), g);
        model.row(
          [
            [d, 1],
            [g, 1],
            [a, -1],
          ],
          -Infinity,
          0,
        );
        model.row(
          [
            [s, 1],
            [a, -3],
            [d, 2],
            [g, -1],
          ],
          0,
          Infinity,
        );
        model.row(
          [
            [s, 1],
            [a, -3],
            [d, 1],
            [g, -2],
          ],
          -Infinity,
          0,
        );
      }
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
  /** The answers in a band, as terms: d, g, or a - d - g. */
  const band = (b: Band, cells: string[], q: Question, coef: number): [number, number][] =>
    b === 'disagree'
      ? pick(built.d, cells, q, coef)
      : b === 'agree'
        ? pick(built.g, cells, q, coef)
        : [
            ...pick(built.a, cells, q, coef),
            ...pick(built.d, cells, q, -coef),
            ...pick(built.g, cells, q, -coef),
          ];
  /** lower <= numerator / answered <= upper, each side multiplied out: a fraction [n, d] is n/d. */
  const ratio = (
    numerator: (coef: number) => [number, number][],
    f: { question: Question; cells: string[]; lower: Fraction; upper: Fraction },
  ) => {
    const [ln, ld] = f.lower;
    const [un, ud] = f.upper;
    model.row([...numerator(ld), ...pick(built.a, f.cells, f.question, -ln)], 0, Infinity);
    model.row([...numerator(ud), ...pick(built.a, f.cells, f.question, -un)], -Infinity, 0);
  };
  for (const f of facts) {
    if (f.kind === 'count') model.row(pick(built.n, f.cells), f.lower, f.upper);
    else if (f.kind === 'comments') model.row(pick(built.m, f.cells), f.lower, f.upper);
    else if (f.kind === 'answered') model.row(pick(built.a, f.cells, f.question), f.lower, f.upper);
    else if (f.kind === 'sum') model.row(pick(built.s, f.cells, f.question), f.lower, f.upper);
    else if (f.kind === 'share') ratio((coef) => band(f.band, f.cells, f.question, coef), f);
    else if (f.lower[0] === f.upper[0] && f.lower[1] === f.upper[1]) {
      // An exact mean num/den in lowest terms: the answers number den·t and add up to num·t, t whole.
      const [num, den] = f.lower;
      const t = model.column(`t:${built.t.length}`, 0, bound);
      built.t.push({ col: t, question: f.question, cells: f.cells, den });
      model.row([...pick(built.a, f.cells, f.question), [t, -den]], 0, 0);
      model.row([...pick(built.s, f.cells, f.question), [t, -num]], 0, 0);
    } else ratio((coef) => pick(built.s, f.cells, f.question, coef), f);
  }
  return built;
}

/** The true responses as a point of the model: they satisfy every fact, or the facts are wrong. */
export function truePoint(b: BuiltModel, cells: ReadonlyMap<string, CellStats>): Float64Array {
  const x = new Float64Array(b.model.names.length);
  const cellOf = (c: string) => cells.get(c);
  for (const [c, col] of b.n) x[col] = cellOf(c)?.count ?? 0;
  for (const [c, col] of b.m) x[col] = cellOf(c)?.comments ?? 0;
  const answers = (ck: string) => {
    const [c, q] = ck.split('#') as [string, Question];
    return cellOf(c)?.answers[q];
  };
  for (const [ck, col] of b.a) x[col] = answers(ck)?.count ?? 0;
  for (const [ck, col] of b.s) x[col] = answers(ck)?.sum ?? 0;
  for (const [ck, col] of b.d) x[col] = answers(ck)?.disagree ?? 0;
  for (const [ck, col] of b.g) x[col] = answers(ck)?.agree ?? 0;
  fillMultipliers(b, x);
  return x;
}

export function fillMultipliers(b: BuiltModel, x: Float64Array): void {
  for (const t of b.t) {
    const answers = t.cells.reduce((s, c) => s + x[b.a.get(key(c, t.question))!]!, 0);
    x[t.col] = answers / t.den;
  }
}
