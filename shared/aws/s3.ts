import { S3Client } from '@aws-sdk/client-s3';

let s3: S3Client | undefined;

/** S3 on an emulator needs path-style addressing: it has no per-bucket host names. */
export function s3Client(): S3Client {
  s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return s3;
}
