import { Pillar7Error } from './pillar7-error';

/** A cycle with no draft to act on: it has not been evaluated and published yet. */
export class NoDraftError extends Pillar7Error {
  static override readonly errorName = 'NoDraftError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
  constructor(cycleId: string) {
    super(`cycle ${cycleId} has no draft report yet: run the cycle first (pillar7 cycle run ${cycleId})`);
  }
}

/** Approval refused: comments still held, or a resend not confirmed. Nothing changed. */
export class ApprovalRefusedError extends Pillar7Error {
  static override readonly errorName = 'ApprovalRefusedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
}

export class AlreadyApprovedError extends Pillar7Error {
  static override readonly errorName = 'AlreadyApprovedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
  constructor(cycleId: string) {
    super(`the draft of cycle ${cycleId} has already been approved`);
  }
}

/** An erasure refused for what was asked (the user can put it right). Nothing was changed. */
export class ErasureRefusedError extends Pillar7Error {
  static override readonly errorName = 'ErasureRefusedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
}

/**
 * A restore that would do harm or cannot be done as asked: overwrite a live item, bring back data
 * its retention or an erasure removed, or re-render a report with nothing to check it against.
 * Nothing was written; the message says what to do instead.
 */
export class RestoreRefusedError extends Pillar7Error {
  static override readonly errorName = 'RestoreRefusedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
}

/**
 * An erasure stopped part way because something changed under it (the cycle judged again) or S3
 * refused part of a delete. What was done stays done; running the same erasure again finishes it.
 */
export class ErasureInterruptedError extends Pillar7Error {
  static override readonly errorName = 'ErasureInterruptedError';
  static override readonly kind = 'retryable';
}
