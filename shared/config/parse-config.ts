import { trustConfigSchema, type TrustConfig } from '../schemas/config';
import { toInputIssues, type InputIssue } from '../schemas/issues';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: InputIssue[],
  ) {
    super(
      `${source} is not a valid trust config:\n${issues.map((i) => `  - ${i.line ? `line ${i.line}, ` : ''}${i.path}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates a parsed config. `locate` gives the line in the file a path points at (the nearest
 * enclosing entry for a missing one), so every message can name its line.
 */
export function parseConfigValue(
  raw: unknown,
  source: string,
  locate?: (path: readonly PropertyKey[]) => number | undefined,
): TrustConfig {
  const result = trustConfigSchema.safeParse(raw);
  if (!result.success)
    throw new ConfigError(
      source,
      toInputIssues(result.error.issues).map((issue, i) => {
        const line = locate?.(result.error.issues[i]!.path);
        return line ? { ...issue, line } : issue;
      }),
    );
  return result.data;
}
