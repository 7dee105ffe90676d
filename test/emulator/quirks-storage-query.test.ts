// Storage's instance query as Altinn/altinn-storage has it (docs/altinn-behaviour.md §2.1), on the raw wire:
// src/Storage/Controllers/InstancesController.cs GetInstances, src/Storage/Models/InstanceQueryParameters.cs,
// src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql.
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, ORG_SCOPES, orgToken, userToken } from './test-client';

const BP = 'ttd/building-permit';
const Q = '/storage/api/v1/instances';

interface Wire { id: string; lastChanged: string; data: unknown[]; presentationTexts?: Record<string, string>;
  status: { isHardDeleted: boolean; isSoftDeleted: boolean }; completeConfirmations?: Array<{ stakeholderId: string }> }
interface Page { count: number; self: string | null; next: string | null; instances: Wire[] }

describe('emulator quirks: Storage instance query', () => {
  let emu: Emulator;
  let user: string;
  let testOrg: string;
  /** A service-owner token as Maskinporten's exchange gives it: the scopes in `scope`. */
  let owner: string;

  const page = async (path: string, token: string, headers?: Record<string, string>): Promise<Page> => {
    const r = await call(emu, 'GET', path, { token, headers });
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.json<Page>();
  };
  const follow = (next: string) => next.replace(emu.url, '');

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 6 });
    user = await userToken(emu);
    testOrg = await orgToken(emu);
    owner = emu.issueToken({ 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': '405003309', 'urn:altinn:authlevel': 3,
      'urn:altinn:authenticatemethod': 'maskinporten', scope: ORG_SCOPES });
  });
  after(async () => emu.close());

  it('pages ties as the SQL does: lastChanged DESC, id ASC, continued with id < last id, so ties repeat or vanish', async () => {
    // readinstancefromquery_v8: ORDER BY lastChanged DESC, id; continuation lastchanged < t OR (lastchanged = t AND id < c).
    // The two ttd apps' seed instances change at the same moments, so org=ttd has many ties.
    const all = (await page(`${Q}?org=ttd&size=1000`, owner)).instances;
    const pos = new Map(all.map((w, i) => [w.id, i]));
    for (const size of [2, 3]) {
      const seen: string[] = [];
      let path: string | undefined = `${Q}?org=ttd&size=${size}`;
      let previousLast: Wire | undefined;
      for (let n = 0; path && n < 200; n++) {
        const p = await page(path, owner);
        if (previousLast) {
          // The oracle: rows after (t, c) in the single-page order, where a lower id means earlier within its tie.
          const t = previousLast.lastChanged;
          const c = pos.get(previousLast.id) ?? -1;
          const expected = all.filter((w, i) => Date.parse(w.lastChanged) < Date.parse(t) || (w.lastChanged === t && i < c)).slice(0, size);
          assert.deepEqual(p.instances.map((w) => w.id), expected.map((w) => w.id), `page ${n + 1} of size ${size}`);
        }
        seen.push(...p.instances.map((w) => w.id));
        previousLast = p.instances.at(-1);
        path = p.next ? follow(p.next) : undefined;
      }
      const distinct = new Set(seen);
      assert.ok(seen.length > distinct.size || distinct.size < all.length, `size ${size}: a tie at a page edge repeats or skips`);
      if (size === 2) assert.ok(seen.length > distinct.size, 'a page ending on the last of a tie repeats the tie');
      if (size === 3) assert.ok(distinct.size < all.length, 'a page ending inside a tie skips the rest of it');
    }
    // Oldest first continues with lastChanged > t OR (= t AND id > c): exact.
    const asc: string[] = [];
    for (let path: string | undefined = `${Q}?org=ttd&size=3&order=asc:lastChanged`; path;) {
      const p = await page(path, owner);
      asc.push(...p.instances.map((w) => w.id));
      path = p.next ? follow(p.next) : undefined;
    }
    assert.equal(asc.length, all.length);
    assert.equal(new Set(asc).size, all.length);
  });

  it("filters a user's page by authorisation after paging: empty pages still carry next", async () => {
    // ExecuteQueryAndBuildResponse: AuthorizeInstances runs on the rows the repository returned, whose token stands.
    const theirs = `${Q}?appId=${BP}&instanceOwner.partyId=512345&size=2`;
    const first = await page(theirs, user);
    assert.equal(first.count, 0);
    assert.deepEqual(first.instances, []);
    assert.ok(first.next, 'the unfiltered page was full');
    const second = await page(follow(first.next), user);
    assert.equal(second.count, 0);
    assert.ok(emu.store.listInstances(BP).filter((i) => i.instanceOwner.partyId === '512345').length > 4);
    assert.ok(second.next);
  });

  it('lists hard-deleted instances only for a service-owner `scope` claim; others get isHardDeleted=false forced', async () => {
    // ApplyHardDeleteFilter, ClaimsPrincipalExtensions.HasServiceOwnerScope (reads `scope` only)
    const inst = await createInstance(emu, user);
    const del = await call(emu, 'DELETE', `/storage/api/v1/instances/${inst.id}?hard=true`, { token: owner });
    assert.equal(del.status, 200);
    const ownerList = await page(`${Q}?appId=${BP}&status.isHardDeleted=true&size=1000`, owner);
    assert.ok(ownerList.instances.some((w) => w.id === inst.id && w.status.isHardDeleted && w.status.isSoftDeleted));
    assert.ok((await page(`${Q}?appId=${BP}&size=1000`, owner)).instances.some((w) => w.id === inst.id), 'listed by default');
    assert.ok(!(await page(`${Q}?appId=${BP}&size=1000&status.isHardDeleted=false`, owner)).instances.some((w) => w.id === inst.id));

    const mine = `${Q}?appId=${BP}&instanceOwner.partyId=501337&size=1000`;
    assert.ok(!(await page(mine, user)).instances.some((w) => w.id === inst.id), 'a user never sees it');
    assert.ok(!(await page(`${Q}?appId=${BP}&size=1000`, testOrg)).instances.some((w) => w.id === inst.id),
      'a token with its scopes in urn:altinn:scope only (GetTestOrgToken) is not a service owner here');
    const asked = await page(`${mine}&status.isHardDeleted=true`, user);
    assert.deepEqual(asked, { count: 0, self: `${emu.url}${mine}&status.isHardDeleted=true`, next: null, instances: [] });
  });

  it('ignores archiveReference and process.endEvent, binds one excludeConfirmedBy, and honours searchString and includeDataElements', async () => {
    const all = (await page(`${Q}?appId=${BP}&size=1000`, owner)).instances;
    // archiveReference has no [FromQuery]; process.endEvent binds but GeneratePostgreSQLParameters never passes it on.
    const guidTail = all[0].id.slice(-12);
    assert.equal((await page(`${Q}?appId=${BP}&size=1000&archiveReference=${guidTail}`, owner)).count, all.length);
    assert.equal((await page(`${Q}?appId=${BP}&size=1000&process.endEvent=NoSuchEnd`, owner)).count, all.length);
    // A3Ref is the guid's last 12 characters.
    assert.deepEqual((await page(`${Q}?appId=${BP}&A3Ref=${guidTail.toUpperCase()}`, owner)).instances.map((w) => w.id), [all[0].id]);

    // excludeConfirmedBy is a string: the first value only. Equal to org it means confirmed=false.
    const confirmedByTtd = all.filter((w) => w.completeConfirmations?.some((c) => c.stakeholderId === 'ttd'));
    assert.ok(confirmedByTtd.length > 0);
    const excluded = await page(`${Q}?appId=${BP}&size=1000&excludeConfirmedBy=digdir&excludeConfirmedBy=ttd`, owner);
    assert.equal(excluded.count, all.length, 'the second value is not read');
    const unconfirmed = await page(`${Q}?appId=${BP}&size=1000&excludeConfirmedBy=TTD`, owner);
    assert.equal(unconfirmed.count, all.length - confirmedByTtd.length);
    const both = await page(`${Q}?appId=${BP}&size=1000&excludeConfirmedBy=ttd&confirmed=true`, owner);
    assert.equal(both.count, confirmedByTtd.length, '`confirmed` wins over excludeConfirmedBy=org');

    // searchString: ILIKE '%s%' over the presentation texts, with LIKE's own wildcards.
    const withText = all.filter((w) => Object.values(w.presentationTexts ?? {}).some((t) => /sophie/i.test(t)));
    assert.ok(withText.length > 0);
    const found = await page(`${Q}?appId=${BP}&size=1000&searchString=SOPHIE`, owner);
    assert.deepEqual(found.instances.map((w) => w.id), withText.map((w) => w.id));
    assert.equal((await page(`${Q}?appId=${BP}&size=1000&searchString=S_phie%25Salt`, owner)).count, withText.length);
    assert.equal((await page(`${Q}?appId=${BP}&size=1000&searchString=nobody-has-this`, owner)).count, 0);

    const bare = await page(`${Q}?appId=${BP}&size=1000&includeDataElements=false`, owner);
    assert.equal(bare.count, all.length);
    assert.ok(all.some((w) => w.data.length > 0));
    assert.ok(bare.instances.every((w) => Array.isArray(w.data) && w.data.length === 0));
  });

  it('answers values that do not bind with a ValidationProblemDetails, size=0 with an empty page that has next', async () => {
    // [ApiController] model validation; size has no lower bound in Storage: FETCH FIRST 0 ROWS and Count == Size.
    const bad = await call(emu, 'GET', `${Q}?appId=${BP}&size=ten&process.isComplete=maybe`, { token: owner });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.deepEqual(bad.json<{ errors: Record<string, string[]> }>().errors, {
      size: ["The value 'ten' is not valid for Size."],
      'process.isComplete': ["The value 'maybe' is not valid for ProcessIsComplete."],
    });
    const zero = await page(`${Q}?appId=${BP}&size=0`, owner);
    assert.equal(zero.count, 0);
    assert.ok(zero.next?.includes('continuationToken=0%253b-1'), String(zero.next));
    // Not a service owner, and neither a user nor an org: BadRequest() as ProblemDetails.
    const enterprise = emu.issueToken({ 'urn:altinn:orgNumber': '897069650', 'urn:altinn:authlevel': 3, scope: 'altinn:instances.read' });
    const r = await call(emu, 'GET', `${Q}?appId=${BP}&instanceOwner.partyId=500000`, { token: enterprise });
    assert.equal(r.status, 400);
    assert.equal(r.json<{ title: string }>().title, 'Bad Request');
  });
});
