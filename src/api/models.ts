// Typed shapes of what Altinn sends (docs/altinn-behaviour.md §1, §2.4, §4, §7). Storage (Newtonsoft) omits
// nulls and writes enums as strings; the App API (System.Text.Json) writes nulls and `readStatus`
// as an int. `Instance` is the one normalized form the rest of the product uses.

export type ReadStatus = 'Unread' | 'Read' | 'UpdatedSinceLastReview';
export type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  traceId?: string;
  validationIssues?: ValidationIssue[];
  uploadValidationIssues?: ValidationIssue[];
  [extension: string]: unknown;
}

/** 0 Unspecified, 1 Error, 2 Warning, 3 Informational, 4 Fixed, 5 Success. */
export type ValidationSeverity = 0 | 1 | 2 | 3 | 4 | 5;

export interface ValidationIssue {
  severity: ValidationSeverity;
  code?: string;
  description?: string;
  field?: string;
  dataElementId?: string;
  source?: string;
  noIncrementalUpdates?: boolean;
  customTextKey?: string;
  customTextParams?: string[];
  customTextParameters?: Record<string, string>;
}

export interface LocalizedText {
  [language: string]: string;
}

export interface SelfLinks {
  apps?: string;
  platform?: string;
}

export interface Party {
  partyId: number;
  partyUuid?: string;
  /** 1 person, 2 organisation, 3 self-identified, 4 sub-unit, 5 bankruptcy estate */
  partyTypeName?: number;
  ssn?: string;
  orgNumber?: string;
  unitType?: string;
  name?: string;
  isDeleted?: boolean;
  childParties?: Party[];
  onlyHierarchyElementWithNoAccess?: boolean;
}

export interface InstanceOwner {
  /** A string, as Storage writes it. */
  partyId: string;
  personNumber?: string;
  organisationNumber?: string;
  username?: string;
  externalIdentifier?: string;
  /** Only in App API responses. */
  party?: Party;
}

export interface ValidationStatus {
  timestamp?: string;
  canCompleteTask?: boolean;
}

export interface ProcessElementInfo {
  flow?: number;
  started?: string;
  elementId: string;
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

export interface UserAction {
  id: string;
  authorized: boolean;
  /** A string at runtime (docs/altinn-behaviour.md §6), an int enum in the swagger. */
  type?: 'ProcessAction' | 'ServerAction' | number;
}

export interface AppProcessElementInfo extends ProcessElementInfo {
  actions?: Record<string, boolean>;
  userActions?: UserAction[];
  read?: boolean;
  write?: boolean;
  elementType?: string;
}

export interface AppProcessTaskTypeInfo {
  altinnTaskType?: string;
  elementId: string;
  elementType?: string;
}

export interface AppProcessState extends Omit<ProcessState, 'currentTask'> {
  currentTask?: AppProcessElementInfo;
  processTasks?: AppProcessTaskTypeInfo[];
}

export interface ProcessHistoryItem {
  eventType: string;
  elementId?: string;
  occured?: string;
  started?: string;
  ended?: string;
  performedBy?: string;
}

export interface ProcessHistory {
  processHistory: ProcessHistoryItem[];
}

export interface Substatus {
  label?: string;
  description?: string;
}

export interface InstanceStatus {
  isArchived?: boolean;
  archived?: string;
  isSoftDeleted?: boolean;
  softDeleted?: string;
  isHardDeleted?: boolean;
  hardDeleted?: string;
  readStatus?: ReadStatus;
  substatus?: Substatus;
}

export interface CompleteConfirmation {
  stakeholderId: string;
  confirmedOn: string;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface DataElementReference {
  value: string;
  relation?: string;
  valueType?: string;
}

export interface DataElement {
  id: string;
  instanceGuid?: string;
  dataType: string;
  filename?: string;
  contentType?: string;
  blobStoragePath?: string;
  selfLinks?: SelfLinks;
  size?: number;
  contentHash?: string;
  locked?: boolean;
  refs?: string[];
  isRead?: boolean;
  tags?: string[];
  userDefinedMetadata?: KeyValue[];
  metadata?: KeyValue[];
  deleteStatus?: { isHardDeleted?: boolean; hardDeleted?: string };
  fileScanResult?: 'NotApplicable' | 'Pending' | 'Clean' | 'Infected';
  references?: DataElementReference[];
  created?: string;
  createdBy?: string;
  lastChanged?: string;
  lastChangedBy?: string;
}

/** The normalized instance: Storage's shape, nulls removed, `readStatus` as a name. */
export interface Instance {
  id: string;
  instanceOwner: InstanceOwner;
  appId: string;
  org: string;
  selfLinks?: SelfLinks;
  dueBefore?: string;
  visibleAfter?: string;
  process?: ProcessState;
  status?: InstanceStatus;
  completeConfirmations?: CompleteConfirmation[];
  data?: DataElement[];
  presentationTexts?: Record<string, string>;
  dataValues?: Record<string, string>;
  created?: string;
  createdBy?: string;
  lastChanged?: string;
  lastChangedBy?: string;
}

/** Storage wire form (docs/altinn-behaviour.md §2): nulls omitted, `readStatus` a string, `partyId` a string. */
export type StorageInstance = Instance;

/** App API wire form (docs/altinn-behaviour.md §1.2, sample InstancesController_GetTests.ReturnsOkResult_Raw): nulls present, `readStatus` 0|1|2. */
export interface AppInstance
  extends Nullable<Omit<Instance, 'id' | 'appId' | 'org' | 'instanceOwner' | 'status' | 'data'>> {
  id: string;
  appId: string;
  org: string;
  instanceOwner: Nullable<Omit<InstanceOwner, 'partyId' | 'party'>> & { partyId: string | number; party?: Nullable<Party> | null };
  status: (Nullable<Omit<InstanceStatus, 'readStatus'>> & { readStatus?: 0 | 1 | 2 | ReadStatus | null }) | null;
  data: Nullable<DataElement>[] | null;
}

export interface QueryResponse {
  count: number;
  self?: string;
  next?: string;
  instances: Instance[];
}

export interface SimpleInstance {
  id: string;
  presentationTexts?: Record<string, string>;
  dueBefore?: string;
  lastChanged?: string;
  lastChangedBy?: string;
}

export interface InstanceEvent {
  id?: string;
  instanceId?: string;
  dataId?: string;
  created?: string;
  eventType: string;
  instanceOwnerPartyId?: string;
  user?: {
    userId?: number;
    orgId?: string;
    authenticationLevel?: number;
    endUserSystemId?: number;
    nationalIdentityNumber?: string;
    systemUserId?: string;
    systemUserOwnerOrgNo?: string;
    systemUserName?: string;
  };
  relatedUser?: unknown;
  processInfo?: ProcessState;
  additionalInfo?: unknown;
}

export interface DataPostResponse {
  newDataElementId: string;
  instance: Instance;
  validationIssues?: { source: string; issues: ValidationIssue[] }[];
  newDataModels?: { dataElementId: string; data: unknown }[];
}

export interface DataDeleteResponse {
  instance?: Instance;
  validationIssues?: { source: string; issues: ValidationIssue[] }[];
}

export type * from './app-models';
