// The overview's "Copy as cURL" (src/overview/links.ts) run as a user would paste it: in a shell, against
// the emulator, with the token in ALTINN_TOKEN and nowhere in the command.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appInstanceUrl, browserUrl, curlCommand } from '../../src/overview/links';
import { BUILDING_PERMIT, OWNER_SCOPES, startFixture, TTD_ORG_NUMBER, type Fixture } from './helpers';

const run = promisify(execFile);

describe('overview links: Copy as cURL against the emulator', function () {
  this.timeout(30_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  it('reads the instance with $ALTINN_TOKEN from the environment, and holds no token itself', async () => {
    const token = await fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
    const [instance] = (await fx.owner.instances.query({ appId: BUILDING_PERMIT, currentTask: 'Task_1' })).instances;
    assert.ok(instance);
    const command = curlCommand(appInstanceUrl(instance, fx.environment.appBaseUrl(BUILDING_PERMIT)));
    assert.ok(!command.includes(token), 'the token is not in the command');
    assert.match(command, /\$ALTINN_TOKEN/);

    const { stdout } = await run('sh', ['-c', command], { env: { ...process.env, ALTINN_TOKEN: token } });
    const read = JSON.parse(stdout) as { id: string; appId: string };
    assert.equal(read.id, instance.id);
    assert.equal(read.appId, BUILDING_PERMIT);

    // Without the variable the same command is refused: the token really comes from ALTINN_TOKEN.
    await assert.rejects(run('sh', ['-c', command], { env: { ...process.env, ALTINN_TOKEN: '' } }), /401|40[13]/);
  });

  it("opens the app's own page for the instance", () => {
    assert.equal(browserUrl('https://ttd.apps.tt02.altinn.no/ttd/building-permit', '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e'),
      'https://ttd.apps.tt02.altinn.no/ttd/building-permit/#/instance/501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e');
  });
});
