/**
 * How hard the public form may be used, from the most staff who might answer at once (SPEC section 4):
 * a whole trust answering in a staff meeting, all behind one school network's address, must never be
 * turned away, while one client alone cannot use up the form for everyone.
 */

/** The requests one person makes to answer, with room to spare: the verified path (the page, the
 * e-mail form, the link, the page behind it, its script, the key, the signature and the response)
 * is eight; a page sent again after a mistake, or a refresh, makes the rest. */
export const REQUESTS_PER_PERSON = 10;

/** The window AWS WAF counts each client's requests over, in seconds. */
export const RATE_WINDOW_SECONDS = 300;

export interface FormLimits {
  /** Requests one client address may make in a window before AWS WAF answers it 429. */
  readonly perClient: number;
  /** One-time link requests (each sends an e-mail) one client address may make in a window. */
  readonly linkRequestsPerClient: number;
  /** The API stage's steady requests per second, for every client together, and its burst. */
  readonly stageRate: number;
  readonly stageBurst: number;
}

/**
 * Every member of staff behind one address, all in one window (a harder case than SPEC's 3,000 in
 * ten minutes), fits under the per-client limit; the stage allows twice the per-client rate, so a
 * client at its limit leaves at least half the stage for everyone else.
 */
export function formLimits(expectedStaff: number): FormLimits {
  const perClient = Math.max(500, expectedStaff * REQUESTS_PER_PERSON);
  const stageRate = Math.max(50, Math.ceil((2 * perClient) / RATE_WINDOW_SECONDS));
  return {
    perClient,
    linkRequestsPerClient: Math.max(100, expectedStaff * 2),
    stageRate,
    stageBurst: 2 * stageRate,
  };
}
