import { randomBytes } from 'node:crypto';

export interface AnonymitySettings {
  k: number;
  commentThreshold: number;
}

export interface Form {
  formId: string;
  cycleId: string;
  opensOn: string;
  closesOn: string;
  /** The anonymity settings in force when the form opened: a cycle's responses were given under them. */
  anonymity: AnonymitySettings;
  /**
   * Set once practitioner figures have been worked out from this closed form. From then on it is
   * never reopened or extended: a second set of figures from more responses could be subtracted
   * from the first (SPEC section 3, no differencing).
   */
  figuresComputed?: boolean;
  /** How practitioners reach it, fixed when it opened; a form from before access modes is `open`. */
  access?: 'verified' | 'open';
}

export const accessOf = (form: Form): 'verified' | 'open' => form.access ?? 'open';

export type FormState = 'not_yet_open' | 'open' | 'closed';

/** 144 random bits, URL-safe: a form link cannot be guessed or enumerated. */
export function newFormId(): string {
  return randomBytes(18).toString('base64url');
}

export const FORM_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export function formState(form: Form, today: string): FormState {
  if (today < form.opensOn) return 'not_yet_open';
  if (today > form.closesOn) return 'closed';
  return 'open';
}

/**
 * The anonymity settings a cycle is reported under. Practitioners answered under the settings in
 * force when its forms opened; once there are responses, a lower k or comment threshold in today's
 * config cannot apply to them, so the strictest value stands.
 */
export function effectiveAnonymity(
  configured: AnonymitySettings,
  forms: Form[],
  hasResponses: boolean,
): AnonymitySettings & { raisedByForms: boolean } {
  if (!hasResponses) return { ...configured, raisedByForms: false };
  const k = Math.max(configured.k, ...forms.map((f) => f.anonymity?.k ?? 0));
  const commentThreshold = Math.max(
    configured.commentThreshold,
    ...forms.map((f) => f.anonymity?.commentThreshold ?? 0),
  );
  return {
    k,
    commentThreshold,
    raisedByForms: k !== configured.k || commentThreshold !== configured.commentThreshold,
  };
}
