// Data elements and instances for the data rule tests, in plain Node (test/unit) and inside VS Code (test/suite).
import type { DataElement, DataType, Instance } from '../../src/api';

export const GUID = '5a2fa5ec-f97c-4816-b57a-dc78a981917e';
export const DATA_GUID = '0b8c6c5e-3a43-4b0e-9a57-0e4d7f2d8c11';
// test/emulator/README.md, fixed seed: ttd/building-permit `drawing` allows application/pdf + image/png, 10 MB, 5 files.
export const drawing: DataType = { id: 'drawing', allowedContentTypes: ['application/pdf', 'image/png'], maxSize: 10, maxCount: 5 };

export function element(over: Partial<DataElement>): DataElement {
  return { id: DATA_GUID, dataType: 'drawing', contentType: 'application/pdf', size: 100, ...over };
}

export function instance(over: Partial<Instance> = {}): Instance {
  return {
    id: `501337/${GUID}`,
    appId: 'ttd/building-permit',
    org: 'ttd',
    instanceOwner: { partyId: '501337' },
    process: { currentTask: { elementId: 'Task_1' } },
    data: [],
    ...over,
  };
}
