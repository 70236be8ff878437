import {
  ConfigError,
  Pillar7Error,
  UnknownCycleError,
  ValidationError,
  type ErrorKind,
} from '../../shared/errors';
import { MissingJavaError } from '../local/emulators';
import { UsageError } from './usage';

/** The caller's fault (bad usage or input, or refused by the cycle's state): 2; any other failure: 1. */
export const EXIT_CODES: Record<ErrorKind, number> = { caller: 2, final: 1, retryable: 1 };

/**
 * How a failure reads: bad usage points at --help; invalid input lists its issues; a message that
 * is whole on its own (a config's problems, Java missing) stands alone; any other is the command's.
 */
function wording(e: unknown): string {
  if (e instanceof UsageError || e instanceof UnknownCycleError)
    return `${e.message}\n\nRun pillar7 --help for usage.`;
  if (e instanceof ValidationError) return e.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
  if (e instanceof ConfigError || e instanceof MissingJavaError) return e.message;
  return `pillar7: ${(e as Error).message}`;
}

/**
 * A failed command's message and exit code, the code from the error's kind alone (anything not of
 * our own, an SDK error say, is a failure on the way: 1). Loaded only when a command fails.
 */
export function exitCodeFor(e: unknown, err: (l: string) => void): number {
  err(wording(e));
  return e instanceof Pillar7Error ? EXIT_CODES[e.kind] : 1;
}
