import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * AWS requests signed by hand with the SDK's own SigV4 signer, for HTTP functions whose bundle
 * budget (SPEC section 9: 256 KB) cannot also hold a service's client: the link e-mail (SES), a
 * report link (an S3 presigned GET) and resuming a waiting cycle run (Step Functions). Each is
 * tested equal to what the SDK client produces.
 */
type Source = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Source) =>
  typeof d === 'string'
    ? Buffer.from(d)
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** SHA-256 (or HMAC-SHA-256 with a secret) from node:crypto, in the shape the signer takes. */
export class NodeSha256 {
  private readonly hash;
  constructor(secret?: Source) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Source): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

const region = () => process.env.AWS_REGION || 'eu-west-2';

/** The origin a browser reaches the bucket at (for a page's form-action). */
export const bucketOrigin = (bucket: string) => bucketEndpoint(bucket).url.origin;

/** The bucket's endpoint: virtual-hosted in the cloud, path-style on an emulator. */
function bucketEndpoint(bucket: string): { url: URL; prefix: string } {
  const emulator = process.env.AWS_ENDPOINT_URL_S3;
  return {
    url: new URL(emulator || `https://${bucket}.s3.${region()}.amazonaws.com`),
    prefix: emulator ? `/${bucket}` : '',
  };
}

async function presignS3(
  bucket: string,
  key: string,
  query: Record<string, string>,
  expiresIn: number,
  at: Date,
  credentials: ReturnType<typeof fromEnv>,
): Promise<string> {
  const { url: endpoint, prefix } = bucketEndpoint(bucket);
  const path = `${prefix}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const signer = new SignatureV4({
    service: 's3',
    region: region(),
    credentials,
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path,
      query,
      headers: { host: endpoint.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn, signingDate: at },
  );
  const search = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${endpoint.protocol}//${endpoint.host}${path}?${search}`;
}

/** A presigned S3 GET, as the SDK's getSignedUrl makes it (path-style on an emulator). */
export function presignS3Get(
  bucket: string,
  key: string,
  expiresIn: number,
  at = new Date(),
  credentials = fromEnv(),
): Promise<string> {
  // As the SDK's presigner: the operation named, the payload unsigned, and checksums asked for.
  return presignS3(
    bucket,
    key,
    { 'x-id': 'GetObject', 'x-amz-checksum-mode': 'ENABLED' },
    expiresIn,
    at,
    credentials,
  );
}

/** A presigned ListObjectsV2 of one prefix (up to 1,000 keys), as getSignedUrl makes it. */
export function presignS3List(
  bucket: string,
  prefix: string,
  expiresIn: number,
  at = new Date(),
  credentials = fromEnv(),
): Promise<string> {
  return presignS3(bucket, '', { 'list-type': '2', prefix }, expiresIn, at, credentials);
}

export interface PresignedPost {
  url: string;
  /** The form's fields, in order, before the file. */
  fields: Record<string, string>;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * A presigned S3 POST (a browser form that uploads one file straight to the bucket), exactly as the
 * SDK's createPresignedPost makes it: the key is `keyPrefix` and the uploaded file's name (the
 * policy allows any key under the prefix), one redirect back, a size range, and an expiry.
 */
export async function presignS3Post(
  bucket: string,
  options: { keyPrefix: string; redirect: string; maxBytes: number; expiresIn: number },
  at = new Date(),
  credentials = fromEnv(),
): Promise<PresignedPost> {
  const { url: endpoint, prefix } = bucketEndpoint(bucket);
  const creds = await credentials();
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const stamp = iso(at).replace(/[-:]/g, '');
  const day = stamp.slice(0, 8);
  const fields: Record<string, string> = {
    success_action_redirect: options.redirect,
    bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${creds.accessKeyId}/${day}/${region()}/s3/aws4_request`,
    'X-Amz-Date': stamp,
    ...(creds.sessionToken ? { 'X-Amz-Security-Token': creds.sessionToken } : {}),
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso(new Date(at.getTime() + options.expiresIn * 1000)),
      conditions: [
        ['content-length-range', 1, options.maxBytes],
        ...Object.entries(fields).map(([k, v]) => ({ [k]: v })),
        ['starts-with', '$key', options.keyPrefix],
      ],
    }),
  ).toString('base64');
  let signingKey = hmac(`AWS4${creds.secretAccessKey}`, day);
  for (const part of [region(), 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
  return {
    url: `${endpoint.protocol}//${endpoint.host}${prefix || '/'}`,
    fields: {
      ...fields,
      key: `${options.keyPrefix}\${filename}`,
      Policy: policy,
      'X-Amz-Signature': hmac(signingKey, policy).toString('hex'),
    },
  };
}

/** Step Functions SendTaskSuccess as a signed request (apart from sending it, so a test can compare). */
export async function signedSendTaskSuccess(
  taskToken: string,
  output: string,
  at: Date,
  credentials = fromEnv(),
  extraHeaders: Record<string, string> = {},
): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const endpoint = new URL(process.env.AWS_ENDPOINT_URL_SFN || `https://states.${region()}.amazonaws.com`);
  const body = JSON.stringify({ taskToken, output });
  const signer = new SignatureV4({ service: 'states', region: region(), credentials, sha256: NodeSha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: '/',
      query: {},
      headers: {
        ...extraHeaders,
        host: endpoint.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.SendTaskSuccess',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    },
    { signingDate: at },
  );
  return { url: endpoint.toString(), headers: signed.headers as Record<string, string>, body };
}

/** Hands a waiting cycle run its token back with the output given; throws with the service's error code. */
export async function sendTaskSuccess(taskToken: string, output: string): Promise<void> {
  const request = await signedSendTaskSuccess(taskToken, output, new Date());
  const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  if (res.status !== 200) {
    const text = await res.text();
    const code = /"__type":"(?:[^#"]*#)?([^"]+)"/.exec(text)?.[1] ?? `HTTP ${res.status}`;
    throw Object.assign(new Error(`Step Functions refused to resume the run: ${code}`), { name: code });
  }
}
