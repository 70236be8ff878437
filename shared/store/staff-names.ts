import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffNameHash } from '../domain/staff';
import { keys } from './keys';
import type { SigningKeyRepository } from './signing-keys';

/**
 * The staff list's names, as screening asks for them: a test of one phrase of a comment against the
 * keyed hashes the staff import stored (the names themselves are never kept). Undefined when the
 * staff list has no names. Reads only the hashes, so the console's bundle stays small.
 */
export async function staffNameTest(
  db: DynamoDBDocumentClient,
  table: string,
  staffKey: Pick<SigningKeyRepository, 'get'>,
): Promise<((candidate: string) => boolean) | undefined> {
  const hashes = new Set<string>();
  const pages = paginateQuery(
    { client: db },
    {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.evidencePartition('staff') },
      ProjectionExpression: '#r.#n',
      ExpressionAttributeNames: { '#r': 'record', '#n': 'nameHashes' },
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? [])
      for (const h of (item.record as { nameHashes?: string[] } | undefined)?.nameHashes ?? []) hashes.add(h);
  if (!hashes.size) return undefined;
  const key = await staffKey.get();
  return (candidate) => hashes.has(staffNameHash(key, candidate));
}
