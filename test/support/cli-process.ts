import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root: where a person runs the command from. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the pillar7 command in a child process, as a person would from the root, and waits for it. */
export const runPillar7 = (args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['bin/pillar7.js', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
