// App API metadata and instance operations (docs/altinn-behaviour.md §1.1, §1.2), success and error.
import * as assert from 'node:assert/strict';
import { json, multipart, UNKNOWN_GUID, type ConformanceContext } from './conformance-client';
import { OPERATIONS as OP } from './conformance-operations';

export interface CreatedInstance {
  /** `{partyId}/{guid}` */
  id: string;
  /** `/{org}/{app}/instances/{partyId}/{guid}` */
  appPath: string;
  /** `/storage/api/v1/instances/{partyId}/{guid}` */
  storagePath: string;
  body: Record<string, unknown>;
}

/** Creates an instance through the App API (itself a checked `POST instances`). */
export async function createInstance(
  ctx: ConformanceContext,
  appId: string,
  token: string,
  partyId: string,
): Promise<CreatedInstance> {
  const r = await ctx.call(
    OP.instanceCreate,
    { path: `/${appId}/instances`, token, ...json({ instanceOwner: { partyId } }) },
    { status: 201 },
  );
  const body = r.json as Record<string, unknown>;
  const id = String(body.id);
  return { id, appPath: `/${appId}/instances/${id}`, storagePath: `/storage/api/v1/instances/${id}`, body };
}

export function appCases(ctx: ConformanceContext): void {
  const BP = '/ttd/building-permit';

  describe('App API metadata (§1.1)', () => {
    it('GET applicationmetadata → 200 ApplicationMetadata (with a token and anonymously)', async () => {
      await ctx.call(OP.appMetadata, { path: `${BP}/api/v1/applicationmetadata`, token: ctx.tokens.ttd }, { status: 200 });
      // Anonymous is allowed ([AllowAnonymous], §1.1).
      await ctx.call(OP.appMetadata, { path: '/digdir/photo-contest/api/v1/applicationmetadata' }, { status: 200 });
    });

    it('GET meta/process → 200 BPMN text/xml', async () => {
      const r = await ctx.call(OP.appProcessDefinition, { path: `${BP}/api/v1/meta/process`, token: ctx.tokens.ttd }, { status: 200 });
      assert.match(r.text, /<bpmn:definitions|<definitions/);
    });

    it('GET texts/{language} → 200 TextResource; a 3-letter language → 400 text', async () => {
      await ctx.call(OP.appTexts, { path: `${BP}/api/v1/texts/nb`, token: ctx.tokens.ttd }, { status: 200 });
      await ctx.call(OP.appTexts, { path: `${BP}/api/v1/texts/en`, token: ctx.tokens.ttd }, { status: 200 });
      // ALD TextsController: BadRequest("Provided language … is invalid") for a code that is not 2 letters.
      await ctx.call(OP.appTexts, { path: `${BP}/api/v1/texts/nob`, token: ctx.tokens.ttd }, { status: 400, errorForm: 'text' });
    });
    it('GET applicationlanguages → 200 [ApplicationLanguage]', async () => {
      await ctx.call(OP.appLanguages, { path: `${BP}/api/v1/applicationlanguages` }, { status: 200 });
    });

    it('GET api/v1/parties → 200 [Party] for a user and a service owner; no token → 401', async () => {
      const r = await ctx.call(OP.appParties, { path: `${BP}/api/v1/parties?allowedToInstantiateFilter=true`, token: ctx.tokens.user1337 }, { status: 200 });
      assert.ok(Array.isArray(r.json) && r.json.length >= 2, 'user 1337 represents 501337 and 500000');
      // ALD C/PartiesController.cs Get: a service owner gets its own party.
      const owner = await ctx.call(OP.appParties, { path: `${BP}/api/v1/parties`, token: ctx.tokens.ttd }, { status: 200 });
      assert.ok(Array.isArray(owner.json) && owner.json.length === 1);
      await ctx.call(OP.appParties, { path: `${BP}/api/v1/parties` }, { status: 401, errorForm: 'empty' });
    });
  });

  describe('App API instances (§1.2)', () => {
    it('POST instances with a JSON template → 201 InstanceResponse + Location', async () => {
      const created = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      assert.equal((created.body.instanceOwner as Record<string, unknown>).partyId, '501337');
      // By query parameter instead of template owner, as the service owner: only with an empty body, since a
      // non-empty JSON body is the template and `{}` has no owner (ALD C/InstancesController.cs Post, ExtractInstanceTemplate).
      const r = await ctx.call(
        OP.instanceCreate,
        { path: `/ttd/income-report/instances?instanceOwnerPartyId=512345`, token: ctx.tokens.ttd },
        { status: 201 },
      );
      assert.ok(r.exchange.headers.get('location'), '§1.2: 201 + Location');
      await ctx.call(
        OP.instanceCreate,
        { path: `/ttd/income-report/instances?instanceOwnerPartyId=512345`, token: ctx.tokens.ttd, ...json({}) },
        { status: 400, errorForm: 'text' },
      );
    });

    it('POST instances with the owner by personNumber / organisationNumber → 201', async () => {
      // §1.2: template owner by partyId | personNumber | organisationNumber.
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances`, token: ctx.tokens.ttd, ...json({ instanceOwner: { personNumber: '01039012345' } }) },
        { status: 201 },
      );
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances`, token: ctx.tokens.user1337, ...json({ instanceOwner: { organisationNumber: '897069650' } }) },
        { status: 201 },
      );
    });

    it('POST instances multipart with instance + model parts → 201', async () => {
      const mp = multipart([
        { name: 'instance', contentType: 'application/json', body: JSON.stringify({ instanceOwner: { partyId: '501337' } }) },
        { name: 'model', contentType: 'application/xml', body: '<BuildingPermit><applicant>Sophie Salt</applicant></BuildingPermit>' },
      ]);
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances`, token: ctx.tokens.user1337, headers: { 'Content-Type': mp.contentType }, body: mp.body },
        { status: 201 },
      );
    });

    it('POST instances errors: owner twice / missing → 400, bad multipart part → 400 string, no token → 401', async () => {
      // §1.2: 400 if both ?instanceOwnerPartyId and template partyId; 400 without any owner. §7: BadRequest("…") strings.
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances?instanceOwnerPartyId=501337`, token: ctx.tokens.user1337, ...json({ instanceOwner: { partyId: '501337' } }) },
        { status: 400, errorForm: 'text' },
      );
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances`, token: ctx.tokens.user1337, ...json({}) },
        { status: 400, errorForm: 'text' },
      );
      // Sample MultipartJsonPrefill_0_Instantiation: a JSON part for an XML-only model → 400 bare string.
      const mp = multipart([
        { name: 'instance', contentType: 'application/json', body: JSON.stringify({ instanceOwner: { partyId: '501337' } }) },
        { name: 'model', contentType: 'application/json; charset=utf-8', body: '{"applicant":"x"}' },
      ]);
      await ctx.call(
        OP.instanceCreate,
        { path: `${BP}/instances`, token: ctx.tokens.user1337, headers: { 'Content-Type': mp.contentType }, body: mp.body },
        { status: 400, errorForm: 'text' },
      );
      // §7: 401 from a missing token has an empty body.
      await ctx.call(OP.instanceCreate, { path: `${BP}/instances`, ...json({ instanceOwner: { partyId: '501337' } }) }, {
        status: 401,
        errorForm: 'empty',
      });
    });

    it('POST instances/create (prefill) → 201; no owner → 400; no token → 401', async () => {
      await ctx.call(
        OP.instanceCreateSimplified,
        { path: `${BP}/instances/create`, token: ctx.tokens.user1337, ...json({ instanceOwner: { partyId: '501337' }, prefill: { applicant: 'Sophie' } }) },
        { status: 201 },
      );
      await ctx.call(
        OP.instanceCreateSimplified,
        { path: `${BP}/instances/create`, token: ctx.tokens.user1337, ...json({ prefill: {} }) },
        { status: 400, errorForm: 'text' },
      );
      await ctx.call(OP.instanceCreateSimplified, { path: `${BP}/instances/create`, ...json({ instanceOwner: { partyId: '501337' } }) }, {
        status: 401,
        errorForm: 'empty',
      });
    });

    it('GET instance → 200 InstanceResponse (readStatus int); unknown instance → 403', async () => {
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const r = await ctx.call(OP.instanceGet, { path: inst.appPath, token: ctx.tokens.user1337 }, { status: 200 });
      assert.equal(typeof ((r.json as Record<string, Record<string, unknown>>).status.readStatus), 'number', '§2: App readStatus is an int');
      await ctx.call(OP.instanceGet, { path: inst.appPath, token: ctx.tokens.ttd }, { status: 200 });
      // §1.2 / §2.2: the PDP answers 403 for an instance it cannot find, §7: a bare Forbid().
      await ctx.call(OP.instanceGet, { path: `${BP}/instances/501337/${UNKNOWN_GUID}`, token: ctx.tokens.user1337 }, { status: 403, errorForm: 'empty' });
    });

    it('DELETE instance (soft, hard) → 200 Instance; unknown → 403', async () => {
      const soft = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      await ctx.call(OP.instanceDelete, { path: soft.appPath, token: ctx.tokens.user1337 }, { status: 200 });
      const hard = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      await ctx.call(OP.instanceDelete, { path: `${hard.appPath}?hard=true`, token: ctx.tokens.user1337 }, { status: 200 });
      await ctx.call(OP.instanceDelete, { path: `${BP}/instances/501337/${UNKNOWN_GUID}`, token: ctx.tokens.user1337 }, { status: 403, errorForm: 'empty' });
    });

    it('GET {partyId}/active → 200 [SimpleInstance]; no token → 401', async () => {
      await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const r = await ctx.call(OP.instancesActive, { path: `${BP}/instances/501337/active`, token: ctx.tokens.user1337 }, { status: 200 });
      assert.ok(Array.isArray(r.json) && r.json.length > 0);
      await ctx.call(OP.instancesActive, { path: `${BP}/instances/501337/active` }, { status: 401, errorForm: 'empty' });
    });

    it('POST complete as the app owner → 200 Instance; as the instance owner → 403', async () => {
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const r = await ctx.call(OP.instanceComplete, { path: `${inst.appPath}/complete`, token: ctx.tokens.ttd }, { status: 200 });
      assert.ok(Array.isArray((r.json as Record<string, unknown>).completeConfirmations));
      // §1.2: policy action `complete`, normally the app owner only.
      await ctx.call(OP.instanceComplete, { path: `${inst.appPath}/complete`, token: ctx.tokens.user1337 }, { status: 403, errorForm: 'empty' });
    });

    it('PUT substatus → 200 Instance; no label → 400; not the app owner → 403', async () => {
      const inst = await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const path = `${inst.appPath}/substatus`;
      await ctx.call(OP.instanceSubstatus, { path, token: ctx.tokens.ttd, ...json({ label: 'under-review', description: 'Checked' }) }, { status: 200 });
      await ctx.call(OP.instanceSubstatus, { path, token: ctx.tokens.ttd, ...json({ description: 'no label' }) }, {
        status: 400,
        errorForm: 'text',
      });
      // §1.2: 403 unless the caller's org claim is the instance's org.
      await ctx.call(OP.instanceSubstatus, { path, token: ctx.tokens.user1337, ...json({ label: 'x' }) }, { status: 403, errorForm: 'empty' });
    });
  });
}
