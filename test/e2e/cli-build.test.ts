// Proves the pillar7 command runs compiled: built with every handler in it, rebuilt when a source is
// newer than the build, and starting no emulator for the commands that need no database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runPillar7 } from '../support/cli-process';

const BUNDLE = join(ROOT, 'dist/cli/pillar7.js');
let home: string;
const pillar7 = (...args: string[]) => runPillar7(args, { ...process.env, PILLAR7_HOME: home });

beforeAll(() => {
  home = join(mkdtempSync(join(tmpdir(), 'pillar7-cli-')), 'data');
});
afterAll(() => rmSync(join(home, '..'), { recursive: true, force: true }));

describe('the pillar7 command', () => {
  it('runs from its compiled build, which holds the CLI and every function handler the local run loads', () => {
    expect(pillar7('--help').status).toBe(0);
    const inputs = JSON.parse(readFileSync(join(ROOT, 'dist/cli/inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('infra/cli/main.ts');
    for (const fn of readdirSync(join(ROOT, 'functions')))
      expect(inputs).toContain(`functions/${fn}/handler.ts`);
    expect(existsSync(join(ROOT, 'dist/cli/verified-form.js'))).toBe(true);
  }, 120_000);

  it('rebuilds itself when a source is newer than its build, and then runs the new build', () => {
    expect(pillar7('--help').status).toBe(0);
    // The build as it was ten seconds ago, then a source saved now.
    const built = new Date(Date.now() - 10_000);
    utimesSync(BUNDLE, built, built);
    const saved = new Date();
    utimesSync(join(ROOT, 'infra/cli/usage.ts'), saved, saved);
    const run = pillar7('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: pillar7 <command> [options]');
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThanOrEqual(saved.getTime() - 1);
  }, 120_000);

  it('checks a config and prints help without starting an emulator or making a data folder', () => {
    const valid = pillar7('config', 'validate', 'config/example-trust.yaml');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain('is a valid trust config: Riverbend Learning Trust');
    const invalid = pillar7('config', 'validate', 'package.json');
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('package.json is not a valid trust config');
    expect(pillar7('--help').status).toBe(0);
    expect(existsSync(home)).toBe(false);
  }, 120_000);
});
