import * as assert from 'node:assert/strict';
import { AltinnInputError, Environment } from '../../src/api';

describe('api environments', () => {
  it('production and tt02 use per-org app hosts and the platform host (docs/altinn-behaviour.md §5)', () => {
    const prod = new Environment({ id: 'p', name: 'Production', kind: 'production' });
    assert.equal(prod.appBaseUrl('ttd/building-permit'), 'https://ttd.apps.altinn.no/ttd/building-permit');
    assert.equal(prod.platformUrl, 'https://platform.altinn.no');
    assert.equal(prod.storageUrl, 'https://platform.altinn.no/storage/api/v1');
    assert.equal(prod.maskinportenTokenUrl, 'https://maskinporten.no/token');
    assert.equal(prod.testTokenUrl, undefined);
    const tt02 = new Environment({ id: 't', name: 'TT02', kind: 'tt02' });
    assert.equal(tt02.appBaseUrl({ org: 'digdir', app: 'simple-form' }), 'https://digdir.apps.tt02.altinn.no/digdir/simple-form');
    assert.equal(tt02.platformUrl, 'https://platform.tt02.altinn.no');
    assert.equal(tt02.maskinportenTokenUrl, 'https://test.maskinporten.no/token');
  });

  it('localtest defaults to http://local.altinn.cloud, and to localtest\'s own port 5101 for the platform and test tokens', () => {
    // app-localtest's nginx passes only /Home/ and /storage/ to localtest: /authentication/, /authorization/ and
    // /events/ would reach the app. Altinn/app-localtest loadbalancer/templates/nginx.conf.conf
    const lt = new Environment({ id: 'l', name: 'Localtest', kind: 'localtest' });
    assert.equal(lt.appBaseUrl('ttd/basic'), 'http://local.altinn.cloud/ttd/basic');
    assert.equal(lt.platformUrl, 'http://local.altinn.cloud:5101');
    assert.equal(lt.authenticationUrl, 'http://local.altinn.cloud:5101/authentication/api/v1');
    assert.equal(lt.testTokenUrl, 'http://local.altinn.cloud:5101');
    // studioctl: one ingress on 8000 for apps and platform; the container's 5101 is published too.
    const studioctl = new Environment({ id: 'l', name: 'Localtest', kind: 'localtest', url: 'http://local.altinn.cloud:8000/' });
    assert.equal(studioctl.appBaseUrl('ttd/basic'), 'http://local.altinn.cloud:8000/ttd/basic');
    assert.equal(studioctl.platformUrl, 'http://local.altinn.cloud:5101');
    const own = new Environment({ id: 'l', name: 'Localtest', kind: 'localtest', url: 'http://127.0.0.1:8080', platformUrl: 'http://127.0.0.1:9000' });
    assert.equal(own.platformUrl, 'http://127.0.0.1:9000');
    assert.equal(own.testTokenUrl, 'http://127.0.0.1:9000');
    assert.equal(new Environment({ id: 'l', name: 'L', kind: 'localtest', url: 'http://[::1]:81' }).platformUrl, 'http://[::1]:5101');
    assert.throws(() => new Environment({ id: 'l', name: 'x', kind: 'localtest', url: 'https://example.com' }), AltinnInputError);
  });

  it('says what localtest lacks: token exchange and reading app events', () => {
    const lt = new Environment({ id: 'l', name: 'Localtest', kind: 'localtest' });
    assert.equal(lt.exchangesTokens, false);
    assert.equal(lt.appEventsReadable, false);
    for (const env of [new Environment({ id: 't', name: 'TT02', kind: 'tt02' }), new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://127.0.0.1:1' })]) {
      assert.equal(env.exchangesTokens, true);
      assert.equal(env.appEventsReadable, true);
    }
  });

  it('the emulator takes any base URL; apps and platform share it', () => {
    const em = new Environment({ id: 'e', name: 'Emulator', kind: 'emulator', url: 'http://127.0.0.1:43123' });
    assert.equal(em.appBaseUrl('ttd/income-report'), 'http://127.0.0.1:43123/ttd/income-report');
    assert.equal(em.storageUrl, 'http://127.0.0.1:43123/storage/api/v1');
    assert.equal(em.maskinportenTokenUrl, 'http://127.0.0.1:43123/maskinporten/token');
    assert.equal(em.usesTestData, true);
    assert.throws(() => new Environment({ id: 'e', name: 'Emulator', kind: 'emulator' }), /needs its base URL/);
  });

  it('refuses plain http except for loopback and localtest hosts', () => {
    assert.throws(
      () => new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://altinn.example.com' }),
      (e: Error) => e instanceof AltinnInputError && /plain http/.test(e.message),
    );
    assert.throws(() => new Environment({ id: 'c', name: 'C', kind: 'custom', url: 'http://{org}.apps.at22.altinn.cloud', platformUrl: 'https://platform.at22.altinn.cloud' }), /plain http/);
    assert.throws(() => new Environment({ id: 'p', name: 'P', kind: 'production', platformUrl: 'http://platform.altinn.no' }), /plain http/);
    assert.doesNotThrow(() => new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://localhost:5101' }));
    assert.doesNotThrow(() => new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://[::1]:5101' }));
  });

  it('refuses URLs with credentials, queries, fragments or other schemes', () => {
    for (const url of ['https://u:p@example.com', 'https://example.com/?a=b', 'https://example.com/#x', 'ftp://example.com', 'not a url', 'file:///etc/passwd']) {
      assert.throws(() => new Environment({ id: 'e', name: 'E', kind: 'emulator', url }), AltinnInputError, url);
    }
  });

  it('custom environments use an {org} host pattern or a plain base', () => {
    const at22 = new Environment({ id: 'c', name: 'AT22', kind: 'custom', url: 'https://{org}.apps.at22.altinn.cloud', platformUrl: 'https://platform.at22.altinn.cloud' });
    assert.equal(at22.appBaseUrl('ttd/basic'), 'https://ttd.apps.at22.altinn.cloud/ttd/basic');
    assert.equal(at22.platformUrl, 'https://platform.at22.altinn.cloud');
    const plain = new Environment({ id: 'c', name: 'Gateway', kind: 'custom', url: 'https://gateway.example.com/altinn' });
    assert.equal(plain.appBaseUrl('ttd/basic'), 'https://gateway.example.com/altinn/ttd/basic');
    assert.equal(plain.platformUrl, 'https://gateway.example.com/altinn');
    assert.throws(() => new Environment({ id: 'c', name: 'C', kind: 'custom', url: 'https://{org}.apps.x.no' }), /needs a platform URL/);
    assert.throws(() => new Environment({ id: 'c', name: 'C', kind: 'custom', url: 'https://x.no/{app}' }), AltinnInputError);
  });

  it('app URLs cannot escape their base', () => {
    const em = new Environment({ id: 'e', name: 'E', kind: 'emulator', url: 'http://127.0.0.1:1' });
    assert.throws(() => em.appBaseUrl('../x'), AltinnInputError);
    assert.throws(() => em.appBaseUrl({ org: 'ttd', app: '../../storage' }), AltinnInputError);
    assert.throws(() => em.appBaseUrl({ org: 'evil.com#', app: 'x' }), AltinnInputError);
  });

  it('rejects unknown kinds', () => {
    assert.throws(() => new Environment({ id: 'x', name: 'X', kind: 'staging' as never }), /Unknown environment kind/);
  });
});
