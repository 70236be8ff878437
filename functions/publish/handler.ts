import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { cycleStepEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { publishStep } from '../../shared/cycle/publish';

const deps = cycleDeps(loadEnv('pipeline'));

/** Renders the stored evaluation (a draft, or the final report) and writes the report files to S3. */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const { cycleId, force, stage } = parseEvent(cycleStepEventSchema, event);
    const { reportKey, reused, published, held } = await publishStep(cycleId, force, deps, stage);
    log.info('publish', { cycleId, stage, reused, files: published?.files.length ?? 0 });
    return { cycleId, force, reportKey, reused, held: held ?? 0 };
  });
