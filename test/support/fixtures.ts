import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../shared/config/load-config';
import { addDays } from '../../shared/domain/dates';
import { dayIn } from '../../shared/domain/anonymity';
import type { TrustConfig } from '../../shared/schemas/config';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export const EXAMPLE_CONFIG_PATH = root('config/example-trust.yaml');

/** The example trust's YAML, to edit and save anywhere: its logo named by its full path. */
export const exampleConfigText = (): string =>
  readFileSync(EXAMPLE_CONFIG_PATH, 'utf8').replace(
    /^(\s*logo:\s*)(\S+)$/m,
    (_, key: string, file: string) => `${key}${root(`config/${file}`)}`,
  );

/**
 * The example trust with its cycles replaced by one, `id`, running from `daysBefore` days before today
 * to `daysAfter` after, saved to a file of its own: for a test that opens a form, which only a cycle
 * that has not ended may have, and must prove the same on whatever day it runs. Returns the path.
 */
export function exampleConfigWithCycleAroundToday(id: string, daysBefore: number, daysAfter: number): string {
  const today = dayIn(exampleConfig().timezone, new Date());
  const path = join(mkdtempSync(join(tmpdir(), 'pillar7-trust-')), 'trust.yaml');
  writeFileSync(
    path,
    exampleConfigText().replace(
      /^cycles:\n(?: {2}- .*\n)+/m,
      `cycles:\n  - { id: ${id}, start: '${addDays(today, -daysBefore)}', end: '${addDays(today, daysAfter)}' }\n`,
    ),
  );
  return path;
}

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
