/** An e-mail as the SES emulator keeps it (aws-ses-v2-local's store), with the fields tests read. */
interface SentMail {
  messageId: string;
  subject: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  body: { text: string; html?: string };
  attachments: { filename: string; content: string; contentType: string }[];
}

/** The SES emulator the tests of this run share (test/integration/global-setup.ts starts it). */
const sharedSes = () => process.env.AWS_ENDPOINT_URL_SES!;

/** Every e-mail the SES emulator has accepted since its store was last cleared, oldest first. */
export const sentMails = async (ses = sharedSes()): Promise<SentMail[]> =>
  ((await (await fetch(`${ses}/store`)).json()) as { emails: SentMail[] }).emails;

/** Empties the SES emulator's store. */
export const clearSentMails = async (ses = sharedSes()): Promise<void> => {
  await fetch(`${ses}/clear-store`, { method: 'POST' });
};

/** Whether a mail is a cycle's board report, by the subject every board e-mail has. */
export const isBoardMail =
  (cycleId: string) =>
  (m: Pick<SentMail, 'subject'>): boolean =>
    m.subject.includes('the improvement model is judged') && m.subject.endsWith(` for ${cycleId}`);
