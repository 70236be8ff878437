// Proves the hand-signed report link, listing, upload form and run resume are exactly what the SDK's S3 presigner and Step Functions client produce.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { presignS3Get, presignS3List, presignS3Post, signedSendTaskSuccess } from '../../shared/aws/sigv4';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE0000000',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
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

describe('presignS3Get', () => {
  it.each([
    ['in the cloud (virtual-hosted)', ''],
    ['on the emulator (path-style)', 'http://127.0.0.1:4569'],
  ])('gives the URL getSignedUrl gives %s', async (_where, endpoint) => {
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
    const client = new S3Client({
      region: 'eu-west-2',
      credentials,
      forcePathStyle: Boolean(endpoint),
      ...(endpoint ? { endpoint } : {}),
    });
    const sdk = await getSignedUrl(
      client,
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
    let sdk: { headers: Record<string, string>; body: string } | undefined;
    const client = new SFNClient({
      region: 'eu-west-2',
      credentials,
      requestHandler: {
        handle: async (request: { headers: Record<string, string>; body: string }) => {
          sdk = { headers: request.headers, body: String(request.body) };
          return { response: { statusCode: 200, headers: {}, body: Readable.from(['{}']) } };
        },
      } as never,
    });
    const output = JSON.stringify({ cycleId: '2026-autumn', force: false });
    await client.send(new SendTaskSuccessCommand({ taskToken: 'token+/=', output }));
    const {
      authorization: _a,
      'x-amz-date': _d,
      'x-amz-content-sha256': _c,
      ...clientHeaders
    } = sdk!.headers;
    const ours = await signedSendTaskSuccess('token+/=', output, at, async () => credentials, clientHeaders);
    expect(ours.url).toBe('https://states.eu-west-2.amazonaws.com/');
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(sdk!.body));
    expect(ours.body).toBe(sdk!.body);
    expect(ours.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(ours.headers.authorization).toBe(sdk!.headers.authorization);
  });
});

describe('presignS3List', () => {
  it.each([
    ['in the cloud (virtual-hosted)', ''],
    ['on the emulator (path-style)', 'http://127.0.0.1:4569'],
  ])('gives the URL getSignedUrl gives for ListObjectsV2 %s', async (_where, endpoint) => {
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
    const client = new S3Client({
      region: 'eu-west-2',
      credentials,
      forcePathStyle: Boolean(endpoint),
      ...(endpoint ? { endpoint } : {}),
    });
    const sdk = await getSignedUrl(
      client,
      new ListObjectsV2Command({ Bucket: 'pillar7-files', Prefix: 'imports/' }),
      {
        expiresIn: 60,
        signingDate: at,
      },
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
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const creds = { ...credentials, ...(sessionToken ? { sessionToken } : {}) };
    const client = new S3Client({
      region: 'eu-west-2',
      credentials: creds,
      forcePathStyle: Boolean(endpoint),
      ...(endpoint ? { endpoint } : {}),
    });
    const redirect = 'https://qa.example/form/console/evidence/uploaded';
    const sdk = await createPresignedPost(client, {
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
