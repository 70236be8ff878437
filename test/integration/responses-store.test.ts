// Proves responses round-trip through DynamoDB Local exactly, long comments included, and stream back a page at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { ResponseRepository } from '../../shared/store/responses';
import { keys } from '../../shared/store/keys';
import { response, times } from '../support/builders';

const repo = () => new ResponseRepository(documentClient(), LOCAL_NAMES.table);

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
});

describe('the response store', () => {
  it('keeps short comments as text and long ones deflated, and reads both back exactly', async () => {
    const long = `${'Time for improvement work gets squeezed out. ✏️ '.repeat(40)}`.slice(0, 2000);
    const items = [
      response({ cycleId: 'store-cycle', comment: 'short and sweet' }),
      response({ cycleId: 'store-cycle', comment: long }),
    ];
    for (const r of items) await repo().add(r);

    const raw = await documentClient().send(
      new GetCommand({
        TableName: LOCAL_NAMES.table,
        Key: keys.response('store-cycle', items[1]!.responseId),
      }),
    );
    expect(raw.Item!.comment).toBeUndefined();
    expect(raw.Item!.commentDeflated).toBeInstanceOf(Uint8Array);

    const back = [];
    for await (const r of repo().streamForCycle('store-cycle')) back.push(r);
    expect(back.sort((a, b) => a.responseId.localeCompare(b.responseId))).toEqual(
      items.sort((a, b) => a.responseId.localeCompare(b.responseId)),
    );
  });

  it('never overwrites a response (a repeated write of the same id changes nothing), and streams more than one page', async () => {
    const many = times(2100, () => response({ cycleId: 'store-many', safety: 3 }));
    for (const r of many) await repo().add(r);
    // The same id again (as when the SDK retries a write whose reply was lost) leaves the stored
    // response as it was: it is never overwritten.
    await repo().add({ ...many[0]!, safety: 5 });
    const again = [];
    for await (const r of repo().streamForCycle('store-many'))
      if (r.responseId === many[0]!.responseId) again.push(r);
    expect(again).toEqual([expect.objectContaining({ safety: 3 })]);
    let n = 0;
    for await (const _ of repo().streamForCycle('store-many')) n += 1;
    expect(n).toBe(2100);
  }, 120_000);
});
