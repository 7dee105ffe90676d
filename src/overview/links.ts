// Links out of Altinn Explorer for one instance: the app's own UI, a cURL command and a CLI command.
// No vscode import: the cURL is run against the emulator by a plain Node test.
import { formatAppId, type AppId } from '../api';

/** The instance's page in the app's own UI. Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/SelfLinkHelper.cs BuildFrontendSelfLink. */
export function browserUrl(appBaseUrl: string, instanceId: string): string {
  return `${appBaseUrl.replace(/\/$/, '')}/#/instance/${instanceId}`;
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
