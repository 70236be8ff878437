import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report';

const worker = fileURLToPath(new URL('./import-worker.ts', import.meta.url));

interface ImportRun {
  rows: number;
  bytes: number;
  seconds: number;
  peakHeapMB: number;
  peakRssMB: number;
}

function run(rows: number, dynamodb: string): ImportRun {
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', worker, String(rows), dynamodb],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) throw new Error(`import benchmark of ${rows} rows failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ImportRun;
}

/** Import throughput and peak memory at two sizes; memory is flat when the larger file costs no more. */
export function benchImport(dynamodb: string): BenchRow[] {
  const small = run(10_000, dynamodb);
  const large = run(200_000, dynamodb);
  // About 50 MB: the size the import must take without its memory growing.
  const largest = run(500_000, dynamodb);
  const rows: BenchRow[] = [];
  for (const r of [small, large, largest])
    rows.push({
      figure: `import ${r.rows.toLocaleString('en-GB')} peer-review rows (${(r.bytes / 2 ** 20).toFixed(1)} MB CSV) into DynamoDB Local`,
      value: `${Math.round(r.rows / r.seconds).toLocaleString('en-GB')} rows/s, ${r.seconds.toFixed(1)} s, peak heap +${r.peakHeapMB.toFixed(1)} MB, RSS ${r.peakRssMB.toFixed(0)} MB`,
      budget: 'info',
      pass: null,
    });
  const growth = large.peakHeapMB - small.peakHeapMB;
  const growth50 = largest.peakHeapMB - small.peakHeapMB;
  rows.push(
    {
      figure: 'import memory, 200k rows against 10k rows (flat: the file is streamed)',
      value: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB heap for 20x the rows`,
      budget: '< 32 MB growth',
      pass: growth < 32,
    },
    {
      figure: `import memory, ${(largest.bytes / 2 ** 20).toFixed(0)} MB CSV against 10k rows`,
      value: `${growth50 >= 0 ? '+' : ''}${growth50.toFixed(1)} MB heap for 50x the rows`,
      budget: '< 32 MB growth',
      pass: growth50 < 32,
    },
  );
  return rows;
}
