/**
 * The anonymity rules of SPEC section 3 that act on a single response before it is stored.
 * Aggregate rules (k, suppression, comments) live with the evaluation.
 */
export const MAX_COMMENT_LENGTH = 2000;

/** The calendar day (YYYY-MM-DD) of an instant in the trust's timezone: never a time of day. */
export function dayIn(timezone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  // A date format asked for year, month and day always has the three parts.
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * A count shown while the form is still open (SPEC section 3, no differencing): fewer than k, or
 * rounded down to a multiple of five, so no one response can be told apart by watching it grow.
 */
export function bandedCount(count: number, k: number): string {
  if (count < k) return `fewer than ${k}`;
  return `${Math.floor(count / 5) * 5} or more`;
}
