// Issue 8 inside VS Code, editor saves: a save hit by a reset, a 500, a 429 or a lost answer fails, keeps
// the editor dirty with its text intact, and never overwrites silently; a write to an archived instance is
// refused locally with the reason. No unhandled promise rejection in the extension host throughout.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  formElement,
  newBuildingPermit,
  nodeFor,
  setText,
  storedText,
  useDataHarness,
  withApplicant,
} from './dataHarness';
import { failOnUnhandledRejections } from './reliabilityHooks';

describe('Reliability in VS Code: editor saves under faults', function () {
  this.timeout(90_000);
  failOnUnhandledRejections();
  const h = useDataHarness();

  async function openForm() {
    const instance = await newBuildingPermit(h, 'Before Faults');
    const element = formElement(instance);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('altinn.openDataElement', nodeFor(h, instance, element));
    assert.ok(uri, 'opened');
    return { instance, element, document: await vscode.workspace.openTextDocument(uri) };
  }

  for (const [name, rule] of [
    ['a connection reset', { kind: 'reset' }],
    ['a 500', { kind: 'status', status: 500 }],
    ['a 429', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
  ] as const) {
    it(`a save hit by ${name} fails, keeps the editor dirty with its text, and changes nothing on the server`, async () => {
      const { element, document } = await openForm();
      await setText(document, withApplicant(document.getText(), `Survives ${name}`));
      const edited = document.getText();
      h.emulator.faults.add({ method: 'PUT', path: `/data/${element.id}$`, ...rule, times: 1 });
      assert.equal(await document.save(), false);
      assert.equal(document.isDirty, true);
      assert.equal(document.getText(), edited, 'the text is intact');
      assert.match(storedText(h, element.id), /Before Faults/);
      assert.equal(await document.save(), true, 'saves once the fault is gone');
      assert.match(storedText(h, element.id), new RegExp(`Survives ${name}`));
    });
  }

  it('a write to an archived instance is refused locally with the reason: no PUT reaches Altinn', async () => {
    // docs/altinn-behaviour.md §1.3: process end archives the instance; a PUT would answer 409 "Instance Not Active".
    const created = await newBuildingPermit(h);
    await h.other.process.next(created);
    await h.other.process.next(created);
    const instance = await h.other.instances.get(created);
    const element = formElement(instance);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.openDataElement', nodeFor(h, instance, element));
    assert.match(h.data.fileSystem.readOnlyReason(uri) ?? '', /archived/i);
    // A tripwire: had a PUT been sent, its error would say 418, not give the local reason.
    h.emulator.faults.add({ method: 'PUT', path: '/data/', kind: 'status', status: 418 });
    const before = storedText(h, element.id);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('<BuildingPermit/>'))), (e: Error) => /archived/i.test(e.message) && !/418/.test(e.message));
    assert.equal(storedText(h, element.id), before);
  });

  it('a save whose answer is lost: the editor stays dirty, and the next save asks instead of overwriting silently', async () => {
    const { element, document } = await openForm();
    await setText(document, withApplicant(document.getText(), 'Lost Answer'));
    const edited = document.getText();
    h.emulator.faults.add({ method: 'PUT', path: `/data/${element.id}$`, kind: 'truncate', times: 1 });
    assert.equal(await document.save(), false);
    assert.equal(document.isDirty, true);
    assert.equal(document.getText(), edited);
    assert.match(storedText(h, element.id), /Lost Answer/, 'the server did get it, once');
    const asked: string[] = [];
    h.prompts.confirm((text) => {
      asked.push(/"(.*)"/.exec(text)?.[1] ?? text);
      return 'Overwrite';
    });
    assert.equal(await document.save(), true);
    assert.equal(document.isDirty, false);
    assert.match(storedText(h, element.id), /Lost Answer/);
    assert.equal(asked.length, 1, 'the changed server version was noticed and the user asked');
  });
});
