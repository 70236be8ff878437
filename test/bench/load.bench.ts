import autocannon from 'autocannon';
import type { Server } from 'node:http';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../../infra/local/emulators';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { startHttpAdapter } from '../../infra/local/http-adapter';
import { loadHttpHandler } from '../../infra/local/handlers';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { openForm } from '../support/builders';
import type { BenchRow } from './report';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { issueRenderToken } from '../../shared/feedback/render-token';

const CONNECTIONS = 10;
const SECONDS = 10;
/** A fixed number of posts rather than a duration, so none is cut off in flight and counts can be compared. */
const POSTS = 5000;

async function storedFor(cycleId: string): Promise<number> {
  let n = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      new QueryCommand({
        TableName: LOCAL_NAMES.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': `RESPONSES#${cycleId}`, ':r': 'RESPONSE#' },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    n += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return n;
}

/**
 * The local form endpoint under a bounded load on loopback: the same handlers the cloud runs, behind
 * the local API Gateway adapter, with DynamoDB Local behind them. No budget in SPEC section 9; the
 * figures say what one laptop process sustains, and the check is that every accepted response is
 * stored exactly once.
 */
export async function benchLoad(): Promise<BenchRow[]> {
  const form = openForm('bench-load');
  await new FormRepository(documentClient(), LOCAL_NAMES.table).create(form);
  const port = await freePort();
  const server: Server = await startHttpAdapter(port, loadHttpHandler);
  const base = `http://127.0.0.1:${port}`;
  try {
    const run = (opts: autocannon.Options) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          { connections: CONNECTIONS, ...(opts.amount ? {} : { duration: SECONDS }), ...opts },
          (err, result) => (err ? reject(err) : resolve(result)),
        ),
      );
    // Warm the handlers once, as a deployed function is warm after its first request.
    await fetch(`${base}/f/${form.formId}`);

    // One single-use token per post, as each client would get from GET /api/forms/{formId}.
    const secret = await new SigningKeyRepository(documentClient(), LOCAL_NAMES.table).get();
    const issuedAt = Date.now() - 10_000;
    const answers = {
      ratings: { vision: 4, capacity: 3, assurance: 5 },
      safety: 4,
      influence: 3,
      role: 'delivery',
      division: 'oak-primary',
      comment: 'Peer review visits have sharpened how we plan the next cycle.',
    };
    const post = await run({
      amount: POSTS,
      url: `${base}/api/forms/${form.formId}/responses`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ ...answers, token: issueRenderToken(secret, form.formId, issuedAt) }),
          }),
        },
      ],
    });
    const page = await run({ url: `${base}/f/${form.formId}` });
    const stored = await storedFor(form.cycleId);
    const accepted = post['2xx'];
    const describe = (r: autocannon.Result) =>
      `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx + r.errors} failed`;
    return [
      {
        figure: `form endpoint POST /api/forms/{id}/responses (${POSTS} posts, ${CONNECTIONS} connections, DynamoDB Local)`,
        value: describe(post),
        budget: 'none in SPEC 9',
        pass: null,
      },
      {
        figure: `form endpoint GET /f/{id} (${CONNECTIONS} connections, ${SECONDS} s)`,
        value: describe(page),
        budget: 'none in SPEC 9',
        pass: null,
      },
      {
        figure: 'responses stored under load, against responses accepted (201)',
        value: `${stored} stored of ${accepted} accepted`,
        budget: 'equal, none failed',
        pass: stored === accepted && post.non2xx + post.errors === 0 && page.non2xx + page.errors === 0,
      },
    ];
  } finally {
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
  }
}
