import * as z from './zod';
import { PILLAR_KEYS } from '../domain/pillars';
import { QUESTIONS } from '../domain/aggregate';
import type { Evaluation } from '../domain/evaluation';

const rating = z.enum(['green', 'amber', 'red', 'grey']);
const trend = z.enum(['up', 'down', 'same', 'new']);
const criterionId = z.enum(['QA1', 'QA2', 'QA3', 'QA4', 'QA5']);
const pillar = z.enum(PILLAR_KEYS);
const day = z.iso.date();
const nullableNumber = z.nullable(z.number());
const share = z.number().check(z.gte(0), z.lte(1));
const group = z.strictObject({
  group: z.string(),
  members: z.array(z.string()),
  count: z.int(),
  safetyMean: nullableNumber,
  influenceMean: nullableNumber,
  participation: z.optional(nullableNumber),
});

/**
 * The published shape of `reports/{cycleId}/evaluation.json` (schema version 2). Anything that reads
 * the file can rely on this; docs/evaluation.schema.json is the same schema as JSON Schema.
 */
export const evaluationSchema = z.strictObject({
  schemaVersion: z.literal(2),
  rubricVersion: z.string(),
  configHash: z.string(),
  trustName: z.string(),
  cycleId: z.string(),
  cycleStart: day,
  cycleEnd: day,
  evaluatedAt: z.iso.datetime(),
  previousCycleId: z.nullable(z.string()),
  anonymity: z.strictObject({
    k: z.int().check(z.gte(3)),
    commentThreshold: z.int(),
    raisedByForms: z.boolean(),
  }),
  overall: z.strictObject({ rating, greyCount: z.int(), trend }),
  criteria: z.array(
    z.strictObject({
      id: criterionId,
      title: z.string(),
      rating,
      reasoning: z.string(),
      evidence: z.strictObject({
        recordIds: z.array(z.string()),
        sources: z.optional(z.array(z.string())),
        figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      }),
      trend,
    }),
  ),
  triangulation: z.array(
    z.strictObject({
      pillar,
      peerReviewDate: z.nullable(day),
      peerScaled: nullableNumber,
      practitionerMean: nullableNumber,
      practitionerCount: z.nullable(z.int()),
      gap: nullableNumber,
      sourcesDisagree: z.boolean(),
    }),
  ),
  boardQuestions: z.array(
    z.strictObject({
      criterion: criterionId,
      questions: z.array(z.string()).check(z.minLength(1), z.maxLength(3)),
    }),
  ),
  practitioners: z.strictObject({
    responses: z.nullable(z.int()),
    headcount: z.nullable(z.int()),
    participation: nullableNumber,
    safetyMean: nullableNumber,
    influenceMean: nullableNumber,
    answerBands: z.optional(
      z.array(
        z.strictObject({
          question: z.enum(QUESTIONS),
          disagree: share,
          neutral: share,
          agree: share,
        }),
      ),
    ),
    byDivision: z.array(group),
    byRole: z.array(group),
    comments: z.array(z.string()),
    commentsTotal: z.nullable(z.int()),
    withheld: z.array(z.string()),
    access: z.optional(z.enum(['verified', 'open'])),
  }),
  disclosureAudit: z.nullable(
    z.strictObject({
      solver: z.string(),
      setsChecked: z.int(),
      rounds: z.int(),
      narrowestCountInterval: z.number(),
      narrowestSumShare: z.number(),
      withheldByAudit: z.int(),
      earlierPublications: z.int(),
      milliseconds: z.number(),
    }),
  ),
  recommendations: z.array(
    z.strictObject({
      recommendationId: z.string(),
      pillar,
      text: z.string(),
      /** Who owns it, as imported (absent in evaluations made before owners were published). */
      owner: z.optional(z.nullable(z.string())),
      due: day,
      status: z.string(),
      closed: z.boolean(),
      /** Days past due on the report's own day (the cycle's last day at the latest); null if not overdue. */
      daysOverdue: z.nullable(z.int()),
    }),
  ),
  changesFromFeedback: z.array(
    z.strictObject({ changeId: z.string(), date: day, pillar, description: z.string() }),
  ),
  review: z.optional(
    z.strictObject({
      status: z.enum(['draft', 'approved']),
      approvedOn: z.optional(day),
      commentary: z.optional(z.string()),
      moderation: z.strictObject({
        held: z.int(),
        withheld: z.int(),
        redacted: z.int(),
        erased: z.optional(z.int()),
      }),
    }),
  ),
});

// The domain type and the published schema must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _evaluationSchemaMatchesDomain: Same<z.output<typeof evaluationSchema>, Evaluation> = true;
