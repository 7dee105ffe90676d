import * as path from 'node:path';
import * as vscode from 'vscode';
import { appsInstantiableBy, formatAppId, type AppId, type Application, type DataType, type Instance } from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import { PDF_RECEIPT_DATA_TYPE } from '../fs/classify';
import { AppNode, type AltinnNode } from '../tree/nodes';
import { pickText } from '../util/language';
import { errorMessage, mutate, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { Prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { pickAppToCreate } from './appPicks';
import { askOwner } from './ownerStep';

interface InitialFile {
  dataType: string;
  body: Buffer;
  filename: string;
  contentType: string;
}

/** Create instance: app, owner, optional prefill JSON and initial data file, then one request. Returns the new instance. */
export async function createInstance(deps: CommandContext, node?: AltinnNode): Promise<Instance> {
  const envId = await deps.targets.environment(node);
  const appId = node?.context.appId ?? (await pickAppToCreate(deps, envId, node?.context.partyId));
  refuseOtherOrgsApp(deps, envId, appId);
  const client = deps.registry.client(envId);
  const application = await withProgress(vscode.l10n.t('Loading app metadata…'), (signal) => client.apps.get(appId, { signal }));
  const owner = await askOwner(deps, envId, appId, node);
  const prefill = await askPrefill(deps.prompts);
  const file = await askInitialFile(deps.prompts, application);
  await askBeforeChange(deps, [envId], { message: vscode.l10n.t('Create an instance of {0}?', formatAppId(appId)), confirm: vscode.l10n.t('Create') });

  const ownerParty = 'partyId' in owner ? String(owner.partyId) : undefined;
  const refreshApp = () => deps.tree.refresh(appNodeOf(deps, envId, appId, ownerParty, node));
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

  const appNode = appNodeOf(deps, envId, appId, instance.instanceOwner.partyId, node);
  await deps.tree.refresh(appNode);
  await deps.targets.remember({ envId, instance });
  if (appNode) {
    const instanceNode = appNode.addVisited(instance);
    deps.tree.provider.fireChanged(appNode);
    // Revealing is a courtesy: the view may be hidden or its branch never rendered, and the instance exists either way.
    await deps.tree.view.reveal(instanceNode, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
  }
  void deps.prompts.showInformationMessage(vscode.l10n.t('Created instance {0}.', instance.id));
  return instance;
}

/** A service owner's tree may show other orgs' pinned apps; Altinn refuses it their instantiation with 403 (src/api/instantiation.ts). */
function refuseOtherOrgsApp(deps: CommandContext, envId: string, appId: AppId): void {
  const identity = deps.auth.getIdentity(envId);
  if (identity?.kind === 'org' && identity.org && appsInstantiableBy([appId], { serviceOwner: identity.org }).length === 0) {
    throw new Error(vscode.l10n.t('{0} may create instances of its own apps only; {1} belongs to {2}.', identity.org, formatAppId(appId), appId.org));
  }
}

/**
 * The app node a new instance shows under: the command's own, else one the view has shown. In an app user's
 * tree apps sit under parties, and only the owner's branch may show it (another party's would misplace it).
 */
function appNodeOf(deps: CommandContext, envId: string, appId: AppId, ownerParty: string | undefined, node?: AltinnNode): AppNode | undefined {
  const fits = (n: AppNode) => n.context.partyId === undefined || ownerParty === undefined || n.context.partyId === ownerParty;
  if (node instanceof AppNode && fits(node)) {
    return node;
  }
  return deps.tree.provider
    .knownNodes()
    .find((n): n is AppNode => n instanceof AppNode && n.envId === envId && formatAppId(n.appId) === formatAppId(appId) && fits(n));
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
    return vscode.l10n.t('Not valid JSON: {0}', errorMessage(err));
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
