import type { FieldProblem } from '@colab/shared';

/**
 * The few errors domain code throws. Transports map them once: to problem+json over HTTP
 * (http/problem.ts) and to `{ error: { code, message } }` over Socket.IO.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this.') {
    super('forbidden', message);
  }
}

export class NotFound extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(code, message);
  }
}

export class ValidationFailed extends DomainError {
  constructor(
    readonly fields: FieldProblem[],
    message = 'Some fields need attention.',
  ) {
    super('validation_failed', message);
  }
}

/** A field's content is bigger than allowed (HTTP 413). */
export class TooLarge extends ValidationFailed {
  override readonly code = 'too_large';
}

/** A field's content is of a kind not accepted (HTTP 415). */
export class UnsupportedType extends ValidationFailed {
  override readonly code = 'unsupported_type';
}

/**
 * The server could not write a file: the disk is full (HTTP 507) or the folder cannot be
 * written (HTTP 503). Not the client's fault, so not a 4xx; nothing of the file is kept.
 */
export class StorageFailed extends DomainError {
  constructor(readonly full: boolean) {
    super(
      full ? 'storage_full' : 'storage_unavailable',
      full
        ? 'The server has no room for this file right now. Nothing was kept; try again later.'
        : 'The server could not store this file right now. Nothing was kept; try again later.',
    );
  }
}
