/** What the editor holds of one element. */
export interface OpenedElement {
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

/** One opened element with the editor URIs handed out for it. */
export interface OpenedEntry {
  readonly key: string;
  readonly known: OpenedElement;
  readonly uris: ReadonlySet<string>;
}

/**
 * The elements the editor has opened, by element key, and the editor URIs handed out for each (one element can be
 * open under more than one file name), so that VS Code can be told when an element changed or is gone.
 */
export class OpenedElements {
  private readonly byKey = new Map<string, OpenedElement>();
  private readonly urisByKey = new Map<string, Set<string>>();

  get(key: string): OpenedElement | undefined {
    return this.byKey.get(key);
  }

  remember(key: string, uri: string, entry: OpenedElement): void {
    this.byKey.set(key, entry);
    const uris = this.urisByKey.get(key) ?? new Set<string>();
    uris.add(uri);
    this.urisByKey.set(key, uris);
  }

  /** Forgets the element; returns the editor URIs that showed it. */
  forget(key: string): string[] {
    this.byKey.delete(key);
    const uris = [...(this.urisByKey.get(key) ?? [])];
    this.urisByKey.delete(key);
    return uris;
  }

  /** Every element an editor URI was handed out for and whose state is known. */
  entries(): OpenedEntry[] {
    return [...this.urisByKey.entries()].flatMap(([key, uris]) => {
      const known = this.byKey.get(key);
      return known ? [{ key, known, uris }] : [];
    });
  }
}

/** An mtime past the current one, so that VS Code sees a new version (and reads it again where it must). */
export function nextMtime(known: OpenedElement, lastChanged: string | undefined): number {
  return Math.max(known.mtime + 1, timeOf(lastChanged));
}

export function timeOf(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
