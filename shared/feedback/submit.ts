import { randomUUID } from 'node:crypto';
import type { TrustConfig } from '../schemas/config';
import { responseBodySchema, type StoredResponse } from '../schemas/response';
import { toInputIssues } from '../schemas/issues';
import { dayIn, screenFreeText } from '../domain/anonymity';
import { formState, type Form } from '../domain/forms';
import { FormClosedError, FormNotFoundError, ValidationError } from '../domain/errors';
import type { FormRepository } from '../store/forms';
import type { ResponseRepository } from '../store/responses';

export interface FeedbackDeps {
  config: TrustConfig;
  forms: FormRepository;
  responses: ResponseRepository;
  now: () => Date;
}

/** The form, if it exists and takes responses today; otherwise the error that says why not. */
export async function openForm(formId: string, deps: FeedbackDeps): Promise<Form> {
  const form = await deps.forms.get(formId);
  if (!form) throw new FormNotFoundError();
  const state = formState(form, dayIn(deps.config.timezone, deps.now()));
  if (state !== 'open') throw new FormClosedError(form.closesOn, state === 'not_yet_open');
  return form;
}

/**
 * Stores one anonymous response: a random id and the screened answers, with no date or time. The
 * request's headers, address and time of day never reach this function, so they cannot be stored.
 */
export async function submitResponse(formId: string, body: unknown, deps: FeedbackDeps): Promise<void> {
  const form = await openForm(formId, deps);
  const parsed = responseBodySchema(deps.config.divisions.map((d) => d.id)).safeParse(body);
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  const b = parsed.data;
  const comment = b.comment?.trim() ? screenFreeText(b.comment.trim()) : undefined;
  const response: StoredResponse = {
    responseId: randomUUID(),
    cycleId: form.cycleId,
    ratings: Object.fromEntries(Object.entries(b.ratings ?? {}).filter(([, v]) => v !== undefined)),
    safety: b.safety,
    influence: b.influence,
    role: b.role ?? 'undisclosed',
    division: b.division ?? 'undisclosed',
    comment,
  };
  await deps.responses.add(response);
}
