// The fixed seed applications (README.md, "Fixed seed"): metadata, form models, process and texts.

export type TaskType = 'data' | 'confirmation' | 'signing';

export interface TaskDef {
  id: string;
  name: string;
  type: TaskType;
  /** Actions the BPMN allows on the task; `reject` abandons it and goes back to the previous task. */
  actions: string[];
}

export interface FieldDef {
  name: string;
  type: 'string' | 'number';
  required?: boolean;
}

export interface FormModelDef {
  dataType: string;
  root: string;
  classRef: string;
  fields: FieldDef[];
}

export interface DataTypeDef {
  id: string;
  allowedContentTypes: string[] | null;
  taskId: string | null;
  maxSize: number | null;
  maxCount: number;
  minCount: number;
  classRef?: string;
}

export interface AppDef {
  id: string;
  org: string;
  app: string;
  title: Record<string, string>;
  dataTypes: DataTypeDef[];
  models: FormModelDef[];
  tasks: TaskDef[];
  partyTypesAllowed: { bankruptcyEstate: boolean; organisation: boolean; person: boolean; subUnit: boolean };
  presentationField?: { id: string; dataTypeId: string };
  dataField?: { id: string; dataTypeId: string };
  texts: Record<string, Record<string, string>>;
  /**
   * The app-lib version the app is built with, as applicationmetadata reports it; it decides which App API
   * routes and error shapes the app has (app-versions.ts). ttd/income-report is on v8.3.8, before
   * `POST data/{dataType}` (v8.5.0) and the `type/` aliases (v8.6.0); the others are current.
   */
  altinnNugetVersion: string;
  /** `disallowUserInstantiation` in applicationmetadata: only a service owner may instantiate, on a Production host (emulator option productionHost). */
  disallowUserInstantiation?: boolean;
}

/** The newest stable app-lib release in Altinn/app-lib-dotnet's tags when the seed was set (v8.12.7). */
export const CURRENT_APP_LIB = '8.12.7.0';
/** An app-lib 8 release before `POST data/{dataType}`: Altinn/app-lib-dotnet tag v8.3.8 (there is no v8.4.x). */
export const OLD_APP_LIB = '8.3.8.0';

export interface OrgDef {
  org: string;
  orgNumber: string;
  name: Record<string, string>;
}

export const ORGS: OrgDef[] = [
  { org: 'ttd', orgNumber: '405003309', name: { nb: 'Testdepartementet', en: 'Test Ministry' } },
  { org: 'digdir', orgNumber: '991825827', name: { nb: 'Digitaliseringsdirektoratet', en: 'Norwegian Digitalisation Agency' } },
];

const ALL_PARTY_TYPES = { bankruptcyEstate: false, organisation: false, person: false, subUnit: false };

function commonTexts(appName: Record<string, string>): Record<string, Record<string, string>> {
  return {
    nb: { appName: appName.nb, 'next': 'Neste', 'confirm': 'Bekreft', 'sign': 'Signer', 'reject': 'Avvis' },
    en: { appName: appName.en, 'next': 'Next', 'confirm': 'Confirm', 'sign': 'Sign', 'reject': 'Reject' },
  };
}

const buildingPermitTitle = { nb: 'Byggesøknad', en: 'Building permit' };
const incomeReportTitle = { nb: 'Inntektsrapport', en: 'Income report' };
const photoContestTitle = { nb: 'Fotokonkurranse', en: 'Photo contest' };
const simpleFormTitle = { nb: 'Enkelt skjema', en: 'Simple form' };

