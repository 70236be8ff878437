import { trustConfigSchema, type TrustConfig } from '../schemas/config';
import { toInputIssues } from '../schemas/issues';
import { ConfigError } from '../errors';

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
