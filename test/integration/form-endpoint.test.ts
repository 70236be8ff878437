// Proves the real form handlers, served through the local API Gateway adapter, store a response in DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { freePort } from '../../infra/local/emulators';
import { startHttpAdapter } from '../../infra/local/http-adapter';
import { loadHttpHandler } from '../../infra/local/handlers';
import { documentClient } from '../../shared/aws/clients';
import { FormRepository } from '../../shared/store/forms';
import { newFormId } from '../../shared/domain/forms';

let server: Server;
let base: string;
const formId = newFormId();

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  await new FormRepository(documentClient(), LOCAL_NAMES.table).create({
    formId,
    cycleId: 'it-form-cycle',
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
  });
  const port = await freePort();
  server = await startHttpAdapter(port, loadHttpHandler);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const storedResponses = async () =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: LOCAL_NAMES.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CYCLE#it-form-cycle' },
      }),
    )
  ).Items ?? [];

describe('the form endpoint on the emulators', () => {
  it('answers the health check', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('serves the form as a complete HTML page with the privacy notice and the divisions', async () => {
    const res = await fetch(`${base}/f/${formId}`);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    // A sandboxed page, or form-action 'none', silently stops the form from being sent.
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('sandbox');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('Your answers are anonymous');
    expect(page).toMatch(/<option value="oak-primary"\s*>Oak Primary School<\/option>/);
  });

  it('stores a JSON response, with nothing from the request, and only then', async () => {
    const res = await fetch(`${base}/api/forms/${formId}/responses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'DistinctiveAgent/9.9',
        'x-forwarded-for': '198.51.100.23',
        cookie: 'trace=abc123',
      },
      body: JSON.stringify({ ratings: { vision: 5 }, safety: 4, comment: 'see www.example.com' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: 'received' });

    const bad = await fetch(`${base}/api/forms/${formId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ratings":{"vision":9}}',
    });
    expect(bad.status).toBe(400);

    const items = await storedResponses();
    const responses = items.filter((i) => i.type === 'response');
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      ratings: { vision: 5 },
      safety: 4,
      comment: 'see [removed]',
      role: 'undisclosed',
      division: 'undisclosed',
    });
    expect(responses[0]!.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const everything = JSON.stringify(items);
    for (const trace of ['DistinctiveAgent', '198.51.100.23', 'abc123', '127.0.0.1'])
      expect(everything).not.toContain(trace);
  });

  it('takes the HTML form post and thanks the practitioner', async () => {
    const res = await fetch(`${base}/f/${formId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ratings_capacity: '2',
        safety: '3',
        role: 'leadership',
        division: 'ash-primary',
        comment: '',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you');
    expect((await storedResponses()).filter((i) => i.type === 'response')).toHaveLength(2);
  });

  it('gives 404 for an unknown form and for an unknown route', async () => {
    expect((await fetch(`${base}/api/forms/${newFormId()}`)).status).toBe(404);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});
