import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { objectKeys } from '../../shared/store/keys';
import { s3Client } from '../../shared/aws/s3';

/** Empties the given prefixes of a bucket, so a test starts from a known inbox whatever ran before it. */
export async function clearPrefixes(bucket: string, prefixes: string[]): Promise<void> {
  for (const Prefix of prefixes) {
    const keys = (
      (await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix }))).Contents ?? []
    ).map((o) => ({ Key: o.Key! }));
    if (keys.length)
      await s3Client().send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
}

const demoDir = fileURLToPath(new URL('../../events/imports/demo/', import.meta.url));

/** Puts the demo's evidence file of each kind it has in the bucket's inbox, in its kind's folder. */
export async function putDemoInbox(bucket: string): Promise<void> {
  for (const kind of EVIDENCE_KINDS) {
    const file = readdirSync(demoDir).find((f) => f.startsWith(kind));
    if (!file) continue;
    await s3Client().send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${objectKeys.inboxPrefix(kind)}${file}`,
        Body: readFileSync(demoDir + file),
      }),
    );
  }
}
