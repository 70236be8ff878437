import * as z from './zod';

const share = z.number().check(z.gte(0, 'must be between 0 and 1'), z.lte(1, 'must be between 0 and 1'));
const meanOf5 = z.number().check(z.gte(1, 'must be between 1 and 5'), z.lte(5, 'must be between 1 and 5'));
const greenAmber = (green: number, amber: number, s: z.ZodMiniNumber<number>) =>
  z._default(
    z
      .strictObject({ green: s, amber: s })
      .check(
        z.refine((t) => t.green >= t.amber, { message: 'green must not be below amber', path: ['green'] }),
      ),
    { green, amber },
  );

/** The rubric's thresholds (SPEC section 2); every default here is the spec's default. */
export const thresholdsSchema = z.strictObject({
  qa1Coverage: greenAmber(0.8, 0.5, share),
  qa1KpiMissingCap: z._default(share, 0.5),
  qa2PillarsCovered: greenAmber(7, 4, z.number().check(z.int(), z.gte(0), z.lte(7))),
  qa2WindowMonths: z._default(z.number().check(z.int(), z.gte(1), z.lte(36)), 12),
  qa3Closed: greenAmber(0.8, 0.5, share),
  qa3OverdueDaysCap: z._default(z.number().check(z.int(), z.gte(0)), 90),
  qa4Participation: greenAmber(0.4, 0.2, share),
  qa4Safety: greenAmber(4.0, 3.0, meanOf5),
  qa5MinChanges: z._default(z.number().check(z.int(), z.gte(1)), 1),
  qa5Influence: z._default(meanOf5, 3.5),
  triangulationGap: z._default(z.number().check(z.gt(0), z.lte(4)), 1.5),
});
