// The only places where the emulator may answer differently from the OpenAPI documents: the runtime
// differences that docs/altinn-behaviour.md records, each by name and section. Schema differences are
// applied as patches to a second, "runtime" copy of the schemas; a response must validate against that
// copy, and every error the unpatched spec reports must be explained by one of these entries.
import type { ErrorObject } from 'ajv';
import type { OperationRef } from './conformance-operations';
import { allowNull, convertSchema, readSpecDocument, type ApiName, type JsonSchema, type SchemaPatch } from './openapi-schemas';

export type DifferenceId =
  | 'dataPostAnswers200'
  | 'userActionTypeIsString'
  | 'appWritesNullForRefMembers'
  | 'dataDeleteAnswersDeleteResponse'
  | 'storageModelsNewerThanDocsSpec'
  | 'cloudEventsAsStructuredJson'
  | 'plainStringErrors'
  | 'problemJsonMediaType'
  | 'emptyAuthErrors';

export interface RuntimeDifference {
  /** What differs, in words. */
  name: string;
  /** Where docs/altinn-behaviour.md (or a sample) records it. */
  source: string;
  /** Schema changes, per API, that make the runtime shape valid. */
  patches?: Partial<Record<ApiName, SchemaPatch>>;
  /**
   * Whether one error of the unpatched spec, for this operation, is this difference. `component` names
   * the component whose root schema raised the error (undefined for an inline schema).
   */
  explains?(error: ErrorObject, op: OperationRef, component: string | undefined): boolean;
  /** For a status the runtime answers instead of the annotated one: which, for which operation. */
  runtimeStatus?: { method: string; path: string; actual: number; annotated: number };
  /** For a difference confined to one operation's success body: the runtime schema used instead. */
  runtimeResponse?: { method: string; path: string; schema: JsonSchema };
}

const INSTANCE = '/{org}/{app}/instances/{instanceOwnerPartyId}/{instanceGuid}';
const DATA_ELEMENT = `${INSTANCE}/data/{dataGuid}`;
const APP_DOC_ONLY_MEMBERS = new Set(['features', 'logo', 'altinnNugetVersion', 'externalApiIds']);
/** Storage components whose newer members are known from the App document (same Storage.Interface classes). */
const STORAGE_TWINS: Record<string, string> = { Application: 'ApplicationMetadata' };
const STORAGE_ONLY_ADDITIONS: Record<string, Record<string, JsonSchema>> = {
  // docs/altinn-behaviour.md §2.4 InstanceEvent and PlatformUser members.
  InstanceEvent: { relatedUser: { $ref: 'openapi:storage#/definitions/PlatformUser' }, additionalInfo: {} },
  PlatformUser: {
    nationalIdentityNumber: { type: 'string' },
    systemUserId: { type: 'string' },
    systemUserOwnerOrgNo: { type: 'string' },
    systemUserName: { type: 'string' },
  },
};

/** Members added to each Storage component by `storageModelsNewerThanDocsSpec`, filled when patching. */
const addedStorageMembers = new Map<string, Set<string>>();

function isBareRef(s: unknown): s is { $ref: string } {
  return typeof s === 'object' && s !== null && Object.keys(s).length === 1 && '$ref' in s;
}

