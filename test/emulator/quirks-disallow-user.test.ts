// `disallowUserInstantiation` on a Production host (docs/altinn-behaviour.md §1.2, §5): Altinn/app-lib-dotnet
// src/Altinn.App.Api/Controllers/InstancesController.cs VerifyInstantiationPermissions (v8.3.0+), called by Post
// and PostSimplified. Prod runs apps as Production, TT02 as Staging (Altinn/altinn-studio
// infra/runtime/apps-config/{prod,tt02}/kustomization.yaml ASPNETCORE_ENVIRONMENT), so the emulator applies it
// only with `productionHost`.
import * as assert from 'node:assert/strict';
import { APPS, type AppDef } from './apps';
import { startEmulator, type Emulator } from './index';
import { call, orgToken, userToken, type Reply } from './test-client';

const APP = 'digdir/simple-form';
const orgOnly: AppDef = { ...APPS.find((a) => a.id === APP)!, disallowUserInstantiation: true };
const REFUSED = `User instantiation is disabled for this application ${APP}`;

describe('emulator quirks: disallowUserInstantiation', () => {
  const emulators: Emulator[] = [];
  const start = async (productionHost: boolean) => {
    const emu = await startEmulator({ instancesPerApp: 0, seed: 'empty', extraApps: [orgOnly], productionHost });
    emulators.push(emu);
    return emu;
  };
  after(async () => { await Promise.all(emulators.map((e) => e.close())); });

  const post = (emu: Emulator, token: string) => call(emu, 'POST', `/${APP}/instances?instanceOwnerPartyId=501337`, { token });
  const simplified = (emu: Emulator, token: string, body: object) => call(emu, 'POST', `/${APP}/instances/create`, {
    token, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
  });
  const jsonString = (r: Reply): string => {
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    return r.json<string>();
  };

  it('on a Production host a user gets 403 with a JSON string from both create routes; a service owner creates', async () => {
    const emu = await start(true);
    const user = await userToken(emu);
    const refused = await post(emu, user);
    assert.equal(refused.status, 403);
    assert.equal(jsonString(refused), REFUSED);
    const refusedSimple = await simplified(emu, user, { instanceOwner: { partyId: '501337' } });
    assert.equal(refusedSimple.status, 403);
    assert.equal(jsonString(refusedSimple), REFUSED);
    const owner = await post(emu, await orgToken(emu, 'digdir'));
    assert.equal(owner.status, 201, owner.text);
  });

  it('a copy request is not refused by it (it goes on to the copy rules)', async () => {
    const emu = await start(true);
    const copy = await simplified(emu, await userToken(emu), { instanceOwner: { partyId: '501337' }, sourceInstanceId: '501337/0b3e5d3c-4cbe-4c63-9a5b-2b4b4a1e0c11' });
    assert.equal(copy.status, 400);
    assert.equal(jsonString(copy), 'Creating instance based on a copy from an archived instance is not enabled for this app.');
  });

  it('off a Production host (the default: localtest is Development, TT02 Staging) a user creates', async () => {
    const emu = await start(false);
    const created = await post(emu, await userToken(emu));
    assert.equal(created.status, 201, created.text);
  });
});
