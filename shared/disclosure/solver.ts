import loadHighs from 'highs';
import type { IntervalSolver, LinearModel, Range, Row, Terms } from './linear-model';
import { AuditFailedError } from '../errors';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loading: Promise<Highs> | undefined;

/**
 * HiGHS, compiled to WebAssembly, loaded once per process, on first use. In a Lambda bundle
 * highs.wasm ships beside the JavaScript (infra/build/bundling.ts copies it), where its loader looks.
 */
export function highs(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

/** An exact integer solver over one model: HiGHS branch and cut, each question solved to optimality. */
export async function highsSolver(model: LinearModel, timeLimitSeconds = 20): Promise<IntervalSolver> {
  const h = await highs();
  const numCols = model.names.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.rows) {
    for (const [c, v] of row.terms) {
      indices.push(c);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const instance = h.createModel({
    numCols,
    numRows: model.rows.length,
    colCost: new Float64Array(numCols),
    colLower: Float64Array.from(model.lower),
    colUpper: Float64Array.from(model.upper),
    rowLower: Float64Array.from(model.rows.map((r) => r.lower)),
    rowUpper: Float64Array.from(model.rows.map((r) => r.upper)),
    matrix: {
      format: 'csr',
      numRows: model.rows.length,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    integrality: new Int32Array(numCols).fill(h.constants.variableType.integer),
  });
  instance.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: timeLimitSeconds });
  const baseRows = model.rows.length;
  let solves = 0;

  const optimise = (
    objective: Terms,
    sense: 'min' | 'max',
  ): { value: number; x: Float64Array } | 'infeasible' | 'unknown' => {
    instance.changeObjectiveSense(
      sense === 'min' ? h.constants.objectiveSense.minimize : h.constants.objectiveSense.maximize,
    );
    for (const [c, v] of objective) instance.changeColCost(c, v);
    try {
      // The relaxation first: on these models its optimal vertex is nearly always whole, and a whole
      // optimum of the relaxation is the integer optimum. Only otherwise is branch and cut needed.
      const relaxed = run('simplex');
      if (typeof relaxed !== 'string' && relaxed.whole) return relaxed;
      if (relaxed === 'infeasible') return relaxed;
      return run('choose');
    } finally {
      for (const [c] of objective) instance.changeColCost(c, 0);
    }
  };

  const run = (solver: 'simplex' | 'choose') => {
    solves += 1;
    instance.options.set({ solver, presolve: solver === 'simplex' ? 'off' : 'choose' });
    instance.zeroAllClocks();
    instance.run();
    const status = instance.getModelStatus();
    if (status === h.constants.modelStatus.infeasible) return 'infeasible' as const;
    if (status === h.constants.modelStatus.timeLimit) return 'unknown' as const;
    if (status !== h.constants.modelStatus.optimal)
      throw new AuditFailedError(
        `the disclosure audit's solver stopped without an answer (HiGHS status ${status})`,
      );
    const raw = instance.getSolution().colValue.slice(0, numCols);
    const whole = raw.every((v) => Math.abs(v - Math.round(v)) < 1e-7);
    return { value: Math.round(instance.getObjectiveValue()), x: Float64Array.from(raw, Math.round), whole };
  };

  return {
    name: `HiGHS ${h.version.string} (WebAssembly)`,
    get solves() {
      return solves;
    },
    range(objective: Terms, extra: Row[] = []): Range {
      for (const row of extra)
        instance.addRow(row.lower, row.upper, {
          indices: Int32Array.from(row.terms.map(([c]) => c)),
          values: Float64Array.from(row.terms.map(([, v]) => v)),
        });
      try {
        const max = optimise(objective, 'max');
        if (typeof max === 'string') return max;
        const min = optimise(objective, 'min');
        if (typeof min === 'string') return min;
        return { min: min.value, max: max.value, argmin: min.x, argmax: max.x };
      } finally {
        if (extra.length)
          instance.deleteRows({ kind: 'range', from: baseRows, to: baseRows + extra.length - 1 });
      }
    },
    dispose() {
      instance.dispose();
    },
  };
}
