// Words at the edge (issue 16): src/api and the data rules return codes and Altinn's own words; the sentence is
// rendered by a Translate. VS Code's display language cannot change while the suite runs, so the Norwegian case
// is shown here with l10n/bundle.l10n.nb.json, looked up by the same English key vscode.l10n.t uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AltinnApiError,
  AltinnInputError,
  API_ERROR_MESSAGES,
  bundleTranslator,
  checkFilename,
  encodeInstanceFilter,
  english,
  Environment,
  INPUT_ERROR_MESSAGES,
  parseAppId,
  parseInstanceId,
  UnknownFileTypeError,
  type DataElement,
  type Instance,
  type InputErrorCode,
} from '../../src/api';
import { httpError, redirectError, responseTooLarge, toApiError } from '../../src/api/http-errors';
import { dataTypeOf } from '../../src/api/upload-plan';
import { readOnlyCause } from '../../src/fs/readOnly';
import { FS_RULE_MESSAGES, renderRule, type FsRuleCode } from '../../src/fs/ruleMessages';
import { describeDataType, uploadFile, uploadProblems } from '../../src/fs/uploadRules';

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'l10n', 'bundle.l10n.nb.json'))) return dir;
    assert.notEqual(path.dirname(dir), dir, `no l10n/bundle.l10n.nb.json above ${from}`);
  }
}

const repoRoot = findRepoRoot(__dirname);
const bundle = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as Record<string, string>;
const nb = bundleTranslator(bundle);
const url = 'https://ttd.apps.altinn.no/ttd/app/instances/1/2';
const problemJson = { 'content-type': 'application/problem+json' };

function problem(status: number, body: object): AltinnApiError {
  return httpError('PUT', url, status, problemJson, Buffer.from(JSON.stringify(body)));
}

