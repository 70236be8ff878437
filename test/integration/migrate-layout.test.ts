// Proves a table written by the first layout is moved to this one's partitions on DynamoDB Local:
// every record kept exactly, nothing left behind, nothing else touched, and a second run a no-op.
import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { documentClient } from '../../shared/aws/dynamodb';
import { tableItems } from '../support/table';
import { LAYOUT_VERSION, migrateLayout } from '../../shared/ops/migrate-layout';
import { ResponseRepository } from '../../shared/store/responses';
import { SigningKeyRepository } from '../../shared/store/signing-keys';

const TABLE = 'pillar7-migrate';
const RESPONSE_ID = '0b6f4c1e-1111-4222-8333-944455556666';
const response = {
  ...{ pk: 'CYCLE#2026-autumn', sk: `RESPONSE#${RESPONSE_ID}`, type: 'response', responseId: RESPONSE_ID },
  ...{ cycleId: '2026-autumn', ratings: { vision: 4 }, safety: 4, role: 'delivery', division: 'oak-primary' },
  expiresAt: 1860000000,
};
/** What the first layout wrote, and where each record must be after. */
const OLD: [Record<string, unknown>, { pk: string; sk: string }][] = [
  [response, { pk: 'RESPONSES#2026-autumn', sk: `RESPONSE#${RESPONSE_ID}` }],
  [
    {
      pk: 'TRUST',
      sk: 'KEY#render-token',
      type: 'signing-key',
      secret: Buffer.alloc(32, 7).toString('base64'),
    },
    { pk: 'KEY#render-token', sk: 'KEY' },
  ],
  [
    { pk: 'FORM#f1', sk: 'SPENT#tok', type: 'spent-token', expiresAt: 1 },
    { pk: 'SPENT#f1', sk: 'tok' },
  ],
  [
    { pk: 'FORM#f1', sk: 'LINK#lnk', type: 'access-link', cycleId: 'c' },
    { pk: 'LINK#f1', sk: 'lnk' },
  ],
  [
    { pk: 'FORM#f1', sk: 'ASKED#2026-11-26#h', type: 'link-requests', asked: 2 },
    { pk: 'ASKED#f1', sk: '2026-11-26#h' },
  ],
];
/** What stays where it is. */
const STAYS = [
  { pk: 'FORM#f1', sk: 'FORM', type: 'form', formId: 'f1' },
  { pk: 'CYCLE#2026-autumn', sk: 'EVALUATION', type: 'evaluation' },
  { pk: 'EVIDENCE#staff', sk: 'hash', type: 'evidence' },
];

const db = documentClient();
const everything = () => tableItems(TABLE);

beforeAll(async () => {
  await bootstrapLocal(TABLE, TABLE);
  // A table of the first layout: no marker, and its records where that layout put them.
  await db.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'LAYOUT', sk: 'VERSION' } }));
  for (const item of [...OLD.map(([i]) => i), ...STAYS])
    await db.send(new PutCommand({ TableName: TABLE, Item: item }));
  // A run cut short: this one was already copied to its new place, and its old copy is still there.
  await db.send(new PutCommand({ TableName: TABLE, Item: { ...OLD[2]![0], ...OLD[2]![1] } }));
});

describe('moving a table of the first layout to this one', () => {
  it('moves every record to its own partition exactly as it was, leaves the rest, and marks the table', async () => {
    const done = await migrateLayout(db, TABLE);
    expect(done).toEqual({ moved: OLD.length, alreadyCurrent: false });
    const after = await everything();
    const at = (k: { pk: string; sk: string }) => after.filter((i) => i.pk === k.pk && i.sk === k.sk);
    for (const [old, to] of OLD) {
      expect(
        at(old as { pk: string; sk: string }),
        `${String(old.pk)} ${String(old.sk)} left behind`,
      ).toEqual([]);
      expect(at(to)).toEqual([{ ...old, ...to }]);
    }
    for (const item of STAYS) expect(at(item)).toEqual([item]);
    expect(at({ pk: 'LAYOUT', sk: 'VERSION' })).toEqual([
      { pk: 'LAYOUT', sk: 'VERSION', type: 'layout', version: LAYOUT_VERSION },
    ]);
    expect(after).toHaveLength(OLD.length + STAYS.length + 1);
  });

  it('leaves the moved records where this version reads them: the response and the key', async () => {
    const responses = [];
    for await (const r of new ResponseRepository(db, TABLE).streamForCycle('2026-autumn')) responses.push(r);
    expect(responses.map((r) => r.responseId)).toEqual([RESPONSE_ID]);
    expect(await new SigningKeyRepository(db, TABLE, 'render-token').find()).toEqual(Buffer.alloc(32, 7));
  });

  it('reads only its marker when run again', async () => {
    const before = await everything();
    expect(await migrateLayout(db, TABLE)).toEqual({ moved: 0, alreadyCurrent: true });
    expect(await everything()).toEqual(before);
  });
});
