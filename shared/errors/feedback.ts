import { Pillar7Error } from './pillar7-error';

/** No form at the address: a form id the product never issued, or one of another kind of form. */
export class FormNotFoundError extends Pillar7Error {
  static override readonly errorName = 'FormNotFoundError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'form_not_found';
  constructor() {
    super('there is no form at this address; check the link you were given');
  }
}

export class FormClosedError extends Pillar7Error {
  static override readonly errorName = 'FormClosedError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'form_closed';
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
  }
}

/** A token that is missing, forged, of another form or group, too new or too old. */
export class TokenInvalidError extends Pillar7Error {
  static override readonly errorName = 'TokenInvalidError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'token_invalid';
}

/** A token already used for a response. One token, one response. */
export class TokenSpentError extends Pillar7Error {
  static override readonly errorName = 'TokenSpentError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'token_spent';
  constructor(message = 'this token has already been used to send a response; nothing more was stored') {
    super(message);
  }
}

/** A blinded token that cannot be signed as sent (wrong length, not below the modulus). */
export class BlindSignatureError extends Pillar7Error {
  static override readonly errorName = 'BlindSignatureError';
  static override readonly kind = 'caller';
}

/** A store failed after the token was spent; says whether the token can be used again. */
export class NotStoredError extends Pillar7Error {
  static override readonly errorName = 'NotStoredError';
  static override readonly kind = 'retryable';
  constructor(
    override readonly cause: unknown,
    readonly tokenReleased: boolean,
  ) {
    super('the response was not stored');
  }
}

/** A cycle's form opened by another caller first: theirs is the one. */
export class FormExistsError extends Pillar7Error {
  static override readonly errorName = 'FormExistsError';
  static override readonly kind = 'caller';
  static override readonly refusal = 'conflict';
  constructor(cycleId: string) {
    super(`cycle ${cycleId} already has a form`);
  }
}
