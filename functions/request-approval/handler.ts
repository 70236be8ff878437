import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { approvalRequestDeps } from '../../shared/cycle/deps';
import { requestApproval } from '../../shared/cycle/request-approval';

const deps = {
  ...approvalRequestDeps(loadEnv('approval-request')),
  consoleUrl: process.env.CONSOLE_URL || undefined,
};

/** Tells the QA leads a draft waits, and keeps the state machine's token until one approves it. */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const { cycleId, force, taskToken } = parseEvent(cycleStepEventSchema, event);
    const outcome = await requestApproval(cycleId, taskToken, deps);
    log.info('request-approval', { cycleId, ...outcome });
    return { cycleId, force, ...outcome };
  });
