// Links out of Altinn Explorer for one instance: the app's own UI, a cURL command and a CLI command.
// No vscode import: the cURL is run against the emulator by a plain Node test.
import { formatAppId, type AppId, type Instance } from '../api';

/** The instance's page in the app's own UI. Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/SelfLinkHelper.cs BuildFrontendSelfLink. */
export function browserUrl(appBaseUrl: string, instanceId: string): string {
  return `${appBaseUrl.replace(/\/$/, '')}/#/instance/${instanceId}`;
}

/** The instance's App API address: its self link, or built from the app's base URL (docs/altinn-behaviour.md §1.2). */
export function appInstanceUrl(instance: Pick<Instance, 'id' | 'selfLinks'>, appBaseUrl: string | undefined): string {
  return instance.selfLinks?.apps ?? (appBaseUrl ? `${appBaseUrl}/instances/${instance.id}` : instance.id);
}

/** Quotes a word for a POSIX shell. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `curl` reading the instance from the App API, with `$ALTINN_TOKEN` where the token goes: the token itself
 * never lands on the clipboard (docs/altinn-behaviour.md §3: App API calls carry `Authorization: Bearer`).
 */
export function curlCommand(instanceUrl: string): string {
  return `curl -sS --fail-with-body -H "Authorization: Bearer $ALTINN_TOKEN" -H 'Accept: application/json' ${shellQuote(instanceUrl)}`;
}

/** The `altinn-explorer` CLI command that shows the instance (src/cli/commands/instances.ts `instance show`). */
export function cliCommand(appId: AppId, instanceId: string, environmentId?: string): string {
  const env = environmentId ? ` --env ${shellQuote(environmentId)}` : '';
  return `altinn-explorer instance show ${shellQuote(instanceId)} --app ${formatAppId(appId)}${env}`;
}
