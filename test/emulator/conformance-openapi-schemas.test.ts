// Checks the OpenAPI → JSON Schema bridge on its own, so a conformance failure can be trusted to be
// about the emulator and not about the converter.
import * as assert from 'node:assert/strict';
import { allowNull, convertSchema, matchesTemplate, OpenApiSchemas, SPEC_FILES, type ApiName } from './openapi-schemas';

describe('openapi-schemas: OpenAPI 3.0 to ajv', () => {
  let schemas: OpenApiSchemas;
  before(() => {
    schemas = new OpenApiSchemas();
  });

  it('rewrites component $refs to the per-API schema id', () => {
    const s = convertSchema({ type: 'array', items: { $ref: '#/components/schemas/Instance' } }, 'storage');
    assert.deepEqual(s, { type: 'array', items: { $ref: 'openapi:storage#/definitions/Instance' } });
  });

  it('turns nullable into a null-accepting type, enum or union', () => {
    assert.deepEqual(convertSchema({ type: 'string', format: 'date-time', nullable: true }, 'app'), {
      type: ['string', 'null'],
      format: 'date-time',
    });
    assert.deepEqual(allowNull({ enum: [0, 1], type: 'integer' }), { enum: [0, 1, null], type: ['integer', 'null'] });
    assert.deepEqual(allowNull({ $ref: 'x' }), { anyOf: [{ $ref: 'x' }, { type: 'null' }] });
  });

  it('drops OpenAPI-only keywords but keeps properties that share their names', () => {
    const s = convertSchema(
      { type: 'object', example: { a: 1 }, readOnly: true, properties: { example: { type: 'string', xml: { name: 'e' } } } },
      'events',
    );
    assert.deepEqual(s, { type: 'object', properties: { example: { type: 'string' } } });
  });

  it('rejects refs outside #/components/schemas', () => {
    assert.throws(() => convertSchema({ $ref: '#/components/responses/X' }, 'app'), /unsupported \$ref/);
  });

  it('compiles every component of every document in strict mode', function () {
    // The Events document carries hundreds of .NET reflection types; compiling them all takes seconds.
    this.timeout(60_000);
    let compiled = 0;
    for (const api of Object.keys(SPEC_FILES) as ApiName[]) {
      for (const name of schemas.componentNames(api)) {
        assert.equal(typeof schemas.component(api, name), 'function', `${api} ${name}`);
        compiled++;
      }
    }
    assert.ok(compiled > 250, `compiled ${compiled} components`);
  });

  it('validates the verified App API instance shape (ReturnsOkResult_Raw) except for the documented null $refs', () => {
    const instanceStatus = schemas.component('app', 'InstanceStatus');
    // Sample InstancesController_GetTests.ReturnsOkResult_Raw: readStatus is an int on the App API.
    assert.equal(instanceStatus({ isArchived: false, isSoftDeleted: false, isHardDeleted: false, readStatus: 1 }), true);
    assert.equal(instanceStatus({ isArchived: false, readStatus: 'Read' }), false);
    // The raw sample writes `substatus: null`, which the spec's bare $ref does not allow.
    assert.equal(instanceStatus({ isArchived: false, readStatus: 1, substatus: null }), false);
  });

  it('checks formats: date-time needs an offset, int32 is bounded, uuid is a uuid', () => {
    const v = schemas.component('storage', 'PlatformUser');
    assert.equal(v({ userId: 1337, authenticationLevel: 2 }), true);
    assert.equal(v({ userId: 2 ** 31, authenticationLevel: 2 }), false);
    const ev = schemas.component('storage', 'InstanceEvent');
    assert.equal(ev({ id: 'not-a-guid' }), false);
    assert.equal(ev({ created: '2026-11-27T10:00:00' }), false);
    assert.equal(ev({ id: '8c9b1b0e-8d3e-4a53-9c1e-2f5a0a1c2b3d', created: '2026-11-27T10:00:00.123Z' }), true);
  });

  it('finds operations by method and path template with their response schemas', () => {
    const op = schemas.operation('storage', 'GET', '/instances');
    assert.deepEqual(op.responses['200'].contentTypes, ['application/json']);
    assert.deepEqual(op.responses['200'].schema, { $ref: 'openapi:storage#/definitions/InstanceQueryResponse' });
    const meta = schemas.operation('app', 'GET', '/{org}/{app}/api/v1/meta/process');
    assert.deepEqual(meta.responses['200'].schema, { type: 'string' });
    assert.throws(() => schemas.operation('app', 'GET', '/{org}/{app}/nope'), /has no GET/);
  });

  it('matches concrete paths to templates segment by segment', () => {
    assert.equal(matchesTemplate('/ttd/app/instances/501337/abc', '/{org}/{app}/instances/{instanceOwnerPartyId}/{instanceGuid}'), true);
    assert.equal(matchesTemplate('/ttd/app/instances/501337/abc/data', '/{org}/{app}/instances/{instanceOwnerPartyId}/{instanceGuid}'), false);
  });
});
