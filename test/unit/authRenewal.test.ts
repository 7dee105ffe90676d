import * as assert from 'node:assert/strict';
import type { LogOutputChannel } from 'vscode';
import { Environment } from '../../src/api';
import type { TokenEndpoints } from '../../src/session/acquire';
import type { ActiveSession } from '../../src/session/active';
import { SessionRenewal, type RenewalHost, type SessionEndReason } from '../../src/session/renewal';
import type { StoredSession } from '../../src/session/stored';

const environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: 'http://127.0.0.1:5101' });
const HOUR = 3_600_000;

function sessionWith(token: string, now: number): ActiveSession {
  const stored: StoredSession = {
    version: 1,
    environment: 'emu',
    token,
    obtainedAt: now,
    credentials: { method: 'testOrg', org: 'ttd', orgNumber: '405003309' },
  };
  return { stored, claims: { exp: (now + HOUR) / 1000 }, identity: { kind: 'org', method: 'testOrg', org: 'ttd', scopes: [] }, renewAt: now + HOUR / 2 };
}

/** A host with one signed-in environment whose token endpoint hands out `renewed-1`, `renewed-2`, … */
function fakeHost(firstToken: string) {
  const now = Date.now();
  let active: ActiveSession | undefined = sessionWith(firstToken, now);
  const ended: SessionEndReason[] = [];
  let grants = 0;
  const endpoints = { testOrgToken: async () => `renewed-${++grants}` } as unknown as TokenEndpoints;
  const host: RenewalHost = {
    cache: {
      reload: async () => undefined,
      save: async (_envId, stored) => (active = sessionWith(stored.token, now)),
    },
    log: { info: () => undefined, warn: () => undefined } as unknown as LogOutputChannel,
    now: () => now,
    endpoints: () => endpoints,
    session: () => active,
    environment: () => environment,
    generation: () => 0,
    end: async (_envId, reason) => {
      ended.push(reason);
      active = undefined;
    },
    onDue: () => undefined,
  };
  return { host, ended, grants: () => grants };
}

describe('auth: renewal after Altinn refuses a token', () => {
  it('renews once, answers a late 401 to the old token with the new one, and ends when the new one is refused', async () => {
    const fake = fakeHost('first');
    const renewal = new SessionRenewal(fake.host);
    try {
      assert.equal(await renewal.afterRejection('emu', 'first'), 'renewed-1');
      assert.equal(fake.grants(), 1);
      // A request sent with the old token before the renewal comes back 401 later: no second renewal.
      assert.equal(await renewal.afterRejection('emu', 'first'), 'renewed-1');
      assert.equal(fake.grants(), 1);
      assert.deepEqual(fake.ended, []);
      // Altinn refuses the renewed token as well: renewal cannot help (issue 6: one silent renewal, then sign in).
      assert.equal(await renewal.afterRejection('emu', 'renewed-1'), undefined);
      assert.equal(fake.grants(), 1);
      assert.deepEqual(fake.ended, ['rejected']);
    } finally {
      renewal.dispose();
    }
  });

  it('treats a refusal that names no token as one of the current token', async () => {
    const fake = fakeHost('first');
    const renewal = new SessionRenewal(fake.host);
    try {
      assert.equal(await renewal.afterRejection('emu', undefined), 'renewed-1');
      assert.equal(await renewal.afterRejection('emu', undefined), undefined);
      assert.deepEqual(fake.ended, ['rejected']);
    } finally {
      renewal.dispose();
    }
  });
});

/** A host whose session is due for renewal and whose token endpoint waits until its signal aborts (or `release`). */
function dueHost() {
  const now = Date.now();
  let active: ActiveSession | undefined = { ...sessionWith('first', now), renewAt: now - 1 };
  const ended: SessionEndReason[] = [];
  const signals: AbortSignal[] = [];
  const warnings: string[] = [];
  let release: ((token: string) => void) | undefined;
  const endpoints = {
    testOrgToken: (_org: string, opts: { signal?: AbortSignal }) =>
      new Promise<string>((resolve, reject) => {
        assert.ok(opts.signal, 'the token request carries a signal');
        signals.push(opts.signal);
        release = resolve;
        opts.signal.addEventListener('abort', () => reject(new Error('request aborted')), { once: true });
      }),
  } as unknown as TokenEndpoints;
  const host: RenewalHost = {
    cache: { reload: async () => undefined, save: async (_envId, stored) => (active = { ...sessionWith(stored.token, now), renewAt: now + HOUR }) },
    log: { info: () => undefined, warn: (m: string) => void warnings.push(m) } as unknown as LogOutputChannel,
    now: () => now,
    endpoints: () => endpoints,
    session: () => active,
    environment: () => environment,
    generation: () => 0,
    end: async (_envId, reason) => {
      ended.push(reason);
      active = undefined;
    },
    onDue: () => undefined,
  };
  return { host, ended, signals, warnings, session: () => active!, release: (token: string) => release?.(token) };
}

/** Runs `test` with a renewal whose session is due, over a host whose token request waits for `release`. */
async function withDueRenewal(test: (fake: ReturnType<typeof dueHost>, renewal: SessionRenewal) => Promise<void>): Promise<void> {
  const fake = dueHost();
  const renewal = new SessionRenewal(fake.host);
  try {
    await test(fake, renewal);
  } finally {
    renewal.dispose();
  }
}

/** Lets the renewal's pending work start. */
const tick = () => new Promise((r) => setImmediate(r));

describe("auth: the request's cancel signal reaches renewal", () => {
  it('aborts the token request when the only request waiting for it is cancelled, without backing off or signing out', async () => {
    await withDueRenewal(async (fake, renewal) => {
      const controller = new AbortController();
      const waiting = renewal.tokenFor('emu', fake.session(), controller.signal);
      await tick();
      assert.equal(fake.signals.length, 1, 'the renewal asked for a token');
      controller.abort();
      await assert.rejects(waiting);
      assert.equal(fake.signals[0].aborted, true, 'the token request was aborted');
      assert.deepEqual(fake.ended, [], 'a cancelled renewal does not end the session');
      assert.deepEqual(fake.warnings, [], 'nor is it logged as a failure');
      // No back-off: the next request renews at once.
      const next = renewal.tokenFor('emu', fake.session());
      await tick();
      assert.equal(fake.signals.length, 2, 'a new renewal started');
      fake.release('renewed');
      assert.equal(await next, 'renewed');
    });
  });

  it('keeps a renewal going while another request still waits for it', async () => {
    await withDueRenewal(async (fake, renewal) => {
      const first = new AbortController();
      const second = new AbortController();
      const a = renewal.tokenFor('emu', fake.session(), first.signal);
      const b = renewal.tokenFor('emu', fake.session(), second.signal);
      await tick();
      assert.equal(fake.signals.length, 1, 'one renewal for both');
      first.abort();
      await assert.rejects(a);
      assert.equal(fake.signals[0].aborted, false, 'the other request still waits');
      fake.release('renewed');
      assert.equal(await b, 'renewed');
    });
  });

  it('passes the signal on after a 401, and a cancelled renewal there does not sign out', async () => {
    await withDueRenewal(async (fake, renewal) => {
      const controller = new AbortController();
      const waiting = renewal.afterRejection('emu', 'first', controller.signal);
      await tick();
      controller.abort();
      await assert.rejects(waiting);
      assert.equal(fake.signals[0].aborted, true);
      assert.deepEqual(fake.ended, []);
    });
  });
});
