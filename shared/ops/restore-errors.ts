/**
 * A restore that would do harm or cannot be done as asked: overwrite a live item, bring back data
 * its retention or an erasure removed, or re-render a report with nothing to check it against.
 * Nothing was written; the message says what to do instead (exit 2).
 */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}
