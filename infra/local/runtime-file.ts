import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoints } from './emulators';

/**
 * `.pillar7/runtime.json` records which process holds the local data and where its emulators
 * listen. Two DynamoDB Locals on one data folder could corrupt it, so whoever starts emulators on
 * the folder writes this file, and everyone else uses those emulators instead of starting more.
 */
interface Runtime {
  pid: number;
  endpoints: Endpoints;
}

const file = (dataDir: string) => join(dataDir, 'runtime.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The emulators another live process is running on this data folder, if any. A stale record is removed. */
export async function runningEmulators(dataDir: string): Promise<(Runtime & { owner: 'other' }) | undefined> {
  let runtime: Runtime;
  try {
    runtime = JSON.parse(readFileSync(file(dataDir), 'utf8')) as Runtime;
  } catch {
    return undefined;
  }
  if (runtime.pid !== process.pid && alive(runtime.pid)) {
    try {
      const res = await fetch(`${runtime.endpoints.ses}/health-check`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { ...runtime, owner: 'other' };
    } catch {
      // listed but not answering: treat as gone
    }
  }
  rmSync(file(dataDir), { force: true });
  return undefined;
}

export function recordEmulators(dataDir: string, endpoints: Endpoints): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, endpoints }, null, 2));
}

export function forgetEmulators(dataDir: string): void {
  try {
    const runtime = JSON.parse(readFileSync(file(dataDir), 'utf8')) as Runtime;
    if (runtime.pid === process.pid) rmSync(file(dataDir), { force: true });
  } catch {
    // nothing recorded
  }
}
