// Issue 8, security: https for every host but loopback and localtest; tokens never in error messages or
// request logs (even under faults); redirects and next links never carry the token to another host.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AltinnApiError, AltinnClient, AltinnInputError, Environment, type EnvironmentConfig, redactUrl, type RequestLog } from '../../src/api';
import { HttpClient } from '../../src/api/http';
import { BUILDING_PERMIT, type Fixture, OWNER_SCOPES, PDF_BYTES, startFixture, TTD_ORG_NUMBER, USER_PARTY } from '../api/helpers';
import { failureOf, readyInstance } from './harness';
import { type HostileServer, startHostileServer } from './hostile-server';

describe('reliability: security', function () {
  this.timeout(60_000);

  describe('https is required for every host but loopback and localtest', () => {
    const refused: [string, EnvironmentConfig][] = [];
    for (const url of [
      'http://example.com', 'HTTP://EXAMPLE.COM', 'http://platform.altinn.no', 'http://ttd.apps.tt02.altinn.no', 'http://10.0.0.5',
      'http://192.168.1.10:5101', 'http://127.0.0.1.evil.com', 'http://localhost.evil.com', 'http://local.altinn.cloud.evil.com',
      'http://evilaltinn.cloud', 'http://[::2]', 'http://0.0.0.0', 'ftp://127.0.0.1', 'file:///etc/passwd', 'javascript:alert(1)',
      'ws://127.0.0.1', 'https://user:pass@example.com', 'https://example.com?token=x', 'https://example.com#x', 'not a url', '',
    ]) {
      refused.push([url, { id: 'e', name: 'E', kind: 'emulator', url }]);
      refused.push([url, { id: 'e', name: 'E', kind: 'custom', url }]);
      if (url === '') continue; // an empty override means "not set": the https default applies
      refused.push([`platform ${url}`, { id: 'e', name: 'E', kind: 'production', platformUrl: url }]);
      refused.push([`maskinporten ${url}`, { id: 'e', name: 'E', kind: 'tt02', maskinportenUrl: url }]);
    }
    refused.push(['localtest on a public host', { id: 'e', name: 'E', kind: 'localtest', url: 'https://example.com' }]);
    refused.push(['custom {org} in the path', { id: 'e', name: 'E', kind: 'custom', url: 'https://example.com/{org}', platformUrl: 'https://example.com' }]);

    it(`refuses ${refused.length} unsafe environment configurations with a clear message`, () => {
      for (const [label, cfg] of refused) {
        let error: unknown;
        try {
          new Environment(cfg);
        } catch (e) {
          error = e;
        }
        assert.ok(error instanceof AltinnInputError, `${label} (${cfg.kind}) was accepted`);
        assert.ok(error.message.length > 10 && error.message.length < 400, error.message);
      }
    });

    it('says why plain http is refused', () => {
      assert.throws(() => new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://example.com' }), /https/);
    });

    it('accepts plain http on loopback and localtest hosts, and https anywhere', () => {
      for (const url of ['http://127.0.0.1:5101', 'http://localhost:5101', 'http://[::1]:5101', 'http://127.1.2.3', 'http://local.altinn.cloud', 'http://ttd.local.altinn.cloud', 'https://example.com']) {
        new Environment({ id: 'e', name: 'E', kind: 'custom', url });
      }
      new Environment({ id: 'e', name: 'E', kind: 'localtest' });
      for (const kind of ['production', 'tt02'] as const) {
        const env = new Environment({ id: 'e', name: 'E', kind });
        assert.ok(env.platformUrl.startsWith('https://'));
        assert.ok(env.appBaseUrl(BUILDING_PERMIT).startsWith('https://'));
        assert.ok(env.maskinportenTokenUrl!.startsWith('https://'));
      }
    });
  });

  describe('tokens never reach error messages or request logs', () => {
    let fx: Fixture;
    let hostile: HostileServer;
    let token: string;
    const logs: RequestLog[] = [];
    const errors: unknown[] = [];

    before(async () => {
      fx = await startFixture();
      hostile = await startHostileServer();
      token = await fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
    });
    after(async () => {
      await hostile?.close();
      await fx?.close();
    });

    function assertNoSecret(text: string, where: string): void {
      const signature = token.split('.')[2];
      assert.ok(!text.includes(token), `${where} holds the token`);
      assert.ok(!text.includes(signature), `${where} holds the token's signature`);
      assert.ok(!/bearer\s+\S/i.test(text), `${where} holds an Authorization value`);
      assert.ok(!text.includes('hostile-secret'), `${where} holds a secret from a URL`);
    }

    it('a run of operations under faults: every error and every log line is free of the token', async () => {
      const client = new AltinnClient({ environment: fx.environment, getToken: async () => token, onRequest: (l) => logs.push(l), timeoutMs: 1_500, retry: { baseDelayMs: 10 } });
      const inst = await readyInstance(fx);
      const model = inst.data!.find((d) => d.dataType === 'model')!;
      const faults = [
        { kind: 'status' as const, status: 500 },
        { kind: 'status' as const, status: 503 },
        { kind: 'status' as const, status: 401 },
        { kind: 'status' as const, status: 403 },
        { kind: 'reset' as const },
        { kind: 'truncate' as const },
        { kind: 'latency' as const, latencyMs: 2_500 },
      ];
      const operations: (() => Promise<unknown>)[] = [
        () => client.instances.query({ appId: BUILDING_PERMIT, size: 3 }),
        () => client.data.getFormData(inst, model.id, 'json'),
        () => client.data.upload(inst, 'drawing', PDF_BYTES, { filename: 'secret.pdf' }),
        () => client.process.next(inst),
        () => client.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } }),
      ];
      for (const fault of faults) {
        fx.emulator.faults.reset();
        fx.emulator.faults.add({ path: '^/(storage|ttd)/', ...fault });
        // Latency hits every operation in turn: one is enough to see a time-out.
        for (const op of fault.kind === 'latency' ? operations.slice(1, 2) : operations) {
          errors.push(await failureOf(op()));
        }
      }
      fx.emulator.faults.reset();
      assert.ok(errors.length >= 30);
      assert.ok(logs.length >= errors.length);
      for (const error of errors) {
        assert.ok(error instanceof AltinnApiError, String(error));
        assertNoSecret(error.message, 'message');
        assertNoSecret(error.url, 'url');
        assertNoSecret(String(error.stack), 'stack');
        assertNoSecret(inspect(error, { depth: 8 }), 'inspected error');
        assertNoSecret(JSON.stringify(error), 'serialized error');
      }
      assert.ok(errors.some((e) => (e as AltinnApiError).kind === 'timeout'));
      assert.ok(errors.some((e) => (e as AltinnApiError).kind === 'network'));
      assertNoSecret(JSON.stringify(logs), 'request log');
    });

    it('secrets in a URL are redacted in errors and logs', async () => {
      const lines: RequestLog[] = [];
      const http = new HttpClient({ getToken: async () => token, onRequest: (l) => lines.push(l), retry: { limit: 0 } });
      hostile.route(/^\/leak$/, (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
      const error = await failureOf(http.request({ url: `${hostile.url}/leak`, query: { access_token: 'hostile-secret-1', code: 'hostile-secret-2', client_secret: 'hostile-secret-3', page: '2' } }));
      assert.ok(error instanceof AltinnApiError);
      assertNoSecret(error.message + error.url + inspect(error), 'error');
      assertNoSecret(JSON.stringify(lines), 'log');
      assert.match(error.url, /page=2/);
      assert.equal(redactUrl('https://u:hostile-secret@h.example/p?id_token=hostile-secret#hostile-secret'), 'https://h.example/p?id_token=REDACTED');
    });

    it('a redirect is not followed, so the token never goes to another host', async () => {
      const other = await startHostileServer();
      try {
        hostile.route(/^\/storage\/api\/v1\/applications$/, (_req, res) => res.writeHead(302, { location: `${other.url}/steal` }).end());
        const env = new Environment({ id: 'h', name: 'H', kind: 'emulator', url: hostile.url });
        const client = new AltinnClient({ environment: env, getToken: async () => token, retry: { limit: 0 } });
        await client.apps.list().catch(() => undefined);
        assert.deepEqual(other.hits, []);
      } finally {
        await other.close();
      }
    });

    it("Storage's next link is re-aimed at the configured host: the token never follows it elsewhere", async () => {
      const other = await startHostileServer();
      try {
        hostile.route(/^\/storage\/api\/v1\/instances$/, (req, res) => {
          const page2 = (req.url ?? '').includes('continuationToken=');
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ count: 0, instances: [], next: page2 ? undefined : `${other.url}/storage/api/v1/instances?continuationToken=abc` }),
          );
        });
        const env = new Environment({ id: 'h', name: 'H', kind: 'emulator', url: hostile.url });
        const client = new AltinnClient({ environment: env, getToken: async () => token, retry: { limit: 0 } });
        for await (const page of client.instances.pages({ appId: BUILDING_PERMIT })) void page;
        assert.deepEqual(other.hits, []);
        assert.equal(hostile.hits.filter((h) => h === '/storage/api/v1/instances').length, 2);
      } finally {
        await other.close();
      }
    });
  });
});
