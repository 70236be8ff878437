/**
 * Whose fault an error is, and whether trying again can help. HTTP problems (shared/http/problems.ts),
 * the CLI's exit codes (infra/cli/exit-codes.ts) and the state machine's retry policy (NOT_RETRIED, retry-policy.ts)
 * are derived from it, never from names spelled out:
 * - `caller`: the caller's fault (bad input, an unknown form or cycle, refused by the state things are
 *   in): HTTP 4xx, exit 2, never retried;
 * - `final`: our side, but it fails the same way every time: HTTP 500, exit 1, never retried;
 * - `retryable`: transient: HTTP 503 (429 when throttled), exit 1, retried with backoff.
 */
export type ErrorKind = 'caller' | 'final' | 'retryable';

/**
 * What an HTTP route calls a caller error (shared/http/problems.ts gives each its status): declared
 * on the class, so a bundle carries only the errors its code can throw.
 */
export type Refusal =
  'validation' | 'form_not_found' | 'form_closed' | 'token_invalid' | 'token_spent' | 'conflict';

/** The base of every error pillar7 raises of its own. */
export abstract class Pillar7Error extends Error {
  /**
   * The error's `name`, which is a Lambda's errorType and what Step Functions matches a retrier on.
   * Always the class's own name (test/unit/errors.test.ts checks), spelled out because the function
   * bundles are minified, which renames classes.
   */
  declare static readonly errorName: string;
  declare static readonly kind: ErrorKind;
  /** For a caller error: what a route answers; a subclass takes its parent's. */
  static readonly refusal: Refusal = 'validation';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = (new.target as unknown as typeof Pillar7Error).errorName;
  }

  get kind(): ErrorKind {
    return (this.constructor as typeof Pillar7Error).kind;
  }
}

/** The kind of a pillar7 error; undefined for anything else (an SDK error, a bug). */
export const kindOf = (err: unknown): ErrorKind | undefined =>
  err instanceof Pillar7Error ? err.kind : undefined;
