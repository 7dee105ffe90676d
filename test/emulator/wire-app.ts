// App API wire format (docs/altinn-behaviour.md §1, §2 intro): System.Text.Json writes every member, nulls included,
// `readStatus` as an int and the instance owner's `party` (InstanceResponse). Member order follows
// InstancesController_GetTests.ReturnsOkResult_Raw.verified.txt.
import { findParty } from './parties';
import type { DataElement, Instance, ProcessElementInfo, ProcessState, ReadStatus } from './types';

const READ_STATUS_INT: Record<ReadStatus, number> = { Unread: 0, Read: 1, UpdatedSinceLastReview: 2 };

type Json = Record<string, unknown>;

export function appDataElement(el: DataElement): Json {
  return {
    id: el.id,
    instanceGuid: el.instanceGuid,
    dataType: el.dataType,
    filename: el.filename ?? null,
    contentType: el.contentType,
    blobStoragePath: el.blobStoragePath,
    selfLinks: { apps: el.selfLinks.apps ?? null, platform: el.selfLinks.platform ?? null },
    size: el.size,
    contentHash: el.contentHash ?? null,
    locked: el.locked,
    refs: el.refs ?? null,
    isRead: el.isRead,
    userDefinedMetadata: null,
    metadata: null,
    deleteStatus: null,
    fileScanResult: el.fileScanResult,
    references: el.references ?? null,
    created: el.created,
    createdBy: el.createdBy ?? null,
    lastChanged: el.lastChanged,
    lastChangedBy: el.lastChangedBy ?? null,
  };
}

function appTask(t: ProcessElementInfo | undefined): Json | null {
  if (!t) return null;
  return {
    flow: t.flow ?? null,
    started: t.started ?? null,
    elementId: t.elementId ?? null,
    name: t.name ?? null,
    altinnTaskType: t.altinnTaskType ?? null,
    ended: t.ended ?? null,
    validated: t.validated ? { timestamp: t.validated.timestamp ?? null, canCompleteTask: t.validated.canCompleteTask } : null,
    flowType: t.flowType ?? null,
  };
}

export function appProcessState(p: ProcessState | undefined): Json | null {
  if (!p) return null;
  return {
    started: p.started ?? null,
    startEvent: p.startEvent ?? null,
    currentTask: appTask(p.currentTask),
    ended: p.ended ?? null,
    endEvent: p.endEvent ?? null,
  };
}

/** `InstanceResponse` (with `instanceOwner.party`) or the plain App `Instance` (DataPostResponse, DELETE, complete). */
export function appInstance(w: Instance, withParty: boolean): Json {
  const owner: Json = {
    partyId: w.instanceOwner.partyId,
    personNumber: w.instanceOwner.personNumber ?? null,
    organisationNumber: w.instanceOwner.organisationNumber ?? null,
    username: w.instanceOwner.username ?? null,
    externalIdentifier: w.instanceOwner.externalIdentifier ?? null,
  };
  if (withParty) {
    const party = findParty(Number(w.instanceOwner.partyId));
    owner.party = {
      partyId: Number(w.instanceOwner.partyId),
      partyUuid: party?.partyUuid ?? null,
      partyTypeName: party?.partyTypeName ?? (w.instanceOwner.organisationNumber ? 2 : 1),
      ssn: party?.ssn ?? w.instanceOwner.personNumber ?? null,
      orgNumber: party?.orgNumber ?? w.instanceOwner.organisationNumber ?? null,
      unitType: party?.unitType ?? null,
      name: party?.name ?? null,
      isDeleted: false,
    };
  }
  const s = w.status;
  return {
    id: w.id,
    instanceOwner: owner,
    appId: w.appId,
    org: w.org,
    selfLinks: { apps: w.selfLinks.apps ?? null, platform: w.selfLinks.platform ?? null },
    dueBefore: w.dueBefore ?? null,
    visibleAfter: w.visibleAfter ?? null,
    process: appProcessState(w.process),
    status: {
      isArchived: s.isArchived,
      archived: s.archived ?? null,
      isSoftDeleted: s.isSoftDeleted,
      softDeleted: s.softDeleted ?? null,
      isHardDeleted: s.isHardDeleted,
      hardDeleted: s.hardDeleted ?? null,
      readStatus: READ_STATUS_INT[s.readStatus],
      substatus: s.substatus ? { label: s.substatus.label ?? null, description: s.substatus.description ?? null } : null,
    },
    completeConfirmations: w.completeConfirmations ?? null,
    data: w.data.map(appDataElement),
    presentationTexts: w.presentationTexts ?? null,
    dataValues: w.dataValues ?? null,
    created: w.created,
    createdBy: w.createdBy ?? null,
    lastChanged: w.lastChanged,
    lastChangedBy: w.lastChangedBy ?? null,
  };
}
