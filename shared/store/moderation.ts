import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommentErasure, ModerationDecision } from '../domain/moderation';
import { expiry, keys } from './keys';
import { putIfAbsent } from './conditional-write';
import type { Retention } from '../domain/retention';

/** The QA lead's decisions on a cycle's comments, and the comments erased, each with who and when. */
export class ModerationRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** When what this writes is deleted (the trust's retention); without it, nothing expires. */
    private readonly retention?: Retention,
  ) {}

  async decide(cycleId: string, decision: ModerationDecision): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.moderation(cycleId, decision.commentId),
          type: 'moderation',
          ...decision,
          ...expiry(this.retention?.responses(cycleId)),
        },
      }),
    );
  }

  async decisions(cycleId: string): Promise<Map<string, ModerationDecision>> {
    const found = new Map<string, ModerationDecision>();
    for await (const item of this.cycleItems(cycleId, keys.moderationPrefix())) {
      const { commentId, action, span, by, at } = item as unknown as ModerationDecision;
      found.set(commentId, { commentId, action, ...(span ? { span } : {}), by, at });
    }
    return found;
  }

  /** The cycle's items whose sort key begins with `prefix`, page by page, read consistently. */
  private async *cycleItems(cycleId: string, prefix: string): AsyncGenerator<Record<string, unknown>> {
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.cyclePartition(cycleId), ':prefix': prefix },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) yield* page.Items ?? [];
  }

  /** Removes the decision on one comment (its `span` may quote the comment): part of an erasure. */
  async forget(cycleId: string, commentId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: keys.moderation(cycleId, commentId) }),
    );
  }

  /** Records that an erasure began; false when the comment already has one (nothing is written). */
  recordErasure(cycleId: string, erasure: CommentErasure): Promise<boolean> {
    return putIfAbsent(this.db, this.table, {
      ...keys.erasure(cycleId, erasure.commentId),
      type: 'erasure',
      ...erasure,
      ...expiry(this.retention?.erasures(cycleId)),
    });
  }

  /** Marks an erasure finished: every copy is gone and the report files were written again. */
  async finishErasure(
    cycleId: string,
    commentId: string,
    done: { finishedAt: string; earlierVersionsRemoved: number },
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.erasure(cycleId, commentId),
        UpdateExpression: 'SET finishedAt = :at, earlierVersionsRemoved = :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': done.finishedAt, ':n': done.earlierVersionsRemoved },
      }),
    );
  }

  async erasure(cycleId: string, commentId: string): Promise<CommentErasure | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.erasure(cycleId, commentId), ConsistentRead: true }),
    );
    return out.Item ? erasureOf(out.Item) : undefined;
  }

  /** The cycle's erasures, oldest first. */
  async erasures(cycleId: string): Promise<CommentErasure[]> {
    const found: CommentErasure[] = [];
    for await (const item of this.cycleItems(cycleId, keys.erasurePrefix()))
      if (item.type === 'erasure') found.push(erasureOf(item));
    return found.sort((a, b) => a.at.localeCompare(b.at));
  }
}

function erasureOf(item: Record<string, unknown>): CommentErasure {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expires, ...erasure } = item;
  return erasure as unknown as CommentErasure;
}
