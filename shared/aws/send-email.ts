import { SignatureV4 } from '@smithy/signature-v4';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { NodeSha256 } from './sigv4';

/**
 * SES SendEmail (the v1 query API) as one signed HTTPS request, for an HTTP function whose bundle
 * budget (SPEC section 9: 256 KB) cannot also hold the SES client. It signs with the SDK's own
 * SigV4 signer and the function's own credentials, exactly as the client would (test/unit/
 * send-email.test.ts compares the two), and throws on anything but 200 with SES's error code.
 */
export async function sendTextEmail(message: {
  from: string;
  to: string;
  subject: string;
  text: string;
  configurationSet?: string;
}): Promise<string> {
  const request = await signedSendEmail(message, new Date());
  const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const body = await res.text();
  if (res.status !== 200) {
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? `HTTP ${res.status}`;
    throw Object.assign(new Error(`SES refused the e-mail: ${code}`), { name: code });
  }
  return /<MessageId>([^<]+)<\/MessageId>/.exec(body)?.[1] ?? '';
}

/** The signed request, separate from sending it so a test can compare it with the SDK client's. */
export async function signedSendEmail(
  message: { from: string; to: string; subject: string; text: string; configurationSet?: string },
  at: Date,
  credentials = fromEnv(),
  /** Headers to sign as well (a test gives the SDK client's own, to compare signatures). */
  extraHeaders: Record<string, string> = {},
): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const region = process.env.AWS_REGION || 'eu-west-2';
  const endpoint = new URL(process.env.AWS_ENDPOINT_URL_SES || `https://email.${region}.amazonaws.com`);
  const params: [string, string][] = [
    ['Action', 'SendEmail'],
    ['Version', '2010-12-01'],
    ['Source', message.from],
    ['Destination.ToAddresses.member.1', message.to],
    ['Message.Subject.Data', message.subject],
    ['Message.Subject.Charset', 'UTF-8'],
    ['Message.Body.Text.Data', message.text],
    ['Message.Body.Text.Charset', 'UTF-8'],
    ...(message.configurationSet
      ? [['ConfigurationSetName', message.configurationSet] as [string, string]]
      : []),
  ];
  // Encoded as the SDK's query serializer does (RFC 3986: spaces as %20, and !'()* escaped too).
  const encode = (v: string) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const body = params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const signer = new SignatureV4({ service: 'ses', region, credentials, sha256: NodeSha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: endpoint.pathname || '/',
      query: {},
      headers: {
        ...extraHeaders,
        host: endpoint.host,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    },
    { signingDate: at },
  );
  return { url: endpoint.toString(), headers: signed.headers as Record<string, string>, body };
}
