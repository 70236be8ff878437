import type { HttpFunctionName } from '../../shared/http/routes';
import type { PipelineFunctionName } from '../../shared/cycle/steps';

export type { PipelineFunctionName };
export type FunctionName = HttpFunctionName | PipelineFunctionName;

/** DynamoDB item actions; a transaction is authorised action by action, so it needs no entry of its own. */
type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:BatchWriteItem'
  | 'dynamodb:ConditionCheckItem';

export interface BucketAccess {
  /** Key prefixes it may list (s3:ListBucket with an s3:prefix condition). */
  list?: string[];
  read?: string[];
  write?: string[];
  delete?: string[];
}

/**
 * The item actions a function may take on the table, each with the partitions (partition-key values,
 * `*` a wildcard) it may take them on: granted with IAM's dynamodb:LeadingKeys condition, so a
 * function can touch its own partitions and no other (shared/store/keys.ts gives each kind of record
 * a partition of its own for this).
 */
export type TableGrant = Partial<Record<TableAction, readonly string[]>>;

/**
 * Secrets Manager actions, each taken on named secrets only; but ListSecrets, which IAM grants on
 * `*` alone (it has no resource-level permission): the secrets listed with it are those the function
 * looks for by name prefix, and it can act on no other.
 */
type SecretAction =
  | 'secretsmanager:GetSecretValue'
  | 'secretsmanager:CreateSecret'
  | 'secretsmanager:DeleteSecret'
  | 'secretsmanager:ListSecrets';

/**
 * The secrets the stack names: `group-keys`, the verified form's private group keys (one secret per
 * key, made as first needed, under one name prefix of the stack's); `report-link`, the key that signs
 * the board's report link.
 */
export type SecretName = 'group-keys' | 'report-link';

/** The Secrets Manager actions a function may take, each with the secrets it may take them on. */
export type SecretGrant = Partial<Record<SecretAction, readonly SecretName[]>>;

export interface FunctionAccess {
  table: TableGrant;
  bucket?: BucketAccess;
  /**
   * The SES action it may send e-mail with (the board's report, a link, a note to the QA lead): from
   * the trust's sender, through the stage's configuration set, and nothing else.
   */
  sendEmail?: 'ses:SendEmail' | 'ses:SendRawEmail';
  /** The secrets it may read (or, for the group keys, create or delete), each action on the named secrets only. */
  secrets?: SecretGrant;
  /** May hand a waiting cycle run its task token back (states:SendTaskSuccess on the cycle). */
  resumesCycle?: boolean;
}

/** The partitions, by what they hold (shared/store/keys.ts has the exact shapes). */
const P = {
  form: 'FORM#*',
  cycle: 'CYCLE#*',
  responses: 'RESPONSES#*',
  spent: 'SPENT#*',
  links: 'LINK#*',
  linkCounts: 'ASKED#*',
  issued: 'ISSUED#*',
  groupKeys: 'KEYS#*',
  evidence: 'EVIDENCE#*',
  staff: 'EVIDENCE#staff',
  consoleSignIn: 'CONSOLE',
  renderKey: 'KEY#render-token',
  staffKey: 'KEY#staff-email',
  sessionKey: 'KEY#console-session',
} as const;

/** What the public form's page and answer routes share: read a form and its key, spend a token, store a response. */
const ANSWERS: TableGrant = {
  'dynamodb:GetItem': [P.form, P.renderKey],
  'dynamodb:PutItem': [P.renderKey, P.spent, P.responses],
  'dynamodb:DeleteItem': [P.spent],
};

/**
 * What each function may do, and nothing more. The stack grants exactly this; an infra test asserts
 * the synthesized policies match it; an integration test runs every handler on the emulators and
 * fails if one makes a call that is not listed here. So a grant can neither drift wider than the code
 * nor narrower than what it does.
 */
