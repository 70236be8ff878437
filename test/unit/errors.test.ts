// Proves each error declares its kind and keeps its class name, and that HTTP problems, CLI exit codes and the retry list are all derived from the kind.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as taxonomy from '../../shared/errors';
import {
  ApprovalRefusedError,
  ConcurrentPublishError,
  ConfigError,
  FormClosedError,
  FormNotFoundError,
  NoDraftError,
  NoEvaluationError,
  NotStoredError,
  Pillar7Error,
  UnauditedEvaluationError,
  UnknownCycleError,
  ValidationError,
  kindOf,
} from '../../shared/errors';
import { CYCLE_STEP_ERRORS, NOT_RETRIED } from '../../shared/errors/retry-policy';
import { CYCLE_STEP_NAMES } from '../../shared/cycle/steps';
import { HttpProblem, toProblem } from '../../shared/http/problems';
import { exitCodeFor } from '../../infra/cli/exit-codes';
import { UsageError } from '../../infra/cli/usage';
import { AwsTargetError } from '../../infra/cli/aws-commands';
import { MissingJavaError } from '../../infra/local/emulators';
import { AlreadyRunningError, PortInUseError } from '../../infra/local/start';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every error class: the taxonomy's, and those of the command line and the local runtime. */
const CLASSES = [
  ...Object.values(taxonomy).filter(
    (v): v is typeof Pillar7Error => typeof v === 'function' && v.prototype instanceof Pillar7Error,
  ),
  HttpProblem,
  UsageError,
  AwsTargetError,
  MissingJavaError,
  AlreadyRunningError,
  PortInUseError,
];

describe('every error class', () => {
  it('is named as its class, which is the errorType Step Functions matches, and declares a kind', () => {
    expect(CLASSES.length).toBeGreaterThan(25);
    for (const type of CLASSES) {
      expect(type.errorName).toBe(type.name);
      expect(['caller', 'final', 'retryable']).toContain(type.kind);
    }
  });

  it('gives each error its name and its kind', () => {
    const unknown = new UnknownCycleError('2031-x', [{ id: '2026-autumn' }]);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect([unknown.name, unknown.kind, unknown.message]).toEqual([
      'UnknownCycleError',
      'caller',
      'cycle "2031-x" is not in the trust config (known: 2026-autumn)',
    ]);
    expect(unknown.issues).toEqual([
      { path: 'cycleId', message: '"2031-x" is not a cycle in the trust config (known: 2026-autumn)' },
    ]);
    expect([new NoEvaluationError('c').name, kindOf(new NoEvaluationError('c'))]).toEqual([
      'NoEvaluationError',
      'final',
    ]);
    expect(kindOf(new Error('an SDK error'))).toBeUndefined();
  });
});

describe('the retry list', () => {
  it('is every caller and final error a step lets out, and no transient one', () => {
    expect(NOT_RETRIED).toEqual(CYCLE_STEP_ERRORS.filter((e) => e.kind !== 'retryable').map((e) => e.name));
    expect(NOT_RETRIED).toEqual(
      expect.arrayContaining([
        'InvalidEventError',
        'UnknownCycleError',
        'NoEvaluationError',
        'ReportLinkSecretError',
      ]),
    );
    expect(NOT_RETRIED).not.toContain(ConcurrentPublishError.name);
  });

  /** Errors made in code a step loads that never leave the step, and why. */
  const KEPT_INSIDE: Record<string, string> = {
    ConfigError: 'the config is validated at synth and inlined; a function never loads an invalid one',
    EmailAlreadyClaimedError: 'notify answers it: the e-mail was sent already, nothing is sent again',
    FormExistsError: 'only opening a form raises it, and open-form answers it with the form that exists',
    ImportFileError: 'gather answers it by moving the file to quarantine/ with the reason',
    ApprovalRefusedError: 'raised by approving, which the console and the CLI do, never a step',
    AlreadyApprovedError: 'raised by approving, which the console and the CLI do, never a step',
    ValidationError: 'raised by moderating and approving, which the console and the CLI do, never a step',
  };

  it('lists every error made in the code a cycle step loads, unless the step answers it itself', () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const base = resolve(dirname(file), spec!);
        const found = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
        if (found) walk(found);
      }
    };
    for (const step of CYCLE_STEP_NAMES) walk(join(ROOT, 'functions', step, 'handler.ts'));
    const names = new Set(CLASSES.map((c) => c.name));
    const made = new Set(
      [...seen].flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/new (\w+)\(/g)].map((m) => m[1]!).filter((n) => names.has(n)),
      ),
    );
    const listed = new Set<string>(CYCLE_STEP_ERRORS.map((e) => e.name));
    expect([...made].filter((n) => !listed.has(n) && !(n in KEPT_INSIDE))).toEqual([]);
    expect([...listed, ...Object.keys(KEPT_INSIDE)].filter((n) => !made.has(n))).toEqual([]);
  });
});