describe('l10n: sentences rendered from codes', () => {
  it('has a Norwegian sentence for every code of src/api and of the data rules', () => {
    const untranslated = [...Object.values(API_ERROR_MESSAGES), ...Object.values(INPUT_ERROR_MESSAGES), ...Object.values(FS_RULE_MESSAGES)].filter((m) => !(m in bundle));
    assert.deepEqual(untranslated, []);
  });

  it("says src/api's failures in Norwegian, keeping Altinn's own title and detail and the status", () => {
    assert.equal(problem(409, { title: 'Conflict', status: 409, detail: 'Process is ended.' }).describe(nb), 'Prosessen er allerede avsluttet (409)');
    assert.equal(httpError('GET', url, 403, {}, undefined).describe(nb), 'Ingen tilgang: du har ikke lov til dette, eller elementet finnes ikke (403)');
    assert.equal(httpError('GET', url, 418, {}, undefined).describe(nb), 'Forespørselen mislyktes (418)');
    // Altinn's own text is not ours to translate.
    assert.equal(problem(400, { title: 'Bad Request', status: 400, detail: 'Element type nope not allowed.' }).describe(nb), 'Element type nope not allowed. (400)');
    const issues = Array.from({ length: 5 }, (_, i) => ({ severity: 1, field: `f${i}`, description: `d${i}` }));
    assert.equal(problem(409, { title: 'Validation failed', status: 409, validationIssues: issues }).describe(nb), 'Validation failed — f0: d0; f1: d1; f2: d2; og 2 til (409)');
    assert.equal(redirectError('GET', url, 307, { location: 'http://local.altinn.cloud/x' }).describe(nb), 'Serveren videresender til http://local.altinn.cloud; sett miljøets URL til den adressen (307)');
    assert.equal(responseTooLarge('GET', url, 2 * 1048576).describe(nb), 'Svaret er større enn 2 MiB; sluttet å lese det');
    assert.equal(new AltinnApiError({ kind: 'aborted', method: 'GET', url }).describe(nb), 'Avbrutt: GET-forespørselen ble avbrutt');
    assert.equal(new AltinnApiError({ kind: 'timeout', method: 'PUT', url }).describe(nb), 'Altinn svarte ikke i tide (PUT fikk tidsavbrudd)');
    assert.equal(toApiError({ message: 'socket hang up' }, 'GET', url).describe(nb), 'Fikk ikke kontakt med Altinn: nettverksfeil (socket hang up)');
  });

  it('keeps English for the CLI and Error.message through the same codes', () => {
    const errors = [
      problem(409, { title: 'Conflict', status: 409, detail: 'Process is ended.' }),
      redirectError('GET', url, 307, {}),
      toApiError({ code: 'ECONNRESET', message: 'reset' }, 'GET', url),
      httpError('GET', url, 503, {}, undefined),
    ];
    assert.deepEqual(
      errors.map((e) => e.describe(english)),
      errors.map((e) => e.message),
    );
    assert.equal(errors[1].message, 'The server answered with a redirect, which is not followed (307)');
  });

  it('renders a coded input error in either language, and a plain one as it was given', () => {
    const coded = new AltinnInputError({ code: 'localtestHost', args: ['"example.com"'] });
    assert.equal(coded.message, 'A localtest environment must point at local.altinn.cloud or a loopback host, not "example.com".');
    assert.equal(coded.describe(nb), bundle[INPUT_ERROR_MESSAGES.localtestHost].replace('{0}', '"example.com"'));
    assert.notEqual(coded.describe(nb), coded.message);
    assert.throws(() => new Environment({ id: 'x', name: 'X', kind: 'emulator' }), (e: unknown) => e instanceof AltinnInputError && e.code === 'emulatorNeedsUrl');
    assert.equal(new AltinnInputError('Plain words.').describe(nb), 'Plain words.');
    // A URL's kind is a word of the catalogue, translated with the sentence it fills.
    const plainHttp = (() => {
      try {
        new Environment({ id: 'p', name: 'P', kind: 'production', platformUrl: 'http://platform.altinn.no' });
      } catch (e) {
        return e as AltinnInputError;
      }
      assert.fail('plain http was accepted');
    })();
    assert.match(plainHttp.message, /^The platform URL "http:\/\/platform.altinn.no" uses plain http/);
    assert.match(plainHttp.describe(nb), /^Plattform-URL-en "http:\/\/platform.altinn.no" bruker ren http, som ville sende tokener ukryptert\./);
  });

  it('says the data rules in Norwegian from their codes', () => {
    const instance: Instance = { id: '1/2', appId: 'ttd/app', org: 'ttd', instanceOwner: { partyId: '1' }, process: { currentTask: { elementId: 'Task_1' } }, data: [] };
    const element: DataElement = { id: 'e', dataType: 'drawing', contentType: 'application/pdf', size: 1, locked: true };
    const locked = readOnlyCause(instance, element, { id: 'drawing' });
    assert.deepEqual(locked, { code: 'elementLocked', args: undefined });
    assert.equal(renderRule(locked!, english), 'The data element is locked: the task it belongs to (unknown task) has ended.');
    assert.equal(renderRule(locked!, nb), `Dataelementet er låst: oppgaven det hører til (${bundle['unknown task']}), er avsluttet.`);
    const drawing = { id: 'drawing', allowedContentTypes: ['application/pdf'], maxSize: 1, maxCount: 1 };
    const problems = uploadProblems(drawing, instance, [uploadFile('/x/a.txt', 'a.txt', 0)]);
    assert.deepEqual(problems.map((p) => p.code), ['typeNotAllowed', 'emptyFile']);
    assert.deepEqual(problems.map((p) => renderRule(p, nb)), ['«a.txt» (text/plain) er ikke tillatt for drawing; tillatt: application/pdf.', bundle['"{0}" is empty; Altinn refuses empty data elements.'].replace('{0}', 'a.txt')]);
    assert.equal(describeDataType(drawing, nb), 'application/pdf · maks 1 MB · maks 1 filer');
    for (const code of Object.keys(FS_RULE_MESSAGES) as FsRuleCode[]) {
      assert.notEqual(renderRule({ code, args: ['a', 'b', 'c', 'd'] }, nb), renderRule({ code, args: ['a', 'b', 'c', 'd'] }, english), code);
    }
  });

  it('gives every input error of src/ a code, so none stays English in a Norwegian VS Code', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const plain: string[] = [];
    for (const file of sources(path.join(repoRoot, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      // A sentence given as a string or template literal, to the class or to a subclass's super().
      const calls = [...text.matchAll(/new AltinnInputError\(\s*['"`]/g)];
      if (/extends AltinnInputError\b/.test(text)) calls.push(...text.matchAll(/\bsuper\(\s*['"`]/g));
      for (const call of calls) plain.push(`${path.relative(repoRoot, file)}:${text.slice(0, call.index).split('\n').length}`);
    }
    assert.deepEqual(plain, []);
  });

  it('says the input errors of ids, filters and uploads in Norwegian, and the same English as before', () => {
    const caught = (f: () => unknown): AltinnInputError => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof AltinnInputError, String(e));
        assert.ok(e.code, `no code: ${e.message}`);
        return e;
      }
      assert.fail('no input error');
    };
    const appId = caught(() => parseAppId('ttd'));
    assert.equal(appId.message, 'Invalid app id "ttd": expected "org/app", like "ttd/building-permit".');
    assert.equal(appId.describe(nb), 'Ugyldig app-id "ttd": forventet «org/app», som «ttd/building-permit».');
    assert.equal(caught(() => parseInstanceId('1/x')).describe(nb), 'Ugyldig instans-id "1/x": "x" er ikke en GUID (8-4-4-4-12 heksadesimale sifre).');
    assert.equal(caught(() => encodeInstanceFilter({ order: 'up' as 'asc' }, true)).describe(nb), 'Ugyldig rekkefølge "up": forventet «asc» eller «desc».');
    assert.equal(caught(() => checkFilename('a/b.pdf')).describe(nb), 'Ugyldig filnavn "a/b.pdf": oppgi et rent filnavn uten «/» eller «\\».');
    const unknownType = new UnknownFileTypeError('a.xyz', 'drawing', ['application/pdf']);
    assert.equal(unknownType.message, 'The type of "a.xyz" is not known from its extension, and drawing accepts only application/pdf. Say which type the file is.');
    assert.equal(unknownType.describe(nb), 'Filtypen til «a.xyz» kan ikke avgjøres ut fra filendelsen, og drawing godtar bare application/pdf. Si hvilken type filen er.');
    // A missing app id is a word of the catalogue, translated with its sentence.
    const noType = caught(() => dataTypeOf({ dataTypes: [] } as unknown as Parameters<typeof dataTypeOf>[0], 'x'));
    assert.equal(noType.message, 'The app has no data type "x".');
    assert.equal(noType.describe(nb), 'Appen har ingen datatype «x».');
    // Every sentence of the catalogue reads differently in Norwegian.
    for (const code of Object.keys(INPUT_ERROR_MESSAGES) as InputErrorCode[]) {
      const coded = new AltinnInputError({ code, args: ['a', 'b', 'c'] });
      assert.notEqual(coded.describe(nb), coded.message, code);
    }
  });
});
