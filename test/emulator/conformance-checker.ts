// Checks one HTTP exchange with the emulator against the OpenAPI documents: status documented (or
// recorded in docs/altinn-behaviour.md for errors), media type listed, body valid against the response schema.
// Anything the spec rejects must be one of KNOWN_RUNTIME_DIFFERENCES, else the check fails.
import * as assert from 'node:assert/strict';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { annotatedStatus, explainingDifference, runtimePatches, runtimeResponseSchema, type DifferenceId } from './conformance-deviations';
import type { OperationRef } from './conformance-operations';
import { matchesTemplate, OpenApiSchemas, SPEC_FILES, type ApiName, type JsonSchema, type ResponseSpec } from './openapi-schemas';

/** The forms an error body takes at runtime (docs/altinn-behaviour.md §7). */
export type ErrorForm = 'problem' | 'text' | 'empty';
/** What a success body is when the spec documents no schema for it. */
export type UntypedBody = 'json' | 'xml' | 'binary';

export interface Expectation {
  status: number;
  /** For an error: the form(s) docs/altinn-behaviour.md gives for this case. */
  errorForm?: ErrorForm | readonly ErrorForm[];
  /** For a success the spec leaves untyped (data download): what the body must be. */
  untypedBody?: UntypedBody;
}

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface CheckResult {
  /** Parsed JSON body, or the text for string/XML bodies. */
  json: unknown;
  text: string;
}

export interface CheckRecord {
  op: OperationRef;
  status: number;
  schemaValidated: boolean;
  /** For errors: the form the body had. */
  form?: ErrorForm;
}

const JSON_MEDIA = /^(application|text)\/([\w.+-]*\+)?json$/;

