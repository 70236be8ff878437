import type { TrustConfig } from '../../shared/schemas/config';

/** Bad usage or input the command line can name: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {}

/** A cycle id the trust config knows, or a usage error that lists the ones it does. */
export function knownCycle(
  config: TrustConfig,
  configPath: string,
  id: string | undefined,
  usage: string,
): string {
  if (!id) throw new UsageError(usage);
  if (!config.cycles.some((c) => c.id === id))
    throw new UsageError(
      `cycle "${id}" is not in ${configPath} (known: ${config.cycles.map((c) => c.id).join(', ')})`,
    );
  return id;
}

/** The comment `comments erase` is to erase: its id from --comment, or a usage error. */
export function commentToErase(values: { comment?: string }, cycleId: string): string {
  const id = values.comment?.trim();
  if (!id)
    throw new UsageError(
      `comments erase needs --comment ID (pillar7 cycle comments ${cycleId} lists the comments with their ids)`,
    );
  return id;
}

/** The options every command may read, as parsed from the command line. */
export interface CliOptions {
  config?: string;
  once: boolean;
  demo: boolean;
  force: boolean;
  keep?: string;
  withhold?: string;
  redact?: string;
  span?: string;
  comment?: string;
  reason?: string;
  commentary?: string;
  'commentary-file'?: string;
  resend: boolean;
  as?: string;
  closes?: string;
  kind?: string;
  responses?: string;
  cycle?: string;
  json: boolean;
  'from-table'?: string;
  pk?: string;
  sk?: string;
  check: boolean;
  aws: boolean;
  stage?: string;
  help: boolean;
}

/** Where a command's lines go: `out` for its result, `err` for progress and problems. */
export interface CliOutput {
  out: (l: string) => void;
  err: (l: string) => void;
}
