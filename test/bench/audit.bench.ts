// The disclosure audit of a 40-division trust with 3,000 responses, beside its figures already published for the cycle.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ResponseAggregator, seededRandom } from '../../shared/domain/aggregate';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import { publishPractitionerStatistics } from '../../shared/disclosure/publish-statistics';
import { publishedFiguresOf } from '../../shared/disclosure/facts';
import { evaluate } from '../../shared/domain/rubric';
import { loadConfigFile } from '../../shared/config/load-config';
import { emptyEvidence } from '../support/builders';
import { highsSolver } from '../../shared/disclosure/solver';
import type { StoredResponse } from '../../shared/schemas/response';
import type { BenchRow } from './report';

export async function benchAudit(configPath: string): Promise<BenchRow[]> {
  const divisions = Array.from({ length: 40 }, (_, i) => `school-${i + 1}`);
  const random = seededRandom('audit-bench');
  const pick = (centre: number) =>
    Math.min(5, Math.max(1, Math.round(centre + (random() + random() - 1) * 2)));
  const agg = new ResponseAggregator('bench');
  for (let i = 0; i < 3000; i++) {
    // Schools of very different sizes, most staff delivering, a few not saying.
    const school = divisions[Math.floor(random() ** 1.5 * divisions.length)]!;
    const r: StoredResponse = {
      responseId: String(i),
      cycleId: 'bench',
      ratings: Object.fromEntries(PILLAR_KEYS.filter(() => random() > 0.1).map((p) => [p, pick(3.4)])),
      safety: pick(4),
      influence: random() > 0.1 ? pick(3.3) : undefined,
      role: random() > 0.15 ? 'delivery' : random() > 0.3 ? 'leadership' : 'undisclosed',
      division: random() > 0.05 ? school : 'undisclosed',
      comment: random() < 0.1 ? 'a comment' : undefined,
    };
    agg.add(r);
  }
  const settings = { k: 5, commentThreshold: 10, divisions, formClosed: true };
  // First run: what was published before, read back from its evaluation as a reader would.
  const first = await publishPractitionerStatistics(agg, settings, { solver: highsSolver });
  const config = loadConfigFile(configPath);
  const trust = { ...config, divisions: divisions.map((id) => ({ id, name: id })) };
  const earlier = publishedFiguresOf(
    evaluate({
      config: trust,
      configHash: 'bench',
      cycle: trust.cycles[2]!,
      evidence: emptyEvidence(),
      practitioners: first,
      now: new Date(),
    }),
  )!;
  const started = performance.now();
  const second = await publishPractitionerStatistics(agg, settings, {
    solver: highsSolver,
    earlier: [earlier],
  });
  const ms = performance.now() - started;
  const wasm = statSync(createRequire(import.meta.url).resolve('highs/runtime')).size;
  return [
    {
      figure: `disclosure audit, 40 divisions, 3,000 responses, with the cycle's earlier figures (${second.audit?.setsChecked} sets examined)`,
      value: `${(ms / 1000).toFixed(2)} s`,
      budget: '< 5 s',
      pass: ms < 5000 && second.audit !== null,
    },
    {
      figure: 'the solver shipped beside the evaluate bundle (highs.wasm)',
      value: `${(wasm / 2 ** 20).toFixed(2)} MB`,
      budget: 'beside the bundle, not in it',
      pass: null,
    },
  ];
}
