import { ScanCommand, TransactWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../store/keys';

/** The layout this version writes: each kind of record a function writes in a partition of its own. */
export const LAYOUT_VERSION = 2;
const MARKER = { pk: 'LAYOUT', sk: 'VERSION' };

type Key = { pk: string; sk: string };

/**
 * Where a record written under the first layout lives now, or nothing if it has not moved. Before
 * version 2, responses shared their cycle's partition, spent tokens, links and link counts their
 * form's, and every signing key one TRUST partition; no grant could then tell them apart.
 */
export function movedKey({ pk, sk }: Key): Key | undefined {
  if (pk === 'TRUST' && sk.startsWith('KEY#')) return keys.signingKey(sk.slice('KEY#'.length));
  if (pk.startsWith('CYCLE#') && sk.startsWith(keys.responsesPrefix()))
    return { pk: keys.responsesPartition(pk.slice('CYCLE#'.length)), sk };
  if (pk.startsWith('FORM#')) {
    const formId = pk.slice('FORM#'.length);
    if (sk.startsWith('SPENT#')) return keys.spentToken(formId, sk.slice('SPENT#'.length));
    if (sk.startsWith('LINK#')) return keys.accessLink(formId, sk.slice('LINK#'.length));
    if (sk.startsWith('ASKED#')) return { pk: `ASKED#${formId}`, sk: sk.slice('ASKED#'.length) };
  }
  return undefined;
}

export interface Migrated {
  /** Records moved by this run. */
  moved: number;
  /** Whether the table was already on this layout (nothing read but its marker). */
  alreadyCurrent: boolean;
}

/**
 * Moves every record of the first layout to its partition in this one, each in one transaction
 * (the new item put if it is not there yet, the old deleted), so a run cut short loses nothing and
 * is finished by running it again. Then marks the table, so later runs read one item and stop.
 */
/** A move cancelled because its Put found the new item already there (the first item's condition). */
function newItemExists(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e.name === 'TransactionCanceledException' && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  );
}

export async function migrateLayout(
  db: DynamoDBDocumentClient,
  table: string,
  onProgress: (scanned: number, moved: number) => void = () => {},
): Promise<Migrated> {
  const marker = await db.send(new GetCommand({ TableName: table, Key: MARKER, ConsistentRead: true }));
  if ((marker.Item?.version as number | undefined) === LAYOUT_VERSION)
    return { moved: 0, alreadyCurrent: true };
  let moved = 0;
  let scanned = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      const to = movedKey(item as Key);
      if (!to) continue;
      const old = { pk: item.pk as string, sk: item.sk as string };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...item, ...to },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Delete: { TableName: table, Key: old } },
            ],
          }),
        );
      } catch (err) {
        // Cancelled for any reason but the new item being there already (a conflict, throttling):
        // nothing moved, and the old item must stay. Run the migration again.
        if (!newItemExists(err)) throw err;
        // Already moved by an earlier run: the old goes, and only while the new one still stands.
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: table,
                  Key: to,
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              { Delete: { TableName: table, Key: old } },
            ],
          }),
        );
      }
      moved += 1;
    }
    scanned += page.Items?.length ?? 0;
    onProgress(scanned, moved);
    start = page.LastEvaluatedKey;
  } while (start);
  await db.send(
    new PutCommand({ TableName: table, Item: { ...MARKER, type: 'layout', version: LAYOUT_VERSION } }),
  );
  return { moved, alreadyCurrent: false };
}
