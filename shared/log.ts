import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * Structured logs: one JSON object per line, which CloudWatch Logs Insights reads as fields, each
 * carrying the function's name and, inside an invocation, its request id and whether it was the cold
 * start (the field names are Powertools Logger's, whose weight the HTTP bundles cannot carry: see
 * docs/architecture.md, "Logging"). Never pass a request or event in here: they carry the caller's
 * address. The local runtime sets PILLAR7_LOG_LEVEL=warn so a terminal shows the product's own
 * output, not the functions' chatter.
 */
type Fields = Record<string, unknown>;

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * The rank of the lowest level written: PILLAR7_LOG_LEVEL, else Lambda's own (advanced logging
 * controls, whose TRACE and FATAL read as debug and error), else info. Read on every line, not once:
 * the local runtime and tests set it after this module has loaded.
 */
function threshold(): number {
  const name = (process.env.PILLAR7_LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? '').toLowerCase();
  const rank = LEVELS.indexOf(name as Level);
  return rank >= 0 ? rank : name === 'trace' ? 0 : name === 'fatal' ? 3 : 1;
}

/**
 * The invocation being served. Lambda runs one at a time per execution environment; locally, where
 * several handlers share one process, a line may carry a concurrent request's id (an
 * AsyncLocalStorage would fix that at the cost of a promise hook on every await in production).
 */
let invocation: { name?: string; requestId?: string; coldStart: boolean } | undefined;
const started = new Set<string | undefined>();

/** Middy middleware, first `before` of every function: what the lines of this invocation carry. */
export const logContext = (): MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: ({ context }) => {
    // Lambda's name for the function; locally, where the environment has none, the context's.
    const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? context?.functionName;
    // Per function, for the local runtime, where every handler shares one process.
    invocation = { name, requestId: context?.awsRequestId, coldStart: !started.has(name) };
    started.add(name);
  },
});

function write(level: Level, message: string, fields: Fields): void {
  const rank = LEVELS.indexOf(level);
  if (rank < threshold()) return;
  const line = JSON.stringify({
    level,
    message,
    function_name: process.env.AWS_LAMBDA_FUNCTION_NAME ?? (invocation?.name || undefined),
    function_request_id: invocation?.requestId,
    cold_start: invocation?.coldStart,
    ...fields,
  });
  // Debug and info to stdout, so Lambda's platform and the anonymity test's console capture see every line.
  (rank > 2 ? console.error : rank > 1 ? console.warn : console.log)(line);
}

const at =
  (level: Level) =>
  (message: string, fields: Fields = {}): void =>
    write(level, message, fields);

export const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
