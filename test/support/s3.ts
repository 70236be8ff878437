import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
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
