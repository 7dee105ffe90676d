import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DataElement, Instance } from '../../src/api';
import type { ConflictChoice } from '../../src/fs/prompts';
import { SERVER_VERSION_SCHEME } from '../../src/fs/serverVersions';
import {
  executeFailing,
  formElement,
  newBuildingPermit,
  nodeFor,
  setText,
  storedText,
  until,
  useDataHarness,
  withApplicant,
} from './dataHarness';

// Data elements in editor tabs, against the in-process emulator (issue 5 "Data elements in editor
// tabs", issue 8 "Saves"). The conflict choice is injected; the conflict detection is the real one.
describe('Data elements in editor tabs', function () {
  this.timeout(60_000);
  const h = useDataHarness();

  async function openForm(instanceApplicant = 'Sophie Salt') {
    const instance = await newBuildingPermit(h, instanceApplicant);
    const element = formElement(instance);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('altinn.openDataElement', nodeFor(h, instance, element));
    assert.ok(uri, 'the open command returns the editor URI');
    const document = await vscode.workspace.openTextDocument(uri);
    return { instance, element, uri, document };
  }

  it('opens form data as XML and saves an edit back to Altinn', async () => {
    const { element, uri, document } = await openForm();
    assert.equal(uri.scheme, 'altinn');
    assert.equal(document.languageId, 'xml');
    assert.match(document.getText(), /<BuildingPermit/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());

    await setText(document, withApplicant(document.getText(), 'Edited In VS Code'));
    assert.equal(await document.save(), true, 'the save succeeds');
    assert.equal(document.isDirty, false);
    assert.match(storedText(h, element.id), /<applicant>Edited In VS Code<\/applicant>/);

    // A second save compares against the lastChanged of the first one, not the one first read.
    await setText(document, withApplicant(document.getText(), 'Edited Twice'));
    assert.equal(await document.save(), true);
    assert.match(storedText(h, element.id), /<applicant>Edited Twice<\/applicant>/);
  });

  it('opens form data as JSON when altinn.formDataFormat is json', async () => {
    const config = vscode.workspace.getConfiguration('altinn');
    await config.update('formDataFormat', 'json', vscode.ConfigurationTarget.Global);
    try {
      const { element, uri, document } = await openForm('Json Person');
      assert.ok(uri.path.endsWith('.json'));
      assert.equal(document.languageId, 'json');
      const model = JSON.parse(document.getText()) as Record<string, unknown>;
      assert.equal(model.applicant, 'Json Person');
      await setText(document, JSON.stringify({ ...model, applicant: 'Saved As Json' }, null, 2));
      assert.equal(await document.save(), true);
      assert.match(storedText(h, element.id), /Saved As Json/);
    } finally {
      await config.update('formDataFormat', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('offers overwrite, reload or cancel with a diff when the element changed on the server, and never overwrites silently', async () => {
    const { instance, element, document } = await openForm();
    // Someone else saves between our open and our save (docs/altinn-behaviour.md §7: no ETag, last write wins).
    const serverXml = withApplicant(storedText(h, element.id), 'Changed On Server');
    await h.other.data.replace(instance, element.id, Buffer.from(serverXml), { contentType: 'application/xml' });

    const choices: ConflictChoice[] = [];
    h.prompts.confirm(() => {
      choices.push('cancel');
      return undefined;
    });
    await setText(document, withApplicant(document.getText(), 'Mine'));
    assert.equal(await document.save(), false, 'a cancelled conflict does not save');
    assert.deepEqual(choices, ['cancel'], 'the user was asked');
    assert.equal(document.isDirty, true);
    assert.match(document.getText(), /<applicant>Mine<\/applicant>/, 'the text is intact');
    assert.match(storedText(h, element.id), /Changed On Server/, 'the server version was not overwritten');
    const diffs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === SERVER_VERSION_SCHEME);
    assert.equal(diffs.length, 1, 'the server version is shown in a diff');
    const serverSide = await vscode.workspace.openTextDocument((diffs[0].input as vscode.TabInputTextDiff).original);
    assert.match(serverSide.getText(), /Changed On Server/);

    h.prompts.confirm('Overwrite');
    assert.equal(await document.save(), true, 'overwrite saves');
    assert.match(storedText(h, element.id), /<applicant>Mine<\/applicant>/);
  });

  it('reloads the server version when the user chooses Reload', async () => {
    const { instance, element, document } = await openForm();
    await h.other.data.replace(instance, element.id, Buffer.from(withApplicant(storedText(h, element.id), 'Server Wins')), {
      contentType: 'application/xml',
    });
    h.prompts.confirm('Reload');
    await setText(document, withApplicant(document.getText(), 'Discard Me'));
    assert.equal(await document.save(), false);
    await until(() => !document.isDirty && /Server Wins/.test(document.getText()), 'the editor shows the server version');
    assert.match(storedText(h, element.id), /Server Wins/);
    // Loaded afresh: the next save is no conflict.
    h.prompts.confirm(() => assert.fail('no conflict expected after a reload'));
    await setText(document, withApplicant(document.getText(), 'After Reload'));
    assert.equal(await document.save(), true);
    assert.match(storedText(h, element.id), /After Reload/);
  });

  it('refuses to save once the element is locked on the server, keeping the editor dirty', async () => {
    const { instance, element, uri, document } = await openForm();
    await setText(document, withApplicant(document.getText(), 'Too Late'));
    // docs/altinn-behaviour.md §1.3 "Data locking": ending Task_1 locks its data.
    await h.other.process.next(instance);
    const before = storedText(h, element.id);
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true);
    assert.match(document.getText(), /Too Late/);
    assert.equal(storedText(h, element.id), before);
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, vscode.FilePermission.Readonly);
    assert.match(h.data.fileSystem.readOnlyReason(uri) ?? '', /locked/i);
  });

  it('opens a locked element read-only with the reason, and refuses writes to it', async () => {
    const created = await newBuildingPermit(h);
    await h.other.process.next(created);
    const instance = await h.other.instances.get(created);
    const element = formElement(instance);
    assert.equal(element.locked, true, 'the emulator locked the element when Task_1 ended');
    const infos = h.prompts.infos.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.openDataElement', nodeFor(h, instance, element));
    const notices = h.prompts.infos.slice(infos);
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, vscode.FilePermission.Readonly);
    assert.equal(notices.length, 1, 'the reason is shown');
    assert.match(notices[0], /locked/i);
    const before = storedText(h, element.id);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('<BuildingPermit/>'))), /locked/i);
    assert.equal(storedText(h, element.id), before);
  });

  it('opens data of archived and of deleted instances read-only, with the reason', async () => {
    // docs/altinn-behaviour.md §1.3: process end archives the instance; writes then answer 409 "Instance Not Active".
    const archived = await newBuildingPermit(h);
    await h.other.process.next(archived);
    await h.other.process.next(archived);
    const deleted = await newBuildingPermit(h);
    await h.other.instances.delete(deleted);
    for (const [created, reason] of [[archived, /archived/], [deleted, /deleted/]] as const) {
      const instance = await h.other.instances.get(created);
      const infos = h.prompts.infos.length;
      const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.openDataElement', nodeFor(h, instance, formElement(instance)));
      const notices = h.prompts.infos.slice(infos);
      assert.equal((await vscode.workspace.fs.stat(uri)).permissions, vscode.FilePermission.Readonly, instance.id);
      assert.match(notices.join(), reason);
    }
  });

  it('keeps the editor dirty with its text when the save fails (503), and saves once the fault is gone', async () => {
    const { element, document } = await openForm();
    await setText(document, withApplicant(document.getText(), 'Survives 503'));
    h.emulator.faults.add({ method: 'PUT', path: '/data/', kind: 'status', status: 503 });
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true);
    assert.match(document.getText(), /Survives 503/);
    assert.doesNotMatch(storedText(h, element.id), /Survives 503/);
    h.emulator.faults.reset();
    assert.equal(await document.save(), true);
    assert.match(storedText(h, element.id), /Survives 503/);
  });

  it('reports a failed open (503 on the data) and opens once the fault is gone', async () => {
    const instance = await newBuildingPermit(h);
    const element = formElement(instance);
    h.emulator.faults.add({ method: 'GET', path: `/data/${element.id}$`, kind: 'status', status: 503 });
    const errors = await executeFailing(h, 'altinn.openDataElement', nodeFor(h, instance, element));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /503/);
    h.emulator.faults.reset();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.openDataElement', nodeFor(h, instance, element));
    assert.match((await vscode.workspace.openTextDocument(uri)).getText(), /<BuildingPermit/);
  });

  /** An instance with a 51 MB drawing: over the size the editor opens. */
  async function withHugeDrawing(): Promise<{ fresh: Instance; element: DataElement }> {
    const instance = await newBuildingPermit(h);
    const big = h.emulator.store.putSyntheticBlob(instance.id, 'drawing', 51 * 1024 * 1024, { filename: 'huge.pdf', contentType: 'application/pdf' });
    const fresh = await h.other.instances.get(instance);
    const element = fresh.data?.find((d) => d.id === big.id);
    assert.ok(element);
    return { fresh, element };
  }

  it('offers a download instead of opening an element over 50 MB', async () => {
    const { fresh, element } = await withHugeDrawing();
    const infos = h.prompts.infos.length;
    const uri = await vscode.commands.executeCommand('altinn.openDataElement', nodeFor(h, fresh, element));
    const offers = h.prompts.infos.slice(infos);
    assert.equal(uri, undefined, 'nothing opened');
    assert.equal(offers.length, 1);
    assert.match(offers[0], /50 MB/);
  });

  it('downloads an element over 50 MB into a folder when the offer is taken (the transfers bundle, loaded on first use)', async () => {
    const { fresh, element } = await withHugeDrawing();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-offer-'));
    try {
      h.prompts.answerMessages((_text, items) => items.find((i) => i === 'Download…'));
      h.prompts.openFile(vscode.Uri.file(folder));
      const uri = await vscode.commands.executeCommand('altinn.openDataElement', nodeFor(h, fresh, element));
      assert.equal(uri, undefined, 'nothing opened');
      assert.deepEqual(h.prompts.errors(), []);
      assert.equal(fs.statSync(path.join(folder, 'huge.pdf')).size, 51 * 1024 * 1024);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
