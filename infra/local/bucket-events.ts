import { log } from '../../shared/log';
import type { Emulators } from './emulators';
import { loadStepHandler } from './handlers';

/**
 * The local stand-in for the bucket's notification in the stack: a file that lands in the inbox is
 * handed to the gather function at once, in the event shape S3 sends (the key URL-encoded).
 */
export function importUploadsOnArrival(emulators: Pick<Emulators, 'onObjectCreated'>, bucket: string): void {
  let queue = Promise.resolve();
  emulators.onObjectCreated((name, key) => {
    if (name !== bucket || !key.startsWith('inbox/')) return;
    const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
    // One at a time, as files arrive: the emulators are one process.
    queue = queue.then(async () => {
      try {
        const gather = await loadStepHandler('gather');
        await gather({ Records: [{ s3: { bucket: { name }, object: { key: encoded } } }] }, {} as never);
      } catch (err) {
        log.error('import on arrival failed', { key, error: (err as Error).message });
      }
    });
  });
}
