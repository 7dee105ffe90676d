import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  formatAppId,
  isValidOrganisationNumber,
  isValidPersonNumber,
  type AppId,
  type Application,
  type DataType,
  type Instance,
  type InstanceOwnerInput,
} from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import { PDF_RECEIPT_DATA_TYPE } from '../fs/classify';
import { AppNode, type AltinnNode } from '../tree/nodes';
import { pickText } from '../util/language';
import { mutate, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { Prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { appNodeFor } from './targets';

interface InitialFile {
  dataType: string;
  body: Buffer;
  filename: string;
  contentType: string;
}

/** Create instance: app, owner, optional prefill JSON and initial data file, then one request. Returns the new instance. */
export async function createInstance(deps: CommandContext, node?: AltinnNode): Promise<Instance> {
  const envId = await deps.targets.environment(node);
  const appId = await deps.targets.app(envId, node);
  const client = deps.registry.client(envId);
  const application = await withProgress(vscode.l10n.t('Loading app metadata…'), (signal) => client.apps.get(appId, { signal }));
  const owner = await askOwner(deps, envId, appId, node);
  const prefill = await askPrefill(deps.prompts);
  const file = await askInitialFile(deps.prompts, application);
  await askBeforeChange(deps, [envId], { message: vscode.l10n.t('Create an instance of {0}?', formatAppId(appId)), confirm: vscode.l10n.t('Create') });

  const refreshApp = () => refreshAppNode(deps, envId, appId, node);
  const title = vscode.l10n.t('Creating an instance of {0}…', formatAppId(appId));
  const instance = await withProgress(title, async (signal, progress) => {
    const created = await mutate(
      () =>
        prefill
          ? client.instances.createWithPrefill(appId, { owner, prefill }, { signal })
          : client.instances.create(appId, { owner, parts: file ? [file] : undefined }, { signal }),
      refreshApp,
    );
    if (prefill && file) {
      // instances/create takes no data parts, so the file follows as a separate upload.
      progress.report({ message: vscode.l10n.t('Uploading {0}…', file.filename) });
      await mutate(() => client.data.upload(created, file.dataType, file.body, { filename: file.filename, contentType: file.contentType, signal }), refreshApp);
      return client.instances.get(created, { signal });
    }
    return created;
  });

  await refreshApp();
  await deps.targets.remember({ envId, instance });
  const appNode = node instanceof AppNode ? node : appNodeFor(deps.tree, envId, appId);
  if (appNode) {
    const instanceNode = appNode.addVisited(instance);
    deps.tree.provider.fireChanged(appNode);
    // Revealing is a courtesy: the view may be hidden or its branch never rendered, and the instance exists either way.
    await deps.tree.view.reveal(instanceNode, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
  }
  void deps.prompts.showInformationMessage(vscode.l10n.t('Created instance {0}.', instance.id));
  return instance;
}

async function refreshAppNode(deps: CommandContext, envId: string, appId: AppId, node?: AltinnNode): Promise<void> {
  const appNode = node instanceof AppNode ? node : appNodeFor(deps.tree, envId, appId);
  await deps.tree.refresh(appNode);
}

type OwnerKind = 'party' | 'personNumber' | 'organisationNumber';

async function askOwner(deps: CommandContext, envId: string, appId: AppId, node?: AltinnNode): Promise<InstanceOwnerInput> {
  const strict = !deps.registry.get(envId)?.environment?.usesTestData;
  const identity = deps.auth.getIdentity(envId);
  const quick: (vscode.QuickPickItem & { owner?: InstanceOwnerInput; ownerKind?: OwnerKind })[] = [];
  if (node?.context.partyId) {
    quick.push({ label: vscode.l10n.t('Party {0}', node.context.partyId), description: vscode.l10n.t('this branch'), owner: { partyId: node.context.partyId } });
  }
  if (identity?.kind === 'user') {
    // The parties this app lets the user instantiate for (its partyTypesAllowed); typing an owner stays possible.
    const parties = await deps.registry.client(envId).apps.parties(appId, { allowedToInstantiate: true }).catch(() => []);
    for (const p of parties) {
      if (String(p.partyId) !== node?.context.partyId) {
        const description = p.mainUnit
          ? vscode.l10n.t('sub-unit of {0} · party {1}', p.mainUnit.name ?? String(p.mainUnit.partyId), p.partyId)
          : vscode.l10n.t('party {0}', p.partyId);
        quick.push({ label: p.name ?? String(p.partyId), description, owner: { partyId: p.partyId } });
      }
    }
  }
  quick.push(
    { label: vscode.l10n.t('By party id…'), ownerKind: 'party' },
    { label: vscode.l10n.t('By person number…'), ownerKind: 'personNumber' },
    { label: vscode.l10n.t('By organisation number…'), ownerKind: 'organisationNumber' },
  );
  const picked = required(await deps.prompts.showQuickPick(quick, { title: vscode.l10n.t('Instance owner') }));
  if (picked.owner) {
    return picked.owner;
  }
  const kind = picked.ownerKind ?? 'party';
  const value = required(
    await deps.prompts.showInputBox({
      title: vscode.l10n.t('Instance owner'),
      prompt: ownerPrompt(kind),
      validateInput: (v) => validateOwner(kind, v.trim(), strict),
    }),
  ).trim();
  return kind === 'party' ? { partyId: value } : kind === 'personNumber' ? { personNumber: value } : { organisationNumber: value };
}

function ownerPrompt(kind: OwnerKind): string {
  switch (kind) {
    case 'party':
      return vscode.l10n.t('Party id, like 501337');
    case 'personNumber':
      return vscode.l10n.t('Person number (11 digits)');
    case 'organisationNumber':
      return vscode.l10n.t('Organisation number (9 digits)');
  }
}

export function validateOwner(kind: OwnerKind, value: string, strict: boolean): string | undefined {
  switch (kind) {
    case 'party':
      return /^[1-9]\d{0,9}$/.test(value) ? undefined : vscode.l10n.t('A party id is a positive whole number, like 501337.');
    case 'personNumber':
      if (!/^\d{11}$/.test(value)) {
        return vscode.l10n.t('A person number has 11 digits.');
      }
      return !strict || isValidPersonNumber(value) ? undefined : vscode.l10n.t('The check digits of this person number do not match.');
    case 'organisationNumber':
      if (!/^\d{9}$/.test(value)) {
        return vscode.l10n.t('An organisation number has 9 digits.');
      }
      return !strict || isValidOrganisationNumber(value) ? undefined : vscode.l10n.t('The check digit of this organisation number does not match.');
  }
}

async function askPrefill(prompts: Prompts): Promise<Record<string, string> | undefined> {
  const none = { label: vscode.l10n.t('No prefill'), choice: 'none' as const };
  const typed = { label: vscode.l10n.t('Type prefill JSON…'), choice: 'type' as const };
  const file = { label: vscode.l10n.t('Prefill from a JSON file…'), choice: 'file' as const };
  const picked = required(await prompts.showQuickPick([none, typed, file], { title: vscode.l10n.t('Prefill (field path → value)') }));
  if (picked.choice === 'none') {
    return undefined;
  }
  let text: string;
  if (picked.choice === 'type') {
    text = required(
      await prompts.showInputBox({
        title: vscode.l10n.t('Prefill JSON'),
        placeHolder: '{"applicant": "Sophie Salt"}',
        validateInput: (v) => prefillProblem(v),
      }),
    );
  } else {
    const uris = required(await prompts.showOpenDialog({ canSelectMany: false, filters: { JSON: ['json'] }, title: vscode.l10n.t('Prefill JSON file') }));
    text = Buffer.from(await vscode.workspace.fs.readFile(uris[0])).toString('utf8');
    const problem = prefillProblem(text);
    if (problem) {
      throw new Error(problem);
    }
  }
  return prefillStrings(JSON.parse(text) as Record<string, string | number | boolean>);
}

/** Altinn takes prefill values as text only (docs/altinn-behaviour.md §1.2), so numbers and booleans are sent as their text. */
export function prefillStrings(values: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

export function prefillProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return vscode.l10n.t('Not valid JSON: {0}', err instanceof Error ? err.message : String(err));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return vscode.l10n.t('Prefill must be a JSON object of field paths to values.');
  }
  const bad = Object.entries(value).find(([, v]) => !['string', 'number', 'boolean'].includes(typeof v));
  return bad ? vscode.l10n.t('The value of "{0}" must be a string, number or boolean.', bad[0]) : undefined;
}

async function askInitialFile(prompts: Prompts, application: Application): Promise<InitialFile | undefined> {
  const types = application.dataTypes.filter((t) => t.id !== PDF_RECEIPT_DATA_TYPE);
  if (types.length === 0) {
    return undefined;
  }
  const none = { label: vscode.l10n.t('No initial data'), type: undefined as DataType | undefined };
  const items = [none, ...types.map((t) => ({ label: t.id, description: describeDataType(t), type: t as DataType | undefined }))];
  const picked = required(await prompts.showQuickPick(items, { title: vscode.l10n.t('Initial data file (optional)') }));
  if (!picked.type) {
    return undefined;
  }
  const uris = required(await prompts.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('File for {0}', picked.type.id) }));
  const body = Buffer.from(await vscode.workspace.fs.readFile(uris[0]));
  const filename = path.basename(uris[0].fsPath);
  return { dataType: picked.type.id, body, filename, contentType: contentTypeFor(filename, picked.type) };
}

function describeDataType(type: DataType): string {
  const parts = [pickText(type.description) ?? '', type.appLogic?.classRef ? vscode.l10n.t('form data') : (type.allowedContentTypes ?? []).join(', ')];
  return parts.filter(Boolean).join(' · ');
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
};

function contentTypeFor(filename: string, type: DataType): string {
  const byExtension = TYPES_BY_EXTENSION[path.extname(filename).toLowerCase()];
  const allowed = type.allowedContentTypes ?? [];
  if (byExtension && (allowed.length === 0 || allowed.includes(byExtension))) {
    return byExtension;
  }
  return allowed.length === 1 ? allowed[0] : (byExtension ?? 'application/octet-stream');
}
