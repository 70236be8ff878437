import { fileURLToPath } from 'node:url';
import type { TrustConfig } from '../../shared/schemas/config';
import { FONT_FILES } from '../../shared/report/fonts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** SPEC section 9: the most a minified bundle may weigh. */
export const BUNDLE_BUDGET_BYTES = { http: 256 * 1024, pipeline: 1.5 * 1024 * 1024 } as const;

/**
 * How every Lambda is bundled, declared once: the CDK construct and the benchmark both read this,
 * so the size the benchmark prints is the size that deploys.
 */
export const BUNDLING = {
  target: 'node22',
  format: 'esm',
  platform: 'node',
  minify: true,
  sourcemap: true,
  // Warnings and errors only: a synth lists no size and timing lines for every bundle.
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  alias: {
    // Lambda passes the role's credentials in environment variables; the rest of the default chain
    // (SSO, INI, IMDS, web identity) would only add weight to every cold start.
    '@aws-sdk/credential-provider-node': `${ROOT}infra/build/lambda-credentials.ts`,
    // Endpoint discovery, which no function turns on: its cache, LRU and command are left out.
    '@aws-sdk/middleware-endpoint-discovery': `${ROOT}infra/build/no-endpoint-discovery.ts`,
  },
  // Loaded by the SDK only for event-stream operations, which no function here calls; left out,
  // such a call would fail loudly on import rather than silently.
  external: ['@smithy/core/event-streams'],
} as const;

/** The functions that show the trust's logo (the form's pages and the report); the rest are built without it. */
export const SHOWS_LOGO: readonly string[] = ['form-page', 'form-access', 'publish'];

/**
 * The config is inlined at build time: a function reads no config file or service at run time. The
 * logo (up to 32 KB, 43 KB as a data URI) is never inlined: the functions that show it get it as a
 * file beside the bundle (logoAsset), read once at cold start, so it weighs on no bundle's budget.
 */
export const configDefine = (config: TrustConfig, fn: string) => ({
  'process.env.PILLAR7_CONFIG_JSON': JSON.stringify(
    JSON.stringify(config.trust.logo ? { ...config, trust: { ...config.trust, logo: undefined } } : config),
  ),
  'process.env.PILLAR7_CONFIG_SOURCE': JSON.stringify('validated-at-build'),
  'process.env.PILLAR7_LOGO_BESIDE': JSON.stringify(logoAsset(config, fn) ? LOGO_FILE : ''),
});

/** The file beside a bundle that holds the trust's logo, as a data URI. */
export const LOGO_FILE = 'logo.txt';

/** The logo a function's bundle ships beside it: only for the functions that show it, if the trust has one. */
export const logoAsset = (config: TrustConfig, fn: string): string | undefined =>
  SHOWS_LOGO.includes(fn) ? config.trust.logo : undefined;

export const entryFor = (fn: string) => `${ROOT}functions/${fn}/handler.ts`;

/**
 * Files a function reads beside its code at run time, copied into its bundle: the PDF's embedded
 * fonts (shared/report/fonts.ts looks for them in ./fonts/ next to the bundle), and the disclosure
 * audit's solver, HiGHS as WebAssembly (its loader looks for highs.wasm next to the bundle); and the
 * verified form's browser script (shared/feedback/client-asset.ts looks for it next to the bundle).
 */
export type FunctionAsset =
  /** A file copied as it is. */
  | { from: string; to: string }
  /** A browser script bundled from source (VERIFIED_FORM_BUILD), for a page the function serves. */
  | { build: string; to: string };

export const FUNCTION_ASSETS: Record<string, FunctionAsset[]> = {
  evaluate: [{ from: 'node_modules/highs/build/highs.wasm', to: 'highs.wasm' }],
  'form-access': [{ build: 'shared/feedback/client/verified-form.ts', to: 'verified-form.js' }],
  publish: Object.values(FONT_FILES).map((name) => ({
    from: `node_modules/@fontsource/noto-sans/files/${name}`,
    to: `fonts/${name}`,
  })),
};
