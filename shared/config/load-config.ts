import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { MAX_LOGO_KB, type TrustConfig } from '../schemas/config';
import { ConfigError } from '../errors';
import { parseConfigValue } from './parse-config';

export { parseConfigValue };

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
    return parseConfigValue(withLogo(raw, source, locate), source, locate);
  }
  return parseConfigValue(withLogo(raw, source), source);
}

const LOGO_TYPES = [
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/**
 * The config with its logo file read into it (as a data URI), so a function built from the config
 * needs no file of its own. A logo already held as a data URI is left for the schema to check.
 */
function withLogo(
  raw: unknown,
  source: string,
  locate?: (path: readonly PropertyKey[]) => number | undefined,
): unknown {
  const trust = (raw as { trust?: { logo?: unknown } } | null)?.trust;
  const logo = trust?.logo;
  if (typeof logo !== 'string' || logo.startsWith('data:')) return raw;
  const fail = (message: string) => {
    const line = locate?.(['trust', 'logo']);
    return new ConfigError(source, [{ path: 'trust.logo', message, ...(line ? { line } : {}) }]);
  };
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(dirname(source), logo));
  } catch {
    throw fail(`cannot read the logo file "${logo}" (it is looked for beside the config file)`);
  }
  const kind = LOGO_TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b));
  if (!kind) throw fail(`"${logo}" is not a PNG or JPEG image`);
  if (bytes.length > MAX_LOGO_KB * 1024)
    throw fail(
      `"${logo}" is ${Math.ceil(bytes.length / 1024)} KB; a logo may be at most ${MAX_LOGO_KB} KB (it is carried in every page)`,
    );
  // The schema checks the data URI and its size again, as it does for a config given as JSON.
  const data = `data:${kind.type};base64,${bytes.toString('base64')}`;
  return { ...(raw as object), trust: { ...trust, logo: data } };
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
  // The logo is left out: it does not change a judgement, and functions that show none are built without it.
  const judged = { ...config, trust: { ...config.trust, logo: undefined } };
  return createHash('sha256').update(JSON.stringify(judged)).digest('hex').slice(0, 16);
}