export const KNOWN_RUNTIME_DIFFERENCES: Record<DifferenceId, RuntimeDifference> = {
  dataPostAnswers200: {
    name: 'POST data/{dataType} answers 200 not 201',
    source: 'docs/altinn-behaviour.md §1.3 and §6; sample BasicAppTests.DataUpload_filenameQuoted=True_useNewEndpoint=True',
    runtimeStatus: { method: 'POST', path: `${INSTANCE}/data/type/{dataType}`, actual: 200, annotated: 201 },
  },
  userActionTypeIsString: {
    name: 'UserAction.type is a string ("ProcessAction"|"ServerAction"), not the int enum of the spec',
    source: 'docs/altinn-behaviour.md §1.4 (AppProcessState) and §6',
    patches: {
      app: (defs) => {
        defs.ActionType = { type: 'string', enum: ['ProcessAction', 'ServerAction'] };
      },
    },
    explains: (e, op, component) => op.api === 'app' && component === 'ActionType' && typeof e.data === 'string',
  },
  appWritesNullForRefMembers: {
    name: 'App API writes null for absent members the spec types by a bare $ref (substatus, validated, deleteStatus, …)',
    source: 'docs/altinn-behaviour.md §2 (System.Text.Json emits nulls); sample InstancesController_GetTests.ReturnsOkResult_Raw',
    patches: {
      app: (defs) => {
        // Only references to object components: enums (ReadStatus, PartyType, …) are .NET value types, never null.
        const isObjectRef = (v: JsonSchema) => isBareRef(v) && defs[v.$ref.replace(/^.*\//, '')]?.properties !== undefined;
        for (const def of Object.values(defs)) {
          const props = def.properties as Record<string, JsonSchema> | undefined;
          for (const [k, v] of Object.entries(props ?? {})) if (isObjectRef(v)) props![k] = allowNull(v);
        }
      },
    },
    // The error sits at the root of a referenced object component, not at an inline (nullable-less) member.
    explains: (e, op, component) =>
      op.api === 'app' &&
      e.data === null &&
      e.keyword === 'type' &&
      component !== undefined &&
      typeof e.parentSchema === 'object' &&
      'properties' in e.parentSchema,
  },
  dataDeleteAnswersDeleteResponse: {
    name: 'DELETE data answers {instance, validationIssues, newDataModels} (DataDeleteResponse), not the DataPostResponse the spec annotates (no newDataElementId)',
    source: 'docs/altinn-behaviour.md §1.3 (DELETE {inst}/data/{dataGuid} row); ALD DataController.Delete returns DataDeleteResponse',
    patches: {
      app: (defs) => {
        const post = defs.DataPostResponse as { properties: Record<string, JsonSchema>; required: string[] };
        const { newDataElementId: _omitted, ...properties } = post.properties;
        defs.DataDeleteResponse = { ...post, properties, required: post.required.filter((r) => r !== 'newDataElementId') };
      },
    },
    runtimeResponse: { method: 'DELETE', path: DATA_ELEMENT, schema: { $ref: 'openapi:app#/definitions/DataDeleteResponse' } },
    explains: (e, op, component) =>
      op.method === 'DELETE' &&
      op.path === DATA_ELEMENT &&
      component === 'DataPostResponse' &&
      e.keyword === 'required' &&
      e.params.missingProperty === 'newDataElementId',
  },
  storageModelsNewerThanDocsSpec: {
    name: 'Storage models carry members the docs-site Storage spec predates (DataElement fileScanResult/contentHash/references, DataType and Application newer members, ProcessHistoryItem.performedBy, InstanceEvent/PlatformUser members)',
    source: 'docs/altinn-behaviour.md §2.4 (models read from STO Storage.Interface) and §6 (Storage spec is the docs-site copy); §1.4 history performedBy',
    patches: { storage: patchStorageWithNewerMembers },
    explains: (e, op, component) =>
      op.api === 'storage' &&
      e.keyword === 'additionalProperties' &&
      component !== undefined &&
      (addedStorageMembers.get(component)?.has(String(e.params.additionalProperty)) ?? false),
  },
  cloudEventsAsStructuredJson: {
    name: 'Events are CloudEvents structured JSON (specversion, resource, resourceinstance, alternativesubject), not the SDK object model the Events spec shows',
    source: 'docs/altinn-behaviour.md §4 (CloudEvent); the spec\'s own CloudEvent example uses the structured form',
    patches: {
      events: (defs) => {
        defs.CloudEvent = {
          type: 'object',
          required: ['id', 'source', 'specversion', 'type'],
          properties: {
            id: { type: 'string' },
            source: { type: 'string', format: 'uri' },
            specversion: { const: '1.0' },
            type: { type: 'string' },
            subject: { type: 'string' },
            time: { type: 'string', format: 'date-time' },
            alternativesubject: { type: 'string' },
            resource: { type: 'string' },
            resourceinstance: { type: 'string' },
            datacontenttype: { type: 'string' },
            dataschema: { type: 'string', format: 'uri' },
            data: {},
          },
          additionalProperties: false,
        };
      },
    },
    explains: (e, op, component) => op.api === 'events' && component === 'CloudEvent',
  },
  plainStringErrors: {
    name: 'Errors from BadRequest/NotFound/Conflict("…") are a plain string (text/plain or a JSON string), not the ProblemDetails the spec annotates',
    source: 'docs/altinn-behaviour.md §7 and §1.2/§1.3/§2.2; sample BasicAppTests.Full_auth=User_testCase=MultipartJsonPrefill_0_Instantiation',
  },
  emptyAuthErrors: {
    name: '401 from a missing/invalid token and 403 from Forbid() have an empty body, even where the spec annotates one',
    source: 'docs/altinn-behaviour.md §7 ("bare 403 from Forbid(), 401 from missing/invalid token (empty body)")',
  },
  problemJsonMediaType: {
    name: 'ProblemDetails are served as application/problem+json where the spec lists only other media types',
    source: 'docs/altinn-behaviour.md §7 (verified)',
  },
};

function patchStorageWithNewerMembers(defs: Record<string, JsonSchema>): void {
  const app = appComponentsForPatching();
  for (const [name, def] of Object.entries(defs)) {
    const twin = app[STORAGE_TWINS[name] ?? name];
    const added: Record<string, JsonSchema> = { ...(STORAGE_ONLY_ADDITIONS[name] ?? {}) };
    const own = (def.properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, v] of Object.entries((twin?.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!(k in own) && !APP_DOC_ONLY_MEMBERS.has(k)) added[k] = v;
    }
    if (Object.keys(added).length === 0) continue;
    def.properties = { ...own, ...added };
    addedStorageMembers.set(name, new Set(Object.keys(added)));
  }
}

/** The App document's components (unpatched, App refs): the newer shape of the shared Storage classes. */
function appComponentsForPatching(): Record<string, JsonSchema> {
  const raw = readSpecDocument('app').components?.schemas ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, convertSchema(v, 'app')]));
}

