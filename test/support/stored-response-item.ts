import * as z from '../../shared/schemas/zod';
import { PILLAR_KEYS, type PillarKey } from '../../shared/domain/pillars';
import { MAX_COMMENT_LENGTH } from '../../shared/domain/anonymity';
import { ROLES } from '../../shared/domain/roles';

const rating = z
  .number()
  .check(
    z.int('must be a whole number from 1 to 5'),
    z.gte(1, 'must be from 1 to 5'),
    z.lte(5, 'must be from 1 to 5'),
  );

/** The exact shape of a stored response item: anything else in the table under RESPONSE# is a bug. */
export const storedResponseItemSchema = z.strictObject({
  pk: z.string().check(z.regex(/^RESPONSES#/)),
  sk: z.string().check(z.regex(/^RESPONSE#[0-9a-f-]{36}$/)),
  type: z.literal('response'),
  responseId: z.uuid(),
  cycleId: z.string().check(z.minLength(1)),
  ratings: z.strictObject(
    Object.fromEntries(PILLAR_KEYS.map((k) => [k, z.optional(rating)])) as Record<
      PillarKey,
      z.ZodMiniOptional<typeof rating>
    >,
  ),
  safety: z.optional(rating),
  influence: z.optional(rating),
  role: z.enum(ROLES),
  division: z.string().check(z.minLength(1)),
  comment: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_LENGTH))),
  /** A long comment, deflated to save write units (shared/store/responses.ts). */
  commentDeflated: z.optional(z.instanceof(Uint8Array)),
  /**
   * When the response is deleted (DynamoDB TTL): its cycle's last day plus the trust's retention,
   * the same for every response of the cycle, so it says nothing about when this one arrived.
   */
  expiresAt: z.optional(z.int()),
});
