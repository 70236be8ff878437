import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import type { TrustConfig } from '../../shared/schemas/config';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export const EXAMPLE_CONFIG_PATH = root('config/example-trust.yaml');

/** The example trust, fresh each call so a test may change its copy freely. */
export function exampleConfig(): TrustConfig {
  return structuredClone(loadConfigFile(EXAMPLE_CONFIG_PATH));
}

/** A payload from events/, as a fresh copy. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(root(`events/${name}`), 'utf8')) as T;
}
