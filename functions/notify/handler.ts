import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { notifyStep } from '../../shared/cycle/notify';
import { reportLinkSigner } from '../../shared/aws/report-link-signer';

const env = loadEnv('pipeline');
const deps = { ...cycleDeps(env), linkSigner: reportLinkSigner(env.REPORT_LINK_SECRET_ARN) };

/** Emails the board: exactly once per cycle, unless forced. */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const { cycleId, force } = parseEvent(cycleStepEventSchema, event);
    const outcome = await notifyStep(cycleId, force, deps);
    log.info('notify', { cycleId, ...outcome });
    return { cycleId, force, ...outcome };
  });
