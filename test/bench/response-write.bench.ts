import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { newFormId } from '../../shared/domain/forms';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { loadEvent } from '../support/fixtures';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { issueRenderToken } from '../../shared/feedback/render-token';
import type { BenchRow } from './report';
import { meterWrites } from './write-units';

/**
 * The write cost of one response, as DynamoDB Local reports it: every write the real handler makes
 * is sent with ReturnConsumedCapacity=TOTAL and the capacity it reports is summed.
 */
export async function benchResponseWrite(): Promise<BenchRow[]> {
  const db = documentClient();
  const formId = newFormId();
  await new FormRepository(db, LOCAL_NAMES.table).create({
    formId,
    cycleId: 'bench-wcu',
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    anonymity: { k: 5, commentThreshold: 10 },
  });
  const meter = meterWrites(db, 'measureWriteUnits');
  const { handler } = (await import('../../functions/submit-response/handler')) as {
    handler: (e: HttpEvent, c: Context) => Promise<HttpResult>;
  };
  const WORDS =
    'the model peer review helps our school but time for improvement work is short and data arrives late so leaders cannot act on it quickly enough across the trust'.split(
      ' ',
    );
  let seed = 7;
  const prose = (chars: number) => {
    let text = '';
    while (text.length < chars) text += `${WORDS[(seed = (seed * 48271) % 2147483647) % WORDS.length]} `;
    return text.slice(0, chars);
  };
  const answers = {
    ratings: {
      vision: 4,
      capacity: 3,
      commitment: 5,
      intelligence: 2,
      process: 3,
      innovation: 4,
      assurance: 3,
    },
    safety: 4,
    influence: 3,
    role: 'delivery',
    division: 'oak-primary',
  };
  const cases: { figure: string; body: Record<string, unknown>; budgeted: boolean }[] = [
    {
      figure: 'write units of one response: every answer, 300-character comment',
      body: { ...answers, comment: prose(300) },
      budgeted: true,
    },
    {
      figure: 'write units of one response: every answer, 2,000-character comment',
      body: { ...answers, comment: prose(2000) },
      budgeted: true,
    },
    {
      // Over 1 KB even deflated: the response alone takes two units, so with the token's one it is three.
      // The longest such comment the form takes: 1,000 emoji are its 2,000 characters (UTF-16 units).
      figure:
        'write units, worst case: 1,000 random emoji (the 2,000-character limit; 4 bytes each, hard to compress)',
      body: {
        ...answers,
        comment: String.fromCodePoint(
          ...Array.from({ length: 1000 }, (_, i) => 0x1f300 + ((i * 7919) % 700)),
        ),
      },
      budgeted: false,
    },
  ];
  // The form's token key exists before the figures are taken (made once, not per response).
  const secret = await new SigningKeyRepository(db, LOCAL_NAMES.table).get();
  const rows: BenchRow[] = [];
  for (const c of cases) {
    meter.reset();
    const event = loadEvent<HttpEvent>('http/submit-response.json');
    event.pathParameters = { formId };
    // A token as GET /api/forms/{formId} issues it, old enough to use: its spend is one of the writes.
    const token = issueRenderToken(secret, formId, Date.now() - 10_000);
    event.body = JSON.stringify({ ...c.body, token });
    const res = await handler(event, {} as Context);
    if (res.statusCode !== 201) throw new Error(`the response was not stored: ${res.statusCode} ${res.body}`);
    const { units, writes } = meter.read();
    rows.push({
      figure: `${c.figure} (${writes.length} writes: the token spent, the response)`,
      value: `${units} WCU`,
      budget: c.budgeted ? '<= 2 WCU' : 'info',
      pass: c.budgeted ? units > 0 && units <= 2 : null,
    });
  }
  meter.remove();
  return rows;
}
