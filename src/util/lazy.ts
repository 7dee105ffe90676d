// The run-time half of the lazy feature bundles (the build half is esbuild-lazy.js). Source code loads a cold
// feature with a plain `import('../overview/command')`; in dist/extension.js the build turns that import into
// `link(require('./lazy/overview.js'), 'overview')`. A lazy file is a function of one argument: it asks that
// argument for every module it uses from outside its feature, so it runs on the very instances already loaded
// in dist/extension.js (one AltinnApiError, one InstanceNode, one registry) instead of copies of its own.
// Elsewhere (the test bundles in out/, which bundle the sources as they are) nothing here runs.

/** A module of dist/extension.js, by its path from the repository root (`src/api/index.ts`). */
export type SharedModules = Readonly<Record<string, object>>;

/** A lazy file's export: it runs the feature's code with the shared modules and returns the feature's exports. */
export type LazyFactory = (shared: (path: string) => object) => object;

let shared: SharedModules | undefined;
const linked = new Map<string, object>();

/** Called once by dist/extension.js as it loads, with the modules the lazy files use. */
export function shareModules(modules: SharedModules): void {
  shared = modules;
}

/** The feature's exports, running its file the first time. */
export function link(factory: LazyFactory, name: string): object {
  let exports = linked.get(name);
  if (!exports) {
    exports = factory((path) => {
      const module = shared?.[path];
      if (!module) {
        // A build that shares too little: esbuild-lazy.js reads every lazy file's imports, so this needs a stale dist/.
        throw new Error(`dist/lazy/${name}.js uses ${path}, which dist/extension.js does not share with it; build both again (node esbuild.js).`);
      }
      return module;
    });
    linked.set(name, exports);
  }
  return exports;
}
