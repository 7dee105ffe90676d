import * as vscode from 'vscode';
import { formatInstanceId, type Instance } from '../api';
import { errorMessage } from '../util/errors';
import { parseDataUri, type DataRef } from './dataUri';
import type { DataService } from './dataService';
import type { ElementReads } from './elementReads';
import { gone, isDirty, isVisible } from './fsErrors';
import { nextMtime, type OpenedElement, type OpenedElements } from './openedElements';
import type { DataPrompts } from './prompts';
import { readOnlyReason } from './ruleText';

export interface FollowDeps {
  service: DataService;
  prompts: DataPrompts;
  log: vscode.LogOutputChannel;
}

/** What following the server tells the file system about. */
export interface FollowEvents {
  /** The element is gone from the server: its editors are told so. */
  gone(ref: DataRef): void;
  /** The element's editors should read `stat` (and, with a new mtime, the content) again. */
  changed(uris: string[]): void;
  readOnlyChanged(uri: vscode.Uri): void;
}

/** Which open elements to bring up to date: those of one instance, of one environment, or (none given) all. */
export interface FollowTarget {
  envId: string;
  instanceId?: string;
}

/**
 * Brings open editors in line with the server after the extension changed or re-read an instance: their read-only
 * state and, where the editor holds no unsaved changes, their content. VS Code re-reads `stat` on the change event,
 * so a tab turns read-only before the next keystroke instead of at its save.
 */
export class ServerFollower {
  constructor(
    private readonly deps: FollowDeps,
    private readonly opened: OpenedElements,
    private readonly reads: ElementReads,
    private readonly events: FollowEvents,
  ) {}

  /** `instance` is a copy of the target instance just read (e.g. by the tree), which saves a request. */
  async followServer(target?: FollowTarget, instance?: Instance): Promise<void> {
    const followed = this.opened.entries().flatMap(({ known, uris }) => {
      const uri = vscode.Uri.parse([...uris][0]);
      const ref = parseDataUri(uri);
      const instanceId = formatInstanceId(ref.instanceId);
      const matches = !target || (ref.envId === target.envId && (target.instanceId === undefined || instanceId === target.instanceId));
      return matches ? [{ uri, ref, known, uris }] : [];
    });
    await Promise.all(followed.map((f) => this.follow(f.uri, f.ref, f.known, [...f.uris], instance).catch((err: unknown) => {
      this.deps.log.warn(`could not bring ${f.uri.toString()} up to date: ${errorMessage(err)}`);
    })));
  }

  private async follow(uri: vscode.Uri, ref: DataRef, known: OpenedElement, uris: string[], instance?: Instance): Promise<void> {
    // A copy without its data list (a summary from a listing) cannot say the element is gone: read it then.
    const state = instance?.data ? await this.deps.service.stateOf(ref, instance) : await this.deps.service.state(ref).catch(gone);
    if (!state) {
      this.events.gone(ref);
      return;
    }
    const task = state.instance.process?.currentTask?.elementId;
    // The process check costs a request: it is made again only when the task moved on.
    const readOnly =
      readOnlyReason(state.instance, state.element, state.dataType) ??
      (task === known.checkedTask && known.readOnly === undefined ? undefined : await this.reads.readOnlyFor(ref, state));
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
      known.mtime = nextMtime(known, state.element.lastChanged);
    }
    this.events.changed(uris);
    this.events.readOnlyChanged(uri);
  }
}
