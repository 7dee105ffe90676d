import * as vscode from 'vscode';
import type { Instance } from '../api';
import type { AltinnNode } from '../tree/nodes';
import { withProgress } from '../util/progress';
import { readOnlyUri } from '../util/readOnlyDocuments';
import { loadAppEvents } from './appEvents';
import type { CommandContext } from './context';

// Read-only views of an instance: its JSON, and its process history with Storage's instance events and the app's CloudEvents.

export async function showInstanceJson(deps: CommandContext, node?: AltinnNode): Promise<vscode.Uri> {
  const target = await deps.targets.instance(node);
  const instance: Instance = await withProgress(vscode.l10n.t('Loading instance…'), (signal) =>
    deps.registry.client(target.envId).instances.get(target.instance, { signal }),
  );
  const uri = readOnlyUri(target.envId, instance.id, 'instance');
  await deps.documents.show(uri, JSON.stringify(instance, null, 2));
  return uri;
}

export async function showProcessHistory(deps: CommandContext, node?: AltinnNode): Promise<vscode.Uri> {
  const target = await deps.targets.instance(node);
  const client = deps.registry.client(target.envId);
  const identity = deps.auth.getIdentity(target.envId);
  const [history, events, appEvents] = await withProgress(vscode.l10n.t('Loading process history and events…'), (signal) =>
    Promise.all([
      client.process.history(target.instance, { signal }),
      client.instances.events(target.instance, {}, { signal }),
      loadAppEvents(client, identity, target.instance, signal),
    ]),
  );
  const uri = readOnlyUri(target.envId, target.instance.id, 'history');
  const document = {
    instance: target.instance.id,
    process: target.instance.process,
    processHistory: history.processHistory,
    instanceEvents: events,
    appEvents,
  };
  await deps.documents.show(uri, JSON.stringify(document, null, 2));
  return uri;
}
