import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentTypeFor, english, type AppProcessState, type DataElement, type DataType, type Instance } from '../../src/api';
import { downloadFileName, editorFileName, openMode } from '../../src/fs/classify';
import { childPath, freeChildPath, safeFileName } from '../../src/fs/filenames';
import { readOnlyCause } from '../../src/fs/readOnly';
import { renderRule } from '../../src/fs/ruleMessages';
import { uploadFile, uploadProblems } from '../../src/fs/uploadRules';
import { DATA_GUID, drawing, element, instance } from './fsFixtures';

// Moved from the VS Code suite (test/suite/fsRules.test.ts): the rules no longer import vscode, so they run in
// plain Node. The assertions are unchanged; sentences are rendered in English, as the edge does in an English VS Code.

const form: DataType = { id: 'model', appLogic: { classRef: 'App.Models.BuildingPermit' }, maxCount: 1, minCount: 1 };

function readOnlyReason(instance: Instance, element: DataElement, dataType: DataType | undefined, process?: AppProcessState): string | undefined {
  const cause = readOnlyCause(instance, element, dataType, process);
  return cause && renderRule(cause, english);
}

describe('Data element rules (plain Node)', () => {
  it('reduces hostile server filenames to one harmless segment', () => {
    // issue 8 "Bad input": a Content-Disposition filename like ../../x never leaves the chosen folder.
    assert.equal(safeFileName('../../x', 'f'), 'x');
    assert.equal(safeFileName('..\\..\\evil.exe', 'f'), 'evil.exe');
    assert.equal(safeFileName('C:\\Windows\\win.ini', 'f'), 'win.ini');
    assert.equal(safeFileName('..', 'fallback.bin'), 'fallback.bin');
    assert.equal(safeFileName('', 'fallback.bin'), 'fallback.bin');
    assert.equal(safeFileName('con.txt', 'fallback.bin'), 'fallback.bin');
    assert.equal(safeFileName('a\u0000b?.pdf', 'f'), 'a_b_.pdf');
    assert.equal(safeFileName('tegning plan æøå.png', 'f'), 'tegning plan æøå.png');
    assert.throws(() => childPath('/tmp/a', '../b'));
  });

  it('never builds a download path outside its folder, whatever the name (fuzz)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-fuzz-'));
    try {
      const alphabet = ['.', '..', '/', '\\', ':', 'a', 'Ø', ' ', '\u0000', '~', '%2e', 'con', '*', '\n'];
      let seed = 42;
      const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
      for (let i = 0; i < 5000; i++) {
        const name = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
        const target = freeChildPath(folder, safeFileName(name, 'fallback.bin'));
        assert.equal(path.dirname(target), path.resolve(folder), `escaped with ${JSON.stringify(name)}`);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('picks a free name next to existing files and partial downloads', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-free-'));
    try {
      fs.writeFileSync(path.join(folder, 'a.pdf'), '');
      fs.writeFileSync(path.join(folder, 'a (1).pdf.part'), '');
      assert.equal(freeChildPath(folder, 'a.pdf'), path.join(folder, 'a (2).pdf'));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('opens form data as XML or JSON, images in the preview, and offers other binaries and >50 MB as downloads', () => {
    assert.deepEqual(openMode(element({ dataType: 'model', contentType: 'application/xml' }), form, 'xml'), { kind: 'formData', format: 'xml' });
    assert.equal(editorFileName(element({ dataType: 'model', filename: 'x.bin' }), { kind: 'formData', format: 'json' }), 'model.json');
    assert.deepEqual(openMode(element({ contentType: 'image/png', filename: 'p.png' }), drawing, 'xml'), { kind: 'image' });
    assert.deepEqual(openMode(element({}), drawing, 'xml'), { kind: 'download', reason: 'binary' });
    assert.deepEqual(openMode(element({ contentType: 'image/png', size: 51 * 1024 * 1024 }), drawing, 'xml'), { kind: 'download', reason: 'tooLarge' });
    assert.equal(editorFileName(element({ contentType: 'image/png', filename: '../x' }), { kind: 'image' }), 'x.png');
    assert.equal(downloadFileName(element({ filename: undefined }), drawing), `drawing-${DATA_GUID.slice(0, 8)}.pdf`);
  });

  it('explains why an element is read-only: deleted, archived, locked, no task', () => {
    assert.match(readOnlyReason(instance({ status: { isSoftDeleted: true } }), element({}), drawing) ?? '', /deleted/);
    assert.match(readOnlyReason(instance({ status: { isArchived: true } }), element({}), drawing) ?? '', /archived/);
    assert.match(readOnlyReason(instance(), element({ locked: true }), { ...form, taskId: 'Task_1' }) ?? '', /locked.*Task_1/);
    assert.match(readOnlyReason(instance({ process: {} }), element({}), drawing) ?? '', /no current task/);
    assert.equal(readOnlyReason(instance(), element({}), drawing), undefined);
    assert.match(
      readOnlyReason(instance(), element({}), drawing, { currentTask: { elementId: 'Task_1', write: false } }) ?? '',
      /not allowed to write/,
    );
  });

  it('finds every upload Altinn would refuse before sending (type, size, count, extension, archived)', () => {
    // docs/altinn-behaviour.md §1.3 upload rules: Content-Type from the extension must be allowed; maxSize is MB; maxCount counts existing elements.
    const ok = uploadFile('/x/plan ø.pdf', 'plan ø.pdf', 1024);
    assert.deepEqual(uploadProblems(drawing, instance(), [ok]), []);
    assert.equal(contentTypeFor('a.PNG'), 'image/png');
    assert.equal(uploadProblems(drawing, instance(), [uploadFile('/x/a.txt', 'a.txt', 5)]).length, 1);
    assert.equal(uploadProblems(drawing, instance(), [uploadFile('/x/a.pdf', 'a.pdf', 10 * 1024 * 1024 + 1)]).length, 1);
    assert.equal(uploadProblems(drawing, instance(), [uploadFile('/x/a.pdf', 'a.pdf', 0)]).length, 1);
    assert.equal(uploadProblems(drawing, instance(), [uploadFile('/x/README', 'README', 3)]).length, 2, 'no extension, so no allowed type');
    const full = instance({ data: Array.from({ length: 5 }, (_, i) => element({ id: `${i}` })) });
    assert.equal(uploadProblems(drawing, full, [ok]).length, 1);
    assert.equal(uploadProblems(drawing, instance({ status: { isArchived: true } }), [ok]).length, 1);
    assert.deepEqual(uploadProblems({ id: 'any' }, instance(), [uploadFile('/x/a.xyz', 'a.xyz', 3)]), [], 'no allowedContentTypes = anything');
  });
});
