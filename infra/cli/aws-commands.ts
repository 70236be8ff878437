import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EvidenceKindName } from '../../shared/domain/evidence';
import { objectKeys } from '../../shared/store/keys';
import type { TrustConfig } from '../../shared/schemas/config';
import { openFormForCycle, type OpenedForm } from '../../shared/feedback/open-form';
import { FormRepository } from '../../shared/store/forms';
import { CycleRepository } from '../../shared/store/cycles';
import type { Evaluation } from '../../shared/domain/evaluation';
import { Retention } from '../../shared/domain/retention';
import { cycleState } from '../../shared/cycle/steps';
import { resumeInput } from '../../shared/cycle/approval';
import { Pillar7Error } from '../../shared/errors';
import { NOT_RETRIED } from '../../shared/errors/retry-policy';

/** The deployed stack's names the CLI needs, read from its outputs: nothing is typed in by hand. */
export interface StackNames {
  stackName: string;
  formBaseUrl: string;
  bucket: string;
  table: string;
  stateMachineArn: string;
}

const OUTPUTS = {
  formBaseUrl: 'FormBaseUrl',
  bucket: 'BucketName',
  table: 'TableName',
  stateMachineArn: 'StateMachineArn',
} as const;

/** Something about the deployed stack that stops the command; its message says what to do. */
export class AwsTargetError extends Pillar7Error {
  static override readonly errorName = 'AwsTargetError';
  static override readonly kind = 'final';
}

export async function readStackNames(cfn: CloudFormationClient, stackName: string): Promise<StackNames> {
  let stack;
  try {
    stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (e) {
    const err = e as Error;
    if (err.name === 'ValidationError' && /does not exist/.test(err.message))
      throw new AwsTargetError(
        `stack ${stackName} is not deployed in this account and region; deploy it with npx cdk deploy, or choose it with --stage`,
      );
    if (/Region is missing/i.test(err.message))
      throw new AwsTargetError('no AWS region is set: set AWS_REGION, or AWS_PROFILE with a region');
    if (err.name === 'CredentialsProviderError' || /credential/i.test(err.message))
      throw new AwsTargetError(`no usable AWS credentials (${err.message}); sign in, or set AWS_PROFILE`);
    throw e;
  }
  if (!stack) throw new AwsTargetError(`stack ${stackName} was not found`);
  const outputs = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const missing = Object.values(OUTPUTS).filter((k) => !outputs.get(k));
  if (missing.length)
    throw new AwsTargetError(
      `stack ${stackName} has no ${missing.join(', ')} output (status ${stack.StackStatus}); deploy this version of pillar7 with npx cdk deploy`,
    );
  return {
    stackName,
    formBaseUrl: outputs.get(OUTPUTS.formBaseUrl)!,
    bucket: outputs.get(OUTPUTS.bucket)!,
    table: outputs.get(OUTPUTS.table)!,
    stateMachineArn: outputs.get(OUTPUTS.stateMachineArn)!,
  };
}

/**
 * `pillar7 import FILE --kind KIND --aws`: puts the file in the stack's inbox, where the next gather
 * (daily, and first in every cycle run) imports it. A file of the same name still waiting there is
 * never overwritten.
 */
export async function uploadToInbox(
  s3: S3Client,
  names: StackNames,
  file: string,
  kind: EvidenceKindName,
): Promise<{ key: string; bytes: number }> {
  const key = `${objectKeys.inboxPrefix(kind)}${basename(file)}`;
  const bytes = statSync(file).size;
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: names.bucket,
        Key: key,
        Body: createReadStream(file),
        ContentLength: bytes,
        ContentType: /\.json$/i.test(file) ? 'application/json' : 'text/csv',
        IfNoneMatch: '*',
      }),
    );
  } catch (e) {
    if (
      (e as Error).name === 'PreconditionFailed' ||
      (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412
    )
      throw new AwsTargetError(
        `s3://${names.bucket}/${key} is already waiting to be imported; rename the file, or wait for the next gather`,
      );
    throw e;
  }
  return { key, bytes };
}

/** `pillar7 form open CYCLE_ID --aws`: the same use case as the schedule, on the deployed table. */
export async function openFormInStack(
  db: DynamoDBDocumentClient,
  names: StackNames,
  config: TrustConfig,
  cycleId: string,
  closes: string | undefined,
): Promise<OpenedForm & { link: string }> {
  const opened = await openFormForCycle(cycleId, closes, {
    config,
    forms: new FormRepository(db, names.table, Retention.of(config)),
    now: () => new Date(),
  });
  return { ...opened, link: `${names.formBaseUrl}${opened.form.formId}` };
}

export interface CycleRunResult {
  executionArn: string;
  /** SUCCEEDED: the run finished; WAITING: its draft waits for a QA lead (manual approval). */
  status: 'SUCCEEDED' | 'WAITING';
  output: { sent?: boolean; messageId?: string; reason?: string };
  evaluation?: Evaluation;
  reportKey?: string;
}

