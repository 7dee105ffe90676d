// Shared instance logic: creation, form data, instance events and CloudEvents.
import type { AppDef, FormModelDef, TaskDef } from './apps';
import { modelOf } from './apps';
import type { Principal } from './auth';
import { actorId } from './auth';
import { formToXml, parseFormXml, type FormValues } from './formdata';
import type { Party } from './parties';
import { instanceLinks, newDataElement, type Store } from './store';
import type { CloudEvent, DataElement, Instance, InstanceEvent, InstanceRecord, PlatformUser, ProcessElementInfo } from './types';
import { isoTime, newGuid, nowMs } from './util';

export function platformUser(p: Principal | undefined): PlatformUser {
  if (!p) return { authenticationLevel: 0 };
  if (p.kind === 'user') return { userId: p.userId, authenticationLevel: p.authLevel };
  if (p.kind === 'org') return { orgId: p.org, authenticationLevel: p.authLevel };
  return { authenticationLevel: p.authLevel };
}

export function taskInfo(task: TaskDef, flow: number, now: string, flowType = 'CompleteCurrentMoveToNext'): ProcessElementInfo {
  return { flow, started: now, elementId: task.id, name: task.name, altinnTaskType: task.type, flowType };
}

export function addInstanceEvent(rec: InstanceRecord, eventType: string, p: Principal | undefined, now: string,
  dataId?: string): void {
  const w = rec.wire;
  const ev: InstanceEvent = {
    id: newGuid(),
    instanceId: w.id,
    dataId,
    created: now,
    eventType,
    instanceOwnerPartyId: w.instanceOwner.partyId,
    user: platformUser(p),
    processInfo: w.process ? JSON.parse(JSON.stringify(w.process)) as Instance['process'] : undefined,
  };
  rec.events.push(ev);
}

/** CloudEvent as the Events API returns it (docs/altinn-behaviour.md §4). */
export function emitCloudEvent(store: Store, w: Instance, type: string, now: string): void {
  const [org, app] = w.appId.split('/');
  const alt = w.instanceOwner.personNumber
    ? `/person/${w.instanceOwner.personNumber}`
    : w.instanceOwner.organisationNumber ? `/org/${w.instanceOwner.organisationNumber}` : undefined;
  const ev: CloudEvent = {
    id: newGuid(),
    source: `${store.baseUrl}/${w.appId}/instances/${w.id}`,
    specversion: '1.0',
    type,
    subject: `/party/${w.instanceOwner.partyId}`,
    time: now,
    alternativesubject: alt,
    resource: `urn:altinn:resource:app_${org}_${app}`,
    resourceinstance: w.id,
  };
  store.addEvent(w.appId, ev);
}

export function ownerOf(party: Party): Instance['instanceOwner'] {
  return {
    partyId: String(party.partyId),
    personNumber: party.ssn,
    organisationNumber: party.ssn ? undefined : party.orgNumber,
  };
}

export interface NewInstanceOptions {
  dueBefore?: string;
  visibleAfter?: string;
  /** Initial values for form models, by data type id (prefill / multipart form parts). */
  forms?: Record<string, FormValues>;
  /** Binary parts of a multipart create. */
  files?: Array<{ dataType: string; contentType: string; filename?: string; body: Buffer }>;
}

