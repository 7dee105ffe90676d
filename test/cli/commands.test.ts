// Each command against the emulator, signed in through ALTINN_TOKEN (the keychain has its own suite).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AltinnClient, Instance } from '../../src/api';
import type { Emulator } from '../emulator/index';
import { ANSI, assertBuilt, CLI, type CliHome, hasCommand, orgToken, OWNER_SCOPES, REPO_ROOT, runCli, runInTerminal, startCliWorld, TTD_ORG_NUMBER, userToken } from './helpers';

const BUILDING_PERMIT = 'ttd/building-permit';

function permitXml(applicant: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<BuildingPermit><applicant>${applicant}</applicant><address>Storgata 1</address><areaSquareMeters>120</areaSquareMeters></BuildingPermit>`;
}

describe('cli: commands against the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: CliHome;
  let owner: string;
  let user: string;
  let api: AltinnClient;
  const asOwner = (): Record<string, string | undefined> => home.env({ ALTINN_TOKEN: owner });
  const asUser = (): Record<string, string | undefined> => home.env({ ALTINN_TOKEN: user });

  before(async () => {
    assertBuilt();
    ({ emulator, home, api } = await startCliWorld({ port: 0 }));
    owner = await orgToken(emulator.url);
    user = await userToken(emulator.url);
  });
  after(async () => {
    await emulator?.close();
    await home?.dispose();
  });

  it('env add, list and remove keep only environments, no secrets, in config.json', async () => {
    const add = await runCli(['env', 'add', 'tt02', '--kind', 'tt02', '--json'], { env: asOwner() });
    assert.equal(add.code, 0, add.stderr);
    assert.deepEqual(JSON.parse(add.stdout), { id: 'tt02', name: 'tt02', kind: 'tt02', default: false, replaced: false });
    const list = await runCli(['env', 'list', '--json'], { env: home.env() });
    assert.deepEqual((JSON.parse(list.stdout) as { id: string; default: boolean }[]).map((e) => [e.id, e.default]), [['emu', true], ['tt02', false]]);
    const text = await runCli(['env', 'list'], { env: home.env() });
    assert.match(text.stdout, /emu \(default\)\s+emu\s+emulator/);
    const config = await readFile(home.configFile, 'utf8');
    assert.ok(!config.includes(owner.split('.')[2]), 'config.json holds a token');
    const removed = await runCli(['env', 'remove', 'tt02'], { env: home.env() });
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Removed environment tt02/);
    const again = await runCli(['env', 'remove', 'tt02'], { env: home.env() });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /No environment "tt02"/);
  });

  it('apps lists an organisation\'s apps, as a table and as JSON', async () => {
    const table = await runCli(['apps', 'ttd'], { env: asOwner() });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^APP\s+TITLE\s+DATA TYPES\n/);
    assert.match(table.stdout, /ttd\/building-permit\s+Building permit\s+model, drawing/);
    assert.doesNotMatch(table.stdout, ANSI);
    const json = await runCli(['apps', 'digdir', '--json'], { env: asOwner() });
    assert.deepEqual((JSON.parse(json.stdout) as { id: string }[]).map((a) => a.id).sort(), ['digdir/photo-contest', 'digdir/simple-form']);
  });

  it('instances filters by state, task, party and date, and honours --limit', async () => {
    const archived = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--archived', '--limit', '0', '--json'], { env: asOwner() })).stdout) as Instance[];
    assert.ok(archived.length > 0);
    assert.ok(archived.every((i) => i.status?.isArchived === true));
    const task2 = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--task', 'Task_2', '--json'], { env: asOwner() })).stdout) as Instance[];
    assert.ok(task2.length > 0 && task2.every((i) => i.process?.currentTask?.elementId === 'Task_2'));
    const party = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--party', '512345', '--json'], { env: asOwner() })).stdout) as Instance[];
    assert.ok(party.length > 0 && party.every((i) => i.instanceOwner.partyId === '512345'));
    const all = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--limit', '0', '--json'], { env: asOwner() })).stdout) as Instance[];
    const cut = all[Math.floor(all.length / 2)].lastChanged!;
    const since = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--since', cut, '--limit', '0', '--json'], { env: asOwner() })).stdout) as Instance[];
    assert.ok(since.length > 0 && since.length < all.length);
    assert.ok(since.every((i) => Date.parse(i.lastChanged!) >= Date.parse(cut)));
    const limited = await runCli(['instances', BUILDING_PERMIT, '--limit', '3'], { env: asOwner() });
    assert.equal(limited.code, 0);
    assert.equal(limited.stdout.trim().split('\n').length, 4, 'header and three rows');
    assert.match(limited.stderr, /Showing the first 3; there are more/);
  });

  it('instances leaves hard-deleted instances out, even for a service owner Storage shows them to, unless --hard-deleted', async () => {
    // Storage lists hard-deleted instances to a `scope` claim with a service-owner scope (InstancesController.ApplyHardDeleteFilter).
    const serviceOwner = emulator.issueToken({ 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': TTD_ORG_NUMBER, 'urn:altinn:authlevel': 3,
      'urn:altinn:authenticatemethod': 'maskinporten', scope: OWNER_SCOPES });
    const created = await api.instances.create(BUILDING_PERMIT, { owner: { partyId: 501337 } });
    await api.instances.delete(created, { hard: true });
    const env = home.env({ ALTINN_TOKEN: serviceOwner });
    const listed = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--limit', '0', '--json'], { env })).stdout) as Instance[];
    assert.ok(listed.length > 0);
    assert.ok(!listed.some((i) => i.id === created.id || i.status?.isHardDeleted), 'not listed by default');
    const hard = await runCli(['instances', BUILDING_PERMIT, '--hard-deleted', '--limit', '0', '--json'], { env });
    assert.equal(hard.code, 0, hard.stderr);
    const only = JSON.parse(hard.stdout) as Instance[];
    assert.ok(only.some((i) => i.id === created.id));
    assert.ok(only.every((i) => i.status?.isHardDeleted === true));
  });

  it('instance show prints one instance and its data elements', async () => {
    const [first] = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--task', 'Task_1', '--limit', '1', '--json'], { env: asOwner() })).stdout) as Instance[];
    const json = await runCli(['instance', 'show', first.id, '--json'], { env: asOwner() });
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as Instance).id, first.id);
    const text = await runCli(['instance', 'show', first.id], { env: asOwner() });
    assert.match(text.stdout, new RegExp(`Instance:\\s+${first.id}`));
    assert.match(text.stdout, /DATA ID\s+TYPE\s+CONTENT TYPE/);
    assert.match(text.stdout, /\smodel\s+application\/xml/);
  });

  it('takes an instance as people have it: its guid, its URL (the app named by it), never a short id', async () => {
    const [first] = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--task', 'Task_1', '--limit', '1', '--json'], { env: asOwner() })).stdout) as Instance[];
    const [partyId, guid] = first.id.split('/');
    // docs/altinn-behaviour.md §2.2: Storage reads an instance by its guid alone (GetByGuid).
    const byGuid = await runCli(['instance', 'show', guid, '--json'], { env: asOwner() });
    assert.equal(byGuid.code, 0, byGuid.stderr);
    assert.equal((JSON.parse(byGuid.stdout) as Instance).id, first.id);
    // The app's own UI URL names the app: no Storage lookup is needed for the App API route.
    const url = `https://ttd.apps.tt02.altinn.no/${BUILDING_PERMIT}/#/instance/${partyId}/${guid}`;
    const model = first.data!.find((d) => d.dataType === 'model')!;
    const before = emulator.store.stats.requests;
    const byUrl = await runCli(['data', 'get', url, model.id], { env: asOwner() });
    assert.equal(byUrl.code, 0, byUrl.stderr);
    assert.match(byUrl.stdout, /<BuildingPermit/);
    assert.equal(emulator.store.stats.requests - before, 1, 'one request: the data itself');
    const short = await runCli(['instance', 'show', guid.slice(0, 8)], { env: asOwner() });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /the start of an id; Storage cannot search by it/);
  });

  it('data put, data get (stdout and -o), process next and its validation refusal, as the user', async () => {
    const instance = await api.instances.create(BUILDING_PERMIT, { owner: { partyId: 501337 } });
    const model = instance.data!.find((d) => d.dataType === 'model')!;
    // Seed: moving on from Task_1 with an empty applicant → 409 with validationIssues.
    const refused = await runCli(['process', 'next', instance.id], { env: asUser() });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error: .*\(409\)/m);
    assert.match(refused.stderr, /applicant/);
    const file = path.join(home.root, 'permit.xml');
    await writeFile(file, permitXml('Sophie Salt'));
    const put = await runCli(['data', 'put', instance.id, model.id, file], { env: asUser() });
    assert.equal(put.code, 0, put.stderr);
    const stdout = await runCli(['data', 'get', instance.id, model.id, '--app', BUILDING_PERMIT], { env: asUser() });
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.match(stdout.stdout, /<applicant>Sophie Salt<\/applicant>/);
    const saved = await runCli(['data', 'get', instance.id, model.id, '-o', path.join(home.root, 'model.xml'), '--json'], { env: asUser() });
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal((JSON.parse(saved.stdout) as { bytes: number }).bytes, (await readFile(path.join(home.root, 'model.xml'))).length);
    assert.match(await readFile(path.join(home.root, 'model.xml'), 'utf8'), /Sophie Salt/);
    // `-o -` is stdout (curl, tar), not a file named "-" in the working directory.
    const dash = await runCli(['data', 'get', instance.id, model.id, '-o', '-'], { env: asUser() });
    assert.equal(dash.code, 0, dash.stderr);
    assert.match(dash.stdout, /<applicant>Sophie Salt<\/applicant>/);
    assert.equal(existsSync(path.join(REPO_ROOT, '-')), false, 'no file named "-"');
    const next = await runCli(['process', 'next', instance.id, '--json'], { env: asUser() });
    assert.equal(next.code, 0, next.stderr);
    assert.equal((JSON.parse(next.stdout) as { currentTask?: { elementId: string } }).currentTask?.elementId, 'Task_2');
    // docs/altinn-behaviour.md §1.3: Task_1's data is locked now, and Altinn's 409 says only "Conflict".
    const locked = await runCli(['data', 'put', instance.id, model.id, file], { env: asUser() });
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, /locked: the process has left the task it belongs to and is now at Task_2/);
    const confirm = await runCli(['process', 'next', instance.id, '--action', 'confirm'], { env: asUser() });
    assert.equal(confirm.code, 0, confirm.stderr);
    assert.match(confirm.stdout, /process is now ended/);
  });

  it('data upload adds an attachment; the instance lists it', async () => {
    const instance = await api.instances.create(BUILDING_PERMIT, { owner: { partyId: 501337 } });
    const pdf = path.join(home.root, 'plan.pdf');
    await writeFile(pdf, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
    const up = await runCli(['data', 'upload', instance.id, 'drawing', pdf, '--json'], { env: asUser() });
    assert.equal(up.code, 0, up.stderr);
    const id = (JSON.parse(up.stdout) as { dataElement: { id: string } }).dataElement.id;
    const shown = JSON.parse((await runCli(['instance', 'show', instance.id, '--json'], { env: asUser() })).stdout) as Instance;
    const element = shown.data!.find((d) => d.id === id);
    assert.equal(element?.filename, 'plan.pdf');
    assert.equal(element?.contentType, 'application/pdf');
    const piped = await runCli(['data', 'get', instance.id, id], { env: asUser() });
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(piped.stdout.startsWith('%PDF-1.4'));
    if (hasCommand('script')) {
      // Binary data is not written to a terminal.
      const tty = await runInTerminal(['data', 'get', instance.id, id], { env: asUser() });
      assert.equal(tty.code, 1, tty.stdout);
      assert.match(tty.stdout, /application\/pdf, which would garble the terminal/);
    }
    const wrongType = await runCli(['data', 'upload', instance.id, 'drawing', path.join(home.root, 'permit.xml')], { env: asUser() });
    assert.equal(wrongType.code, 1, 'an XML file is not an allowed drawing');
    assert.match(wrongType.stderr, /^error: /m);
  });

  it('instance complete confirms an ended instance as the app owner', async () => {
    const [ended] = JSON.parse((await runCli(['instances', BUILDING_PERMIT, '--completed', '--limit', '0', '--json'], { env: asOwner() })).stdout) as Instance[];
    const done = await runCli(['instance', 'complete', ended.id, '--json'], { env: asOwner() });
    assert.equal(done.code, 0, done.stderr);
    assert.ok((JSON.parse(done.stdout) as Instance).completeConfirmations?.some((c) => c.stakeholderId === 'ttd'));
  });

  it('reports Altinn failures on stderr with exit code 1', async () => {
    const missing = await runCli(['instance', 'show', '501337/00000000-0000-4000-8000-000000000000'], { env: asOwner() });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: .*\((403|404)\)/m);
    assert.equal(missing.stdout, '');
    const badToken = await runCli(['instances', BUILDING_PERMIT], { env: home.env({ ALTINN_TOKEN: `${owner.slice(0, -4)}AAAA` }) });
    assert.equal(badToken.code, 1);
    assert.match(badToken.stderr, /\(401\)/);
  });

  it('--verbose logs each request to stderr, without the token', async () => {
    const r = await runCli(['apps', 'ttd', '--verbose', '--json'], { env: asOwner() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/storage\/api\/v1\/applications\/ttd → 200/);
    assert.ok(!r.stderr.includes(owner.split('.')[2]));
    JSON.parse(r.stdout);
  });

  it('explains a missing keytar module, and still works with ALTINN_TOKEN', async () => {
    // A copy of the bundle outside the repository cannot resolve the optional keytar module.
    const lonely = path.join(home.root, 'bin', 'cli.js');
    await mkdir(path.dirname(lonely), { recursive: true });
    await copyFile(CLI, lonely);
    const run = (args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        execFile(process.execPath, [lonely, ...args], { env: env as NodeJS.ProcessEnv, cwd: home.root, timeout: 30_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const login = await run(['login', '--test-user', '1337'], home.env());
    assert.equal(login.code, 1);
    assert.match(login.stderr, /The OS keychain is not available: the keytar module could not be loaded/);
    assert.match(login.stderr, /Nothing was stored\. Set ALTINN_TOKEN/);
    const apps = await run(['apps', 'ttd', '--json'], asOwner());
    assert.equal(apps.code, 0, apps.stderr);
  });

  it('without a keychain and without ALTINN_TOKEN, says so and stores nothing', async () => {
    const r = await runCli(['apps', 'ttd'], { env: home.env() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Not signed in to "emu": the OS keychain is not available/);
    assert.match(r.stderr, /Set ALTINN_TOKEN/);
    const login = await runCli(['login', '--test-user', '1337'], { env: home.env() });
    assert.equal(login.code, 1);
    assert.match(login.stderr, /The OS keychain is not available/);
    assert.match(login.stderr, /ALTINN_TOKEN/);
    const printed = await runCli(['login', '--test-user', '1337', '--print-token'], { env: home.env() });
    assert.equal(printed.code, 0, printed.stderr);
    const token = printed.stdout.trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.deepEqual(await home.filesContaining(token.split('.')[2]), []);
    const who = await runCli(['whoami', '--json'], { env: home.env({ ALTINN_TOKEN: token }) });
    assert.equal(who.code, 0, who.stderr);
    assert.deepEqual((JSON.parse(who.stdout) as { source: string; identity: { userId: number } }).identity.userId, 1337);
  });
});
