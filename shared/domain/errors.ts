import type { InputIssue } from '../schemas/issues';

/** Errors a use case raises for a caller to act on; shared/http maps each to one status code. */
export class ValidationError extends Error {
  constructor(
    readonly issues: InputIssue[],
    message = 'the submission has errors; nothing was stored',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class FormNotFoundError extends Error {
  constructor() {
    super('there is no form at this address; check the link you were given');
    this.name = 'FormNotFoundError';
  }
}

export class FormClosedError extends Error {
  constructor(
    readonly closesOn: string,
    readonly notYetOpen = false,
  ) {
    super(
      notYetOpen
        ? 'this form is not open yet'
        : `this form closed on ${closesOn} and no longer takes responses`,
    );
    this.name = 'FormClosedError';
  }
}
