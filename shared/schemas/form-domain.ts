import * as z from './zod';

/** What is wrong with a domain name for the form, in words; undefined when it will do. */
function domainNameProblem(name: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return 'must be the domain name alone, without https://';
  if (/[/?#]/.test(name)) return 'must be the domain name alone, without a path';
  if (name !== name.toLowerCase()) return 'must be written in lower case';
  if (name.endsWith('.')) return 'must not end with a dot';
  if (name.length > 253) return 'must be at most 253 characters';
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l)))
    return 'must be a full domain name of letters, digits and hyphens, such as feedback.riverbend-trust.example';
  if (/^\d+$/.test(labels.at(-1)!)) return 'must be a domain name, not an IP address';
  return undefined;
}

/** An ACM certificate's ARN; the region it names is the region the certificate lives in. */
export const CERTIFICATE_ARN =
  /^arn:aws[a-z-]*:acm:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A web address of the trust's own for the form (and the console beside it), instead of the
 * execute-api one: the domain, the ARN of an ACM certificate for it, and optionally the Route 53
 * hosted zone the stack adds the domain's DNS record to (otherwise the trust adds it by hand).
 */
export const formDomainSchema = z.strictObject({
  name: z
    .string({
      error: 'must be the domain the form is served on, such as feedback.riverbend-trust.example',
    })
    .check(
      z.superRefine((name, ctx) => {
        const problem = domainNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: name });
      }),
    ),
  certificateArn: z
    .string({
      error: 'must be the ARN of an ACM certificate for the domain, in the region the stack is deployed to',
    })
    .check(
      z.regex(
        CERTIFICATE_ARN,
        'must be the ARN of an ACM certificate, such as arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
      ),
    ),
  hostedZoneId: z.optional(
    z
      .string()
      .check(
        z.regex(/^Z[A-Z0-9]{4,32}$/, 'must be a Route 53 hosted zone id, such as Z0123456789ABCDEFGHIJ'),
      ),
  ),
});
