import { ValidationError } from '../../shared/domain/errors';
import { ConfigError } from '../../shared/config/load-config';
import { ApprovalRefusedError, NoDraftError } from '../../shared/cycle/approval';
import { AlreadyApprovedError } from '../../shared/store/cycles';
import { ErasureRefusedError } from '../../shared/cycle/erasure-errors';
import { AwsTargetError } from './aws-commands';
import { MissingJavaError } from '../local/emulators';
import { RestoreRefusedError } from '../../shared/ops/restore-errors';

/**
 * A failed command's message and exit code: 2 when the input or the cycle's state is at fault
 * (the user can put it right), 1 when something failed on the way. Loaded only when a command fails.
 */
export function exitCodeFor(e: unknown, err: (l: string) => void): number {
  if (
    e instanceof ApprovalRefusedError ||
    e instanceof NoDraftError ||
    e instanceof AlreadyApprovedError ||
    e instanceof ErasureRefusedError ||
    e instanceof RestoreRefusedError
  ) {
    err(`pillar7: ${e.message}`);
    return 2;
  }
  if (e instanceof ConfigError) {
    err(e.message);
    return 2;
  }
  if (e instanceof ValidationError) {
    err(e.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    return 2;
  }
  if (e instanceof AwsTargetError) {
    err(`pillar7: ${e.message}`);
    return 1;
  }
  if (e instanceof MissingJavaError) {
    err(e.message);
    return 1;
  }
  err(`pillar7: ${(e as Error).message}`);
  return 1;
}
