/** The final report of a manual cycle, and its e-mail, go out only after a QA lead approved its draft. */
export class NotApprovedError extends Error {
  constructor(cycleId: string) {
    super(`the draft of cycle ${cycleId} has not been approved by a QA lead, so nothing goes to the board`);
    this.name = 'NotApprovedError';
  }
}
