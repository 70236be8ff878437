// Proves `pillar7 ... --aws` acts on the deployed stack named by its outputs: uploads to the inbox, opens the form, runs and follows the cycle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import type { Evaluation } from '../../shared/domain/evaluation';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { runCycleInStack, type StackNames } from '../../infra/cli/aws-commands';
import { evaluationOf } from '../support/builders';
import { deployedStack, runCli as cli } from '../support/cli';
import { exampleConfig } from '../support/fixtures';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);
const ddb = mockClient(DynamoDBDocumentClient);

const OUTPUTS = {
  FormBaseUrl: 'https://abc123.execute-api.eu-west-2.amazonaws.com/f/',
  BucketName: 'pillar7-dev-filesbucket-1x2y3z',
  TableName: 'pillar7-dev-EvidenceTable-ABC',
  StateMachineArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:Cycle',
  AlarmTopicArn: 'arn:aws:sns:eu-west-2:123456789012:alarms',
};
const names: StackNames = {
  stackName: 'pillar7-dev',
  formBaseUrl: OUTPUTS.FormBaseUrl,
  bucket: OUTPUTS.BucketName,
  table: OUTPUTS.TableName,
  stateMachineArn: OUTPUTS.StateMachineArn,
};

let dir: string;
beforeEach(() => {
  cfn.reset();
  s3.reset();
  sfn.reset();
  ddb.reset();
  cfn.on(DescribeStacksCommand).resolves(deployedStack(OUTPUTS));
  dir = mkdtempSync(join(tmpdir(), 'pillar7-cli-aws-'));
});
afterEach(() => {
  cfn.reset();
});

const KPIS = 'objective_id,cycle_id,actual\nobj-attendance,2026-autumn,71\n';
describe('pillar7 import --aws', () => {
  beforeEach(() => {
    ddb.on(BatchGetCommand).resolves({ Responses: {} });
    s3.on(PutObjectCommand).resolves({});
  });

  it('checks the file against the deployed table without writing, then uploads it to the inbox folder of its kind', async () => {
    const file = join(dir, 'autumn reviews.csv');
    writeFileSync(
      file,
      readFileSync(fileURLToPath(new URL('../../events/imports/demo/peer-reviews.csv', import.meta.url))),
    );

    const r = await cli('import', file, '--kind', 'peer-reviews', '--aws', '--json');

    expect(r.code).toBe(0);
    expect(cfn.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({ StackName: 'pillar7-dev' });
    expect(ddb.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems).toHaveProperty(
      OUTPUTS.TableName,
    );
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      Bucket: OUTPUTS.BucketName,
      Key: 'inbox/peer-reviews/autumn reviews.csv',
      ContentType: 'text/csv',
      IfNoneMatch: '*',
    });
    expect(JSON.parse(r.out)).toEqual({
      imported: 10,
      unchanged: 0,
      rejected: [],
      uploaded: `s3://${OUTPUTS.BucketName}/inbox/peer-reviews/autumn reviews.csv`,
    });
  });

  it('checks a staff list with the deployed table’s staff key, read and never made', async () => {
    const file = join(dir, 'staff.csv');
    writeFileSync(file, 'email,division,role\njo@oak.example,oak-primary,delivery\n');
    ddb.on(GetCommand).resolves({});

    const r = await cli('import', file, '--kind', 'staff', '--aws', '--json');

    expect(r.code).toBe(0);
    const keyReads = ddb.commandCalls(GetCommand).map((c) => c.args[0].input);
    expect(keyReads).toEqual([
      expect.objectContaining({ TableName: OUTPUTS.TableName, Key: { pk: 'KEY#staff-email', sk: 'KEY' } }),
    ]);
    // No key made, nothing written: a check before upload; gather makes the key on import.
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Key).toBe('inbox/staff/staff.csv');
  });

  it('refuses a file that cannot be imported at all before uploading it, with exit 2', async () => {
    const file = join(dir, 'reviews.csv');
    writeFileSync(file, 'review_id,division\nPR-1,oak-primary\n');
    const r = await cli('import', file, '--kind', 'peer-reviews', '--aws');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/reviews\.csv was not imported: .*date/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('lists the rows the gather will reject, uploads the file for the good ones, and exits 2', async () => {
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, `${KPIS}obj-attendance,2031-spring,71\n`);
    const r = await cli('import', file, '--kind', 'kpis', '--aws');
    expect(r.code).toBe(2);
    expect(r.out).toContain('1 imported, 0 unchanged, 1 row rejected.');
    expect(r.out).toMatch(/row 3, cycle_id: .*2031-spring/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('does not upload a file none of whose rows can be imported', async () => {
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, 'objective_id,cycle_id,actual\nOBJ-NONE,2031-spring,x\n');
    const r = await cli('import', file, '--kind', 'kpis', '--aws');
    expect(r.code).toBe(2);
    expect(r.err).toContain('was not uploaded: none of its rows can be imported');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses to overwrite a file of the same name still waiting in the inbox', async () => {
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, KPIS);
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'PreconditionFailed',
        $fault: 'client',
        $metadata: { httpStatusCode: 412 },
        message: 'At least one of the pre-conditions you specified did not hold',
      }),
    );
    const r = await cli('import', file, '--kind', 'kpis', '--aws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('inbox/kpis/kpis.csv is already waiting to be imported');
  });

  it('reads the prod stack with --stage prod, and refuses a stage outside the list before any call', async () => {
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, KPIS);
    expect((await cli('import', file, '--kind', 'kpis', '--aws', '--stage', 'prod')).code).toBe(0);
    expect(cfn.commandCalls(DescribeStacksCommand)[0]!.args[0].input).toEqual({ StackName: 'pillar7-prod' });

    const bad = await cli('import', file, '--kind', 'kpis', '--aws', '--stage', 'staging');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--stage must be one of dev, prod, not "staging"');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('says the stack is not deployed when CloudFormation has no such stack', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'ValidationError',
        $fault: 'client',
        $metadata: {},
        message: 'Stack with id pillar7-dev does not exist',
      }),
    );
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, KPIS);
    const r = await cli('import', file, '--kind', 'kpis', '--aws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('stack pillar7-dev is not deployed in this account and region');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('names the missing output of a stack deployed by an older version', async () => {
    const { StateMachineArn: _gone, ...older } = OUTPUTS;
    cfn.on(DescribeStacksCommand).resolves(deployedStack(older));
    const file = join(dir, 'kpis.csv');
    writeFileSync(file, KPIS);
    const r = await cli('import', file, '--kind', 'kpis', '--aws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('has no StateMachineArn output');
  });

  it('checks the kind and the file before touching AWS', async () => {
    const r = await cli('import', join(dir, 'missing.csv'), '--kind', 'kpis', '--aws');
    expect(r.code).toBe(2);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });
});

