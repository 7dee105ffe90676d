// The localtest and studioctl profiles: which listener answers what, the 307 from localhost, and
// localtest's own token claims. Requests go out with an explicit Host header, as a browser's would.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { startEmulator, type Emulator } from './index';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function raw(base: string, method: string, path: string, o: { host?: string; token?: string } = {}): Promise<Raw> {
  const url = new URL(base);
  const headers: Record<string, string> = { host: o.host ?? url.host };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

const META = '/ttd/building-permit/api/v1/applicationmetadata';
const ORG_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';

describe('emulator profile localtest (app-localtest: nginx in front, localtest on its own port)', () => {
  let emu: Emulator;
  let front: string;
  let platform: string;
  before(async () => {
    emu = await startEmulator({ profile: 'localtest', seed: 'default' });
    front = emu.url;
    platform = emu.platformUrl;
  });
  after(async () => emu?.close());

  it('listens twice: nginx at url, localtest at platformUrl', () => {
    assert.equal(emu.profile, 'localtest');
    assert.notEqual(front, platform);
  });

  it('sends localhost and altinn3local.no to local.altinn.cloud with a 307, keeping path and query', async () => {
    const port = new URL(front).port;
    for (const host of [`localhost:${port}`, 'localhost', 'altinn3local.no']) {
      const r = await raw(front, 'GET', `${META}?x=1`, { host });
      assert.equal(r.status, 307, host);
      assert.equal(r.headers.location, `http://local.altinn.cloud:${port}${META}?x=1`);
    }
    // Any other name (127.0.0.1, local.altinn.cloud) is nginx's default server: the app answers.
    assert.equal((await raw(front, 'GET', META)).status, 200);
    assert.equal((await raw(front, 'GET', META, { host: `local.altinn.cloud:${port}` })).status, 200);
  });

  it('passes /Home/ and /storage/ to localtest through nginx, and nothing else of the platform', async () => {
    const token = (await raw(front, 'GET', `/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=${encodeURIComponent(ORG_SCOPES)}`)).text;
    assert.equal(token.split('.').length, 3);
    assert.equal((await raw(front, 'GET', '/storage/api/v1/applications')).status, 200);
    assert.equal((await raw(front, 'GET', '/storage/api/v1/instances?org=ttd', { token })).status, 200);
    // These prefixes fall to nginx's `location /`: the app, which has no such routes.
    for (const path of ['/authentication/api/v1/refresh', '/authorization/api/v1/parties?userId=1337', '/events/api/v1/app/ttd/building-permit']) {
      const r = await raw(front, 'GET', path, { token });
      assert.equal(r.status, 404, path);
      assert.equal(r.text, '', `${path}: the app's empty 404`);
    }
    // nginx locations are case-sensitive: /home/ is the app's.
    assert.equal((await raw(front, 'GET', '/home/GetTestUserToken/1337')).status, 404);
    // Upstreams the emulator does not run answer as nginx does when they are down.
    const receipt = await raw(front, 'GET', '/receipt/501337/x');
    assert.equal(receipt.status, 502);
    assert.match(String(receipt.headers['content-type']), /text\/html/);
  });

  it('refuses a body announced over 50 MB at nginx, not at localtest\'s port', async () => {
    const big = (base: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(base);
        const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/ttd/building-permit/instances/501337/x/data/drawing',
          headers: { 'content-length': String(50 * 1024 * 1024 + 1), 'content-type': 'application/pdf' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    assert.equal(await big(front), 413);
    assert.notEqual(await big(platform), 413);
  });

  it('answers the platform on localtest\'s port, and proxies the rest to the app', async () => {
    const user = (await raw(platform, 'GET', '/Home/GetTestUserToken/1337')).text;
    assert.equal((await raw(platform, 'GET', '/authentication/api/v1/refresh', { token: user })).status, 200);
    assert.equal((await raw(platform, 'GET', '/authorization/api/v1/parties?userId=1337', { token: user })).status, 200);
    assert.equal((await raw(platform, 'GET', '/authentication/api/v1/openid/.well-known/openid-configuration/jwks')).status, 200);
    assert.equal((await raw(platform, 'GET', META)).status, 200, 'apps are proxied from 5101 too');
  });

  it('has no token exchange, no reading of app events, no instance read by guid alone and no Maskinporten: 404 with no body', async () => {
    const org = (await raw(platform, 'GET', `/Home/GetTestOrgToken/ttd?scopes=${encodeURIComponent(ORG_SCOPES)}`)).text;
    for (const [method, path] of [
      // Altinn/app-localtest src/Controllers/Storage/InstancesController.cs reads instances by {partyId}/{guid} only (no GetByGuid).
      ['GET', '/storage/api/v1/instances/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'],
      ['GET', '/authentication/api/v1/exchange/maskinporten'],
      ['GET', '/authentication/api/v1/exchange/id-porten'],
      ['GET', '/events/api/v1/app/ttd/building-permit?after=0'],
      ['POST', '/maskinporten/token'],
    ]) {
      const r = await raw(platform, method, path, { token: org });
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.text, '');
    }
  });

  it("issues localtest's claims: scopes of an org in urn:altinn:scope, no authentication method", async () => {
    const org = claimsOf((await raw(platform, 'GET', `/Home/GetTestOrgToken/TTD?scopes=${encodeURIComponent(ORG_SCOPES)}`)).text);
    assert.equal(org['urn:altinn:org'], 'ttd', 'lower-cased');
    assert.equal(org['urn:altinn:orgNumber'], '405003309', 'looked up when not given');
    assert.equal(org['urn:altinn:scope'], ORG_SCOPES);
    assert.equal(org['urn:altinn:authlevel'], 3);
    assert.equal(org.scope, undefined);
    assert.equal(org['urn:altinn:authenticatemethod'], undefined);
    assert.equal((org.exp as number) - (org.iat as number), 960 * 60, "localtest's 960 minutes");

    const unknown = claimsOf((await raw(platform, 'GET', '/Home/GetTestOrgToken/xyz')).text);
    assert.equal(unknown['urn:altinn:orgNumber'], undefined, 'no org number rather than an error');
    assert.equal(unknown['urn:altinn:scope'], 'altinn:serviceowner/instances.read');

    const user = claimsOf((await raw(platform, 'GET', '/Home/GetTestUserToken/1337?authenticationLevel=3')).text);
    assert.equal(user.nameid, '1337');
    assert.equal(user['urn:altinn:userid'], '1337');
    assert.equal(user['urn:altinn:partyid'], 501337);
    assert.equal(user['urn:altinn:authlevel'], 3);
    assert.equal(user.scope, 'altinn:portal/enduser');
    assert.equal(user['urn:altinn:authenticatemethod'], undefined);

    const missing = await raw(platform, 'GET', '/Home/GetTestUserToken/999');
    assert.equal(missing.status, 404);
    assert.equal(missing.text, '');
    assert.equal((await raw(platform, 'GET', '/Home/Localtest/Version')).text, '5');
  });

  it('lets an org token with only urn:altinn:scope read and not write', async () => {
    const read = (await raw(platform, 'GET', '/Home/GetTestOrgToken/ttd')).text;
    assert.equal((await raw(platform, 'GET', '/storage/api/v1/instances?org=ttd', { token: read })).status, 200);
    const id = emu.store.listInstances('ttd/building-permit')[0].id;
    assert.equal((await raw(front, 'POST', `/ttd/building-permit/instances/${id}/complete`, { token: read })).status, 403);
  });
});

describe('emulator profile studioctl (localtest container as the ingress)', () => {
  let emu: Emulator;
  let port: string;
  before(async () => {
    emu = await startEmulator({ profile: 'studioctl', seed: 'default' });
    port = new URL(emu.url).port;
  });
  after(async () => emu?.close());

  it('routes /{org}/{app} to the app only for the host local.altinn.cloud', async () => {
    assert.notEqual(emu.platformUrl, emu.url, 'the ingress port, and 5101 published too');
    assert.equal((await raw(emu.url, 'GET', META, { host: `local.altinn.cloud:${port}` })).status, 200);
    assert.equal((await raw(emu.url, 'GET', META, { host: `LOCAL.altinn.cloud:${port}` })).status, 200, 'host names ignore case');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const r = await raw(emu.url, 'GET', META, { host });
      assert.equal(r.status, 404, `${host}: no app route, localtest has no such page`);
      assert.equal(r.headers.location, undefined, 'no redirect without nginx');
    }
    assert.equal((await raw(emu.url, 'GET', '/ttd/no-such-app/api/v1/applicationmetadata', { host: `local.altinn.cloud:${port}` })).status, 404);
    // The container's 5101 is the same listener: the same rule.
    const other = new URL(emu.platformUrl).port;
    assert.equal((await raw(emu.platformUrl, 'GET', META, { host: `local.altinn.cloud:${other}` })).status, 200);
    assert.equal((await raw(emu.platformUrl, 'GET', META)).status, 404);
  });

  it('serves the platform on every host name, without exchange or app events', async () => {
    for (const host of [`local.altinn.cloud:${port}`, `127.0.0.1:${port}`]) {
      const user = (await raw(emu.url, 'GET', '/Home/GetTestUserToken/1337', { host })).text;
      assert.equal((await raw(emu.url, 'GET', '/storage/api/v1/applications', { host })).status, 200);
      assert.equal((await raw(emu.url, 'GET', '/authentication/api/v1/refresh', { host, token: user })).status, 200);
      assert.equal((await raw(emu.url, 'GET', '/authorization/api/v1/parties?userId=1337', { host, token: user })).status, 200);
      assert.equal((await raw(emu.url, 'GET', '/authentication/api/v1/exchange/maskinporten', { host, token: user })).status, 404);
      assert.equal((await raw(emu.url, 'GET', '/events/api/v1/app/ttd/building-permit', { host, token: user })).status, 404);
    }
    assert.equal((await raw(emu.url, 'GET', '/Home/Localtest/Version')).text, '6');
  });
});

describe('emulator default profile (unchanged by the profiles)', () => {
  let emu: Emulator;
  before(async () => (emu = await startEmulator({ seed: 'empty' })));
  after(async () => emu?.close());

  it('answers everything on one port, localhost included, with the emulator extras', async () => {
    assert.equal(emu.profile, 'default');
    assert.equal(emu.platformUrl, emu.url);
    assert.equal((await raw(emu.url, 'GET', META, { host: 'localhost' })).status, 200);
    assert.equal((await raw(emu.url, 'GET', '/authentication/api/v1/exchange/maskinporten')).status, 401, 'exchange exists here');
    const org = claimsOf((await raw(emu.url, 'GET', `/Home/GetTestOrgToken/ttd?orgNumber=405003309`)).text);
    assert.equal(org['urn:altinn:authenticatemethod'], 'maskinporten');
    assert.equal((await raw(emu.url, 'GET', '/Home/Localtest/Version')).text, '1');
  });
});
