import { Names } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Constructs that moved when infra/cdk was split into one construct per capability, each with the
 * path (under the stack) it was first deployed at. Their resources keep the logical IDs deployed
 * stacks already have, so an update changes them in place: under a new ID CloudFormation would make
 * a new queue, log group, secret, access key or schedule and delete the old one, or fail on a name
 * (a configuration set, a web ACL, an SES identity) still taken by it.
 */
const DEPLOYED_AT: Readonly<Record<string, string>> = {
  ScheduleDeadLetters: 'Cycle/ScheduleDeadLetters',
  Schedules: 'Cycle',
  'Mail/ConfigurationSet': 'Cycle/MailConfig',
  'Mail/SendingMetrics': 'Ops/MailMetrics',
  'Mail/SenderDomain': 'SenderDomain',
  'Mail/ReportLinkSigner': 'Cycle/ReportLinkSigner',
  'Mail/ReportLinkKey': 'Cycle/ReportLinkKey',
  'Mail/ReportLinkCredentials': 'Cycle/ReportLinkCredentials',
  'Form/Firewall/WebAcl': 'Form/Firewall',
  'Form/Firewall/OnStage': 'Form/FirewallOnStage',
  'Alarms/Topic': 'Alarms',
  'Alarms/Undelivered': 'UndeliveredAlarms',
  'Alarms/CycleFailed': 'Cycle/CycleFailed',
  'Alarms/DraftApprovalLapsed': 'Cycle/DraftApprovalLapsed',
  'Alarms/DeadLetters': 'Cycle/DeadLetters',
  'Alarms/FormServerErrors': 'FormServerErrors',
  'Alarms/FormRateLimited': 'FormRateLimited',
};

/**
 * The logical ID of the resource at this path under the stack, if it lives where DEPLOYED_AT says
 * it was first deployed elsewhere; undefined for every other resource, which keeps its own.
 */
export function deployedLogicalId(path: readonly string[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const before = DEPLOYED_AT[path.slice(0, n).join('/')];
    if (before) return logicalIdAt([...before.split('/'), ...path.slice(n)]);
  }
  return undefined;
}

/** The logical ID CDK gives a resource at this path under a stack, computed as CDK computes it. */
function logicalIdAt(path: readonly string[]): string {
  let scope = new Construct(undefined as unknown as Construct, '');
  for (const id of path) scope = new Construct(scope, id);
  return Names.uniqueId(scope);
}
