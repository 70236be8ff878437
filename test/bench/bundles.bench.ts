import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction } from '../support/build-function';
import { BUNDLE_BUDGET_BYTES } from '../../infra/build/bundling';
import { HTTP_FUNCTIONS } from '../../shared/http/routes';
import type { TrustConfig } from '../../shared/schemas/config';
import { kb, type BenchRow } from './report';
import { PIPELINE_FUNCTIONS } from '../../shared/cycle/steps';

/** Every function bundled exactly as it deploys, weighed against its budget. */
export async function benchBundles(
  config: TrustConfig,
): Promise<{ rows: BenchRow[]; files: Record<string, string> }> {
  const outdir = mkdtempSync(join(tmpdir(), 'pillar7-bench-'));
  const rows: BenchRow[] = [];
  const files: Record<string, string> = {};
  for (const [kind, fns] of [
    ['http', HTTP_FUNCTIONS],
    ['pipeline', PIPELINE_FUNCTIONS],
  ] as const) {
    for (const fn of fns) {
      const { file, bytes } = await buildFunction(fn, config, outdir);
      files[fn] = file;
      const budget = BUNDLE_BUDGET_BYTES[kind];
      rows.push({
        figure: `bundle ${fn} (${kind}, minified)`,
        value: kb(bytes),
        budget: `<= ${kb(budget)}`,
        pass: bytes <= budget,
      });
    }
  }
  return { rows, files };
}
