// Instance ids from the command line. App API routes need the app id too, which Storage's copy of
// the instance carries, so it is looked up unless --app gives it.
import { type AltinnClient, formatInstanceId, parseInstanceId } from '../api';
import type { OptionSpec, ParsedArgs } from './args';
import { stringOption } from './args';
import { UsageError } from './errors';
import { appArgument } from './filters';

export const APP_OPTION: Record<string, OptionSpec> = {
  app: { type: 'string', value: 'ORG/APP', description: 'The instance\'s app (saves looking it up in Storage)' },
};

export function instanceIdArgument(value: string | undefined, command: string): string {
  try {
    return formatInstanceId(parseInstanceId(value ?? ''));
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

export async function resolveInstance(client: AltinnClient, args: ParsedArgs, id: string, command: string, signal: AbortSignal): Promise<{ appId: string; id: string }> {
  const instanceId = instanceIdArgument(id, command);
  const app = stringOption(args, 'app');
  if (app !== undefined) return { appId: appArgument(app, command), id: instanceId };
  const instance = await client.instances.get(instanceId, { signal });
  return { appId: instance.appId, id: instanceId };
}
