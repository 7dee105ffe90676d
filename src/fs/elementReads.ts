import * as vscode from 'vscode';
import { openMode, type FormDataFormat, type OpenMode } from './classify';
import { elementKey, type DataRef } from './dataUri';
import type { DataService, ElementState } from './dataService';
import type { ErrorTranslator } from './fsErrors';
import { readOnlyReason } from './ruleText';
import { StateHandover, type Loaded } from './stateHandover';

/** Reads an element's server state and works out whether it may be written, sharing one open's read between its steps. */
export class ElementReads {
  private readonly handover: StateHandover;

  constructor(
    private readonly service: DataService,
    private readonly errors: ErrorTranslator,
  ) {
    this.handover = new StateHandover(() => service.changeCount());
  }

  /** State the open command has just read: the open's next steps use it (see {@link StateHandover} for when not). */
  handOver(ref: DataRef, state: ElementState): void {
    this.handover.put(elementKey(ref), Promise.resolve({ state, readOnly: this.readOnlyFor(ref, state) }), state.readAt);
  }

  /** The state (and reason) this open already reads or read, else a new read that the open's other steps share. */
  load(uri: vscode.Uri, ref: DataRef): Promise<Loaded> {
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

  /** Ends the sharing of the element's state (only of `loading`, if given): the next open reads the server again. */
  drop(key: string, loading?: Promise<Loaded>): void {
    this.handover.drop(key, loading);
  }

  async fetchState(uri: vscode.Uri, ref: DataRef): Promise<ElementState> {
    const state = await this.errors.translate(uri, () => this.service.state(ref));
    if (!state) {
      throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('The data element {0} no longer exists on the server.', ref.dataId));
    }
    return state;
  }

  async readOnlyFor(ref: DataRef, state: ElementState): Promise<string | undefined> {
    const early = readOnlyReason(state.instance, state.element, state.dataType);
    if (early) {
      return early;
    }
    return readOnlyReason(state.instance, state.element, state.dataType, await this.service.process(ref));
  }
}

export function modeFor(ref: DataRef, state: ElementState): OpenMode {
  return openMode(state.element, state.dataType, formatOf(ref));
}

/** The editor URI's extension, not the setting: a document keeps its format if the setting changes. */
export function formatOf(ref: DataRef): FormDataFormat {
  return ref.fileName.toLowerCase().endsWith('.json') ? 'json' : 'xml';
}
