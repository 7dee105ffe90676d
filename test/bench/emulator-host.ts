// The emulator in a process of its own for figures 3, 5, 6 and 7, so that its CPU and memory never
// mix with the client being measured. Fixtures are made here; everything else goes over HTTP.
import { startEmulator } from '../emulator';
import type { EmulatorHostInput } from './figures/plan';
import type { DownloadFixture, EmulatorInfo, UploadFixture } from './lib/fixture';
import { rawJson, rawText } from './lib/rawhttp';
import { serviceMain } from './lib/worker';

const LISTED_APP = 'ttd/building-permit';
/** Transfers go to another app so that figure 3's count and figure 7's pages stay as seeded. */
const TRANSFER_APP = 'ttd/income-report';
const SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';
/** A bench-only attachment type without size or type limits (the seed's attachments stop at 10 MB). */
const BULK_TYPE = 'bench-attachment';

serviceMain<EmulatorHostInput, EmulatorInfo>(async (input) => {
  const started = performance.now();
  const emu = await startEmulator({
    instancesPerApp: input.instancesPerApp,
    dataTypeOverrides: { [TRANSFER_APP]: [{ id: BULK_TYPE, allowedContentTypes: null, maxSize: null, maxCount: 99, taskId: 'Task_1' }] },
    // The emulator's latency fault on every App API and Storage request (test tokens are fetched undelayed).
    faults: input.latencyMs ? [{ path: '^/(storage/api/|[a-z0-9-]+/[a-z0-9-]+/(instances|api))', kind: 'latency', latencyMs: input.latencyMs }] : undefined,
  });
  const seedMs = performance.now() - started;
  const orgToken = (await rawText(`${emu.url}/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=${encodeURIComponent(SCOPES)}`)).trim();
  const auth = { authorization: `Bearer ${orgToken}` };

  let download: DownloadFixture | undefined;
  if (input.downloadBytes) {
    const instance = await rawJson<{ id: string }>(`${emu.url}/${TRANSFER_APP}/instances`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ instanceOwner: { partyId: '501337' } })),
    });
    const element = emu.store.putSyntheticBlob(instance.id, BULK_TYPE, input.downloadBytes, { filename: 'bench.bin', contentType: 'application/octet-stream' });
    download = {
      instanceId: instance.id,
      dataId: element.id,
      bytes: input.downloadBytes,
      url: `${emu.url}/${TRANSFER_APP}/instances/${instance.id}/data/${element.id}`,
    };
  }
  const upload: UploadFixture | undefined = input.upload
    ? { appId: TRANSFER_APP, dataType: BULK_TYPE, contentType: 'application/octet-stream', filename: 'bench.bin' }
    : undefined;

  return {
    info: { url: emu.url, orgToken, appId: LISTED_APP, instances: emu.store.countInstances(LISTED_APP), download, upload, seedMs },
    close: () => emu.close(),
  };
});
