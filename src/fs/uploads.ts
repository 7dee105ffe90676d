import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AppId, DataElement, DataType, Instance, ValidationIssue } from '../api';
import { mutate, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { DataService } from './dataService';
import type { DataPrompts } from './prompts';
import { dataTypeDescription, uploadProblemTexts } from './ruleText';
import { contentTypeChoices, uploadableDataTypes, uploadFile, type UploadFile } from './uploadRules';

/** The instance files go to (the commands' InstanceTarget fits). */
export interface UploadTarget {
  readonly envId: string;
  readonly appId: AppId;
  readonly instance: Instance;
}

export interface UploadDeps {
  readonly service: DataService;
  readonly prompts: DataPrompts;
  readonly log: vscode.LogOutputChannel;
  /** Shows the instance's new state; also offered when an upload's outcome is unknown. */
  readonly refresh: (target: UploadTarget) => Promise<void>;
}

/**
 * Uploads local files as attachments of an instance. Data type, content types, sizes and counts are
 * checked against the app metadata before anything is sent; uploads are never retried by themselves.
 */
export async function uploadAttachments(deps: UploadDeps, target: UploadTarget, fileUris?: readonly vscode.Uri[]): Promise<DataElement[]> {
  const client = deps.service.client(target.envId);
  const [instance, metadata] = await withProgress(vscode.l10n.t('Checking instance {0}…', target.instance.id), (signal) =>
    Promise.all([client.instances.get(target.instance, { signal }), deps.service.metadata(target.envId, target.appId)]),
  );
  const uris = fileUris && fileUris.length > 0 ? fileUris : required(await deps.prompts.pickFiles(vscode.l10n.t('Files to upload to {0}', instance.id)));
  const local = await Promise.all(uris.map(localFile));
  const type = await chooseDataType(deps.prompts, uploadableDataTypes(metadata), local, instance.process?.currentTask?.elementId);
  const files: UploadFile[] = [];
  for (const file of local) {
    files.push(await withChosenType(deps.prompts, type, file));
  }
  const problems = uploadProblemTexts(type, instance, files);
  if (problems.length > 0) {
    throw new Error(problems.join(' '));
  }
  const ref = { appId: target.appId, id: instance.id };
  const uploaded = await withProgress(vscode.l10n.t('Uploading to {0}…', instance.id), async (signal, progress) => {
    const done: DataElement[] = [];
    for (const file of files) {
      progress.report({ message: file.name });
      const result = await mutate(
        () =>
          // A function, so the file can be read again if the app has only the older upload route.
          client.data.upload(ref, type.id, () => fs.createReadStream(file.path), {
            filename: file.name,
            contentType: file.contentType,
            size: file.size,
            metadata,
            signal,
          }),
        () => deps.refresh(target),
      );
      deps.log.info(`uploaded ${file.name} to ${instance.id} as ${type.id} (${result.dataElement.id})`);
      reportIssues(deps.prompts, file.name, result.validationIssues);
      done.push(result.dataElement);
      progress.report({ increment: 100 / files.length });
    }
    return done;
  });
  await deps.refresh(target);
  deps.prompts.info(vscode.l10n.t('Uploaded {0} file(s) to {1}.', uploaded.length, instance.id));
  return uploaded;
}

async function localFile(uri: vscode.Uri): Promise<UploadFile> {
  if (uri.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Only local files can be uploaded: {0}', uri.toString()));
  }
  const stat = await fs.promises.stat(uri.fsPath);
  if (!stat.isFile()) {
    throw new Error(vscode.l10n.t('"{0}" is not a file.', uri.fsPath));
  }
  return uploadFile(uri.fsPath, path.basename(uri.fsPath), stat.size);
}

/** The only type that fits is taken without asking; otherwise types of the current task come first. */
async function chooseDataType(prompts: DataPrompts, types: DataType[], files: UploadFile[], currentTask: string | undefined): Promise<DataType> {
  if (types.length === 0) {
    throw new Error(vscode.l10n.t('This app has no attachment data types to upload to.'));
  }
  const fitting = types.filter((t) => {
    const allowed = t.allowedContentTypes ?? [];
    return allowed.length === 0 || allowed.includes('application/octet-stream') || files.every((f) => allowed.includes(f.contentType));
  });
  if (fitting.length === 1) {
    return fitting[0];
  }
  const candidates = (fitting.length > 0 ? fitting : types).sort((a, b) => Number(b.taskId === currentTask) - Number(a.taskId === currentTask));
  const picked = await prompts.pickOne(
    candidates.map((t) => ({ label: t.id, description: dataTypeDescription(t), type: t })),
    vscode.l10n.t('Data type for the upload'),
  );
  return required(picked).type;
}

/** A file whose extension does not tell its type gets the one the user picks from the data type's allowed types. */
async function withChosenType(prompts: DataPrompts, type: DataType, file: UploadFile): Promise<UploadFile> {
  const choices = contentTypeChoices(type, file);
  if (choices.length === 0) {
    return file;
  }
  const picked = await prompts.pickOne(
    choices.map((contentType) => ({ label: contentType, contentType })),
    vscode.l10n.t('What type of file is "{0}"? Its extension does not tell, and {1} accepts only these.', file.name, type.id),
  );
  return { ...file, contentType: required(picked).contentType, knownType: true };
}

function reportIssues(prompts: DataPrompts, fileName: string, issues: ValidationIssue[]): void {
  const errors = issues.filter((i) => i.severity === 1 && i.description);
  if (errors.length > 0) {
    prompts.warn(vscode.l10n.t('Uploaded "{0}", but Altinn reports: {1}', fileName, errors.map((i) => i.description).join('; ')));
  }
}
