import type { TrustConfig } from '../../shared/schemas/config';
import { Pillar7Error, UnknownCycleError } from '../../shared/errors';

/** Bad usage or input the command line can name: printed with a pointer to --help, exit 2. */
export class UsageError extends Pillar7Error {
  static override readonly errorName = 'UsageError';
  static override readonly kind = 'caller';
}

/** A cycle id the trust config knows, or a usage error that lists the ones it does. */
export function knownCycle(
  config: TrustConfig,
  configPath: string,
  id: string | undefined,
  usage: string,
): string {
  if (!id) throw new UsageError(usage);
  if (!config.cycles.some((c) => c.id === id)) throw new UnknownCycleError(id, config.cycles, configPath);
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

/** Every command, by the words that name it on the command line. */
export const COMMANDS = [
  'start',
  'console link',
  'cycle run',
  'cycle preview',
  'cycle comments',
  'cycle approve',
  'cycle status',
  'comments erase',
  'import',
  'form open',
  'seed',
  'config validate',
  'restore',
  'migrate',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** A command's arguments as typed, each one possibly missing (the command says what it needs). */
export type CliArgs = readonly (string | undefined)[];

/** The options a command may read, as parsed from the command line (each command declares its own). */
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
  commentaryFile?: string;
  resend: boolean;
  as?: string;
  closes?: string;
  kind?: string;
  responses?: string;
  cycle?: string;
  json: boolean;
  fromTable?: string;
  pk?: string;
  sk?: string;
  check: boolean;
  aws: boolean;
  stage?: string;
}

/** The options commander parsed, with every flag a command did not take as false. */
export function cliOptions(parsed: Partial<CliOptions>): CliOptions {
  const flag = (f: boolean | undefined) => f === true;
  return {
    ...parsed,
    once: flag(parsed.once),
    demo: flag(parsed.demo),
    force: flag(parsed.force),
    resend: flag(parsed.resend),
    json: flag(parsed.json),
    check: flag(parsed.check),
    aws: flag(parsed.aws),
  };
}

/** Where a command's lines go: `out` for its result, `err` for progress and problems. */
export interface CliOutput {
  out: (l: string) => void;
  err: (l: string) => void;
}
