import middy from '@middy/core';
import { log, logContext } from '../../shared/log';
import { loadEnv } from '../../shared/schemas/env';
import { gatherEventSchema, parseEvent } from '../../shared/schemas/events';
import { cycleDeps } from '../../shared/cycle/deps';
import { gatherInbox, gatherUploaded, type GatheredFile } from '../../shared/cycle/gather';
import { importMetrics } from '../../shared/ops/metrics';

const deps = cycleDeps(loadEnv('pipeline'));

/** The object keys of an S3 notification (URL-encoded there, with '+' for a space), or null for any other event. */
export function uploadedKeys(event: unknown): string[] | null {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return null;
  return records
    .map((r) => (r as { s3?: { object?: { key?: unknown } } }).s3?.object?.key)
    .filter((k): k is string => typeof k === 'string')
    .map((k) => decodeURIComponent(k.replace(/\+/g, ' ')));
}

const totals = (files: GatheredFile[]) => ({
  files: files.length,
  imported: files.reduce((n, f) => n + (f.summary?.imported ?? 0), 0),
  rejected: files.reduce((n, f) => n + (f.summary?.rejected.length ?? 0) + (f.error ? 1 : 0), 0),
});

/**
 * First in every cycle: imports whatever QA leads have dropped into the inbox. Also called by the
 * bucket when a file lands in the inbox, to import that file at once.
 */
export const handler = middy()
  .use(logContext())
  .handler(async (event: unknown) => {
    const uploaded = uploadedKeys(event);
    if (uploaded) {
      const summary = totals(await gatherUploaded(uploaded, deps));
      log.info('gather uploaded', { ...summary, ...importMetrics(summary) });
      return summary;
    }
    const input = parseEvent(gatherEventSchema, event ?? {});
    const summary = totals(await gatherInbox(deps));
    // The totals are also the ops dashboard's import figures (embedded metric format).
    log.info('gather', { ...summary, ...importMetrics(summary) });
    return { ...input, ...summary };
  });
