import * as assert from 'node:assert/strict';
import { type AppInstance, normalizeInstance, normalizeQueryResponse, normalizeReadStatus, type StorageInstance } from '../../src/api';

// Shape of sample InstancesController_GetTests.ReturnsOkResult_Raw (App API: nulls present, readStatus 1, partyId a number).
const appWire = {
  id: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e',
  instanceOwner: {
    partyId: 501337,
    personNumber: '01039012345',
    organisationNumber: null,
    username: null,
    externalIdentifier: null,
    party: { partyId: 501337, partyUuid: null, partyTypeName: 1, ssn: '01039012345', orgNumber: null, unitType: null, name: 'Sophie Salt', isDeleted: false },
  },
  appId: 'tdd/contributer-restriction',
  org: 'tdd',
  selfLinks: { apps: 'https://localhost/tdd/contributer-restriction/instances/501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e', platform: null },
  dueBefore: null,
  visibleAfter: null,
  process: { started: '2024-01-01T00:00:00Z', startEvent: 'StartEvent_1', currentTask: { flow: 2, elementId: 'Task_1', altinnTaskType: 'data', ended: null, validated: null }, ended: null, endEvent: null },
  status: { isArchived: false, archived: null, isSoftDeleted: false, softDeleted: null, isHardDeleted: false, hardDeleted: null, readStatus: 1, substatus: null },
  completeConfirmations: null,
  data: [{ id: 'cd691c32-ae36-4555-8aee-0b7054a413e4', dataType: 'default', filename: null, contentType: 'application/xml', size: 0, locked: false, fileScanResult: 'NotApplicable', refs: null }],
  created: null,
  lastChanged: null,
} as unknown as AppInstance;

// Sample Instances__tdd__contributer-restriction__500600__…pretest.json (Storage: nulls omitted, readStatus a name).
const storageWire: StorageInstance = {
  id: '500600/5a2fa5ec-f97c-4816-b57a-dc78a981917e',
  instanceOwner: { partyId: '500600', organisationNumber: '897069631' },
  appId: 'tdd/contributer-restriction',
  org: 'tdd',
  process: { started: '2019-12-05T13:24:34.8412179Z', startEvent: 'StartEvent_1', currentTask: { flow: 2, elementId: 'Task_1', altinnTaskType: 'data' } },
  status: { isArchived: false, isSoftDeleted: false, isHardDeleted: false, readStatus: 'Read' },
  lastChanged: '2024-02-10T15:04:22.278549Z',
};

describe('api normalize', () => {
  it('turns the App API wire form into the Storage-like normalized form', () => {
    const inst = normalizeInstance(appWire);
    assert.equal(inst.instanceOwner.partyId, '501337');
    assert.equal(inst.status?.readStatus, 'Read');
    assert.equal('organisationNumber' in inst.instanceOwner, false);
    assert.equal('dueBefore' in inst, false);
    assert.equal('completeConfirmations' in inst, false);
    assert.equal('platform' in (inst.selfLinks ?? {}), false);
    assert.equal('ended' in (inst.process?.currentTask ?? {}), false);
    assert.equal(inst.instanceOwner.party?.name, 'Sophie Salt');
    assert.equal(inst.data?.[0].fileScanResult, 'NotApplicable');
    assert.equal('filename' in (inst.data?.[0] ?? {}), false);
  });

  it('keeps the Storage wire form as it is', () => {
    assert.deepEqual(normalizeInstance(storageWire), storageWire);
  });

  it('maps read status numbers and names', () => {
    assert.equal(normalizeReadStatus(0), 'Unread');
    assert.equal(normalizeReadStatus(2), 'UpdatedSinceLastReview');
    assert.equal(normalizeReadStatus('read'), 'Read');
    assert.equal(normalizeReadStatus(7), undefined);
  });

  it('normalizes query responses, dropping a null next', () => {
    const page = normalizeQueryResponse({ count: 1, self: 'x', next: null as unknown as undefined, instances: [storageWire] });
    assert.equal(page.next, undefined);
    assert.equal(page.instances.length, 1);
  });
});
