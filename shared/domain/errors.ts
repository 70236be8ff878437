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
    /** The cycle the form belongs to, so a closed form's page can say what came of it. */
    readonly cycleId?: string,
  ) {
    super(
      notYetOpen
        ? 'this form is not open yet'
        : `this form closed on ${closesOn} and no longer takes responses`,
    );
    this.name = 'FormClosedError';
  }
}

/** A token that is missing, forged, of another form or group, too new or too old: 403 token_invalid. */
export class TokenInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenInvalidError';
  }
}

/** A token already used for a response: 403 token_spent. One token, one response. */
export class TokenSpentError extends Error {
  constructor(message = 'this token has already been used to send a response; nothing more was stored') {
    super(message);
    this.name = 'TokenSpentError';
  }
}
