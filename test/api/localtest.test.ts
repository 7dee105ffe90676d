// src/api's `localtest` environment kind against the emulator's localtest and studioctl profiles: test
// tokens without exchange, apps through nginx (or studioctl's ingress), the platform on localtest's port.
import * as assert from 'node:assert/strict';
import { AltinnApiError, AltinnClient, AltinnInputError, AuthApi, decodeJwtClaims, Environment, type EnvironmentConfig, type RequestLog } from '../../src/api';
import { startEmulator, type Emulator } from '../emulator/index';
import { resolveLocalAltinnCloud } from '../emulator/local-dns';
import { BUILDING_PERMIT, cachingProvider, OWNER_SCOPES, TTD_ORG_NUMBER, USER_ID, USER_PARTY } from './helpers';

function clients(cfg: EnvironmentConfig, logs: RequestLog[] = []) {
  const environment = new Environment(cfg);
  const auth = new AuthApi(environment);
  const make = (fetchToken: () => Promise<string>) =>
    new AltinnClient({ environment, getToken: cachingProvider(fetchToken), onRequest: (l) => logs.push(l), timeoutMs: 15_000 });
  return {
    environment,
    auth,
    owner: make(() => auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES })),
    user: make(() => auth.testUserToken(USER_ID)),
  };
}

async function rejection(p: Promise<unknown>): Promise<AltinnApiError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(e instanceof AltinnApiError, `expected an AltinnApiError, got ${String(e)}`);
  return e;
}

describe('api: localtest kind against app-localtest (emulator profile localtest)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ profile: 'localtest', seed: 'default' });
  });
  after(async () => emu?.close());

  it('signs in with test tokens from localtest and works through nginx: apps, instances, data, parties', async () => {
    const logs: RequestLog[] = [];
    // 127.0.0.1 reaches nginx's default server, as local.altinn.cloud does.
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: emu.url, platformUrl: emu.platformUrl }, logs);
    const orgToken = await lt.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
    assert.equal(decodeJwtClaims(orgToken)['urn:altinn:scope'], OWNER_SCOPES, "localtest's org tokens carry urn:altinn:scope");

    const apps = await lt.owner.apps.list('ttd');
    assert.ok(apps.some((a) => a.id === BUILDING_PERMIT));
    const metadata = await lt.owner.apps.metadata(BUILDING_PERMIT);
    assert.equal(metadata.id, BUILDING_PERMIT);
    const page = await lt.owner.instances.query({ appId: BUILDING_PERMIT, size: 5 });
    assert.ok(page.instances.length > 0, 'the service owner reads instances with urn:altinn:scope');
    const withForm = (await lt.owner.instances.query({ appId: BUILDING_PERMIT, size: 50 })).instances.find((i) => i.data?.some((d) => d.dataType === 'model'));
    assert.ok(withForm);
    const xml = await lt.owner.data.getFormData(withForm, withForm.data!.find((d) => d.dataType === 'model')!.id, 'xml');
    assert.match(xml, /<BuildingPermit/);

    const parties = await lt.user.apps.parties(BUILDING_PERMIT);
    assert.ok(parties.some((p) => p.partyId === USER_PARTY));
    const user = await lt.auth.testUserToken(USER_ID);
    assert.equal(decodeJwtClaims(await lt.auth.refresh(user))['urn:altinn:userid'], String(USER_ID));

    const platform = new URL(emu.platformUrl).origin;
    assert.ok(logs.filter((l) => l.url.includes('/storage/') || l.url.includes('/authorization/')).every((l) => l.url.startsWith(platform)));
    assert.ok(logs.filter((l) => l.url.includes(`/${BUILDING_PERMIT}/`)).every((l) => l.url.startsWith(emu.url)), 'the App API through nginx');
  });

  it('would lose authentication with the platform on the nginx port: it reaches the app', async () => {
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: emu.url, platformUrl: emu.url });
    const token = await lt.auth.testUserToken(USER_ID); // /Home/ reaches localtest through nginx
    assert.equal((await rejection(lt.auth.refresh(token))).status, 404);
  });

  it('refuses token exchange before any request, with a message saying to use test identities', async () => {
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: emu.url, platformUrl: emu.platformUrl });
    const before = emu.store.stats.requests;
    const token = await lt.auth.testUserToken(USER_ID);
    await assert.rejects(lt.auth.exchange('id-porten', token), (e: Error) => e instanceof AltinnInputError && /no token exchange.*test user/.test(e.message));
    assert.equal(emu.store.stats.requests, before + 1, 'only the test token was fetched');
  });

  it('says where localhost redirects instead of taking the 307 for an empty answer', async () => {
    const port = new URL(emu.url).port;
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: `http://localhost:${port}`, platformUrl: emu.platformUrl });
    const error = await rejection(lt.owner.apps.metadata(BUILDING_PERMIT));
    assert.equal(error.status, 307);
    assert.match(error.message, new RegExp(`redirects to http://local\\.altinn\\.cloud:${port}; set the environment's URL`));
    const ref = { appId: BUILDING_PERMIT, id: `${USER_PARTY}/00000000-0000-4000-8000-000000000000` };
    const download = await rejection(lt.owner.data.download(ref, '00000000-0000-4000-8000-000000000001'));
    assert.equal(download.status, 307, 'streamed downloads too');
  });
});

describe('api: localtest kind against studioctl (emulator profile studioctl)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let restoreDns: () => void;
  before(async () => {
    restoreDns = resolveLocalAltinnCloud();
    emu = await startEmulator({ profile: 'studioctl', seed: 'default' });
  });
  after(async () => {
    restoreDns?.();
    await emu?.close();
  });

  it('works at http://local.altinn.cloud:<ingress>, the platform also on the container\'s other port', async () => {
    const base = `http://local.altinn.cloud:${new URL(emu.url).port}`;
    // 5101 in a real setup, the kind's default; the emulator's second port is ephemeral here.
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: base, platformUrl: `http://local.altinn.cloud:${new URL(emu.platformUrl).port}` });
    assert.equal((await lt.owner.apps.metadata(BUILDING_PERMIT)).id, BUILDING_PERMIT);
    const page = await lt.owner.instances.query({ appId: BUILDING_PERMIT, size: 5 });
    assert.ok(page.instances.length > 0);
    assert.ok((await lt.user.apps.parties(BUILDING_PERMIT)).some((p) => p.partyId === USER_PARTY));
  });

  it('finds no app at 127.0.0.1: studioctl routes apps by the host name local.altinn.cloud', async () => {
    const lt = clients({ id: 'lt', name: 'Localtest', kind: 'localtest', url: emu.url, platformUrl: emu.url });
    assert.ok((await lt.owner.apps.list('ttd')).length > 0, 'the platform answers on any host name');
    assert.equal((await rejection(lt.owner.apps.metadata(BUILDING_PERMIT))).status, 404);
  });
});
