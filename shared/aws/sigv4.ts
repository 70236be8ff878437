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

/** A presigned S3 GET, as the SDK's getSignedUrl makes it (path-style on an emulator). */
export async function presignS3Get(
  bucket: string,
  key: string,
  expiresIn: number,
  at = new Date(),
  credentials = fromEnv(),
): Promise<string> {
  const emulator = process.env.AWS_ENDPOINT_URL_S3;
  const endpoint = new URL(emulator || `https://${bucket}.s3.${region()}.amazonaws.com`);
  const path = `${emulator ? `/${bucket}` : ''}/${key.split('/').map(encodeURIComponent).join('/')}`;
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
      // As the SDK's presigner: the operation named, the payload unsigned, and checksums asked for.
      query: { 'x-id': 'GetObject', 'x-amz-checksum-mode': 'ENABLED' },
      headers: { host: endpoint.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn, signingDate: at },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${endpoint.protocol}//${endpoint.host}${path}?${query}`;
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
