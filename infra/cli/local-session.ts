import { startEmulators } from '../local/emulators';
import { useLocalEnvironment, LOCAL_NAMES } from '../local/environment';
import { bootstrapLocal } from '../local/bootstrap';
import { forgetEmulators, recordEmulators, runningEmulators } from '../local/runtime-file';

/**
 * Runs `work` against the local environment: the emulators `pillar7 start` is running on this data
 * folder if there are any, otherwise emulators started on it for the command's duration and stopped
 * after. Never two sets on one folder.
 */
export async function withLocalEnvironment(
  configPath: string,
  dataDir: string,
  work: () => Promise<void>,
): Promise<void> {
  const running = await runningEmulators(dataDir);
  if (running) {
    useLocalEnvironment(running.endpoints, configPath, dataDir);
    await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
    await work();
    return;
  }
  const emulators = await startEmulators({ dataDir });
  recordEmulators(dataDir, emulators.endpoints);
  try {
    useLocalEnvironment(emulators.endpoints, configPath, dataDir);
    await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
    await work();
  } finally {
    forgetEmulators(dataDir);
    await emulators.stop();
  }
}
