// Proves the config's form.domain is optional, and that each mistake in it is named in plain words, with its line.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../shared/config/load-config';
import { ConfigError } from '../../shared/errors';
import { exampleConfig, exampleConfigText } from '../support/fixtures';

const CERTIFICATE = 'arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** The example trust with `form.domain` set to this (JSON, so any value can be written). */
const withDomain = (domain: unknown) => {
  const config: Record<string, unknown> = { ...exampleConfig() };
  config.form = { ...exampleConfig().form, domain };
  return JSON.stringify(config);
};

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
};
const messagesOf = (domain: unknown) =>
  issuesOf(() => parseConfigText(withDomain(domain), 'trust.json')).map((i) => `${i.path}: ${i.message}`);

describe('form.domain in the trust config', () => {
  it('is optional: the example trust has none', () => {
    expect(exampleConfig().form.domain).toBeUndefined();
  });

  it('takes a domain and an ACM certificate in the stack’s region, and optionally a hosted zone', () => {
    const domain = { name: 'feedback.riverbend-trust.example', certificateArn: CERTIFICATE };
    expect(parseConfigText(withDomain(domain), 'trust.json').form.domain).toEqual(domain);
    const zoned = { ...domain, hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
    expect(parseConfigText(withDomain(zoned), 'trust.json').form.domain).toEqual(zoned);
  });

  it.each([
    ['https://feedback.riverbend-trust.example', 'must be the domain name alone, without https://'],
    ['feedback.riverbend-trust.example/form', 'must be the domain name alone, without a path'],
    ['Feedback.Riverbend-Trust.example', 'must be written in lower case'],
    ['feedback.riverbend-trust.example.', 'must not end with a dot'],
    [
      'feedback',
      'must be a full domain name of letters, digits and hyphens, such as feedback.riverbend-trust.example',
    ],
    [
      'feedback_form.riverbend-trust.example',
      'must be a full domain name of letters, digits and hyphens, such as feedback.riverbend-trust.example',
    ],
    [
      '*.riverbend-trust.example',
      'must be a full domain name of letters, digits and hyphens, such as feedback.riverbend-trust.example',
    ],
    ['10.0.0.1', 'must be a domain name, not an IP address'],
  ])('refuses the domain %s: %s', (name, message) => {
    expect(messagesOf({ name, certificateArn: CERTIFICATE })).toEqual([`form.domain.name: ${message}`]);
  });

  it('refuses anything but an ACM certificate’s ARN, and says what one looks like', () => {
    for (const certificateArn of [
      'arn:aws:iam::123456789012:server-certificate/feedback',
      'arn:aws:acm:eu-west-2:123456789012:certificate/not-an-id',
      '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    ])
      expect(messagesOf({ name: 'feedback.riverbend-trust.example', certificateArn })).toEqual([
        'form.domain.certificateArn: must be the ARN of an ACM certificate, such as arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      ]);
  });

  it('refuses a certificate from another region than the stack’s, naming both', () => {
    const elsewhere = CERTIFICATE.replace('eu-west-2', 'us-east-1');
    expect(messagesOf({ name: 'feedback.riverbend-trust.example', certificateArn: elsewhere })).toEqual([
      'form.domain.certificateArn: must be a certificate in eu-west-2, the region the stack is deployed to, not us-east-1: request or import the certificate in ACM there',
    ]);
  });

  it('says what is missing, and refuses a malformed hosted zone id', () => {
    expect(messagesOf({ certificateArn: CERTIFICATE })).toEqual([
      'form.domain.name: must be the domain the form is served on, such as feedback.riverbend-trust.example',
    ]);
    expect(messagesOf({ name: 'feedback.riverbend-trust.example' })).toEqual([
      'form.domain.certificateArn: must be the ARN of an ACM certificate for the domain, in the region the stack is deployed to',
    ]);
    expect(
      messagesOf({
        name: 'feedback.riverbend-trust.example',
        certificateArn: CERTIFICATE,
        hostedZoneId: 'riverbend-trust.example',
      }),
    ).toEqual(['form.domain.hostedZoneId: must be a Route 53 hosted zone id, such as Z0123456789ABCDEFGHIJ']);
  });

  it('names the line of the mistake in a YAML file, as config validate prints it', () => {
    const text = exampleConfigText().replace(
      /^form:\n/m,
      `form:\n  domain:\n    name: https://feedback.riverbend-trust.example\n    certificateArn: ${CERTIFICATE}\n`,
    );
    const line = text.split('\n').findIndex((l) => l.includes('name: https://')) + 1;
    expect(issuesOf(() => parseConfigText(text, 'trust.yaml'))).toEqual([
      { path: 'form.domain.name', message: 'must be the domain name alone, without https://', line },
    ]);
  });
});
