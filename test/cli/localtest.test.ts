// The CLI with a `localtest` environment against the emulator's localtest profile (app-localtest's nginx
// and localtest's own port): test tokens from localtest, apps and instances, and no token exchange.
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/index';
import { assertBuilt, CliHome, OWNER_SCOPES, runCli, TTD_ORG_NUMBER } from './helpers';

describe('cli: a localtest environment (emulator profile localtest)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: CliHome;

  before(async () => {
    assertBuilt();
    emulator = await startEmulator({ profile: 'localtest', seed: 'default' });
    home = await CliHome.create();
    // The platform is localtest's own port (5101 by default; ephemeral here).
    const add = await runCli(['env', 'add', 'lt', '--kind', 'localtest', '--url', emulator.url, '--platform-url', emulator.platformUrl], { env: home.env() });
    assert.equal(add.code, 0, add.stderr);
  });
  after(async () => {
    await emulator?.close();
    await home?.dispose();
  });

  it('signs in as a test organisation and lists apps and instances', async () => {
    const login = await runCli(['login', '--test-org', 'ttd', '--org-number', TTD_ORG_NUMBER, '--scopes', OWNER_SCOPES, '--print-token'], { env: home.env() });
    assert.equal(login.code, 0, login.stderr);
    const env = home.env({ ALTINN_TOKEN: login.stdout.trim() });
    const who = await runCli(['whoami', '--json'], { env });
    assert.equal(who.code, 0, who.stderr);
    const identity = (JSON.parse(who.stdout) as { identity: { org: string; scopes: string[] } }).identity;
    assert.equal(identity.org, 'ttd');
    assert.deepEqual([...identity.scopes].sort(), OWNER_SCOPES.split(' ').sort(), 'read from urn:altinn:scope');
    const apps = await runCli(['apps', 'ttd', '--json'], { env });
    assert.equal(apps.code, 0, apps.stderr);
    assert.ok((JSON.parse(apps.stdout) as { id: string }[]).some((a) => a.id === 'ttd/building-permit'));
    const instances = await runCli(['instances', 'ttd/building-permit', '--json'], { env });
    assert.equal(instances.code, 0, instances.stderr);
    assert.ok((JSON.parse(instances.stdout) as unknown[]).length > 0);
  });

  it('signs in as a service owner without --org-number: localtest looks the number up', async () => {
    // Altinn/app-localtest AuthenticationService GenerateTokenForOrg: no orgNumber → the org's number from Altinn's list.
    const login = await runCli(['login', '--test-org', 'ttd', '--scopes', OWNER_SCOPES, '--print-token'], { env: home.env() });
    assert.equal(login.code, 0, login.stderr);
    const who = await runCli(['whoami', '--json'], { env: home.env({ ALTINN_TOKEN: login.stdout.trim() }) });
    assert.equal((JSON.parse(who.stdout) as { identity: { orgNumber?: string } }).identity.orgNumber, TTD_ORG_NUMBER);
  });

  it('says that localtest has no token exchange, before sending the token anywhere', async () => {
    const token = (await runCli(['login', '--test-user', '1337', '--print-token'], { env: home.env() })).stdout.trim();
    const before = emulator.store.stats.requests;
    const login = await runCli(['login', '--idporten', '--print-token'], { env: home.env(), input: `${token}\n` });
    assert.equal(login.code, 1);
    assert.match(login.stderr, /no token exchange.*test user or a test organisation/);
    assert.equal(emulator.store.stats.requests, before);
  });
});
