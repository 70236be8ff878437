import type { TrustConfig } from '../schemas/config';
import { parseConfigValue } from './parse-config';

let cached: TrustConfig | undefined;

/**
 * The trust config a handler runs with, from PILLAR7_CONFIG_JSON. In the cloud esbuild inlines the
 * validated config there at synth, so a function reads no config at run time; locally the runtime
 * sets it from the config file before any handler loads. Parsed again here so a handler never runs
 * on a config the schema has not passed.
 */
export function runtimeConfig(): TrustConfig {
  if (cached) return cached;
  const inlined = process.env.PILLAR7_CONFIG_JSON;
  if (!inlined)
    throw new Error(
      'PILLAR7_CONFIG_JSON must hold the trust config: the function was built or started without one',
    );
  cached = parseConfigValue(JSON.parse(inlined), 'PILLAR7_CONFIG_JSON');
  return cached;
}