describe('pillar7 form open --aws', () => {
  it('creates the cycle form in the stack table and prints its public link', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    // On a day inside the autumn cycle: a form is never opened for a cycle that has ended.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-20T09:00:00Z'));
    const r = await cli('form', 'open', '2026-autumn', '--aws').finally(() => vi.useRealTimers());
    expect(r.code).toBe(0);
    const tx = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input;
    expect(tx.TransactItems!.every((i) => i.Put?.TableName === OUTPUTS.TableName)).toBe(true);
    const formId = (tx.TransactItems![0]!.Put!.Item as { formId: string }).formId;
    expect(r.out).toContain(`link: ${OUTPUTS.FormBaseUrl}${formId}`);
    expect(r.out).toContain('Opened the form for 2026-autumn');
  });

  it('refuses a cycle not in the config, with exit 2 and no AWS call', async () => {
    const r = await cli('form', 'open', '2031-spring', '--aws');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cycle "2031-spring" is not in');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });
});

describe('pillar7 cycle run --aws', () => {
  // Judged for each test, not when the file loads: mutation testing then knows which tests cover the rubric.
  let evaluation: Evaluation;
  beforeEach(() => {
    evaluation = evaluationOf(exampleConfig());
  });
  /** The deployed table after the run: the cycle's evaluation, and its run with the report's key. */
  const storedRun = (reportKey: string) =>
    ddb
      .on(GetCommand)
      .callsFake((input: { Key: { sk: string } }) =>
        input.Key.sk === 'EVALUATION' ? { Item: { evaluation } } : { Item: { reportKey } },
      );
  const history = [
    { id: 1, type: 'ExecutionStarted' },
    { id: 2, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Gather' } },
    { id: 3, type: 'TaskStateExited', stateExitedEventDetails: { name: 'Gather' } },
    { id: 4, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Evaluate' } },
    {
      id: 5,
      type: 'LambdaFunctionFailed',
      lambdaFunctionFailedEventDetails: { error: 'ThrottlingException' },
    },
    { id: 6, type: 'TaskStateExited', stateExitedEventDetails: { name: 'Evaluate' } },
  ] as const;

  it('starts the state machine with the cycle, prints each step once as it goes, and reads the result', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec:1', startDate: new Date() });
    sfn
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({ events: history.slice(0, 3) as never })
      .resolves({ events: history as never });
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING' } as never)
      .resolves({ status: 'SUCCEEDED', output: JSON.stringify({ sent: true, messageId: 'm-1' }) } as never);
    storedRun('reports/2026-autumn/report.html');
    const lines: string[] = [];
    const sleeps: number[] = [];

    const result = await runCycleInStack(
      new SFNClient({}),
      DynamoDBDocumentClient.from(new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient({})),
      names,
      '2026-autumn',
      false,
      (l) => lines.push(l),
      { sleep: async (ms) => void sleeps.push(ms), now: () => new Date('2026-12-18T18:00:05Z') },
    );

    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: OUTPUTS.StateMachineArn,
      name: '2026-autumn-cli-20261218180005',
      input: JSON.stringify({ cycleId: '2026-autumn', force: false }),
    });
    expect(lines).toEqual([
      'Started 2026-autumn-cli-20261218180005',
      'gather: started',
      'gather: done',
      'evaluate: started',
      '  attempt failed (ThrottlingException); the state machine retries with backoff',
      'evaluate: done',
    ]);
    expect(sleeps).toEqual([3000]);
    expect(result.output).toEqual({ sent: true, messageId: 'm-1' });
    expect(result.evaluation?.cycleId).toBe('2026-autumn');
    expect(result.reportKey).toBe('reports/2026-autumn/report.html');
  });

  it('exits 0 through the CLI with the evaluation summary and the email outcome, passing --force', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec:2', startDate: new Date() });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: 'SUCCEEDED', output: JSON.stringify({ sent: true, messageId: 'm-2' }) } as never);
    storedRun('reports/x/report.html');
    const r = await cli('cycle', 'run', '2026-autumn', '--aws', '--force');
    expect(r.code).toBe(0);
    expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!)).toEqual({
      cycleId: '2026-autumn',
      force: true,
    });
    expect(r.out).toContain('Riverbend Learning Trust: cycle 2026-autumn');
    expect(r.out).toContain(`Report: s3://${OUTPUTS.BucketName}/reports/x/report.html`);
    expect(r.out).toContain('Email: sent to the board (m-2).');
  });

  it('exits 1 with the state machine error and cause when the run fails', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec:3', startDate: new Date() });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    sfn.on(DescribeExecutionCommand).resolves({
      status: 'FAILED',
      error: 'MessageRejected',
      cause: 'Email address is not verified',
    } as never);
    const r = await cli('cycle', 'run', '2026-autumn', '--aws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('cycle 2026-autumn failed: MessageRejected: Email address is not verified');
    expect(r.err).toContain('arn:exec:3');
  });

  it('says an attempt that failed with an error the definition never retries is not retried', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec:5', startDate: new Date() });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 1, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Gather' } },
        {
          id: 2,
          type: 'LambdaFunctionFailed',
          lambdaFunctionFailedEventDetails: { error: 'UnknownCycleError' },
        },
      ] as never,
    });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', error: 'UnknownCycleError' } as never);
    const r = await cli('cycle', 'run', '2026-autumn', '--aws');
    expect(r.code).toBe(1);
    expect(r.err).toContain('attempt failed (UnknownCycleError); not retried');
    expect(r.err).not.toContain('retries with backoff');
  });

  it('stops following once the draft waits for a QA lead, and says how to approve it', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec:4', startDate: new Date() });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 1, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'PublishDraft' } },
        { id: 2, type: 'TaskStateExited', stateExitedEventDetails: { name: 'PublishDraft' } },
        { id: 3, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'AwaitApproval' } },
        { id: 4, type: 'TaskSubmitted' },
      ] as never,
    });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' } as never);
    storedRun('reports/d/report.html');
    const r = await cli('cycle', 'run', '2026-autumn', '--aws');
    expect(r.code).toBe(0);
    expect(r.err).toContain('waiting for a QA lead: started');
    expect(r.out).toContain('Draft: waiting for a QA lead to approve it');
    expect(r.out).toContain('pillar7 cycle approve 2026-autumn --aws');
    expect(r.out).not.toContain('Email:');
  });

  it('approves in the deployed table and hands the waiting run its token back', async () => {
    const draftAt = '2026-12-19T06:05:00.000Z';
    ddb.on(GetCommand).callsFake((input: { Key: { sk: string } }) =>
      input.Key.sk === 'EVALUATION'
        ? {
            Item: {
              evaluation: { ...evaluation, practitioners: { ...evaluation.practitioners, comments: [] } },
            },
          }
        : { Item: { draftAt, approvalToken: 'task-token-1' } },
    );
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(UpdateCommand).resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    const r = await cli('cycle', 'approve', '2026-autumn', '--aws', '--commentary', 'Onwards.');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const update = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toContain('draftAt = :draft');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':draft': draftAt, ':c': 'Onwards.' });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'task-token-1',
      output: JSON.stringify({ cycleId: '2026-autumn', force: false }),
    });
    expect(r.out).toContain("The cycle's run now publishes the final report and e-mails the board");
  });

  it('has no --aws mode for start or seed', async () => {
    expect((await cli('start', '--aws')).code).toBe(2);
    expect((await cli('seed', '--responses', '5', '--aws')).err).toContain('seed runs on this machine only');
  });
});

describe('pillar7 --help', () => {
  it('lists every command of the spec, and --aws', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const usage of [
      'start [--once]',
      'cycle run CYCLE_ID [--force]',
      'import FILE --kind KIND [--json]',
      'config validate FILE',
      'seed --responses N',
      'form open CYCLE_ID [--closes DATE]',
      '--config FILE',
      '--aws',
    ])
      expect(r.out).toContain(usage);
  });
});
