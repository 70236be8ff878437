import { randomBytes } from 'node:crypto';

export interface Form {
  formId: string;
  cycleId: string;
  opensOn: string;
  closesOn: string;
}

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
