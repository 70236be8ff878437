import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from '../schemas/zod';
import { ReportLinkSecretError } from '../errors';

const credentialsSchema = z.object({
  accessKeyId: z.string().check(z.minLength(16)),
  secretAccessKey: z.string().check(z.minLength(16)),
});

/**
 * The S3 client that signs the board's 7-day report link. A link signed with a Lambda role's
 * temporary credentials dies with that session, after hours, so in the cloud the link is signed with
 * the access key of a user that may only read report PDFs, kept in Secrets Manager. Without a secret
 * (local runs) there is nothing to sign with but the function's own client, and undefined is returned.
 */
export function reportLinkSigner(
  secretArn: string | undefined,
  secrets: () => SecretsManagerClient = () => new SecretsManagerClient({}),
): (() => Promise<S3Client>) | undefined {
  if (!secretArn) return undefined;
  let client: Promise<S3Client> | undefined;
  const load = async () => {
    const out = await secrets().send(new GetSecretValueCommand({ SecretId: secretArn }));
    let parsed: unknown;
    try {
      parsed = JSON.parse(out.SecretString ?? '');
    } catch {
      parsed = undefined;
    }
    const result = credentialsSchema.safeParse(parsed);
    if (!result.success) throw new ReportLinkSecretError(secretArn);
    return new S3Client({ credentials: result.data });
  };
  // Loaded once per container; a failed load is not cached, so the next attempt tries again.
  return () => (client ??= load().catch((e: unknown) => ((client = undefined), Promise.reject(e))));
}
