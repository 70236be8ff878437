import * as z from './zod';
import { parseDay } from '../domain/dates';

export { parseDay };
import { parsePillar } from '../domain/pillars';
import type { EvidenceByKind, EvidenceKindName } from '../domain/evidence';
import type { TrustConfig } from './config';
import { isEmailAddress, normaliseEmail, staffEmailHash, staffNameHash } from '../domain/staff';
import { staffNameTokens } from '../domain/screening';

/** A row as it arrives: every cell a string, whether from CSV or from a JSON array. */
export type RawRow = Record<string, string>;

type Ctx = { issues: { code: 'custom'; message: string; input: unknown }[] };
const fail = (ctx: Ctx, input: unknown, message: string) => {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
};

const text = (max = 2000) =>
  z.string().check(z.trim(), z.minLength(1, 'is empty'), z.maxLength(max, `is over ${max} characters`));
const optionalText = (max = 2000) =>
  z.optional(
    z
      .pipe(
        z.string(),
        z.transform((s) => s.trim() || undefined),
      )
      .check(z.refine((s) => s === undefined || s.length <= max, `is over ${max} characters`)),
  );

const day = z.pipe(
  z.string(),
  z.transform(
    (s, ctx) => parseDay(s) ?? fail(ctx as Ctx, s, `"${s}" is not a real date as YYYY-MM-DD or DD/MM/YYYY`),
  ),
);
const optionalDay = z.optional(
  z.pipe(
    z.string(),
    z.transform((s, ctx) =>
      s.trim() === ''
        ? undefined
        : (parseDay(s) ?? fail(ctx as Ctx, s, `"${s}" is not a real date as YYYY-MM-DD or DD/MM/YYYY`)),
    ),
  ),
);
const pillar = z.pipe(
  z.string(),
  z.transform((s, ctx) => parsePillar(s) ?? fail(ctx as Ctx, s, `"${s}" is not a pillar key or number 1-7`)),
);
const oneOf = <T extends string>(values: readonly T[]) =>
  z.pipe(
    z.string(),
    z.transform((s, ctx) => {
      const v = s.trim().toLowerCase();
      return (values as readonly string[]).includes(v)
        ? (v as T)
        : fail(ctx as Ctx, s, `"${s}" is not one of ${values.join(', ')}`);
    }),
  );
/** A number as people type it in a spreadsheet: "93.8" or "93.8%" (the percent sign is dropped). */
function parseNumber(input: string): number | undefined {
  const s = input.trim().replace(/%$/, '').trim();
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : undefined;
}

const number = z.pipe(
  z.string(),
  z.transform((s, ctx) => parseNumber(s) ?? fail(ctx as Ctx, s, `"${s}" is not a number`)),
);
const PEER_WORDS = { concern: 1, developing: 2, secure: 3, strong: 4 } as const;
const peerRating = z.pipe(
  z.string(),
  z.transform((s, ctx) => {
    const v = s.trim().toLowerCase();
    if (v in PEER_WORDS) return PEER_WORDS[v as keyof typeof PEER_WORDS];
    const n = Number(v);
    return [1, 2, 3, 4].includes(n)
      ? (n as 1 | 2 | 3 | 4)
      : fail(ctx as Ctx, s, `"${s}" is not 1-4 or concern/developing/secure/strong`);
  }),
);

/** The row schemas of every import kind; divisions and objectives are checked against the trust. */
/**
 * The row schemas for each kind. `staffKey` is the key staff addresses are hashed with: a staff
 * list is only ever read with it, so no address is held beyond the row being read.
 */
