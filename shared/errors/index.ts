/**
 * The one error taxonomy: every error pillar7 raises of its own, each declaring its kind (see
 * pillar7-error.ts). Free of AWS imports, so any function, the CLI and the CDK app can load it.
 */
import {
  ContradictoryFiguresError,
  ConcurrentPublishError,
  EvidenceWriteError,
  AuditFailedError,
  NoEvaluationError,
  NoPublishedReportError,
  NothingSafeToPublishError,
  NotApprovedError,
  ReportLinkSecretError,
  UnauditedEvaluationError,
} from './cycle';
import { InvalidEventError, UnknownCycleError } from './input';
import { NoDraftError } from './review';

export * from './pillar7-error';
export * from './input';
export * from './feedback';
export * from './cycle';
export * from './review';

/**
 * Every error of our own that a cycle step (gather, evaluate, publish, request-approval, notify)
 * lets out. A step that throws one not listed here is retried as if it were transient.
 */
export const CYCLE_STEP_ERRORS = [
  InvalidEventError,
  UnknownCycleError,
  EvidenceWriteError,
  ContradictoryFiguresError,
  NothingSafeToPublishError,
  AuditFailedError,
  NoEvaluationError,
  UnauditedEvaluationError,
  NotApprovedError,
  ConcurrentPublishError,
  NoDraftError,
  NoPublishedReportError,
  ReportLinkSecretError,
] as const;

/** The error names the state machine fails at once: the step errors that trying again cannot mend. */
export const NOT_RETRIED: readonly string[] = CYCLE_STEP_ERRORS.filter((e) => e.kind !== 'retryable').map(
  (e) => e.errorName,
);
