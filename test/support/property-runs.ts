/**
 * How many cases a property test tries. Under mutation testing (vitest.mutation.config.ts sets
 * PILLAR7_MUTATION) each surviving mutant reruns every test that covers it, so properties try a
 * tenth as many cases there: enough to reach the rule a mutant breaks, in minutes instead of hours.
 * `npm test` always runs the full number.
 */
export const runs = (n: number): number =>
  process.env.PILLAR7_MUTATION ? Math.max(1, Math.ceil(n / 10)) : n;

/**
 * How often a property must have reached one side (a page served, a row refused) for the run to
 * count, scaled with `runs`: a tenth of the cases need only a tenth of the hits. Under mutation the
 * seed is fixed (test/support/mutation-setup.ts), so the unmutated code meets these every time.
 */
export const reached = (n: number): number => (process.env.PILLAR7_MUTATION ? Math.floor(n / 10) : n);
