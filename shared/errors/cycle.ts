import { Pillar7Error } from './pillar7-error';

/** The final report of a manual cycle, and its e-mail, go out only after a QA lead approved its draft. */
export class NotApprovedError extends Pillar7Error {
  static override readonly errorName = 'NotApprovedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
  constructor(cycleId: string) {
    super(`the draft of cycle ${cycleId} has not been approved by a QA lead, so nothing goes to the board`);
  }
}

/** The board e-mail was claimed by an earlier or a concurrent run: it is sent once. */
export class EmailAlreadyClaimedError extends Pillar7Error {
  static override readonly errorName = 'EmailAlreadyClaimedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
  constructor(cycleId: string) {
    super(`the board email for cycle ${cycleId} has already been sent or is being sent`);
  }
}

/** Publish ran before any evaluation was stored: the evaluate step must run first. */
export class NoEvaluationError extends Pillar7Error {
  static override readonly errorName = 'NoEvaluationError';
  static override readonly kind = 'final';
  constructor(cycleId: string) {
    super(`cycle ${cycleId} has no evaluation to publish; run the evaluate step first`);
  }
}

/** Notify ran before a report was published: the publish step must run first. */
export class NoPublishedReportError extends Pillar7Error {
  static override readonly errorName = 'NoPublishedReportError';
  static override readonly kind = 'final';
  constructor(cycleId: string) {
    super(`cycle ${cycleId} has no published report to send; run publish first`);
  }
}

/** The secret that signs the board's report link holds no usable key: only a redeploy mends it. */
export class ReportLinkSecretError extends Pillar7Error {
  static override readonly errorName = 'ReportLinkSecretError';
  static override readonly kind = 'final';
  constructor(secretArn: string) {
    super(
      `the report-link secret ${secretArn} does not hold {"accessKeyId", "secretAccessKey"}; redeploy the stack to recreate it`,
    );
  }
}

/** Fail closed: practitioner figures leave only after the disclosure audit (SPEC section 3) passed. */
export class UnauditedEvaluationError extends Pillar7Error {
  static override readonly errorName = 'UnauditedEvaluationError';
  static override readonly kind = 'final';
  constructor(cycleId: string) {
    super(
      `the evaluation of cycle ${cycleId} carries no disclosure audit, so nothing from it is published; evaluate the cycle again`,
    );
  }
}

/**
 * The facts cannot all hold for the true responses. Only figures published earlier for the cycle
 * can cause it: the responses changed since, and new figures could be subtracted from the old.
 */
export class ContradictoryFiguresError extends Pillar7Error {
  static override readonly errorName = 'ContradictoryFiguresError';
  static override readonly kind = 'final';
  constructor() {
    super('the published figures contradict the responses they came from');
  }
}

/**
 * The disclosure audit found no set of figures it could prove safe, not even "too few responded".
 * The same responses and headcount fail the same way every time, so it is not retried.
 */
export class NothingSafeToPublishError extends Pillar7Error {
  static override readonly errorName = 'NothingSafeToPublishError';
  static override readonly kind = 'final';
}

/** The disclosure audit was asked about figures it does not model, or its solver gave no answer: a bug. */
export class AuditFailedError extends Pillar7Error {
  static override readonly errorName = 'AuditFailedError';
  static override readonly kind = 'final';
}

/** Another run stored a newer evaluation while this one published: publishing again mends it. */
export class ConcurrentPublishError extends Pillar7Error {
  static override readonly errorName = 'ConcurrentPublishError';
  static override readonly kind = 'retryable';
  constructor(cycleId: string) {
    super(
      `another run of cycle ${cycleId} stored a newer evaluation while this one published; publish again`,
    );
  }
}

/** DynamoDB still left evidence unprocessed (throttled) after every attempt with backoff. */
export class EvidenceWriteError extends Pillar7Error {
  static override readonly errorName = 'EvidenceWriteError';
  static override readonly kind = 'retryable';
}
