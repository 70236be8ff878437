// npm run bench: every performance figure of SPEC section 9 against its budget, plus the local form endpoint under load.
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { loadConfigFile } from '../../shared/config/load-config';
import { startEmulators } from '../../infra/local/emulators';
import { useLocalEnvironment, LOCAL_NAMES } from '../../infra/local/environment';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { benchBundles } from './bundles.bench';
import { benchResponseWrite } from './response-write.bench';
import { benchImport } from './import.bench';
import { benchCycleReads, benchEvaluate } from './evaluate.bench';
import { benchPdf } from './pdf.bench';
import { benchColdLoad } from './cold-load.bench';
import { benchLoad } from './load.bench';
import { benchAudit } from './audit.bench';
import { benchVerified } from './verified.bench';
import { benchCliStart } from './cli-start.bench';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable, type BenchRow } from './report';

const configPath = fileURLToPath(new URL('../../config/example-trust.yaml', import.meta.url));
const rows: BenchRow[] = [];

console.log(
  `pillar7-qa benchmark: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log('Bundling every function as it deploys…');
const bundles = await benchBundles(loadConfigFile(configPath));
rows.push(...bundles.rows);

console.log('Loading each HTTP bundle in fresh processes, beside a hello-world bundle…');
rows.push(...(await benchColdLoad(mkdtempSync(join(tmpdir(), 'pillar7-cold-')), bundles.files)));

console.log('Starting the pillar7 command beside node -e 0…');
rows.push(...benchCliStart());

console.log('Rendering the PDF for a 40-division trust…');
rows.push(...(await benchPdf(configPath)));

console.log('Auditing the published figures of a 40-division trust…');
rows.push(...(await benchAudit(configPath)));

console.log('Evaluating 10k and 100k responses…');
rows.push(...benchEvaluate());

console.log('Starting DynamoDB Local for the write-cost figures…');
const emulators = await startEmulators();
try {
  useLocalEnvironment(emulators.endpoints, configPath);
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  rows.push(...(await benchResponseWrite()));
  console.log('Measuring the verified path against the open one…');
  rows.push(...(await benchVerified()));
  console.log('Loading a cycle to count its read units…');
  rows.push(...(await benchCycleReads()));
  console.log('Importing 10k and 200k rows…');
  rows.push(...benchImport(emulators.endpoints.dynamodb));
  console.log('Loading the local form endpoint on loopback…');
  rows.push(...(await benchLoad()));
} finally {
  await emulators.stop();
}

console.log('');
printTable(rows);
const failed = rows.filter((r) => r.pass === false);
if (failed.length) {
  console.log(`\n${failed.length} figure(s) over budget.`);
  process.exitCode = 1;
}
