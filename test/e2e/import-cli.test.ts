// Proves `pillar7 import` as a QA lead runs it: the summary, --json, and exit codes 0, 2 and 2 for a refused file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPillar7 } from '../support/cli-process';
import { exampleConfigWithCycleAroundToday } from '../support/fixtures';

let home: string;
const pillar7 = (...args: string[]) => runPillar7(args, { ...process.env, PILLAR7_HOME: home });

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'pillar7-import-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('pillar7 import', () => {
  it('loads the good rows, lists each rejected one, and exits 2 because some were rejected', () => {
    const run = pillar7('import', 'events/imports/peer-reviews.excel.csv', '--kind', 'peer-reviews');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      'events/imports/peer-reviews.excel.csv: 4 imported, 0 unchanged, 4 rows rejected.',
    );
    expect(run.stdout).toContain(
      '  row 5, date: "31/02/2026" is not a real date as YYYY-MM-DD or DD/MM/YYYY',
    );
  }, 120_000);

  it('prints the machine-readable summary with --json, and the same file again changes nothing', () => {
    const run = pillar7(
      'import',
      'events/imports/peer-reviews.excel.csv',
      '--kind',
      'peer-reviews',
      '--json',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      imported: 0,
      unchanged: 4,
      rejected: [{ row: 5, column: 'date' }, { row: 6 }, { row: 7 }, { row: 8 }],
    });
  }, 120_000);

  it('exits 0 when every row is good', () => {
    const run = pillar7('import', 'events/imports/demo/headcount.csv', '--kind', 'headcount', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ imported: 24, unchanged: 0, rejected: [] });
  }, 120_000);

  it('refuses a file missing a column, an unknown kind and a missing file, with exit 2 and the reason', () => {
    const missing = pillar7(
      'import',
      'events/imports/peer-reviews.missing-column.csv',
      '--kind',
      'peer-reviews',
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'events/imports/peer-reviews.missing-column.csv was not imported: missing required column: reviewer_type',
    );
    const kind = pillar7('import', 'events/imports/kpis.csv', '--kind', 'kpi');
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain(
      '--kind must be one of peer-reviews, recommendations, board-reviews, kpis, model-changes, headcount, staff, not "kpi"',
    );
    const nofile = pillar7('import', 'nowhere.csv', '--kind', 'kpis');
    expect(nofile.status).toBe(2);
    expect(nofile.stderr).toContain('cannot open nowhere.csv: no such file');
  }, 120_000);

  it('seeds synthetic responses for a cycle through the form use case, and refuses a bad count', () => {
    // Seeding opens the cycle's form, which only a cycle that has not ended may have: a trust whose
    // cycle runs around today, so the test proves the same on any day.
    const config = exampleConfigWithCycleAroundToday('this-term', 30, 30);
    const run = pillar7('seed', '--responses', '25', '--cycle', 'this-term', '--config', config);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('Stored 25 synthetic responses in cycle this-term.');
    const bad = pillar7('seed', '--responses', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('seed needs --responses N, a whole number from 1 to 1,000,000');
  }, 120_000);
});
