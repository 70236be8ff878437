// Proves the one-request SES SendEmail signs exactly as the SES client does: the same body and the same SigV4 signature.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { signedSendEmail } from '../../shared/aws/send-email';
import { exampleCredentials as credentials, keptRequest } from '../support/signing';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('sendTextEmail', () => {
  it('sends the same signed request the SES client would', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('AWS_ENDPOINT_URL_SES', '');
    vi.useFakeTimers({ toFake: ['Date'] });
    const at = new Date('2026-11-26T10:00:00Z');
    vi.setSystemTime(at);
    const message = {
      from: 'qa@riverbend-trust.example',
      to: 'jo.bloggs@oak.example',
      subject: 'Your link - Riverbend & co',
      text: 'Here is your link:\nhttps://form.example/f/x/v#abc+/=',
      configurationSet: 'pillar7-board-mail',
    };
    const kept = keptRequest(
      '<SendEmailResponse><SendEmailResult><MessageId>m</MessageId></SendEmailResult></SendEmailResponse>',
    );
    const client = new SESClient({ region: 'eu-west-2', credentials, requestHandler: kept.requestHandler });
    await client.send(
      new SendEmailCommand({
        Source: message.from,
        Destination: { ToAddresses: [message.to] },
        Message: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
        },
        ConfigurationSetName: message.configurationSet,
      }),
    );
    // The client also signs its own bookkeeping headers; given those, the signatures must agree.
    const sdk = kept.request();
    const ours = await signedSendEmail(message, at, async () => credentials, kept.clientHeaders());
    const plain = await signedSendEmail(message, at, async () => credentials);
    expect(plain.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE0000000\/20261126\/eu-west-2\/ses\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(ours.url).toBe('https://email.eu-west-2.amazonaws.com/');
    expect(new URLSearchParams(ours.body).toString()).toBe(new URLSearchParams(sdk.body).toString());
    expect(ours.body).toBe(sdk.body);
    expect(ours.headers.authorization).toBe(sdk.headers.authorization);
  });
});
