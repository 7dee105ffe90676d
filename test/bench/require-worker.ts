// Figure 2b: how long Node takes to require the production bundle, with `vscode` answered by a stub
// (the bundle only touches the API at load time to define classes and constants).
import Module from 'node:module';
import { workerMain } from './lib/worker';

interface Input {
  bundle: string;
}

/** Any property, call or construction yields the stub again, so top-level `extends vscode.X` works. */
function vscodeStub(): unknown {
  const target = function stub(): void {};
  const stub: unknown = new Proxy(target, {
    get: (t, p) => (p === 'prototype' ? t.prototype : p === Symbol.toPrimitive ? () => '' : stub),
    apply: () => stub,
    construct: () => ({}),
  });
  return stub;
}

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}

workerMain<Input, { ms: number }>(async (input) => {
  const internals = Module as unknown as ModuleInternals;
  const stubId = '\0vscode-stub';
  const original = internals._resolveFilename;
  internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? stubId : original.call(this, request, ...rest);
  };
  internals._cache[stubId] = { id: stubId, filename: stubId, loaded: true, exports: vscodeStub() };
  const load = Module.createRequire(__filename);
  const start = performance.now();
  load(input.bundle);
  const ms = performance.now() - start;
  return { ms };
});
