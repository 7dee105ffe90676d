// Shared set-up for the reliability suites: the api fixture (emulator + owner/user clients), a tally of
// faults injected and operations covered (printed for the issue 8 note), and small helpers.
import * as assert from 'node:assert/strict';
import type { FaultRule } from '../emulator/index';
import { type AltinnClient, AltinnApiError, AltinnInputError, type Instance } from '../../src/api';
import { BUILDING_PERMIT, buildingPermitXml, cachingProvider, clientFor, type Fixture, OWNER_SCOPES, requestCount, TTD_ORG_NUMBER, USER_PARTY } from '../api/helpers';

/** Counts what a suite did, so its summary line can say "N faults on M operations". */
export class Tally {
  faults = 0;
  readonly operations = new Set<string>();
  readonly combinations = new Set<string>();

  inject(fx: Fixture, rule: FaultRule, operation: string): string {
    this.faults += 1;
    this.operations.add(operation);
    this.combinations.add(`${rule.kind}${rule.status ?? ''} × ${operation}`);
    return fx.emulator.faults.add(rule);
  }

  /** The line the note for issue 8 quotes. */
  summary(suite: string): string {
    return (
      `      ${suite} summary: ${this.faults} faults injected on ${this.operations.size} operations ` +
      `(${this.combinations.size} fault × operation combinations): ${[...this.operations].join(', ')}`
    );
  }
}

export type FaultKind = 'latency' | '429' | '500' | '503' | 'reset' | 'truncate';

/** The fault kinds of issue 8, with the burst sizes the suites use unless `times` says otherwise. */
export function faultRule(kind: FaultKind, method: string, pathRegex: string, times?: number): FaultRule {
  switch (kind) {
    case 'latency':
      return { method, path: pathRegex, kind: 'latency', latencyMs: 5_000, times: times ?? 1 };
    case '429':
      return { method, path: pathRegex, kind: 'status', status: 429, retryAfterSeconds: 1, times: times ?? 1 };
    case '500':
      return { method, path: pathRegex, kind: 'status', status: 500, times: times ?? 3 };
    case '503':
      return { method, path: pathRegex, kind: 'status', status: 503, times: times ?? 2 };
    case 'reset':
      return { method, path: pathRegex, kind: 'reset', times: times ?? 1 };
    case 'truncate':
      return { method, path: pathRegex, kind: 'truncate', times: times ?? 1 };
  }
}

/** The owner's client with a 2 s timeout, so a 5 s latency outlasts it; its token is cached before any counting. */
export async function impatientClient(fx: Fixture): Promise<AltinnClient> {
  const client = clientFor(fx, cachingProvider(() => fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES })), { timeoutMs: 2_000 });
  await client.apps.get(BUILDING_PERMIT);
  return client;
}

/** The rejection of a promise that must fail (assert.fail when it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.fail('expected the call to fail, but it succeeded');
}

export function assertApiError(error: unknown, expect: { kind?: AltinnApiError['kind']; status?: number; method?: string }): AltinnApiError {
  assert.ok(error instanceof AltinnApiError, `expected an AltinnApiError, got ${String(error)}`);
  if (expect.kind) assert.equal(error.kind, expect.kind, error.message);
  if (expect.status !== undefined) assert.equal(error.status, expect.status, error.message);
  if (expect.method) assert.equal(error.method, expect.method);
  assert.ok(error.message.trim().length > 0, 'the error has a message');
  return error;
}

/** Runs `call`, which must be refused with an AltinnInputError before any request reaches the emulator. */
export async function assertRefusedLocally(fx: Fixture, call: () => Promise<unknown> | unknown, pattern?: RegExp): Promise<AltinnInputError> {
  const before = requestCount(fx);
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AltinnInputError, `expected an AltinnInputError, got ${String(error)}`);
  if (pattern) assert.match(error.message, pattern);
  assert.equal(requestCount(fx) - before, 0, `no request may be sent for bad input (${error.message})`);
  return error;
}

/** A building-permit instance in Task_1 with its form filled in, so process/next can move it. */
export async function readyInstance(fx: Fixture): Promise<Instance> {
  const inst = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
  const model = inst.data!.find((d) => d.dataType === 'model')!;
  await fx.owner.data.replace(inst, model.id, buildingPermitXml('Reliability Tester'), { contentType: 'application/xml' });
  return inst;
}
