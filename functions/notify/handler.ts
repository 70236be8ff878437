import middy from '@middy/core';
import { log } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { notifyBoard } from '../../shared/cycle/notify';

const deps = cycleDeps(loadEnv('pipeline'));

/** Emails the board: exactly once per cycle, unless forced. */
export const handler = middy(async (event: unknown) => {
  const { cycleId, force } = parseEvent(cycleStepEventSchema, event);
  const [evaluation, run] = await Promise.all([
    deps.cycles.getEvaluation(cycleId),
    deps.cycles.getRun(cycleId),
  ]);
  if (!evaluation || !run.pdfKey)
    throw new Error(`cycle ${cycleId} has no published report to send; run publish first`);
  const outcome = await notifyBoard(evaluation, run, force, deps);
  log.info('notify', { cycleId, ...outcome });
  return { cycleId, force, ...outcome };
});
