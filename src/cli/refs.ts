// Instance ids from the command line, as people have them: `partyId/guid`, `org/app/partyId/guid`, a guid, or an
// instance's URL (src/api/instance-text.ts, the parser the extension uses). App API routes need the app id too,
// which Storage's copy of the instance carries, so it is looked up unless the text or --app gives it.
import { type AltinnClient, formatAppId, parseInstanceId, parseInstanceText, type Instance, type InstanceText } from '../api';
import type { OptionSpec, ParsedArgs } from './args';
import { stringOption } from './args';
import { UsageError } from './errors';
import { appArgument } from './filters';

export const APP_OPTION: Record<string, OptionSpec> = {
  app: { type: 'string', value: 'ORG/APP', description: 'The instance\'s app (saves looking it up in Storage)' },
};

/** How the `ID` argument of every instance command is described in its help. */
export const INSTANCE_ID_HELP = 'The instance: PARTY_ID/GUID, ORG/APP/PARTY_ID/GUID, its GUID or its URL';

/** The `ID` argument read, or a usage error (exit 2) before anything is sent: a short id cannot be looked up here. */
export function instanceArgument(text: string, command: string): Exclude<InstanceText, { kind: 'prefix' }> {
  const named = parseInstanceText(text);
  if (named?.kind === 'prefix') {
    throw new UsageError(`${JSON.stringify(text)} is the start of an id; Storage cannot search by it. Give PARTY_ID/GUID, the GUID or the instance's URL.`, command);
  }
  if (!named) {
    // Text shaped like `partyId/guid` gets the id parser's own reason (a party id or a guid that is wrong).
    if (/^[^/\s]+\/[^/\s]+$/.test(text.trim())) {
      try {
        parseInstanceId(text);
      } catch (error) {
        throw new UsageError((error as Error).message, command);
      }
    }
    throw new UsageError(`${JSON.stringify(text)} names no instance. Give PARTY_ID/GUID, ORG/APP/PARTY_ID/GUID, the GUID or the instance's URL.`, command);
  }
  return named;
}

/**
 * The instance a command names: read from Storage when the app is not known, or when only its guid is
 * (Storage's `GET instances/{guid}`, docs/altinn-behaviour.md §2.2; localtest lacks it and answers 404).
 */
export async function resolveInstance(client: AltinnClient, args: ParsedArgs, text: string, command: string, signal: AbortSignal): Promise<{ appId: string; id: string }> {
  const app = stringOption(args, 'app');
  const named = instanceArgument(text, command);
  if (named.kind === 'id') {
    const appId = app !== undefined ? appArgument(app, command) : named.appId && formatAppId(named.appId);
    if (appId) return { appId, id: named.instanceId };
  }
  const instance = await readInstance(client, named, signal);
  return { appId: app !== undefined ? appArgument(app, command) : instance.appId, id: instance.id };
}

/** The whole instance an `ID` argument names, read from Storage. */
export function readInstance(client: AltinnClient, named: ReturnType<typeof instanceArgument>, signal: AbortSignal): Promise<Instance> {
  return named.kind === 'id' ? client.instances.get(named.instanceId, { signal }) : client.instances.getByGuid(named.guid, { signal });
}
