import { describeApiFailure, type AltinnErrorKind, type ApiErrorCode, type ApiFailure } from './error-messages';
import { INPUT_ERROR_MESSAGES, type InputErrorArg, type InputErrorCode } from './input-messages';
import { english, type CodedMessage, type Translate } from './messages';
import type { ProblemDetails, ValidationIssue } from './models';

export type { AltinnErrorKind, ApiErrorCode } from './error-messages';
export { API_ERROR_MESSAGES } from './error-messages';
export { INPUT_ERROR_MESSAGES, type InputErrorArg, type InputErrorCode, type UrlWord } from './input-messages';

/**
 * Bad input, refused before any request was sent. Given as a code and its values, it can be rendered in the
 * user's language by {@link AltinnInputError.describe}; `message` is English.
 */
export class AltinnInputError extends Error {
  override readonly name: string = 'AltinnInputError';
  /** Names the sentence in INPUT_ERROR_MESSAGES, or undefined for a sentence given as plain text. */
  readonly code?: InputErrorCode;
  readonly params: readonly InputErrorArg[];

  constructor(message: string | { readonly code: InputErrorCode; readonly args?: readonly InputErrorArg[] }) {
    const coded = typeof message === 'string' ? undefined : message;
    super(coded ? renderInput(coded.code, coded.args ?? [], english) : (message as string));
    this.code = coded?.code;
    this.params = coded?.args ?? [];
  }

  /** The sentence in the language of `translate`; plain-text sentences stay as they are. */
  describe(translate: Translate): string {
    return this.code === undefined ? this.message : renderInput(this.code, this.params, translate);
  }
}

function renderInput(code: InputErrorCode, args: readonly InputErrorArg[], translate: Translate): string {
  const values = args.map((a) => (typeof a === 'object' ? translate(INPUT_ERROR_MESSAGES[a.word]) : a));
  return translate(INPUT_ERROR_MESSAGES[code], ...values);
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
