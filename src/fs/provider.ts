import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../util/errors';
import { MAX_OPEN_BYTES, openMode, type FormDataFormat, type OpenMode } from './classify';
import { elementKey, parseDataUri, type DataRef } from './dataUri';
import { AltinnApiError, type Instance } from '../api';
import type { DataService, ElementState } from './dataService';
import type { DataPrompts } from './prompts';
import { refusedXmlField } from './refusedField';
import { readOnlyReason } from './ruleText';
import { revertDocument, showConflictDiff, type ServerVersions } from './serverVersions';
import { fileSystemError, gone, isDirty, isVisible, notSaved } from './fsErrors';
import type { SaveReasons } from './saveReasons';
import { StateHandover, type Loaded } from './stateHandover';

/** What the editor holds of one element. */
interface OpenedElement {
  /** `lastChanged` of the version the editor was loaded from or last saved: the only conflict check Altinn allows. */
  lastChanged?: string;
  /** Only moves when VS Code should see a new version (first stat, a save, a reload), never on a plain read. */
  mtime: number;
  ctime: number;
  size: number;
  readOnly?: string;
  /** The task the process-based part of `readOnly` was worked out for: while it is current, that part still holds. */
  checkedTask?: string;
}

export interface ProviderDeps {
  service: DataService;
  prompts: DataPrompts;
  serverVersions: ServerVersions;
  log: vscode.LogOutputChannel;
  /** Why each save happens: automatic saves never reach Altinn. */
  saveReasons?: SaveReasons;
  /** Asks before a save where a change must be confirmed (production); false when the user did not go ahead. */
  askBeforeSave?: (ref: DataRef) => Promise<boolean>;
}

/**
 * `altinn://<envId>/<org>/<app>/<partyId>/<instanceGuid>/<dataGuid>/<fileName>`: data elements as files.
 * Altinn has no ETag (docs/altinn-behaviour.md §7), so a save first re-reads the element and compares `lastChanged`
 * with the one this editor was loaded from; a difference is shown as a diff and the user decides.
 */
