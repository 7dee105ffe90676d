import * as vscode from 'vscode';
import { AltinnApiError } from '../api';
import { errorMessage } from '../util/errors';
import { elementKey, elementKeyOf, parseDataUri, type DataRef } from './dataUri';
import type { DataService, ElementState } from './dataService';
import { formatOf, modeFor, type ElementReads } from './elementReads';
import { notSaved, type ErrorTranslator } from './fsErrors';
import { nextMtime, timeOf, type OpenedElement, type OpenedElements } from './openedElements';
import type { DataPrompts } from './prompts';
import { refusedXmlField } from './refusedField';
import type { SaveReasons } from './saveReasons';
import { revertDocument, showConflictDiff, type ServerVersions } from './serverVersions';

export interface SaveDeps {
  service: DataService;
  prompts: DataPrompts;
  serverVersions: ServerVersions;
  log: vscode.LogOutputChannel;
  /** Why each save happens: automatic saves never reach Altinn. */
  saveReasons?: SaveReasons;
  /** Asks before a save where a change must be confirmed (production); false when the user did not go ahead. */
  askBeforeSave?: (ref: DataRef) => Promise<boolean>;
}

/** What a save tells the file system about. */
export interface SaveEvents {
  /** The element's read-only reason was learnt or changed. */
  readOnlyChanged(uri: vscode.Uri): void;
  /** A save reached Altinn. */
  written(ref: DataRef): void;
}

interface SentContent {
  content: Uint8Array;
  /** The saved version's time, for the stat VS Code reads after its save. */
  mtime: number;
}

/**
 * Saves of opened elements, one per element at a time. Altinn has no ETag (docs/altinn-behaviour.md §7), so a save
 * first re-reads the element and compares `lastChanged` with the one the editor was loaded from; a difference is
 * shown as a diff and the user decides.
 */
export class ElementSaves {
  private readonly saving = new Map<string, Promise<void>>();
  /** Content "Save to Altinn" has just sent, per element: the editor save that follows writes nothing. */
  private readonly sent = new Map<string, SentContent>();

  constructor(
    private readonly deps: SaveDeps,
    private readonly opened: OpenedElements,
    private readonly reads: ElementReads,
    private readonly errors: ErrorTranslator,
    private readonly events: SaveEvents,
  ) {}

  /** VS Code's save of an editor (the provider's `writeFile`). */
  async write(uri: vscode.Uri, content: Uint8Array): Promise<void> {
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
      if (!this.errors.wasTold(err)) {
        const message = errorMessage(err);
        this.deps.prompts.saveRefused(/^Not saved/.test(message) ? message : notSaved(ref, message));
      }
      return false;
    }
  }

  /** Forgets content {@link sendForSave} sent that no editor save picked up. */
  dropSent(uri: vscode.Uri): void {
    this.sent.delete(elementKeyOf(uri));
  }

  private async queueSave(uri: vscode.Uri, ref: DataRef, content: Uint8Array, deferStat: boolean): Promise<void> {
    const key = elementKey(ref);
    this.reads.drop(key);
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

  private async save(uri: vscode.Uri, ref: DataRef, content: Uint8Array, deferStat: boolean): Promise<void> {
    const key = elementKey(ref);
    const known = this.opened.get(key);
    if (!known) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('New data elements are added with "Upload Attachment", not by saving a file.'));
    }
    const state = await this.reads.fetchState(uri, ref);
    const readOnly = await this.reads.readOnlyFor(ref, state);
    known.checkedTask = state.instance.process?.currentTask?.elementId;
    if (readOnly !== known.readOnly) {
      known.readOnly = readOnly;
      this.events.readOnlyChanged(uri);
    }
    if (readOnly) {
      this.deps.log.warn(`save refused for ${uri.toString()}: ${readOnly}`);
      this.deps.prompts.saveRefused(notSaved(ref, readOnly));
      throw this.errors.toldError(vscode.FileSystemError.NoPermissions(readOnly));
    }
    if (state.element.lastChanged !== known.lastChanged) {
      await this.resolveConflict(uri, ref, state, known);
    }
    // VS Code's own save error names the internal altinn:// URI and offers Retry whatever the cause; the user
    // also gets Altinn's reason in plain words, and the error kind says whether saving again can help.
    const updated = await this.errors.translate(
      uri,
      () => this.deps.service.write(ref, state, content, formatOf(ref)),
      (message) => this.deps.prompts.saveRefused(notSaved(ref, message)),
      (err, message) => naming(ref, content, err, message),
    );
    known.lastChanged = updated.lastChanged ?? known.lastChanged;
    if (deferStat) {
      this.sent.set(key, { content, mtime: timeOf(updated.lastChanged) });
    } else {
      known.mtime = nextMtime(known, updated.lastChanged);
      known.size = content.byteLength;
    }
    this.deps.log.info(`saved ${uri.toString()} (lastChanged ${known.lastChanged ?? '?'})`);
    this.events.written(ref);
  }

  /** Returns only when the user chose to overwrite; every other answer ends the save with an error. */
  private async resolveConflict(uri: vscode.Uri, ref: DataRef, state: ElementState, known: OpenedElement): Promise<void> {
    this.deps.log.warn(`conflict on ${uri.toString()}: read ${known.lastChanged ?? '?'}, server has ${state.element.lastChanged ?? '?'}`);
    const mode = modeFor(ref, state);
    if (mode.kind === 'formData' || mode.kind === 'text') {
      const server = await this.errors.translate(uri, () => this.deps.service.read(ref, state, mode));
      await showConflictDiff(this.deps.serverVersions, uri, Buffer.from(server).toString('utf8'), ref.fileName);
    }
    const choice = await this.deps.prompts.conflict(ref.fileName);
    if (choice === 'overwrite') {
      return;
    }
    if (choice === 'reload') {
      known.lastChanged = state.element.lastChanged;
      known.mtime = nextMtime(known, state.element.lastChanged);
      setTimeout(() => void revertDocument(uri).catch((err) => this.deps.log.error(`reload of ${uri.toString()} failed: ${errorMessage(err)}`)), 0);
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not saved: your changes were discarded and the server version is being loaded.'));
    }
    throw vscode.FileSystemError.Unavailable(
      vscode.l10n.t('Not saved: "{0}" was changed on the server after you opened it. Save again to choose between overwriting and reloading.', ref.fileName),
    );
  }
}

/** Altinn's refusal of form XML, with the field it is about named first when the sent text tells which. */
function naming(ref: DataRef, content: Uint8Array, err: unknown, message: string): string {
  const field = err instanceof AltinnApiError && err.status === 400 && formatOf(ref) === 'xml'
    ? refusedXmlField(Buffer.from(content).toString('utf8'), message)
    : undefined;
  return field ? vscode.l10n.t('the value of {0} was refused: {1}', field, message) : message;
}
