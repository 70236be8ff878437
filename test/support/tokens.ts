import type { AwsStub } from 'aws-sdk-client-mock';
import { GetCommand, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
import { issueRenderToken } from '../../shared/feedback/render-token';

/** The render-token key the mocked table holds, so a test can make tokens the handlers accept. */
export const RENDER_SECRET = Buffer.alloc(32, 7);

export function mockRenderKey(ddb: AwsStub<ServiceInputTypes, ServiceOutputTypes, unknown>): void {
  ddb
    .on(GetCommand, { Key: { pk: 'KEY#render-token', sk: 'KEY' } })
    .resolves({ Item: { secret: RENDER_SECRET.toString('base64') } });
}

/** A token for the form, issued `ageMs` before `nowMs` (old enough to use, by default). */
export const renderToken = (formId: string, nowMs: number, ageMs = 10_000) =>
  issueRenderToken(RENDER_SECRET, formId, nowMs - ageMs);

/** A JSON body with a fresh token added. */
export function withToken(
  body: string | null | undefined,
  formId: string,
  nowMs: number,
  ageMs?: number,
): string {
  return JSON.stringify({
    ...(JSON.parse(body ?? '{}') as object),
    token: renderToken(formId, nowMs, ageMs),
  });
}