export class AltinnFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly opened = new Map<string, OpenedElement>();
  private readonly saving = new Map<string, Promise<void>>();
  private readonly fileChanged = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly readOnlyChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly elementWritten = new vscode.EventEmitter<DataRef>();
  /** Editor URIs handed out per element, to tell VS Code when an element is gone. */
  private readonly urisByElement = new Map<string, Set<string>>();
  /** State one open read, used by its later steps instead of reading it again. */
  private readonly handover: StateHandover;
  /** Content "Save to Altinn" has just sent, per element: the editor save that follows writes nothing. */
  private readonly sent = new Map<string, SentContent>();
  /** Failures the user was already told about in the extension's own words. */
  private readonly told = new WeakSet<Error>();

  readonly onDidChangeFile = this.fileChanged.event;
  /** Fired when an element's read-only reason is learnt or changes. */
  readonly onDidChangeReadOnly = this.readOnlyChanged.event;
  /** Fired after a save reached Altinn, so that views showing the element can refresh. */
  readonly onDidWriteElement = this.elementWritten.event;

  constructor(private readonly deps: ProviderDeps) {
    this.handover = new StateHandover(() => deps.service.changeCount());
  }

  /**
   * State the open command has just read for `uri`: VS Code's `stat` and `readFile` that follow use it
   * instead of reading the instance again (see {@link StateHandover} for when it is not used).
   */
  handOver(uri: vscode.Uri, state: ElementState): void {
    const ref = parseDataUri(uri);
    this.handover.put(elementKey(ref), Promise.resolve({ state, readOnly: this.readOnlyFor(ref, state) }), state.readAt);
  }

  /** Why this element may not be written, if it may not; known once it was opened. */
  readOnlyReason(uri: vscode.Uri): string | undefined {
    return this.opened.get(keyOf(uri))?.readOnly;
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
    const loaded = await this.load(uri, ref);
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
    this.remember(uri, ref, entry);
    this.readOnlyChanged.fire(uri);
    return toStat(entry);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = parseDataUri(uri);
    const key = elementKey(ref);
    // The element's metadata is read before its content: if it changes in between, the remembered
    // lastChanged is older than the content and the next save asks, instead of overwriting silently.
    const loading = this.load(uri, ref);
    const { state, readOnly: reason } = await loading.finally(() => this.handover.drop(key, loading));
    const mode = this.modeFor(ref, state);
    if (mode.kind === 'download' && mode.reason === 'tooLarge') {
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('{0} is larger than {1} MB; download it instead.', ref.fileName, MAX_OPEN_BYTES / 1024 / 1024),
      );
    }
    const [content, readOnly] = await Promise.all([
      this.translate(uri, () => this.deps.service.read(ref, state, mode)),
      reason,
    ]);
    const known = this.opened.get(key);
    this.remember(uri, ref, {
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

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const ref = parseDataUri(uri);
    const key = elementKey(ref);
    const automatic = this.deps.saveReasons?.takeAutomatic(uri);
    if (this.takeSent(key, content)) {
      return;
    }
    if (automatic) {
      this.deps.log.info(`auto-save of ${uri.toString()} not sent to Altinn`);
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('Not saved: auto-save does not write to Altinn. Save the file yourself (File > Save) to send your changes.'),
      );
    }
    if (this.deps.askBeforeSave && !(await this.deps.askBeforeSave(ref))) {
      // Nothing is sent, and the failed save keeps the editor dirty.
      throw vscode.FileSystemError.NoPermissions(notSaved(ref, vscode.l10n.t('you did not confirm the change in production.')));
    }
    await this.queueSave(uri, ref, content, false);
  }

  /**
   * "Save to Altinn" (the editor's Save key): sends the editor's content the way a save does, but outside VS Code's
   * save, because VS Code 1.100 answers every failed `writeFile` with its own notice that names the internal URI and
   * offers Retry, Save As and Revert whatever the error kind (textFileSaveErrorHandler.ts onSaveError). Here a refusal
   * is told once, in the extension's words, and the editor stays dirty; after a success the editor's own save
   * follows and writes nothing (see {@link takeSent}). Resolves to whether Altinn took the content.
   */
  async sendForSave(uri: vscode.Uri, content: Uint8Array): Promise<boolean> {
    const ref = parseDataUri(uri);
    if (this.deps.askBeforeSave && !(await this.deps.askBeforeSave(ref))) {
      return false;
    }
    try {
      await this.queueSave(uri, ref, content, true);
      return true;
    } catch (err) {
      if (!(err instanceof Error && this.told.has(err))) {
        const message = err instanceof Error ? err.message : String(err);
        this.deps.prompts.saveRefused(/^Not saved/.test(message) ? message : notSaved(ref, message));
      }
      return false;
    }
  }

  /** Forgets content {@link sendForSave} sent that no editor save picked up. */
  dropSent(uri: vscode.Uri): void {
    this.sent.delete(keyOf(uri));
  }

  private async queueSave(uri: vscode.Uri, ref: DataRef, content: Uint8Array, deferStat: boolean): Promise<void> {
    const key = elementKey(ref);
    this.handover.drop(key);
    // One save per element at a time, so the second one compares against the first one's result.
    const previous = this.saving.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.save(uri, ref, content, deferStat));
    this.saving.set(key, current);
    try {
      await current;
    } finally {
      if (this.saving.get(key) === current) {
        this.saving.delete(key);
      }
    }
  }

  /**
   * True when `content` is exactly what {@link sendForSave} just sent: the editor's save that follows it only takes
   * the new version's stat. The stat moves here and not when the content was sent, since VS Code compares its own
   * mtime with `stat` before a write and would call a newer one a conflict ("the content of the file is newer").
   */
  private takeSent(key: string, content: Uint8Array): boolean {
    const sent = this.sent.get(key);
    const known = this.opened.get(key);
    if (!sent || !known || Buffer.compare(Buffer.from(sent.content), Buffer.from(content)) !== 0) {
      return false;
    }
    this.sent.delete(key);
    known.mtime = Math.max(known.mtime + 1, sent.mtime);
    known.size = content.byteLength;
    return true;
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
   * extension changed or re-read it: their read-only state and, where the editor holds no unsaved changes,
   * their content. VS Code re-reads `stat` on the change event, so a tab turns read-only before the next
   * keystroke instead of at its save. Without `target.instanceId`, every open element of the environment.
   * `instance` is a copy of the target instance just read (e.g. by the tree), which saves a request.
   */
  async followServer(target?: { envId: string; instanceId?: string }, instance?: Instance): Promise<void> {
    const followed = [...this.urisByElement.entries()].flatMap(([key, uris]) => {
      const uri = vscode.Uri.parse([...uris][0]);
      const ref = parseDataUri(uri);
      const instanceId = `${ref.instanceId.partyId}/${ref.instanceId.guid}`;
      const matches = !target || (ref.envId === target.envId && (target.instanceId === undefined || instanceId === target.instanceId));
      const known = this.opened.get(key);
      return matches && known ? [{ uri, ref, known, uris }] : [];
    });
    await Promise.all(followed.map((f) => this.follow(f.uri, f.ref, f.known, [...f.uris], instance).catch((err: unknown) => {
      this.deps.log.warn(`could not bring ${f.uri.toString()} up to date: ${errorMessage(err)}`);
    })));
  }

  /** Forgets what was read, e.g. after the element was deleted or replaced by a command. */
  forget(ref: DataRef): void {
    const key = elementKey(ref);
    this.opened.delete(key);
    this.handover.drop(key);
    const uris = [...(this.urisByElement.get(key) ?? [])];
    this.urisByElement.delete(key);
    if (uris.length > 0) {
      this.fileChanged.fire(uris.map((u) => ({ type: vscode.FileChangeType.Deleted, uri: vscode.Uri.parse(u) })));
    }
  }

  dispose(): void {
    this.elementWritten.dispose();
    this.fileChanged.dispose();
    this.readOnlyChanged.dispose();
  }

  private async save(uri: vscode.Uri, ref: DataRef, content: Uint8Array, deferStat: boolean): Promise<void> {
    const key = elementKey(ref);
    const known = this.opened.get(key);
    if (!known) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('New data elements are added with "Upload Attachment", not by saving a file.'));
    }
    const state = await this.fetchState(uri, ref);
    const readOnly = await this.readOnlyFor(ref, state);
    known.checkedTask = state.instance.process?.currentTask?.elementId;
    if (readOnly !== known.readOnly) {
      known.readOnly = readOnly;
      this.readOnlyChanged.fire(uri);
    }
    if (readOnly) {
      this.deps.log.warn(`save refused for ${uri.toString()}: ${readOnly}`);
      this.deps.prompts.saveRefused(notSaved(ref, readOnly));
      throw this.toldError(vscode.FileSystemError.NoPermissions(readOnly));
    }
    if (state.element.lastChanged !== known.lastChanged) {
      await this.resolveConflict(uri, ref, state, known);
    }
    // VS Code's own save error names the internal altinn:// URI and offers Retry whatever the cause; the user
    // also gets Altinn's reason in plain words, and the error kind says whether saving again can help.
    const updated = await this.translate(
      uri,
      () => this.deps.service.write(ref, state, content, this.formatOf(ref)),
      (message) => this.deps.prompts.saveRefused(notSaved(ref, message)),
      (err, message) => this.naming(ref, content, err, message),
    );
    known.lastChanged = updated.lastChanged ?? known.lastChanged;
    if (deferStat) {
      this.sent.set(key, { content, mtime: timeOf(updated.lastChanged) });
    } else {
      known.mtime = Math.max(known.mtime + 1, timeOf(updated.lastChanged));
      known.size = content.byteLength;
    }
    this.deps.log.info(`saved ${uri.toString()} (lastChanged ${known.lastChanged ?? '?'})`);
    this.elementWritten.fire(ref);
  }

  private async follow(uri: vscode.Uri, ref: DataRef, known: OpenedElement, uris: string[], instance?: Instance): Promise<void> {
    // A copy without its data list (a summary from a listing) cannot say the element is gone: read it then.
    const state = instance?.data ? await this.deps.service.stateOf(ref, instance) : await this.deps.service.state(ref).catch(gone);
    if (!state) {
      this.forget(ref);
      return;
    }
    const task = state.instance.process?.currentTask?.elementId;
    // The process check costs a request: it is made again only when the task moved on.
    const readOnly =
      readOnlyReason(state.instance, state.element, state.dataType) ??
      (task === known.checkedTask && known.readOnly === undefined ? undefined : await this.readOnlyFor(ref, state));
    known.checkedTask = task;
    const newContent = state.element.lastChanged !== known.lastChanged && !uris.some(isDirty);
    if (readOnly === known.readOnly && !newContent) {
      return;
    }
    this.deps.log.info(`${uri.toString()} follows the server: ${readOnly ? `read-only (${readOnly})` : 'writable'}${newContent ? ', new content' : ''}`);
    if (readOnly && !known.readOnly && uris.some(isVisible)) {
      // The lock on the tab and VS Code's "file is read-only" do not say why; this does, before the user types.
      this.deps.prompts.info(vscode.l10n.t('"{0}" is now read-only: {1}', ref.fileName, readOnly));
    }
    known.readOnly = readOnly;
    if (newContent) {
      // A new mtime makes VS Code read the content again (and readFile takes the new lastChanged).
      known.mtime = Math.max(known.mtime + 1, timeOf(state.element.lastChanged));
    }
    this.fileChanged.fire(uris.map((u) => ({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(u) })));
    this.readOnlyChanged.fire(uri);
  }

  /** Altinn's refusal of form XML, with the field it is about named first when the sent text tells which. */
  private naming(ref: DataRef, content: Uint8Array, err: unknown, message: string): string {
    const field = err instanceof AltinnApiError && err.status === 400 && this.formatOf(ref) === 'xml'
      ? refusedXmlField(Buffer.from(content).toString('utf8'), message)
      : undefined;
    return field ? vscode.l10n.t('the value of {0} was refused: {1}', field, message) : message;
  }

  private toldError(err: vscode.FileSystemError): vscode.FileSystemError {
    this.told.add(err);
    return err;
  }

  private remember(uri: vscode.Uri, ref: DataRef, entry: OpenedElement): void {
    const key = elementKey(ref);
    this.opened.set(key, entry);
    const uris = this.urisByElement.get(key) ?? new Set<string>();
    uris.add(uri.toString());
    this.urisByElement.set(key, uris);
  }

  /** Returns only when the user chose to overwrite; every other answer ends the save with an error. */
  private async resolveConflict(uri: vscode.Uri, ref: DataRef, state: ElementState, known: OpenedElement): Promise<void> {
    this.deps.log.warn(`conflict on ${uri.toString()}: read ${known.lastChanged ?? '?'}, server has ${state.element.lastChanged ?? '?'}`);
    const mode = this.modeFor(ref, state);
    if (mode.kind === 'formData' || mode.kind === 'text') {
      const server = await this.translate(uri, () => this.deps.service.read(ref, state, mode));
      await showConflictDiff(this.deps.serverVersions, uri, Buffer.from(server).toString('utf8'), ref.fileName);
    }
    const choice = await this.deps.prompts.conflict(ref.fileName);
    if (choice === 'overwrite') {
      return;
    }
    if (choice === 'reload') {
      known.lastChanged = state.element.lastChanged;
      known.mtime = Math.max(known.mtime + 1, timeOf(state.element.lastChanged));
      setTimeout(() => void revertDocument(uri).catch((err) => this.deps.log.error(`reload of ${uri.toString()} failed: ${errorMessage(err)}`)), 0);
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not saved: your changes were discarded and the server version is being loaded.'));
    }
    throw vscode.FileSystemError.Unavailable(
      vscode.l10n.t('Not saved: "{0}" was changed on the server after you opened it. Save again to choose between overwriting and reloading.', ref.fileName),
    );
  }

  private async fetchState(uri: vscode.Uri, ref: DataRef): Promise<ElementState> {
    const state = await this.translate(uri, () => this.deps.service.state(ref));
    if (!state) {
      throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('The data element {0} no longer exists on the server.', ref.dataId));
    }
    return state;
  }

  /** The state (and reason) this open already reads or read, else a new read that the open's other steps share. */
  private load(uri: vscode.Uri, ref: DataRef): Promise<Loaded> {
    const key = elementKey(ref);
    const shared = this.handover.get(key);
    if (shared) {
      return shared;
    }
    const readAt = this.handover.mark();
    const loading = this.fetchState(uri, ref).then((state) => ({ state, readOnly: this.readOnlyFor(ref, state) }));
    this.handover.put(key, loading, readAt);
    return loading;
  }

  private async readOnlyFor(ref: DataRef, state: ElementState): Promise<string | undefined> {
    const early = readOnlyReason(state.instance, state.element, state.dataType);
    if (early) {
      return early;
    }
    return readOnlyReason(state.instance, state.element, state.dataType, await this.deps.service.process(ref));
  }

  private modeFor(ref: DataRef, state: ElementState): OpenMode {
    return openMode(state.element, state.dataType, this.formatOf(ref));
  }

  /** The editor URI's extension, not the setting: a document keeps its format if the setting changes. */
  private formatOf(ref: DataRef): FormDataFormat {
    return ref.fileName.toLowerCase().endsWith('.json') ? 'json' : 'xml';
  }

  /** API failures become FileSystemErrors carrying Altinn's message, which VS Code shows next to the kept, dirty editor. */
  private async translate<T>(
    uri: vscode.Uri,
    run: () => Promise<T>,
    tell?: (message: string) => void,
    describe: (err: unknown, message: string) => string = (_err, message) => message,
  ): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof vscode.FileSystemError) {
        throw err;
      }
      if (isCancellation(err)) {
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Cancelled.'));
      }
      const message = describe(err, errorMessage(err));
      this.deps.log.error(`${uri.toString()}: ${message}`);
      if (tell) {
        tell(message);
        throw this.toldError(fileSystemError(err, message));
      }
      throw fileSystemError(err, message);
    }
  }
}

interface SentContent {
  content: Uint8Array;
  /** The saved version's time, for the stat VS Code reads after its save. */
  mtime: number;
}

function isFolderPath(uri: vscode.Uri): boolean {
  return uri.path.split('/').filter((p) => p !== '').length < 6;
}

function keyOf(uri: vscode.Uri): string {
  try {
    return elementKey(parseDataUri(uri));
  } catch {
    return '';
  }
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

function timeOf(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
