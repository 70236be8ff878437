// Builds the pillar7 command into dist/cli/: our TypeScript compiled and bundled (dependencies stay
// in node_modules), with the commands that reach a database or AWS split into chunks loaded when
// they run. Run on install (npm's prepare) and by bin/pillar7.js whenever a source is newer.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './bundling';
import { VERIFIED_FORM_BUILD } from '../../shared/feedback/client-asset';

export const CLI_DIR = join(ROOT, 'dist/cli');
/** The sources the bundle was built from: the launcher rebuilds when one of them is newer. */
export const CLI_INPUTS = 'inputs.json';

export async function buildCli(): Promise<void> {
  const staging = `${CLI_DIR}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({
    entryPoints: { pillar7: join(ROOT, 'infra/cli/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    outdir: staging,
    logLevel: 'warning',
  });
  // Chunks find the browser script beside them, as a Lambda bundle does.
  await build({
    entryPoints: [join(ROOT, 'shared/feedback/client/verified-form.ts')],
    ...VERIFIED_FORM_BUILD,
    outfile: join(staging, 'verified-form.js'),
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((p) => relative(ROOT, join(ROOT, p)))
    .filter((p) => !p.startsWith('node_modules'));
  writeFileSync(join(staging, CLI_INPUTS), JSON.stringify([...inputs, 'package.json']));
  // Moved in file by file, the entry last, so a command starting meanwhile runs the old build or
  // the new, never half of one. Chunks are named by their content, so a file a running command
  // (a `pillar7 start` left open) may still import is never replaced by other code; files of old
  // builds are pruned once they are a day old.
  mkdirSync(CLI_DIR, { recursive: true });
  const files = readdirSync(staging);
  const last = ['pillar7.js', CLI_INPUTS];
  for (const f of [...files.filter((f) => !last.includes(f)), CLI_INPUTS, 'pillar7.js'])
    renameSync(join(staging, f), join(CLI_DIR, f));
  rmSync(staging, { recursive: true, force: true });
  const dayAgo = Date.now() - 86_400_000;
  for (const f of readdirSync(CLI_DIR))
    if (!files.includes(f) && statSync(join(CLI_DIR, f)).mtimeMs < dayAgo)
      rmSync(join(CLI_DIR, f), { force: true });
}

await buildCli();