/** All schema patches, per API, for the "runtime" copy of the schemas. */
export function runtimePatches(): Partial<Record<ApiName, SchemaPatch[]>> {
  const out: Partial<Record<ApiName, SchemaPatch[]>> = {};
  for (const d of Object.values(KNOWN_RUNTIME_DIFFERENCES)) {
    for (const [api, patch] of Object.entries(d.patches ?? {}) as [ApiName, SchemaPatch][]) (out[api] ??= []).push(patch);
  }
  return out;
}

/** The first known difference that explains an error of the unpatched spec, if any. */
export function explainingDifference(error: ErrorObject, op: OperationRef, component: string | undefined): DifferenceId | undefined {
  for (const [id, d] of Object.entries(KNOWN_RUNTIME_DIFFERENCES) as [DifferenceId, RuntimeDifference][]) {
    if (d.explains?.(error, op, component)) return id;
  }
  return undefined;
}

/** The status the spec annotates for what the runtime answers, and the difference that maps it. */
export function annotatedStatus(op: OperationRef, status: number): { status: number; difference?: DifferenceId } {
  for (const [id, d] of Object.entries(KNOWN_RUNTIME_DIFFERENCES) as [DifferenceId, RuntimeDifference][]) {
    const m = d.runtimeStatus;
    if (m && m.method === op.method && m.path === op.path && m.actual === status) return { status: m.annotated, difference: id };
  }
  return { status };
}

/** The runtime schema that replaces the spec's success schema of one operation, if a difference says so. */
export function runtimeResponseSchema(op: OperationRef): JsonSchema | undefined {
  return Object.values(KNOWN_RUNTIME_DIFFERENCES).find(
    (d) => d.runtimeResponse?.method === op.method && d.runtimeResponse.path === op.path,
  )?.runtimeResponse?.schema;
}