/** Creates, starts and stores a new instance the way an app instantiates (docs/altinn-behaviour.md §1.2). */
export function createInstance(store: Store, app: AppDef, party: Party, p: Principal, opts: NewInstanceOptions): InstanceRecord {
  const ms = nowMs();
  const now = isoTime(ms);
  const guid = newGuid();
  const id = `${party.partyId}/${guid}`;
  const actor = actorId(p);
  const w: Instance = {
    id,
    instanceOwner: ownerOf(party),
    appId: app.id,
    org: app.org,
    selfLinks: instanceLinks(store.baseUrl, { appId: app.id, id }),
    dueBefore: opts.dueBefore,
    visibleAfter: opts.visibleAfter ?? now,
    status: { isArchived: false, isSoftDeleted: false, isHardDeleted: false, readStatus: p.kind === 'user' ? 'Read' : 'Unread' },
    data: [],
    created: now,
    createdBy: actor,
    lastChanged: now,
    lastChangedBy: actor,
  };
  const rec: InstanceRecord = { seq: store.allocateSeq(), lastChangedMs: ms, wire: w, events: [], history: [] };
  addInstanceEvent(rec, 'Created', p, now);
  w.process = { started: now, startEvent: 'StartEvent_1', currentTask: taskInfo(app.tasks[0], 2, now) };
  rec.history.push({ eventType: 'process_StartEvent', elementId: 'StartEvent_1', occured: now, started: now, performedBy: actor });
  rec.history.push({ eventType: 'process_StartTask', elementId: app.tasks[0].id, occured: now, started: now, performedBy: actor });
  addInstanceEvent(rec, 'process_StartEvent', p, now);
  addInstanceEvent(rec, 'process_StartTask', p, now);
  for (const model of app.models) {
    const el = writeNewForm(store, w, model, opts.forms?.[model.dataType] ?? {}, now, actor);
    w.data.push(el);
    applyPresentationFields(app, w, model, opts.forms?.[model.dataType] ?? {});
  }
  for (const f of opts.files ?? []) {
    const dataId = newGuid();
    w.data.push(newDataElement(store.baseUrl, w, dataId, f.dataType,
      { filename: f.filename, contentType: f.contentType, size: f.body.length, now, actor }));
    store.setBlob(dataId, { kind: 'buffer', data: f.body });
  }
  store.insert(rec);
  store.stats.instancesCreated++;
  emitCloudEvent(store, w, 'app.instance.created', now);
  emitCloudEvent(store, w, `app.instance.process.movedTo.${app.tasks[0].id}`, now);
  return rec;
}

function writeNewForm(store: Store, w: Instance, model: FormModelDef, values: FormValues, now: string, actor?: string): DataElement {
  const dataId = newGuid();
  const xml = Buffer.from(formToXml(model, values), 'utf8');
  store.setBlob(dataId, { kind: 'buffer', data: xml });
  return newDataElement(store.baseUrl, w, dataId, model.dataType, { contentType: 'application/xml', size: xml.length, now, actor });
}

/** Current values of a form data element (an element without a stored blob is an empty model). */
export function readForm(store: Store, model: FormModelDef, dataId: string): FormValues {
  const b = store.blobs.get(dataId);
  if (!b || b.kind !== 'buffer') return {};
  return parseFormXml(model, b.data.toString('utf8'));
}

/** Stores new form values as XML and updates the element and the instance's presentation texts / data values. */
export function saveForm(store: Store, app: AppDef, w: Instance, el: DataElement, values: FormValues, now: string,
  actor: string): void {
  const model = modelOf(app, el.dataType);
  if (!model) return;
  const xml = Buffer.from(formToXml(model, values), 'utf8');
  store.setBlob(el.id, { kind: 'buffer', data: xml });
  el.size = xml.length;
  el.lastChanged = now;
  el.lastChangedBy = actor;
  applyPresentationFields(app, w, model, values);
}

/** The app copies `presentationFields` / `dataFields` into the instance on save (docs/altinn-behaviour.md §1.2). */
function applyPresentationFields(app: AppDef, w: Instance, model: FormModelDef, values: FormValues): void {
  const apply = (field: { id: string; dataTypeId: string } | undefined, key: 'presentationTexts' | 'dataValues') => {
    if (!field || field.dataTypeId !== model.dataType) return;
    const v = values[field.id];
    const map = { ...(w[key] ?? {}) };
    if (v === null || v === undefined || v === '') delete map[field.id];
    else map[field.id] = String(v);
    w[key] = Object.keys(map).length > 0 ? map : undefined;
  };
  apply(app.presentationField, 'presentationTexts');
  apply(app.dataField, 'dataValues');
}

/** An archived or deleted instance refuses data changes (docs/altinn-behaviour.md §1.3 "Instance Not Active"). */
export function isActive(w: Instance): boolean {
  return !w.status.isArchived && !w.status.isSoftDeleted && !w.status.isHardDeleted;
}

/** Seeded form elements get their (empty model) XML only when first read, which keeps big seeds cheap. */
export function ensureFormBlob(store: Store, app: AppDef | undefined, el: DataElement): void {
  if (store.blobs.has(el.id) || !app) return;
  const model = modelOf(app, el.dataType);
  if (model) store.setBlob(el.id, { kind: 'buffer', data: Buffer.from(formToXml(model, {}), 'utf8') });
}
