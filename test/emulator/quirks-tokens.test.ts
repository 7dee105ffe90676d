// Token quirks: the ID-porten exchange's order of checks and localtest's test user endpoint
// (docs/altinn-behaviour.md §3).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call } from './test-client';

describe('emulator quirks: token exchange and test tokens', () => {
  let emu: Emulator;

  before(async () => (emu = await startEmulator({ instancesPerApp: 0 })));
  after(async () => emu.close());

  it('ID-porten exchange: a token without an altinn: scope is 403 before its level is looked at', async () => {
    // Altinn/altinn-authentication src/Authentication/Controllers/AuthenticationController.cs AuthenticateIdPortenToken
    const idp = (await call(emu, 'GET', '/_emulator/idporten-token?pid=01039012345&acr=unknown-level&scope=openid')).text;
    const r = await call(emu, 'GET', '/authentication/api/v1/exchange/id-porten', { token: idp });
    assert.deepEqual([r.status, r.text], [403, '']);
    const scoped = (await call(emu, 'GET', '/_emulator/idporten-token?pid=01039012345&acr=unknown-level&scope=altinn:portal/enduser')).text;
    assert.equal((await call(emu, 'GET', '/authentication/api/v1/exchange/id-porten', { token: scoped })).status, 401);
  });

  it('GetTestUserToken: an unknown user is an empty 404, as localtest\'s NotFound()', async () => {
    // Altinn/app-localtest src/Controllers/HomeController.cs GetTestUserToken
    const r = await call(emu, 'GET', '/Home/GetTestUserToken/4242');
    assert.deepEqual([r.status, r.text], [404, '']);
  });
});
