import type { CycleRun } from '../store/cycles';

/**
 * The one rule that binds the cycle's steps: once a cycle's email has gone, a re-run reuses what was
 * delivered rather than judging and publishing again, unless forced. Each step lives in its own module
 * (so a step's bundle carries only its own code) and asks this.
 */
export function reuseDelivered(run: CycleRun, force: boolean): boolean {
  return Boolean(run.emailSentAt) && !force;
}
