// Short constructors for the provenance tables, so each row reads as one line.
import type { Source } from './provenance';

type Opt = Pick<Source, 'at' | 'versions'>;

const ALD_API = 'src/Altinn.App.Api/';
const ALD_CORE = 'src/Altinn.App.Core/';

/** app-lib-dotnet controller: `ctl('DataController', 'Post')`. */
export function ctl(controller: string, symbol: string, opt: Opt = {}): Source {
  return { repo: 'app-lib-dotnet', path: `${ALD_API}Controllers/${controller}.cs`, symbol, ...opt };
}
/** app-lib-dotnet file under src/Altinn.App.Api/. */
export function api(path: string, symbol: string, opt: Opt = {}): Source {
  return { repo: 'app-lib-dotnet', path: `${ALD_API}${path}`, symbol, ...opt };
}
/** app-lib-dotnet file under src/Altinn.App.Core/. */
export function core(path: string, symbol: string, opt: Opt = {}): Source {
  return { repo: 'app-lib-dotnet', path: `${ALD_CORE}${path}`, symbol, ...opt };
}
/** app-lib-dotnet file from the repository root (tests, snapshots). */
export function ald(path: string, symbol: string, opt: Opt = {}): Source {
  return { repo: 'app-lib-dotnet', path, symbol, ...opt };
}
/** altinn-storage controller. */
export function sto(controller: string, symbol: string): Source {
  return { repo: 'altinn-storage', path: `src/Storage/Controllers/${controller}.cs`, symbol };
}
/** altinn-storage file from the repository root (models, repositories). */
export function stoFile(path: string, symbol: string): Source {
  return { repo: 'altinn-storage', path, symbol };
}
/** altinn-storage SQL function that decides filtering and ordering. */
export function sql(name: string, symbol: string): Source {
  return { repo: 'altinn-storage', path: `src/Storage/Migration/FunctionsAndProcedures/${name}.sql`, symbol };
}
export function localtest(path: string, symbol: string): Source {
  return { repo: 'app-localtest', path, symbol };
}
export function authn(path: string, symbol: string): Source {
  return { repo: 'altinn-authentication', path, symbol };
}
export function events(path: string, symbol: string): Source {
  return { repo: 'altinn-events', path, symbol };
}
export function authz(path: string, symbol: string): Source {
  return { repo: 'altinn-authorization', path, symbol };
}
/** Altinn Studio (studioctl and its localtest under src/Runtime/localtest). */
export function studio(path: string, symbol: string): Source {
  return { repo: 'altinn-studio', path, symbol };
}
