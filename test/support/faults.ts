import { actionsFor } from './iam-actions';

type Service = 'dynamodb' | 's3' | 'ses';
type Stack = {
  add: (mw: unknown, options: { step: string; name: string; priority?: string }) => void;
  remove: (name: string) => boolean;
};

export interface Fault {
  /** The IAM-style action to fail, e.g. 'dynamodb:BatchWriteItem', 's3:PutObject', 'ses:SendRawEmail'. */
  action: string;
  /** Only calls whose input matches, e.g. one object key. */
  when?: (input: Record<string, unknown>) => boolean;
  error: () => Error;
  times: number;
  /**
   * 'sdk' injects below the SDK's retry middleware, so the SDK's own retries see the error (as they
   * would a real throttle or timeout); 'caller' injects above it, so the call fails outright.
   */
  layer: 'sdk' | 'caller';
}

/** A fault's `when` for DynamoDB puts: only the put of an item of this type ('response', 'spent-token'...). */
export const puttingItemOfType =
  (type: string) =>
  (input: Record<string, unknown>): boolean =>
    (input.Item as { type?: string } | undefined)?.type === type;

let seq = 0;

/** Makes the given client fail as the fault says; returns how many times it fired, and a remover. */
export function injectFault(
  service: Service,
  client: { middlewareStack: unknown },
  fault: Fault,
): { fired: () => number; remove: () => void } {
  const stack = client.middlewareStack as Stack;
  const name = `fault-${(seq += 1)}`;
  let fired = 0;
  stack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        if (
          fired < fault.times &&
          actionsFor(service, context.commandName, args.input).includes(fault.action) &&
          (!fault.when || fault.when(args.input))
        ) {
          fired += 1;
          throw fault.error();
        }
        return next(args);
      },
    fault.layer === 'sdk' ? { step: 'deserialize', name } : { step: 'initialize', name },
  );
  return { fired: () => fired, remove: () => void stack.remove(name) };
}

/** Runs `work` with the fault injected, and takes it out again whatever happens; says how often it fired. */
export async function withFault<T>(
  service: Service,
  client: { middlewareStack: unknown },
  fault: Fault,
  work: () => Promise<T>,
): Promise<{ result: T; fired: number }> {
  const injected = injectFault(service, client, fault);
  try {
    return { result: await work(), fired: injected.fired() };
  } finally {
    injected.remove();
  }
}

const awsError = (name: string, message: string, status: number, extra: object = {}) =>
  Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    ...extra,
  });

/** Errors as the services send them. */
export const errors = {
  throttled: () =>
    awsError(
      'ProvisionedThroughputExceededException',
      'The level of configured provisioned throughput for the table was exceeded',
      400,
      {
        $retryable: { throttling: true },
      },
    ),
  conditionFailed: () => awsError('ConditionalCheckFailedException', 'The conditional request failed', 400),
  s3Unavailable: () => awsError('ServiceUnavailable', 'Please reduce your request rate.', 503),
  s3Internal: () => awsError('InternalError', 'We encountered an internal error. Please try again.', 500),
  sesThrottled: () =>
    awsError('Throttling', 'Maximum sending rate exceeded.', 400, { $retryable: { throttling: true } }),
  /** A failure whose message says it was injected, so a test can tell it from a real one. */
  injected: () => awsError('InternalError', 'injected failure', 500),
  timeout: () => Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }),
};
