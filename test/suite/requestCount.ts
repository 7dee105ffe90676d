// Counting at the emulator what one action cost: its request log (`stats.recent`) read before and after.
import type { Emulator } from '../emulator';

/** The requests (`METHOD /path`) the emulator saw while `action` ran, in order, those `about` keeps. */
export async function requestsDuring<T>(emulator: Emulator, about: (request: string) => boolean, action: () => PromiseLike<T>): Promise<{ result: T; requests: string[] }> {
  const stats = emulator.store.stats;
  const before = stats.requests;
  const result = await action();
  const count = stats.requests - before;
  const seen = count === 0 ? [] : stats.recent.slice(-count);
  return { result, requests: seen.filter(about) };
}

/** Keeps the requests whose path mentions any of `parts` (an instance guid, a route name). */
export function mentioning(...parts: string[]): (request: string) => boolean {
  return (request) => parts.some((p) => request.includes(p));
}
