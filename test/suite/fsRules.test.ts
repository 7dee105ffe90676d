import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AltinnApiError, bundleTranslator } from '../../src/api';
import { httpError } from '../../src/api/http-errors';
import { dataUri, parseDataUri } from '../../src/fs/dataUri';
import { dataTypeDescription, readOnlyReason, uploadProblemTexts } from '../../src/fs/ruleText';
import { uploadFile } from '../../src/fs/uploadRules';
import { toEntry } from '../../src/environments/registry';
import { errorMessage } from '../../src/util/errors';
import { DATA_GUID, drawing, element, GUID, instance } from '../unit/fsFixtures';

// The data rules that need VS Code (URIs, the edge that renders rule codes with vscode.l10n.t). The rules
// themselves are tested in plain Node: test/unit/fsRules.test.ts.

function extensionRoot(): string {
  const extension = vscode.extensions.all.find((e) => fs.existsSync(path.join(e.extensionPath, 'l10n', 'bundle.l10n.nb.json')) && e.packageJSON?.name === 'altinn-explorer');
  assert.ok(extension, 'the extension under test');
  return extension.extensionPath;
}

describe('Data element rules', () => {
  it('round-trips altinn: URIs and treats malformed ones as not found', () => {
    const ref = { envId: 'tt02', appId: { org: 'ttd', app: 'building-permit' }, instanceId: { partyId: 501337, guid: GUID }, dataId: DATA_GUID, fileName: 'plan æ.pdf' };
    const uri = dataUri(ref);
    assert.equal(uri.scheme, 'altinn');
    assert.deepEqual(parseDataUri(vscode.Uri.parse(uri.toString())), ref);
    assert.throws(() => parseDataUri(uri.with({ path: `/ttd/building-permit/501337/not-a-guid/${DATA_GUID}/x` })), vscode.FileSystemError);
    assert.throws(() => parseDataUri(uri.with({ path: '/../../etc/passwd' })), vscode.FileSystemError);
  });


  it('renders rule codes and API errors at the edge through vscode.l10n.t, in the display language', () => {
    // The suite's VS Code runs in English; its display language cannot change at run time, so the Norwegian
    // case swaps vscode.l10n.t for one that reads l10n/bundle.l10n.nb.json by the same English key, as VS Code
    // does when it runs in Norwegian. That shows the edge asks vscode.l10n.t and nothing else for its words.
    assert.equal(vscode.l10n.bundle, undefined, 'an English VS Code loads no bundle');
    const archived = instance({ status: { isArchived: true } });
    const apiError = httpError('PUT', 'https://ttd.apps.altinn.no/x', 409, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify({ title: 'Conflict', status: 409, detail: 'Process is ended.' })));
    assert.ok(apiError instanceof AltinnApiError);
    const english = {
      reason: readOnlyReason(archived, element({}), drawing),
      upload: uploadProblemTexts(drawing, instance(), [uploadFile('/x/a.txt', 'a.txt', 5)]),
      type: dataTypeDescription(drawing),
      error: errorMessage(apiError),
      setting: toEntry({ id: 'e', name: 'E', kind: 'emulator' }).error,
    };
    assert.deepEqual(english, {
      reason: 'The instance is archived (its process has ended); Altinn does not accept changes to its data.',
      upload: ['"a.txt" (text/plain) is not allowed for drawing; allowed: application/pdf, image/png.'],
      type: 'application/pdf, image/png · max 10 MB · max 5 files',
      error: 'The process has already ended (409)',
      setting: 'An emulator environment needs its base URL, like http://127.0.0.1:5101.',
    });
    const bundle = JSON.parse(fs.readFileSync(path.join(extensionRoot(), 'l10n', 'bundle.l10n.nb.json'), 'utf8')) as Record<string, string>;
    const l10n = vscode.l10n as { t: typeof vscode.l10n.t };
    const original = l10n.t;
    try {
      l10n.t = bundleTranslator(bundle) as typeof vscode.l10n.t;
      assert.equal(vscode.l10n.t, l10n.t, 'vscode.l10n.t can be replaced for the test');
      assert.equal(readOnlyReason(archived, element({}), drawing), bundle['The instance is archived (its process has ended); Altinn does not accept changes to its data.']);
      assert.deepEqual(uploadProblemTexts(drawing, instance(), [uploadFile('/x/a.txt', 'a.txt', 5)]), [
        '«a.txt» (text/plain) er ikke tillatt for drawing; tillatt: application/pdf, image/png.',
      ]);
      assert.equal(dataTypeDescription(drawing), 'application/pdf, image/png · maks 10 MB · maks 5 filer');
      assert.equal(errorMessage(apiError), 'Prosessen er allerede avsluttet (409)');
      // A setting Altinn Explorer cannot use: its problem shows in the tree, from src/api's coded input error.
      assert.equal(toEntry({ id: 'e', name: 'E', kind: 'emulator' }).error, bundle['An emulator environment needs its base URL, like http://127.0.0.1:5101.']);
    } finally {
      l10n.t = original;
    }
    assert.equal(errorMessage(apiError), english.error);
  });
});
