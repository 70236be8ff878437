// Proves the real form handlers, served through the local API Gateway adapter, store a response in DynamoDB Local.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Server } from 'node:http';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { freePort } from '../../infra/local/emulators';
import { startHttpAdapter } from '../../infra/local/http-adapter';
import { loadHttpHandler } from '../../infra/local/handlers';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { newFormId } from '../../shared/domain/forms';
import { openForm } from '../support/builders';
import { partitionItems, responseItems } from '../support/table';
import { errors, injectFault, puttingItemOfType } from '../support/faults';

let server: Server;
let base: string;
const formId = newFormId();

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  await new FormRepository(documentClient(), LOCAL_NAMES.table).create(openForm('it-form-cycle', { formId }));
  const port = await freePort();
  server = await startHttpAdapter(port, loadHttpHandler);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

afterEach(() => {
  vi.useRealTimers();
});

/** A token for one JSON submission, as a client gets it: from the form's definition. */
const apiToken = async () =>
  ((await (await fetch(`${base}/api/forms/${formId}`)).json()) as { token: string }).token;

const storedResponses = () => partitionItems('RESPONSES#it-form-cycle');
const responseCount = async () => (await responseItems('it-form-cycle')).length;

/**
 * Freezes the clock as a client takes a token, from the form's page or its definition; `answered()`
 * then moves it on past the least time a person takes to answer.
 */
async function tokenTakenNow(from: 'page' | 'definition') {
  vi.useFakeTimers({ toFake: ['Date'] });
  const takenAt = Date.now();
  vi.setSystemTime(takenAt);
  const token =
    from === 'definition'
      ? await apiToken()
      : /name="_token" value="([^"]+)"/.exec(await (await fetch(`${base}/f/${formId}`)).text())![1]!;
  return { token, answered: () => vi.setSystemTime(takenAt + 4_000) };
}

/** Fails the next put of an item of this type outright (the SDK's own retries spent), once. */
const failNextPut = (type: string, error: () => Error) =>
  injectFault('dynamodb', documentClient(), {
    action: 'dynamodb:PutItem',
    when: puttingItemOfType(type),
    error,
    times: 1,
    layer: 'caller',
  });

