// Which failed requests are tried again, and after how long. Only reads are retried: a `PUT
// process/next` retried after a 5xx may already have moved the instance (STYLE.md, "Avoid").

export interface RetryPolicy {
  /** Extra attempts after the first. */
  limit: number;
  /** First backoff; doubles per attempt. */
  baseDelayMs: number;
  backoffLimitMs: number;
  /** Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  limit: 2,
  baseDelayMs: 300,
  backoffLimitMs: 4_000,
  maxRetryAfterMs: 10_000,
};

export const RETRY_METHODS = ['GET', 'HEAD'] as const;
export const RETRY_STATUS_CODES = [429, 502, 503, 504] as const;
export const RETRY_ERROR_CODES = [
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRINUSE',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_READING_RESPONSE_STREAM',
] as const;

export interface FailedAttempt {
  /** 1 for the first retry. */
  attempt: number;
  method: string;
  status?: number;
  code?: string;
  /** Already parsed from the Retry-After header. */
  retryAfterMs?: number;
}

/** Milliseconds to wait before the next attempt, or 0 to give up. */
export function retryDelayMs(failure: FailedAttempt, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  if (failure.attempt > policy.limit) return 0;
  if (!(RETRY_METHODS as readonly string[]).includes(failure.method.toUpperCase())) return 0;
  const retryableStatus = failure.status !== undefined && (RETRY_STATUS_CODES as readonly number[]).includes(failure.status);
  const retryableCode =
    failure.status === undefined && failure.code !== undefined && (RETRY_ERROR_CODES as readonly string[]).includes(failure.code);
  if (!retryableStatus && !retryableCode) return 0;
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs >= 0 && retryableStatus) {
    return Math.max(1, Math.min(failure.retryAfterMs, policy.maxRetryAfterMs));
  }
  const backoff = Math.min(policy.baseDelayMs * 2 ** (failure.attempt - 1), policy.backoffLimitMs);
  return Math.round(backoff + Math.random() * policy.baseDelayMs * 0.3);
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
