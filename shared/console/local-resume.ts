import type { Approved } from '../cycle/approval';

/** Resumes an approved cycle's run in this process, as the state machine does in the cloud. */
export type LocalResume = (approved: Approved) => Promise<unknown>;

let resume: LocalResume | undefined;

/**
 * Locally there is no state machine to hand a task token back to: the local runtime registers how
 * approval resumes a run here. In a Lambda nothing is registered, and the console resumes the
 * deployed state machine instead.
 */
export function registerLocalResume(r: LocalResume | undefined): void {
  resume = r;
}

/** Resumes the run locally if this process has a local runtime; false in the cloud. */
export async function resumeLocally(approved: Approved): Promise<boolean> {
  if (!resume) return false;
  await resume(approved);
  return true;
}
