/**
 * The state machine's retry policy, derived from the error classes. Apart from the barrel (index.ts):
 * the list names every cycle-step error class, so a function importing any one error from the barrel
 * would otherwise carry them all.
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
