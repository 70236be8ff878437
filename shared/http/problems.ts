import {
  FormClosedError,
  FormNotFoundError,
  TokenInvalidError,
  TokenSpentError,
  ValidationError,
} from '../domain/errors';
import type { InputIssue } from '../schemas/issues';

export type ProblemCode =
  | 'validation'
  | 'token_invalid'
  | 'token_spent'
  | 'forbidden_origin'
  | 'form_not_found'
  | 'form_closed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'not_found'
  | 'internal';

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
  form_closed: 410,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** The one place a domain or plumbing error becomes a status code and a body. */
export function toProblem(err: unknown): Problem {
  const make = (error: ProblemCode, message: string, issues: InputIssue[] = []): Problem => ({
    statusCode: STATUS[error],
    error,
    message,
    issues,
  });
  if (err instanceof HttpProblem) return make(err.code, err.message, err.issues);
  if (err instanceof ValidationError) return make('validation', err.message, err.issues);
  if (err instanceof FormNotFoundError) return make('form_not_found', err.message);
  if (err instanceof FormClosedError) return make('form_closed', err.message);
  if (err instanceof TokenInvalidError) return make('token_invalid', err.message);
  if (err instanceof TokenSpentError) return make('token_spent', err.message);
  const e = err as { statusCode?: number; message?: string; cause?: { package?: string } };
  // Middy's body parsers answer 415 both for a wrong content type and for a body that is not JSON.
  if (e.statusCode === 415 && /malformed/i.test(e.message ?? ''))
    return make('validation', 'the body is not valid JSON; nothing was stored', [
      { path: '(body)', message: 'is not valid JSON' },
    ]);
  if (e.statusCode === 415) return make('unsupported_media_type', 'send the body as application/json');
  if (e.statusCode === 422) return make('validation', 'the body could not be read; nothing was stored');
  // DynamoDB throttled the write even after the SDK's own retries: the caller should simply try again.
  const retryToken = (err as { retryToken?: string } | undefined)?.retryToken;
  if (retryToken)
    return { ...toProblem(Object.assign(err as Error, { retryToken: undefined })), token: retryToken };
  if (isThrottling(err))
    return make(
      'rate_limited',
      'too many responses are arriving at once; nothing was stored, please try again in a few seconds',
    );
  return make('internal', 'something went wrong on our side; nothing was stored, please try again');
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
