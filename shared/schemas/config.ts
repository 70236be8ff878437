import * as z from './zod';
import { PILLAR_KEYS } from '../domain/pillars';
import { CERTIFICATE_ARN, formDomainSchema } from './form-domain';
import { thresholdsSchema } from './thresholds';
import type { Cycle, Thresholds } from '../domain/trust';

export { thresholdsSchema };

const id = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'must be lower-case letters, digits and hyphens (e.g. "oak-primary")',
    ),
  );
const isoDay = z.iso.date('must be a date written YYYY-MM-DD');
const cycleSchema = z
  .strictObject({ id, start: isoDay, end: isoDay })
  .check(z.refine((c) => c.end >= c.start, { message: 'end must not be before start', path: ['end'] }));

/** A schedule expression as EventBridge Scheduler takes it. */
const scheduleExpression = z
  .string()
  .check(
    z.regex(
      /^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
      'must be cron(...) or rate(...)',
    ),
  );

/** Whether the runtime knows this IANA time zone name (it would throw later, when dates are worked out). */
function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The protective marking on the report when the trust sets none. */
export const DEFAULT_MARKING = 'Official - Sensitive';

/**
 * Months each kind of record is kept (see `retention`): two years of raw responses, enough for the
 * next cycles to be compared and any complaint answered; six years of what the board received and
 * the evidence behind it, as for other governance records.
 */
const DEFAULT_RETENTION = { responses: 24, evaluations: 72, reports: 72, evidence: 72 } as const;
const months = z
  .number()
  .check(
    z.int('must be a whole number of months'),
    z.gte(1, 'must be at least 1 month'),
    z.lte(240, 'must be at most 240 months (20 years)'),
  );

/** A logo, as the loaded config holds it: the file's bytes in a data URI. */
const LOGO_DATA = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
export const MAX_LOGO_KB = 32;
const MAX_LOGO_DATA = Math.ceil((MAX_LOGO_KB * 1024) / 3) * 4 + 'data:image/jpeg;base64,'.length;

