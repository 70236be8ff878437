import { BatchGetCommand, BatchWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  mergeEvidence,
  naturalKey,
  type CycleEvidence,
  type EvidenceByKind,
  type EvidenceKindName,
} from '../domain/evidence';
import { expiry, keys } from './keys';
import type { Retention } from '../domain/retention';
import { retry } from '../retry';
import { EvidenceWriteError } from '../errors';

export type UpsertOutcome = 'imported' | 'unchanged';

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
/** Drops undefined fields, as DynamoDB would, so a stored record and a re-imported row compare equal. */
const clean = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What DynamoDB advises for the part of a batch it leaves unprocessed: send it again, backing off. */
const UNPROCESSED = {
  attempts: 8,
  delayMs: 50,
  maxDelayMs: 2000,
  jitter: 0.5,
  done: (left: unknown[]) => left.length === 0,
};

export class EvidenceRepository {
  /**
   * With `dryRun`, upserts compare with what is stored and report the same outcomes, but write
   * nothing: how `pillar7 import --aws` checks a file against the deployed table before uploading it.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** `retention`: when what this writes is deleted; without it, nothing expires. */
    private readonly options: { dryRun?: boolean; retention?: Retention } = {},
  ) {}

  /**
   * Upserts records by natural key, up to 100 at a time: one batch read to find what is stored, one
   * batch write (in 25s) of only what changed. A record identical to the stored one is reported
   * unchanged and not written, so re-importing a file writes nothing. Keys must be distinct.
   */
  async upsertMany<K extends EvidenceKindName>(
    kind: K,
    records: EvidenceByKind[K][],
    today: string,
  ): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = [];
    for (let i = 0; i < records.length; i += 100) {
      const chunk = records.slice(i, i + 100);
      const stored = await this.batchGet(
        kind,
        chunk.map((r) => naturalKey[kind](r)),
      );
      const writes: Record<string, unknown>[] = [];
      for (const record of chunk) {
        const key = naturalKey[kind](record);
        const before = stored.get(key);
        const next = clean(mergeEvidence(kind, record, before, today));
        if (before !== undefined && stable(before) === stable(next)) outcomes.push('unchanged');
        else {
          outcomes.push('imported');
          writes.push({
            ...keys.evidence(kind, key),
            type: kind,
            record: next,
            ...expiry(this.options.retention?.evidence()),
          });
        }
      }
      if (!this.options.dryRun)
        for (let w = 0; w < writes.length; w += 25) await this.batchWrite(writes.slice(w, w + 25));
    }
    return outcomes;
  }

  private async batchGet<K extends EvidenceKindName>(
    kind: K,
    naturalKeys: string[],
  ): Promise<Map<string, EvidenceByKind[K]>> {
    const found = new Map<string, EvidenceByKind[K]>();
    let request: Record<string, unknown>[] = naturalKeys.map((k) => keys.evidence(kind, k));
    if (!request.length) return found;
    await retry(
      async () => {
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? [])
          found.set(String(item.sk), item.record as EvidenceByKind[K]);
        request = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        return request;
      },
      {
        ...UNPROCESSED,
        giveUp: (left) =>
          new EvidenceWriteError(
            `could not read ${left.length} ${kind} records after ${UNPROCESSED.attempts} attempts`,
          ),
      },
    );
    return found;
  }

  /** Writes a batch, retrying what DynamoDB leaves unprocessed (throttling) with backoff. */
  private async batchWrite(items: Record<string, unknown>[]): Promise<void> {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    if (!pending.length) return;
    await retry(
      async () => {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] as typeof pending | undefined) ?? [];
        return pending;
      },
      {
        ...UNPROCESSED,
        giveUp: (left) =>
          new EvidenceWriteError(
            `${left.length} evidence records were still throttled after ${UNPROCESSED.attempts} attempts`,
          ),
      },
    );
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

  /** The review ids already stored, for checking the review a recommendation refers to. */
  async reviewIds(): Promise<Set<string>> {
    return new Set((await this.list('peer-reviews')).map((r) => r.reviewId));
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
