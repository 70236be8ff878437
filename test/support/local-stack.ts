import type { Server } from 'node:http';
import { startEmulators, freePort, type Emulators } from '../../infra/local/emulators';
import { useLocalEnvironment, LOCAL_NAMES } from '../../infra/local/environment';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { startHttpAdapter } from '../../infra/local/http-adapter';
import { loadHttpHandler } from '../../infra/local/handlers';
import { importUploadsOnArrival } from '../../infra/local/bucket-events';
import { EXAMPLE_CONFIG_PATH } from './fixtures';

export interface LocalStack {
  base: string;
  emulators: Emulators;
  stop(): Promise<void>;
}

/**
 * The emulators plus the HTTP adapter on free ports, in this process: what `pillar7 start` serves,
 * for the example trust or the trust a config file describes.
 */
export async function startLocalStack(configPath = EXAMPLE_CONFIG_PATH): Promise<LocalStack> {
  const emulators = await startEmulators();
  let server: Server | undefined;
  try {
    useLocalEnvironment(emulators.endpoints, configPath);
    await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
    importUploadsOnArrival(emulators, LOCAL_NAMES.bucket);
    const port = await freePort();
    server = await startHttpAdapter(port, loadHttpHandler);
  } catch (err) {
    await emulators.stop();
    throw err;
  }
  const http = server;
  return {
    base: `http://127.0.0.1:${(http.address() as { port: number }).port}`,
    emulators,
    stop: async () => {
      await new Promise((r) => http.close(r));
      http.closeAllConnections();
      await emulators.stop();
    },
  };
}
