import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let script: Promise<string> | undefined;

/**
 * The verified form's browser script (shared/feedback/client/verified-form.ts, bundled for
 * browsers). A Lambda bundle carries it beside its code (infra/build/bundling.ts builds it there);
 * in a checkout it is built from source on first use, with the esbuild the project develops with.
 */
export function verifiedFormScript(): Promise<string> {
  script ??= load();
  return script;
}

async function load(): Promise<string> {
  const beside = fileURLToPath(new URL('./verified-form.js', import.meta.url));
  if (existsSync(beside)) return readFileSync(beside, 'utf8');
  // A name in a variable: the Lambda bundle must not try to include the bundler itself.
  const bundler = 'esbuild';
  const { build } = (await import(bundler)) as typeof import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./client/verified-form.ts', import.meta.url))],
    ...VERIFIED_FORM_BUILD,
    write: false,
  });
  return out.outputFiles[0]!.text;
}

/** How the browser script is built, here and in the Lambda bundle alike. */
export const VERIFIED_FORM_BUILD = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  logLevel: 'silent',
} as const;
