import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Whether DynamoDB refused a write because its condition did not hold: nothing was written. */
export const conditionFailed = (err: unknown): boolean =>
  (err as Error).name === 'ConditionalCheckFailedException';

/** Makes one conditional write: true when it was written, false when its condition did not hold. */
export async function writtenIf(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (conditionFailed(err)) return false;
    throw err;
  }
}

/** Writes the item unless the table holds one under its key already: false then, and nothing changed. */
export const putIfAbsent = (
  db: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown>,
): Promise<boolean> =>
  writtenIf(() =>
    db.send(
      new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    ),
  );
