import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../store/table-definition';
import { keys } from '../store/keys';
import { RestoreRefusedError } from '../errors';

/**
 * Copying lost items back from a table restored to a point in time (a new table, made by DynamoDB's
 * point-in-time recovery) into the live table. The items travel as DynamoDB stored them (attribute
 * values, not JavaScript values), so what comes back is exactly what was lost.
 */
export interface ItemRestore {
  db: DynamoDBClient;
  /** The table the point-in-time restore made: only read. */
  fromTable: string;
  /** The table the stack uses, which gets the item back. */
  liveTable: string;
  now: () => Date;
}

type Item = Record<string, AttributeValue>;

const { partitionKey, sortKey, timeToLiveAttribute } = TABLE_DEFINITION;
const NAMES = { '#pk': partitionKey.name, '#sk': sortKey.name };

const keyOf = (pk: string, sk: string): Item => ({
  [partitionKey.name]: { S: pk },
  [sortKey.name]: { S: sk },
});
const described = (pk: string, sk: string) => `${partitionKey.name}=${pk} ${sortKey.name}=${sk}`;
const dayOf = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/** When the item's retention ends (its TTL), if it has one. */
const expiresAt = (item: Item): number | undefined => {
  const n = item[timeToLiveAttribute]?.N;
  return n === undefined ? undefined : Number(n);
};

function refuseLiveAsSource(t: ItemRestore): void {
  if (t.fromTable === t.liveTable)
    throw new RestoreRefusedError(
      `--from-table names the live table ${t.liveTable}; name the new table the point-in-time restore made`,
    );
}

/** A read of the restored table, with a missing table said plainly (a restore takes a while to finish). */
async function fromRestored<T>(t: ItemRestore, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException')
      throw new RestoreRefusedError(
        `there is no table ${t.fromTable} here; check its name, and wait for the restore to finish: aws dynamodb wait table-exists --table-name ${t.fromTable}`,
      );
    throw e;
  }
}

/** Every item of one partition (optionally only sort keys beginning with `prefix`), with the attributes asked for. */
async function partitionOf(
  db: DynamoDBClient,
  table: string,
  pk: string,
  attributes: string[],
  prefix?: string,
): Promise<Item[]> {
  const items: Item[] = [];
  const names: Record<string, string> = { ...NAMES };
  attributes.forEach((a, i) => (names[`#a${i}`] = a));
  let start: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': { S: pk }, ...(prefix ? { ':prefix': { S: prefix } } : {}) },
        ProjectionExpression: ['#sk', ...attributes.map((_, i) => `#a${i}`)].join(', '),
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * A cycle's items from a table restored to before one of its comment erasures could bring the
 * erased comment back (in a response, the evaluation or a moderation decision): refused. The
 * erasure records say when: the live table has one the restored table lacks.
 */
async function refuseBeforeErasure(itemPk: string, t: ItemRestore): Promise<void> {
  // A response's erasures are recorded in its cycle's partition.
  const pk = itemPk.startsWith(keys.responsesPartition(''))
    ? keys.cyclePartition(itemPk.slice(keys.responsesPartition('').length))
    : itemPk;
  if (!pk.startsWith(keys.cyclePartition(''))) return;
  const [live, restored] = await Promise.all([
    partitionOf(t.db, t.liveTable, pk, ['at'], keys.erasurePrefix()),
    fromRestored(t, () => partitionOf(t.db, t.fromTable, pk, ['at'], keys.erasurePrefix())),
  ]);
  const before = new Set(restored.map((i) => i[sortKey.name]?.S));
  const since = live.filter((i) => !before.has(i[sortKey.name]?.S)).map((i) => i.at?.S ?? '');
  if (since.length)
    throw new RestoreRefusedError(
      `${t.fromTable} was restored to a time before ${since.length} comment erasure(s) in ${pk} (the last at ${since.sort().at(-1)}): an item of that cycle from it could bring an erased comment back. Restore the table to a time after the erasure and copy from that one`,
    );
}

/**
 * Copies one item from the restored table into the live table, only while the live table has no
 * item with that key: it never overwrites. Refuses an item whose retention has ended (TTL deleted
 * it on purpose) and, in a cycle, an item from before an erasure.
 */
export async function restoreItem(pk: string, sk: string, t: ItemRestore): Promise<{ attributes: number }> {
  refuseLiveAsSource(t);
  const { Item: item } = await fromRestored(t, () =>
    t.db.send(new GetItemCommand({ TableName: t.fromTable, Key: keyOf(pk, sk), ConsistentRead: true })),
  );
  if (!item)
    throw new RestoreRefusedError(
      `${t.fromTable} has no item ${described(pk, sk)}. Check the key (pillar7 restore item --from-table ${t.fromTable} --pk ${pk} lists what the live table lacks in that partition), and that the table was restored to a time before the item was lost`,
    );
  const expires = expiresAt(item);
  if (expires !== undefined && expires * 1000 <= t.now().getTime())
    throw new RestoreRefusedError(
      `item ${described(pk, sk)} reached the end of its retention on ${dayOf(expires)} (its ${timeToLiveAttribute}); the table's TTL deletes such items, so it is not brought back`,
    );
  await refuseBeforeErasure(pk, t);
  try {
    await t.db.send(
      new PutItemCommand({
        TableName: t.liveTable,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': partitionKey.name },
      }),
    );
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException')
      throw new RestoreRefusedError(
        `the live table ${t.liveTable} already has an item ${described(pk, sk)}; nothing was overwritten`,
      );
    throw e;
  }
  return { attributes: Object.keys(item).length };
}

export interface MissingItem {
  sk: string;
  /** The day its retention ended, for an item that is missing because TTL deleted it. */
  expiredOn?: string;
}

/** The items of partition `pk` that the restored table has and the live table lacks: reads only. */
export async function missingItems(pk: string, t: ItemRestore): Promise<MissingItem[]> {
  refuseLiveAsSource(t);
  const [restored, live] = await Promise.all([
    fromRestored(t, () => partitionOf(t.db, t.fromTable, pk, [timeToLiveAttribute])),
    partitionOf(t.db, t.liveTable, pk, []),
  ]);
  const present = new Set(live.map((i) => i[sortKey.name]?.S));
  const now = t.now().getTime();
  return restored
    .filter((i) => !present.has(i[sortKey.name]?.S))
    .map((i) => {
      const expires = expiresAt(i);
      return {
        sk: i[sortKey.name]?.S ?? '',
        ...(expires !== undefined && expires * 1000 <= now ? { expiredOn: dayOf(expires) } : {}),
      };
    });
}