export function evidenceRowSchemas(config: TrustConfig, staffKey?: Buffer) {
  const divisionIds = config.divisions.map((d) => d.id);
  const objectiveIds = new Set(config.objectives.map((o) => o.id));
  const cycleIds = new Set(config.cycles.map((c) => c.id));
  const division = (extra: string[]) =>
    z.pipe(
      z.string(),
      z.transform((s, ctx) => {
        const v = s.trim().toLowerCase();
        if ([...extra, ...divisionIds].includes(v)) return v;
        return fail(
          ctx as Ctx,
          s,
          `"${s}" is not a division id in the trust config${extra.length ? ` (or ${extra.map((e) => `"${e}"`).join(', ')})` : ''}`,
        );
      }),
    );
  const objective = z.pipe(
    z.string(),
    z.transform((s, ctx) =>
      objectiveIds.has(s.trim())
        ? s.trim()
        : fail(ctx as Ctx, s, `"${s}" is not an objective in the trust config`),
    ),
  );

  return {
    'peer-reviews': z.pipe(
      z.object({
        review_id: text(100),
        date: day,
        division: division(['trust']),
        pillar,
        rating: peerRating,
        reviewer_type: oneOf(['internal', 'external'] as const),
      }),
      z.transform((r): EvidenceByKind['peer-reviews'] => ({
        reviewId: r.review_id,
        date: r.date,
        division: r.division,
        pillar: r.pillar,
        rating: r.rating,
        reviewerType: r.reviewer_type,
      })),
    ),
    recommendations: z.pipe(
      z
        .object({
          recommendation_id: text(100),
          review_id: text(100),
          pillar,
          text: text(),
          due: day,
          status: oneOf(['open', 'in_progress', 'actioned', 'declined'] as const),
          owner: optionalText(200),
          status_note: optionalText(),
          closed_on: optionalDay,
        })
        .check(
          z.refine((r) => r.status !== 'declined' || r.status_note !== undefined, {
            message: 'a declined recommendation needs a status_note giving the reason',
            path: ['status_note'],
          }),
        ),
      z.transform((r): EvidenceByKind['recommendations'] => ({
        recommendationId: r.recommendation_id,
        reviewId: r.review_id,
        pillar: r.pillar,
        text: r.text,
        due: r.due,
        status: r.status,
        owner: r.owner,
        statusNote: r.status_note,
        closedOn: r.closed_on,
      })),
    ),
    'board-reviews': z.pipe(
      z.object({
        meeting_id: text(100),
        date: day,
        objective_ids: z.pipe(
          z.string(),
          z.transform((s, ctx) => {
            const ids = s
              .split(';')
              .map((x) => x.trim())
              .filter(Boolean);
            const unknown = ids.filter((x) => !objectiveIds.has(x));
            return unknown.length
              ? fail(ctx as Ctx, s, `not objectives in the trust config: ${unknown.join(', ')}`)
              : ids;
          }),
        ),
        data_sources: optionalText(),
        projects_reviewed: optionalText(),
        decisions: optionalText(),
      }),
      z.transform((r): EvidenceByKind['board-reviews'] => ({
        meetingId: r.meeting_id,
        date: r.date,
        objectiveIds: r.objective_ids,
        dataSources: r.data_sources,
        projectsReviewed: r.projects_reviewed,
        decisions: r.decisions,
      })),
    ),
    kpis: z.pipe(
      z.object({
        objective_id: objective,
        cycle_id: z.pipe(
          z.string(),
          z.transform((s, ctx) =>
            cycleIds.has(s.trim())
              ? s.trim()
              : fail(ctx as Ctx, s, `"${s}" is not a cycle in the trust config`),
          ),
        ),
        actual: number,
        target: z.optional(
          z.pipe(
            z.string(),
            z.transform((s, ctx) =>
              s.trim() === '' ? undefined : (parseNumber(s) ?? fail(ctx as Ctx, s, `"${s}" is not a number`)),
            ),
          ),
        ),
      }),
      z.transform((r): EvidenceByKind['kpis'] => ({
        objectiveId: r.objective_id,
        cycleId: r.cycle_id,
        actual: r.actual,
        target: r.target,
      })),
    ),
    'model-changes': z.pipe(
      z.object({
        change_id: text(100),
        date: day,
        pillar,
        description: text(),
        source: oneOf(['practitioner-feedback', 'peer-review', 'board', 'other'] as const),
      }),
      z.transform((r): EvidenceByKind['model-changes'] => ({
        changeId: r.change_id,
        date: r.date,
        pillar: r.pillar,
        description: r.description,
        source: r.source,
      })),
    ),
    headcount: z.pipe(
      z.object({
        division: division([]),
        role: oneOf(['delivery', 'leadership'] as const),
        count: z.pipe(
          number,
          z.transform((n, ctx) =>
            Number.isInteger(n) && n >= 0 ? n : fail(ctx as Ctx, n, `"${n}" is not a whole number of people`),
          ),
        ),
      }),
      z.transform((r): EvidenceByKind['headcount'] => ({
        division: r.division,
        role: r.role,
        count: r.count,
      })),
    ),
    staff: z.pipe(
      z.object({
        email: z.pipe(
          z.string(),
          z.transform((s, ctx) => {
            const email = normaliseEmail(s);
            return isEmailAddress(email) ? email : fail(ctx as Ctx, s, `"${s}" is not an e-mail address`);
          }),
        ),
        division: division([]),
        role: oneOf(['delivery', 'leadership'] as const),
        // Optional: a name lets screening hold comments that name this person (only hashes are kept).
        name: z.optional(z.string()),
      }),
      z.transform((r, ctx): EvidenceByKind['staff'] => {
        if (!staffKey)
          return fail(ctx as Ctx, r.email, "a staff list can only be read with the trust's staff key");
        const nameHashes = staffNameTokens(r.name ?? '').map((t) => staffNameHash(staffKey, t));
        return {
          emailHash: staffEmailHash(staffKey, r.email),
          division: r.division,
          role: r.role,
          ...(nameHashes.length ? { nameHashes } : {}),
        };
      }),
    ),
  } satisfies { [K in EvidenceKindName]: z.ZodMiniType<EvidenceByKind[K], RawRow> };
}
