import * as assert from 'node:assert/strict';
import {
  AltinnInputError,
  formatAppId,
  formatInstanceId,
  isValidOrganisationNumber,
  isValidPersonNumber,
  parseAppId,
  parseInstanceId,
  parsePartyId,
  resolveInstanceRef,
} from '../../src/api';

describe('api ids', () => {
  it('parses and formats app ids', () => {
    assert.deepEqual(parseAppId('ttd/building-permit'), { org: 'ttd', app: 'building-permit' });
    assert.equal(formatAppId({ org: 'digdir', app: 'photo-contest' }), 'digdir/photo-contest');
  });

  it('rejects malformed app ids with a message that says what is wrong', () => {
    assert.throws(() => parseAppId('ttd'), (e: Error) => e instanceof AltinnInputError && /expected "org\/app"/.test(e.message));
    assert.throws(() => parseAppId('ttd/a/b'), AltinnInputError);
    assert.throws(() => parseAppId('TTD/app'), /organisation code "TTD"/);
    assert.throws(() => parseAppId('ttd/-app'), /app name "-app"/);
    assert.throws(() => parseAppId('ttd/..'), AltinnInputError);
    assert.throws(() => parseAppId('ttd/a%2fb'), AltinnInputError);
    assert.throws(() => parseAppId('t-d/app'), AltinnInputError);
  });

  it('parses and formats instance ids, lower-casing the guid', () => {
    const id = parseInstanceId('501337/5A2FA5EC-F97C-4816-B57A-DC78A981917E');
    assert.deepEqual(id, { partyId: 501337, guid: '5a2fa5ec-f97c-4816-b57a-dc78a981917e' });
    assert.equal(formatInstanceId(id), '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e');
  });

  it('rejects malformed instance ids', () => {
    assert.throws(() => parseInstanceId('5a2fa5ec-f97c-4816-b57a-dc78a981917e'), /expected "partyId\/guid"/);
    assert.throws(() => parseInstanceId('abc/5a2fa5ec-f97c-4816-b57a-dc78a981917e'), /party id "abc"/);
    assert.throws(() => parseInstanceId('0/5a2fa5ec-f97c-4816-b57a-dc78a981917e'), /party id/);
    assert.throws(() => parseInstanceId('501337/not-a-guid'), /is not a GUID/);
    assert.throws(() => parseInstanceId('501337/../../x'), AltinnInputError);
    assert.throws(() => parseInstanceId('99999999999/5a2fa5ec-f97c-4816-b57a-dc78a981917e'), AltinnInputError);
  });

  it('parses party ids', () => {
    assert.equal(parsePartyId('501337'), 501337);
    assert.equal(parsePartyId(500000), 500000);
    assert.throws(() => parsePartyId('-1'), AltinnInputError);
    assert.throws(() => parsePartyId('1.5'), AltinnInputError);
    assert.throws(() => parsePartyId(''), AltinnInputError);
    assert.throws(() => parsePartyId('2147483648'), AltinnInputError);
  });

  it('resolves instance references from a normalized instance shape', () => {
    const ref = resolveInstanceRef({ appId: 'ttd/building-permit', id: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e' });
    assert.equal(ref.appId.app, 'building-permit');
    assert.equal(ref.id.partyId, 501337);
    assert.throws(() => resolveInstanceRef({ appId: 'ttd', id: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e' }), AltinnInputError);
  });

  it('checks person numbers with both mod-11 check digits', () => {
    // Synthetic, well-formed numbers (checksums computed by hand).
    assert.equal(isValidPersonNumber('01010150074'), true);
    assert.equal(isValidPersonNumber('01010150075'), false);
    // localtest's test user SSN does not pass mod 11 (docs/altinn-behaviour.md §3 test users).
    assert.equal(isValidPersonNumber('01039012345'), false);
    assert.equal(isValidPersonNumber('0101015008'), false);
    assert.equal(isValidPersonNumber('32010150074'), false);
    assert.equal(isValidPersonNumber('0101015008a'), false);
  });

  it('checks organisation numbers with the mod-11 check digit', () => {
    assert.equal(isValidOrganisationNumber('405003309'), true); // ttd
    assert.equal(isValidOrganisationNumber('991825827'), true); // digdir
    assert.equal(isValidOrganisationNumber('991825828'), false);
    assert.equal(isValidOrganisationNumber('99182582'), false);
  });
});
