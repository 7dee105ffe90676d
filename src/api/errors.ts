import { describeApiFailure, type AltinnErrorKind, type ApiErrorCode, type ApiFailure } from './error-messages';
import { english, formatMessage, type CodedMessage, type Translate } from './messages';
import type { ProblemDetails, ValidationIssue } from './models';

export type { AltinnErrorKind, ApiErrorCode } from './error-messages';
export { API_ERROR_MESSAGES } from './error-messages';

/**
 * Bad input, refused before any request was sent. Given as a coded sentence (an English template and its
 * values), it can be rendered in the user's language by {@link AltinnInputError.describe}; `message` is English.
 */
export class AltinnInputError extends Error {
  override readonly name = 'AltinnInputError';
  /** The English template (also its l10n key), or undefined for a sentence given as plain text. */
  readonly template?: string;
  readonly params: readonly (string | number)[];

  constructor(message: string | { template: string; params?: readonly (string | number)[] }) {
    super(typeof message === 'string' ? message : formatMessage(message.template, message.params ?? []));
    this.template = typeof message === 'string' ? undefined : message.template;
    this.params = typeof message === 'string' ? [] : (message.params ?? []);
  }

  /** The sentence in the language of `translate`; plain-text sentences stay as they are. */
  describe(translate: Translate): string {
    return this.template === undefined ? this.message : translate(this.template, ...this.params);
  }
}

export interface AltinnApiErrorInit {
  kind: AltinnErrorKind;
  method: string;
  /** Already stripped of secrets. */
  url: string;
  status?: number;
  problem?: ProblemDetails;
  /** A non-ProblemDetails body: plain text or a bare JSON string. */
  text?: string;
  /** The client's own sentence about the answer (a redirect, a body too large); `text` then holds it in English. */
  note?: CodedMessage<ApiErrorCode>;
  code?: string;
  cause?: unknown;
}

/** A request that reached (or tried to reach) Altinn and failed. */
export class AltinnApiError extends Error implements ApiFailure {
  override readonly name = 'AltinnApiError';
  readonly kind: AltinnErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly url: string;
  readonly problem?: ProblemDetails;
  readonly validationIssues?: ValidationIssue[];
  /** The body when it was not ProblemDetails. */
  readonly text?: string;
  readonly note?: CodedMessage<ApiErrorCode>;
  /** Node's error code for network failures (ECONNRESET, …). */
  readonly code?: string;

  constructor(init: AltinnApiErrorInit) {
    super(describeApiFailure(init, english), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.problem = init.problem;
    this.text = init.text;
    this.note = init.note;
    this.code = init.code;
    const issues = init.problem?.validationIssues ?? init.problem?.uploadValidationIssues;
    if (Array.isArray(issues)) this.validationIssues = issues;
  }

  /** The sentence in the language of `translate`: our words translated, Altinn's title and detail as Altinn wrote them. */
  describe(translate: Translate): string {
    return describeApiFailure(this, translate);
  }
}

/** True when the failure is the user's own cancellation, which callers usually keep silent. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AltinnApiError && error.kind === 'aborted';
}
