// The sequences to replay, one per recorded test case: which app, which token, and for each step the
// request body the recording leaves out (Verify records headers and Content-Length, not request bodies).
// The bodies are built as the recording tests build them; method, URL and headers come from the recordings.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BodyMode } from './replay-compare';

/** How app-lib's AppFixture.Auth asks localtest for a token (test/Altinn.App.Integration.Tests/_fixture/Operations/AppFixture.Auth.cs). */
export const TOKEN_PATHS: Record<string, string> = {
  OldUser: '/Home/GetTestUserToken/1337',
  OldServiceOwner: `/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=${encodeURIComponent('altinn:serviceowner/instances.write altinn:serviceowner/instances.read')}`,
  User: '/Home/auth/user?userId=1337',
  ServiceOwner: '/Home/auth/serviceowner?org=ttd&orgNumber=405003309',
};

export interface RequestBody {
  contentType?: string;
  body: string;
}

export interface Step {
  /** The recording this step is compared with; undefined for a setup step the test does not record. */
  file?: string;
  /** For setup steps and recordings without a request (the controller tests' wire snapshots). */
  method?: string;
  path?: string;
  /** For a wire snapshot that holds several answers: the member that holds this step's answer. */
  part?: string;
  mode: BodyMode;
  /** The body, given the placeholder values bound so far. */
  body?(bound: (name: string) => string): RequestBody;
  /** Why the step is not replayed (a feature the emulator knowingly lacks). */
  skip?: string;
}

export interface Sequence {
  name: string;
  app: { folder: string; scenario?: string };
  token: string;
  steps: Step[];
}

const json = (v: unknown): RequestBody => ({ contentType: 'application/json', body: JSON.stringify(v) });

/** InstansiationInstance as System.Text.Json (web defaults) writes it: camelCase, nulls kept. */
function simplified(partyId: string, prefill: Record<string, string> | null = null): RequestBody {
  return json({
    instanceOwner: { partyId, personNumber: null, organisationNumber: null, username: null, externalIdentifier: null },
    dueBefore: null, visibleAfter: null, prefill, sourceInstanceId: null, notification: null,
  });
}

const BOUNDARY = 'replay-boundary-7d0c2a';

/** MultipartFormDataContent with an `instance` part and optional data parts, as AppFixture.Instances.PostMultipart sends. */
function multipart(parts: Array<[string, string, string]>): RequestBody {
  const body = parts.map(([name, type, content]) =>
    `--${BOUNDARY}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Disposition: form-data; name=${name}\r\n\r\n${content}\r\n`).join('');
  return { contentType: `multipart/form-data; boundary="${BOUNDARY}"`, body: `${body}--${BOUNDARY}--\r\n` };
}

const TEMPLATE = JSON.stringify({ instanceOwner: { partyId: '501337' } });

/** BasicAppTests.CreateInstance (test/Altinn.App.Integration.Tests/Basic/BasicAppTests.cs). */
const INSTANTIATION: Record<string, () => RequestBody> = {
  SimplifiedNoPrefill: () => simplified('501337'),
  SimplifiedWithPrefill: () => simplified('501337', { property1: '1', property2: '1' }),
  MultipartNoPrefill: () => multipart([['instance', 'application/json', TEMPLATE]]),
  MultipartJsonPrefill: () => multipart([['instance', 'application/json', TEMPLATE],
    ['model', 'application/json', '{"property1":"1","property2":"1"}']]),
  MultipartXmlPrefill: () => multipart([['instance', 'application/json', TEMPLATE],
    ['model', 'application/xml', '<model><property1>1</property1><property2>1</property2></model>']]),
};

const HAS_PREFILL = new Set(['SimplifiedWithPrefill', 'MultipartJsonPrefill', 'MultipartXmlPrefill']);

/** The DataPatchRequestMultiple of BasicAppTests.Full: test property1, then set property1 and property2 to "2". */
function patch(testCase: string, bound: (name: string) => string): RequestBody {
  const initial = HAS_PREFILL.has(testCase) ? '1' : null;
  return json({
    patches: [{
      dataElementId: bound('<dataElementId[0]>'),
      patch: [
        { op: 'test', path: '/property1', value: initial },
        { op: 'replace', path: '/property1', value: '2' },
        { op: 'replace', path: '/property2', value: '2' },
      ],
    }],
    ignoredValidators: null,
  });
}

