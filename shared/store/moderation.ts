import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ModerationDecision } from '../domain/moderation';
import { expiry, keys } from './keys';
import type { Retention } from '../domain/retention';

/** The QA lead's decisions on a cycle's comments, each with who made it and when. */
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
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.cyclePartition(cycleId),
            ':prefix': keys.moderationPrefix(),
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const { commentId, action, span, by, at } = item as ModerationDecision;
        found.set(commentId, { commentId, action, ...(span ? { span } : {}), by, at });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  }
}
