// Deterministic seed (README.md, "Fixed seed"): ~20 hand-shaped instances per app spread over owners and
// states, plus `instancesPerApp` cheap generated ones for volume (100,000 per app in well under 5 s).
import type { AppCatalog, AppDef } from './apps';
import { formToXml, type FormValues } from './formdata';
import { findParty, partiesOfUser, USERS, type Party } from './parties';
import { instanceLinks, newDataElement, type Store } from './store';
import type { CloudEvent, DataElement, Instance, InstanceRecord, ReadStatus } from './types';
import { guidFrom, isoTime, prng } from './util';
import { GeneratedSet } from './seed-generated';

const SEED_BASE_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const HOUR = 3600_000;
const READ_STATUSES: ReadStatus[] = ['Unread', 'Read', 'UpdatedSinceLastReview', 'Read'];
const PERSON_OWNERS = [501337, 512345, 510001];
const ALL_OWNERS = [501337, 500000, 512345, 510001, 500600];

function ownerFields(party: Party): Instance['instanceOwner'] {
  return { partyId: String(party.partyId), personNumber: party.ssn, organisationNumber: party.ssn ? undefined : party.orgNumber };
}

export function ownersFor(app: AppDef): Party[] {
  const ids = app.partyTypesAllowed.person && !app.partyTypesAllowed.organisation ? PERSON_OWNERS : ALL_OWNERS;
  return ids.map((id) => findParty(id) as Party);
}

function sampleForm(app: AppDef, i: number): FormValues {
  switch (app.id) {
    case 'ttd/building-permit':
      return i % 5 === 0 ? { address: `Storgata ${i}` }
        : { applicant: ['Sophie Salt', 'Ola Nordmann', 'Kari Nordmann'][i % 3], address: `Storgata ${i}`, areaSquareMeters: 40 + i * 7 };
    case 'ttd/income-report':
      return { employer: ['DDG Fitness AS', 'Eldste Kaffebar AS'][i % 2], year: 2020 + (i % 5), income: 450000 + i * 1000 };
    default:
      return { name: `Person ${i}`, email: `person${i}@example.no`, message: i % 2 ? 'Hei!' : null };
  }
}

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF_TINY = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function attachmentFor(app: AppDef, i: number): { dataType: string; filename: string; contentType: string; body: Buffer } | undefined {
  if (app.id === 'ttd/building-permit') {
    return i % 2 === 0 ? { dataType: 'drawing', filename: `Tegning ${i}.pdf`, contentType: 'application/pdf', body: PDF_TINY }
      : { dataType: 'drawing', filename: `fasade-${i}.png`, contentType: 'image/png', body: PNG_1PX };
  }
  if (app.id === 'ttd/income-report') {
    return { dataType: 'metadata', filename: 'metadata.json', contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ source: 'seed', index: i })) };
  }
  if (app.id === 'digdir/photo-contest') return { dataType: 'photo', filename: `photo-${i}.png`, contentType: 'image/png', body: PNG_1PX };
  return undefined;
}

function cloudEvent(store: Store, w: Instance, type: string, time: string, rand: () => number): CloudEvent {
  const [org, app] = w.appId.split('/');
  return {
    id: guidFrom(rand), source: `${store.baseUrl}/${w.appId}/instances/${w.id}`, specversion: '1.0', type,
    subject: `/party/${w.instanceOwner.partyId}`, time,
    alternativesubject: w.instanceOwner.personNumber ? `/person/${w.instanceOwner.personNumber}` : `/org/${w.instanceOwner.organisationNumber}`,
    resource: `urn:altinn:resource:app_${org}_${app}`, resourceinstance: w.id,
  };
}

