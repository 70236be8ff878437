import type { TrustConfig } from '../schemas/config';
import { loadConfigFile, parseConfigValue } from './load-config';

let cached: TrustConfig | undefined;

/**
 * The trust config a handler runs with. In the cloud the validated config is inlined into the bundle
 * at synth (esbuild `define` of PILLAR7_CONFIG_JSON), so a function never reads it from anywhere at
 * run time; locally the runtime points PILLAR7_CONFIG at the file.
 */
export function runtimeConfig(): TrustConfig {
  if (cached) return cached;
  const inlined = process.env.PILLAR7_CONFIG_JSON;
  if (inlined) {
    cached = parseConfigValue(JSON.parse(inlined), 'PILLAR7_CONFIG_JSON');
    return cached;
  }
  const path = process.env.PILLAR7_CONFIG;
  if (!path) throw new Error('PILLAR7_CONFIG_JSON or PILLAR7_CONFIG must be set to the trust config');
  cached = loadConfigFile(path);
  return cached;
}

export function resetRuntimeConfigForTests(): void {
  cached = undefined;
}