/** Whether the state is the one where a run waits for a QA lead: the one that runs request-approval. */
const awaitsApproval = (state = '') => cycleState(state)?.step === 'request-approval';

/** How a state machine event reads to a person following the run; undefined for the ones not worth a line. */
function describeEvent(e: HistoryEvent): string | undefined {
  const reads = (state = '') => cycleState(state)?.reads ?? state;
  if (e.type === 'TaskStateEntered') return `${reads(e.stateEnteredEventDetails?.name)}: started`;
  if (e.type === 'TaskStateExited') return `${reads(e.stateExitedEventDetails?.name)}: done`;
  if (e.type === 'LambdaFunctionFailed' || e.type === 'LambdaFunctionTimedOut' || e.type === 'TaskFailed') {
    const error = e.lambdaFunctionFailedEventDetails?.error ?? e.taskFailedEventDetails?.error ?? e.type;
    // The definition retries everything but the errors trying again cannot help (NOT_RETRIED).
    const next = NOT_RETRIED.includes(error)
      ? 'not retried: it fails the same way every time'
      : 'the state machine retries with backoff';
    return `  attempt failed (${error}); ${next}`;
  }
  return undefined;
}

/**
 * `pillar7 cycle run CYCLE_ID --aws`: starts the deployed cycle state machine and follows it to the
 * end, printing each step as it starts and finishes. Throws, with the state machine's own error and
 * cause, if the run fails.
 */
export async function runCycleInStack(
  sfn: SFNClient,
  db: DynamoDBDocumentClient,
  names: StackNames,
  cycleId: string,
  force: boolean,
  progress: (line: string) => void,
  options: { pollMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => Date } = {},
): Promise<CycleRunResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const stamp = now()
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  const name = `${cycleId.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 50)}-cli-${stamp}`;
  const started = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: names.stateMachineArn,
      name,
      input: JSON.stringify({ cycleId, force }),
    }),
  );
  const executionArn = started.executionArn!;
  progress(`Started ${name}`);
  const seen = new Set<number>();
  let current = '';
  let waiting = false;
  for (;;) {
    let token: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, nextToken: token, maxResults: 100 }),
      );
      for (const e of page.events ?? []) {
        if (e.id === undefined || seen.has(e.id)) continue;
        seen.add(e.id);
        if (e.type === 'TaskStateEntered') current = e.stateEnteredEventDetails?.name ?? '';
        // The approval task has been handed its token: the run now waits for a QA lead.
        if (e.type === 'TaskSubmitted' && awaitsApproval(current)) waiting = true;
        if (e.type === 'TaskStateExited' && awaitsApproval(e.stateExitedEventDetails?.name)) waiting = false;
        const line = describeEvent(e);
        if (line) progress(line);
      }
      token = page.nextToken;
    } while (token);
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (waiting && execution.status === 'RUNNING') {
      const cycles = new CycleRepository(db, names.table);
      const [evaluation, run] = await Promise.all([cycles.getEvaluation(cycleId), cycles.getRun(cycleId)]);
      return { executionArn, status: 'WAITING', output: {}, evaluation, reportKey: run.reportKey };
    }
    if (execution.status === 'SUCCEEDED') {
      const cycles = new CycleRepository(db, names.table);
      const [evaluation, run] = await Promise.all([cycles.getEvaluation(cycleId), cycles.getRun(cycleId)]);
      return {
        executionArn,
        status: 'SUCCEEDED',
        output: JSON.parse(execution.output ?? '{}') as CycleRunResult['output'],
        evaluation,
        reportKey: run.reportKey,
      };
    }
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE')
      throw new AwsTargetError(
        `cycle ${cycleId} ${execution.status?.toLowerCase().replace('_', ' ')}: ${execution.error ?? 'no error given'}${execution.cause ? `: ${execution.cause}` : ''} (execution ${executionArn})`,
      );
    await sleep(options.pollMs ?? 3000);
  }
}

export const awsClients = {
  cloudFormation: () => new CloudFormationClient({}),
  stepFunctions: () => new SFNClient({}),
};

/**
 * `pillar7 cycle approve CYCLE_ID --aws`: records the approval in the deployed table, then hands the
 * waiting run its token back, so the state machine publishes the final report and e-mails the board.
 */
export async function resumeInStack(
  sfn: SFNClient,
  approved: { cycleId: string; resumeToken?: string; resend: boolean },
): Promise<boolean> {
  if (!approved.resumeToken) return false;
  await sfn.send(
    new SendTaskSuccessCommand({
      taskToken: approved.resumeToken,
      output: JSON.stringify(resumeInput(approved)),
    }),
  );
  return true;
}
