import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJSONSchema } from 'zod/mini';
import { evaluationSchema } from '../../shared/schemas/evaluation';

export const SCHEMA_FILE = fileURLToPath(new URL('../../docs/evaluation.schema.json', import.meta.url));

/** evaluation.json's zod schema as JSON Schema, for readers outside TypeScript. */
export function evaluationJsonSchema(): string {
  const schema = toJSONSchema(evaluationSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, $id: 'pillar7-qa/evaluation.schema.json', title: 'pillar7-qa cycle evaluation (evaluation.json)' }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, evaluationJsonSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
