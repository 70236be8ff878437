import * as z from './zod';
import { toInputIssues } from './issues';

const name = z.string().check(z.minLength(1));

/** What each kind of function needs from its environment, checked once at module load. */
export const envSchemas = {
  http: z.looseObject({ TABLE_NAME: name }),
  pipeline: z.looseObject({
    TABLE_NAME: name,
    BUCKET_NAME: name,
    REPORT_LINK_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  }),
};

export function loadEnv<K extends keyof typeof envSchemas>(
  kind: K,
  env: NodeJS.ProcessEnv = process.env,
): z.output<(typeof envSchemas)[K]> {
  const result = envSchemas[kind].safeParse(env);
  if (!result.success) {
    const detail = toInputIssues(result.error.issues)
      .map((i) => `${i.path} (${i.message})`)
      .join(', ');
    throw new Error(`function environment is incomplete: ${detail}`);
  }
  return result.data as z.output<(typeof envSchemas)[K]>;
}
