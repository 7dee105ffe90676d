// The Events API's query checks in its own order and words (docs/altinn-behaviour.md §4).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, orgToken, userToken } from './test-client';

const PATH = '/events/api/v1/app/ttd/building-permit';

describe('emulator quirks: events query checks', () => {
  let emu: Emulator;
  let org: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 1 });
    org = await orgToken(emu);
  });
  after(async () => emu.close());

  const detail = async (query: string, headers: Record<string, string> = {}) => {
    const r = await call(emu, 'GET', `${PATH}?${query}`, { token: org, headers });
    assert.equal(r.status, 400, query);
    return r.json<{ detail?: string; errors?: Record<string, string[]> }>();
  };

  it('ValidateQueryParams: Events\' texts, in its order, and the 9-digit unit', async () => {
    // Altinn/altinn-events src/Events/Controllers/AppController.cs ValidateQueryParams
    assert.equal((await detail('size=0')).detail, "The 'From' or 'After' parameter must be defined.");
    assert.equal((await detail('from=2024-01-01T00:00:00')).detail, "The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC");
    assert.equal((await detail('after=0&to=2024-01-01')).detail, "The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC");
    assert.equal((await detail('after=0&size=0')).detail, "The 'Size' parameter must be a number larger that 0.");
    assert.equal((await detail('after=0&party=500000', { person: '01039012345' })).detail, "Only one of 'Party' or 'Person' can be defined.");
    assert.equal((await detail('after=0&party=500000&unit=897069650')).detail, "Only one of 'Party' or 'Unit' can be defined.");
    assert.equal((await detail('after=0&unit=12345')).detail, "Value of 'Unit' needs to be exactly 9 digits.");
  });

  it('a value that does not bind is [ApiController]\'s 400, before the org check', async () => {
    // AppController is an [ApiController]: `int size`, `int party`, `DateTime? from` bind before GetForOrg runs
    assert.deepEqual((await detail('after=0&size=ten')).errors, { size: ["The value 'ten' is not valid."] });
    const user = await call(emu, 'GET', `${PATH}?after=0&party=x`, { token: await userToken(emu) });
    assert.equal(user.status, 400, 'binding comes before "Only orgs can call this api"');
    assert.equal((await call(emu, 'GET', `${PATH}?after=0`, { token: await userToken(emu) })).status, 401);
  });
});
