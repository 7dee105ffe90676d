// Storage operations (docs/altinn-behaviour.md §2), success and error. Storage writes nulls nowhere and
// readStatus as a string; both are what the Storage document itself declares.
import * as assert from 'node:assert/strict';
import { createInstance, type CreatedInstance } from './conformance-app-cases';
import { json, PDF_BYTES, UNKNOWN_GUID, type ConformanceContext } from './conformance-client';
import { OPERATIONS as OP } from './conformance-operations';

const S = '/storage/api/v1';

interface SeedInstance {
  id: string;
  process?: { currentTask?: { elementId?: string } };
  status: { isArchived: boolean; isSoftDeleted: boolean };
  completeConfirmations?: unknown[];
  data?: unknown[];
}

export function storageCases(ctx: ConformanceContext): void {
  describe('Storage instances query (§2.1)', () => {
    it('GET instances → 200 QueryResponse for org (full page has next) and for a user by partyId', async () => {
      const r = await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit&size=3`, token: ctx.tokens.ttd }, { status: 200 });
      const page = r.json as { count: number; next?: string; instances: unknown[] };
      assert.equal(page.count, 3);
      assert.ok(page.next, '§2.1: next when the page is full');
      const nextUrl = new URL(page.next);
      await ctx.call(OP.storageQuery, { path: nextUrl.pathname + nextUrl.search, token: ctx.tokens.ttd }, { status: 200 });
      await ctx.call(
        OP.storageQuery,
        { path: `${S}/instances?org=ttd&process.isComplete=false&lastChanged=gt:2000-01-01T00:00:00Z&size=50`, token: ctx.tokens.ttd },
        { status: 200 },
      );
      await ctx.call(OP.storageQuery, { path: `${S}/instances?instanceOwner.partyId=501337`, token: ctx.tokens.user1337 }, { status: 200 });
    });

    it('the whole default seed validates, in Storage form and (per state) in App form', async () => {
      const seen = new Set<string>();
      for (const [appId, token] of [
        ['ttd/building-permit', ctx.tokens.ttd],
        ['ttd/income-report', ctx.tokens.ttd],
        ['digdir/photo-contest', ctx.tokens.digdir],
        ['digdir/simple-form', ctx.tokens.digdir],
      ] as const) {
        for (const filter of ['', '&status.isSoftDeleted=true', '&status.isArchived=true']) {
          const r = await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=${appId}&size=500${filter}`, token }, { status: 200 });
          for (const inst of (r.json as { instances: SeedInstance[] }).instances) {
            // One App API read per kind of instance (task, archived, deleted, confirmed, with attachments).
            const kind = `${appId}|${inst.process?.currentTask?.elementId ?? 'ended'}|${inst.status.isArchived}|${inst.status.isSoftDeleted}|${(inst.completeConfirmations ?? []).length > 0}|${(inst.data ?? []).length}`;
            if (seen.has(kind)) continue;
            seen.add(kind);
            await ctx.call(OP.instanceGet, { path: `/${appId}/instances/${inst.id}`, token }, { status: 200 });
            if (inst.process?.currentTask) await ctx.call(OP.processGet, { path: `/${appId}/instances/${inst.id}/process`, token }, { status: 200 });
          }
        }
      }
      assert.ok(seen.size >= 8, `seed has varied instances (${seen.size} kinds)`);
    });

    it('GET instances errors: org without org/appId → 400, without read scope → 403, user without partyId → 400, bad date → 500', async () => {
      // §2.1 caller rules; §7: Storage BadRequest("…") strings, Forbid() empty.
      await ctx.call(OP.storageQuery, { path: `${S}/instances`, token: ctx.tokens.ttd }, { status: 400, errorForm: 'text' });
      await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit`, token: ctx.tokens.ttdNoScope }, { status: 403, errorForm: 'empty' });
      await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit`, token: ctx.tokens.user1337 }, {
        status: 400,
        errorForm: 'text',
      });
      // The date is parsed in the repository, whose failure is a 500 with the message as text
      // (Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs AddDateParamIfNotNull, InstancesController ExecuteQueryAndBuildResponse).
      await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit&created=gt:yesterday`, token: ctx.tokens.ttd }, {
        status: 500,
        errorForm: 'text',
      });
      // A value that does not bind: [ApiController]'s ValidationProblemDetails.
      await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit&size=many`, token: ctx.tokens.ttd }, {
        status: 400,
        errorForm: 'problem',
      });
      await ctx.call(OP.storageQuery, { path: `${S}/instances?appId=ttd/building-permit` }, { status: 401, errorForm: 'empty' });
    });
  });

  describe('Storage single instance and sub-resources (§2.2)', () => {
    let inst: CreatedInstance;
    let drawingId: string;
    before(async () => {
      inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const up = await ctx.call(
        OP.dataCreateLegacy,
        {
          path: `${inst.appPath}/data?dataType=drawing`,
          token: ctx.tokens.user1337,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="plan.pdf"' },
          body: PDF_BYTES,
        },
        { status: 201 },
      );
      drawingId = (up.json as { id: string }).id;
    });
    const unknown = () => `${S}/instances/501337/${UNKNOWN_GUID}`;
    // §2.2: policy-guarded endpoints on an unknown instance answer 403 (PDP decides without it).
    // §7: Forbid() has an empty body.
    const forbidden = { status: 403, errorForm: 'empty' } as const;

    it('GET instance → 200 Instance (readStatus string); unknown → 404 text; no token → 401', async () => {
      const r = await ctx.call(OP.storageInstance, { path: inst.storagePath, token: ctx.tokens.ttd }, { status: 200 });
      assert.equal(typeof (r.json as { status: { readStatus: unknown } }).status.readStatus, 'string', '§2: Storage readStatus is a string');
      await ctx.call(OP.storageInstance, { path: inst.storagePath, token: ctx.tokens.user1337 }, { status: 200 });
      // Storage reads the instance by guid before authorising (Altinn/altinn-storage InstancesController.Get).
      await ctx.call(OP.storageInstance, { path: unknown(), token: ctx.tokens.user1337 }, { status: 404, errorForm: 'text' });
      await ctx.call(OP.storageInstance, { path: inst.storagePath }, { status: 401, errorForm: 'empty' });
    });

    it('GET data/{dataGuid} → 200 raw blob with Content-Disposition; unknown element → 404', async () => {
      await ctx.call(OP.storageDataDownload, { path: `${inst.storagePath}/data/${drawingId}`, token: ctx.tokens.ttd }, { status: 200, untypedBody: 'binary' });
      // §2.2 + §7: Storage NotFound("…") is a plain string.
      await ctx.call(OP.storageDataDownload, { path: `${inst.storagePath}/data/${UNKNOWN_GUID}`, token: ctx.tokens.ttd }, { status: 404, errorForm: 'text' });
    });

    it('GET dataelements / events / process/history → 200; unknown instance → 403', async () => {
      for (const [op, sub] of [
        [OP.storageDataElements, 'dataelements'],
        [OP.storageEvents, 'events'],
        [OP.storageProcessHistory, 'process/history'],
      ] as const) {
        await ctx.call(op, { path: `${inst.storagePath}/${sub}`, token: ctx.tokens.ttd }, { status: 200 });
        await ctx.call(op, { path: `${unknown()}/${sub}`, token: ctx.tokens.user1337 }, forbidden);
      }
    });

    it('POST data → 201 DataElement; PUT → 200, locked → 409, empty → 422; DELETE → 200, unknown → 404', async () => {
      const pdf = { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="storage.pdf"' };
      const created = await ctx.call(
        OP.storageDataCreate,
        { path: `${inst.storagePath}/data?dataType=drawing`, token: ctx.tokens.ttd, headers: pdf, body: PDF_BYTES },
        { status: 201 },
      );
      // §2.2: Storage does not check types or sizes, but an empty body → 400 (BadRequest string, §7).
      await ctx.call(OP.storageDataCreate, { path: `${inst.storagePath}/data?dataType=drawing`, token: ctx.tokens.ttd, headers: pdf, body: '' }, {
        status: 400,
        errorForm: 'text',
      });
      const dataPath = `${inst.storagePath}/data/${(created.json as { id: string }).id}`;
      await ctx.call(OP.storageDataPut, { path: dataPath, token: ctx.tokens.ttd, headers: pdf, body: PDF_BYTES }, { status: 200 });
      // §2.2: 422 if empty; 409 if locked (Conflict("…") string, §7).
      await ctx.call(OP.storageDataPut, { path: dataPath, token: ctx.tokens.ttd, headers: pdf, body: '' }, { status: 422, errorForm: 'text' });
      const lock = await ctx.send('PUT', { path: `${dataPath}/lock`, token: ctx.tokens.ttd });
      assert.ok(lock.status < 300, `lock: ${lock.status}`);
      await ctx.call(OP.storageDataPut, { path: dataPath, token: ctx.tokens.ttd, headers: pdf, body: PDF_BYTES }, { status: 409, errorForm: 'text' });
      // §1.3: Storage DELETE does not check `locked`.
      await ctx.call(OP.storageDataDelete, { path: dataPath, token: ctx.tokens.ttd }, { status: 200 });
      await ctx.call(OP.storageDataDelete, { path: `${inst.storagePath}/data/${UNKNOWN_GUID}`, token: ctx.tokens.ttd }, { status: 404, errorForm: 'text' });
    });

    it('POST complete → 200 Instance; no token → 401, unknown → 403', async () => {
      await ctx.call(OP.storageComplete, { path: `${inst.storagePath}/complete`, token: ctx.tokens.ttd }, { status: 200 });
      await ctx.call(OP.storageComplete, { path: `${inst.storagePath}/complete` }, { status: 401, errorForm: 'empty' });
      await ctx.call(OP.storageComplete, { path: `${unknown()}/complete`, token: ctx.tokens.user1337 }, forbidden);
    });

    it('PUT readstatus → 200 Instance; unknown status → 400', async () => {
      const r = await ctx.call(OP.storageReadStatus, { path: `${inst.storagePath}/readstatus?status=read`, token: ctx.tokens.user1337 }, { status: 200 });
      assert.equal((r.json as { status: { readStatus: unknown } }).status.readStatus, 'Read');
      await ctx.call(OP.storageReadStatus, { path: `${inst.storagePath}/readstatus?status=updatedSinceLastReview`, token: ctx.tokens.user1337 }, { status: 200 });
      await ctx.call(OP.storageReadStatus, { path: `${inst.storagePath}/readstatus?status=seen`, token: ctx.tokens.user1337 }, {
        status: 400,
        errorForm: 'text',
      });
    });

    it('PUT substatus → 200 Instance; not the app owner → 403', async () => {
      await ctx.call(OP.storageSubstatus, { path: `${inst.storagePath}/substatus`, token: ctx.tokens.ttd, ...json({ label: 'checked' }) }, { status: 200 });
      await ctx.call(OP.storageSubstatus, { path: `${inst.storagePath}/substatus`, token: ctx.tokens.user1337, ...json({ label: 'x' }) }, forbidden);
    });

    it('PUT presentationtexts / datavalues → 200 Instance; missing texts / values → 400', async () => {
      await ctx.call(
        OP.storagePresentationTexts,
        { path: `${inst.storagePath}/presentationtexts`, token: ctx.tokens.ttd, ...json({ texts: { applicant: 'Sophie Salt' } }) },
        { status: 200 },
      );
      await ctx.call(OP.storagePresentationTexts, { path: `${inst.storagePath}/presentationtexts`, token: ctx.tokens.ttd, ...json({}) }, {
        status: 400,
        errorForm: 'text',
      });
      await ctx.call(OP.storageDataValues, { path: `${inst.storagePath}/datavalues`, token: ctx.tokens.ttd, ...json({ values: { area: '120' } }) }, { status: 200 });
      await ctx.call(OP.storageDataValues, { path: `${inst.storagePath}/datavalues`, token: ctx.tokens.ttd, ...json({}) }, {
        status: 400,
        errorForm: 'text',
      });
    });
  });

  describe('Storage applications (§2.2, anonymous)', () => {
    it('GET applications, by org, one → 200; bad org → 400; unknown app → 404', async () => {
      const all = await ctx.call(OP.storageApplications, { path: `${S}/applications` }, { status: 200 });
      assert.ok(((all.json as { applications: unknown[] }).applications.length ?? 0) >= 4);
      await ctx.call(OP.storageApplicationsByOrg, { path: `${S}/applications/ttd` }, { status: 200 });
      // §2.2: 400 if org contains '-', 404 for an unknown app; §7: BadRequest/NotFound("…") strings.
      await ctx.call(OP.storageApplicationsByOrg, { path: `${S}/applications/t-d` }, { status: 400, errorForm: 'text' });
      await ctx.call(OP.storageApplication, { path: `${S}/applications/ttd/building-permit` }, { status: 200 });
      await ctx.call(OP.storageApplication, { path: `${S}/applications/ttd/no-such-app` }, { status: 404, errorForm: 'text' });
    });
  });
}
