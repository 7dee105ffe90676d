import * as vscode from 'vscode';
import type { Instance } from '../api';
import { MAX_OPEN_BYTES } from './classify';
import { elementKey, elementKeyOf, parseDataUri, type DataRef } from './dataUri';
import type { ElementState } from './dataService';
import { ElementReads, modeFor } from './elementReads';
import { ElementSaves, type SaveDeps } from './elementSaves';
import { ErrorTranslator } from './fsErrors';
import { OpenedElements, timeOf, type OpenedElement } from './openedElements';
import { ServerFollower, type FollowTarget } from './serverFollower';

export type ProviderDeps = SaveDeps;

/**
 * `altinn://<envId>/<org>/<app>/<partyId>/<instanceGuid>/<dataGuid>/<fileName>`: data elements as files.
 * The VS Code-facing side: reads and stat here; saves in {@link ElementSaves}, following the server in
 * {@link ServerFollower}, what the editor holds of each element in {@link OpenedElements}.
 */
export class AltinnFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly opened = new OpenedElements();
  private readonly fileChanged = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly readOnlyChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly elementWritten = new vscode.EventEmitter<DataRef>();
  private readonly errors: ErrorTranslator;
  private readonly reads: ElementReads;
  private readonly saves: ElementSaves;
  private readonly follower: ServerFollower;

  readonly onDidChangeFile = this.fileChanged.event;
  /** Fired when an element's read-only reason is learnt or changes. */
  readonly onDidChangeReadOnly = this.readOnlyChanged.event;
  /** Fired after a save reached Altinn, so that views showing the element can refresh. */
  readonly onDidWriteElement = this.elementWritten.event;

  constructor(private readonly deps: ProviderDeps) {
    this.errors = new ErrorTranslator(deps.log);
    this.reads = new ElementReads(deps.service, this.errors);
    const readOnlyChanged = (uri: vscode.Uri): void => this.readOnlyChanged.fire(uri);
    this.saves = new ElementSaves(deps, this.opened, this.reads, this.errors, {
      readOnlyChanged,
      written: (ref) => this.elementWritten.fire(ref),
    });
    this.follower = new ServerFollower(deps, this.opened, this.reads, {
      gone: (ref) => this.forget(ref),
      changed: (uris) => this.fileChanged.fire(uris.map((u) => ({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(u) }))),
      readOnlyChanged,
    });
  }

  /**
   * State the open command has just read for `uri`: VS Code's `stat` and `readFile` that follow use it
   * instead of reading the instance again.
   */
  handOver(uri: vscode.Uri, state: ElementState): void {
    this.reads.handOver(parseDataUri(uri), state);
  }

  /** Why this element may not be written, if it may not; known once it was opened. */
  readOnlyReason(uri: vscode.Uri): string | undefined {
    return this.opened.get(elementKeyOf(uri))?.readOnly;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (isFolderPath(uri)) {
      // The levels above an element (env, org, app, party, instance, element) are folders, so that
      // VS Code's "create parent folders" step before a write finds them instead of trying to create them.
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    }
    const ref = parseDataUri(uri);
    const key = elementKey(ref);
    const known = this.opened.get(key);
    if (known) {
      return toStat(known);
    }
    const loaded = await this.reads.load(uri, ref);
    const state = loaded.state;
    const readOnly = await loaded.readOnly;
    const entry: OpenedElement = {
      lastChanged: state.element.lastChanged,
      mtime: timeOf(state.element.lastChanged),
      ctime: timeOf(state.element.created),
      size: state.element.size ?? 0,
      readOnly,
      checkedTask: state.instance.process?.currentTask?.elementId,
    };
    this.opened.remember(key, uri.toString(), entry);
    this.readOnlyChanged.fire(uri);
    return toStat(entry);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = parseDataUri(uri);
    const key = elementKey(ref);
    // The element's metadata is read before its content: if it changes in between, the remembered
    // lastChanged is older than the content and the next save asks, instead of overwriting silently.
    const loading = this.reads.load(uri, ref);
    const { state, readOnly: reason } = await loading.finally(() => this.reads.drop(key, loading));
    const mode = modeFor(ref, state);
    if (mode.kind === 'download' && mode.reason === 'tooLarge') {
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('{0} is larger than {1} MB; download it instead.', ref.fileName, MAX_OPEN_BYTES / 1024 / 1024),
      );
    }
    const [content, readOnly] = await Promise.all([
      this.errors.translate(uri, () => this.deps.service.read(ref, state, mode)),
      reason,
    ]);
    const known = this.opened.get(key);
    this.opened.remember(key, uri.toString(), {
      lastChanged: state.element.lastChanged,
      mtime: known?.mtime ?? timeOf(state.element.lastChanged),
      ctime: timeOf(state.element.created),
      size: content.byteLength,
      readOnly,
      checkedTask: state.instance.process?.currentTask?.elementId,
    });
    if (known?.readOnly !== readOnly) {
      this.readOnlyChanged.fire(uri);
    }
    return content;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    return this.saves.write(uri, content);
  }

  /** "Save to Altinn": see {@link ElementSaves.sendForSave}. Resolves to whether Altinn took the content. */
  sendForSave(uri: vscode.Uri, content: Uint8Array): Promise<boolean> {
    return this.saves.sendForSave(uri, content);
  }

  /** Forgets content {@link sendForSave} sent that no editor save picked up. */
  dropSent(uri: vscode.Uri): void {
    this.saves.dropSent(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Altinn data elements cannot hold folders.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Use "Delete Data Element" in the Altinn view to delete a data element.'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Altinn data elements cannot be renamed.'));
  }

  /**
   * Brings open editors of one instance (or of all, without `target`) in line with the server after the
   * extension changed or re-read it (see {@link ServerFollower}). Without `target.instanceId`, every open
   * element of the environment. `instance` is a copy of the target instance just read, which saves a request.
   */
  followServer(target?: FollowTarget, instance?: Instance): Promise<void> {
    return this.follower.followServer(target, instance);
  }

  /** Forgets what was read, e.g. after the element was deleted or replaced by a command. */
  forget(ref: DataRef): void {
    const key = elementKey(ref);
    const uris = this.opened.forget(key);
    this.reads.drop(key);
    if (uris.length > 0) {
      this.fileChanged.fire(uris.map((u) => ({ type: vscode.FileChangeType.Deleted, uri: vscode.Uri.parse(u) })));
    }
  }

  dispose(): void {
    this.elementWritten.dispose();
    this.fileChanged.dispose();
    this.readOnlyChanged.dispose();
  }
}

function isFolderPath(uri: vscode.Uri): boolean {
  return uri.path.split('/').filter((p) => p !== '').length < 6;
}

function toStat(entry: OpenedElement): vscode.FileStat {
  return {
    type: vscode.FileType.File,
    ctime: entry.ctime,
    mtime: entry.mtime,
    size: entry.size,
    permissions: entry.readOnly ? vscode.FilePermission.Readonly : undefined,
  };
}
