import { SESClient } from '@aws-sdk/client-ses';

let ses: SESClient | undefined;

export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}
