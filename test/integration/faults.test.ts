// Proves a cycle survives DynamoDB throttling, S3 and SES errors and timeouts at every step: each is retried or resumed, and nothing is lost or duplicated.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { sesClient } from '../../shared/aws/ses';
import { cycleDeps } from '../../shared/cycle/deps';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { response } from '../support/builders';
import { exampleConfig } from '../support/fixtures';
import { putDemoInbox } from '../support/s3';
import { partitionItems } from '../support/table';
import { clearSentMails, sentMails } from '../support/ses-outbox';
import { errors, injectFault, type Fault } from '../support/faults';
import { runCycleWithRetries, type Step } from '../support/cycle';
import { useAutomaticApproval } from '../support/approval-mode';

// How the board e-mail goes out (once, through faults) is tested for a trust that sends without a draft.
useAutomaticApproval();

const CYCLE = '2026-autumn';
const DIVISIONS = exampleConfig().divisions.map((d) => d.id);

let tables = 0;

/** A trust of its own (table and bucket) with the demo inbox and 60 responses, ready for a cycle. */
async function freshTrust() {
  tables += 1;
  const names = { TABLE_NAME: `faults-${tables}`, BUCKET_NAME: `faults-${tables}` };
  await bootstrapLocal(names.TABLE_NAME, names.BUCKET_NAME);
  await putDemoInbox(names.BUCKET_NAME);
  const deps = cycleDeps(names);
  for (let i = 0; i < 60; i += 1)
    await deps.responses.add(
      response({
        cycleId: CYCLE,
        responseId: `fault-${tables}-${i}`,
        division: DIVISIONS[i % 3]!,
        ratings: { vision: 1 + (i % 5), assurance: 1 + ((i + 2) % 5) },
        safety: 1 + (i % 5),
        influence: 1 + ((i + 1) % 5),
      }),
    );
  await clearSentMails();
  return { names, deps };
}

/** Everything a cycle must leave behind, in a form two runs can be compared by. */
async function whatIsStored(names: { TABLE_NAME: string; BUCKET_NAME: string }) {
  const count = async (pk: string, skPrefix = '') =>
    (await partitionItems(pk, names.TABLE_NAME)).filter((i) => String(i.sk).startsWith(skPrefix)).length;
  const keys = async (prefix: string) =>
    (
      (await s3Client().send(new ListObjectsV2Command({ Bucket: names.BUCKET_NAME, Prefix: prefix })))
        .Contents ?? []
    )
      .map((o) => o.Key!)
      .sort();
  const read = async (key: string) =>
    Buffer.from(
      await (
        await s3Client().send(new GetObjectCommand({ Bucket: names.BUCKET_NAME, Key: key }))
      ).Body!.transformToByteArray(),
    );
  const manifest = JSON.parse((await read(`reports/${CYCLE}/manifest.json`)).toString()) as {
    files: { key: string; sha256: string }[];
  };
  const checksumsMatch = (
    await Promise.all(
      manifest.files.map(
        async (f) =>
          createHash('sha256')
            .update(await read(f.key))
            .digest('hex') === f.sha256,
      ),
    )
  ).every(Boolean);
  const evaluation = JSON.parse((await read(`reports/${CYCLE}/evaluation.json`)).toString()) as {
    overall: { rating: string };
    criteria: { id: string; rating: string }[];
    practitioners: { responses: number };
  };
  return {
    evidence: Object.fromEntries(
      await Promise.all(EVIDENCE_KINDS.map(async (k) => [k, await count(`EVIDENCE#${k}`)] as const)),
    ),
    responses: await count(`RESPONSES#${CYCLE}`, 'RESPONSE#'),
    inbox: await keys('inbox/'),
    processed: (await keys('processed/')).length,
    quarantine: await keys('quarantine/'),
    reports: await keys(`reports/${CYCLE}/`),
    checksumsMatch,
    ratings: [evaluation.overall.rating, ...evaluation.criteria.map((c) => `${c.id}=${c.rating}`)],
    emails: (await sentMails()).length,
  };
}

let baseline: Awaited<ReturnType<typeof whatIsStored>>;

beforeAll(async () => {
  const { names, deps } = await freshTrust();
  const { attempts } = await runCycleWithRetries(CYCLE, deps);
  expect(attempts).toEqual({ gather: 1, evaluate: 1, publish: 1, notify: 1 });
  baseline = await whatIsStored(names);
}, 120_000);

interface Case {
  name: string;
  service: 'dynamodb' | 's3' | 'ses';
  fault: Fault;
  /** Which step the state machine has to retry, if the SDK does not absorb the fault itself. */
  retried?: Step;
}

