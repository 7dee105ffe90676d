/** Median of a non-empty sample; the figure the bench reports for every measurement. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) {
    throw new Error('median of an empty sample');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds for display and JSON so that noise digits do not pretend to be precision. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function bytesToMB(bytes: number): number {
  return bytes / (1024 * 1024);
}

export function bytesToKB(bytes: number): number {
  return bytes / 1024;
}
