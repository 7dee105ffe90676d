import { randomUUID } from 'node:crypto';

/** Small deterministic PRNG (mulberry32) so the seed is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped GUID from a PRNG: cheap enough for 100,000s of seeded instances. */
export function guidFrom(rand: () => number): string {
  const b = new Array<string>(16);
  for (let i = 0; i < 16; i += 4) {
    const x = (rand() * 4294967296) >>> 0;
    b[i] = HEX[x & 0xff];
    b[i + 1] = HEX[(x >>> 8) & 0xff];
    b[i + 2] = HEX[(x >>> 16) & 0xff];
    b[i + 3] = HEX[(x >>> 24) & 0xff];
  }
  b[6] = HEX[(parseInt(b[6], 16) & 0x0f) | 0x40];
  b[8] = HEX[(parseInt(b[8], 16) & 0x3f) | 0x80];
  return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b[10]}${b[11]}${b[12]}${b[13]}${b[14]}${b[15]}`;
}

export function newGuid(): string {
  return randomUUID();
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** .NET DateTime ticks (100 ns since 0001-01-01), the unit of Storage continuation tokens (docs/altinn-behaviour.md §2.1). */
const TICKS_AT_UNIX_EPOCH = 621355968000000000n;

export function msToTicks(ms: number): string {
  return (BigInt(ms) * 10000n + TICKS_AT_UNIX_EPOCH).toString();
}

export function ticksToMs(ticks: string): number | undefined {
  if (!/^\d{1,20}$/.test(ticks)) return undefined;
  return Number((BigInt(ticks) - TICKS_AT_UNIX_EPOCH) / 10000n);
}

/** ISO timestamp with 7 fractional digits like .NET writes them, e.g. 2024-01-15T08:00:00.1230000Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** Monotonic wall clock: two changes in the same millisecond still get distinct, ordered times. */
let lastNow = 0;
export function nowMs(): number {
  const t = Date.now();
  lastNow = t > lastNow ? t : lastNow + 1;
  return lastNow;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