export const APPS: AppDef[] = [
  {
    id: 'ttd/building-permit', org: 'ttd', app: 'building-permit', altinnNugetVersion: CURRENT_APP_LIB, title: buildingPermitTitle,
    dataTypes: [
      { id: 'model', allowedContentTypes: ['application/xml'], taskId: 'Task_1', maxSize: null, maxCount: 1, minCount: 1,
        classRef: 'Altinn.App.Models.BuildingPermit' },
      { id: 'drawing', allowedContentTypes: ['application/pdf', 'image/png'], taskId: 'Task_1', maxSize: 10, maxCount: 5, minCount: 0 },
    ],
    models: [{ dataType: 'model', root: 'BuildingPermit', classRef: 'Altinn.App.Models.BuildingPermit', fields: [
      { name: 'applicant', type: 'string', required: true },
      { name: 'address', type: 'string' },
      { name: 'areaSquareMeters', type: 'number' },
    ] }],
    tasks: [
      { id: 'Task_1', name: 'Utfylling', type: 'data', actions: ['write'] },
      { id: 'Task_2', name: 'Bekreftelse', type: 'confirmation', actions: ['confirm'] },
    ],
    partyTypesAllowed: ALL_PARTY_TYPES,
    presentationField: { id: 'applicant', dataTypeId: 'model' },
    dataField: { id: 'areaSquareMeters', dataTypeId: 'model' },
    texts: commonTexts(buildingPermitTitle),
  },
  {
    id: 'ttd/income-report', org: 'ttd', app: 'income-report', altinnNugetVersion: OLD_APP_LIB, title: incomeReportTitle,
    dataTypes: [
      { id: 'report', allowedContentTypes: ['application/xml'], taskId: 'Task_1', maxSize: null, maxCount: 1, minCount: 1,
        classRef: 'Altinn.App.Models.IncomeReport' },
      { id: 'metadata', allowedContentTypes: ['application/json'], taskId: 'Task_1', maxSize: 1, maxCount: 1, minCount: 0 },
    ],
    models: [{ dataType: 'report', root: 'IncomeReport', classRef: 'Altinn.App.Models.IncomeReport', fields: [
      { name: 'employer', type: 'string' },
      { name: 'year', type: 'number' },
      { name: 'income', type: 'number' },
    ] }],
    tasks: [
      { id: 'Task_1', name: 'Utfylling', type: 'data', actions: ['write'] },
      { id: 'Task_2', name: 'Signering', type: 'signing', actions: ['sign', 'reject'] },
    ],
    partyTypesAllowed: ALL_PARTY_TYPES,
    presentationField: { id: 'employer', dataTypeId: 'report' },
    texts: commonTexts(incomeReportTitle),
  },
  {
    id: 'digdir/photo-contest', org: 'digdir', app: 'photo-contest', altinnNugetVersion: CURRENT_APP_LIB, title: photoContestTitle,
    dataTypes: [
      { id: 'photo', allowedContentTypes: ['image/png'], taskId: 'Task_1', maxSize: 2, maxCount: 3, minCount: 0 },
    ],
    models: [],
    tasks: [{ id: 'Task_1', name: 'Innsending', type: 'data', actions: ['write'] }],
    partyTypesAllowed: { bankruptcyEstate: false, organisation: false, person: true, subUnit: false },
    texts: commonTexts(photoContestTitle),
  },
  {
    id: 'digdir/simple-form', org: 'digdir', app: 'simple-form', altinnNugetVersion: CURRENT_APP_LIB, title: simpleFormTitle,
    dataTypes: [
      { id: 'form', allowedContentTypes: ['application/xml'], taskId: 'Task_1', maxSize: null, maxCount: 1, minCount: 1,
        classRef: 'Altinn.App.Models.SimpleForm' },
    ],
    models: [{ dataType: 'form', root: 'SimpleForm', classRef: 'Altinn.App.Models.SimpleForm', fields: [
      { name: 'name', type: 'string' },
      { name: 'email', type: 'string' },
      { name: 'message', type: 'string' },
    ] }],
    tasks: [{ id: 'Task_1', name: 'Utfylling', type: 'data', actions: ['write'] }],
    partyTypesAllowed: ALL_PARTY_TYPES,
    presentationField: { id: 'name', dataTypeId: 'form' },
    texts: commonTexts(simpleFormTitle),
  },
];

/** Per-data-type changes for one emulator, by app id: `{ 'ttd/building-permit': [{ id: 'drawing', maxSize: null }] }`. */
export type DataTypeOverrides = Record<string, Array<{ id: string } & Partial<Omit<DataTypeDef, 'id'>>>>;

/**
 * The apps one emulator serves: the fixed seed apps, copied so that an emulator's data type overrides
 * (e.g. a bench lifting `maxSize`, or adding a type) never leak into another emulator in the same process.
 * `extra` apps (e.g. the recorded apps of test/emulator/recordings) are served beside them; an extra app
 * with a seed app's id replaces it.
 */
export class AppCatalog {
  private readonly byId: Map<string, AppDef>;
  readonly all: AppDef[];

  constructor(overrides: DataTypeOverrides = {}, extra: AppDef[] = []) {
    const extraIds = new Set(extra.map((a) => a.id));
    this.all = structuredClone([...APPS.filter((a) => !extraIds.has(a.id)), ...extra]);
    for (const app of this.all) {
      for (const o of overrides[app.id] ?? []) {
        const existing = app.dataTypes.find((d) => d.id === o.id);
        if (existing) Object.assign(existing, o);
        else app.dataTypes.push({ allowedContentTypes: null, taskId: null, maxSize: null, maxCount: 99, minCount: 0, ...o });
      }
    }
    this.byId = new Map(this.all.map((a) => [a.id, a]));
  }

