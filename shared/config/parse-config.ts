import { trustConfigSchema, type TrustConfig } from '../schemas/config';
import { toInputIssues, type InputIssue } from '../schemas/issues';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: InputIssue[],
  ) {
    super(
      `${source} is not a valid trust config:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function parseConfigValue(raw: unknown, source: string): TrustConfig {
  const result = trustConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, toInputIssues(result.error.issues));
  return result.data;
}