/** Practitioner-facing words a trust may set: plain text, one line or a short paragraph. */
const wording = (max: number) =>
  z.string().check(
    z.minLength(1, 'must not be empty (leave it out to use the standard wording)'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine((s) => !/[<>]/.test(s), { message: 'must be plain text, without < or >' }),
  );

export const trustConfigSchema = z
  .strictObject({
    trust: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(120)),
      /**
       * The trust's logo, on the report and the form: a PNG or JPEG file of at most 32 KB, named
       * relative to the config file (read into the config when the file is loaded).
       */
      logo: z.optional(
        z.string().check(
          z.refine((s) => LOGO_DATA.test(s) && s.length <= MAX_LOGO_DATA, {
            message: `must be a PNG or JPEG file of at most ${MAX_LOGO_KB} KB, named relative to the config file`,
          }),
        ),
      ),
      /** The protective marking printed on every page of the report (an empty string prints none). */
      marking: z._default(z.string().check(z.maxLength(60)), DEFAULT_MARKING),
    }),
    /** The AWS region everything is deployed to and every record is kept in. */
    region: z._default(
      z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-2')),
      'eu-west-2',
    ),
    timezone: z._default(
      z.string().check(
        z.refine(isTimeZone, {
          message: 'must be a time zone name from the IANA list, such as Europe/London',
        }),
      ),
      'Europe/London',
    ),
    divisions: z
      .array(z.strictObject({ id, name: z.string().check(z.minLength(1), z.maxLength(120)) }))
      .check(z.minLength(1, 'at least one division is needed')),
    objectives: z.array(
      z.strictObject({
        id,
        title: z.string().check(z.minLength(1), z.maxLength(200)),
        pillar: z.enum(PILLAR_KEYS),
      }),
    ),
    cycles: z.array(cycleSchema).check(z.minLength(1, 'at least one cycle is needed')),
    board: z.strictObject({
      recipients: z
        .array(z.email('must be an email address'))
        .check(z.minLength(1, 'at least one recipient')),
      /**
       * `manual` (the default): each cycle's report is a draft until a QA lead approves it, and only
       * then is the board e-mailed. `automatic`: the board is e-mailed as soon as the report is ready.
       */
      approval: z._default(z.enum(['manual', 'automatic']), 'manual'),
      /** Who runs the cycle: told when a draft waits, and invited to the console. */
      qaLeads: z._default(z.array(z.email('must be an email address')), []),
      /** How long a draft may wait for approval before ops are alarmed and the run stops. */
      approvalTimeoutDays: z._default(
        z
          .number()
          .check(
            z.int('must be a whole number'),
            z.gte(1, 'must be at least 1'),
            z.lte(60, 'must be at most 60'),
          ),
        14,
      ),
    }),
    /** Names that hold a comment for the QA lead if they appear in it (staff names, for example). */
    moderation: z._default(
      z.strictObject({ names: z._default(z.array(z.string().check(z.minLength(2))), []) }),
      {
        names: [],
      },
    ),
    email: z.strictObject({
      sender: z.email('must be an email address'),
      configurationSet: z.optional(
        z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a SES configuration set name')),
      ),
      delivery: z._default(z.enum(['attach', 'link']), 'attach'),
      /**
       * `create` (the default): the stack verifies the sender's domain with SES. `existing`: another
       * stage in the same account and region already does (SES holds one identity per domain there).
       */
      senderIdentity: z._default(z.enum(['create', 'existing']), 'create'),
    }),
    anonymity: z._default(
      z.strictObject({
        k: z._default(z.number().check(z.int(), z.gte(3, 'k may not be set below 3')), 5),
        commentThreshold: z._default(z.number().check(z.int(), z.gte(1)), 10),
      }),
      { k: 5, commentThreshold: 10 },
    ),
    /**
     * How practitioners reach the form (SPEC section 4): `verified` (the default) gives one response
     * per member of staff on the imported staff list, unlinkable by blind-signed tokens; `open` is one
     * shared link, one response per page.
     */
    form: z._default(
      z.strictObject({
        access: z._default(z.enum(['verified', 'open']), 'verified'),
        /** The form's opening paragraph, in the trust's own words (the standard one if absent). */
        intro: z.optional(wording(600)),
        /**
         * The wording of any of the questions (the seven pillars, `safety`, `influence`): the
         * questions themselves are fixed, so results stay comparable across cycles and trusts.
         */
        questions: z._default(
          z.strictObject(
            Object.fromEntries(
              [...PILLAR_KEYS, 'safety', 'influence'].map((k) => [k, z.optional(wording(200))]),
            ) as Record<
              (typeof PILLAR_KEYS)[number] | 'safety' | 'influence',
              z.ZodMiniOptional<z.ZodMiniString>
            >,
          ),
          {},
        ),
        /**
         * The most staff who might answer within a few minutes (a staff meeting), perhaps all from one
         * network: it sizes the form's per-client rate limits in the cloud (shared/http/limits.ts).
         */
        expectedStaff: z._default(
          z.number().check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'), z.lte(100_000)),
          3000,
        ),
        domain: z.optional(formDomainSchema),
      }),
      { access: 'verified' as const, expectedStaff: 3000, questions: {} },
    ),
    thresholds: z._default(thresholdsSchema, () => thresholdsSchema.parse({})),
    schedule: z._default(z.strictObject({ gather: z._default(scheduleExpression, 'cron(0 2 * * ? *)') }), {
      gather: 'cron(0 2 * * ? *)',
    }),
    /**
     * How long each kind of record is kept, in months, then deleted (DynamoDB TTL, S3 lifecycle):
     * responses with their comments and moderation decisions, from the cycle's end; evaluations,
     * runs and forms, from the cycle's end; report files, from when they were written; imported
     * evidence and its files, from the import. docs/data-protection.md explains the defaults.
     */
    retention: z._default(
      z.strictObject({
        responses: z._default(months, DEFAULT_RETENTION.responses),
        evaluations: z._default(months, DEFAULT_RETENTION.evaluations),
        reports: z._default(months, DEFAULT_RETENTION.reports),
        evidence: z._default(months, DEFAULT_RETENTION.evidence),
      }),
      { ...DEFAULT_RETENTION },
    ),
    ops: z.optional(
      z.strictObject({
        alarmEmail: z.optional(z.email('must be an email address')),
        /**
         * X-Ray traces, Lambda's START/REPORT lines and API access logs for the practitioner form:
         * each records when someone visited or answered, so they are off unless a trust turns them
         * on (for a while) to diagnose a problem.
         */
        formDiagnostics: z._default(z.boolean(), false),
      }),
    ),
  })
  .check(
    z.superRefine((cfg, ctx) => {
      const unique = (list: { id: string }[], key: 'divisions' | 'objectives' | 'cycles') => {
        const seen = new Set<string>();
        list.forEach((item, i) => {
          if (seen.has(item.id))
            ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"` });
          seen.add(item.id);
        });
      };
      if (cfg.board.approval === 'manual' && cfg.board.qaLeads.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['board', 'qaLeads'],
          message:
            'name at least one QA lead to approve each draft, or set board.approval to automatic to e-mail the board without one',
        });
      unique(cfg.divisions, 'divisions');
      unique(cfg.objectives, 'objectives');
      unique(cfg.cycles, 'cycles');
      if (cfg.divisions.some((d) => d.id === 'trust' || d.id === 'undisclosed')) {
        ctx.addIssue({
          code: 'custom',
          path: ['divisions'],
          message: '"trust" and "undisclosed" are reserved division ids',
        });
      }
      const sorted = [...cfg.cycles].sort((a, b) => a.start.localeCompare(b.start));
      sorted.slice(1).forEach((c, i) => {
        const prev = sorted[i]!;
        if (c.start <= prev.end) {
          ctx.addIssue({
            code: 'custom',
            path: ['cycles', cfg.cycles.indexOf(c), 'start'],
            message: `cycle "${c.id}" overlaps cycle "${prev.id}"`,
          });
        }
      });
      // API Gateway takes a regional domain's certificate from its own region, the stack's.
      const certificateRegion = cfg.form.domain?.certificateArn.match(CERTIFICATE_ARN)?.[1];
      if (certificateRegion && certificateRegion !== cfg.region)
        ctx.addIssue({
          code: 'custom',
          path: ['form', 'domain', 'certificateArn'],
          message: `must be a certificate in ${cfg.region}, the region the stack is deployed to, not ${certificateRegion}: request or import the certificate in ACM there`,
        });
      if (cfg.anonymity.commentThreshold < cfg.anonymity.k) {
        ctx.addIssue({
          code: 'custom',
          path: ['anonymity', 'commentThreshold'],
          message: 'must not be below k',
        });
      }
    }),
  );

export type TrustConfig = z.output<typeof trustConfigSchema>;
export type { Cycle, Thresholds };

// The schema validates into the domain's own types: a field added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const validatesIntoDomain: [
  Same<TrustConfig['cycles'][number], Cycle>,
  Same<TrustConfig['thresholds'], Thresholds>,
] = [true, true];
void validatesIntoDomain;
