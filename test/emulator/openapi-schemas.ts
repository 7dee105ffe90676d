// Loads the Altinn OpenAPI 3.0 documents (test/emulator/openapi) and turns their component and
// response schemas into JSON Schema that ajv 8 compiles. OpenAPI 3.0 is not JSON Schema: `nullable`
// is a separate flag, `$ref`s point into `#/components/schemas`, formats like `int32` are unknown to
// ajv, and `example`/`xml`/`discriminator` are not keywords at all. This module bridges exactly that.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type JsonSchema = { [keyword: string]: unknown };
export type ApiName = 'app' | 'appCustom' | 'storage' | 'events' | 'authentication';

/** Which file holds each API and under which URL prefix its `paths` live on the emulator. */
export const SPEC_FILES: Record<ApiName, { file: string; basePath: string }> = {
  app: { file: 'app-api.swagger.json', basePath: '' },
  // Only used for the localtest test-token endpoint, which the generic App document lacks.
  appCustom: { file: 'app-api.custom-openapi.tdd-contributer-restriction.json', basePath: '' },
  storage: { file: 'platform-storage.json', basePath: '/storage/api/v1' },
  events: { file: 'platform-events.json', basePath: '/events/api/v1' },
  authentication: { file: 'platform-authentication.json', basePath: '/authentication/api/v1' },
};

const COMPONENT_REF = '#/components/schemas/';
/** OpenAPI-only keywords with no JSON Schema meaning; their values are not schemas either. */
const DROPPED_KEYWORDS = new Set(['nullable', 'example', 'examples', 'xml', 'externalDocs', 'discriminator', 'deprecated', 'readOnly', 'writeOnly']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);

/** The ajv `$id` of one API's converted components; refs become `${schemaId(api)}#/definitions/X`. */
export function schemaId(api: string): string {
  return `openapi:${api}`;
}

/** Converts one OpenAPI 3.0 schema object to JSON Schema (draft-07 as ajv 8 reads it). */
export function convertSchema(schema: unknown, api: string): JsonSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new Error(`not a schema object: ${JSON.stringify(schema)}`);
  }
  const src = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(src)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (key === '$ref') {
      out.$ref = convertRef(value, api);
    } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, convertSchema(v, api)]));
    } else if (SCHEMA_KEYWORDS.has(key) && typeof value === 'object' && value !== null) {
      out[key] = convertSchema(value, api);
    } else if (SCHEMA_LIST_KEYWORDS.has(key)) {
      out[key] = (value as unknown[]).map((v) => convertSchema(v, api));
    } else {
      out[key] = value;
    }
  }
  return src.nullable === true ? allowNull(out) : out;
}

function convertRef(ref: unknown, api: string): string {
  if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_REF)) {
    throw new Error(`unsupported $ref ${String(ref)} (only ${COMPONENT_REF}X)`);
  }
  return `${schemaId(api)}#/definitions/${ref.slice(COMPONENT_REF.length)}`;
}

