// Control endpoints for tests (README.md, "Interface"): faults, stats, Maskinporten client registration. Loopback only,
// no auth, and never subject to fault injection.
import { HttpError, isRecord, readJson, sendEmpty, sendJson } from '../http';
import { parsePublicKey } from '../jwt';
import type { Ctx, Router } from '../router';
import type { FaultRule } from '../faults';

export function registerMaskinportenClient(ctx: Pick<Ctx, 'svc'>, body: unknown): string {
  if (!isRecord(body) || typeof body.clientId !== 'string' || typeof body.publicKey !== 'string' ||
    typeof body.orgNumber !== 'string' || !Array.isArray(body.scopes)) {
    throw new Error('client needs clientId, publicKey (PEM or JWK JSON), orgNumber and scopes[]');
  }
  ctx.svc.maskinportenClients.set(body.clientId, {
    clientId: body.clientId,
    keyId: typeof body.keyId === 'string' ? body.keyId : undefined,
    key: parsePublicKey(body.publicKey),
    orgNumber: body.orgNumber,
    scopes: body.scopes.map(String),
  });
  return body.clientId;
}

function badRequest(e: unknown): HttpError {
  return new HttpError(400, { kind: 'json', value: { error: (e as Error).message } });
}

export function registerControl(router: Router): void {
  const anon = { anonymous: true };
  router.post('/_emulator/faults', async (ctx) => {
    const body = await readJson(ctx.req);
    let id: string;
    try {
      id = ctx.svc.faults.add(body as FaultRule);
    } catch (e) {
      throw badRequest(e);
    }
    sendJson(ctx.res, 201, { id });
  }, anon);
  router.get('/_emulator/faults', (ctx) => sendJson(ctx.res, 200, ctx.svc.faults.list()), anon);
  router.delete('/_emulator/faults', (ctx) => {
    ctx.svc.faults.reset();
    sendEmpty(ctx.res, 204);
  }, anon);
  router.delete('/_emulator/faults/:id', (ctx) => {
    ctx.svc.faults.remove(ctx.params.id);
    sendEmpty(ctx.res, 204);
  }, anon);
  router.get('/_emulator/stats', (ctx) => sendJson(ctx.res, 200, ctx.svc.store.stats), anon);
  router.post('/_emulator/maskinporten/clients', async (ctx) => {
    const body = await readJson(ctx.req);
    try {
      sendJson(ctx.res, 201, { clientId: registerMaskinportenClient(ctx, body) });
    } catch (e) {
      throw badRequest(e);
    }
  }, anon);
}
