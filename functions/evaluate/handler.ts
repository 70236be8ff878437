import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { evaluateDeps } from '../../shared/cycle/deps';
import { evaluateStep } from '../../shared/cycle/evaluate';

const deps = evaluateDeps(loadEnv('evaluating'));

/**
 * Judges the cycle and stores the evaluation (retiring a finished verified form's private group keys);
 * a cycle already delivered is left as it is unless forced.
 */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const { cycleId, force } = parseEvent(cycleStepEventSchema, event);
    const { evaluation, reused } = await evaluateStep(cycleId, force, deps);
    log.info('evaluate', { cycleId, overall: evaluation.overall.rating, reused });
    return { cycleId, force, overall: evaluation.overall.rating, alreadyDelivered: reused };
  });
