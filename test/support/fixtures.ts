import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import type { TrustConfig } from '../../shared/schemas/config';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export const EXAMPLE_CONFIG_PATH = root('config/example-trust.yaml');

/** The example trust's YAML, to edit and save anywhere: its logo named by its full path. */
export const exampleConfigText = (): string =>
  readFileSync(EXAMPLE_CONFIG_PATH, 'utf8').replace(
    /^(\s*logo:\s*)(\S+)$/m,
    (_, key: string, file: string) => `${key}${root(`config/${file}`)}`,
  );

/** The example trust, fresh each call so a test may change its copy freely. */
export function exampleConfig(): TrustConfig {
  return structuredClone(loadConfigFile(EXAMPLE_CONFIG_PATH));
}

/** A payload from events/, as a fresh copy. */
export function loadEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(root(`events/${name}`), 'utf8')) as T;
}

/**
 * Imports a function's handler module with the environment a deployed function has (table, bucket,
 * the example trust's config), for unit tests whose AWS clients are mocked. Handlers read their
 * environment at import, so this must come before anything else imports them.
 */
export async function importHandler<H>(fn: string, config: TrustConfig = exampleConfig()): Promise<H> {
  vi.stubEnv('TABLE_NAME', 'test-table');
  vi.stubEnv('BUCKET_NAME', 'test-bucket');
  vi.stubEnv('PILLAR7_CONFIG_JSON', JSON.stringify(config));
  return ((await import(`../../functions/${fn}/handler.ts`)) as { handler: H }).handler;
}
