import type { InputIssue } from '../schemas/issues';
import { Pillar7Error } from './pillar7-error';

/** Input with problems, each located by its path; nothing was stored. */
export class ValidationError extends Pillar7Error {
  static override readonly errorName: string = 'ValidationError';
  static override readonly kind = 'caller';
  constructor(
    readonly issues: InputIssue[],
    message = 'the submission has errors; nothing was stored',
  ) {
    super(message);
  }
}

/**
 * A cycle id the trust config does not list, whoever asked: a step's event, a form to open, a
 * command line. `cycles` are the config's; `where` names the config (its path, on the command line).
 */
export class UnknownCycleError extends ValidationError {
  static override readonly errorName: string = 'UnknownCycleError';
  constructor(cycleId: string, cycles: readonly { id: string }[], where = 'the trust config') {
    const listed = `(known: ${cycles.map((c) => c.id).join(', ')})`;
    super(
      [{ path: 'cycleId', message: `"${cycleId}" is not a cycle in ${where} ${listed}` }],
      `cycle "${cycleId}" is not in ${where} ${listed}`,
    );
  }
}

/** A step event that can never succeed: the state machine fails it at once rather than retrying it. */
export class InvalidEventError extends Pillar7Error {
  static override readonly errorName = 'InvalidEventError';
  static override readonly kind = 'caller';
}

/** A trust config that does not validate: every problem, with its line where the file has one. */
export class ConfigError extends Pillar7Error {
  static override readonly errorName = 'ConfigError';
  static override readonly kind = 'caller';
  constructor(
    readonly source: string,
    readonly issues: InputIssue[],
  ) {
    super(
      `${source} is not a valid trust config:\n${issues.map((i) => `  - ${i.line ? `line ${i.line}, ` : ''}${i.path}: ${i.message}`).join('\n')}`,
    );
  }
}

/** A problem with a whole import file (unreadable, wrong format, a required column missing): no row is loaded. */
export class ImportFileError extends Pillar7Error {
  static override readonly errorName = 'ImportFileError';
  static override readonly kind = 'caller';
}