/** Makes a converted schema also accept `null`, the meaning of OpenAPI 3.0 `nullable: true`. */
export function allowNull(schema: JsonSchema): JsonSchema {
  const out = { ...schema };
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  // No `type`: a bare `{nullable: true}` already accepts anything; a `$ref` or composition needs a union.
  if (out.$ref !== undefined || out.allOf !== undefined || out.oneOf !== undefined || out.anyOf !== undefined) {
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** OpenAPI formats that ajv-formats lacks, checked for what they promise on the wire. */
function addOpenApiFormats(ajv: Ajv): void {
  const integerIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;
  ajv.addFormat('int32', { type: 'number', validate: integerIn(-(2 ** 31), 2 ** 31 - 1) });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('binary', true);
}

export interface ResponseSpec {
  status: string;
  /** Media types the spec lists for this response (empty when it documents no body). */
  contentTypes: string[];
  /** The converted schema of the first content entry, if the spec gives one. */
  schema?: JsonSchema;
}

export interface OperationSpec {
  api: ApiName;
  method: string;
  /** Path template as in the spec, e.g. `/instances/{instanceOwnerPartyId}/{instanceGuid}`. */
  path: string;
  responses: Record<string, ResponseSpec>;
}

interface LoadedSpec {
  document: { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  definitions: Record<string, JsonSchema>;
}

/** Changes converted component schemas of one API before they are compiled. */
export type SchemaPatch = (definitions: Record<string, JsonSchema>) => void;

/** The OpenAPI documents of all APIs, compiled into one ajv instance. */
export class OpenApiSchemas {
  private readonly ajv: Ajv;
  private readonly specs = new Map<ApiName, LoadedSpec>();
  private readonly validators = new Map<string, ValidateFunction>();
  /** Component root schema object → component name, to tell where an ajv error sits. */
  private readonly componentRoots = new Map<object, string>();

  constructor(dir: string = findOpenApiDir(), patches: Partial<Record<ApiName, SchemaPatch[]>> = {}) {
    // strictSchema stays on, so a keyword the converter forgot fails loudly; strictTypes is off because
    // OpenAPI documents legally write `properties` without `type: object`.
    this.ajv = new Ajv({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true, verbose: true });
    addFormats(this.ajv);
    addOpenApiFormats(this.ajv);
    for (const api of Object.keys(SPEC_FILES) as ApiName[]) {
      const document = readSpecDocument(api, dir) as LoadedSpec['document'] & { components?: { schemas?: Record<string, unknown> } };
      const definitions: Record<string, JsonSchema> = {};
      for (const [name, s] of Object.entries(document.components?.schemas ?? {})) definitions[name] = convertSchema(s, api);
      for (const patch of patches[api] ?? []) patch(definitions);
      for (const [name, def] of Object.entries(definitions)) this.componentRoots.set(def, name);
      this.ajv.addSchema({ $id: schemaId(api), definitions });
      this.specs.set(api, { document, definitions });
    }
  }

  /** The operation at `method` + path template, as the spec documents it; throws if it does not. */
  operation(api: ApiName, method: string, pathTemplate: string): OperationSpec {
    const spec = this.spec(api);
    const op = spec.document.paths[pathTemplate]?.[method.toLowerCase()];
    if (!op?.responses) throw new Error(`${api} spec has no ${method} ${pathTemplate}`);
    const responses: Record<string, ResponseSpec> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      const content = r.content ?? {};
      const first = Object.values(content).find((c) => c.schema !== undefined);
      responses[status] = {
        status,
        contentTypes: Object.keys(content),
        schema: first?.schema === undefined ? undefined : convertSchema(first.schema, api),
      };
    }
    return { api, method: method.toUpperCase(), path: pathTemplate, responses };
  }

  /** A validator for a converted schema (inline response schema or `{ $ref }`) of the given API. */
  validator(schema: JsonSchema): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(schema);
      this.validators.set(key, v);
    }
    return v;
  }

  /** A validator for one named component, e.g. `component('storage', 'ProblemDetails')`. */
  component(api: ApiName, name: string): ValidateFunction {
    if (!this.spec(api).definitions[name]) throw new Error(`${api} spec has no component ${name}`);
    return this.validator({ $ref: `${schemaId(api)}#/definitions/${name}` });
  }

  /** The component name when `schema` (an ajv error's `parentSchema`) is the root of a component. */
  componentOf(schema: unknown): string | undefined {
    return typeof schema === 'object' && schema !== null ? this.componentRoots.get(schema) : undefined;
  }

  /** Names of all components of one API. */
  componentNames(api: ApiName): string[] {
    return Object.keys(this.spec(api).definitions);
  }

  /** The converted (and patched) component schema, for inspection in tests. */
  definition(api: ApiName, name: string): JsonSchema | undefined {
    return this.spec(api).definitions[name];
  }

  private spec(api: ApiName): LoadedSpec {
    const s = this.specs.get(api);
    if (!s) throw new Error(`unknown api ${api}`);
    return s;
  }
}

/** The raw OpenAPI document of one API. */
export function readSpecDocument(api: ApiName, dir: string = findOpenApiDir()): { components?: { schemas?: Record<string, unknown> } } {
  return JSON.parse(fs.readFileSync(path.join(dir, SPEC_FILES[api].file), 'utf8'));
}

/** The copies in test/emulator/openapi (env `ALTINN_OPENAPI_DIR` overrides). */
export function findOpenApiDir(): string {
  const fromEnv = process.env.ALTINN_OPENAPI_DIR;
  if (fromEnv) return fromEnv;
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'test', 'emulator', 'openapi');
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('test/emulator/openapi not found; set ALTINN_OPENAPI_DIR');
}

/** Whether a concrete pathname (without query) matches a spec path template. */
export function matchesTemplate(pathname: string, template: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(pathname);
}
