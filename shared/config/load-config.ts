import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { TrustConfig } from '../schemas/config';
import { ConfigError, parseConfigValue } from './parse-config';

export { ConfigError, parseConfigValue };

/** The file could not be read as JSON or YAML at all: an issue on the whole file. */
const unreadable = (message: string) => ({ path: '(file)', message: `cannot be read: ${message}` });

export function parseConfigText(text: string, source: string): TrustConfig {
  let raw: unknown;
  if (/\.json$/i.test(source)) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(source, [unreadable((err as Error).message)]);
    }
  } else {
    // Warnings (an unknown !tag, say) are refused like errors: a config must mean exactly what it says.
    const lines = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: true, logLevel: 'silent', lineCounter: lines });
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length)
      throw new ConfigError(
        source,
        // The parser's own message already says "at line L, column C".
        problems.map((p) => unreadable(p.message.split('\n')[0]!)),
      );
    try {
      raw = doc.toJS();
    } catch (err) {
      throw new ConfigError(source, [unreadable((err as Error).message)]);
    }
    // The line of the entry a path names, or of the nearest entry around it (for a missing field).
    const locate = (path: readonly PropertyKey[]) => {
      for (let n = path.length; n >= 0; n--) {
        const node: unknown = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
      }
      return undefined;
    };
    return parseConfigValue(raw, source, locate);
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
