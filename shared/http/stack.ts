import middy, { type MiddlewareObj } from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { HttpProblem, toProblem, type Problem } from './problems';
import { log, logContext } from '../log';

/** What API Gateway's REST API (Lambda proxy integration) sends, in the cloud and from the local adapter. */
export type HttpEvent = APIGatewayProxyEvent;
export type HttpResult = APIGatewayProxyResult;
type Handler<E> = (event: E, context: Context) => Promise<HttpResult>;

export const MAX_BODY_BYTES = 16 * 1024;

/** Rejects an oversized body before anything parses it. */
const bodyLimit = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: ({ event }) => {
    const body = event.body ?? '';
    const bytes = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
    if (bytes > MAX_BODY_BYTES)
      throw new HttpProblem('too_large', `the body is over ${MAX_BODY_BYTES / 1024} KiB; nothing was stored`);
  },
});

/** An error as a problem; a server-side one is logged, by its message only, never with the event. */
function problemOf(error: unknown): Problem {
  const problem = toProblem(error);
  if (problem.statusCode >= 500) log.error('request failed', { error: String(error) });
  return problem;
}

/** Domain errors to JSON problems, logged without the event (which holds the caller's address). */
const jsonProblems = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const problem = problemOf(request.error);
    request.response = {
      statusCode: problem.statusCode,
      headers: {
        'Content-Type': 'application/json',
        ...(problem.statusCode === 429 ? { 'Retry-After': '5' } : {}),
      },
      body: JSON.stringify({
        error: problem.error,
        message: problem.message,
        issues: problem.issues,
        ...(problem.token ? { token: problem.token } : {}),
      }),
    };
  },
});

/**
 * Middy's secure defaults, adjusted for a page that must submit a form: its defaults sandbox the
 * page (which blocks form posts), forbid form-action, and name directives and features browsers
 * no longer recognise, which fill the console with errors.
 */
const securityHeaders = (formActions: string[] = []) =>
  httpSecurityHeaders({
    contentSecurityPolicy: {
      'default-src': "'none'",
      'style-src': "'unsafe-inline'",
      // The verified form's own script (served from this API), and its calls back to this API.
      'script-src': "'self'",
      'connect-src': "'self'",
      // The console's poster shows the form's QR code, served from this API; the trust's logo is
      // carried in the page itself (a data URI), so the page needs no other origin.
      'img-src': "'self' data:",
      // The console's upload form posts the file straight to the bucket (a presigned POST).
      'form-action': ["'self'", ...formActions].join(' '),
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      sandbox: false,
      'navigate-to': false,
      'report-to': false,
      'upgrade-insecure-requests': false,
    },
    permissionsPolicy: false,
    reportTo: false,
  } as unknown as Parameters<typeof httpSecurityHeaders>[0]);

/**
 * A route's JSON body: refused over the limit, then parsed (a 400 or 415 when it cannot be). Passed
 * to jsonRoute by the routes that read one, so a route without a body does not carry the parser.
 */
export const jsonBody = <E extends HttpEvent = HttpEvent>(): MiddlewareObj<E, HttpResult>[] => [
  bodyLimit(),
  httpJsonBodyParser() as MiddlewareObj<E, HttpResult>,
];

/** JSON API routes: security headers, problems in one shape, and the body's middlewares if it has one. */
export function jsonRoute<E extends HttpEvent = HttpEvent>(
  handler: Handler<E>,
  body: MiddlewareObj<E, HttpResult>[] = [],
) {
  const stack = middy<E, HttpResult>()
    .use(
      httpErrorHandler({
        logger: false,
        fallbackMessage: JSON.stringify({
          error: 'internal',
          message: 'something went wrong on our side',
          issues: [],
        }),
      }),
    )
    // Before every other `before`, so any line the request logs, its error included, names the request.
    .use(logContext())
    .use(jsonProblems())
    .use(securityHeaders())
    .use(httpHeaderNormalizer());
  return stack.use(body).handler(handler);
}

/**
 * HTML page routes: the handler renders its own answers; a problem raised before it runs (such as an
 * oversized body) becomes a plain page with the right status, drawn by `renderProblem`.
 */
export function pageRoute<E extends HttpEvent = HttpEvent>(
  handler: Handler<E>,
  renderProblem: (problem: Problem) => string,
  options: { formActions?: string[] } = {},
) {
  return middy<E, HttpResult>()
    .use(
      httpErrorHandler({
        logger: false,
        fallbackMessage: 'Something went wrong on our side. Please try again later.',
      }),
    )
    .use(logContext())
    .use({
      onError: (request) => {
        const problem = problemOf(request.error);
        request.response = page(problem.statusCode, renderProblem(problem));
      },
    })
    .use(securityHeaders(options.formActions))
    .use(httpHeaderNormalizer())
    .use(bodyLimit())
    .handler(handler);
}

/**
 * The URL the API is served from, as API Gateway says (never the caller's Host header): the part of
 * the path the client sent before the route's own path is the stage (`/form`) on the execute-api
 * address and nothing on a custom domain.
 */
export function baseUrl(event: HttpEvent): string {
  const proto = event.headers['x-forwarded-proto'] ?? 'https';
  const full = event.requestContext.path ?? event.path;
  const prefix = full.endsWith(event.path) ? full.slice(0, full.length - event.path.length) : '';
  return `${proto}://${event.requestContext.domainName}${prefix}`;
}

export const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const page = (statusCode: number, body: string): HttpResult => ({
  statusCode,
  headers: {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  },
  body,
});
