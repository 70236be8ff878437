import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { TrustConfig } from '../schemas/config';
import { ConfigError, parseConfigValue } from './parse-config';

export { ConfigError, parseConfigValue };

export function parseConfigText(text: string, source: string): TrustConfig {
  let raw: unknown;
  try {
    raw = /\.json$/i.test(source) ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new ConfigError(source, [{ path: '(file)', message: `cannot be read: ${(err as Error).message}` }]);
  }
  return parseConfigValue(raw, source);
}

export function loadConfigFile(path: string): TrustConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [{ path: '(file)', message: `cannot be opened: ${(err as Error).message}` }]);
  }
  return parseConfigText(text, path);
}

/** A stable fingerprint of the config in force, stored beside each evaluation it produced. */
export function configHash(config: TrustConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}
