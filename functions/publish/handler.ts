import middy from '@middy/core';
import { log } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { publishStep } from '../../shared/cycle/publish';

const deps = cycleDeps(loadEnv('pipeline'));

/** Renders the stored evaluation and writes the report files to S3. */
export const handler = middy(async (event: unknown) => {
  const { cycleId, force } = parseEvent(cycleStepEventSchema, event);
  const { reportKey, reused, published } = await publishStep(cycleId, force, deps);
  log.info('publish', { cycleId, reused, files: published?.files.length ?? 0 });
  return { cycleId, force, reportKey, reused };
});
