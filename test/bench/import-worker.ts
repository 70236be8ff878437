// One import measured in a process of its own, so its peak memory is its own: prints one JSON line.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import { importRows, readRows } from '../../shared/imports/import-rows';
import { EvidenceRepository } from '../../shared/store/evidence';
import { documentClient } from '../../shared/aws/dynamodb';
import { useLocalEnvironment, LOCAL_NAMES } from '../../infra/local/environment';

const [rowsArg, dynamodb] = process.argv.slice(2);
const rows = Number(rowsArg);
const configPath = fileURLToPath(new URL('../../config/example-trust.yaml', import.meta.url));
useLocalEnvironment({ dynamodb: dynamodb!, s3: 'http://127.0.0.1:1', ses: 'http://127.0.0.1:1' }, configPath);
const config = loadConfigFile(configPath);

// A realistic peer-review export: every row a distinct review, division and pillar.
const file = join(tmpdir(), `pillar7-bench-${rows}.csv`);
const out = createWriteStream(file);
out.write('review_id,date,division,pillar,rating,reviewer_type,notes\r\n');
const pillars = ['vision', 'capacity', 'commitment', 'intelligence', 'process', 'innovation', 'assurance'];
for (let i = 0; i < rows; i++) {
  const line = `PR-B${rows}-${Math.floor(i / 7)},${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026,${config.divisions[i % config.divisions.length]!.id},${pillars[i % 7]},${(i % 4) + 1},${i % 3 ? 'internal' : 'external'},"Reviewer notes for row ${i}, with a comma"\r\n`;
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

global.gc?.();
const base = process.memoryUsage();
let peakHeap = base.heapUsed;
let peakRss = base.rss;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}, 10);
const started = process.hrtime.bigint();
const summary = await importRows('peer-reviews', readRows('peer-reviews', file, createReadStream(file)), {
  config,
  repo: new EvidenceRepository(documentClient(), LOCAL_NAMES.table),
  today: '2026-06-01',
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
if (summary.imported !== rows)
  throw new Error(
    `expected ${rows} rows imported, got ${JSON.stringify({ ...summary, rejected: summary.rejected.slice(0, 3) })}`,
  );
console.log(
  JSON.stringify({
    rows,
    bytes: statSync(file).size,
    seconds,
    peakHeapMB: (peakHeap - base.heapUsed) / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
  }),
);
