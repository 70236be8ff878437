import type { TrustConfig } from '../schemas/config';
import { readFileSync } from 'node:fs';
import { parseConfigValue } from './parse-config';

let cached: TrustConfig | undefined;

/**
 * The trust config a handler runs with, from PILLAR7_CONFIG_JSON. In the cloud esbuild inlines the
 * validated config there at synth, so a function reads no config at run time; locally the runtime
 * sets it from the config file before any handler loads. Either way a handler never runs on a config
 * the schema has not passed.
 */
export function runtimeConfig(): TrustConfig {
  if (cached) return cached;
  const inlined = process.env.PILLAR7_CONFIG_JSON;
  if (!inlined)
    throw new Error(
      'PILLAR7_CONFIG_JSON must hold the trust config: the function was built or started without one',
    );
  const raw = JSON.parse(inlined) as unknown;
  // A bundle's config was validated by the schema at synth, by the build that inlined it; the build
  // also sets this flag, so the check (and the schema code) is left out of the bundle rather than
  // paid for again at every cold start. Anything else is parsed here.
  cached =
    process.env.PILLAR7_CONFIG_SOURCE === 'validated-at-build'
      ? withLogoBeside(raw as TrustConfig)
      : parseConfigValue(raw, 'PILLAR7_CONFIG_JSON');
  return cached;
}

/** A bundle that shows the logo has it in a file beside it (see infra/build/bundling.ts). */
function withLogoBeside(config: TrustConfig): TrustConfig {
  const file = process.env.PILLAR7_LOGO_BESIDE;
  if (!file) return config;
  const logo = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
  return { ...config, trust: { ...config.trust, logo } };
}
