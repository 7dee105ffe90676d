// Instantiation and party-list quirks on the raw wire (docs/altinn-behaviour.md §1.2, §3): which body is the
// instance template, prefill model binding, and the two party lists.
import * as assert from 'node:assert/strict';
import type { AppDef } from './apps';
import { startEmulator, type Emulator } from './index';
import { findParty, type Party } from './parties';
import { partyMayInstantiate } from './routes/app-instance-create';
import { call, orgToken, userToken, type Reply } from './test-client';

const BP = 'ttd/building-permit';
const MISSING_OWNER = 'Error: instanceOwnerPartyId query parameter is empty and InstanceOwner is missing from instance template. You must populate instanceOwnerPartyId or InstanceOwner';

interface PartyWire {
  partyId: number;
  name: string;
  ssn: string | null;
  onlyHierarchyElementWithNoAccess: boolean;
  childParties: PartyWire[] | null;
}

describe('emulator quirks: instantiation and parties', () => {
  let emu: Emulator;
  let user: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
  });
  after(async () => emu.close());

  const create = (query: string, body?: string, contentType?: string) => call(emu, 'POST', `/${BP}/instances${query}`, {
    token: user, body, headers: contentType ? { 'Content-Type': contentType } : {},
  });
  const jsonString = (r: Reply): string => {
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    return r.json<string>();
  };
  const multipart = (parts: Array<{ name: string; type: string; body: string }>) => {
    const b = 'quirk-boundary';
    const text = parts.map((p) => `--${b}\r\nContent-Disposition: form-data; name="${p.name}"\r\nContent-Type: ${p.type}\r\n\r\n${p.body}\r\n`).join('') + `--${b}--\r\n`;
    return { body: text, type: `multipart/form-data; boundary=${b}` };
  };

  it('a `{}` template with ?instanceOwnerPartyId= is a 400; an empty body with it is a 201', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs Post, ExtractInstanceTemplate (v8.0.0+)
    const braces = await create('?instanceOwnerPartyId=501337', '{}', 'application/json');
    assert.equal(braces.status, 400);
    assert.equal(jsonString(braces), MISSING_OWNER);
    assert.equal((await create('?instanceOwnerPartyId=501337')).status, 201);
    assert.equal((await create('?instanceOwnerPartyId=501337', '', 'application/json')).status, 201, 'an empty JSON body is no template');
    assert.equal((await create('?instanceOwnerPartyId=501337', 'null', 'application/json')).status, 201, 'JSON null is no template');
    assert.equal((await create('?instanceOwnerPartyId=501337', '{"instanceOwner":{}}', 'text/plain')).status, 201, 'a body that is not JSON is no template');
  });

  it('the owner in the template alone is a 201; with the query as well a 400; the query is ignored beside a person number', async () => {
    const byTemplate = await create('', JSON.stringify({ instanceOwner: { partyId: 500000 } }), 'application/json');
    assert.equal(byTemplate.status, 201, byTemplate.text);
    const both = await create('?instanceOwnerPartyId=501337', JSON.stringify({ instanceOwner: { partyId: '501337' } }), 'application/json');
    assert.equal(both.status, 400);
    assert.equal(jsonString(both), 'You cannot provide an instanceOwnerPartyId as a query param as well as an instance template in the body. Choose one or the other.');
    const bySsn = await create('?instanceOwnerPartyId=500000', JSON.stringify({ instanceOwner: { personNumber: '01039012345' } }), 'application/json');
    assert.equal(bySsn.status, 201);
    assert.equal(bySsn.json<{ instanceOwner: { partyId: string } }>().instanceOwner.partyId, '501337');
    const none = await create('');
    assert.equal(none.status, 400);
    assert.match(jsonString(none), /^Cannot create an instance without an instanceOwner\.partyId/);
    const notInt = await create('?instanceOwnerPartyId=abc');
    assert.equal(notInt.status, 400);
    assert.deepEqual(notInt.json<{ errors: unknown }>().errors, { instanceOwnerPartyId: ["The value 'abc' is not valid."] });
  });

  it('a multipart `instance` part follows the same rules', async () => {
    const empty = multipart([{ name: 'instance', type: 'application/json', body: '{}' }]);
    const r = await create('?instanceOwnerPartyId=501337', empty.body, empty.type);
    assert.equal(r.status, 400);
    assert.equal(jsonString(r), MISSING_OWNER);
    const model = multipart([{ name: 'model', type: 'application/xml', body: '<BuildingPermit><applicant>Sophie</applicant></BuildingPermit>' }]);
    assert.equal((await create('?instanceOwnerPartyId=501337', model.body, model.type)).status, 201, 'no instance part: the query is the owner');
    const unknownType = multipart([{ name: 'instance', type: 'application/json', body: '{"instanceOwner":{"partyId":"501337"}}' }, { name: 'nope', type: 'text/plain', body: 'x' }]);
    const bad = await create('', unknownType.body, unknownType.type);
    assert.equal(bad.status, 400);
    assert.equal(jsonString(bad), "Error when comparing content to application metadata: Multipart section named, 'nope' does not correspond to an element type in application metadata");
  });

  it('prefill values must be strings: a number or boolean is ASP.NET model binding\'s 400', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Models/InstansiationInstance.cs Prefill: Dictionary<string,string>
    const simplified = (body: unknown) => call(emu, 'POST', `/${BP}/instances/create`, {
      token: user, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const ok = await simplified({ instanceOwner: { partyId: '501337' }, prefill: { applicant: 'Sophie', areaSquareMeters: '120' } });
    assert.equal(ok.status, 201, ok.text);
    const number = await simplified({ instanceOwner: { partyId: '501337' }, prefill: { areaSquareMeters: 120 } });
    assert.equal(number.status, 400);
    assert.match(number.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = number.json<{ title: string; status: number; errors: Record<string, string[]> }>();
    assert.equal(problem.title, 'One or more validation errors occurred.');
    assert.deepEqual(problem.errors, {
      '$.prefill.areaSquareMeters': ['The JSON value could not be converted to System.String. Path: $.prefill.areaSquareMeters | LineNumber: 0 | BytePositionInLine: 71.'],
      instansiationInstance: ['The instansiationInstance field is required.'],
    });
    const flag = await simplified({ instanceOwner: { partyId: '501337' }, prefill: { applicant: true } });
    assert.equal(flag.status, 400);
    assert.ok('$.prefill.applicant' in flag.json<{ errors: Record<string, string[]> }>().errors);
    const numericOwner = await simplified({ instanceOwner: { partyId: 501337 } });
    assert.equal(numericOwner.status, 400, 'InstanceOwner.PartyId is a string to System.Text.Json');
  });

  it('GET {app}/api/v1/parties: the party list with sub-units nested, filtered by partyTypesAllowed on request', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/PartiesController.cs Get; InstantiationHelper.FilterPartiesByAllowedPartyTypes
    const parties = (await call(emu, 'GET', `/${BP}/api/v1/parties`, { token: user })).json<PartyWire[]>();
    assert.deepEqual(parties.map((p) => p.partyId), [501337, 500000]);
    assert.deepEqual(parties[1].childParties?.map((c) => c.partyId), [500001]);
    const photo = await call(emu, 'GET', '/digdir/photo-contest/api/v1/parties?allowedToInstantiateFilter=true', { token: user });
    assert.deepEqual(photo.json<PartyWire[]>().map((p) => [p.partyId, p.childParties]), [[501337, []]], 'a person-only app');
    const kari = (await call(emu, 'GET', `/${BP}/api/v1/parties`, { token: await userToken(emu, 1001) })).json<PartyWire[]>();
    const nordlys = kari.find((p) => p.partyId === 500800);
    assert.equal(nordlys?.onlyHierarchyElementWithNoAccess, true);
    assert.deepEqual(nordlys?.childParties?.map((c) => c.partyId), [500801]);
    const owner = (await call(emu, 'GET', `/${BP}/api/v1/parties`, { token: await orgToken(emu) })).json<PartyWire[]>();
    assert.deepEqual(owner.map((p) => [p.partyId, p.name]), [[500005, 'Testdepartementet']], "a service owner's own party");
    const bad = await call(emu, 'GET', `/${BP}/api/v1/parties?allowedToInstantiateFilter=yes`, { token: user });
    assert.equal(bad.status, 400);
  });

  it('GET {app}/api/v1/parties masks SSNs from app-lib v8.12.5; Authorization does not', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/PartySsnMasking.cs, NationalIdentityNumberExtensions.Mask (v8.12.5+)
    const current = (await call(emu, 'GET', `/${BP}/api/v1/parties`, { token: user })).json<PartyWire[]>();
    assert.equal(current[0].ssn, '010390*****');
    assert.equal(current[1].ssn, null, 'an organisation has no SSN to mask');
    const old = (await call(emu, 'GET', '/ttd/income-report/api/v1/parties', { token: user })).json<PartyWire[]>();
    assert.equal(old[0].ssn, '01039012345', 'ttd/income-report is on v8.3.8');
    const platform = (await call(emu, 'GET', '/authorization/api/v1/parties?userId=1337', { token: user })).json<PartyWire[]>();
    assert.equal(platform[0].ssn, '01039012345');
  });

  it('GET /authorization/api/v1/parties: 403 for another user, 404 for none, sub-units in childParties', async () => {
    // Altinn/altinn-authorization src/Authorization/Controllers/PartiesController.cs GetPartyList
    const own = await call(emu, 'GET', '/authorization/api/v1/parties?userId=1337', { token: user });
    assert.equal(own.status, 200);
    assert.deepEqual(own.json<PartyWire[]>()[1].childParties?.map((c) => c.partyId), [500001]);
    const other = await call(emu, 'GET', '/authorization/api/v1/parties?userId=12345', { token: user });
    assert.equal(other.status, 403);
    assert.equal(other.text, '');
    assert.equal((await call(emu, 'GET', '/authorization/api/v1/parties', { token: user })).status, 404, 'no userId binds to 0');
    const stranger = emu.issueToken({ 'urn:altinn:userid': '4242', 'urn:altinn:partyid': '504242', 'urn:altinn:authlevel': 2 });
    const none = await call(emu, 'GET', '/authorization/api/v1/parties?userId=4242', { token: stranger });
    assert.equal(none.status, 404, 'an empty list is a 404');
    assert.match(none.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  it('partyTypesAllowed: sub-units are organisations of unit type BEDR/AAFY, not party type 4', () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/InstantiationHelper.cs IsPartyAllowedToInstantiate
    const app = (allowed: Partial<AppDef['partyTypesAllowed']>) => ({
      partyTypesAllowed: { person: false, organisation: false, subUnit: false, bankruptcyEstate: false, ...allowed },
    }) as AppDef;
    const subUnit = findParty(500001) as Party;
    const mainUnit = findParty(500000) as Party;
    assert.equal(partyMayInstantiate(app({ subUnit: true }), subUnit), true);
    assert.equal(partyMayInstantiate(app({ subUnit: true }), mainUnit), false);
    assert.equal(partyMayInstantiate(app({ organisation: true }), subUnit), false);
    assert.equal(partyMayInstantiate(app({ bankruptcyEstate: true }), { ...mainUnit, unitType: 'KBO' }), true);
    assert.equal(partyMayInstantiate(app({ bankruptcyEstate: true }), { ...mainUnit, partyTypeName: 5 }), false);
    assert.equal(partyMayInstantiate(app({}), { ...mainUnit, partyTypeName: 4 }), true, 'nothing set: everyone may');
  });
});
