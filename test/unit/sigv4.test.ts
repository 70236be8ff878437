// Proves the hand-signed report link, listing, upload form and run resume are exactly what the SDK's S3 presigner and Step Functions client produce.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { presignS3Get, presignS3List, presignS3Post, signedSendTaskSuccess } from '../../shared/aws/sigv4';
import { exampleCredentials as credentials, keptRequest } from '../support/signing';

const at = new Date('2026-11-27T10:00:00Z');
/** A URL with its query in one order, so two signings compare whatever order each wrote them in. */
const sorted = (u: string) => {
  const url = new URL(u);
  url.searchParams.sort();
  return url.toString();
};
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const ENDPOINTS = [
  ['in the cloud (virtual-hosted)', ''],
  ['on the emulator (path-style)', 'http://127.0.0.1:4569'],
] as const;
/** The SDK's S3 client on the endpoint, which our signer reads from the environment. */
const s3On = (endpoint: string, creds: typeof credentials & { sessionToken?: string } = credentials) => {
  vi.stubEnv('AWS_REGION', 'eu-west-2');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
  return new S3Client({
    region: 'eu-west-2',
    credentials: creds,
    forcePathStyle: Boolean(endpoint),
    ...(endpoint ? { endpoint } : {}),
  });
};

describe('presignS3Get', () => {
  it.each(ENDPOINTS)('gives the URL getSignedUrl gives %s', async (_where, endpoint) => {
    const sdk = await getSignedUrl(
      s3On(endpoint),
      new GetObjectCommand({ Bucket: 'pillar7-files', Key: 'reports/2026-autumn/report.pdf' }),
      { expiresIn: 300, signingDate: at },
    );
    const ours = await presignS3Get(
      'pillar7-files',
      'reports/2026-autumn/report.pdf',
      300,
      at,
      async () => credentials,
    );
    expect(sorted(ours)).toBe(sorted(sdk));
  });
});

describe('signedSendTaskSuccess', () => {
  it('signs the request the Step Functions client would send', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ENDPOINT_URL_SFN', '');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const kept = keptRequest();
    const client = new SFNClient({ region: 'eu-west-2', credentials, requestHandler: kept.requestHandler });
    const output = JSON.stringify({ cycleId: '2026-autumn', force: false });
    await client.send(new SendTaskSuccessCommand({ taskToken: 'token+/=', output }));
    const sdk = kept.request();
    const ours = await signedSendTaskSuccess(
      'token+/=',
      output,
      at,
      async () => credentials,
      kept.clientHeaders(),
    );
    expect(ours.url).toBe('https://states.eu-west-2.amazonaws.com/');
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(sdk.body));
    expect(ours.body).toBe(sdk.body);
    expect(ours.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(ours.headers.authorization).toBe(sdk.headers.authorization);
  });
});

describe('presignS3List', () => {
  it.each(ENDPOINTS)('gives the URL getSignedUrl gives for ListObjectsV2 %s', async (_where, endpoint) => {
    const sdk = await getSignedUrl(
      s3On(endpoint),
      new ListObjectsV2Command({ Bucket: 'pillar7-files', Prefix: 'imports/' }),
      { expiresIn: 60, signingDate: at },
    );
    const ours = await presignS3List('pillar7-files', 'imports/', 60, at, async () => credentials);
    expect(sorted(ours)).toBe(sorted(sdk));
  });
});

describe('presignS3Post', () => {
  it.each([
    ['in the cloud, with a session token', '', 'session-token-example'],
    ['on the emulator (path-style)', 'http://127.0.0.1:4569', undefined],
  ])('gives the form createPresignedPost gives %s', async (_where, endpoint, sessionToken) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const creds = { ...credentials, ...(sessionToken ? { sessionToken } : {}) };
    const redirect = 'https://qa.example/form/console/evidence/uploaded';
    const sdk = await createPresignedPost(s3On(endpoint, creds), {
      Bucket: 'pillar7-files',
      Key: 'inbox/peer-reviews/20261127T100000Z-${filename}',
      Conditions: [['content-length-range', 1, 20_971_520]],
      Fields: { success_action_redirect: redirect },
      Expires: 900,
    });
    const ours = await presignS3Post(
      'pillar7-files',
      { keyPrefix: 'inbox/peer-reviews/20261127T100000Z-', redirect, maxBytes: 20_971_520, expiresIn: 900 },
      at,
      async () => creds,
    );
    expect(ours.url.replace(/\/$/, '')).toBe(sdk.url.replace(/\/$/, ''));
    expect(ours.fields).toEqual(sdk.fields);
    const policy = JSON.parse(Buffer.from(ours.fields.Policy!, 'base64').toString()) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['starts-with', '$key', 'inbox/peer-reviews/20261127T100000Z-']);
  });
});
