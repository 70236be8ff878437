import { GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  naturalKey,
  type CycleEvidence,
  type EvidenceByKind,
  type EvidenceKindName,
} from '../domain/evidence';
import { keys } from './keys';

export type UpsertOutcome = 'imported' | 'unchanged';

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const stable = (o: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return stable(a) === stable(b);
}

export class EvidenceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Upsert by natural key; a record identical to the stored one is left alone and reported unchanged. */
  async upsert<K extends EvidenceKindName>(kind: K, record: EvidenceByKind[K]): Promise<UpsertOutcome> {
    const key = keys.evidence(kind, naturalKey[kind](record));
    const clean = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    const existing = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    if (existing.Item && sameRecord(existing.Item.record as Record<string, unknown>, clean))
      return 'unchanged';
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...key, type: kind, record: clean } }),
    );
    return 'imported';
  }

  async list<K extends EvidenceKindName>(kind: K): Promise<EvidenceByKind[K][]> {
    const out: EvidenceByKind[K][] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.evidencePartition(kind) },
        ProjectionExpression: '#r',
        ExpressionAttributeNames: { '#r': 'record' },
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? []) out.push(item.record as EvidenceByKind[K]);
    return out;
  }

  async loadAll(): Promise<CycleEvidence> {
    const [peerReviews, recommendations, boardReviews, kpis, modelChanges, headcount] = await Promise.all([
      this.list('peer-reviews'),
      this.list('recommendations'),
      this.list('board-reviews'),
      this.list('kpis'),
      this.list('model-changes'),
      this.list('headcount'),
    ]);
    return { peerReviews, recommendations, boardReviews, kpis, modelChanges, headcount };
  }
}
