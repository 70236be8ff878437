// Pins the promises of the deployment examples: short-lived credentials only, a role that trusts one
// repository's one environment, and that may only take on the CDK bootstrap roles.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const read = (file: string) =>
  parse(readFileSync(new URL(`../../docs/examples/${file}`, import.meta.url), 'utf8'));

describe('the GitHub Actions deployment example', () => {
  const workflow = read('github-actions-deploy.yml') as {
    permissions: Record<string, string>;
    on: Record<string, unknown>;
    jobs: {
      deploy: {
        environment: string;
        steps: { uses?: string; run?: string; with?: Record<string, string> }[];
      };
    };
  };
  const steps = workflow.jobs.deploy.steps;

  it('takes credentials from OIDC and never from a stored access key', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    const credentials = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials?.with?.['role-to-assume']).toBe('${{ vars.PILLAR7_DEPLOY_ROLE_ARN }}');
    expect(JSON.stringify(workflow)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET/i);
  });

  it('runs only when asked, in a GitHub environment, and checks the config before taking credentials', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.jobs.deploy.environment).toBe('${{ inputs.stage }}');
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? s.uses ?? ''));
    expect(at(/pillar7 config validate/)).toBeGreaterThan(-1);
    expect(at(/pillar7 config validate/)).toBeLessThan(at(/configure-aws-credentials/));
    expect(at(/configure-aws-credentials/)).toBeLessThan(at(/cdk deploy/));
  });
});

describe('the OIDC deploy role', () => {
  const template = read('github-oidc-role.yaml') as {
    Resources: {
      DeployRole: {
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: { Action: string; Condition: { StringEquals: Record<string, unknown> } }[];
          };
          Policies: {
            PolicyDocument: { Statement: { Action: string; Resource: { 'Fn::Sub': string }[] }[] };
          }[];
        };
      };
    };
  };
  const role = template.Resources.DeployRole.Properties;

  it('trusts only the named repository in the named environment, for sts.amazonaws.com', () => {
    const [trust] = role.AssumeRolePolicyDocument.Statement;
    expect(trust!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust!.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': {
        'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepository}:environment:${Environment}',
      },
    });
  });

  it('may only take on the CDK bootstrap roles of its own account and region', () => {
    const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.map((s) => s.Action)).toEqual(['sts:AssumeRole']);
    for (const r of statements[0]!.Resource)
      expect(r['Fn::Sub']).toMatch(
        /^arn:\$\{AWS::Partition\}:iam::\$\{AWS::AccountId\}:role\/cdk-\$\{CdkQualifier\}-[a-z-]+-role-\$\{AWS::AccountId\}-\$\{AWS::Region\}$/,
      );
  });
});
