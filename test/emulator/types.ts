// Storage-shaped records the emulator keeps. Optional members are left `undefined` (never null) so that
// JSON.stringify gives the Storage wire form directly (docs/altinn-behaviour.md §2: Newtonsoft omits nulls).

export type ReadStatus = 'Unread' | 'Read' | 'UpdatedSinceLastReview';

export interface InstanceOwner {
  partyId: string;
  personNumber?: string;
  organisationNumber?: string;
  username?: string;
  externalIdentifier?: string;
}

export interface ValidationStatus {
  timestamp?: string;
  canCompleteTask: boolean;
}

export interface ProcessElementInfo {
  flow?: number;
  started?: string;
  elementId?: string;
  name?: string;
  altinnTaskType?: string;
  ended?: string;
  validated?: ValidationStatus;
  flowType?: string;
}

export interface ProcessState {
  started?: string;
  startEvent?: string;
  currentTask?: ProcessElementInfo;
  ended?: string;
  endEvent?: string;
}

export interface Substatus {
  label?: string;
  description?: string;
}

export interface InstanceStatus {
  isArchived: boolean;
  archived?: string;
  isSoftDeleted: boolean;
  softDeleted?: string;
  isHardDeleted: boolean;
  hardDeleted?: string;
  readStatus: ReadStatus;
  substatus?: Substatus;
}

export interface CompleteConfirmation {
  stakeholderId: string;
  confirmedOn: string;
}

export interface ResourceLinks {
  apps?: string;
  platform?: string;
}

export interface DataReference {
  value: string;
  relation: 'GeneratedFrom';
  valueType: 'DataElement' | 'Task';
}

export interface DataElement {
  id: string;
  instanceGuid: string;
  dataType: string;
  filename?: string;
  contentType: string;
  blobStoragePath: string;
  selfLinks: ResourceLinks;
  size: number;
  contentHash?: string;
  locked: boolean;
  refs?: string[];
  isRead: boolean;
  tags: string[];
  fileScanResult: 'NotApplicable' | 'Pending' | 'Clean' | 'Infected';
  references?: DataReference[];
  created: string;
  createdBy?: string;
  lastChanged: string;
  lastChangedBy?: string;
}

export interface Instance {
  id: string;
  instanceOwner: InstanceOwner;
  appId: string;
  org: string;
  selfLinks: ResourceLinks;
  dueBefore?: string;
  visibleAfter?: string;
  process?: ProcessState;
  status: InstanceStatus;
  completeConfirmations?: CompleteConfirmation[];
  data: DataElement[];
  presentationTexts?: Record<string, string>;
  dataValues?: Record<string, string>;
  created: string;
  createdBy?: string;
  lastChanged: string;
  lastChangedBy?: string;
}

export interface PlatformUser {
  userId?: number;
  orgId?: string;
  authenticationLevel: number;
  nationalIdentityNumber?: string;
}

export interface InstanceEvent {
  id: string;
  instanceId: string;
  dataId?: string;
  created: string;
  eventType: string;
  instanceOwnerPartyId: string;
  user: PlatformUser;
  processInfo?: ProcessState;
}

export interface ProcessHistoryItem {
  eventType: string;
  elementId?: string;
  occured: string;
  started?: string;
  ended?: string;
  performedBy?: string;
}

export interface CloudEvent {
  id: string;
  source: string;
  specversion: '1.0';
  type: string;
  subject: string;
  time: string;
  alternativesubject?: string;
  resource: string;
  resourceinstance: string;
}

/** A blob is held in memory, generated on demand (synthetic), or spooled to a temp file (large uploads). */
export type Blob =
  | { kind: 'buffer'; data: Buffer }
  | { kind: 'synthetic'; size: number; seed: number }
  | { kind: 'file'; path: string; size: number };

/** The stored instance plus the bookkeeping that never reaches the wire. */
export interface InstanceRecord {
  /** Internal id used in continuation tokens, unique and increasing. */
  seq: number;
  lastChangedMs: number;
  wire: Instance;
  events: InstanceEvent[];
  history: ProcessHistoryItem[];
  /** Cached Storage JSON (UTF-8) of `wire`; cleared on every change. */
  storageJson?: Buffer;
  /** Index keys known without building `wire` (lazily generated seed records); shared between records. */
  readonly owner?: { appId: string; org: string; partyId: string };
  /** Slot of a generated volume record (seed-generated.ts); such records are persisted only once changed. */
  readonly generatedSlot?: { app: number; k: number };
  /** Set by the store on the first change. */
  changed?: boolean;
}
