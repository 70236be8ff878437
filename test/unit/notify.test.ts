// Proves the board email is sent at most once per cycle, carries the PDF or a 7-day link, and that a failed send can be retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { simpleParser } from 'mailparser';
import { notifyBoard, MAX_ATTACHMENT_BYTES } from '../../shared/cycle/notify';
import { reportLinkSigner } from '../../shared/aws/report-link-signer';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CycleRepository } from '../../shared/store/cycles';
import { evaluationOf } from '../support/builders';
import type { Evaluation } from '../../shared/domain/evaluation';
import { exampleConfig } from '../support/fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const sesMock = mockClient(SESClient);
const config = exampleConfig();
// Judged for each test, not when the file loads: mutation testing then knows which tests cover the rubric.
let evaluation: Evaluation;
beforeEach(() => {
  evaluation = evaluationOf(config);
});
const PDF = Buffer.from('%PDF-1.7 board pack');
const run = (pdfBytes = PDF.length) => ({
  cycleId: '2026-autumn',
  pdfKey: 'reports/2026-autumn/report.pdf',
  pdfBytes,
});
const deps = (cfg = config) => ({
  config: cfg,
  s3: new S3Client({
    region: 'eu-west-2',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  }),
  ses: new SESClient({}),
  bucket: 'reports-bucket',
  cycles: new CycleRepository(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'table'),
  now: () => new Date('2026-12-19T06:00:00Z'),
});
const sentMail = async () =>
  simpleParser(Buffer.from(sesMock.commandCalls(SendRawEmailCommand)[0]!.args[0].input.RawMessage!.Data!));

beforeEach(() => {
  s3Mock
    .on(GetObjectCommand)
    .resolves({ Body: { transformToByteArray: async () => new Uint8Array(PDF) } as never });
  ddbMock.on(UpdateCommand).resolves({});
  sesMock.on(SendRawEmailCommand).resolves({ MessageId: 'msg-1' });
});
afterEach(() => {
  ddbMock.reset();
  s3Mock.reset();
  sesMock.reset();
});

