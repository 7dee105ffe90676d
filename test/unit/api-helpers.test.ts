import * as assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { AltinnInputError, contentDisposition, createMaskinportenAssertion, decodeJwtClaims, encodeInstanceFilter, filenameFromContentDisposition, maskinportenAudience, redactUrl } from '../../src/api';
import { parseRetryAfter, retryDelayMs } from '../../src/api/retry';
import { joinUrl } from '../../src/api/urls';

describe('api helpers', () => {
  describe('retry policy', () => {
    const policy = { limit: 2, baseDelayMs: 100, backoffLimitMs: 1000, maxRetryAfterMs: 5000 };
    it('retries GET and HEAD on 429/502/503/504 and network errors, at most twice', () => {
      for (const status of [429, 502, 503, 504]) assert.ok(retryDelayMs({ attempt: 1, method: 'GET', status }, policy) > 0, String(status));
      assert.ok(retryDelayMs({ attempt: 2, method: 'HEAD', code: 'ECONNRESET' }, policy) > 0);
      assert.equal(retryDelayMs({ attempt: 3, method: 'GET', status: 503 }, policy), 0);
      assert.equal(retryDelayMs({ attempt: 1, method: 'GET', status: 500 }, policy), 0);
      assert.equal(retryDelayMs({ attempt: 1, method: 'GET', status: 404 }, policy), 0);
    });
    it('never retries methods that change state (STYLE.md: PUT process/next)', () => {
      for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
        assert.equal(retryDelayMs({ attempt: 1, method, status: 503 }, policy), 0, method);
        assert.equal(retryDelayMs({ attempt: 1, method, code: 'ECONNRESET' }, policy), 0, method);
      }
    });
    it('honours Retry-After, capped', () => {
      assert.equal(retryDelayMs({ attempt: 1, method: 'GET', status: 429, retryAfterMs: 2000 }, policy), 2000);
      assert.equal(retryDelayMs({ attempt: 1, method: 'GET', status: 429, retryAfterMs: 60_000 }, policy), 5000);
      assert.equal(parseRetryAfter('3'), 3000);
      assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
      assert.equal(parseRetryAfter('soon'), undefined);
    });
    it('backs off exponentially', () => {
      const first = retryDelayMs({ attempt: 1, method: 'GET', status: 503 }, policy);
      const second = retryDelayMs({ attempt: 2, method: 'GET', status: 503 }, policy);
      assert.ok(first >= 100 && first < 200, String(first));
      assert.ok(second >= 200 && second < 300, String(second));
    });
  });

  describe('URLs', () => {
    it('encodes path segments so nothing escapes the base', () => {
      assert.equal(joinUrl('http://h/base', 'a b', 'c/d'), 'http://h/base/a%20b/c%2Fd');
      assert.throws(() => joinUrl('http://h/base', '..'), AltinnInputError);
      assert.throws(() => joinUrl('http://h/base', ''), AltinnInputError);
    });
    it('redacts secrets from URLs for logs', () => {
      const redacted = redactUrl('https://u:pw@h/x?code=S1&client_secret=S2&assertion=S3&size=10&access_token=S4');
      assert.ok(!/pw|S1|S2|S3|S4/.test(redacted), redacted);
      assert.ok(redacted.includes('size=10'));
    });
  });

  describe('Content-Disposition', () => {
    it('sends a quoted ASCII fallback and an RFC 5987 UTF-8 name (docs/altinn-behaviour.md §1.3)', () => {
      assert.equal(contentDisposition('Test Doc 2025.pdf'), `attachment; filename="Test Doc 2025.pdf"; filename*=UTF-8''Test%20Doc%202025.pdf`);
      assert.equal(contentDisposition('Søknad (ny).pdf'), `attachment; filename="S_knad (ny).pdf"; filename*=UTF-8''S%C3%B8knad%20%28ny%29.pdf`);
      assert.equal(contentDisposition('Café.pdf'), `attachment; filename="Cafe.pdf"; filename*=UTF-8''Caf%C3%A9.pdf`);
      assert.equal(contentDisposition('tegning "a".png'), `attachment; filename="tegning _a_.png"; filename*=UTF-8''tegning%20%22a%22.png`);
    });
    it('rejects names with path separators', () => {
      for (const name of ['../x.pdf', 'a/b.pdf', 'a\\b.pdf', '..', '', 'a\nb.pdf']) assert.throws(() => contentDisposition(name), AltinnInputError, name);
    });
    it('reads the download file name, filename* first (sample SimplifiedNoPrefill_6_Download-PDF)', () => {
      assert.equal(filenameFromContentDisposition("attachment; filename=basic.pdf; filename*=UTF-8''basic.pdf"), 'basic.pdf');
      assert.equal(filenameFromContentDisposition(`attachment; filename="x.pdf"; filename*=UTF-8''S%C3%B8knad.pdf`), 'Søknad.pdf');
      assert.equal(filenameFromContentDisposition('attachment; filename="a b.pdf"'), 'a b.pdf');
    });
  });

  describe('instance filters', () => {
    it('encodes every Storage filter (docs/altinn-behaviour.md §2.1)', () => {
      const { params, headers } = encodeInstanceFilter(
        {
          org: 'ttd',
          appId: 'ttd/building-permit',
          currentTask: 'Task_1',
          isComplete: false,
          processEnded: 'lte:2024-01-01',
          lastChanged: { gt: '2019-05-01', lt: new Date('2019-06-01T00:00:00Z') },
          created: ['gte:2019-01-01', 'lt:2020-01-01'],
          visibleAfter: { eq: '2020-01-01' },
          dueBefore: { gte: '2030-01-01' },
          excludeConfirmedBy: 'ttd',
          confirmed: true,
          isArchived: false,
          isSoftDeleted: false,
          isHardDeleted: false,
          a3Reference: 'A4B3C2D1E0F9',
          searchString: 'søk',
          mainVersionInclude: 3,
          includeDataElements: false,
          size: 50,
          continuationToken: '123;4',
          order: 'asc',
          instanceOwner: { organisationNumber: '405003309' },
        },
        true,
      );
      assert.deepEqual(params.getAll('lastChanged'), ['gt:2019-05-01', 'lt:2019-06-01T00:00:00.000Z']);
      assert.deepEqual(params.getAll('created'), ['gte:2019-01-01', 'lt:2020-01-01']);
      assert.equal(params.get('process.ended'), 'lte:2024-01-01');
      assert.equal(params.get('visibleAfter'), 'eq:2020-01-01');
      assert.equal(params.get('appId'), 'ttd/building-permit');
      assert.equal(params.get('process.currentTask'), 'Task_1');
      assert.equal(params.get('process.isComplete'), 'false');
      assert.equal(params.get('status.isSoftDeleted'), 'false');
      assert.equal(params.get('order'), 'asc:lastChanged');
      assert.equal(params.get('size'), '50');
      assert.equal(params.get('excludeConfirmedBy'), 'ttd');
      assert.equal(params.get('A3Ref'), 'a4b3c2d1e0f9');
      assert.equal(params.get('searchString'), 'søk');
      assert.equal(params.get('includeDataElements'), 'false');
      assert.equal(params.get('status.isHardDeleted'), 'false');
      assert.equal(params.has('archiveReference'), false, 'Storage ignores archiveReference (no binding), so it is never sent');
      assert.equal(headers['x-ai-instanceowneridentifier'], 'Organisation:405003309');
    });
    it('rejects bad filters before anything is sent', () => {
      assert.throws(() => encodeInstanceFilter({ lastChanged: '2019-05-01' }, true), /start it with gt:/);
      assert.throws(() => encodeInstanceFilter({ lastChanged: 'gt:yesterday' }, true), /Invalid date/);
      assert.throws(() => encodeInstanceFilter({ appId: 'ttd' }, true), AltinnInputError);
      assert.throws(() => encodeInstanceFilter({ size: 0 }, true), AltinnInputError);
      // Storage binds one excludeConfirmedBy and an A3 reference of exactly 12 characters (InstanceQueryParameters).
      assert.throws(() => encodeInstanceFilter({ excludeConfirmedBy: ['ttd', 'digdir'] as unknown as string }, true), /one stakeholder/);
      assert.throws(() => encodeInstanceFilter({ a3Reference: 'abc123' }, true), /A3 reference/);
      assert.throws(() => encodeInstanceFilter({ archiveReference: 'abc123' } as never, true), /archiveReference/);
      assert.throws(() => encodeInstanceFilter({ instanceOwnerPartyId: 1, instanceOwner: { personNumber: '01039012345' } }, false), /not both/);
      assert.throws(() => encodeInstanceFilter({ instanceOwner: { personNumber: '01039012345' } }, true), /check digits/);
      assert.doesNotThrow(() => encodeInstanceFilter({ instanceOwner: { personNumber: '01039012345' } }, false));
    });
  });

  describe('Maskinporten assertion', () => {
    it('signs an RS256 client assertion with a PEM key and a JWK', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1' };
      for (const key of [pem, JSON.stringify(jwk)]) {
        const jwt = createMaskinportenAssertion({ clientId: 'c1', privateKey: key, scopes: ['altinn:serviceowner/instances.read'], audience: 'https://test.maskinporten.no/' });
        const [h, c, s] = jwt.split('.');
        assert.ok(verify('sha256', Buffer.from(`${h}.${c}`), publicKey, Buffer.from(s, 'base64url')));
        const claims = decodeJwtClaims(jwt);
        assert.equal(claims.iss, 'c1');
        assert.equal(claims.aud, 'https://test.maskinporten.no/');
        assert.equal(claims.scope, 'altinn:serviceowner/instances.read');
        assert.ok(typeof claims.exp === 'number' && claims.exp - (claims.iat as number) <= 120);
      }
      assert.equal(maskinportenAudience('https://maskinporten.no/token'), 'https://maskinporten.no/');
      assert.throws(() => createMaskinportenAssertion({ clientId: 'c', privateKey: 'nope', scopes: ['a'], audience: 'x' }), AltinnInputError);
    });
  });
});
