// npm run test:mutation [-- --incremental] [-- --only screening|rules|disclosure [--files a.ts,b.ts]]
// Runs StrykerJS in the batches of ./batches.ts, one after the other, then prints one table: each
// file's share of mutants killed, the anonymity guards, the overall figure and the time taken. It
// exits 1 when the overall figure is under the floor or a guard is under 100%.
import { Stryker } from '@stryker-mutator/core';
import type { MutantResult } from '@stryker-mutator/api/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BATCHES, BATCH_ENV, GUARD_FILES, OVERALL_FLOOR } from './batches';

const { values } = parseArgs({
  options: {
    incremental: { type: 'boolean', default: false },
    only: { type: 'string' },
    // Some of one batch's files only, with its tests: to check a few files again quickly.
    files: { type: 'string' },
  },
});
const chosen = BATCHES.filter((b) => values.only === undefined || b.name === values.only);
if (chosen.length === 0) {
  console.error(`--only must be one of: ${BATCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
if (values.files !== undefined && chosen.length !== 1) {
  console.error('--files needs --only: the batch whose tests the files are run with');
  process.exit(2);
}
const files = values.files
  ?.split(',')
  .map((f) => f.trim())
  .filter(Boolean);

const started = Date.now();
const results: MutantResult[] = [];
for (const batch of chosen) {
  console.log(`\n== ${batch.name}: ${batch.why}`);
  if (batch.leavesOut.length > 0) console.log(`   tests left out: ${batch.leavesOut.join(', ')}`);
  process.env[BATCH_ENV] = batch.name;
  const batchStarted = Date.now();
  // Stryker reads stryker.config.mjs (sandbox, timeouts, runner) and these options over it.
  const stryker = new Stryker({
    mutate: files ?? [...batch.mutate],
    reporters: ['progress', 'html'],
    htmlReporter: { fileName: `reports/mutation/${batch.name}/index.html` },
    incremental: values.incremental,
    incrementalFile: `reports/mutation/${batch.name}/incremental.json`,
    // One sandbox per batch, so an interrupted run never leaves the next one a half-copied tree.
    tempDirName: `.stryker-tmp/${batch.name}`,
  });
  const batchResults = await stryker.runMutationTest();
  results.push(...batchResults);
  console.log(`   ${batch.name} took ${minutes(Date.now() - batchStarted)}`);
}

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}
const tallies = new Map<string, Tally>();
for (const r of results) {
  const file = relative(process.cwd(), resolve(r.fileName));
  const t = tallies.get(file) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  if (r.status === 'Killed') t.killed++;
  else if (r.status === 'Timeout') t.timeout++;
  else if (r.status === 'Survived') t.survived++;
  else if (r.status === 'NoCoverage') t.noCoverage++;
  else t.ignored++; // Ignored (marked equivalent), CompileError, RuntimeError: not counted
  tallies.set(file, t);
}

const detected = (t: Tally) => t.killed + t.timeout;
const valid = (t: Tally) => detected(t) + t.survived + t.noCoverage;
const score = (t: Tally) => (valid(t) === 0 ? 100 : (100 * detected(t)) / valid(t));
const sum = (ts: Iterable<Tally>): Tally => {
  const all = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const t of ts) for (const key of Object.keys(all) as (keyof Tally)[]) all[key] += t[key];
  return all;
};

const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
const overall = sum(tallies.values());
const guards = rows.filter(([file]) => (GUARD_FILES as readonly string[]).includes(file));
const line = (name: string, t: Tally) =>
  `${name.padEnd(44)} ${score(t).toFixed(2).padStart(7)}% ${String(t.killed).padStart(6)} ${String(t.timeout).padStart(6)} ${String(t.survived).padStart(6)} ${String(t.noCoverage).padStart(6)} ${String(t.ignored).padStart(6)}`;
const header = `${'file'.padEnd(44)} ${'score'.padStart(8)} ${'killed'.padStart(6)} ${'t/out'.padStart(6)} ${'surv.'.padStart(6)} ${'no cov'.padStart(6)} ${'other'.padStart(6)}`;

const report = [
  header,
  ...rows.map(([file, t]) => line(file, t)),
  '',
  line('anonymity guards', sum(guards.map(([, t]) => t))),
  line('overall', overall),
  '',
  `time: ${minutes(Date.now() - started)} (${chosen.map((b) => b.name).join(' + ')})`,
  `score = (killed + timed out) / (killed + timed out + survived + no coverage); mutants marked equivalent, or that did not compile or run (other), do not count`,
];
console.log(`\n${report.join('\n')}`);

const failures = [
  ...(score(overall) < OVERALL_FLOOR && chosen.length === BATCHES.length
    ? [`overall ${score(overall).toFixed(2)}% is under ${OVERALL_FLOOR}%`]
    : []),
  ...guards
    .filter(([, t]) => score(t) < 100)
    .map(([file, t]) => `guard ${file} is at ${score(t).toFixed(2)}%`),
];
const survivors = results
  .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
  .map(
    (r) =>
      `${relative(process.cwd(), resolve(r.fileName))}:${r.location.start.line}:${r.location.start.column} ${r.mutatorName} -> ${oneLine(r.replacement ?? '')} (${r.status})`,
  )
  .sort();
mkdirSync('reports/mutation', { recursive: true });
writeFileSync(
  'reports/mutation/summary.txt',
  [...report, '', 'survivors:', ...survivors, '', ...failures].join('\n') + '\n',
);
console.log(
  `\nEach batch's HTML report: ${chosen.map((b) => `reports/mutation/${b.name}/index.html`).join(', ')}`,
);
console.log('This table and every surviving mutant: reports/mutation/summary.txt');
for (const f of failures) console.error(`FAIL: ${f}`);
process.exit(failures.length > 0 ? 1 : 0);

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
