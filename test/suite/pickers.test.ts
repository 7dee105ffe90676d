// Create instance offers only what works (issue 14): the apps the identity may instantiate, owners from the
// parties Altinn lists, every Altinn title in one language. Checked on what the picker offered and on the emulator's store.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Instance } from '../../src/api';
import type { AltinnNode } from '../../src/tree/nodes';
import { APPS, type AppDef } from '../emulator/apps';
import { children, isApp, isEnv, waitFor, walk } from './explorerFixture';

/** A seed app under another id, title and set of party types. */
function variant(id: string, title: Record<string, string>, partyTypesAllowed: Partial<AppDef['partyTypesAllowed']>): AppDef {
  const base = structuredClone(APPS[3]);
  const [org, app] = id.split('/');
  const none = { person: false, organisation: false, subUnit: false, bankruptcyEstate: false };
  return { ...base, id, org, app, title, partyTypesAllowed: { ...none, ...partyTypesAllowed }, texts: { nb: { appName: title.nb ?? id } } };
}

// Nobody 1337 acts for is a bankruptcy estate; only their sub-unit DDG Fitness Oslo (500001) is a sub-unit.
const ESTATE_ONLY = variant('ttd/estate-claim', { nb: 'Krav i konkursbo', en: 'Claim against an estate' }, { bankruptcyEstate: true });
const SUB_UNITS_ONLY = variant('digdir/branch-report', { nb: 'Rapport for underenhet', en: 'Branch report', nn: 'Rapport for undereining' }, { subUnit: true });
const SAMI_TITLE_ONLY = variant('digdir/sami-form', { se: 'Skovvi' }, {});
// Only the service owner may instantiate it where apps run as Production (prod).
const ORG_ONLY = { ...variant('digdir/org-only-form', { nb: 'Kun for tjenesteeier', en: 'Service owner only' }, {}), disallowUserInstantiation: true };
import { useExplorerSuite } from './explorerSuite';

