// Where every emulator route and rule comes from (issue 12, "Provenance"): the Altinn repository, file and
// symbol, the app-lib version range where versions differ, or no source and why. The README's provenance
// section is generated from this data (provenance-table.ts) and provenance.test.ts keeps both honest.
import { ROUTES } from './provenance-routes';
import { APP_RULES } from './provenance-rules-app';
import { PLATFORM_RULES } from './provenance-rules-platform';

/** Repositories under github.com/Altinn, as mirrored for the team. */
export type Repo = 'app-lib-dotnet' | 'altinn-storage' | 'app-localtest' | 'altinn-authentication' | 'altinn-events'
  | 'altinn-authorization' | 'altinn-studio';

export interface Source {
  repo: Repo;
  /** File path inside the repository. */
  path: string;
  /** Controller method, class or constant; it occurs verbatim in the file (provenance-sources.ts checks). */
  symbol: string;
  /** Git tag the file was read at when not the commit in CHECKED_AT (e.g. a route that starts at `v8.5.0`). */
  at?: string;
  /** App-lib versions the behaviour holds for, e.g. `v8.5.0+`. */
  versions?: string;
}

interface Entry {
  /** Section of docs/altinn-behaviour.md. */
  section: string;
  /** Empty when nothing in Altinn's source backs this; `reason` then says why. */
  sources: Source[];
  reason?: string;
  /** Where the emulator does something else than the cited source (reported to the lead, not fixed here). */
  divergence?: string;
  /**
   * Pre-populated for a route or rule another helper is adding; not registered yet. The test lists these and
   * fails once the route exists, so the mark is removed (or the entry dropped) deliberately after the merge.
   */
  pending?: string;
}

export interface RouteEntry extends Entry {
  /** `METHOD /pattern` exactly as passed to the router. */
  route: string;
}

export interface RuleEntry extends Entry {
  /** Short stable id, e.g. `query.size-default`. */
  id: string;
  /** What the emulator does. */
  rule: string;
  /** `file.ts symbol` in test/emulator where the rule lives; the symbol must occur in that file. */
  where: string;
}

/** The mirror commits the cited paths and symbols were checked at (node out/test/emulator/provenance-sources.js). */
export const CHECKED_AT: Record<Repo, string> = {
  'app-lib-dotnet': '1363997d2c65dea16f98a0cecc4083fc9442fc4e',
  'altinn-storage': 'd9364e408c810c153f43113bf1effd851e78a99b',
  'app-localtest': '02305f7388c321e26ae721e7e014de8300aeff51',
  'altinn-authentication': 'ad4f6f3671c0ba40bf923003688f5949c6a89aa2',
  'altinn-events': 'd7232ac8725bd6d7439fdba921dc4f8d0eba8811',
  'altinn-authorization': '1472402f3268755a9691b07ef541ca9a3bc50e81',
  'altinn-studio': 'e049d2c021c4d30e7080dd03a3ba130927b64136',
};

export const PROVENANCE = { routes: ROUTES, rules: [...APP_RULES, ...PLATFORM_RULES] };

export interface ProvenanceCounts {
  routes: number;
  routesWithSource: number;
  rules: number;
  rulesWithSource: number;
  rulesWithout: number;
  divergences: number;
  pending: number;
}

export function countProvenance(routes: readonly RouteEntry[], rules: readonly RuleEntry[]): ProvenanceCounts {
  const live = <T extends Entry>(xs: readonly T[]) => xs.filter((x) => !x.pending);
  const r = live(routes);
  const u = live(rules);
  return {
    routes: r.length,
    routesWithSource: r.filter((x) => x.sources.length > 0).length,
    rules: u.length,
    rulesWithSource: u.filter((x) => x.sources.length > 0).length,
    rulesWithout: u.filter((x) => x.sources.length === 0).length,
    divergences: [...r, ...u].filter((x) => x.divergence).length,
    pending: routes.length + rules.length - r.length - u.length,
  };
}
