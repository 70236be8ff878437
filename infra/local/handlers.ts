import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/http/stack';
import type { HttpFunctionName } from '../../shared/http/routes';
import type { CycleStepName } from '../../shared/cycle/steps';

type HttpHandler = (e: HttpEvent, c: Context) => Promise<HttpResult>;
type StepHandler = (e: unknown, c: Context) => Promise<Record<string, unknown>>;

/**
 * Imports a function's handler module: the same file esbuild bundles for Lambda. Imported lazily so
 * the local environment is in place before the module reads it.
 */
export async function loadHttpHandler(fn: HttpFunctionName): Promise<HttpHandler> {
  const mod = (await import(`../../functions/${fn}/handler.ts`)) as { handler: HttpHandler };
  return mod.handler;
}

export async function loadStepHandler(fn: CycleStepName): Promise<StepHandler> {
  const mod = (await import(`../../functions/${fn}/handler.ts`)) as { handler: StepHandler };
  return mod.handler;
}