function mediaType(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function describe(ex: Exchange): string {
  const text = ex.body.toString('utf8');
  return `${ex.method} ${ex.url} → ${ex.status} ${ex.headers.get('content-type') ?? '(no content-type)'} ${text.slice(0, 600)}`;
}

function isStringSchema(s: JsonSchema | undefined): boolean {
  return s !== undefined && (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string') && s.type.length <= 2));
}

export class ConformanceChecker {
  /** The schemas exactly as published. */
  private readonly published = new OpenApiSchemas();
  /** The same schemas with the runtime differences of docs/altinn-behaviour.md applied. */
  private readonly runtime = new OpenApiSchemas(undefined, runtimePatches());
  readonly usedDifferences = new Map<DifferenceId, number>();
  readonly records: CheckRecord[] = [];
  /** Per difference: which spec errors it explained (`Component.member keyword`), for the summary. */
  readonly explained = new Map<DifferenceId, Set<string>>();

  check(op: OperationRef, ex: Exchange, expect: Expectation): CheckResult {
    const where = describe(ex);
    const pathname = new URL(ex.url).pathname;
    const base = SPEC_FILES[op.api].basePath;
    const local = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
    assert.ok(
      [op.path, ...(op.aliases ?? [])].some((t) => matchesTemplate(local, t)),
      `test bug: ${pathname} is not ${op.api} ${op.path}`,
    );
    assert.equal(ex.method, op.method, `test bug: method of ${op.path}`);
    assert.equal(ex.status, expect.status, `unexpected status: ${where}`);

    const spec = this.published.operation(op.api, op.method, op.path);
    const annotated = annotatedStatus(op, ex.status);
    if (annotated.difference) this.use(annotated.difference);
    const response = spec.responses[String(annotated.status)];
    const text = ex.body.toString('utf8');
    const result: { json: unknown; schemaValidated: boolean; form?: ErrorForm } =
      ex.status < 400 ? this.checkSuccess(op, ex, response, expect, where) : this.checkError(op, ex, response, expect, where);
    this.records.push({ op, status: ex.status, schemaValidated: result.schemaValidated, form: result.form });
    return { json: result.json, text };
  }

  private checkSuccess(
    op: OperationRef,
    ex: Exchange,
    response: ResponseSpec | undefined,
    expect: Expectation,
    where: string,
  ): { json: unknown; schemaValidated: boolean } {
    assert.ok(response, `the ${op.api} spec does not document status ${ex.status} for ${op.method} ${op.path}: ${where}`);
    const media = mediaType(ex.headers);
    if (response.contentTypes.length > 0) {
      assert.ok(
        response.contentTypes.map((c) => c.toLowerCase()).includes(media),
        `media type ${media || '(none)'} not among the spec's ${response.contentTypes.join(', ')}: ${where}`,
      );
    }
    const text = ex.body.toString('utf8');
    if (response.schema) {
      const data = isStringSchema(response.schema) && !JSON_MEDIA.test(media) ? text : parseJson(text, where);
      this.validate(op, response.schema, data, where, runtimeResponseSchema(op));
      return { json: data, schemaValidated: true };
    }
    // The spec documents the status but no body (data downloads): check what docs/altinn-behaviour.md §1.3/§2.2 say.
    assert.ok(expect.untypedBody, `test bug: ${op.path} ${ex.status} has no schema; say what the body is`);
    return { json: checkUntyped(expect.untypedBody, ex, where), schemaValidated: false };
  }

  private checkError(
    op: OperationRef,
    ex: Exchange,
    response: ResponseSpec | undefined,
    expect: Expectation,
    where: string,
  ): { json: unknown; schemaValidated: boolean; form: ErrorForm } {
    assert.ok(expect.errorForm, `test bug: say which error form docs/altinn-behaviour.md gives for ${op.path} ${ex.status}`);
    const forms: readonly ErrorForm[] = typeof expect.errorForm === 'string' ? [expect.errorForm] : expect.errorForm;
    const media = mediaType(ex.headers);
    const text = ex.body.toString('utf8');
    const form = errorFormOf(ex, media, text, where);
    const specSchema = response?.schema;
    // What the spec itself annotates is always conformant; docs/altinn-behaviour.md's form is the allowed alternative.
    const specForm = specSchema && !isStringSchema(specSchema) ? 'problem' : undefined;
    assert.ok(
      forms.includes(form) || form === specForm,
      `error body is ${form}, docs/altinn-behaviour.md gives ${forms.join('|')}${specForm ? ', the spec ProblemDetails' : ''} here: ${where}`,
    );
    if (form === 'empty') {
      if (specSchema) {
        assert.ok(ex.status === 401 || ex.status === 403, `spec requires a body for ${ex.status}, got none: ${where}`);
        this.use('emptyAuthErrors');
      }
      return { json: undefined, schemaValidated: false, form };
    }
    if (form === 'text') {
      const value = JSON_MEDIA.test(media) ? parseJson(text, where) : text;
      assert.equal(typeof value, 'string', `plain error must be a string: ${where}`);
      assert.ok((value as string).length > 0, `plain error must not be empty: ${where}`);
      if (specSchema && !isStringSchema(specSchema)) this.use('plainStringErrors');
      if (specSchema && isStringSchema(specSchema)) this.validate(op, specSchema, value, where);
      return { json: value, schemaValidated: specSchema !== undefined && isStringSchema(specSchema), form };
    }
    // ProblemDetails: the documented schema for this status if it is an object schema (e.g.
    // DataPostErrorResponse), else the document's ProblemDetails component.
    const problem = parseJson(text, where) as Record<string, unknown>;
    if (response && response.contentTypes.length > 0 && !response.contentTypes.includes(media)) this.use('problemJsonMediaType');
    const schema = specSchema && !isStringSchema(specSchema) ? specSchema : { $ref: `openapi:${problemApi(op.api)}#/definitions/ProblemDetails` };
    this.validate(op, schema, problem, where);
    if (problem.status !== undefined) assert.equal(problem.status, ex.status, `ProblemDetails.status ≠ HTTP status: ${where}`);
    return { json: problem, schemaValidated: true, form };
  }

  /** Validates against the published schema; what it rejects must be a named runtime difference. */
  private validate(op: OperationRef, schema: JsonSchema, data: unknown, where: string, runtimeSchema = schema): void {
    const published = this.published.validator(schema);
    if (published(data)) return;
    const runtime = this.runtime.validator(runtimeSchema);
    assert.ok(runtime(data), `response does not match the spec (even with the known runtime differences): ${formatErrors(runtime)}\n  ${where}`);
    const unexplained: ErrorObject[] = [];
    const used = new Set<DifferenceId>();
    for (const e of relevantErrors(published.errors ?? [])) {
      const component = this.published.componentOf(e.parentSchema);
      const d = explainingDifference(e, op, component);
      if (d) {
        used.add(d);
        const detail = `${component ?? '?'}${e.params.additionalProperty ? `.${e.params.additionalProperty}` : ''} ${e.keyword}`;
        this.explained.set(d, (this.explained.get(d) ?? new Set()).add(detail));
      }
      else unexplained.push(e);
    }
    assert.equal(unexplained.length, 0, `deviation from the spec not listed in docs/altinn-behaviour.md: ${formatList(unexplained)}\n  ${where}`);
    for (const d of used) this.use(d);
  }

  private use(d: DifferenceId): void {
    this.usedDifferences.set(d, (this.usedDifferences.get(d) ?? 0) + 1);
  }
}

/** Drops the bookkeeping errors of unions (the `anyOf` itself and its `null` branch); leaves leaf errors. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter(
    (e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'),
  );
}

function problemApi(api: ApiName): ApiName {
  return api === 'appCustom' ? 'app' : api;
}

function errorFormOf(ex: Exchange, media: string, text: string, where: string): ErrorForm {
  if (ex.body.length === 0) return 'empty';
  if (media === 'application/problem+json') return 'problem';
  if (JSON_MEDIA.test(media)) {
    const v = parseJson(text, where);
    return typeof v === 'string' ? 'text' : 'problem';
  }
  assert.equal(media, 'text/plain', `error body with unexpected media type: ${where}`);
  return 'text';
}

function checkUntyped(kind: UntypedBody, ex: Exchange, where: string): unknown {
  const media = mediaType(ex.headers);
  const text = ex.body.toString('utf8');
  if (kind === 'json') {
    assert.ok(JSON_MEDIA.test(media), `form data as JSON expected: ${where}`);
    return parseJson(text, where);
  }
  if (kind === 'xml') {
    assert.ok(/^(application|text)\/xml$/.test(media), `form data as XML expected: ${where}`);
    assert.match(text.trimStart(), /^</, `XML body expected: ${where}`);
    return text;
  }
  // docs/altinn-behaviour.md §1.3/§2.2: binary with its own Content-Type and an attachment Content-Disposition.
  assert.ok(media.length > 0, `binary download without Content-Type: ${where}`);
  assert.match(ex.headers.get('content-disposition') ?? '', /^attachment;\s*filename=/, `Content-Disposition: ${where}`);
  assert.ok(ex.body.length > 0, `empty download: ${where}`);
  return undefined;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`body is not JSON: ${where}`);
  }
}

function formatList(errors: ErrorObject[]): string {
  return errors
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message} (${e.schemaPath}${e.params.additionalProperty ? ` '${e.params.additionalProperty}'` : ''})`)
    .join('; ');
}

function formatErrors(v: ValidateFunction): string {
  return formatList(relevantErrors(v.errors ?? []));
}