describe('Pickers that offer only what works (create instance)', () => {
  const suite = useExplorerSuite({ extraApps: [ESTATE_ONLY, SUB_UNITS_ONLY, SAMI_TITLE_ONLY, ORG_ONLY] });
  afterEach(async () => {
    assert.deepEqual(suite.dialogs.refused, [], 'no input was refused');
    await vscode.workspace.getConfiguration('altinn').update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  type Offered = { label: string; description?: string }[];

  /** Answers the next quick pick with the item labelled `label`, keeping what was offered. */
  function choose(offered: Offered[], label: string | undefined) {
    return (items: readonly vscode.QuickPickItem[]) => {
      offered.push(items.map((i) => ({ label: i.label, description: i.description })));
      return label === undefined ? undefined : items.find((i) => i.label === label);
    };
  }

  const ids = (items: Offered) => items.map((i) => i.description ?? '').sort();
  const party = (id: string) => (n: AltinnNode) => n.context.partyId === id;

  it('offers the service owner ttd only its own apps, then asks for the owner by number', async () => {
    const env = await walk(suite.fx.api, isEnv(suite.fx.orgEnv));
    const offered: Offered[] = [];
    suite.dialogs.pickWith(choose(offered, 'Building permit')).type('512345').pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', env);
    // Storage lists digdir's apps too; ttd would get 403 for them (the app policy grants instantiate to its own org).
    assert.deepEqual(ids(offered[0]), ['ttd/building-permit', 'ttd/estate-claim', 'ttd/income-report']);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(suite.dialogs.prompts.slice(0, 2), ['Create an instance of', 'Service owners have no party list in Altinn: type the owner. Person number (11 digits), organisation number (9 digits) or party id.']);
    const stored = suite.fx.emulator.store.getInstance(instance.id);
    assert.equal(stored?.appId, 'ttd/building-permit');
    assert.equal(stored?.instanceOwner.partyId, '512345');
  });

  it("refuses, before any dialog, to create in another org's app pinned in the service owner's tree", async () => {
    suite.dialogs.pickWith((items) => items.filter((i) => i.label === 'digdir/photo-contest'));
    await vscode.commands.executeCommand('altinn.pinApp', await walk(suite.fx.api, isEnv(suite.fx.orgEnv)));
    const pinned = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'digdir', (n) => n.context.appId?.app === 'photo-contest');
    const before = suite.fx.emulator.store.stats.requests;
    await vscode.commands.executeCommand('altinn.createInstance', pinned);
    assert.deepEqual(suite.dialogs.errors(), ['ttd may create instances of its own apps only; digdir/photo-contest belongs to digdir.']);
    assert.deepEqual(suite.dialogs.prompts, ['Pin app'], 'no create dialog was shown');
    assert.equal(suite.fx.emulator.store.stats.requests, before, 'nothing was sent');
  });

  it('offers app user 1337 the apps one of their parties may own, and from a party only that party\'s', async () => {
    const offered: Offered[] = [];
    suite.dialogs.pickWith(choose(offered, undefined));
    await vscode.commands.executeCommand('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv)));
    // estate-claim takes bankruptcy estates only; branch-report sub-units, which 1337 has (DDG Fitness Oslo).
    assert.deepEqual(ids(offered[0]), ['digdir/branch-report', 'digdir/org-only-form', 'digdir/photo-contest', 'digdir/sami-form', 'digdir/simple-form', 'ttd/building-permit', 'ttd/income-report']);

    suite.dialogs.pickWith(choose(offered, undefined));
    await vscode.commands.executeCommand('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv), party('501337')));
    assert.deepEqual(ids(offered[1]), ['digdir/org-only-form', 'digdir/photo-contest', 'digdir/sami-form', 'digdir/simple-form', 'ttd/building-permit', 'ttd/income-report'], 'Sophie Salt is a person, not a sub-unit');

    suite.dialogs.pickWith(choose(offered, undefined));
    await vscode.commands.executeCommand('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv), party('500000')));
    assert.deepEqual(ids(offered[2]), ['digdir/org-only-form', 'digdir/sami-form', 'digdir/simple-form', 'ttd/building-permit', 'ttd/income-report'], 'DDG Fitness AS is a main unit: no photo contest');
  });

  it('leaves out an app that disallows user instantiation when the user\'s environment is production', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs VerifyInstantiationPermissions: only
    // on a Production host, as prod runs apps (TT02: Staging); docs/altinn-behaviour.md §1.2, §5.
    const altinn = () => vscode.workspace.getConfiguration('altinn');
    const flagProduction = async (on: boolean) => {
      const envs = (altinn().inspect<{ id: string }[]>('environments')?.globalValue ?? []).map((e) => (e.id === suite.fx.userEnv ? { ...e, production: on || undefined } : e));
      await altinn().update('environments', envs, vscode.ConfigurationTarget.Global);
      await waitFor('the registry sees the flag', () => (suite.fx.api.registry.get(suite.fx.userEnv)?.setting.production ?? false) === on);
    };
    const offered: Offered[] = [];
    await flagProduction(true);
    try {
      suite.dialogs.pickWith(choose(offered, undefined));
      await vscode.commands.executeCommand('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv)));
    } finally {
      await flagProduction(false);
    }
    assert.deepEqual(ids(offered[0]), ['digdir/branch-report', 'digdir/photo-contest', 'digdir/sami-form', 'digdir/simple-form', 'ttd/building-permit', 'ttd/income-report']);
  });

  it("lists user 1337's parties by name, sub-units included, typing last, and creates for the sub-unit picked", async () => {
    const offered: Offered[] = [];
    suite.dialogs.pick('Branch report').pickWith(choose(offered, 'DDG Fitness Oslo')).pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv)));
    // App API api/v1/parties?allowedToInstantiateFilter=true: DDG Fitness AS is listed only to hold its sub-unit.
    assert.deepEqual(offered[0].map((i) => i.label), ['DDG Fitness Oslo', 'Enter a number…']);
    assert.match(offered[0][0].description ?? '', /sub-unit of DDG Fitness AS · org\. no\. 897069651 · party 500001/);
    assert.deepEqual(suite.dialogs.errors(), []);
    const stored = suite.fx.emulator.store.getInstance(instance.id);
    assert.equal(stored?.appId, 'digdir/branch-report');
    assert.equal(stored?.instanceOwner.partyId, '500001');
    assert.equal(stored?.instanceOwner.organisationNumber, '897069651');

    const sophies = await walk(suite.fx.api, isEnv(suite.fx.userEnv), party('501337'), isApp('ttd/income-report'));
    suite.dialogs.pick('Income report').pickWith(choose(offered, 'Enter a number…')).type('500001').pick('No prefill').pick('No initial data');
    const typed = await vscode.commands.executeCommand<Instance>('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv), party('501337')));
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(offered[1].map((i) => i.label), ['Sophie Salt', 'DDG Fitness AS', 'DDG Fitness Oslo', 'Enter a number…'], 'the branch party first');
    assert.match(offered[1][0].description ?? '', /^this branch · party 501337$/);
    assert.equal(suite.fx.emulator.store.getInstance(typed.id)?.instanceOwner.partyId, '500001', 'a typed party id is sent as one');
    const shownUnder = async (app: AltinnNode) => (await children(suite.fx.api, app)).some((n) => n.context.instance?.id === typed.id);
    assert.equal(await shownUnder(sophies), false, "not shown in Sophie Salt's branch");
    assert.equal(await shownUnder(await walk(suite.fx.api, isEnv(suite.fx.userEnv), party('500001'), isApp('ttd/income-report'))), true, "shown in DDG Fitness Oslo's");
  });

  it('shows every Altinn title in one language, in the create and pin pickers alike', async () => {
    const titles = async () => {
      const offered: Offered[] = [];
      suite.dialogs.pickWith(choose(offered, undefined));
      await vscode.commands.executeCommand('altinn.createInstance', await walk(suite.fx.api, isEnv(suite.fx.userEnv)));
      suite.dialogs.pickWith((items) => {
        offered.push(items.map((i) => ({ label: i.label, description: i.description })));
        return [];
      });
      await vscode.commands.executeCommand('altinn.pinApp', await walk(suite.fx.api, isEnv(suite.fx.userEnv)));
      const created = Object.fromEntries(offered[0].map((i) => [i.description, i.label]));
      // The pin picker lists every app (pinning one needs no right to create in it), the title beside its id.
      const pinned = Object.fromEntries(offered[1].filter((i) => i.label in created).map((i) => [i.label, i.description ?? i.label]));
      return { created, pinned };
    };
    const english = await titles();
    assert.equal(english.created['ttd/building-permit'], 'Building permit');
    assert.equal(english.created['digdir/branch-report'], 'Branch report');
    assert.deepEqual(english.pinned, english.created, 'the pin picker says the same titles');
    assert.equal(english.created['digdir/sami-form'], 'digdir/sami-form', 'no nb or en title: the id');

    await vscode.workspace.getConfiguration('altinn').update('language', 'nb', vscode.ConfigurationTarget.Global);
    const norwegian = await titles();
    assert.equal(norwegian.created['ttd/building-permit'], 'Byggesøknad');
    assert.equal(norwegian.created['digdir/branch-report'], 'Rapport for underenhet');
    assert.equal(norwegian.created['ttd/income-report'], 'Inntektsrapport');
    assert.deepEqual(norwegian.pinned, norwegian.created);
  });
});
