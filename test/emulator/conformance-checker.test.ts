// The checker on hand-made exchanges: it passes what the spec or a named runtime difference allows
// and fails everything else, so the conformance suite can actually catch a deviating emulator.
import * as assert from 'node:assert/strict';
import { ConformanceChecker, type Exchange } from './conformance-checker';
import { OPERATIONS as OP } from './conformance-operations';

const BASE = 'http://127.0.0.1:1';
const INST = '/ttd/building-permit/instances/501337/8c9b1b0e-8d3e-4a53-9c1e-2f5a0a1c2b3d';

function exchange(method: string, path: string, status: number, contentType: string | undefined, body: unknown): Exchange {
  const headers = new Headers();
  if (contentType) headers.set('content-type', contentType);
  const text = body === undefined ? '' : typeof body === 'string' && !contentType?.includes('json') ? body : JSON.stringify(body);
  return { method, url: BASE + path, status, headers, body: Buffer.from(text) };
}

const processState = (userActionType: unknown) => ({
  started: '2026-11-27T10:00:00Z',
  startEvent: 'StartEvent_1',
  currentTask: {
    flow: 2,
    started: '2026-11-27T10:00:00Z',
    elementId: 'Task_2',
    name: 'Signering',
    altinnTaskType: 'signing',
    ended: null,
    validated: null,
    flowType: 'CompleteCurrentMoveToNext',
    actions: { sign: true, reject: true },
    userActions: [{ id: 'sign', authorized: true, type: userActionType }],
    read: true,
    write: true,
    elementType: 'Task',
  },
  ended: null,
  endEvent: null,
  processTasks: [{ altinnTaskType: 'signing', elementId: 'Task_2', elementType: 'Task' }],
});

describe('conformance checker', () => {
  let checker: ConformanceChecker;
  beforeEach(() => {
    checker = new ConformanceChecker();
  });

  it('accepts a string UserAction.type and null $ref members, naming both differences', () => {
    checker.check(OP.processGet, exchange('GET', `${INST}/process`, 200, 'application/json; charset=utf-8', processState('ProcessAction')), {
      status: 200,
    });
    assert.deepEqual([...checker.usedDifferences.keys()].sort(), ['appWritesNullForRefMembers', 'userActionTypeIsString']);
  });

  it('rejects a member the spec does not know, and a wrongly typed value', () => {
    const extra = { ...processState('ProcessAction'), bogus: 1 };
    assert.throws(
      () => checker.check(OP.processGet, exchange('GET', `${INST}/process`, 200, 'application/json', extra), { status: 200 }),
      /does not match the spec/,
    );
    assert.throws(
      () => checker.check(OP.processGet, exchange('GET', `${INST}/process`, 200, 'application/json', processState('Sign')), { status: 200 }),
      /does not match the spec/,
    );
  });

  it('maps 200 to the annotated 201 only for POST data/{dataType}', () => {
    const ex = exchange('POST', `${INST}/data/drawing`, 201, 'application/json', {});
    assert.throws(() => checker.check(OP.dataCreate, ex, { status: 201 }), /does not match the spec|required/);
    assert.throws(
      () => checker.check(OP.dataCreateLegacy, exchange('POST', `${INST}/data`, 200, 'application/json', {}), { status: 200 }),
      /does not document status 200/,
    );
  });

  it('checks error forms: ProblemDetails against the schema, plain strings and empty bodies as declared', () => {
    checker.check(OP.processNext, exchange('PUT', `${INST}/process/next`, 409, 'application/problem+json', { title: 'Validation failed for task', status: 409, validationIssues: [] }), {
      status: 409,
      errorForm: 'problem',
    });
    assert.ok(checker.usedDifferences.has('problemJsonMediaType'));
    assert.throws(
      () => checker.check(OP.processNext, exchange('PUT', `${INST}/process/next`, 409, 'application/problem+json', { title: 1, status: 409 }), { status: 409, errorForm: 'problem' }),
      /does not match the spec/,
    );
    assert.throws(
      () => checker.check(OP.processNext, exchange('PUT', `${INST}/process/next`, 409, 'text/plain', 'Process is ended.'), { status: 409, errorForm: 'problem' }),
      /error body is text/,
    );
    checker.check(OP.instanceCreate, exchange('POST', '/ttd/building-permit/instances', 400, 'application/json; charset=utf-8', 'Error when comparing content'), {
      status: 400,
      errorForm: 'text',
    });
    assert.ok(checker.usedDifferences.has('plainStringErrors'));
    assert.throws(
      () => checker.check(OP.instanceGet, exchange('GET', INST, 403, 'text/plain', 'no'), { status: 403, errorForm: 'empty' }),
      /error body is text/,
    );
  });

  it('fails on a status other than the expected one, and on a path that is not the operation', () => {
    assert.throws(() => checker.check(OP.instanceGet, exchange('GET', INST, 500, undefined, undefined), { status: 200 }), /unexpected status/);
    assert.throws(() => checker.check(OP.instanceGet, exchange('GET', `${INST}/process`, 200, undefined, undefined), { status: 200 }), /test bug/);
  });
});
