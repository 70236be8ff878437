/**
 * Every key shape in the table, and nothing else. docs/data-model.md lists the access patterns
 * these serve; each one is a Query on a single partition. What a function may do is granted by
 * partition (IAM's dynamodb:LeadingKeys, infra/cdk/access.ts), so each kind of record a different
 * function writes has a partition of its own: the public form's writes (responses, spent tokens,
 * links, link counts) never share one with what they must not touch (a form's settings, a cycle's
 * evaluation, evidence, another key).
 */
import type { EvidenceKindName } from '../domain/evidence';

export const keys = {
  form: (formId: string) => ({ pk: `FORM#${formId}`, sk: 'FORM' }),
  /** A token used for a response on this form, by keyed hash (shared/store/spent-tokens.ts). */
  spentToken: (formId: string, tokenKey: string) => ({ pk: `SPENT#${formId}`, sk: tokenKey }),
  /** A cycle's public key for one (division, role) group: published, and what a token verifies under. */
  groupKey: (cycleId: string, group: string) => ({ pk: `KEYS#${cycleId}`, sk: group }),
  groupKeysPartition: (cycleId: string) => `KEYS#${cycleId}`,
  /** That a member of staff (by keyed hash) has had their one token for the cycle. Nothing else. */
  issued: (cycleId: string, emailHash: string) => ({ pk: `ISSUED#${cycleId}`, sk: emailHash }),
  /** How many link e-mails a member of staff (by keyed hash) has been sent on a day (UTC), to cap them. */
  linkRequests: (formId: string, day: string, emailHash: string) => ({
    pk: `ASKED#${formId}`,
    sk: `${day}#${emailHash}`,
  }),
  /** A one-time link, by keyed hash of its secret (the secret itself is only in the e-mail). */
  accessLink: (formId: string, linkKey: string) => ({ pk: `LINK#${formId}`, sk: linkKey }),
  /** One form per cycle: this item is what makes a second one for the same cycle impossible. */
  cycleForm: (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'FORM' }),
  /** A cycle's responses have a partition of their own: the form may write there and nowhere in CYCLE#. */
  response: (cycleId: string, responseId: string) => ({
    pk: `RESPONSES#${cycleId}`,
    sk: `RESPONSE#${responseId}`,
  }),
  responsesPartition: (cycleId: string) => `RESPONSES#${cycleId}`,
  responsesPrefix: () => 'RESPONSE#',
  cyclePartition: (cycleId: string) => `CYCLE#${cycleId}`,
  evaluation: (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'EVALUATION' }),
  cycleRun: (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: 'RUN' }),
  /** The QA lead's decision on one comment of the cycle (by the comment's content hash). */
  moderation: (cycleId: string, commentId: string) => ({
    pk: `CYCLE#${cycleId}`,
    sk: `MODERATION#${commentId}`,
  }),
  moderationPrefix: () => 'MODERATION#',
  /** That a comment of the cycle was erased (by the comment's content hash): who, when, why; never the text. */
  erasure: (cycleId: string, commentId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `ERASURE#${commentId}` }),
  erasurePrefix: () => 'ERASURE#',
  evidencePartition: (kind: EvidenceKindName) => `EVIDENCE#${kind}`,
  evidence: (kind: EvidenceKindName, naturalKey: string) => ({ pk: `EVIDENCE#${kind}`, sk: naturalKey }),
  seedMarker: (name: string) => ({ pk: 'TRUST', sk: `SEED#${name}` }),
  /** A one-time console sign-in link (local runs), by keyed hash of its secret; TTL a quarter hour. */
  consoleSignIn: (linkKey: string) => ({ pk: 'CONSOLE', sk: `SIGNIN#${linkKey}` }),
  /** Each key in a partition of its own, so a function may be granted the one key it uses. */
  signingKey: (name: string) => ({ pk: `KEY#${name}`, sk: 'KEY' }),
} as const;

/** The TTL attribute for an item that expires (see shared/domain/retention.ts), or nothing. */
export const expiry = (expiresAt: number | undefined): { expiresAt?: number } =>
  expiresAt === undefined ? {} : { expiresAt };

/** S3 object keys, beside the table's: the inbox layout is part of the contract with QA leads. */
export const objectKeys = {
  inboxRoot: 'inbox/',
  inboxPrefix: (kind: EvidenceKindName) => `inbox/${kind}/`,
  processed: (inboxKey: string) => inboxKey.replace(/^inbox\//, 'processed/'),
  quarantine: (inboxKey: string) => `quarantine/${inboxKey.replace(/^inbox\//, '')}.errors.json`,
  /** Every file's import result (what the console shows), whatever happened to it. */
  importResultsRoot: 'imports/',
  importResult: (inboxKey: string) => `imports/${inboxKey.replace(/^inbox\//, '')}.json`,
  report: (cycleId: string, file: 'report.html' | 'report.pdf' | 'evaluation.json' | 'manifest.json') =>
    `reports/${cycleId}/${file}`,
} as const;