  find(org: string, app: string): AppDef | undefined {
    return this.byId.get(`${org}/${app}`);
  }

  byAppId(appId: string): AppDef | undefined {
    return this.byId.get(appId);
  }
}

export function findOrg(org: string): OrgDef | undefined {
  return ORGS.find((o) => o.org === org);
}

export function findOrgByNumber(orgNumber: string): OrgDef | undefined {
  return ORGS.find((o) => o.orgNumber === orgNumber);
}

export function dataTypeOf(app: AppDef, id: string): DataTypeDef | undefined {
  return app.dataTypes.find((d) => d.id === id);
}

export function modelOf(app: AppDef, dataType: string): FormModelDef | undefined {
  return app.models.find((m) => m.dataType === dataType);
}

export function taskOf(app: AppDef, taskId: string | undefined): TaskDef | undefined {
  return taskId === undefined ? undefined : app.tasks.find((t) => t.id === taskId);
}

/** The action `process/next` checks when none is given (docs/altinn-behaviour.md §1.4, ConvertTaskTypeToAction). */
export function defaultActionFor(type: TaskType): string {
  return type === 'confirmation' ? 'confirm' : type === 'signing' ? 'sign' : 'write';
}

const SEED_DATE = '2024-01-15T08:00:00Z';

/** Application metadata with explicit nulls, as the App API (System.Text.Json) writes it. */
export function applicationMetadata(app: AppDef): Record<string, unknown> {
  return {
    id: app.id,
    versionId: null,
    org: app.org,
    title: app.title,
    validFrom: null,
    validTo: null,
    processId: null,
    dataTypes: app.dataTypes.map((d) => ({
      id: d.id,
      description: null,
      allowedContentTypes: d.allowedContentTypes,
      allowedContributers: null,
      allowedContributors: null,
      actionRequiredToRead: null,
      actionRequiredToWrite: null,
      appLogic: d.classRef
        ? { autoCreate: true, classRef: d.classRef, schemaRef: null, allowAnonymousOnStateless: false,
          autoDeleteOnProcessEnd: false, disallowUserCreate: false, disallowUserDelete: false, shadowFields: null }
        : null,
      taskId: d.taskId,
      maxSize: d.maxSize,
      maxCount: d.maxCount,
      minCount: d.minCount,
      grouping: null,
      enablePdfCreation: d.classRef !== undefined,
      enableFileScan: false,
      validationErrorOnPendingFileScan: false,
      enabledFileAnalysers: [],
      enabledFileValidators: [],
      allowedKeysForUserDefinedMetadata: null,
    })),
    partyTypesAllowed: app.partyTypesAllowed,
    autoDeleteOnProcessEnd: false,
    preventInstanceDeletionForDays: null,
    presentationFields: app.presentationField
      ? [{ id: app.presentationField.id, path: app.presentationField.id, dataTypeId: app.presentationField.dataTypeId }]
      : null,
    dataFields: app.dataField
      ? [{ id: app.dataField.id, path: app.dataField.id, dataTypeId: app.dataField.dataTypeId }]
      : null,
    eFormidling: null,
    onEntry: { show: 'new-instance', instanceSelection: null },
    messageBoxConfig: null,
    copyInstanceSettings: null,
    storageAccountNumber: null,
    disallowUserInstantiation: app.disallowUserInstantiation ?? false,
    created: SEED_DATE,
    createdBy: 'emulator',
    lastChanged: SEED_DATE,
    lastChangedBy: 'emulator',
    features: {},
    logo: null,
    altinnNugetVersion: app.altinnNugetVersion,
    externalApiIds: null,
  };
}

const APP_ONLY_METADATA = ['features', 'logo', 'altinnNugetVersion', 'externalApiIds'];

/** The Storage `Application` of an app: the same document without App-only members and without nulls. */
export function storageApplication(app: AppDef): Record<string, unknown> {
  const meta = applicationMetadata(app);
  for (const k of APP_ONLY_METADATA) delete meta[k];
  (meta.onEntry as Record<string, unknown>) = { show: 'new-instance' };
  return stripNulls(meta) as Record<string, unknown>;
}

export function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
    return out;
  }
  return v;
}
