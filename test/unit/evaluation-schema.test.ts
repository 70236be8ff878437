// Proves every evaluation the rubric produces matches the published schema, and that docs/evaluation.schema.json is that schema.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluationSchema } from '../../shared/schemas/evaluation';
import { SCHEMA_FILE, evaluationJsonSchema } from '../../infra/build/evaluation-json-schema';
import { evaluationOf, response, times } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

describe('the published evaluation schema', () => {
  it('accepts what the rubric produces, with and without responses and evidence', () => {
    const config = exampleConfig();
    for (const responses of [
      [],
      times(30, (i) => response({ safety: 4, influence: 3, comment: `c${i}`, ratings: { vision: 4 } })),
    ]) {
      const e = evaluationOf(config, responses);
      expect(evaluationSchema.safeParse(e).error).toBeUndefined();
    }
  });

  it('rejects an evaluation with a figure of the wrong kind', () => {
    const config = exampleConfig();
    const e = evaluationOf(config);
    expect(evaluationSchema.safeParse({ ...e, overall: { ...e.overall, rating: 'purple' } }).success).toBe(
      false,
    );
  });

  it('is committed as JSON Schema in docs/ (regenerate with npm run docs:schema)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(evaluationJsonSchema()));
  });
});