const responsesQuery = (input: Record<string, unknown>) => JSON.stringify(input).includes('RESPONSE#');
const key = (suffix: string) => (input: Record<string, unknown>) => String(input.Key ?? '').endsWith(suffix);
const CASES: Case[] = [
  // gather
  {
    name: 'gather: DynamoDB throttles evidence writes twice',
    service: 'dynamodb',
    fault: { action: 'dynamodb:BatchWriteItem', error: errors.throttled, times: 2, layer: 'sdk' },
  },
  {
    name: 'gather: DynamoDB throttling outlasts the SDK on reading stored evidence',
    service: 'dynamodb',
    fault: { action: 'dynamodb:BatchGetItem', error: errors.throttled, times: 1, layer: 'caller' },
    retried: 'gather',
  },
  {
    name: 'gather: S3 fails reading an inbox file',
    service: 's3',
    fault: { action: 's3:GetObject', error: errors.s3Internal, times: 1, layer: 'caller' },
    retried: 'gather',
  },
  {
    name: 'gather: S3 times out deleting a file already copied to processed/',
    service: 's3',
    fault: { action: 's3:DeleteObject', error: errors.timeout, times: 1, layer: 'caller' },
    retried: 'gather',
  },
  // evaluate
  {
    name: 'evaluate: DynamoDB throttling outlasts the SDK on loading responses',
    service: 'dynamodb',
    fault: {
      action: 'dynamodb:Query',
      when: responsesQuery,
      error: errors.throttled,
      times: 1,
      layer: 'caller',
    },
    retried: 'evaluate',
  },
  {
    name: 'evaluate: DynamoDB times out storing the evaluation',
    service: 'dynamodb',
    fault: { action: 'dynamodb:PutItem', error: errors.timeout, times: 1, layer: 'caller' },
    retried: 'evaluate',
  },
  {
    name: 'evaluate: a timeout the SDK retries by itself',
    service: 'dynamodb',
    fault: { action: 'dynamodb:Query', when: responsesQuery, error: errors.timeout, times: 1, layer: 'sdk' },
  },
  // publish
  {
    name: 'publish: S3 is unavailable when writing the PDF, after the HTML is stored',
    service: 's3',
    fault: {
      action: 's3:PutObject',
      when: key('report.pdf'),
      error: errors.s3Unavailable,
      times: 1,
      layer: 'caller',
    },
    retried: 'publish',
  },
  {
    name: 'publish: S3 times out writing the manifest',
    service: 's3',
    fault: {
      action: 's3:PutObject',
      when: key('manifest.json'),
      error: errors.timeout,
      times: 1,
      layer: 'caller',
    },
    retried: 'publish',
  },
  {
    name: 'publish: DynamoDB throttling outlasts the SDK on recording the report',
    service: 'dynamodb',
    fault: {
      action: 'dynamodb:UpdateItem',
      error: errors.throttled,
      times: 1,
      layer: 'caller',
      when: (i) => JSON.stringify(i).includes('reportKey'),
    },
    retried: 'publish',
  },
  // notify
  {
    name: 'notify: S3 times out fetching the PDF to attach',
    service: 's3',
    fault: {
      action: 's3:GetObject',
      when: key('report.pdf'),
      error: errors.timeout,
      times: 1,
      layer: 'caller',
    },
    retried: 'notify',
  },
  {
    name: 'notify: SES throttles the send beyond the SDK retries',
    service: 'ses',
    fault: { action: 'ses:SendRawEmail', error: errors.sesThrottled, times: 1, layer: 'caller' },
    retried: 'notify',
  },
  {
    name: 'notify: SES times out before accepting the email',
    service: 'ses',
    fault: { action: 'ses:SendRawEmail', error: errors.timeout, times: 1, layer: 'caller' },
    retried: 'notify',
  },
  {
    name: 'notify: SES throttles once and the SDK retries',
    service: 'ses',
    fault: { action: 'ses:SendRawEmail', error: errors.sesThrottled, times: 1, layer: 'sdk' },
  },
  {
    name: 'notify: DynamoDB throttling outlasts the SDK on claiming the email',
    service: 'dynamodb',
    fault: {
      action: 'dynamodb:UpdateItem',
      error: errors.throttled,
      times: 1,
      layer: 'caller',
      when: (i) => String(i.UpdateExpression).includes('emailClaimedAt'),
    },
    retried: 'notify',
  },
];

const clients = { dynamodb: documentClient, s3: s3Client, ses: sesClient };

describe('a cycle under injected faults', () => {
  it.each(CASES)('$name', async ({ service, fault, retried }) => {
    const { names, deps } = await freshTrust();
    const injected = injectFault(service, clients[service](), fault);
    let outcome;
    try {
      outcome = await runCycleWithRetries(CYCLE, deps);
    } finally {
      injected.remove();
    }

    expect(injected.fired()).toBe(fault.times);
    const expectedAttempts = { gather: 1, evaluate: 1, publish: 1, notify: 1 };
    if (retried) expectedAttempts[retried] = 2;
    expect(outcome.attempts).toEqual(expectedAttempts);
    // Preserved: every evidence row and response, each inbox file processed once, the four report
    // files matching their manifest, the same judgement, and exactly one email.
    expect(await whatIsStored(names)).toEqual(baseline);
  });

  it('fails loudly when a fault outlasts every retry, then a later run resumes and sends exactly one email', async () => {
    const { names, deps } = await freshTrust();
    const fault = injectFault('ses', sesClient(), {
      action: 'ses:SendRawEmail',
      error: errors.sesThrottled,
      times: 100,
      layer: 'caller',
    });
    try {
      await expect(runCycleWithRetries(CYCLE, deps)).rejects.toMatchObject({ name: 'Throttling' });
    } finally {
      fault.remove();
    }
    expect(fault.fired()).toBe(5);
    expect(await sentMails()).toHaveLength(0);

    // Ops see the failed execution and run the cycle again: it resumes, and the board gets one email.
    const again = await runCycleWithRetries(CYCLE, deps);
    expect(again.attempts).toEqual({ gather: 1, evaluate: 1, publish: 1, notify: 1 });
    expect(await whatIsStored(names)).toEqual(baseline);
  });
});
