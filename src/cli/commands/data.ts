// `data get|put|upload`: one data element to a file or stdout, replaced from a file, or added.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AltinnApiError, type AltinnClient, binaryContentType, contentTypeFor, formDataContentType, type InstanceRef, parseGuid, UnknownFileTypeError } from '../../api';
import { type CommandSpec, required, stringOption } from '../args';
import type { CommandContext } from '../context';
import { CliError, UsageError } from '../errors';
import { formatBytes } from '../output';
import { ProgressBar } from '../progress';
import { APP_OPTION, INSTANCE_ID_HELP, resolveInstance } from '../refs';

function dataIdArgument(value: string, command: string): string {
  try {
    return parseGuid(value, 'data element id');
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

async function fileToSend(file: string): Promise<{ path: string; size: number }> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file}: ${error.code ?? error.message}.`);
  });
  if (!info.isFile()) throw new CliError(`${file} is not a file.`);
  return { path: file, size: info.size };
}

const CONTENT_TYPE_OPTION = {
  'content-type': {
    type: 'string' as const,
    value: 'TYPE',
    description: 'Content type (default: application/xml or application/json for form data, else from the file extension, as Altinn maps it)',
  },
};

/** Altinn cannot tell the file's type from its extension: say which types the data type takes and how to choose. */
function unknownTypeError(error: unknown): unknown {
  if (!(error instanceof UnknownFileTypeError)) return error;
  return new CliError(error.message, `Give the type with --content-type, one of: ${error.allowed.join(', ')}.`);
}

/**
 * The Content-Type to replace an element with: form data as XML or JSON by the file's extension (Altinn
 * refuses text/xml, docs/altinn-behaviour.md §1.3), binary data as its extension maps, like an upload.
 */
async function replacementType(client: AltinnClient, ref: InstanceRef, dataId: string, file: string, requested: string | undefined, signal: AbortSignal): Promise<string> {
  const [elements, metadata] = await Promise.all([client.data.list(ref.id, { signal }), client.apps.metadata(ref.appId, { signal })]);
  const element = elements.find((d) => d.id === dataId);
  const type = metadata.dataTypes.find((t) => t.id === element?.dataType);
  if (!type) return requested ?? element?.contentType ?? contentTypeFor(file);
  if (type.appLogic?.classRef) return formDataContentType(file, requested);
  return binaryContentType(type, file, requested);
}

export const dataGet: CommandSpec = {
  name: 'data get',
  summary: 'Download a data element to a file (-o) or to stdout',
  positionals: [
    { name: 'ID', description: INSTANCE_ID_HELP },
    { name: 'DATA_ID', description: 'Data element id (a GUID)' },
  ],
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE (via FILE.part, renamed when complete); - for stdout' },
    ...APP_OPTION,
  },
  async run(ctx, args) {
    const dataId = dataIdArgument(required(args, 'DATA_ID'), 'data get');
    const client = await ctx.client();
    const ref = await resolveInstance(client, args, required(args, 'ID'), 'data get', ctx.signal);
    const output = stringOption(args, 'output');
    // `-o -` is stdout, as with curl and tar.
    if (output === undefined || output === '-') {
      const stream = await client.data.stream(ref, dataId, { signal: ctx.signal });
      if (ctx.out.streams.stdout.isTTY && !isText(stream.contentType)) {
        stream.destroy();
        throw new CliError(`This data element is ${stream.contentType ?? 'binary data'}, which would garble the terminal.`, 'Save it with -o FILE, or pipe the output.');
      }
      await toStdout(ctx, stream);
      return;
    }
    const bar = ctx.out.stderrIsTerminal ? new ProgressBar(ctx.out.streams.stderr, 'Downloading') : undefined;
    const result = await client.data.downloadTo(ref, dataId, output, {
      signal: ctx.signal,
      onProgress: (received, total) => bar?.update({ done: received, total, text: formatBytes(received) }),
    });
    bar?.finish();
    if (ctx.out.json) ctx.out.data({ path: result.path, bytes: result.bytes, contentType: result.contentType, filename: result.filename });
    else ctx.out.line(`Saved ${formatBytes(result.bytes)} to ${result.path}.`);
  },
};

function isText(contentType: string | undefined): boolean {
  return contentType !== undefined && /^(text\/|application\/(xml|json)|[^;]*\+(xml|json))/i.test(contentType);
}

async function toStdout(ctx: CommandContext, stream: Readable): Promise<void> {
  // stdout is not ours to end; the body is done when the source has finished.
  stream.pipe(ctx.out.streams.stdout, { end: false });
  await finished(stream);
}

export const dataPut: CommandSpec = {
  name: 'data put',
  summary: 'Replace a data element with the contents of a file',
  positionals: [
    { name: 'ID', description: INSTANCE_ID_HELP },
    { name: 'DATA_ID', description: 'Data element id (a GUID)' },
    { name: 'FILE', description: 'The new contents' },
  ],
  options: { ...CONTENT_TYPE_OPTION, ...APP_OPTION },
  async run(ctx, args) {
    const dataId = dataIdArgument(required(args, 'DATA_ID'), 'data put');
    const file = await fileToSend(required(args, 'FILE'));
    const client = await ctx.client();
    const ref = await resolveInstance(client, args, required(args, 'ID'), 'data put', ctx.signal);
    const contentType = await replacementType(client, ref, dataId, path.basename(file.path), stringOption(args, 'content-type'), ctx.signal)
      .catch((error: unknown) => {
        throw unknownTypeError(error);
      });
    const element = await client.data
      .replace(ref, dataId, createReadStream(file.path), { contentType, filename: path.basename(file.path), size: file.size, signal: ctx.signal })
      .catch(async (error: unknown) => {
        throw (await lockedError(client, ref, dataId, error, ctx.signal)) ?? error;
      });
    if (ctx.out.json) ctx.out.data(element);
    else ctx.out.line(`Replaced ${element.id} (${element.dataType}, ${formatBytes(element.size ?? file.size)}).`);
  },
};

/**
 * A locked element's 409 says only "Conflict" (docs/altinn-behaviour.md §1.3: Storage locks a task's data when the
 * process leaves the task, and the app passes the conflict on), so the instance is read to say why.
 */
async function lockedError(client: AltinnClient, ref: InstanceRef, dataId: string, error: unknown, signal?: AbortSignal): Promise<CliError | undefined> {
  if (!(error instanceof AltinnApiError) || error.status !== 409) return undefined;
  const instance = await client.instances.get(ref, { signal }).catch(() => undefined);
  const element = instance?.data?.find((d) => d.id === dataId);
  if (!element?.locked) return undefined;
  const task = instance?.process?.currentTask?.elementId;
  return new CliError(
    `The data element is locked: the process has left the task it belongs to${task ? ` and is now at ${task}` : ''}.`,
    'Altinn accepts changes to a data element only while the process is at its task.',
  );
}

export const dataUpload: CommandSpec = {
  name: 'data upload',
  summary: 'Add a file to an instance as a new data element',
  positionals: [
    { name: 'ID', description: INSTANCE_ID_HELP },
    { name: 'DATA_TYPE', description: "The app's data type, e.g. drawing" },
    { name: 'FILE', description: 'The file to upload' },
  ],
  options: {
    ...CONTENT_TYPE_OPTION,
    filename: { type: 'string', value: 'NAME', description: 'File name to give Altinn (default: the file\'s own name)' },
    ...APP_OPTION,
  },
  async run(ctx, args) {
    const dataType = required(args, 'DATA_TYPE');
    const file = await fileToSend(required(args, 'FILE'));
    const client = await ctx.client();
    const ref = await resolveInstance(client, args, required(args, 'ID'), 'data upload', ctx.signal);
    const filename = stringOption(args, 'filename') ?? path.basename(file.path);
    // A function, so the file can be read again if the app has only the older upload route.
    const result = await client.data
      .upload(ref, dataType, () => createReadStream(file.path), {
        filename,
        contentType: stringOption(args, 'content-type'),
        size: file.size,
        signal: ctx.signal,
      })
      .catch((error: unknown) => {
        throw unknownTypeError(error);
      });
    if (ctx.out.json) {
      ctx.out.data(result);
      return;
    }
    ctx.out.line(`Uploaded ${filename} as ${result.dataElement.id} (${dataType}).`);
    for (const issue of result.validationIssues) ctx.out.warn(`${issue.field ? `${issue.field}: ` : ''}${issue.description ?? issue.code ?? 'validation issue'}`);
  },
};