export const ACCESS: Record<FunctionName, FunctionAccess> = {
  health: { table: {} },
  // Reads the form; reads (or, the first time, creates) the render-token key; records a token as
  // spent and stores a response, or releases the token again if the response could not be stored.
  // Neither can change a form, a cycle's records, evidence or any other key.
  // The page also tells a closed form's visitors what came of their feedback: it reads the cycle's
  // run (its sent summary), never writes there.
  'form-page': { table: { ...ANSWERS, 'dynamodb:GetItem': [...ANSWERS['dynamodb:GetItem']!, P.cycle] } },
  // Answers to a verified form come here only (its page sends them as JSON): the token's signature
  // is checked against the public key of the respondent's group.
  'submit-response': {
    table: { ...ANSWERS, 'dynamodb:GetItem': [...ANSWERS['dynamodb:GetItem']!, P.groupKeys] },
  },
  // Reads the form; reads (or, the first time, creates) the render-token key to issue a token.
  'form-definition': {
    table: { 'dynamodb:GetItem': [P.form, P.renderKey], 'dynamodb:PutItem': [P.renderKey] },
  },
  // Verified access, the link side: reads the staff list and whether a token was issued, records a
  // one-time link (by keyed hash), counts a day's link e-mails per person, lists the public group
  // keys, and e-mails the link.
  'form-access': {
    table: {
      'dynamodb:GetItem': [P.form, P.staff, P.issued, P.renderKey, P.staffKey],
      'dynamodb:PutItem': [P.renderKey, P.links],
      'dynamodb:UpdateItem': [P.linkCounts],
      'dynamodb:Query': [P.groupKeys],
    },
    sendEmail: 'ses:SendEmail',
  },
  // Verified access, the signing side: reads the link and the group key, records the issuance (and
  // releases it on failure), removes the used link, and keeps private group keys in Secrets Manager.
  'issue-token': {
    table: {
      'dynamodb:GetItem': [P.form, P.links, P.groupKeys, P.renderKey],
      'dynamodb:PutItem': [P.renderKey, P.issued, P.groupKeys],
      'dynamodb:DeleteItem': [P.links, P.issued],
    },
    secrets: {
      'secretsmanager:CreateSecret': ['group-keys'],
      'secretsmanager:GetSecretValue': ['group-keys'],
    },
  },
  // The QA lead's console: reads cycles, runs, forms and decisions, records decisions and approvals,
  // opens a form, keeps its session key and one-time sign-in links, links to report files, and
  // resumes the waiting run.
  console: {
    table: {
      'dynamodb:GetItem': [P.cycle, P.sessionKey, P.staffKey],
      // The cycle's page counts responses per school for the response rates; the staff list (names
      // to test comments against) is the only evidence it reads.
      'dynamodb:Query': [P.cycle, P.staff, P.responses],
      'dynamodb:PutItem': [P.cycle, P.form, P.sessionKey],
      'dynamodb:UpdateItem': [P.cycle],
      'dynamodb:DeleteItem': [P.consoleSignIn],
    },
    // Lists and reads import results, and signs the upload form that puts a file in the inbox.
    bucket: { list: ['imports/'], read: ['reports/', 'imports/'], write: ['inbox/'] },
    resumesCycle: true,
  },
  // Creates the cycle's form with its one-per-cycle guard, in one transaction.
  'open-form': { table: { 'dynamodb:GetItem': [P.cycle], 'dynamodb:PutItem': [P.cycle, P.form] } },
  // Imports evidence by natural key (each file as it lands, and whatever is left at a run); reads (or, the first time, creates) the key staff addresses
  // are hashed with when a staff list arrives.
  gather: {
    table: {
      'dynamodb:Query': [P.evidence],
      'dynamodb:BatchGetItem': [P.evidence],
      'dynamodb:BatchWriteItem': [P.evidence],
      'dynamodb:GetItem': [P.staffKey],
      'dynamodb:PutItem': [P.staffKey],
    },
    bucket: {
      list: ['inbox/'],
      read: ['inbox/'],
      write: ['processed/', 'quarantine/', 'imports/'],
      delete: ['inbox/'],
    },
  },
  // Judges the cycle, and marks its form's figures computed (the form can then no longer reopen);
  // then retires a verified form's private group keys: lists the cycle's by name prefix and deletes
  // them (restorable for 7 days). It never reads a key, nor touches the public halves.
  evaluate: {
    table: {
      'dynamodb:GetItem': [P.cycle],
      'dynamodb:Query': [P.responses, P.evidence],
      'dynamodb:PutItem': [P.cycle],
      'dynamodb:UpdateItem': [P.cycle, P.form],
    },
    secrets: {
      'secretsmanager:ListSecrets': ['group-keys'],
      'secretsmanager:DeleteSecret': ['group-keys'],
    },
  },
  // Renders the evaluation with the QA lead's moderation decisions (a query) and marks the draft.
  publish: {
    table: {
      'dynamodb:GetItem': [P.cycle, P.staffKey],
      // The staff list only (names to test comments against), never the rest of the evidence.
      'dynamodb:Query': [P.cycle, P.staff],
      'dynamodb:UpdateItem': [P.cycle],
    },
    bucket: { write: ['reports/'] },
  },
  // Records that a draft waits (with the state machine's token) and tells the QA leads.
  'request-approval': {
    table: {
      'dynamodb:GetItem': [P.cycle, P.staffKey],
      'dynamodb:Query': [P.cycle, P.staff],
      'dynamodb:UpdateItem': [P.cycle],
    },
    sendEmail: 'ses:SendEmail',
  },
  // Claims the board e-mail, sends it (the PDF attached, or a link signed with the report-link key).
  notify: {
    table: { 'dynamodb:GetItem': [P.cycle], 'dynamodb:UpdateItem': [P.cycle] },
    bucket: { read: ['reports/'] },
    sendEmail: 'ses:SendRawEmail',
    secrets: { 'secretsmanager:GetSecretValue': ['report-link'] },
  },
};
