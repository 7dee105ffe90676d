import * as assert from 'node:assert/strict';
import { appsInstantiableBy, partyMayInstantiate, userMayInstantiate } from '../../src/api';

// Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/InstantiationHelper.cs IsPartyAllowedToInstantiate, and the
// app template policy (an org instantiates only its own apps): docs/altinn-behaviour.md §1.2.
describe('Who may create instances of an app (src/api/instantiation.ts)', () => {
  const person = { partyTypeName: 1 };
  const selfIdentified = { partyTypeName: 3 };
  const company = { partyTypeName: 2, unitType: 'AS' };
  const subUnit = { partyTypeName: 2, unitType: 'BEDR ' };
  const otherSubUnit = { partyTypeName: 2, unitType: 'AAFY' };
  const estate = { partyTypeName: 2, unitType: 'KBO' };

  it('lets a party in by its type, a sub-unit by its unit type', () => {
    const only = (k: 'person' | 'organisation' | 'subUnit' | 'bankruptcyEstate') => ({ person: false, organisation: false, subUnit: false, bankruptcyEstate: false, [k]: true });
    assert.equal(partyMayInstantiate(person, only('person')), true);
    assert.equal(partyMayInstantiate(selfIdentified, only('person')), true, 'a self-identified user counts as a person');
    assert.equal(partyMayInstantiate(company, only('person')), false);
    assert.equal(partyMayInstantiate(company, only('organisation')), true);
    assert.equal(partyMayInstantiate(subUnit, only('organisation')), false, 'a sub-unit is not a main unit');
    assert.equal(partyMayInstantiate(subUnit, only('subUnit')), true, 'unit type BEDR, trimmed');
    assert.equal(partyMayInstantiate(otherSubUnit, only('subUnit')), true, 'unit type AAFY');
    assert.equal(partyMayInstantiate(company, only('subUnit')), false);
    assert.equal(partyMayInstantiate(estate, only('bankruptcyEstate')), true);
    assert.equal(partyMayInstantiate(estate, only('organisation')), true, 'an estate is a main unit too');
    assert.equal(partyMayInstantiate(company, only('bankruptcyEstate')), false);
  });

  it('lets everyone in when the app allows no type, or says nothing', () => {
    const none = { person: false, organisation: false, subUnit: false, bankruptcyEstate: false };
    assert.equal(partyMayInstantiate(subUnit, none), true);
    assert.equal(partyMayInstantiate(person, undefined), true);
    assert.equal(partyMayInstantiate({ partyTypeName: 4 }, { person: true }), false, 'an unknown party type when types are set');
  });

  it('gives a service owner its own apps only, anyone else the apps one of its parties may own', () => {
    const apps = [
      { id: 'ttd/a', org: 'ttd', partyTypesAllowed: { person: true } },
      { id: 'digdir/b', org: 'digdir', partyTypesAllowed: { organisation: true } },
      { id: 'digdir/c', org: 'digdir', partyTypesAllowed: { subUnit: true } },
    ];
    assert.deepEqual(appsInstantiableBy(apps, { serviceOwner: 'TTD' }).map((a) => a.id), ['ttd/a']);
    assert.deepEqual(appsInstantiableBy(apps, { parties: [person] }).map((a) => a.id), ['ttd/a']);
    assert.deepEqual(appsInstantiableBy(apps, { parties: [person, company] }).map((a) => a.id), ['ttd/a', 'digdir/b']);
    assert.deepEqual(appsInstantiableBy(apps, { parties: [] }), []);
  });

  // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs VerifyInstantiationPermissions
  // (v8.3.0+); prod runs apps as Production, TT02 as Staging (docs/altinn-behaviour.md §5).
  it('leaves out an app with disallowUserInstantiation for a user on a Production host, not for its service owner or elsewhere', () => {
    const apps = [
      { id: 'ttd/open', org: 'ttd' },
      { id: 'ttd/org-only', org: 'ttd', disallowUserInstantiation: true },
    ];
    assert.deepEqual(appsInstantiableBy(apps, { parties: [person], productionHost: true }).map((a) => a.id), ['ttd/open']);
    assert.deepEqual(appsInstantiableBy(apps, { parties: [person], productionHost: false }).map((a) => a.id), ['ttd/open', 'ttd/org-only']);
    assert.deepEqual(appsInstantiableBy(apps, { parties: [person] }).map((a) => a.id), ['ttd/open', 'ttd/org-only'], 'not Production unless said');
    assert.deepEqual(appsInstantiableBy(apps, { serviceOwner: 'ttd' }).map((a) => a.id), ['ttd/open', 'ttd/org-only'], 'the org claim passes');
    assert.equal(userMayInstantiate({ disallowUserInstantiation: true }, true), false);
    assert.equal(userMayInstantiate({ disallowUserInstantiation: false }, true), true);
    assert.equal(userMayInstantiate({}, true), true);
  });
});
