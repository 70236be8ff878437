// Proves `pillar7 restore item|report` refuses, with exit 2, a message that says why and nothing written: an item the live table has, one the restored table lacks, one past its retention or from before an erasure, and an unknown or unpublished cycle.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { deployedStack, runCli } from '../support/cli';

const cfn = mockClient(CloudFormationClient);
const ddb = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

const LIVE = 'pillar7-dev-EvidenceTable-ABC';
const RESTORED = 'pillar7-restored-2026-11-26';
const BUCKET = 'pillar7-dev-filesbucket-1x2y3z';
const PK = 'RESPONSES#2026-autumn';
const SK = 'RESPONSE#0b6f4c1e';
// Kept until 2031 under the trust's retention.
const item = (expiresAt = Date.parse('2031-01-01T00:00:00Z') / 1000) => ({
  pk: { S: PK },
  sk: { S: SK },
  type: { S: 'response' },
  answers: { M: { safety: { N: '4' }, influence: { N: '5' } } },
  expiresAt: { N: String(expiresAt) },
});

/** Every command here acts on the deployed stack. */
const cli = (...argv: string[]) => runCli(...argv, '--aws');
const restoreItem = (...more: string[]) =>
  cli('restore', 'item', '--from-table', RESTORED, '--pk', PK, ...more);

beforeEach(() => {
  cfn.on(DescribeStacksCommand).resolves(
    deployedStack({
      FormBaseUrl: 'https://abc123.execute-api.eu-west-2.amazonaws.com/f/',
      BucketName: BUCKET,
      TableName: LIVE,
      StateMachineArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:Cycle',
    }),
  );
  // No comment of the cycle was erased, in either table.
  ddb.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => {
  cfn.reset();
  ddb.reset();
  s3.reset();
});

describe('pillar7 restore item --aws', () => {
  it('copies the item, as stored, from the restored table into the live table named by the stack, only if absent', async () => {
    ddb.on(GetItemCommand).resolves({ Item: item() });
    ddb.on(PutItemCommand).resolves({});

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(0);
    expect(ddb.commandCalls(GetItemCommand)[0]!.args[0].input).toEqual({
      TableName: RESTORED,
      Key: { pk: { S: PK }, sk: { S: SK } },
      ConsistentRead: true,
    });
    expect(ddb.commandCalls(PutItemCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: LIVE,
        Item: item(),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'pk' },
      },
    ]);
    expect(r.out).toBe(
      `Restored pk=${PK} sk=${SK} (5 attributes, exactly as stored) from ${RESTORED} into ${LIVE}.`,
    );
  });

  it('refuses an item the live table already has, overwriting nothing', async () => {
    ddb.on(GetItemCommand).resolves({ Item: item() });
    ddb
      .on(PutItemCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `pillar7: the live table ${LIVE} already has an item pk=${PK} sk=${SK}; nothing was overwritten`,
    );
  });

  it('refuses an item the restored table does not have, and says how to find the right key', async () => {
    ddb.on(GetItemCommand).resolves({});

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(2);
    expect(r.err).toContain(`pillar7: ${RESTORED} has no item pk=${PK} sk=${SK}. Check the key`);
    expect(r.err).toContain(
      `pillar7 restore item --from-table ${RESTORED} --pk ${PK} lists what the live table lacks`,
    );
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('refuses a restored table that does not exist (yet), saying how to wait for it', async () => {
    ddb
      .on(GetItemCommand)
      .rejects(new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} }));

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(2);
    expect(r.err).toContain(`aws dynamodb wait table-exists --table-name ${RESTORED}`);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('refuses an item past its retention: the TTL deleted it on purpose', async () => {
    ddb.on(GetItemCommand).resolves({ Item: item(Date.parse('2026-01-31T00:00:00Z') / 1000) });

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(2);
    expect(r.err).toContain('reached the end of its retention on 2026-01-31');
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it("refuses a cycle's item from a table restored to before one of the cycle's comment erasures", async () => {
    ddb.on(GetItemCommand).resolves({ Item: item() });
    ddb
      .on(QueryCommand, { TableName: LIVE })
      .resolves({ Items: [{ sk: { S: 'ERASURE#c1' }, at: { S: '2026-11-20T09:00:00.000Z' } }] });

    const r = await restoreItem('--sk', SK);

    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${RESTORED} was restored to a time before 1 comment erasure(s) in CYCLE#2026-autumn (the last at 2026-11-20T09:00:00.000Z)`,
    );
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
    // A response's erasures are looked for in its cycle's partition, where they are recorded.
    expect(
      ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk']?.S),
    ).toContain('CYCLE#2026-autumn');
  });

  it('without --sk, lists what the partition lost (saying which are past retention) and writes nothing', async () => {
    const expired = Date.parse('2026-01-31T00:00:00Z') / 1000;
    ddb.on(QueryCommand, { TableName: RESTORED }).resolves({
      Items: [
        { sk: { S: 'RESPONSE#a' } },
        { sk: { S: 'RESPONSE#b' } },
        { sk: { S: 'RESPONSE#c' }, expiresAt: { N: String(expired) } },
      ],
    });
    ddb.on(QueryCommand, { TableName: LIVE }).resolves({ Items: [{ sk: { S: 'RESPONSE#a' } }] });

    const r = await restoreItem();

    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `2 item(s) of pk=${PK} are in ${RESTORED} but not in ${LIVE}:`,
      '  sk=RESPONSE#b',
      '  sk=RESPONSE#c  (its retention ended on 2026-01-31: not restorable)',
      `Copy one back with: pillar7 restore item --from-table ${RESTORED} --pk '${PK}' --sk 'SK'`,
    ]);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('refuses the live table as its own source, and bad usage before reaching AWS', async () => {
    expect((await cli('restore', 'item', '--from-table', LIVE, '--pk', PK, '--sk', SK)).code).toBe(2);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(0);

    cfn.resetHistory();
    const noKey = await cli('restore', 'item', '--from-table', RESTORED);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('restore item needs --from-table TABLE');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });
});

describe('pillar7 restore report --aws', () => {
  it('refuses a cycle the trust config does not know, before reaching AWS', async () => {
    const r = await cli('restore', 'report', '2031-spring');

    expect(r.code).toBe(2);
    expect(r.err).toContain('cycle "2031-spring" is not in');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('refuses a cycle with no published manifest: there is nothing to check a re-render against', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );

    const r = await cli('restore', 'report', '2026-autumn');

    expect(r.code).toBe(2);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'reports/2026-autumn/manifest.json',
    });
    expect(r.err).toContain(
      `pillar7: there is no s3://${BUCKET}/reports/2026-autumn/manifest.json: cycle 2026-autumn has no published report`,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
