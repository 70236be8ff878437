import type { TrustConfig } from '../schemas/config';

/**
 * What is valid but probably not meant: said by `config validate` beside "valid", so a trust finds
 * out before it deploys rather than when an alarm reaches no one or no cycle ever runs.
 */
export function configWarnings(config: TrustConfig, today: string): string[] {
  const warnings: string[] = [];
  if (!config.ops?.alarmEmail)
    warnings.push(
      'ops.alarmEmail is not set: the alarms (a failed cycle, a lapsed approval, dead letters) will e-mail no one.',
    );
  if (!config.cycles.some((c) => c.end >= today))
    warnings.push(
      `no cycle ends on or after today (${today}): nothing more will run until the next cycle is added to cycles.`,
    );
  return warnings;
}
