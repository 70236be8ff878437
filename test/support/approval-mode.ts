import type { TrustConfig } from '../../shared/schemas/config';

/**
 * For tests of how the board e-mail is sent (exactly once, through faults): the example trust's
 * config with automatic approval, so the run goes from the report straight to the e-mail as the
 * state machine does for such a trust. Call at the top of the file, before any handler loads.
 */
export function useAutomaticApproval(): void {
  const config = JSON.parse(process.env.PILLAR7_CONFIG_JSON!) as TrustConfig;
  config.board.approval = 'automatic';
  process.env.PILLAR7_CONFIG_JSON = JSON.stringify(config);
}