describe('HTTP problems, from the kind', () => {
  it('answer a caller error with its own 4xx and message, ours with 500, a transient one with 503 or 429', () => {
    const status = (e: unknown) => toProblem(e).statusCode;
    expect(status(new ValidationError([{ path: 'role', message: 'unknown' }]))).toBe(400);
    expect(status(new UnknownCycleError('x', []))).toBe(400);
    expect(status(new FormNotFoundError())).toBe(404);
    expect(status(new FormClosedError('2026-12-18'))).toBe(410);
    expect(status(new NoDraftError('c'))).toBe(409);
    expect(toProblem(new ApprovalRefusedError('2 comments are still held'))).toMatchObject({
      statusCode: 409,
      error: 'conflict',
      message: '2 comments are still held',
    });
    expect(toProblem(new UnauditedEvaluationError('c'))).toMatchObject({
      statusCode: 500,
      error: 'internal',
    });
    expect(status(new NotStoredError(new Error('timed out'), true))).toBe(503);
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    expect(status(new NotStoredError(throttled, false))).toBe(429);
    expect(status(new Error('a bug'))).toBe(500);
    const tooLarge = new HttpProblem('too_large', 'the body is over 16 KiB; nothing was stored');
    expect([tooLarge.kind, status(tooLarge)]).toEqual(['caller', 413]);
    expect(new HttpProblem('unavailable', 'try again').kind).toBe('retryable');
  });
});

describe('CLI exit codes, from the kind', () => {
  const run = (e: unknown) => {
    const said: string[] = [];
    return { code: exitCodeFor(e, (l) => said.push(l)), said: said.join('\n') };
  };

  it('exit 2 for the caller’s fault, 1 for any other failure, each worded as before', () => {
    expect(run(new NoDraftError('2026-autumn'))).toEqual({
      code: 2,
      said: 'pillar7: cycle 2026-autumn has no draft report yet: run the cycle first (pillar7 cycle run 2026-autumn)',
    });
    expect(run(new UsageError('cycle run needs a CYCLE_ID'))).toEqual({
      code: 2,
      said: 'cycle run needs a CYCLE_ID\n\nRun pillar7 --help for usage.',
    });
    expect(run(new ValidationError([{ path: 'closes', message: 'is in the past' }]))).toEqual({
      code: 2,
      said: 'closes: is in the past',
    });
    expect(run(new ConfigError('trust.yaml', [{ path: 'region', message: 'is required', line: 3 }]))).toEqual(
      {
        code: 2,
        said: 'trust.yaml is not a valid trust config:\n  - line 3, region: is required',
      },
    );
    expect(run(new MissingJavaError()).code).toBe(1);
    expect(run(new AwsTargetError('stack pillar7-dev was not found'))).toEqual({
      code: 1,
      said: 'pillar7: stack pillar7-dev was not found',
    });
    expect(run(new ConcurrentPublishError('c')).code).toBe(1);
    expect(run(new Error('socket hang up'))).toEqual({ code: 1, said: 'pillar7: socket hang up' });
  });
});