/** The form's page posted back, as a browser sends it. */
const postPage = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${base}/f/${formId}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

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

  it('stores a JSON response with a token from the definition, once, with nothing from the request', async () => {
    const { token, answered } = await tokenTakenNow('definition');
    answered();
    const send = (body: unknown) =>
      fetch(`${base}/api/forms/${formId}/responses`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'DistinctiveAgent/9.9',
          'x-forwarded-for': '198.51.100.23',
          cookie: 'trace=abc123',
        },
        body: JSON.stringify(body),
      });
    const answers = { ratings: { vision: 5 }, safety: 4, comment: 'see www.example.com' };
    const withoutToken = await send(answers);
    expect(withoutToken.status).toBe(403);
    expect(await withoutToken.json()).toMatchObject({ error: 'token_invalid' });

    const res = await send({ ...answers, token });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: 'received' });

    const replay = await send({ ...answers, token });
    expect(replay.status).toBe(403);
    expect(await replay.json()).toMatchObject({ error: 'token_spent' });

    const bad = await send({ ratings: { vision: 9 }, token: await apiToken() });
    expect(bad.status).toBe(400);
    vi.useRealTimers();

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
    // Nothing else: no date, nothing that orders responses by arrival.
    expect(Object.keys(responses[0]!).sort()).toEqual(
      [
        'comment',
        'cycleId',
        'division',
        'pk',
        'ratings',
        'responseId',
        'role',
        'safety',
        'sk',
        'type',
      ].sort(),
    );
    const everything = JSON.stringify(items);
    for (const trace of ['DistinctiveAgent', '198.51.100.23', 'abc123', '127.0.0.1'])
      expect(everything).not.toContain(trace);
  });

  it('takes the HTML form post from a person once, thanks a bot but stores nothing, and refuses replays, forgeries and other sites', async () => {
    // The clock is frozen at the render, so "too fast" does not depend on how busy the machine is.
    const { token, answered } = await tokenTakenNow('page');
    const post = (fields: Record<string, string>, extra: Record<string, string> = {}) =>
      postPage(fields, {
        ...extra,
        'user-agent': 'PagePoster/3.1',
        'x-forwarded-for': '192.0.2.99',
        cookie: 'sid=page-cookie',
      });
    const answers = {
      ratings_capacity: '2',
      safety: '3',
      role: 'leadership',
      division: 'ash-primary',
      comment: '',
    };

    // Sent within 3 seconds: not thanked, not stored, the form again with the same token and answers.
    const tooFast = await post({ ...answers, _token: token });
    expect(tooFast.status).toBe(400);
    const again = await tooFast.text();
    expect(again).toContain('nothing has been stored yet');
    expect(again).toContain(`value="${token}"`);
    expect(again).toMatch(/name="safety" value="3" checked/);
    expect(await responseCount()).toBe(1);

    answered();
    try {
      const honeypot = await post({ ...answers, _token: token, website: 'https://spam.example' });
      expect(await honeypot.text()).toContain('Thank you');
      const forged = await post({
        ...answers,
        _token: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('We could not confirm this page came from this form');
      // Another site auto-posting the form from its visitors' browsers.
      const crossSite = await post(
        { ...answers, _token: token },
        { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.status).toBe(403);
      expect(await crossSite.text()).toContain('sent from another website');
      expect(await responseCount()).toBe(1);

      const person = await post(
        { ...answers, _token: token },
        { origin: base, 'sec-fetch-site': 'same-origin' },
      );
      expect(person.status).toBe(200);
      expect(await person.text()).toContain('Thank you');
      // The same page sent again (a double click, or a replay): one response, and said plainly.
      const replay = await post({ ...answers, _token: token });
      expect(replay.status).toBe(403);
      expect(await replay.text()).toContain('already been sent from this page');
      const items = await storedResponses();
      expect(items.filter((i) => i.type === 'response')).toHaveLength(2);
      for (const trace of ['PagePoster', '192.0.2.99', 'page-cookie', token])
        expect(JSON.stringify(items)).not.toContain(trace);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps every answer and stores nothing when DynamoDB throttles the save, and stores the resend once', async () => {
    const { token, answered } = await tokenTakenNow('page');
    answered();
    const before = await responseCount();
    const send = () =>
      postPage({
        _token: token,
        safety: '4',
        role: 'delivery',
        division: 'oak-primary',
        comment: 'Keep <this> & that',
      });
    const fault = failNextPut('response', errors.throttled);
    try {
      const throttled = await send();
      const html = await throttled.text();
      expect(throttled.status).toBe(429);
      expect(html).toContain('We could not save your answers just now, so nothing was stored.');
      expect(html).toContain('Keep &lt;this&gt; &amp; that</textarea>');
      expect(html).toMatch(/value="4" checked/);
      // The same token comes back (released), so the resend is not "too fast" and not "already sent".
      expect(html).toContain(`value="${token}"`);
      expect(await responseCount()).toBe(before);

      const again = await send();
      expect(again.status).toBe(200);
      expect(await responseCount()).toBe(before + 1);
      expect(fault.fired()).toBe(1);
    } finally {
      fault.remove();
      vi.useRealTimers();
    }
  });

  it('keeps every answer, and the token, when the token itself cannot be recorded', async () => {
    const { token, answered } = await tokenTakenNow('page');
    answered();
    const before = await responseCount();
    const send = () => postPage({ _token: token, safety: '2', comment: 'Kept through a fault' });
    const fault = failNextPut('spent-token', errors.throttled);
    try {
      const failed = await send();
      const html = await failed.text();
      expect(failed.status).toBe(429);
      expect(html).toContain('Kept through a fault</textarea>');
      expect(html).toContain(`value="${token}"`);
      const again = await send();
      expect(again.status).toBe(200);
      expect(await responseCount()).toBe(before + 1);
    } finally {
      fault.remove();
      vi.useRealTimers();
    }
  });

  it('answers an oversized HTML form post with a plain 413 page, and stores nothing', async () => {
    const before = (await storedResponses()).length;
    const res = await postPage({ comment: 'x'.repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>Too much to send</h1>');
    expect(html).toContain('nothing was stored');
    expect((await storedResponses()).length).toBe(before);
  });

  it('writes nothing from the request to the logs, even when the store fails and the failure is logged', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(capture),
      vi.spyOn(console, 'error').mockImplementation(capture),
      vi.spyOn(console, 'warn').mockImplementation(capture),
      vi.spyOn(console, 'info').mockImplementation(capture),
    ];
    const previous = process.env.PILLAR7_LOG_LEVEL;
    process.env.PILLAR7_LOG_LEVEL = 'info';
    const fault = failNextPut('response', () =>
      Object.assign(new Error('InternalServerError'), { name: 'InternalServerError' }),
    );
    const { token, answered } = await tokenTakenNow('definition');
    answered();
    try {
      // The same token both times: a failed store releases it for the resend.
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(`${base}/api/forms/${formId}/responses`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'LogTraceAgent/1.0',
            'x-forwarded-for': '203.0.113.201',
            cookie: 'trace=log-cookie-7',
          },
          body: JSON.stringify({ safety: 4, comment: 'A distinctive sentence only I would write.', token }),
        });
        expect(res.status).toBe(i === 0 ? 500 : 201);
      }
    } finally {
      vi.useRealTimers();
      fault.remove();
      process.env.PILLAR7_LOG_LEVEL = previous;
      for (const spy of spies) spy.mockRestore();
    }
    // The failure was logged, and nothing that came with the request was.
    expect(lines.join('\n')).toContain('request failed');
    for (const trace of [
      'LogTraceAgent',
      '203.0.113.201',
      'log-cookie-7',
      'distinctive sentence',
      '127.0.0.1',
    ])
      expect(lines.join('\n')).not.toContain(trace);
  });

  it('publishes the form definition as JSON: questions, choices and dates', async () => {
    const res = await fetch(`${base}/api/forms/${formId}`);
    expect(res.status).toBe(200);
    const def = (await res.json()) as {
      opensOn: string;
      closesOn: string;
      questions: { id: string; type: string; choices?: { value: string }[] }[];
    };
    expect(def).toMatchObject({
      formId,
      cycleId: 'it-form-cycle',
      opensOn: '2020-01-01',
      closesOn: '2099-12-31',
      minimumGroupSize: 5,
    });
    expect(def.questions.map((q) => q.id)).toEqual([
      'ratings.vision',
      'ratings.capacity',
      'ratings.commitment',
      'ratings.intelligence',
      'ratings.process',
      'ratings.innovation',
      'ratings.assurance',
      'safety',
      'influence',
      'role',
      'division',
      'comment',
    ]);
    expect(def.questions.find((q) => q.id === 'division')!.choices!.map((c) => c.value)).toContain(
      'undisclosed',
    );
  });

  it('says in plain words, with 410, that a closed or not yet open form takes no responses', async () => {
    const forms = new FormRepository(documentClient(), LOCAL_NAMES.table);
    const closed = openForm('it-closed', { closesOn: '2020-03-01' });
    const future = openForm('it-future', { opensOn: '2099-01-01', closesOn: '2099-03-01' });
    await forms.create(closed);
    await forms.create(future);

    const page = await fetch(`${base}/f/${closed.formId}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This form closed on 1 March 2020 and no longer takes responses.');
    const api = await fetch(`${base}/api/forms/${closed.formId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"safety":4}',
    });
    expect(api.status).toBe(410);
    expect(await api.json()).toMatchObject({ error: 'form_closed' });
    const early = await fetch(`${base}/f/${future.formId}`);
    expect(early.status).toBe(410);
    expect(await early.text()).toContain('This form is not open yet');
  });

  it('gives 404 for an unknown form and for an unknown route', async () => {
    expect((await fetch(`${base}/api/forms/${newFormId()}`)).status).toBe(404);
    // A form id of 3,000 characters is not found on every route, never a server error.
    const long = 'A'.repeat(3000);
    for (const [method, path] of [
      ['GET', `/f/${long}`],
      ['POST', `/f/${long}`],
      ['GET', `/api/forms/${long}`],
      ['POST', `/api/forms/${long}/responses`],
    ] as const) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          'content-type':
            method === 'POST' && path.startsWith('/api')
              ? 'application/json'
              : 'application/x-www-form-urlencoded',
        },
        body: method === 'POST' ? (path.startsWith('/api') ? '{"safety":4}' : 'safety=4') : undefined,
      });
      expect([method, path.slice(0, 12), res.status]).toEqual([method, path.slice(0, 12), 404]);
    }
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    // A malformed escape in the id is not found either, and a body over 1 MB is too large.
    expect((await fetch(`${base}/f/%ZZ`)).status).toBe(404);
    expect((await fetch(`${base}/api/forms/%E0%A4%A`)).status).toBe(404);
    const huge = await fetch(`${base}/f/${formId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'comment=' + 'x'.repeat(2 * 1024 * 1024),
    }).catch(() => undefined);
    expect(huge === undefined || huge.status === 413).toBe(true);
  });
});
