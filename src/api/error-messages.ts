import { type CodedMessage, type Translate } from './messages';
import type { ProblemDetails, ValidationIssue } from './models';

// What src/api says about a failed request, as codes and Altinn's own words; rendered by the caller's Translate
// (docs/altinn-behaviour.md §7). The English templates are the l10n keys of l10n/bundle.l10n.nb.json.

export const API_ERROR_MESSAGES = {
  aborted: 'Cancelled: {0} request was aborted',
  timeout: 'Altinn did not answer in time ({0} timed out)',
  network: 'Could not reach Altinn: {0}',
  networkError: 'network error',
  requestFailed: 'Request failed',
  moreIssues: 'and {0} more',
  // Altinn's own wording for common failures, said the way a person would (docs/altinn-behaviour.md §1.3, §1.4).
  instanceArchived: 'Instance is archived: its data can no longer change',
  maxCountExceeded: 'This data type already has as many elements as it allows',
  noCurrentTask: 'The process has no current task, so its data can no longer change',
  processEnded: 'The process has already ended',
  processNotStarted: 'The process has not started yet',
  processAlreadyStarted: 'The process has already started',
  onlyOrgs: 'Only service owners (organisation tokens) can read app events',
  uploadNeedsFileName: 'The upload needs a file name with an extension',
  status400: 'Altinn refused the request as invalid',
  status401: 'Not signed in, or the session has expired',
  status403: 'Access denied: you may not do this, or the item does not exist',
  status404: 'Not found',
  status409: 'Conflict with the current state',
  status410: 'No longer supported by Altinn',
  status413: 'Too large for Altinn to accept',
  status415: 'Altinn does not accept this content type',
  status422: 'Altinn could not process the content',
  status429: 'Too many requests: Altinn asks to wait',
  status500: 'Altinn had an internal error',
  status502: 'Altinn is unreachable behind its gateway',
  status503: 'Altinn is unavailable right now',
  status504: 'Altinn did not answer in time',
  // The client's own findings about an answer (http-errors.ts).
  redirectTo: "The server redirects to {0}; set the environment's URL to that address",
  redirect: 'The server answered with a redirect, which is not followed',
  responseTooLarge: 'The response is larger than {0} MiB; stopped reading it',
  notJson: 'Altinn answered with {0} where JSON was expected',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_MESSAGES;

export type AltinnErrorKind = 'http' | 'network' | 'timeout' | 'aborted';

/** What a failure is made of: the parameters its sentence is rendered from. */
export interface ApiFailure {
  readonly kind: AltinnErrorKind;
  readonly method: string;
  readonly status?: number;
  /** Altinn's ProblemDetails: its title and detail are shown as Altinn wrote them. */
  readonly problem?: ProblemDetails;
  /** A non-ProblemDetails body: plain text or a bare JSON string, shown as Altinn wrote it. */
  readonly text?: string;
  /** The client's own sentence about the answer, instead of `text`. */
  readonly note?: CodedMessage<ApiErrorCode>;
  /** Node's error code for network failures (ECONNRESET, …). */
  readonly code?: string;
  readonly cause?: unknown;
}

const KNOWN_MESSAGES: [RegExp, ApiErrorCode][] = [
  [/instance (is )?not active|instance is archived/i, 'instanceArchived'],
  [/max count exceeded/i, 'maxCountExceeded'],
  [/no current task/i, 'noCurrentTask'],
  [/process is ended/i, 'processEnded'],
  [/process is not started/i, 'processNotStarted'],
  [/process is already started/i, 'processAlreadyStarted'],
  [/only orgs can call this api/i, 'onlyOrgs'],
  [/content-disposition header must contain a valid filename/i, 'uploadNeedsFileName'],
];

function statusCode(status: number | undefined): ApiErrorCode | undefined {
  const code = `status${status ?? 0}`;
  return code in API_ERROR_MESSAGES ? (code as ApiErrorCode) : undefined;
}

const MAX_TEXT = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT)}…` : oneLine;
}

function known(text: string | undefined): ApiErrorCode | undefined {
  if (!text) return undefined;
  return KNOWN_MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
}

// ASP.NET's default titles say no more than the status code does.
const GENERIC_TITLES = /^(bad request|unauthorized|forbidden|not found|conflict|unprocessable entity|internal server error|an error occurred while processing your request\.?|one or more validation errors occurred\.?)$/i;

function issuesSummary(issues: ValidationIssue[] | undefined, t: (code: ApiErrorCode, ...args: (string | number)[]) => string): string {
  const errors = (issues ?? []).filter((i) => i && i.severity === 1 && i.description);
  if (errors.length === 0) return '';
  const shown = errors.slice(0, 3).map((i) => (i.field ? `${i.field}: ${i.description}` : i.description));
  return ` — ${shown.join('; ')}${errors.length > 3 ? `; ${t('moreIssues', errors.length - 3)}` : ''}`;
}

function headline(title: string | undefined, detail: string | undefined): string | undefined {
  const parts = [title, detail !== title ? detail : undefined].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(': ') : undefined;
}

/** The person-readable sentence for a failure, in the language of `translate`. */
export function describeApiFailure(failure: ApiFailure, translate: Translate): string {
  const t = (code: ApiErrorCode, ...args: (string | number)[]) => translate(API_ERROR_MESSAGES[code], ...args);
  const { kind, method, status, problem, text, note } = failure;
  if (kind === 'aborted') return t('aborted', method);
  if (kind === 'timeout') return t('timeout', method);
  if (kind === 'network') {
    const cause = failure.cause instanceof Error ? ` (${clip(failure.cause.message)})` : '';
    return t('network', `${failure.code ?? t('networkError')}${cause}`);
  }
  const suffix = status === undefined ? '' : ` (${status})`;
  const byStatus = statusCode(status);
  if (problem) {
    const code = known(problem.title) ?? known(problem.detail);
    const head =
      (code && t(code)) ??
      headline(problem.title && !GENERIC_TITLES.test(problem.title.trim()) ? problem.title : undefined, problem.detail) ??
      (byStatus && t(byStatus)) ??
      t('requestFailed');
    return `${clip(head)}${issuesSummary(problem.validationIssues ?? problem.uploadValidationIssues, t)}${suffix}`;
  }
  if (note) return `${clip(translate(API_ERROR_MESSAGES[note.code], ...(note.args ?? [])))}${suffix}`;
  if (text && text.trim()) {
    const code = known(text);
    return `${clip(code ? t(code) : text)}${suffix}`;
  }
  return `${byStatus ? t(byStatus) : t('requestFailed')}${suffix}`;
}