function fullStep(file: string, testCase: string, snapshot: string): Step {
  switch (snapshot) {
    case 'Instantiation': return { file, mode: 'model', body: INSTANTIATION[testCase] };
    case 'PatchFormData': return { file, mode: 'model', body: (bound) => patch(testCase, bound) };
    case 'Download-PDF': return { file, mode: 'model', skip: 'PDF generation at process end (emulator README, known differences)' };
    // Form data is read as a JSON token (names and nulls as sent); everything else into a .NET model.
    default: return { file, mode: snapshot.startsWith('Download-Data') ? 'wire' : 'model' };
  }
}

const PDF = '%PDF-1.4 fake pdf content';

export function sequences(appLibDir: string): Sequence[] {
  const files = readdirSync(appLibDir).filter((f) => f.endsWith('.verified.txt')).sort((a, b) => a.localeCompare(b, 'en'));
  const out: Sequence[] = [];
  const full = new Map<string, Sequence>();
  for (const file of files) {
    let m: RegExpExecArray | null;
    if ((m = /^BasicAppTests\.Full_auth=(\w+)_testCase=(\w+)_(\d+)_(.+)\.verified\.txt$/.exec(file))) {
      const [, auth, testCase, , snapshot] = m;
      const name = `BasicAppTests.Full auth=${auth} testCase=${testCase}`;
      let seq = full.get(name);
      if (!seq) {
        seq = { name, app: { folder: 'ttd-basic' }, token: TOKEN_PATHS[auth], steps: [] };
        full.set(name, seq);
        out.push(seq);
      }
      seq.steps.push(fullStep(file, testCase, snapshot));
    } else if ((m = /^BasicAppTests\.DataUpload_filenameQuoted=(\w+)_useNewEndpoint=(\w+)_0_UploadResponse\.verified\.txt$/.exec(file))) {
      out.push({
        name: file, app: { folder: 'ttd-basic' }, token: TOKEN_PATHS.User, steps: [
          { method: 'POST', path: '/ttd/basic/instances/create', mode: 'model', body: () => simplified('501337') },
          { file, mode: 'model', body: () => ({ body: PDF }) },
        ],
      });
    } else if ((m = /^SubunitOnlyAppTests\.Instantiate_partyId=(\d+)_0_Instance\.verified\.txt$/.exec(file))) {
      const partyId = m[1];
      out.push({ name: file, app: { folder: 'ttd-basic', scenario: 'subunit-only' }, token: TOKEN_PATHS.User,
        steps: [{ file, mode: 'model', body: () => simplified(partyId) }] });
    } else if (file === 'SubunitOnlyAppTests.ApplicationMetadata_0.verified.txt') {
      out.push({ name: file, app: { folder: 'ttd-basic', scenario: 'subunit-only' }, token: TOKEN_PATHS.User,
        steps: [{ file, mode: 'model' }] });
    } else if (file === 'InstancesController_GetTests.ReturnsOkResult_Raw.verified.txt') {
      // InstancesControllerFixture.CreateInstanceSimplified, then GET of the new instance (test/Altinn.App.Api.Tests/Controllers).
      const app = '/tdd/contributer-restriction/instances';
      out.push({ name: file, app: { folder: 'tdd-contributer-restriction' }, token: TOKEN_PATHS.User, steps: [
        { file, part: 'createdResponse', method: 'POST', path: `${app}/create`, mode: 'mocked',
          body: () => json({ prefill: {}, instanceOwner: { partyId: '501337' } }) },
        { file, part: 'readResponse', method: 'GET', path: `${app}/<instancOwnerPartyId>/<instanceGuid>`, mode: 'mocked' },
      ] });
    } else {
      throw new Error(`recordings/app-lib/${file}: no sequence knows this recording`);
    }
  }
  return out;
}

export function appLibDir(recordings: string): string {
  return path.join(recordings, 'app-lib');
}
