// Proves the board email is sent at most once per cycle and that a failed send can be retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { simpleParser } from 'mailparser';
import { notifyBoard } from '../../shared/cycle/notify';
import { CycleRepository } from '../../shared/store/cycles';
import { evaluate } from '../../shared/domain/rubric';
import { aggregate, emptyEvidence } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const sesMock = mockClient(SESClient);
const config = exampleConfig();
const evaluation = evaluate({
  config,
  configHash: 'h',
  cycle: config.cycles[2]!,
  evidence: emptyEvidence(),
  responses: aggregate([]),
  now: new Date('2026-12-19T00:00:00Z'),
});
const deps = () => ({
  config,
  s3: new S3Client({}),
  ses: new SESClient({}),
  bucket: 'reports-bucket',
  cycles: new CycleRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'table'),
  now: () => new Date('2026-12-19T06:00:00Z'),
});

beforeEach(() => {
  s3Mock
    .on(GetObjectCommand)
    .resolves({ Body: { transformToString: async () => '<html>report</html>' } as never });
  ddbMock.on(UpdateCommand).resolves({});
  sesMock.on(SendRawEmailCommand).resolves({ MessageId: 'msg-1' });
});
afterEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  sesMock.reset();
});

describe('notifyBoard', () => {
  it('claims the cycle, sends one raw email with the configuration set, and records the message id', async () => {
    const outcome = await notifyBoard(evaluation, 'reports/2026-autumn/report.html', false, deps());

    expect(outcome).toEqual({ sent: true, messageId: 'msg-1' });
    const claim = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(claim.ConditionExpression).toBe('attribute_not_exists(emailClaimedAt)');
    const send = sesMock.commandCalls(SendRawEmailCommand);
    expect(send).toHaveLength(1);
    expect(send[0]!.args[0].input.ConfigurationSetName).toBe('pillar7-board-mail');
    const mail = await simpleParser(Buffer.from(send[0]!.args[0].input.RawMessage!.Data!));
    expect(mail.subject).toBe('Riverbend Learning Trust: improvement model assurance 2026-autumn: Concern');
    expect(mail.to).toMatchObject({ text: 'board@riverbend-trust.example, chair@riverbend-trust.example' });
    expect(mail.text).toContain('QA3 Not enough evidence');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['board-report-2026-autumn.html']);
    const recorded = ddbMock.commandCalls(UpdateCommand)[1]!.args[0].input;
    expect(recorded.ExpressionAttributeValues).toMatchObject({ ':v0': 'msg-1' });
  });

  it('sends nothing when the cycle is already claimed', async () => {
    ddbMock
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    const outcome = await notifyBoard(evaluation, 'k', false, deps());
    expect(outcome.sent).toBe(false);
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('gives the claim back when SES fails, so a re-run sends the one email still owed', async () => {
    sesMock.on(SendRawEmailCommand).rejects(new Error('Throttling'));
    await expect(notifyBoard(evaluation, 'k', false, deps())).rejects.toThrow('Throttling');
    const release = ddbMock.commandCalls(UpdateCommand).at(-1)!.args[0].input;
    expect(release.UpdateExpression).toBe('REMOVE emailClaimedAt');
    expect(release.ConditionExpression).toBe('attribute_not_exists(emailSentAt)');
  });
});
