import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { ResponseRepository } from '../../shared/store/responses';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { response } from '../support/builders';
import type { BenchRow } from './report';

const worker = fileURLToPath(new URL('./evaluate-worker.ts', import.meta.url));

function run(n: number, mode: 'time' | 'memory'): { n: number; seconds: number; heldHeapMB: number } {
  // taskset pins the run to one core, as the budget is stated; where taskset is missing, it runs unpinned.
  const pinned = spawnSync('taskset', ['--version']).status === 0;
  const cmd = pinned ? 'taskset' : process.execPath;
  const args = [
    ...(pinned ? ['-c', '0', process.execPath] : []),
    '--expose-gc',
    '--import',
    'tsx',
    worker,
    String(n),
    mode,
  ];
  const out = spawnSync(cmd, args, { encoding: 'utf8', env: process.env });
  if (out.status !== 0) throw new Error(`evaluation benchmark of ${n} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as {
    n: number;
    seconds: number;
    heldHeapMB: number;
  };
}

/** Evaluation time and memory at 10k and 100k responses (best of three each, one core). */
export function benchEvaluate(): BenchRow[] {
  const best = (n: number) =>
    [run(n, 'time'), run(n, 'time'), run(n, 'time')].sort((a, b) => a.seconds - b.seconds)[0]!;
  const small = best(10_000);
  const large = best(100_000);
  const ratio = large.seconds / small.seconds;
  const heldSmall = run(10_000, 'memory').heldHeapMB;
  const heldLarge = run(100_000, 'memory').heldHeapMB;
  const growth = heldLarge - heldSmall;
  return [
    {
      figure: 'evaluate 10,000 responses (stream, aggregation and rubric, one core)',
      value: `${(small.seconds * 1000).toFixed(0)} ms, heap held +${heldSmall.toFixed(1)} MB`,
      budget: 'info',
      pass: null,
    },
    {
      figure: 'evaluate 100,000 responses (one core)',
      value: `${(large.seconds * 1000).toFixed(0)} ms, heap held +${heldLarge.toFixed(1)} MB`,
      budget: '< 2 s',
      pass: large.seconds < 2,
    },
    { figure: 'evaluation time, 100k / 10k', value: ratio.toFixed(1), budget: '<= 12', pass: ratio <= 12 },
    {
      figure: 'evaluation memory held, 100k against 10k (flat; sampled after GC every 10k)',
      value: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`,
      budget: '< 16 MB growth',
      pass: growth < 16,
    },
  ];
}

/** DynamoDB's item size: attribute names and values in bytes, numbers counted as about 21 bytes at most. */
function itemBytes(item: Record<string, unknown>): number {
  const size = (v: unknown): number =>
    typeof v === 'string'
      ? Buffer.byteLength(v)
      : typeof v === 'number'
        ? 1 + Math.ceil(String(v).replace(/^-|\./g, '').length / 2)
        : v instanceof Uint8Array
          ? v.length
          : v && typeof v === 'object'
            ? 3 + Object.entries(v).reduce((s, [k, x]) => s + Buffer.byteLength(k) + 1 + size(x), 0)
            : 1;
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + size(v), 0);
}

/** The read units of loading one cycle's responses: Query pages only, compared with bytes / 4 KB. */
export async function benchCycleReads(count = 5000): Promise<BenchRow[]> {
  const db = documentClient();
  const repo = new ResponseRepository(db, LOCAL_NAMES.table);
  const cycleId = 'bench-reads';
  for (let i = 0; i < count; i++)
    await repo.add(
      response({
        cycleId,
        ratings: { vision: 4, capacity: 3, commitment: 5 },
        safety: 4,
        influence: 3,
        comment: i % 5 ? undefined : 'A short comment about the model.',
      }),
    );
  let units = 0;
  let bytes = 0;
  let pages = 0;
  let scans = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (/Scan/.test(String(context.commandName))) scans += 1;
      if (/Query/.test(String(context.commandName)))
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const out = result.output as {
        ConsumedCapacity?: { CapacityUnits?: number };
        Items?: Record<string, unknown>[];
      };
      if (out.ConsumedCapacity) {
        pages += 1;
        units += out.ConsumedCapacity.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'measureReadUnits' },
  );
  let n = 0;
  for await (const _ of repo.streamForCycle(cycleId)) n += 1;
  db.middlewareStack.remove('measureReadUnits');
  const raw = await db.send(
    new QueryCommand({
      TableName: LOCAL_NAMES.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `RESPONSES#${cycleId}` },
      Limit: 50,
    }),
  );
  const perItem =
    (raw.Items ?? []).reduce((s, i) => s + itemBytes(i), 0) / Math.max(1, raw.Items?.length ?? 1);
  bytes = perItem * n;
  const expected = Math.ceil(bytes / 4096) / 2; // eventually consistent Query: half a unit per 4 KB
  return [
    {
      figure: `load a cycle of ${n.toLocaleString('en-GB')} responses: Query pages, no Scan`,
      value: `${pages} Query pages, ${scans} Scans`,
      budget: '0 Scans',
      pass: scans === 0 && n === count,
    },
    {
      figure: 'read units of loading that cycle, against total bytes / 4 KB (eventually consistent)',
      value: `${units} RCU for ${(bytes / 1024).toFixed(0)} KB (${expected} expected)`,
      budget: '<= 1.25x expected',
      pass: units <= expected * 1.25 + 1,
    },
  ];
}
