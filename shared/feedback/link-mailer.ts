import { sendTextEmail } from '../aws/send-email';
import type { TrustConfig } from '../schemas/config';
import type { VerifiedDeps } from './verified';

/** Sends a one-time link as plain text, from the trust's sender, through its configuration set. */
export const sesLinkMailer =
  (config: TrustConfig): VerifiedDeps['sendLink'] =>
  async ({ to, subject, text }) => {
    await sendTextEmail({
      from: config.email.sender,
      to,
      subject,
      text,
      configurationSet: config.email.configurationSet,
    });
  };
