// Issue 8, fuzz: thousands of random inputs from a seeded PRNG (deterministic) through the id parsers, URL
// builders, environment URLs and the download filename sanitizer: nothing thrown but AltinnInputError, no
// URL that leaves its base, no path that leaves its folder, no upload header that breaks.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  AltinnInputError,
  checkFilename,
  contentDisposition,
  Environment,
  filenameFromContentDisposition,
  isValidOrganisationNumber,
  isValidPersonNumber,
  parseAppId,
  parseInstanceId,
  parseOrg,
  parsePartyId,
} from '../../src/api';
import { appInstanceUrl } from '../../src/api/context';
import { HttpClient } from '../../src/api/http';
import { parseGuid } from '../../src/api/ids';
import { joinUrl } from '../../src/api/urls';
import { childPath, safeFileName } from '../../src/fs/filenames';
import { BUILDING_PERMIT } from '../api/helpers';
import { prng } from '../emulator/util'; // seeded, so every run fuzzes the same inputs


const FUZZ_SEED = 0x8a171; // issue 8
const FUZZ_ROUNDS = 4_000;

/** Characters that have tripped parsers and URL builders before: separators, dots, escapes, Unicode look-alikes. */
const ALPHABET = [
  ...'0123456789abcdefABCDEF-_/.\\%?#@:;=&+ ~\'"`<>|*$!(){}[],',
  '..', '%2e', '%2F', '%00', '\u0000', '\n', '\r', '\t', '\u007f', '\u2215', '\uff0f', '\u202e', '\u00e6', '\u00f8', '\u00e5', '\u0301', '\ud83d\ude00', '\u0661', 'ttd', 'app', '501337',
  '5a2fa5ec-f97c-4816-b57a-dc78a981917e', 'C:', 'CON', 'nul', '.part',
];

function randomText(rand: () => number, maxParts = 12): string {
  const n = Math.floor(rand() * maxParts);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

/** Runs `fn`; anything thrown other than AltinnInputError fails the test with the input that caused it. */
function onlyInputErrors<T>(input: unknown, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AltinnInputError) return undefined;
    assert.fail(`${JSON.stringify(input)} crashed with ${String(error)}`);
  }
}

