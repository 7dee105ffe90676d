import * as assert from 'node:assert/strict';
import { maskPersonNumber, ownerIdFull, ownerIdText } from '../../src/util/ownerIds';

describe('Owner ids as rows show them (altinn.maskOwnerIds)', () => {
  it('keeps the date of birth of a national identity number and masks the five personal digits', () => {
    assert.equal(maskPersonNumber('01017512345'), '010175•••••');
    // A D-number is 11 digits too (first digit + 4).
    assert.equal(maskPersonNumber('41017512345'), '410175•••••');
    // The App API's parties come masked by Altinn from v8.12.5 (NationalIdentityNumberExtensions.Mask): shown the same way.
    assert.equal(maskPersonNumber('010175*****'), '010175•••••');
  });

  it('leaves what is not a national identity number alone', () => {
    for (const value of ['405003309', '501337', '0101751234', '010175123456', 'SophieDDG', '']) {
      assert.equal(maskPersonNumber(value), value);
    }
  });

  it('shows the organisation number unmasked, the person number masked or not, else the user name', () => {
    assert.equal(ownerIdText({ partyId: '500000', organisationNumber: '405003309' }, true), '405003309');
    assert.equal(ownerIdText({ partyId: '510001', personNumber: '01017512345' }, true), '010175•••••');
    assert.equal(ownerIdText({ partyId: '510001', personNumber: '01017512345' }, false), '01017512345');
    assert.equal(ownerIdText({ partyId: '1', username: 'selfie' }, true), 'selfie');
    assert.equal(ownerIdText({ partyId: '1' }, true), undefined);
  });

  it('copies the full number, else the user name, else the party id', () => {
    assert.equal(ownerIdFull({ partyId: '510001', personNumber: '01017512345' }), '01017512345');
    assert.equal(ownerIdFull({ partyId: '500000', organisationNumber: '405003309' }), '405003309');
    assert.equal(ownerIdFull({ partyId: '1', username: 'selfie' }), 'selfie');
    assert.equal(ownerIdFull({ partyId: '1' }), '1');
  });
});