describe('notifyBoard', () => {
  it('claims the cycle, sends one raw email with the PDF attached and the configuration set, and records the message id', async () => {
    const outcome = await notifyBoard(evaluation, run(), false, deps());

    expect(outcome).toEqual({ sent: true, messageId: 'msg-1', delivery: 'attached' });
    const claim = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(claim.ConditionExpression).toBe(
      'attribute_not_exists(emailClaimedAt) OR (attribute_not_exists(emailSentAt) AND emailClaimedAt < :stale)',
    );
    expect(claim.ExpressionAttributeValues).toMatchObject({ ':stale': '2026-12-19T05:40:00.000Z' });
    const send = sesMock.commandCalls(SendRawEmailCommand);
    expect(send).toHaveLength(1);
    expect(send[0]!.args[0].input.ConfigurationSetName).toBe('pillar7-board-mail');
    const mail = await sentMail();
    expect(mail.subject).toBe(
      'Riverbend Learning Trust: the improvement model is judged Concern for 2026-autumn',
    );
    expect(mail.to).toMatchObject({ text: 'board@riverbend-trust.example, chair@riverbend-trust.example' });
    expect(mail.text).toMatch(/QA3 [^\n]*: Not enough evidence/);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['board-report-2026-autumn.pdf', 'application/pdf', PDF.toString()],
    ]);
    expect(ddbMock.commandCalls(UpdateCommand)[1]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':v0': 'msg-1',
    });
  });

  it('links to the PDF, signed for 7 days, when it is too large to attach', async () => {
    const outcome = await notifyBoard(evaluation, run(MAX_ATTACHMENT_BYTES), false, deps());

    expect(outcome).toMatchObject({ sent: true, delivery: 'link' });
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    const mail = await sentMail();
    expect(mail.attachments).toEqual([]);
    const url = new URL(/https:\/\/\S+/.exec(mail.text!)![0]);
    expect(url.pathname).toBe('/reports/2026-autumn/report.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('604800');
    expect(mail.text).toContain('can be downloaded until 2026-12-26');
  });

  it('links rather than attaches when the trust asks for links', async () => {
    const outcome = await notifyBoard(
      evaluation,
      run(),
      false,
      deps({ ...config, email: { ...config.email, delivery: 'link' } }),
    );
    expect(outcome).toMatchObject({ delivery: 'link' });
  });

  it('signs the link with the long-lived link key from Secrets Manager, not the session credentials, so it lasts 7 days', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ accessKeyId: 'AKIALINKSIGNER0001', secretAccessKey: 'x'.repeat(40) }),
    });
    const session = new S3Client({
      region: 'eu-west-2',
      credentials: {
        accessKeyId: 'ASIASESSION000001',
        secretAccessKey: 'y'.repeat(40),
        sessionToken: 'token',
      },
    });
    const signer = reportLinkSigner(
      'arn:aws:secretsmanager:eu-west-2:1:secret:link',
      () => new SecretsManagerClient({}),
    );
    try {
      await notifyBoard(evaluation, run(MAX_ATTACHMENT_BYTES), false, {
        ...deps(),
        s3: session,
        linkSigner: signer,
      });
      await notifyBoard(evaluation, run(MAX_ATTACHMENT_BYTES), true, {
        ...deps(),
        s3: session,
        linkSigner: signer,
      });

      const url = new URL(/https:\/\/\S+/.exec((await sentMail()).text!)![0]);
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIALINKSIGNER0001\//);
      expect(url.searchParams.get('X-Amz-Security-Token')).toBeNull();
      expect(url.searchParams.get('X-Amz-Expires')).toBe('604800');
      // Read once per container, not once per email.
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    } finally {
      secrets.restore();
    }
  });

  it('fails loudly and gives the claim back when the link secret is unusable, so a fixed re-run still sends', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{"accessKeyId":""}' });
    const signer = reportLinkSigner(
      'arn:aws:secretsmanager:eu-west-2:1:secret:link',
      () => new SecretsManagerClient({}),
    );
    try {
      await expect(
        notifyBoard(evaluation, run(MAX_ATTACHMENT_BYTES), false, { ...deps(), linkSigner: signer }),
      ).rejects.toThrow('does not hold {"accessKeyId", "secretAccessKey"}');
      expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
      const release = ddbMock.commandCalls(UpdateCommand).at(-1)!.args[0].input;
      expect(release.UpdateExpression).toMatch(/REMOVE emailClaimedAt/);
    } finally {
      secrets.restore();
    }
  });

  it('sends nothing when the cycle is already claimed', async () => {
    ddbMock
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    const outcome = await notifyBoard(evaluation, run(), false, deps());
    expect(outcome.sent).toBe(false);
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('gives the claim back when SES fails, so a re-run sends the one email still owed', async () => {
    sesMock.on(SendRawEmailCommand).rejects(new Error('Throttling'));
    await expect(notifyBoard(evaluation, run(), false, deps())).rejects.toThrow('Throttling');
    const release = ddbMock.commandCalls(UpdateCommand).at(-1)!.args[0].input;
    expect(release.UpdateExpression).toBe('REMOVE emailClaimedAt');
    expect(release.ConditionExpression).toBe('attribute_not_exists(emailSentAt)');
  });

  it('keeps the claim when SES accepted the email but recording it failed, so nothing is sent twice', async () => {
    ddbMock.on(UpdateCommand).resolvesOnce({}).rejects(new Error('DynamoDB unavailable'));
    const outcome = await notifyBoard(evaluation, run(), false, deps());
    expect(outcome).toMatchObject({ sent: true, messageId: 'msg-1' });
    expect(ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input.UpdateExpression)).not.toContain(
      'REMOVE emailClaimedAt',
    );
  });
});
