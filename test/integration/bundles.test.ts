// Proves the HTTP functions still work once bundled as they deploy (aliases, externals and inlined config included), each in a fresh Node process.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildFunction } from '../support/build-function';
import { BUNDLE_BUDGET_BYTES, ROOT } from '../../infra/build/bundling';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import { LOCAL_NAMES } from '../../infra/local/environment';
import { documentClient } from '../../shared/aws/dynamodb';
import { FormRepository } from '../../shared/store/forms';
import { newFormId } from '../../shared/domain/forms';
import { exampleConfig, loadEvent } from '../support/fixtures';
import { openForm } from '../support/builders';
import { SigningKeyRepository } from '../../shared/store/signing-keys';
import { issueRenderToken } from '../../shared/feedback/render-token';
import { ROUTES } from '../../shared/http/routes';
import type { HttpEvent } from '../../shared/http/stack';
import { httpEvent } from '../support/http-event';

const outdir = mkdtempSync(join(tmpdir(), 'pillar7-bundles-'));
const formId = newFormId();

/** Runs a bundled handler the way Lambda does: a new process, the bundle imported, one event. */
function invoke(
  file: string,
  event: unknown,
  extraEnv: Record<string, string> = {},
): { statusCode: number; body: string } {
  const script = `const { handler } = await import(${JSON.stringify(file)}); const r = await handler(JSON.parse(process.argv[1]), {}); process.stdout.write(JSON.stringify(r));`;
  const env = { ...process.env, ...extraEnv };
  delete env.PILLAR7_CONFIG_JSON; // the bundle must carry its own config
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(event)], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (out.status !== 0) throw new Error(`bundle failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { statusCode: number; body: string };
}

beforeAll(async () => {
  await bootstrapLocal(LOCAL_NAMES.table, LOCAL_NAMES.bucket);
  await new FormRepository(documentClient(), LOCAL_NAMES.table).create(openForm('bundle-cycle', { formId }));
});

describe('the HTTP functions as bundled for Lambda', () => {
  it.each(['submit-response', 'form-definition', 'form-page', 'health'])(
    '%s is within the 256 KB budget and answers from a fresh process',
    async (fn) => {
      const { file, bytes } = await buildFunction(fn, exampleConfig(), outdir);
      expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES.http);

      const event = httpEvent({
        method: fn === 'submit-response' ? 'POST' : 'GET',
        resource: ROUTES.find((r) => r.fn === fn)!.path,
        params: { formId },
        body: null,
      });
      if (fn === 'submit-response') {
        // A token as the form's definition would issue it, old enough to use.
        const secret = await new SigningKeyRepository(documentClient(), LOCAL_NAMES.table).get();
        const body = JSON.parse(loadEvent<HttpEvent>('http/submit-response.json').body!) as object;
        event.body = JSON.stringify({
          ...body,
          token: issueRenderToken(secret, formId, Date.now() - 10_000),
        });
      }
      const res = invoke(file, event);
      expect(res.statusCode).toBe(fn === 'submit-response' ? 201 : 200);
      if (fn === 'form-page') {
        expect(res.body).toContain('Riverbend Learning Trust');
        // The logo is not in the bundle, which stays within budget whatever its size, but beside it.
        expect(readFileSync(file, 'utf8')).not.toContain('data:image/png;base64');
        expect(res.body).toContain(exampleConfig().trust.logo!);
      }
    },
    60_000,
  );
});

describe('the verified form functions as bundled for Lambda', () => {
  it('form-access is within the 256 KB budget and serves its browser script from beside the bundle', async () => {
    const { file, bytes } = await buildFunction('form-access', exampleConfig(), outdir);
    expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES.http);
    const event = httpEvent({ method: 'GET', resource: '/assets/verified-form.js', body: null });
    const res = invoke(file, event);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(readFileSync(join(dirname(file), 'verified-form.js'), 'utf8'));
    expect(res.body.length).toBeGreaterThan(10_000);
  }, 60_000);

  it('issue-token is within the 256 KB budget and answers from a fresh process', async () => {
    const { file, bytes } = await buildFunction('issue-token', exampleConfig(), outdir);
    expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES.http);
    const event = httpEvent({
      method: 'POST',
      resource: '/api/forms/{formId}/access',
      params: { formId },
      body: JSON.stringify({ link: 'x'.repeat(43) }),
    });
    // An open form has no verified routes: not found, from the bundle, without a private key store.
    const res = invoke(file, event, { PILLAR7_KEY_DIR: outdir });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'form_not_found' });
  }, 60_000);
});

describe('the evaluate function as bundled for Lambda', () => {
  it('is within the pipeline budget, ships its solver beside it, and audits from a fresh process', async () => {
    // Built inside the project: this bundle still imports '@smithy/core/event-streams' (left external
    // in infra/build/bundling.ts) at load, which only node_modules here resolves. Known gap, see README.
    const inside = mkdtempSync(join(ROOT, '.pillar7-bundle-'));
    onTestFinished(() => rmSync(inside, { recursive: true, force: true }));
    const { file, bytes } = await buildFunction('evaluate', exampleConfig(), inside);
    expect(bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES.pipeline);
    expect(existsSync(join(dirname(file), 'highs.wasm'))).toBe(true);
    const script = `const { handler } = await import(${JSON.stringify(file)}); const r = await handler({ cycleId: '2027-spring', force: true }, {}); process.stdout.write(JSON.stringify(r));`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TABLE_NAME: LOCAL_NAMES.table,
      BUCKET_NAME: LOCAL_NAMES.bucket,
    };
    delete env.PILLAR7_CONFIG_JSON;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.stderr).not.toMatch(/highs\.wasm|ENOENT/);
    expect(out.stderr + String(out.status)).toBe('0');
    expect(JSON.parse(out.stdout)).toMatchObject({ cycleId: '2027-spring' });
  }, 120_000);
});
