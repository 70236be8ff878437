import middy from '@middy/core';
import { log } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { publishCycle } from '../../shared/cycle/publish';

const deps = cycleDeps(loadEnv('pipeline'));

/** Renders the stored evaluation and writes the report files to S3. */
export const handler = middy(async (event: unknown) => {
  const { cycleId, force } = parseEvent(cycleStepEventSchema, event);
  const run = await deps.cycles.getRun(cycleId);
  if (run.emailSentAt && run.reportKey && !force)
    return { cycleId, force, reportKey: run.reportKey, reused: true };
  const evaluation = await deps.cycles.getEvaluation(cycleId);
  if (!evaluation)
    throw new Error(`cycle ${cycleId} has no evaluation to publish; run the evaluate step first`);
  const published = await publishCycle(evaluation, deps);
  log.info('publish', { cycleId, files: published.files.length });
  return { cycleId, force, reportKey: published.reportKey, reused: false };
});
