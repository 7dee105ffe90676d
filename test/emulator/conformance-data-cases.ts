// App API data elements, process and validation (docs/altinn-behaviour.md §1.3–§1.5), success and error.
import * as assert from 'node:assert/strict';
import { createInstance, type CreatedInstance } from './conformance-app-cases';
import { PDF_BYTES, UNKNOWN_GUID, type ConformanceContext } from './conformance-client';
import { OPERATIONS as OP } from './conformance-operations';

type DataElementWire = { id: string; dataType: string };

function elementOf(inst: CreatedInstance | Record<string, unknown>, dataType: string): string {
  const body = 'body' in inst ? (inst.body as Record<string, unknown>) : inst;
  const el = (body.data as DataElementWire[] | undefined)?.find((d) => d.dataType === dataType);
  assert.ok(el, `instance has a ${dataType} element`);
  return el.id;
}

const pdfHeaders = (disposition: string) => ({ 'Content-Type': 'application/pdf', 'Content-Disposition': disposition });
const FILLED_MODEL = '<BuildingPermit><applicant>Sophie Salt</applicant><address>Storgata 1</address><areaSquareMeters>120</areaSquareMeters></BuildingPermit>';

export function dataCases(ctx: ConformanceContext): void {
  describe('App API data elements (§1.3)', () => {
    let inst: CreatedInstance;
    before(async () => {
      inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
    });

    it('POST data?dataType= (legacy) → 201 DataElement + Location; unquoted filename with spaces → 400 text', async () => {
      const r = await ctx.call(
        OP.dataCreateLegacy,
        { path: `${inst.appPath}/data?dataType=drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="site plan.pdf"'), body: PDF_BYTES },
        { status: 201 },
      );
      assert.ok(r.exchange.headers.get('location'), '§1.3: 201 + Location');
      // §1.3 (verified DataUpload_filenameQuoted=False_useNewEndpoint=False): text/plain 400.
      await ctx.call(
        OP.dataCreateLegacy,
        { path: `${inst.appPath}/data?dataType=drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename=site plan.pdf'), body: PDF_BYTES },
        { status: 400, errorForm: 'text' },
      );
    });

    it('POST data/{dataType} and data/type/{dataType} → 200 DataPostResponse; upload-check failures → 400 DataPostErrorResponse', async () => {
      for (const route of ['data/drawing', 'data/type/drawing']) {
        await ctx.call(
          OP.dataCreate,
          { path: `${inst.appPath}/${route}`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="elevation.pdf"'), body: PDF_BYTES },
          { status: 200 },
        );
      }
      // Verified DataUpload_filenameQuoted=False_useNewEndpoint=True: problem+json with uploadValidationIssues.
      const bad = await ctx.call(
        OP.dataCreate,
        { path: `${inst.appPath}/data/drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename=site plan.pdf'), body: PDF_BYTES },
        { status: 400, errorForm: 'problem' },
      );
      assert.ok(Array.isArray((bad.json as Record<string, unknown>).uploadValidationIssues));
      // §1.3 rule 4: a content type outside allowedContentTypes → ContentTypeNotAllowed.
      await ctx.call(
        OP.dataCreate,
        {
          path: `${inst.appPath}/data/drawing`,
          token: ctx.tokens.user1337,
          headers: { 'Content-Type': 'text/plain', 'Content-Disposition': 'attachment; filename="notes.txt"' },
          body: 'hello',
        },
        { status: 400, errorForm: 'problem' },
      );
    });

    it('GET data: form data as JSON or XML by Accept, binary with Content-Disposition; unknown element → 404', async () => {
      const model = elementOf(inst, 'model');
      await ctx.call(OP.dataGet, { path: `${inst.appPath}/data/${model}`, token: ctx.tokens.user1337, headers: { Accept: 'application/json' } }, { status: 200, untypedBody: 'json' });
      await ctx.call(OP.dataGet, { path: `${inst.appPath}/data/${model}`, token: ctx.tokens.user1337, headers: { Accept: 'application/xml' } }, { status: 200, untypedBody: 'xml' });
      await ctx.call(OP.dataGet, { path: `${inst.appPath}/data/${model}/type/model`, token: ctx.tokens.user1337, headers: { Accept: 'application/json' } }, { status: 200, untypedBody: 'json' });
      const up = await ctx.call(
        OP.dataCreateLegacy,
        { path: `${inst.appPath}/data?dataType=drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="roof.pdf"'), body: PDF_BYTES },
        { status: 201 },
      );
      const drawing = (up.json as DataElementWire).id;
      await ctx.call(OP.dataGet, { path: `${inst.appPath}/data/${drawing}`, token: ctx.tokens.user1337 }, { status: 200, untypedBody: 'binary' });
      // ALD DataController: GetInstanceDataOrError → Problem(…) (ProblemDetails).
      await ctx.call(OP.dataGet, { path: `${inst.appPath}/data/${UNKNOWN_GUID}`, token: ctx.tokens.user1337 }, { status: 404, errorForm: 'problem' });
    });

    it('PUT data: form data → 201 DataElement, binary → 201; binary without Content-Disposition → 400', async () => {
      const model = elementOf(inst, 'model');
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${model}`, token: ctx.tokens.user1337, headers: { 'Content-Type': 'application/xml' }, body: FILLED_MODEL },
        { status: 201 },
      );
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${model}/type/model`, token: ctx.tokens.user1337, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ applicant: 'Sophie Salt' }) },
        { status: 201 },
      );
      const up = await ctx.call(
        OP.dataCreateLegacy,
        { path: `${inst.appPath}/data?dataType=drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="a.pdf"'), body: PDF_BYTES },
        { status: 201 },
      );
      const drawing = (up.json as DataElementWire).id;
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${drawing}`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="b.pdf"'), body: PDF_BYTES },
        { status: 201 },
      );
      // §1.3 PUT binary: Content-Disposition required → 400 (BadRequest string in ALD PutBinaryData).
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${drawing}`, token: ctx.tokens.user1337, headers: { 'Content-Type': 'application/pdf' }, body: PDF_BYTES },
        { status: 400, errorForm: 'text' },
      );
    });

    it('DELETE data → 200 {instance, validationIssues, newDataModels}; unknown element → 404', async () => {
      // A fresh instance: the shared one is at drawing's maxCount (5) by now.
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const up = await ctx.call(
        OP.dataCreateLegacy,
        { path: `${inst.appPath}/data?dataType=drawing`, token: ctx.tokens.user1337, headers: pdfHeaders('attachment; filename="gone.pdf"'), body: PDF_BYTES },
        { status: 201 },
      );
      const r = await ctx.call(OP.dataDelete, { path: `${inst.appPath}/data/${(up.json as DataElementWire).id}`, token: ctx.tokens.user1337 }, { status: 200 });
      assert.ok((r.json as Record<string, unknown>).instance);
      await ctx.call(OP.dataDelete, { path: `${inst.appPath}/data/${UNKNOWN_GUID}`, token: ctx.tokens.user1337 }, { status: 404, errorForm: 'problem' });
    });
  });

  describe('App API process and validation (§1.4, §1.5)', () => {
    it('validate → 200 [ValidationIssueWithSource]; unknown instance → 403', async () => {
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const r = await ctx.call(OP.validate, { path: `${inst.appPath}/validate`, token: ctx.tokens.user1337 }, { status: 200 });
      assert.ok(Array.isArray(r.json) && r.json.length > 0, 'empty applicant gives an issue');
      await ctx.call(OP.validate, { path: `/ttd/building-permit/instances/501337/${UNKNOWN_GUID}/validate`, token: ctx.tokens.user1337 }, {
        status: 403,
        errorForm: 'empty',
      });
    });

    it('process: GET, next with validation failure (409), next, history, start when started (409), locked data (409)', async () => {
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const t = ctx.tokens.user1337;
      await ctx.call(OP.processGet, { path: `${inst.appPath}/process`, token: t }, { status: 200 });
      // §1.4: validation failure → 409 ProblemDetails with validationIssues, instance unchanged.
      const failed = await ctx.call(OP.processNext, { path: `${inst.appPath}/process/next`, token: t }, { status: 409, errorForm: 'problem' });
      assert.ok(Array.isArray((failed.json as Record<string, unknown>).validationIssues));
      const model = elementOf(inst, 'model');
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${model}`, token: t, headers: { 'Content-Type': 'application/xml' }, body: FILLED_MODEL },
        { status: 201 },
      );
      await ctx.call(OP.processNext, { path: `${inst.appPath}/process/next`, token: t }, { status: 200 });
      // §1.3 data locking: Task_1 data is locked once Task_1 ended → 409.
      await ctx.call(
        OP.dataPut,
        { path: `${inst.appPath}/data/${model}`, token: t, headers: { 'Content-Type': 'application/xml' }, body: FILLED_MODEL },
        { status: 409, errorForm: 'problem' },
      );
      // §1.4 + §7: start on a started process → 409 "Process is already started. Use next." as a plain
      // string (ALD ProcessController.StartProcess returns Conflict(result.ErrorMessage)).
      await ctx.call(OP.processStart, { path: `${inst.appPath}/process/start`, token: t }, { status: 409, errorForm: 'text' });
      await ctx.call(OP.processNext, { path: `${inst.appPath}/process/next`, token: t, headers: { 'Content-Type': 'application/json' }, body: '{"action":"confirm"}' }, { status: 200 });
      await ctx.call(OP.processHistory, { path: `${inst.appPath}/process/history`, token: t }, { status: 200 });
      // §1.4: next on an ended process → 409 ProblemDetails "Process is ended."
      await ctx.call(OP.processNext, { path: `${inst.appPath}/process/next`, token: t }, { status: 409, errorForm: 'problem' });
      // §1.3: data writes after process end → 409 "Instance Not Active".
      await ctx.call(
        OP.dataCreate,
        { path: `${inst.appPath}/data/drawing`, token: t, headers: pdfHeaders('attachment; filename="late.pdf"'), body: PDF_BYTES },
        { status: 409, errorForm: 'problem' },
      );
    });

    it('signing task: AppProcessState carries userActions (type as string)', async () => {
      const inst = await createInstance(ctx, 'ttd/income-report', ctx.tokens.user1337, '501337');
      const next = await ctx.call(OP.processNext, { path: `${inst.appPath}/process/next`, token: ctx.tokens.user1337 }, { status: 200 });
      const task = (next.json as Record<string, Record<string, unknown>>).currentTask;
      assert.equal(task?.altinnTaskType, 'signing');
      const r = await ctx.call(OP.processGet, { path: `${inst.appPath}/process`, token: ctx.tokens.user1337 }, { status: 200 });
      const actions = (r.json as { currentTask?: { userActions?: { type: unknown }[] } }).currentTask?.userActions ?? [];
      assert.ok(actions.length > 0 && actions.every((a) => typeof a.type === 'string'), '§1.4: userActions type is a string');
    });

    it('process GET / history / next on an unknown instance → 403', async () => {
      const base = `/ttd/building-permit/instances/501337/${UNKNOWN_GUID}/process`;
      const t = ctx.tokens.user1337;
      // §2.2 + §7: the PDP denies an unknown instance with a bare Forbid().
      await ctx.call(OP.processGet, { path: base, token: t }, { status: 403, errorForm: 'empty' });
      await ctx.call(OP.processHistory, { path: `${base}/history`, token: t }, { status: 403, errorForm: 'empty' });
      await ctx.call(OP.processNext, { path: `${base}/next`, token: t }, { status: 403, errorForm: 'empty' });
    });
  });
}
