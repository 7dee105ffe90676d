import type { AltinnClient, AppId, AppProcessState, Application, ApplicationMetadata, DataElement, DataType, Instance, InstanceRef } from '../api';
import { formatAppId, formatInstanceId } from '../api';
import { isFormDataType, type FormDataFormat, type OpenMode } from './classify';
import type { DataRef } from './dataUri';

/** The part of the environment registry the data features use. */
export interface ClientSource {
  client(envId: string): AltinnClient;
  /** How many state-changing requests the clients have sent, so that state read before one is known to be old. */
  changeCount(): number;
}

/** Storage's applications as the tree already lists them (one anonymous list per environment, shared). */
export interface ApplicationSource {
  find(envId: string, appId: string): Promise<Application | undefined>;
}

/** One data element as the server has it right now. */
export interface ElementState {
  readonly instance: Instance;
  readonly element: DataElement;
  readonly dataType: DataType | undefined;
  /** When the read began, and the client's change count then (see {@link ClientSource.changeCount}). */
  readonly readAt: { readonly at: number; readonly changes: number };
}

const METADATA_TTL_MS = 60_000;

/** The requests behind the `altinn:` file system and the data commands; all of them go through src/api. */
export class DataService {
  private readonly metadataCache = new Map<string, { at: number; value: Promise<ApplicationMetadata> }>();

  constructor(
    private readonly clients: ClientSource,
    private readonly applications?: ApplicationSource,
  ) {}

  client(envId: string): AltinnClient {
    return this.clients.client(envId);
  }

  changeCount(): number {
    return this.clients.changeCount();
  }

  /** App metadata changes rarely (Altinn itself caches it 60 s); data types are asked for on every open. */
  metadata(envId: string, appId: AppId): Promise<ApplicationMetadata> {
    const key = metadataKey(envId, appId);
    const cached = this.metadataCache.get(key);
    if (cached && Date.now() - cached.at < METADATA_TTL_MS) {
      return cached.value;
    }
    const value = this.client(envId).apps.metadata(appId);
    value.catch(() => this.metadataCache.delete(key));
    this.metadataCache.set(key, { at: Date.now(), value });
    return value;
  }

  /**
   * The element's data type, which tells form data from attachments. Opening needs only `dataTypes`, which
   * Storage's application carries as the App API metadata does (the App API's ApplicationMetadata extends
   * Storage's Application; docs/altinn-behaviour.md §1.1, §2.4; Altinn/app-lib-dotnet
   * src/Altinn.App.Core/Models/ApplicationMetadata.cs, Altinn/altinn-storage
   * src/Storage.Interface/Models/Application.cs DataTypes). So the tree's Storage list serves, and the App API
   * metadata is asked for only when it is not already at hand and Storage's list lacks the type (an app deployed
   * since the list was read).
   */
  async dataType(envId: string, appId: AppId, dataTypeId: string, signal?: AbortSignal): Promise<DataType | undefined> {
    const warm = this.metadataCache.get(metadataKey(envId, appId));
    if (!(warm && Date.now() - warm.at < METADATA_TTL_MS) && this.applications) {
      const application = await this.applications.find(envId, formatAppId(appId)).catch(() => undefined);
      signal?.throwIfAborted();
      const type = application?.dataTypes?.find((t) => t.id === dataTypeId);
      if (type) {
        return type;
      }
    }
    return (await this.metadata(envId, appId)).dataTypes.find((t) => t.id === dataTypeId);
  }

  /** The instance and element as the server has them now; read anew on every call (saves compare against it). */
  async state(ref: DataRef, signal?: AbortSignal): Promise<ElementState | undefined> {
    const readAt = { at: Date.now(), changes: this.changeCount() };
    const instance = await this.client(ref.envId).instances.get(instanceRef(ref), { signal });
    return this.stateIn(ref, instance, readAt, signal);
  }

  /** The state of one element in a copy of its instance just read elsewhere (e.g. by the tree); no instance request. */
  stateOf(ref: DataRef, instance: Instance): Promise<ElementState | undefined> {
    return this.stateIn(ref, instance, { at: Date.now(), changes: this.changeCount() });
  }

  private async stateIn(ref: DataRef, instance: Instance, readAt: ElementState['readAt'], signal?: AbortSignal): Promise<ElementState | undefined> {
    const element = instance.data?.find((d) => d.id === ref.dataId);
    if (!element) {
      return undefined;
    }
    return { instance, element, dataType: await this.dataType(ref.envId, ref.appId, element.dataType, signal), readAt };
  }

  /** The App API's view of the current task, which says whether this user may write; undefined if unknown. */
  async process(ref: DataRef, signal?: AbortSignal): Promise<AppProcessState | undefined> {
    try {
      return await this.client(ref.envId).process.get(instanceRef(ref), { signal });
    } catch {
      return undefined;
    }
  }

  async read(ref: DataRef, state: ElementState, mode: OpenMode, signal?: AbortSignal): Promise<Uint8Array> {
    const data = this.client(ref.envId).data;
    if (mode.kind === 'formData') {
      if (mode.format === 'json') {
        const model = await data.getFormData(instanceRef(ref), ref.dataId, 'json', { signal });
        return Buffer.from(JSON.stringify(model, null, 2) + '\n', 'utf8');
      }
      return Buffer.from(await data.getFormData(instanceRef(ref), ref.dataId, 'xml', { signal }), 'utf8');
    }
    return data.download(instanceRef(ref), ref.dataId, { signal });
  }

  async write(ref: DataRef, state: ElementState, content: Uint8Array, format: FormDataFormat): Promise<DataElement> {
    const data = this.client(ref.envId).data;
    const body = Buffer.from(content);
    if (isFormDataType(state.dataType)) {
      return data.replace(instanceRef(ref), ref.dataId, body, {
        contentType: format === 'json' ? 'application/json' : 'application/xml',
      });
    }
    return data.replace(instanceRef(ref), ref.dataId, body, {
      contentType: state.element.contentType ?? 'application/octet-stream',
      filename: state.element.filename ?? ref.fileName,
    });
  }
}

function metadataKey(envId: string, appId: AppId): string {
  return `${envId}|${formatAppId(appId)}`;
}

export function instanceRef(ref: Pick<DataRef, 'appId' | 'instanceId'>): InstanceRef {
  return { appId: ref.appId, id: formatInstanceId(ref.instanceId) };
}
