// Lazy feature bundles: cold features ship in dist/lazy/<name>.js, read the first time they are used, so
// dist/extension.js (parsed at every activation) carries only what the tree and `altinn:` documents need.
//
// esbuild splits code only for ESM output and VS Code loads extensions as CommonJS, so the split is done here:
// - The sources say `import('../overview/command')`. In dist/extension.js that import becomes
//   `link(require('./lazy/overview.js'), 'overview')` (src/util/lazy.ts); the test bundles in out/ keep it as it is.
// - A lazy file is `module.exports = function (shared) { …the feature… }`. Each of its imports of a module outside
//   its feature becomes `shared('src/api/index.ts')`: the module instance of dist/extension.js, never a copy.
// - dist/extension.js hands its lazy files exactly the modules they import (found by reading them with esbuild),
//   and may not contain a file a lazy bundle owns: the build fails if it does, so every module has one copy.
const esbuild = require('esbuild');
const path = require('node:path');

/**
 * The lazy bundles: `entry` is what `import()` loads, `owns` the files (or folders, ending in /) that live only in
 * that bundle. A file outside `owns` that a bundle imports stays in dist/extension.js and is shared with it.
 */
const LAZY_BUNDLES = {
  // The instance overview panel (src/webview/overview is its page, a bundle of its own).
  overview: { entry: 'src/overview/command.ts', owns: ['src/overview/'] },
  createInstance: { entry: 'src/commands/createInstance.ts', owns: ['src/commands/createInstance.ts'] },
  queryDialogs: {
    entry: 'src/commands/queryDialogs.ts',
    owns: ['src/commands/queryDialogs.ts', 'src/commands/searchDialog.ts', 'src/commands/filterDialogs.ts'],
  },
  environments: { entry: 'src/commands/environments.ts', owns: ['src/commands/environments.ts'] },
  // Finding an instance by what the user typed or picked from the palette (a tree node needs none of it).
  instanceFinder: { entry: 'src/commands/instanceFinder.ts', owns: ['src/commands/instanceFinder.ts'] },
  transfers: { entry: 'src/commands/transfers.ts', owns: ['src/commands/transfers.ts', 'src/fs/uploads.ts', 'src/fs/downloads.ts'] },
};

const ROOT = __dirname;
const LAZY_RUNTIME = path.join(ROOT, 'src', 'util', 'lazy.ts');
/** The lazy file's one parameter: esbuild leaves this free name as it is, even when minifying. */
const SHARED_PARAM = '__altinnShared';

/** `src/api/index.ts` for a file of the repository. */
const keyOf = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** The lazy bundle that owns the file, if any. */
function ownerOf(file) {
  const key = keyOf(file);
  return Object.keys(LAZY_BUNDLES).find((name) => LAZY_BUNDLES[name].owns.some((own) => (own.endsWith('/') ? key.startsWith(own) : key === own)));
}

/**
 * For a lazy bundle's build: its imports of files it does not own become `shared(key)` (or, to read which names it
 * imports, `external` imports of `key`); `found(key, file)` hears of each. Importing a file another lazy bundle owns
 * is an error (it is in neither dist/extension.js nor this file).
 */
function sharedImports(name, found, external = false) {
  return {
    name: `lazy-${name}-shared-imports`,
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.namespace !== 'file' || args.pluginData === 'lazy-inner') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-inner' });
        if (resolved.errors.length > 0 || resolved.external) return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, external: true };
        const owner = ownerOf(resolved.path);
        if (owner === name) return { path: resolved.path };
        if (owner) return { errors: [{ text: `${keyOf(args.importer)} imports ${keyOf(resolved.path)}, which the lazy bundle '${owner}' owns (esbuild-lazy.js): move it out of '${owner}' to share it` }] };
        found?.(keyOf(resolved.path), resolved.path);
        return external ? { path: keyOf(resolved.path), external: true } : { path: keyOf(resolved.path), namespace: 'altinn-shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'altinn-shared' }, (args) => ({ contents: `module.exports = ${SHARED_PARAM}(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * What the lazy bundles import from dist/extension.js: key → { file, names } (names undefined: the whole module),
 * read from each bundle built as ESM with those imports left external, where esbuild writes one import statement per
 * module with exactly the names used. Sharing only those names lets esbuild still drop the rest of a module
 * (`src/api/index.ts` exports far more than a lazy bundle uses), as it would without lazy bundles.
 */
async function sharedModules() {
  const shared = new Map();
  const watchFiles = [];
  for (const [name, { entry }] of Object.entries(LAZY_BUNDLES)) {
    const files = new Map();
    const result = await esbuild.build({
      entryPoints: [path.join(ROOT, entry)],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      external: ['vscode'],
      plugins: [sharedImports(name, (key, file) => files.set(key, file), true)],
    });
    for (const input of Object.keys(result.metafile.inputs)) watchFiles.push(path.resolve(input));
    for (const [key, names] of importedNames(result.outputFiles[0].text)) {
      if (!files.has(key)) continue;
      const before = shared.get(key);
      const all = !names || (before && !before.names);
      shared.set(key, { file: files.get(key), names: all ? undefined : new Set([...(before?.names ?? []), ...names]) });
    }
  }
  return { shared: new Map([...shared].sort(([a], [b]) => a.localeCompare(b))), watchFiles };
}

/** From esbuild's ESM output: module → the names imported from it, or undefined for `import * as` / `export *`. */
function importedNames(code) {
  const found = new Map();
  const statement = /^(?:import|export)\s*([^;]*?)\s*from\s*"([^"]+)";/gms;
  for (const [, clause, key] of code.matchAll(statement)) {
    const names = found.has(key) ? found.get(key) : new Set();
    if (clause.includes('*') || names === undefined) {
      found.set(key, undefined);
      continue;
    }
    const braced = /\{([^}]*)\}/.exec(clause);
    const head = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
    if (head) names.add('default');
    for (const part of braced ? braced[1].split(',') : []) if (part.trim()) names.add(part.trim().split(/\s+as\s+/)[0]);
    found.set(key, names);
  }
  return found;
}

