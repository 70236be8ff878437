import * as z from './zod';
import { PILLAR_KEYS, type PillarKey } from '../domain/pillars';
import { MAX_COMMENT_LENGTH } from '../domain/anonymity';

const rating = z
  .number()
  .check(
    z.int('must be a whole number from 1 to 5'),
    z.gte(1, 'must be from 1 to 5'),
    z.lte(5, 'must be from 1 to 5'),
  );

import { ROLES } from '../domain/roles';

export { ROLES };

/**
 * The JSON body of one practitioner response (SPEC section 4). Built per trust because the allowed
 * divisions come from its config. Unknown fields are rejected so nothing unexpected is ever stored.
 */
export function responseBodySchema(divisionIds: readonly string[]) {
  const ratingsShape = Object.fromEntries(PILLAR_KEYS.map((k) => [k, z.optional(rating)])) as Record<
    PillarKey,
    z.ZodMiniOptional<typeof rating>
  >;
  return z
    .strictObject({
      ratings: z.optional(z.strictObject(ratingsShape)),
      safety: z.optional(rating),
      influence: z.optional(rating),
      role: z.optional(z.enum(ROLES)),
      division: z.optional(z.enum(['undisclosed', ...divisionIds] as [string, ...string[]])),
      comment: z.optional(
        z.string().check(z.maxLength(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`)),
      ),
    })
    .check(
      z.refine(
        (b) =>
          Object.values(b.ratings ?? {}).some((v) => v !== undefined) ||
          b.safety !== undefined ||
          b.influence !== undefined ||
          (b.comment ?? '').trim() !== '',
        { message: 'answer at least one question' },
      ),
    );
}

export type ResponseBody = z.output<ReturnType<typeof responseBodySchema>>;

/** What is stored for one response: its cycle, a random id and the answers. Nothing else: not even a date. */
export interface StoredResponse {
  responseId: string;
  cycleId: string;
  ratings: Partial<Record<PillarKey, number>>;
  safety?: number;
  influence?: number;
  role: (typeof ROLES)[number];
  division: string;
  comment?: string;
}

/** The exact shape of a stored response item: anything else in the table under RESPONSE# is a bug. */
export const storedResponseItemSchema = z.strictObject({
  pk: z.string().check(z.regex(/^CYCLE#/)),
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
});
