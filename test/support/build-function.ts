import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrustConfig } from '../../shared/schemas/config';
import {
  BUNDLING,
  FUNCTION_ASSETS,
  LOGO_FILE,
  ROOT,
  configDefine,
  entryFor,
  logoAsset,
} from '../../infra/build/bundling';
import { VERIFIED_FORM_BUILD } from '../../shared/feedback/client-asset';

/** The esbuild options every bundle shares (all but its entry, output and inlined config). */
export const ESBUILD_OPTIONS: BuildOptions = {
  bundle: true,
  logLevel: BUNDLING.logLevel,
  target: BUNDLING.target,
  format: BUNDLING.format,
  platform: BUNDLING.platform,
  minify: BUNDLING.minify,
  mainFields: [...BUNDLING.mainFields],
  banner: { js: BUNDLING.banner },
  alias: BUNDLING.alias,
  external: [...BUNDLING.external],
};

/** Bundles one function exactly as the CDK stack does, for the benchmark and the bundle smoke test. */
export async function buildFunction(
  fn: string,
  config: TrustConfig,
  outdir: string,
): Promise<{ file: string; bytes: number }> {
  const file = join(outdir, fn, 'index.mjs');
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [entryFor(fn)],
    outfile: file,
    sourcemap: BUNDLING.sourcemap,
    define: configDefine(config, fn),
  });
  for (const asset of FUNCTION_ASSETS[fn] ?? []) {
    const target = join(outdir, fn, asset.to);
    mkdirSync(dirname(target), { recursive: true });
    if ('from' in asset) copyFileSync(join(ROOT, asset.from), target);
    else await build({ ...VERIFIED_FORM_BUILD, entryPoints: [join(ROOT, asset.build)], outfile: target });
  }
  const logo = logoAsset(config, fn);
  if (logo) writeFileSync(join(outdir, fn, LOGO_FILE), logo);
  return { file, bytes: statSync(file).size };
}
