// How `npm run test:mutation` splits its work: which files each batch mutates, with which unit tests,
// and why; and which files are anonymity guards (they must score 100%). stryker.config.mjs holds the
// rest (sandbox, timeouts), and its own mutate list, the union of these, for a plain `stryker run`.

/** A file whose every rule protects a respondent: k on counts and means, suppression, screening. */
export const GUARD_FILES = [
  'shared/domain/anonymity.ts',
  'shared/disclosure/plan.ts',
  'shared/disclosure/publish-statistics.ts',
  'shared/domain/screening.ts',
  'shared/domain/screening-text.ts',
  'shared/domain/screening-contacts.ts',
  'shared/domain/screening-names.ts',
] as const;

/** The overall share of non-equivalent mutants that must be killed. */
export const OVERALL_FLOOR = 85;

export interface MutationBatch {
  readonly name: string;
  /** The files this batch mutates (Stryker globs, `!` to leave one out). */
  readonly mutate: readonly string[];
  /** The unit test files this batch runs (globs); every unit test file when absent. */
  readonly runs?: readonly string[];
  /** Unit test files this batch does not run. */
  readonly leavesOut: readonly string[];
  readonly why: string;
}

export const BATCHES: readonly MutationBatch[] = [
  {
    name: 'screening',
    mutate: ['shared/domain/screening*.ts'],
    // Screening is mostly patterns built when the module loads, so every one of its mutants is
    // "static": Stryker cannot tell which test covers it and runs every test file that imports it.
    // These are the files that test screening; any other test can only kill more, so the score is a floor.
    runs: [
      'test/unit/*screening*.test.ts',
      'test/unit/control-characters.test.ts',
      'test/unit/anonymity.test.ts',
      'test/unit/submit-response.property.test.ts',
    ],
    leavesOut: [],
    why: 'the screening of comments, with the unit tests of screening',
  },
  {
    name: 'rules',
    mutate: ['shared/domain/**/*.ts', '!shared/domain/screening*.ts', 'shared/imports/**/*.ts'],
    // These three solve the reader's linear model with HiGHS for every case, so any mutant they
    // cover costs seconds to a minute. They pin the disclosure audit, not the domain rules: leaving
    // them out can only let more domain mutants survive, never fewer, so the score is a floor.
    leavesOut: [
      'test/unit/disclosure.test.ts',
      'test/unit/disclosure.property.test.ts',
      'test/unit/rules-disclosure-audit.test.ts',
    ],
    why: 'the rest of the domain and the imports, with every unit test but the solver-backed audit tests',
  },
  {
    name: 'disclosure',
    // The HiGHS wrapper talks to WebAssembly; its behaviour is pinned through the audit's tests.
    mutate: ['shared/disclosure/**/*.ts', '!shared/disclosure/solver.ts'],
    leavesOut: [],
    why: 'the disclosure control, with every unit test',
  },
];

/** The environment variable that tells vitest.mutation.config.ts which batch is running. */
export const BATCH_ENV = 'PILLAR7_MUTATION_BATCH';

/** The unit test files a batch runs and leaves out; with no batch, every unit test file. */
export function batchTests(batchName: string | undefined): { include: string[]; exclude: string[] } {
  const batch = BATCHES.find((b) => b.name === batchName);
  return {
    include: [...(batch?.runs ?? ['test/unit/**/*.test.ts'])],
    exclude: [...(batch?.leavesOut ?? [])],
  };
}
