/**
 * A small integer linear model: what an attacker knows about a cycle's responses, written as
 * integer unknowns with bounds and linear rows. shared/disclosure/audit.ts builds it; a solver
 * (shared/disclosure/solver.ts) answers how far one linear expression can move within it.
 */
export type Terms = ReadonlyArray<readonly [column: number, coefficient: number]>;

export interface Row {
  terms: Terms;
  lower: number;
  upper: number;
}

export class LinearModel {
  readonly names: string[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly rows: Row[] = [];

  /** A new integer unknown; its index. */
  column(name: string, lower: number, upper: number): number {
    this.names.push(name);
    this.lower.push(lower);
    this.upper.push(upper);
    return this.names.length - 1;
  }

  /** Whether a point satisfies every bound and row exactly. */
  satisfiedBy(x: ArrayLike<number>): boolean {
    for (let i = 0; i < this.names.length; i++) {
      const v = x[i]!;
      if (!Number.isInteger(v) || v < this.lower[i]! || v > this.upper[i]!) return false;
    }
    return this.rows.every((r) => {
      let a = 0;
      for (const [c, v] of r.terms) a += v * x[c]!;
      return a >= r.lower && a <= r.upper;
    });
  }

  row(terms: Terms, lower: number, upper: number): void {
    const merged = new Map<number, number>();
    for (const [c, v] of terms) merged.set(c, (merged.get(c) ?? 0) + v);
    const clean = [...merged].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    if (clean.length === 0) return;
    this.rows.push({ terms: clean, lower, upper });
  }
}

export type Range =
  { min: number; max: number; argmin: Float64Array; argmax: Float64Array } | 'infeasible' | 'unknown';

/** How far a linear expression can move over the integer points of a model. */
export interface IntervalSolver {
  readonly name: string;
  /**
   * The range of `objective`, with `extra` rows holding only for this question, and a point at each
   * end. 'unknown' when the solver ran out of its time limit before proving an end.
   */
  range(objective: Terms, extra?: Row[]): Range;
  /** How many optimisation runs the solver has made. */
  readonly solves: number;
  dispose(): void;
}
