import { Pillar7Error, type ErrorKind, type Refusal } from '../errors';
import type { InputIssue } from '../schemas/issues';

export type ProblemCode =
  | Refusal
  | 'forbidden_origin'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'not_found'
  | 'internal'
  | 'unavailable';

export interface Problem {
  statusCode: number;
  error: ProblemCode;
  message: string;
  issues: InputIssue[];
  /** After a failed store whose token could not be released: a new token to send the answers with. */
  token?: string;
}

const STATUS: Record<ProblemCode, number> = {
  validation: 400,
  token_invalid: 403,
  token_spent: 403,
  forbidden_origin: 403,
  form_not_found: 404,
  not_found: 404,
  conflict: 409,
  form_closed: 410,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** The status code of a problem: what a page answers for the same refusal as a JSON route. */
export const statusOf = (code: ProblemCode): number => STATUS[code];

/** A request refused by the HTTP plumbing before a handler ran (a body over the limit, say). */
export class HttpProblem extends Pillar7Error {
  static override readonly errorName = 'HttpProblem';
  static override readonly kind = 'caller';
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
  }

  /** Its code decides: a 4xx is the caller's, a 429 or 503 transient, any other 5xx ours. */
  override get kind(): ErrorKind {
    if (this.code === 'rate_limited' || this.code === 'unavailable') return 'retryable';
    return STATUS[this.code] < 500 ? 'caller' : 'final';
  }
}

const make = (error: ProblemCode, message: string, issues: InputIssue[] = []): Problem => ({
  statusCode: STATUS[error],
  error,
  message,
  issues,
});
const THROTTLED = () =>
  make(
    'rate_limited',
    'too many responses are arriving at once; nothing was stored, please try again in a few seconds',
  );
const INTERNAL = () =>
  make('internal', 'something went wrong on our side; nothing was stored, please try again');

/** A pillar7 error by its kind: the caller's fault a 4xx that says why; ours a 500; transient a 503 (429). */
function problemOf(err: Pillar7Error): Problem {
  if (err instanceof HttpProblem) return make(err.code, err.message, err.issues);
  if (err.kind === 'retryable')
    return isThrottling(err.cause)
      ? THROTTLED()
      : make(
          'unavailable',
          'something went wrong on our side; nothing was stored, please try again in a moment',
        );
  if (err.kind === 'final') return INTERNAL();
  const issues = (err as { issues?: InputIssue[] }).issues ?? [];
  return make((err.constructor as typeof Pillar7Error).refusal, err.message, issues);
}

/** The one place an error becomes a status code and a body, for the JSON routes and the pages alike. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Pillar7Error) return problemOf(err);
  const e = err as { statusCode?: number; message?: string; cause?: { package?: string } };
  // Middy's body parsers answer 415 both for a wrong content type and for a body that is not JSON.
  if (e.statusCode === 415 && /malformed/i.test(e.message ?? ''))
    return make('validation', 'the body is not valid JSON; nothing was stored', [
      { path: '(body)', message: 'is not valid JSON' },
    ]);
  if (e.statusCode === 415) return make('unsupported_media_type', 'send the body as application/json');
  if (e.statusCode === 422) return make('validation', 'the body could not be read; nothing was stored');
  const retryToken = (err as { retryToken?: string } | undefined)?.retryToken;
  if (retryToken)
    return { ...toProblem(Object.assign(err as Error, { retryToken: undefined })), token: retryToken };
  // DynamoDB throttled the write even after the SDK's own retries: the caller should simply try again.
  return isThrottling(err) ? THROTTLED() : INTERNAL();
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** DynamoDB (or another AWS service) still throttling after the SDK's retries. */
export function isThrottling(err: unknown): boolean {
  const e = err as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return Boolean(e && (THROTTLING.has(e.name ?? '') || e.$retryable?.throttling));
}
