import type { ProblemDetails, ValidationIssue } from './models';

/** Bad input, refused before any request was sent. */
export class AltinnInputError extends Error {
  override readonly name = 'AltinnInputError';
}

export type AltinnErrorKind = 'http' | 'network' | 'timeout' | 'aborted';

export interface AltinnApiErrorInit {
  kind: AltinnErrorKind;
  method: string;
  /** Already stripped of secrets. */
  url: string;
  status?: number;
  problem?: ProblemDetails;
  /** A non-ProblemDetails body: plain text or a bare JSON string. */
  text?: string;
  code?: string;
  cause?: unknown;
}

/** A request that reached (or tried to reach) Altinn and failed. */
export class AltinnApiError extends Error {
  override readonly name = 'AltinnApiError';
  readonly kind: AltinnErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly url: string;
  readonly problem?: ProblemDetails;
  readonly validationIssues?: ValidationIssue[];
  /** The body when it was not ProblemDetails. */
  readonly text?: string;
  /** Node's error code for network failures (ECONNRESET, …). */
  readonly code?: string;

  constructor(init: AltinnApiErrorInit) {
    super(describeFailure(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.problem = init.problem;
    this.text = init.text;
    this.code = init.code;
    const issues = init.problem?.validationIssues ?? init.problem?.uploadValidationIssues;
    if (Array.isArray(issues)) this.validationIssues = issues;
  }
}

// Altinn's own wording for common failures, said the way a person would (docs/altinn-behaviour.md §1.3, §1.4).
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/instance (is )?not active|instance is archived/i, 'Instance is archived: its data can no longer change'],
  [/max count exceeded/i, 'This data type already has as many elements as it allows'],
  [/no current task/i, 'The process has no current task, so its data can no longer change'],
  [/process is ended/i, 'The process has already ended'],
  [/process is not started/i, 'The process has not started yet'],
  [/process is already started/i, 'The process has already started'],
  [/only orgs can call this api/i, 'Only service owners (organisation tokens) can read app events'],
  [/content-disposition header must contain a valid filename/i, 'The upload needs a file name with an extension'],
];

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Altinn refused the request as invalid',
  401: 'Not signed in, or the session has expired',
  403: 'Access denied: you may not do this, or the item does not exist',
  404: 'Not found',
  409: 'Conflict with the current state',
  410: 'No longer supported by Altinn',
  413: 'Too large for Altinn to accept',
  415: 'Altinn does not accept this content type',
  422: 'Altinn could not process the content',
  429: 'Too many requests: Altinn asks to wait',
  500: 'Altinn had an internal error',
  502: 'Altinn is unreachable behind its gateway',
  503: 'Altinn is unavailable right now',
  504: 'Altinn did not answer in time',
};

const MAX_TEXT = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT)}…` : oneLine;
}

function known(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return KNOWN_MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
}

function friendly(text: string): string {
  return known(text) ?? text;
}

// ASP.NET's default titles say no more than the status code does.
const GENERIC_TITLES = /^(bad request|unauthorized|forbidden|not found|conflict|unprocessable entity|internal server error|an error occurred while processing your request\.?|one or more validation errors occurred\.?)$/i;

function issuesSummary(issues: ValidationIssue[] | undefined): string {
  const errors = (issues ?? []).filter((i) => i && i.severity === 1 && i.description);
  if (errors.length === 0) return '';
  const shown = errors.slice(0, 3).map((i) => (i.field ? `${i.field}: ${i.description}` : i.description));
  return ` — ${shown.join('; ')}${errors.length > 3 ? `; and ${errors.length - 3} more` : ''}`;
}

function headline(title: string | undefined, detail: string | undefined): string | undefined {
  const parts = [title, detail !== title ? detail : undefined].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(': ') : undefined;
}

function describeFailure(init: AltinnApiErrorInit): string {
  const { kind, method, status, problem, text } = init;
  if (kind === 'aborted') return `Cancelled: ${method} request was aborted`;
  if (kind === 'timeout') return `Altinn did not answer in time (${method} timed out)`;
  if (kind === 'network') {
    return `Could not reach Altinn: ${init.code ?? 'network error'}${init.cause instanceof Error ? ` (${clip(init.cause.message)})` : ''}`;
  }
  const suffix = status === undefined ? '' : ` (${status})`;
  if (problem) {
    const head =
      known(problem.title) ??
      known(problem.detail) ??
      headline(problem.title && !GENERIC_TITLES.test(problem.title.trim()) ? problem.title : undefined, problem.detail) ??
      STATUS_MESSAGES[status ?? 0] ??
      'Request failed';
    return `${clip(head)}${issuesSummary(problem.validationIssues ?? problem.uploadValidationIssues)}${suffix}`;
  }
  if (text && text.trim()) return `${clip(friendly(text))}${suffix}`;
  return `${STATUS_MESSAGES[status ?? 0] ?? 'Request failed'}${suffix}`;
}

/** True when the failure is the user's own cancellation, which callers usually keep silent. */
export function isCancellation(error: unknown): boolean {
  return error instanceof AltinnApiError && error.kind === 'aborted';
}
