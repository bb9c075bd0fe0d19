// What a service refuses, as plain classes: services throw them without knowing who asked,
// and server/trpc/init.ts maps each kind to a tRPC code (NOT_FOUND, FORBIDDEN, CONFLICT,
// BAD_REQUEST) with the message as the short reason the user reads.

export type DomainErrorKind = 'not-found' | 'forbidden' | 'conflict' | 'invalid';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist here (or belongs to another site). */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/** The caller may not do this to this thing. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** Another record already holds what this one asks for (an email, a name). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The request is well formed but breaks a rule (the last admin, oneself). */
export class InvalidError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}
