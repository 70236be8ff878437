import type { HttpFunctionName } from '../../shared/http/routes';
import type { PipelineFunctionName } from '../../shared/cycle/steps';

export type { PipelineFunctionName };
export type FunctionName = HttpFunctionName | PipelineFunctionName;

/** DynamoDB item actions; a transaction is authorised action by action, so it needs no entry of its own. */
export type TableAction =
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

export interface FunctionAccess {
  table: readonly TableAction[];
  bucket?: BucketAccess;
  /** The SES action it may send e-mail with (the board's report, a link, a note to the QA lead). */
  sendEmail?: 'ses:SendEmail' | 'ses:SendRawEmail';
  /** May create and read the verified form's private group keys in Secrets Manager. */
  groupKeys?: boolean;
  /** May hand a waiting cycle run its task token back (states:SendTaskSuccess on the cycle). */
  resumesCycle?: boolean;
}

/**
 * What each function may do, and nothing more. The stack grants exactly this; an infra test asserts
 * the synthesized policies match it; an integration test runs every handler on the emulators and
 * fails if one makes a call that is not listed here. So a grant can neither drift wider than the code
 * nor narrower than what it does.
 */
export const ACCESS: Record<FunctionName, FunctionAccess> = {
  health: { table: [] },
  // Reads the form; reads (or, the first time, creates) the render-token key; records a token as
  // spent and stores a response, or releases the token again if the response could not be stored.
  'form-page': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] },
  'submit-response': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] },
  // Reads the form; reads (or, the first time, creates) the render-token key to issue a token.
  'form-definition': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  // Verified access, the link side: reads the staff list and whether a token was issued, records a
  // one-time link (by keyed hash), counts a day's link e-mails per person, lists the public group
  // keys, and e-mails the link.
  'form-access': {
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    sendEmail: 'ses:SendEmail',
  },
  // Verified access, the signing side: reads the link and the group key, records the issuance (and
  // releases it on failure), removes the used link, and keeps private group keys in Secrets Manager.
  'issue-token': {
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    groupKeys: true,
  },
  // The QA lead's console: reads cycles, runs, forms and decisions, records decisions and approvals,
  // opens a form, keeps its session key and one-time sign-in links, links to report files, and
  // resumes the waiting run.
  console: {
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
    // Lists and reads import results, and signs the upload form that puts a file in the inbox.
    bucket: { list: ['imports/'], read: ['reports/', 'imports/'], write: ['inbox/'] },
    resumesCycle: true,
  },
  // Creates the cycle's form with its one-per-cycle guard, in one transaction.
  'open-form': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  // Imports evidence by natural key (each file as it lands, and whatever is left at a run); reads (or, the first time, creates) the key staff addresses
  // are hashed with when a staff list arrives.
  gather: {
    table: [
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ],
    bucket: {
      list: ['inbox/'],
      read: ['inbox/'],
      write: ['processed/', 'quarantine/', 'imports/'],
      delete: ['inbox/'],
    },
  },
  evaluate: { table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Renders the evaluation with the QA lead's moderation decisions (a query) and marks the draft.
  publish: {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    bucket: { write: ['reports/'] },
  },
  // Records that a draft waits (with the state machine's token) and tells the QA leads.
  'request-approval': {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    sendEmail: 'ses:SendEmail',
  },
  notify: {
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    bucket: { read: ['reports/'] },
    sendEmail: 'ses:SendRawEmail',
  },
};

/** The IAM actions a recorded SDK call needs, for checking calls against ACCESS. */
export function actionsFor(service: 'dynamodb' | 's3' | 'ses', command: string, input: unknown): string[] {
  const name = command.replace(/Command$/, '');
  if (service === 'dynamodb') {
    if (name === 'TransactWriteItems' || name === 'TransactWrite') {
      const items = (input as { TransactItems: Record<string, unknown>[] }).TransactItems;
      const byKind: Record<string, string> = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
      };
      return items.flatMap((item) => Object.keys(item).map((k) => `dynamodb:${byKind[k] ?? k}`));
    }
    const docToItem: Record<string, string> = {
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem',
    };
    return [`dynamodb:${docToItem[name] ?? name}`];
  }
  if (service === 's3') {
    const s3: Record<string, string[]> = {
      ListObjectsV2: ['s3:ListBucket'],
      GetObject: ['s3:GetObject'],
      HeadObject: ['s3:GetObject'],
      PutObject: ['s3:PutObject'],
      DeleteObject: ['s3:DeleteObject'],
      CopyObject: ['s3:GetObject', 's3:PutObject'],
    };
    return s3[name] ?? [`s3:${name}`];
  }
  return [`ses:${name}`];
}
