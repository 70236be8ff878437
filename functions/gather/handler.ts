import middy from '@middy/core';
import { log } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { gatherEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { gatherInbox } from '../../shared/cycle/gather';

const deps = cycleDeps(loadEnv('pipeline'));

/** Daily, and first in every cycle: imports whatever QA leads have dropped into the inbox. */
export const handler = middy(async (event: unknown) => {
  const input = parseEvent(gatherEventSchema, event ?? {});
  const files = await gatherInbox(deps);
  const imported = files.reduce((n, f) => n + (f.summary?.imported ?? 0), 0);
  const rejected = files.reduce((n, f) => n + (f.summary?.rejected.length ?? 0) + (f.error ? 1 : 0), 0);
  log.info('gather', { files: files.length, imported, rejected });
  return { ...input, files: files.length, imported, rejected };
});