/**
 * For dist/extension.js: the entry hands the shared modules to src/util/lazy.ts before the extension runs, each
 * `import()` of a lazy bundle's entry links dist/lazy/<name>.js, and a file a lazy bundle owns fails the build.
 */
function mainWithLazyBundles(entry) {
  const entries = new Map(Object.entries(LAZY_BUNDLES).map(([name, b]) => [path.join(ROOT, b.entry), name]));
  const ownedFiles = new RegExp(`^${escape(ROOT + path.sep)}(${Object.values(LAZY_BUNDLES).flatMap((b) => b.owns.map((o) => escape(o.split('/').join(path.sep)) + (o.endsWith('/') ? '' : '$'))).join('|')})`);
  return {
    name: 'main-with-lazy-bundles',
    setup(build) {
      build.onResolve({ filter: /^altinn-main$/ }, () => ({ path: 'main', namespace: 'altinn-main' }));
      build.onLoad({ filter: /.*/, namespace: 'altinn-main' }, async () => {
        const { shared, watchFiles } = await sharedModules();
        const modules = [...shared].map(([key, { file, names }], i) => {
          // Getters, as ESM's live bindings: the lazy code reads each name when it runs, not when it was linked.
          if (!names) return { from: `import * as m${i} from ${JSON.stringify(file)};`, value: `m${i}` };
          const local = [...names].map((n, j) => [n, `m${i}_${j}`]);
          return {
            from: `import { ${local.map(([n, l]) => `${n === 'default' ? 'default' : n} as ${l}`).join(', ')} } from ${JSON.stringify(file)};`,
            value: `{ ${local.map(([n, l]) => `get ${n}() { return ${l}; }`).join(', ')} }`,
          };
        });
        const contents = [
          ...modules.map((m) => m.from),
          `import { shareModules } from ${JSON.stringify(LAZY_RUNTIME)};`,
          `shareModules({ ${[...shared.keys()].map((key, i) => `${JSON.stringify(key)}: ${modules[i].value}`).join(', ')} });`,
          `export * from ${JSON.stringify(path.join(ROOT, entry))};`,
        ].join('\n');
        return { contents, loader: 'js', resolveDir: ROOT, watchFiles };
      });
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'lazy-inner') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-inner' });
        const name = entries.get(resolved.path);
        return name ? { path: name, namespace: 'altinn-lazy' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'altinn-lazy' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(LAZY_RUNTIME)}).link(require(${JSON.stringify(`./lazy/${args.path}.js`)}), ${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: ROOT,
      }));
      build.onResolve({ filter: /^\.\/lazy\// }, (args) => (args.namespace === 'altinn-lazy' ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: ownedFiles }, (args) => ({
        errors: [{ text: `${keyOf(args.path)} belongs to the lazy bundle '${ownerOf(args.path)}' (esbuild-lazy.js), yet dist/extension.js imports it: load it with import(), or import only its types` }],
      }));
    },
  };
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** esbuild options for each lazy file, given the options every shipped bundle shares. */
function lazyBundleOptions(common, dist) {
  return Object.entries(LAZY_BUNDLES).map(([name, { entry }]) => ({
    ...common,
    entryPoints: [entry],
    outfile: path.join(dist, 'lazy', `${name}.js`),
    external: ['vscode'],
    plugins: [sharedImports(name), ...(common.plugins ?? [])],
    // The feature runs when dist/extension.js calls this function, with its own `module` so that its exports
    // do not replace the function in Node's module cache.
    banner: { js: `module.exports = function (${SHARED_PARAM}) { var module = { exports: {} }, exports = module.exports;` },
    footer: { js: 'return module.exports; };' },
  }));
}

module.exports = { LAZY_BUNDLES, mainWithLazyBundles, lazyBundleOptions };
