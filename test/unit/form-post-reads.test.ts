// Proves each HTML form POST reads the form item once per request, whatever the page answers: the open form's (stored, shown again, a bot thanked) and the verified form's link page.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';
import { HONEYPOT_FIELD, TOKEN_FIELD } from '../../shared/feedback/form-page';
import { importHandler } from '../support/fixtures';
import { httpEvent } from '../support/http-event';
import { EVENT_FORM } from '../support/builders';
import { mockRenderKey, renderToken } from '../support/tokens';

const ddb = mockClient(DynamoDBDocumentClient);
type Handler = (e: HttpEvent, c: Context) => Promise<HttpResult>;
let formPage: Handler;
let formAccess: Handler;

const FORM_KEY = { pk: `FORM#${EVENT_FORM.formId}`, sk: 'FORM' };
const NOW = Date.parse('2026-10-14T09:41:17Z');

const post = (fields: Record<string, string>, handler = formPage, resource = '/f/{formId}') =>
  handler(
    httpEvent({
      method: 'POST',
      resource,
      params: { formId: EVENT_FORM.formId },
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'abc123.execute-api.eu-west-2.amazonaws.com',
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams(fields).toString(),
    }),
    {} as Context,
  );

/** The GetCommands on the form's own item. */
const formReads = () =>
  ddb
    .commandCalls(GetCommand)
    .filter((c) => JSON.stringify(c.args[0].input.Key) === JSON.stringify(FORM_KEY));

/** The form's item as the table holds it, of the given access. */
const formItem = (access: 'open' | 'verified') => ({ ...FORM_KEY, type: 'form', ...EVENT_FORM, access });

beforeAll(async () => {
  formPage = await importHandler<Handler>('form-page');
  formAccess = await importHandler<Handler>('form-access');
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: FORM_KEY }).resolves({ Item: formItem('open') });
  mockRenderKey(ddb);
  ddb.on(PutCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  vi.useRealTimers();
});

describe('POST /f/{formId}', () => {
  it('reads the form once to store a response', async () => {
    const res = await post({ safety: '4', [TOKEN_FIELD]: renderToken(EVENT_FORM.formId, NOW) });

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you');
    expect(
      ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.type === 'response'),
    ).toHaveLength(1);
    expect(formReads()).toHaveLength(1);
  });

  it('reads the form once to show it again with the reason, answers kept', async () => {
    const res = await post({ safety: '9', [TOKEN_FIELD]: renderToken(EVENT_FORM.formId, NOW) });

    expect(res.statusCode).toBe(400);
    expect(formReads()).toHaveLength(1);
  });

  it('reads the form once to show it again with a new token when the old one is not accepted', async () => {
    const res = await post({ safety: '4', [TOKEN_FIELD]: 'forged' });

    expect(res.statusCode).toBe(403);
    expect(formReads()).toHaveLength(1);
  });

  it('reads the form once to thank a bot that filled the honeypot, storing nothing', async () => {
    const res = await post({ safety: '4', [HONEYPOT_FIELD]: 'https://spam.example' });

    expect(res.statusCode).toBe(200);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(formReads()).toHaveLength(1);
  });
});

describe('POST /f/{formId}/link', () => {
  beforeEach(() => {
    ddb.on(GetCommand, { Key: FORM_KEY }).resolves({ Item: formItem('verified') });
    ddb.on(QueryCommand).resolves({ Items: [] });
  });

  it('reads the verified form once to answer "check your e-mail"', async () => {
    const res = await post({ email: 'jo.bloggs@oak.example' }, formAccess, '/f/{formId}/link');

    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your e-mail');
    expect(formReads()).toHaveLength(1);
  });

  it('reads the verified form once to ask again for an address that is not one', async () => {
    const res = await post({ email: 'not an address' }, formAccess, '/f/{formId}/link');

    expect(res.statusCode).toBe(400);
    expect(formReads()).toHaveLength(1);
  });
});