describe('reliability: security fuzz', function () {
  this.timeout(60_000);

  describe(`fuzz (${FUZZ_ROUNDS} seeded random inputs per target, seed ${FUZZ_SEED})`, () => {
    const GUID = '5a2fa5ec-f97c-4816-b57a-dc78a981917e';
    const envs = [
      new Environment({ id: 'emu', name: 'Emu', kind: 'emulator', url: 'http://127.0.0.1:5101/base' }),
      new Environment({ id: 'prod', name: 'Prod', kind: 'production' }),
      new Environment({ id: 'cus', name: 'Custom', kind: 'custom', url: 'https://{org}.apps.at22.altinn.cloud', platformUrl: 'https://platform.at22.altinn.cloud' }),
    ];
    let inputs = 0;
    after(() => console.log(`      fuzz summary: ${inputs} random inputs, none crashed, no URL left its base, no path left its folder`));

    /** A URL built from untrusted parts: same origin as its base, below the base path, exactly `depth` more segments. */
    function assertInside(url: string, base: string, depth: number): void {
      const parsed = new URL(url);
      const root = new URL(base);
      assert.equal(parsed.origin, root.origin, `${url} left ${base}`);
      const prefix = root.pathname.replace(/\/+$/, '');
      assert.ok(parsed.pathname.startsWith(`${prefix}/`), `${url} left the path ${prefix}`);
      const extra = parsed.pathname.slice(prefix.length + 1).split('/');
      assert.equal(extra.length, depth, `${url}: expected ${depth} segments below ${prefix}`);
      assert.equal(parsed.search, '');
      assert.equal(parsed.hash, '');
    }

    it('id parsers: only AltinnInputError, and what they accept is canonical', () => {
      const rand = prng(FUZZ_SEED);
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        const text = i % 3 === 0 ? `${randomText(rand, 3)}/${randomText(rand, 3)}` : randomText(rand);
        inputs += 1;
        const inst = onlyInputErrors(text, () => parseInstanceId(text));
        if (inst) {
          assert.ok(Number.isSafeInteger(inst.partyId) && inst.partyId > 0, text);
          assert.match(inst.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        }
        const app = onlyInputErrors(text, () => parseAppId(text));
        if (app) assert.match(`${app.org}/${app.app}`, /^[a-z0-9]+\/[a-z0-9][a-z0-9_-]*$/);
        const org = onlyInputErrors(text, () => parseOrg(text));
        if (org) assert.match(org, /^[a-z0-9]+$/);
        const party = onlyInputErrors(text, () => parsePartyId(text));
        if (party !== undefined) assert.ok(Number.isSafeInteger(party) && party > 0);
        onlyInputErrors(text, () => parseGuid(text));
        assert.equal(typeof isValidPersonNumber(text), 'boolean');
        assert.equal(typeof isValidOrganisationNumber(text), 'boolean');
      }
    });

    it('check-digit validators agree with an independent mod-11 on random digit strings', () => {
      const rand = prng(FUZZ_SEED + 1);
      const mod11 = (d: number[], w: number[]): number => {
        const r = 11 - (w.reduce((s, x, i) => s + x * d[i], 0) % 11);
        return r === 11 ? 0 : r;
      };
      let validSeen = 0;
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        inputs += 1;
        const digits = Array.from({ length: 9 }, () => Math.floor(rand() * 10));
        const k = mod11(digits.slice(0, 8), [3, 2, 7, 6, 5, 4, 3, 2]);
        const expected = k !== 10 && k === digits[8];
        if (expected) validSeen += 1;
        assert.equal(isValidOrganisationNumber(digits.join('')), expected, digits.join(''));
      }
      assert.ok(validSeen > 0, 'some random numbers were valid');
    });

    it('URL builders: no built URL leaves its base, whatever the ids', () => {
      const rand = prng(FUZZ_SEED + 2);
      const http = new HttpClient();
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        const env = envs[i % envs.length];
        const a = randomText(rand);
        const b = randomText(rand);
        inputs += 1;
        const appBase = onlyInputErrors(a, () => env.appBaseUrl(`ttd/${a}`));
        if (appBase) assertInside(appBase, env.appBaseUrl(BUILDING_PERMIT).replace(/\/ttd\/building-permit$/, ''), 2);
        // Segments are whatever the caller passes (data types, element ids): each stays one segment.
        const joined = onlyInputErrors([a, b], () => joinUrl(env.storageUrl, 'instances', a, b));
        if (joined) assertInside(joined, env.storageUrl, 3);
        const ctx = { environment: env, http };
        const dataUrl = onlyInputErrors([a, b], () => appInstanceUrl(ctx, { appId: BUILDING_PERMIT, id: `501337/${GUID}` }, 'data', `${a}${b}`));
        if (dataUrl) assertInside(dataUrl, env.appBaseUrl(BUILDING_PERMIT), 5);
        const idUrl = onlyInputErrors(a, () => appInstanceUrl(ctx, { appId: BUILDING_PERMIT, id: `${a}/${b}` }));
        if (idUrl) assertInside(idUrl, env.appBaseUrl(BUILDING_PERMIT), 3);
      }
    });

    it('environment URLs: only AltinnInputError, and plain http only on loopback or localtest', () => {
      const rand = prng(FUZZ_SEED + 3);
      const hosts = ['127.0.0.1', 'localhost', 'local.altinn.cloud', 'example.com', '127.0.0.1.example.com', '[::1]', 'ttd.apps.altinn.no', ''];
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        const scheme = ['http://', 'https://', 'HTTP://', 'ftp://', '', '//'][Math.floor(rand() * 6)];
        const url = `${scheme}${randomText(rand, 2)}${hosts[Math.floor(rand() * hosts.length)]}${randomText(rand, 3)}`;
        inputs += 1;
        const env = onlyInputErrors(url, () => new Environment({ id: 'f', name: 'F', kind: 'custom', url }));
        if (!env) continue;
        const parsed = new URL(env.platformUrl);
        assert.ok(['https:', 'http:'].includes(parsed.protocol), url);
        if (parsed.protocol === 'http:') {
          assert.ok(/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|(.*\.)?local\.altinn\.cloud|.*\.localhost)$/.test(parsed.hostname), `${url} → ${env.platformUrl}`);
        }
        assert.equal(parsed.username + parsed.password + parsed.search + parsed.hash, '', url);
      }
    });

    it('download filenames: the sanitizer always yields one harmless segment inside the folder', () => {
      const rand = prng(FUZZ_SEED + 4);
      const folder = path.resolve('/tmp/altinn-fuzz-folder');
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        const name = i % 4 === 0 ? `${'../'.repeat(1 + (i % 5))}${randomText(rand)}` : randomText(rand, 16);
        inputs += 1;
        const safe = safeFileName(name, 'fallback.bin');
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must not survive
        assert.ok(safe.length > 0 && !/[/\\\u0000-\u001f]/.test(safe), `${JSON.stringify(name)} → ${JSON.stringify(safe)}`);
        assert.ok(safe !== '.' && safe !== '..' && !safe.startsWith('.'), JSON.stringify(safe));
        const target = childPath(folder, safe);
        assert.equal(path.dirname(target), folder, `${JSON.stringify(name)} left the folder`);
        // The server's Content-Disposition goes through the same path: parse, then sanitize.
        const header = [`attachment; filename="${name}"`, `attachment; filename*=UTF-8''${encodeURIComponent(name)}`, `attachment; filename=${name}`][i % 3];
        const reported = filenameFromContentDisposition(header);
        assert.equal(path.dirname(childPath(folder, safeFileName(reported, 'fallback.bin'))), folder);
      }
    });

    it('upload filenames: checkFilename/contentDisposition only throw AltinnInputError and never emit a header break', () => {
      const rand = prng(FUZZ_SEED + 5);
      for (let i = 0; i < FUZZ_ROUNDS; i++) {
        const name = `${randomText(rand, 8)}.pdf`;
        inputs += 1;
        const header = onlyInputErrors(name, () => contentDisposition(name));
        if (header === undefined) continue;
        onlyInputErrors(name, () => checkFilename(name));
        assert.ok(/^[\x20-\x7e]+$/.test(header), `header is plain ASCII: ${JSON.stringify(header)}`);
        assert.equal(filenameFromContentDisposition(header), name, 'the header round-trips');
      }
    });
  });
});
