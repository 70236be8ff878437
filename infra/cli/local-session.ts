import { startEmulators } from '../local/emulators';
import { useLocalEnvironment, LOCAL_NAMES } from '../local/environment';
import { bootstrapLocal } from '../local/bootstrap';

/**
 * Runs `work` against local emulators started for its duration on the persistent data in .pillar7/,
 * then stops them. (While `pillar7 start` is running it holds that data: stop it first.)
 */
export async function withLocalEnvironment(
  configPath: string,
  dataDir: string,
  work: () => Promise<void>,
): Promise<void> {
  const emulators = await startEmulators({ dataDir });
  try {
    useLocalEnvironment(emulators.endpoints, configPath);
    await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
    await work();
  } finally {
    await emulators.stop();
  }
}
