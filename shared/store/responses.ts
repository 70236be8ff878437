import { PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredResponse } from '../schemas/response';
import { keys } from './keys';

export class ResponseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** One conditional write: a response is never overwritten, and nothing else is written with it. */
  async add(response: StoredResponse): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.response(response.cycleId, response.responseId), type: 'response', ...response },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** The cycle's responses, a Query page at a time, so a consumer's memory does not grow with them. */
  async *streamForCycle(cycleId: string): AsyncGenerator<StoredResponse> {
    const pages = paginateQuery(
      { client: this.db, pageSize: 1000 },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.cyclePartition(cycleId), ':prefix': keys.responsesPrefix() },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, type: _type, ...response } = item;
        yield response as StoredResponse;
      }
    }
  }
}
