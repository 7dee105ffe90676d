import type { AltinnClient } from '../../../src/api';
import { rawRequest } from './rawhttp';

/**
 * One small authenticated GET before a transfer is measured, by the same client: src/api loads got on its
 * first request, and both clients then start on a warm keep-alive connection, as in a running extension.
 */
export async function warmUpApi(client: AltinnClient, instanceId: string): Promise<void> {
  await client.data.list(instanceId);
}

export async function warmUpRaw(baseUrl: string, token: string, instanceId: string): Promise<void> {
  const res = await rawRequest(`${baseUrl}/storage/api/v1/instances/${instanceId}/dataelements`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (res.status !== 200) {
    throw new Error(`warm-up GET answered ${res.status}`);
  }
  JSON.parse(res.body.toString('utf8'));
}
