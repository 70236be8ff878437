// Pins what a cancelled move does: only a move whose new item is already there deletes the old one.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { migrateLayout } from '../../shared/ops/migrate-layout';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
afterEach(() => ddb.reset());

const oldResponse = { pk: 'CYCLE#2026-autumn', sk: 'RESPONSE#r1', type: 'response', safety: 4 };
const cancelled = (code: string) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: code }, { Code: 'None' }],
  });

function tableWith(item: Record<string, unknown>) {
  ddb.on(GetCommand).resolves({});
  ddb.on(ScanCommand).resolves({ Items: [item] });
  ddb.on(PutCommand).resolves({});
}

describe('a layout move that is cancelled', () => {
  it('keeps the old item and fails when the cancellation is a conflict, not a new item already there', async () => {
    tableWith(oldResponse);
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(migrateLayout(db, 't')).rejects.toThrow(TransactionCanceledException);
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.args[0].input.TransactItems!.map((i) => Object.keys(i)[0])).toEqual(['Put', 'Delete']);
    // Not marked done: the next run tries again.
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('deletes the old item, on condition that the new one stands, when the new item is already there', async () => {
    tableWith(oldResponse);
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed')).resolves({});
    const result = await migrateLayout(db, 't');
    expect(result).toEqual({ moved: 1, alreadyCurrent: false });
    const second = ddb.commandCalls(TransactWriteCommand)[1]!.args[0].input.TransactItems!;
    expect(second[0]!.ConditionCheck).toMatchObject({
      ConditionExpression: 'attribute_exists(pk)',
      Key: { pk: 'RESPONSES#2026-autumn', sk: 'RESPONSE#r1' },
    });
    expect(second[1]!.Delete!.Key).toEqual({ pk: 'CYCLE#2026-autumn', sk: 'RESPONSE#r1' });
  });
});
