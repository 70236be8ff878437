// One evaluation of N synthetic responses, streamed through the aggregator and judged, in a process of its own.
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import { ResponseAggregator } from '../../shared/domain/aggregate';
import { evaluate } from '../../shared/domain/rubric';
import { PILLAR_KEYS } from '../../shared/domain/pillars';
import type { StoredResponse } from '../../shared/schemas/response';
import { practitionersOf, emptyEvidence } from '../support/builders';

const n = Number(process.argv[2]);
// 'time' runs untouched; 'memory' collects garbage every 10,000 responses and reads what is still held.
const mode = process.argv[3] === 'memory' ? 'memory' : 'time';
const config = loadConfigFile(fileURLToPath(new URL('../../config/example-trust.yaml', import.meta.url)));
const cycle = config.cycles[2]!;
const divisions = [...config.divisions.map((d) => d.id), 'undisclosed'];
const roles = ['delivery', 'leadership', 'undisclosed'] as const;

/** Responses made one at a time, as a Query page hands them over: none is kept once folded in. */
function* responses(count: number): Generator<StoredResponse> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    yield {
      responseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      cycleId: cycle.id,
      ratings: Object.fromEntries(PILLAR_KEYS.map((k) => [k, 1 + Math.floor(next() * 5)])),
      safety: 1 + Math.floor(next() * 5),
      influence: 1 + Math.floor(next() * 5),
      role: roles[Math.floor(next() * 3)]!,
      division: divisions[Math.floor(next() * divisions.length)]!,
      comment:
        next() < 0.15
          ? `Comment number ${i} about the improvement model and how it works in practice.`
          : undefined,
    };
  }
}

global.gc?.();
const base = process.memoryUsage().heapUsed;
let peak = base;
const started = process.hrtime.bigint();
const agg = new ResponseAggregator(cycle.id);
let i = 0;
for (const r of responses(n)) {
  agg.add(r);
  if (mode === 'memory' && ++i % 10_000 === 0) {
    global.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
}
const result = evaluate({
  config,
  configHash: 'bench',
  cycle,
  evidence: emptyEvidence(),
  practitioners: practitionersOf(config, agg),
  now: new Date(),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (mode === 'memory') {
  global.gc?.();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}
if (result.practitioners.responses !== n) throw new Error('the evaluation did not count every response');
console.log(JSON.stringify({ n, seconds, heldHeapMB: (peak - base) / 2 ** 20 }));
