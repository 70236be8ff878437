// Proves the demo evidence, seeded into DynamoDB Local through the real use cases, evaluates to the ratings the demo promises: all five judged, a mix, comments shown, a trend.
import { beforeAll, describe, expect, it } from 'vitest';
import { bootstrapLocal } from '../../infra/local/bootstrap';
import type { Evaluation } from '../../shared/domain/evaluation';

// Its own table and bucket, so the demo's data cannot meet the other integration files' data.
const TABLE = 'pillar7-demo-test';
const BUCKET = 'pillar7-demo-test';
let autumn: Evaluation;
let summer: Evaluation;

beforeAll(async () => {
  process.env.TABLE_NAME = TABLE;
  process.env.BUCKET_NAME = BUCKET;
  await bootstrapLocal(TABLE, BUCKET);
  const { seedDemoOnce } = await import('../../infra/local/demo');
  const { runtimeConfig } = await import('../../shared/config/runtime-config');
  const { runCycleLocally } = await import('../../infra/local/cycle-runner');
  const { CycleRepository } = await import('../../shared/store/cycles');
  const { documentClient } = await import('../../shared/aws/dynamodb');
  const seeded = await seedDemoOnce(runtimeConfig(), TABLE, BUCKET, '2026-11-26');
  expect(seeded).toMatchObject({ seeded: true, cycleId: '2026-autumn' });
  await runCycleLocally('2026-autumn');
  const cycles = new CycleRepository(documentClient(), TABLE);
  autumn = (await cycles.getEvaluation('2026-autumn'))!;
  summer = (await cycles.getEvaluation('2026-summer'))!;
}, 120_000);

describe('the demo trust, evaluated', () => {
  it('rates the current cycle on every criterion, with a mix of green, amber and red', () => {
    expect(autumn.criteria.map((c) => [c.id, c.rating])).toEqual([
      ['QA1', 'amber'],
      ['QA2', 'green'],
      ['QA3', 'red'],
      ['QA4', 'green'],
      ['QA5', 'amber'],
    ]);
    expect(autumn.overall).toEqual({ rating: 'red', greyCount: 0, trend: 'same' });
    // The example trust shares one link, and its evaluation says so for the report.
    expect(autumn.practitioners.access).toBe('open');
  });

  it('shows a trend against the earlier demo cycle', () => {
    expect(autumn.previousCycleId).toBe('2026-summer');
    expect(summer.criteria.map((c) => c.rating)).not.toContain('grey');
    expect(autumn.criteria.map((c) => [c.id, c.trend])).toEqual([
      ['QA1', 'up'],
      ['QA2', 'up'],
      ['QA3', 'down'],
      ['QA4', 'up'],
      ['QA5', 'up'],
    ]);
  });

  it('shows comments, screened, and flags where the sources disagree', () => {
    expect(autumn.practitioners.comments.length).toBeGreaterThan(10);
    expect(autumn.practitioners.comments.join(' ')).not.toMatch(/@|07700/);
    expect(autumn.triangulation.filter((t) => t.sourcesDisagree).map((t) => t.pillar)).toEqual([
      'innovation',
    ]);
  });

  it('is seeded once: a second start changes nothing', async () => {
    const { seedDemoOnce } = await import('../../infra/local/demo');
    const { runtimeConfig } = await import('../../shared/config/runtime-config');
    expect(await seedDemoOnce(runtimeConfig(), TABLE, BUCKET, '2026-11-26')).toMatchObject({ seeded: false });
  });
});
