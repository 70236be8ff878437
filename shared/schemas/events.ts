import * as z from './zod';
import { InvalidEventError } from '../errors';

/** What every cycle step receives, from the state machine, the scheduler or the local runner. */
export const cycleStepEventSchema = z.object({
  cycleId: z.string().check(z.minLength(1, 'cycleId is required')),
  force: z._default(z.boolean(), false),
  /** For publish: a draft for the QA lead, or the final report (after approval, or automatic). */
  stage: z.optional(z.enum(['draft', 'final'])),
  /** For request-approval: the state machine's token that resumes the run once a QA lead approves. */
  taskToken: z.optional(z.string().check(z.minLength(1))),
});

/** The gatherer runs daily with no input, or as a cycle's first step with one; it needs neither. */
export const gatherEventSchema = z.looseObject({ cycleId: z.optional(z.string()) });

export function parseEvent<T>(
  schema: {
    safeParse: (
      v: unknown,
    ) =>
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  event: unknown,
): T {
  const result = schema.safeParse(event);
  if (!result.success)
    throw new InvalidEventError(
      `invalid event: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}
