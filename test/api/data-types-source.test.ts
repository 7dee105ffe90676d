import * as assert from 'node:assert/strict';
import { parseAppId, type Application } from '../../src/api';
import { DataService } from '../../src/fs/dataService';
import { BUILDING_PERMIT, type Fixture, startFixture } from './helpers';

// Opening a data element takes the data types from Storage's application list when it has them, which is true to
// Altinn only if that list carries the same dataTypes as the App API metadata (docs/altinn-behaviour.md §1.1, §2.4).
describe('api: where opening finds the data types', function () {
  this.timeout(30_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  const appId = parseAppId(BUILDING_PERMIT);

  function serviceWith(applications: Application[]): { service: DataService; metadataReads: () => number } {
    const clients = { client: () => fx.owner, changeCount: () => 0 };
    const source = { find: (_env: string, id: string) => Promise.resolve(applications.find((a) => a.id === id)) };
    const start = fx.logs.length;
    const metadataReads = (): number => fx.logs.slice(start).filter((l) => l.url.includes('/api/v1/applicationmetadata')).length;
    return { service: new DataService(clients, source), metadataReads };
  }

  it("Storage's application carries the App API metadata's data types, each app", async () => {
    for (const application of await fx.owner.apps.list()) {
      const metadata = await fx.owner.apps.metadata(application.id);
      assert.deepEqual(application.dataTypes, metadata.dataTypes, application.id);
    }
  });

  it("takes the data type from Storage's list without asking the App API", async () => {
    const { service, metadataReads } = serviceWith(await fx.owner.apps.list());
    const model = await service.dataType('emu', appId, 'model');
    assert.ok(model?.appLogic?.classRef, 'form data');
    assert.equal(metadataReads(), 0);
  });

  it("asks the App API when Storage's list lacks the type (an app deployed since the list was read)", async () => {
    const stale = (await fx.owner.apps.list()).map((a) => (a.id === BUILDING_PERMIT ? { ...a, dataTypes: a.dataTypes.filter((t) => t.id !== 'model') } : a));
    const { service, metadataReads } = serviceWith(stale);
    const model = await service.dataType('emu', appId, 'model');
    assert.ok(model?.appLogic?.classRef, 'still form data');
    assert.equal(metadataReads(), 1);
  });
});
