import * as assert from 'node:assert/strict';
import { AltinnApiError, isCancellation } from '../../src/api';
import { httpError, toApiError } from '../../src/api/http-errors';

const url = 'https://ttd.apps.altinn.no/ttd/app/instances/1/2?access_token=abc&language=nb';

describe('api errors', () => {
  it('reads ProblemDetails and says what happened in words (docs/altinn-behaviour.md §7)', () => {
    const body = JSON.stringify({ title: 'Instance Not Active', status: 409 });
    const error = httpError('PUT', url, 409, { 'content-type': 'application/problem+json; charset=utf-8' }, Buffer.from(body));
    assert.equal(error.message, 'Instance is archived: its data can no longer change (409)');
    assert.equal(error.status, 409);
    assert.equal(error.problem?.title, 'Instance Not Active');
    assert.equal(error.kind, 'http');
  });

  it('drops ASP.NET’s generic titles in favour of the detail', () => {
    const conflict = httpError('PUT', url, 409, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify({ title: 'Conflict', status: 409, detail: 'Process is ended.' })));
    assert.equal(conflict.message, 'The process has already ended (409)');
    const bad = httpError('POST', url, 400, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify({ title: 'Bad Request', status: 400, detail: 'Element type nope not allowed.' })));
    assert.equal(bad.message, 'Element type nope not allowed. (400)');
    const bare = httpError('GET', url, 404, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5', title: 'Not Found', status: 404, traceId: '00-1' })));
    assert.equal(bare.message, 'Not found (404)');
  });

  it('carries validation issues of a failed process/next (docs/altinn-behaviour.md §1.4)', () => {
    const body = {
      title: 'Validation failed for task',
      status: 409,
      detail: '1 validation errors found for task Task_1',
      validationIssues: [{ severity: 1, field: 'applicant', code: 'required', description: 'Applicant is required', source: 'Required' }],
    };
    const error = httpError('PUT', url, 409, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify(body)));
    assert.equal(error.validationIssues?.length, 1);
    assert.match(error.message, /^Validation failed for task: 1 validation errors found for task Task_1 — applicant: Applicant is required \(409\)$/);
  });

  it('reads upload validation issues (sample DataUpload_filenameQuoted=False_useNewEndpoint=True)', () => {
    const body = {
      title: 'File validation failed',
      status: 400,
      detail: 'Common checks failed',
      uploadValidationIssues: [{ severity: 1, code: 'MissingFileName', description: 'The Content-Disposition header must contain a valid filename' }],
    };
    const error = httpError('POST', url, 400, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify(body)));
    assert.equal(error.validationIssues?.[0].code, 'MissingFileName');
    assert.match(error.message, /^File validation failed: Common checks failed — .*\(400\)$/);
  });

  it('reads plain-text bodies (sample DataUpload_filenameQuoted=False_useNewEndpoint=False)', () => {
    const text = 'Invalid data provided. Error: The Content-Disposition header must contain a valid filename';
    const error = httpError('POST', url, 400, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(text));
    assert.equal(error.message, 'The upload needs a file name with an extension (400)');
    assert.equal(error.text, text);
  });

  it('reads bare JSON string bodies (sample SubunitOnlyAppTests.Instantiate_partyId=500000)', () => {
    const body = '"Party 500000 is not allowed to instantiate this application ttd/basic"';
    const error = httpError('POST', url, 403, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(body));
    assert.equal(error.message, 'Party 500000 is not allowed to instantiate this application ttd/basic (403)');
  });

  it('says why an OAuth token endpoint such as Maskinporten refused a grant (RFC 6749 §5.2)', () => {
    const tokenUrl = 'https://test.maskinporten.no/token';
    const json = { 'content-type': 'application/json;charset=UTF-8' };
    const described = httpError('POST', tokenUrl, 400, json, Buffer.from(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid assertion. Client authentication failed.' })));
    assert.equal(described.message, 'Invalid assertion. Client authentication failed. (400)');
    assert.equal(described.text, 'Invalid assertion. Client authentication failed.');
    const codeOnly = httpError('POST', tokenUrl, 400, json, Buffer.from(JSON.stringify({ error: 'invalid_scope', error_description: '' })));
    assert.equal(codeOnly.message, 'invalid_scope (400)');
    // Any other JSON object (an instantiation 403's obligations) stays out of the message.
    const other = httpError('POST', url, 403, json, Buffer.from(JSON.stringify({ obligations: { a: 1 } })));
    assert.equal(other.message, 'Access denied: you may not do this, or the item does not exist (403)');
  });

  it('explains empty bodies by status', () => {
    assert.equal(httpError('GET', url, 403, {}, Buffer.alloc(0)).message, 'Access denied: you may not do this, or the item does not exist (403)');
    assert.equal(httpError('GET', url, 401, {}, undefined).message, 'Not signed in, or the session has expired (401)');
    assert.equal(httpError('GET', url, 503, { 'content-type': 'text/html' }, Buffer.from('<html>gateway</html>')).message, 'Altinn is unavailable right now (503)');
  });

  it('keeps secrets out of the URL it reports', () => {
    const error = httpError('GET', url, 404, {}, undefined);
    assert.ok(!error.url.includes('abc'), error.url);
    assert.ok(error.url.includes('language=nb'));
  });

  it('maps network, timeout and abort failures without keeping got’s options (which hold the token)', () => {
    const gotLike = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', options: { headers: { authorization: 'Bearer secret' } } });
    const network = toApiError(gotLike, 'GET', url);
    assert.equal(network.kind, 'network');
    assert.equal(network.code, 'ECONNRESET');
    assert.ok(!JSON.stringify(network.cause, Object.getOwnPropertyNames(network.cause as object)).includes('secret'));
    assert.equal(toApiError(Object.assign(new Error('t'), { name: 'TimeoutError', code: 'ETIMEDOUT' }), 'GET', url).kind, 'timeout');
    const aborted = toApiError(Object.assign(new Error('a'), { name: 'AbortError' }), 'GET', url);
    assert.equal(aborted.kind, 'aborted');
    assert.equal(isCancellation(aborted), true);
    assert.equal(isCancellation(new AltinnApiError({ kind: 'http', method: 'GET', url, status: 500 })), false);
  });
});