/** One hand-shaped instance: state by index (Task_1, Task_2, archived, soft-deleted), data, events. */
function seedInstance(store: Store, app: AppDef, i: number, rand: () => number, events: CloudEvent[]): InstanceRecord {
  const owners = ownersFor(app);
  const party = owners[i % owners.length];
  const guid = guidFrom(rand);
  const id = `${party.partyId}/${guid}`;
  const createdMs = SEED_BASE_MS - (20 - i) * 24 * HOUR;
  const created = isoTime(createdMs);
  const actor = String(USERS.find((u) => partiesOfUser(u).includes(party.partyId))?.userId ?? 1337);
  const state = i % 5; // 0,1 Task_1; 2 Task_2 (or end); 3 archived; 4 soft-deleted in Task_1
  const w: Instance = {
    id, instanceOwner: ownerFields(party), appId: app.id, org: app.org, selfLinks: instanceLinks(store.baseUrl, { appId: app.id, id }),
    dueBefore: i % 4 === 1 ? isoTime(SEED_BASE_MS + 30 * 24 * HOUR) : undefined, visibleAfter: created,
    status: { isArchived: false, isSoftDeleted: false, isHardDeleted: false, readStatus: READ_STATUSES[i % 4] },
    data: [], created, createdBy: actor, lastChanged: created, lastChangedBy: actor,
  };
  const rec: InstanceRecord = { seq: store.allocateSeq(), lastChangedMs: createdMs, wire: w, events: [], history: [] };
  const t = (h: number) => isoTime(createdMs + h * HOUR);
  w.process = { started: created, startEvent: 'StartEvent_1',
    currentTask: { flow: 2, started: created, elementId: app.tasks[0].id, name: app.tasks[0].name, altinnTaskType: app.tasks[0].type,
      flowType: 'CompleteCurrentMoveToNext' } };
  rec.history.push({ eventType: 'process_StartEvent', elementId: 'StartEvent_1', occured: created, started: created, performedBy: actor });
  rec.history.push({ eventType: 'process_StartTask', elementId: app.tasks[0].id, occured: created, started: created, performedBy: actor });
  const ev = (type: string, time: string) => rec.events.push({ id: guidFrom(rand), instanceId: id, created: time, eventType: type,
    instanceOwnerPartyId: w.instanceOwner.partyId, user: { userId: Number(actor), authenticationLevel: 2 } });
  ev('Created', created);
  events.push(cloudEvent(store, w, 'app.instance.created', created, rand));
  events.push(cloudEvent(store, w, `app.instance.process.movedTo.${app.tasks[0].id}`, created, rand));

  for (const model of app.models) {
    const values = sampleForm(app, i);
    const dataId = guidFrom(rand);
    const xml = Buffer.from(formToXml(model, values), 'utf8');
    const el = newDataElement(store.baseUrl, w, dataId, model.dataType, { contentType: 'application/xml', size: xml.length, now: t(1), actor });
    store.setBlob(dataId, { kind: 'buffer', data: xml });
    w.data.push(el);
    if (app.presentationField && values[app.presentationField.id]) w.presentationTexts = { [app.presentationField.id]: String(values[app.presentationField.id]) };
    if (app.dataField && values[app.dataField.id] !== undefined) w.dataValues = { [app.dataField.id]: String(values[app.dataField.id]) };
  }
  const att = i % 3 === 0 ? attachmentFor(app, i) : undefined;
  if (att) {
    const dataId = guidFrom(rand);
    w.data.push(newDataElement(store.baseUrl, w, dataId, att.dataType, { filename: att.filename, contentType: att.contentType,
      size: att.body.length, now: t(2), actor }));
    store.setBlob(dataId, { kind: 'buffer', data: att.body });
  }
  let lastMs = createdMs + 2 * HOUR;
  const lockTask = (taskId: string) => w.data.forEach((d: DataElement) => {
    if (app.dataTypes.find((x) => x.id === d.dataType)?.taskId === taskId) d.locked = true;
  });
  if (state === 2 || state === 3) {
    if (state === 2 && app.tasks.length > 1) {
      lockTask('Task_1');
      w.process.currentTask = { flow: 3, started: t(3), elementId: app.tasks[1].id, name: app.tasks[1].name,
        altinnTaskType: app.tasks[1].type, flowType: 'CompleteCurrentMoveToNext' };
      rec.history.push({ eventType: 'process_EndTask', elementId: 'Task_1', occured: t(3), started: created, ended: t(3), performedBy: actor });
      rec.history.push({ eventType: 'process_StartTask', elementId: app.tasks[1].id, occured: t(3), started: t(3), performedBy: actor });
      events.push(cloudEvent(store, w, `app.instance.process.movedTo.${app.tasks[1].id}`, t(3), rand));
      lastMs = createdMs + 3 * HOUR;
    } else if (state === 3 || state === 2) {
      for (const task of app.tasks) lockTask(task.id);
      w.process = { started: created, startEvent: 'StartEvent_1', ended: t(4), endEvent: 'EndEvent_1' };
      w.status = { ...w.status, isArchived: true, archived: t(4) };
      // Every task was passed on the way to the end, as the process engine records it (docs/altinn-behaviour.md §1.4).
      app.tasks.forEach((task, k) => {
        const from = k === 0 ? created : t(3);
        const to = k === app.tasks.length - 1 ? t(4) : t(3);
        if (k > 0) rec.history.push({ eventType: 'process_StartTask', elementId: task.id, occured: from, started: from, performedBy: actor });
        rec.history.push({ eventType: 'process_EndTask', elementId: task.id, occured: to, started: from, ended: to, performedBy: actor });
      });
      rec.history.push({ eventType: 'process_EndEvent', elementId: 'EndEvent_1', occured: t(4), started: t(4), ended: t(4), performedBy: actor });
      ev('process_EndEvent', t(4));
      events.push(cloudEvent(store, w, 'app.instance.process.completed', t(4), rand));
      lastMs = createdMs + 4 * HOUR;
      if (i % 2 === 1) {
        w.completeConfirmations = [{ stakeholderId: app.org, confirmedOn: t(30) }];
        lastMs = createdMs + 30 * HOUR;
      }
    }
  }
  if (state === 4) {
    w.status = { ...w.status, isSoftDeleted: true, softDeleted: t(5) };
    lastMs = createdMs + 5 * HOUR;
  }
  if (i === 7) w.status = { ...w.status, substatus: { label: 'Under behandling', description: 'Saken er under behandling' } };
  rec.lastChangedMs = lastMs;
  w.lastChanged = isoTime(lastMs);
  return rec;
}

export type SeedName = 'default' | 'empty';

export function seedStore(store: Store, apps: AppCatalog, seed: SeedName, instancesPerApp: number): void {
  if (seed === 'empty') return;
  const records: InstanceRecord[] = [];
  apps.all.forEach((app, a) => {
    const rand = prng(0x5eed + a);
    const events: CloudEvent[] = [];
    for (let i = 0; i < 20; i++) records.push(seedInstance(store, app, i, rand, events));
    events.sort((x, y) => Date.parse(x.time) - Date.parse(y.time));
    store.events.set(app.id, events);
  });
  store.bulkInsert(records);
  if (instancesPerApp > 0) {
    const set = GeneratedSet.create(store.baseUrl, apps.all, ownersFor);
    store.bulkInsert(set.generate(instancesPerApp, store.peekSeq), true);
    store.attachGenerated(set);
  }
}
