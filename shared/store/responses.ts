import { UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredResponse } from '../schemas/response';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { expiry, keys } from './keys';
import { putIfAbsent } from './conditional-write';
import type { Retention } from '../domain/retention';

/**
 * Long comments are stored deflated: a write costs one unit per KB, and a full 2,000-character
 * comment in plain text would take the write of one response to three units. Short ones stay text.
 */
const DEFLATE_FROM_BYTES = 512;

function toItem(response: StoredResponse, expiresAt?: number): Record<string, unknown> {
  const { comment, ...rest } = response;
  const item: Record<string, unknown> = {
    ...keys.response(response.cycleId, response.responseId),
    type: 'response',
    ...rest,
    ...expiry(expiresAt),
  };
  if (comment === undefined) return item;
  const bytes = Buffer.byteLength(comment);
  const deflated = bytes >= DEFLATE_FROM_BYTES ? deflateRawSync(comment, { level: 9 }) : undefined;
  if (deflated && deflated.length < bytes) item.commentDeflated = deflated;
  else item.comment = comment;
  return item;
}

export function fromItem(item: Record<string, unknown>): StoredResponse {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expires, commentDeflated, ...response } = item;
  if (commentDeflated instanceof Uint8Array)
    response.comment = inflateRawSync(commentDeflated).toString('utf8');
  return response as unknown as StoredResponse;
}

export class ResponseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** When what this writes is deleted (the trust's retention); without it, nothing expires. */
    private readonly retention?: Retention,
  ) {}

  /**
   * One conditional write: a response is never overwritten, and nothing else is written with it.
   * Its id is random, so the condition can only fail when the SDK retried a write whose reply was
   * lost after it succeeded: the response is stored, and that is success, not an error (which would
   * release the token for a second copy).
   */
  async add(response: StoredResponse): Promise<void> {
    await putIfAbsent(this.db, this.table, toItem(response, this.retention?.responses(response.cycleId)));
  }

  /**
   * Erases a response's comment (a data-protection erasure): the text goes, the answers stay, and
   * the response still counts as one with a comment, so no figure published for the cycle changes.
   */
  async eraseComment(cycleId: string, responseId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.response(cycleId, responseId),
        UpdateExpression: 'SET commentErased = :erased REMOVE #comment, commentDeflated',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#comment': 'comment' },
        ExpressionAttributeValues: { ':erased': true },
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
        ExpressionAttributeValues: {
          ':pk': keys.responsesPartition(cycleId),
          ':prefix': keys.responsesPrefix(),
        },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) yield fromItem(item);
    }
  }
}
