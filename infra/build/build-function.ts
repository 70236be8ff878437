import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrustConfig } from '../../shared/schemas/config';
import { BUNDLING, FUNCTION_ASSETS, ROOT, configDefine, entryFor } from './bundling';

/** Bundles one function exactly as the CDK stack does, for the benchmark and the bundle smoke test. */
export async function buildFunction(
  fn: string,
  config: TrustConfig,
  outdir: string,
): Promise<{ file: string; bytes: number }> {
  const file = join(outdir, fn, 'index.mjs');
  await build({
    entryPoints: [entryFor(fn)],
    outfile: file,
    bundle: true,
    logLevel: 'silent',
    target: BUNDLING.target,
    format: BUNDLING.format,
    platform: BUNDLING.platform,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourcemap,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: BUNDLING.alias,
    external: [...BUNDLING.external],
    define: configDefine(config),
  });
  for (const asset of FUNCTION_ASSETS[fn] ?? []) {
    const target = join(outdir, fn, asset.to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(ROOT, asset.from), target);
  }
  return { file, bytes: statSync(file).size };
}
