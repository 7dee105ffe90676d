// Application metadata, text resources and CloudEvents (docs/altinn-behaviour.md §1.1, §2.4, §4).
import type { LocalizedText } from './models';

export interface CloudEvent {
  id: string;
  source: string;
  specversion: string;
  type: string;
  subject?: string;
  time?: string;
  alternativesubject?: string;
  resource?: string;
  resourceinstance?: string;
  datacontenttype?: string;
  data?: unknown;
  [extension: string]: unknown;
}

export interface AppLogic {
  autoCreate?: boolean;
  classRef?: string;
  schemaRef?: string;
  allowAnonymousOnStateless?: boolean;
  autoDeleteOnProcessEnd?: boolean;
  disallowUserCreate?: boolean;
  disallowUserDelete?: boolean;
  shadowFields?: { prefix?: string; saveToDataType?: string };
}

export interface DataType {
  id: string;
  description?: LocalizedText;
  allowedContentTypes?: string[];
  allowedContributers?: string[];
  allowedContributors?: string[];
  actionRequiredToRead?: string;
  actionRequiredToWrite?: string;
  appLogic?: AppLogic;
  taskId?: string;
  /** Megabytes. */
  maxSize?: number;
  maxCount?: number;
  minCount?: number;
  grouping?: string;
  enablePdfCreation?: boolean;
  enableFileScan?: boolean;
  validationErrorOnPendingFileScan?: boolean;
  enabledFileAnalysers?: string[];
  enabledFileValidators?: string[];
  allowedKeysForUserDefinedMetadata?: string[];
}

export interface PartyTypesAllowed {
  bankruptcyEstate?: boolean;
  organisation?: boolean;
  person?: boolean;
  subUnit?: boolean;
}

export interface DataField {
  id: string;
  path: string;
  dataTypeId?: string;
}

export interface Application {
  id: string;
  versionId?: string;
  org: string;
  title?: LocalizedText;
  validFrom?: string;
  validTo?: string;
  processId?: string;
  dataTypes: DataType[];
  partyTypesAllowed?: PartyTypesAllowed;
  autoDeleteOnProcessEnd?: boolean;
  preventInstanceDeletionForDays?: number;
  presentationFields?: DataField[];
  dataFields?: DataField[];
  onEntry?: { show?: string; instanceSelection?: unknown };
  copyInstanceSettings?: { enabled?: boolean; excludedDataTypes?: string[]; excludedDataFields?: string[]; includeAttachments?: boolean };
  disallowUserInstantiation?: boolean;
  description?: LocalizedText;
  created?: string;
  createdBy?: string;
  lastChanged?: string;
  lastChangedBy?: string;
  [more: string]: unknown;
}

/** App API `applicationmetadata`: the Storage application plus app-only fields. */
export interface ApplicationMetadata extends Application {
  features?: Record<string, boolean>;
  logo?: unknown;
  altinnNugetVersion?: string;
  externalApiIds?: string[];
}

export interface TextResource {
  id: string;
  value: string;
  [more: string]: unknown;
}

export interface TextResources {
  language?: string;
  resources: TextResource[];
  [more: string]: unknown;
}
