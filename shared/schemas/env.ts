/**
 * What each kind of function needs from its environment, checked once at module load. Plain checks
 * rather than a schema library: every HTTP bundle loads this, and some use no schema otherwise.
 */
type Rule = { required: boolean; check?: (value: string) => string | undefined };
const required = { required: true } as const;
const optional = { required: false } as const;
const arn = {
  required: false as const,
  check: (v: string) => (v.startsWith('arn:') ? undefined : 'must be an ARN (arn:...)'),
};

const envSchemas = {
  http: { TABLE_NAME: required },
  /** The verified form's issuing side: private group keys in a folder (local) or Secrets Manager. */
  issuing: { TABLE_NAME: required, PILLAR7_KEY_DIR: optional, KEY_SECRET_PREFIX: optional },
  pipeline: { TABLE_NAME: required, BUCKET_NAME: required, REPORT_LINK_SECRET_ARN: arn },
  /**
   * The evaluate step: no bucket; it deletes a finished cycle's private group keys from the same
   * folder (local) or Secrets Manager prefix (cloud) the issuing side keeps them in.
   */
  /** The request-approval step: the table, and SES to tell the QA leads; no bucket. */
  'approval-request': { TABLE_NAME: required },
  evaluating: { TABLE_NAME: required, PILLAR7_KEY_DIR: optional, KEY_SECRET_PREFIX: optional },
  /** The QA lead's console: Cognito and the state machine in the cloud; neither locally. */
  console: {
    TABLE_NAME: required,
    BUCKET_NAME: required,
    STATE_MACHINE_ARN: arn,
    USER_POOL_ID: optional,
    USER_POOL_CLIENT_ID: optional,
    COGNITO_DOMAIN: optional,
  },
} as const;

type Env<K extends keyof typeof envSchemas> = {
  [
    V in keyof (typeof envSchemas)[K] as (typeof envSchemas)[K][V] extends { required: true } ? V : never
  ]: string;
} & {
  [
    V in keyof (typeof envSchemas)[K] as (typeof envSchemas)[K][V] extends { required: true } ? never : V
  ]?: string;
};

export type EnvKind = keyof typeof envSchemas;

/** The variables a kind of function cannot start without (the stack must set each). */
export const requiredEnv = (kind: EnvKind): string[] =>
  Object.entries(envSchemas[kind] as Record<string, Rule>)
    .filter(([, rule]) => rule.required)
    .map(([name]) => name);

export function loadEnv<K extends keyof typeof envSchemas>(
  kind: K,
  env: NodeJS.ProcessEnv = process.env,
): Env<K> {
  const problems: string[] = [];
  const out: Record<string, string> = {};
  for (const [name, rule] of Object.entries(envSchemas[kind]) as [string, Rule][]) {
    const value = env[name];
    if (value === undefined || value === '') {
      if (rule.required) problems.push(`${name} (is missing or empty)`);
      continue;
    }
    const wrong = rule.check?.(value);
    if (wrong) problems.push(`${name} (${wrong})`);
    else out[name] = value;
  }
  if (problems.length) throw new Error(`function environment is incomplete: ${problems.join(', ')}`);
  return out as Env<K>;
}
