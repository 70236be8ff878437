import { paginateQuery, paginateScan, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/aws/dynamodb';
import { LOCAL_NAMES } from '../../infra/local/environment';

/** An item as the document client reads it. */
type Item = NonNullable<QueryCommandOutput['Items']>[number];

/** Every item of one partition of the emulator's table, as stored, page by page. */
export async function partitionItems(pk: string, table: string = LOCAL_NAMES.table): Promise<Item[]> {
  const items: Item[] = [];
  const pages = paginateQuery(
    { client: documentClient() },
    { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/** The responses stored for a cycle, as stored (their partition holds other records of it too). */
export const responseItems = async (cycleId: string, table?: string): Promise<Item[]> =>
  (await partitionItems(`RESPONSES#${cycleId}`, table)).filter((i) => i.type === 'response');

/** Every item of a table, page by page: what a test looks through for what was left behind. */
export async function tableItems(table: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan({ client: documentClient() }, { TableName: table }))
    items.push(...(page.Items ?? []));
  return items;
}
