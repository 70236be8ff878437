/**
 * The anonymity rules of SPEC section 3 that act on a single response before it is stored.
 * Aggregate rules (k, suppression, comments) live with the evaluation.
 */
export const MAX_COMMENT_LENGTH = 2000;
export const REMOVED = '[removed]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const URL_LIKE =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|io|co|edu|gov|info|biz|me|ly|app|dev)(?:\/[^\s<>"']*)?/giu;
// Seven or more digits, allowing the spaces, dots, dashes and brackets people type in phone numbers.
const PHONE = /(?:\+|\b)\d(?:[\s().-]*\d){6,}\b/g;

/** Replaces anything that could contact or identify someone with `[removed]`. */
export function screenFreeText(text: string): string {
  return text.replace(EMAIL, REMOVED).replace(URL_LIKE, REMOVED).replace(PHONE, REMOVED);
}

/** The calendar day (YYYY-MM-DD) of an instant in the trust's timezone: never a time of day. */
export function dayIn(timezone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
