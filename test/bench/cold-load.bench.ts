import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../infra/build/bundling';
import { ESBUILD_OPTIONS } from '../support/build-function';
import { HTTP_FUNCTIONS } from '../../shared/http/routes';
import type { BenchRow } from './report';

const RUNS = 21;
/** SPEC section 9: at most 1.3x a bundle holding only the DynamoDB client, loaded in the same run. */
const BUDGET_RATIO = 1.3;

/** A handler bundled the same way as ours, from the given source. */
async function reference(outdir: string, name: string, source: string): Promise<string> {
  const dir = join(outdir, name);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'handler.mjs');
  writeFileSync(entry, source);
  const file = join(dir, 'index.mjs');
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [entry],
    outfile: file,
    nodePaths: [join(ROOT, 'node_modules')],
  });
  return file;
}

/** What a fresh Node process costs by itself: the budget's reference. */
const HELLO = 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n';
/** The least any function that talks to DynamoDB loads: the SDK client, made at init as usual. For information. */
const HELLO_DYNAMODB =
  'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nconst db = new DynamoDBClient({});\nexport const handler = async () => ({ statusCode: 200, body: String(Boolean(db)) });\n';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Loads each HTTP bundle in a fresh Node process, as a Lambda cold start does, RUNS times, interleaved
 * with the hello-world bundle so a busy moment on the machine falls on both alike. The figure is the
 * median wall time of the whole process (start, import the handler module, exit), and, for
 * information, the median time of the import alone.
 */
export async function benchColdLoad(outdir: string, files: Record<string, string>): Promise<BenchRow[]> {
  const loader = join(outdir, 'load.mjs');
  writeFileSync(
    loader,
    'const t0 = performance.now();\nconst m = await import(process.argv[2]);\nif (typeof m.handler !== "function") process.exit(3);\nprocess.stdout.write(String(performance.now() - t0));\n',
  );
  const targets = {
    'hello-world': await reference(outdir, 'hello-world', HELLO),
    'hello-dynamodb': await reference(outdir, 'hello-dynamodb', HELLO_DYNAMODB),
    ...Object.fromEntries(HTTP_FUNCTIONS.map((fn) => [fn, files[fn]!])),
  };
  const wall: Record<string, number[]> = {};
  const imports: Record<string, number[]> = {};
  const env = {
    PATH: process.env.PATH,
    TABLE_NAME: 'bench',
    // As the stack sets it for the console (the reports and the evidence inbox).
    BUCKET_NAME: 'bench',
    // As the stack sets it for the issuing function (its keys are in Secrets Manager, read on use).
    KEY_SECRET_PREFIX: 'pillar7/bench/group-keys/',
    AWS_REGION: 'eu-west-2',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (let i = 0; i < RUNS; i += 1)
    for (const [name, file] of Object.entries(targets)) {
      const t0 = process.hrtime.bigint();
      const out = spawnSync(process.execPath, [loader, file], { env, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (out.status !== 0) throw new Error(`loading ${name} failed: ${out.stderr}`);
      (wall[name] ??= []).push(ms);
      (imports[name] ??= []).push(Number(out.stdout));
    }
  const hello = median(wall['hello-world']!);
  const base = median(wall['hello-dynamodb']!);
  const rows: BenchRow[] = [
    {
      figure: 'fresh-process load, hello-world bundle (for information)',
      value: `${hello.toFixed(1)} ms (import ${median(imports['hello-world']!).toFixed(1)} ms)`,
      budget: '-',
      pass: null,
    },
    {
      figure: 'fresh-process load, a bundle holding only the DynamoDB client (the reference)',
      value: `${base.toFixed(1)} ms = ${(base / hello).toFixed(2)}x hello-world (import ${median(imports['hello-dynamodb']!).toFixed(1)} ms)`,
      budget: '-',
      pass: null,
    },
  ];
  for (const fn of HTTP_FUNCTIONS) {
    const ms = median(wall[fn]!);
    const ratio = ms / base;
    rows.push({
      figure: `fresh-process load, ${fn} bundle`,
      value: `${ms.toFixed(1)} ms = ${ratio.toFixed(2)}x the DynamoDB-only bundle (import ${median(imports[fn]!).toFixed(1)} ms)`,
      budget: `<= ${BUDGET_RATIO}x`,
      pass: ratio <= BUDGET_RATIO,
    });
  }
  return rows;
}
