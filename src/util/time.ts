import * as vscode from 'vscode';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Beyond this, rounded months and years read badly ("last year" next to "2 years ago" for dates two weeks
 * apart), so the date itself shows instead.
 */
const RELATIVE_LIMIT_SECONDS = 30 * 24 * 3600;

/** "3 hours ago" in the editor's display language; for dates more than 30 days away the date, `2025-03-14`. */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) {
    return '';
  }
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '';
  }
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) > RELATIVE_LIMIT_SECONDS) {
    return formatDate(new Date(then));
  }
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** The local calendar date as `yyyy-mm-dd`, the same in every language. */
export function formatDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An absolute date and time for tooltips. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(vscode.env.language);
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) {
    return '';
  }
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
