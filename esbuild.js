// Bundles the extension (and, with --tests, the test suites, emulator and runners).
// got is ESM-only, so tests are bundled the same way the extension is: one loader, one behaviour.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { lazyBundleOptions, mainWithLazyBundles } = require('./esbuild-lazy');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
/** `--analyze`: print what dist/extension.js is made of, by package (from esbuild's metafile). */
const analyze = process.argv.includes('--analyze');
/** `--dist DIR`: write the shipped files there instead of dist/ (test/unit/bundle.test.ts builds into a folder of its own). */
const distArg = process.argv.indexOf('--dist');
const dist = distArg > 0 ? process.argv[distArg + 1] : 'dist';
/** `--metafile FILE`: write which source files each shipped extension file holds (test/unit/bundle.test.ts reads it). */
const metafileArg = process.argv.indexOf('--metafile');
const metafileOut = metafileArg > 0 ? process.argv[metafileArg + 1] : undefined;

/**
 * Prints the lines VS Code's `$esbuild-watch` problem matcher reads (see .vscode/tasks.json). One-off builds
 * print only errors, in esbuild's own format.
 */
const esbuildProblemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      result.errors.forEach(({ text, location }) => {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      });
      console.log('[watch] build finished');
    });
  },
};

/**
 * got's HTTP/2 support (http2-wrapper), response cache (cacheable-request, keyv, http-cache-semantics) and DNS
 * cache (cacheable-lookup) are only reached when a request sets `http2`, `cache` or `dnsCache`, which src/api
 * never does. They are left out of every bundle: each import gets a stand-in that says so if it is ever used.
 */
const UNUSED_GOT_PARTS = {
  'http2-wrapper': `const no = () => { throw new Error('HTTP/2 is not part of this build of got (esbuild.js).'); };
    export default { auto: no, request: no, get: no, globalAgent: undefined, Agent: class { constructor() { no(); } } };`,
  'cacheable-request': `export class CacheError extends Error {}
    export default class CacheableRequest { constructor() { throw new Error("got's response cache is not part of this build (esbuild.js)."); } }`,
  'cacheable-lookup': `export default class CacheableLookup { constructor() { throw new Error("got's DNS cache is not part of this build (esbuild.js)."); } }`,
};
const leaveOutUnusedGotParts = {
  name: 'leave-out-unused-got-parts',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(UNUSED_GOT_PARTS).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'got-unused' }));
    build.onLoad({ filter: /.*/, namespace: 'got-unused' }, (args) => ({ contents: UNUSED_GOT_PARTS[args.path], loader: 'js' }));
  },
};

const plugins = [leaveOutUnusedGotParts, ...(watch ? [esbuildProblemMatcherPlugin] : [])];

/**
 * In the extension, got lives in dist/got.js: src/api/http.ts already loads got on the first request (a
 * dynamic import), so activation neither reads nor runs it; only the extension's own code is in dist/extension.js.
 */
const gotInItsOwnFile = {
  name: 'got-in-its-own-file',
  setup(build) {
    build.onResolve({ filter: /^got$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './got.js', external: true } : undefined));
  },
};

function testEntryPoints() {
  const entries = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'host') walk(p);
      } else if (
        e.name.endsWith('.test.ts') ||
        p === path.join('test', 'suite', 'index.ts') ||
        p === path.join('test', 'emulator', 'main.ts') ||
        p === path.join('test', 'emulator', 'provenance-table.ts') ||
        p === path.join('test', 'emulator', 'provenance-sources.ts') ||
        (path.dirname(p) === path.join('test', 'runner') && e.name.endsWith('.ts')) ||
        (path.dirname(p) === path.join('test', 'bench') && e.name.endsWith('.ts'))
      ) {
        entries.push(p);
      }
    }
  };
  walk('test');
  return entries;
}

/** Bytes of the output by package (node_modules) or by source folder, largest first. */
function printBundleContents(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const parts = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = pkg
        ? pkg[1]
        : input.startsWith('got-unused:')
          ? `${input} (stand-in)`
          : /^altinn-(shared|main|lazy):/.test(input)
            ? 'links between extension.js and the lazy files (esbuild-lazy.js)'
            : path.dirname(input);
      parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
    }
    console.log(`${file}: ${output.bytes} bytes (${(output.bytes / 1024).toFixed(1)} KB)`);
    for (const [key, bytes] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(9)}  ${key}`);
  }
}

async function main() {
  /** What every bundle shares: one Node 20 CommonJS file with its dependencies (got is ESM-only) inside. */
  const nodeBundle = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: watch ? 'silent' : 'warning', plugins };
  /** What ships (the extension and the CLI): minified without source maps under --production. */
  // charset utf8: non-ASCII text (…, ·, –, Norwegian letters) as itself, not as \uXXXX escapes.
  const shipped = { minify: production, sourcemap: !production, sourcesContent: false, charset: 'utf8' };
  const measured = analyze || metafileOut !== undefined;
  // A lazy file of a feature that is no longer lazy (or renamed) must not linger and ship.
  if (!watch) fs.rmSync(path.join(dist, 'lazy'), { recursive: true, force: true });
  /** The extension's files: dist/extension.js, dist/got.js and the lazy feature bundles (esbuild-lazy.js). */
  const extensionFiles = [
    await esbuild.context({
      ...nodeBundle,
      ...shipped,
      entryPoints: ['altinn-main'],
      outfile: path.join(dist, 'extension.js'),
      external: ['vscode'],
      metafile: measured,
      plugins: [gotInItsOwnFile, mainWithLazyBundles('src/extension.ts'), ...plugins],
      // import('./got.js') and the lazy bundles as require(), whose CommonJS exports keep a default export as `default`.
      supported: { 'dynamic-import': false },
    }),
    await esbuild.context({
      ...nodeBundle,
      ...shipped,
      stdin: { contents: "export * from 'got'; export { default } from 'got';", resolveDir: __dirname, sourcefile: 'got-entry.js' },
      outfile: path.join(dist, 'got.js'),
      metafile: measured,
    }),
    ...(await Promise.all(lazyBundleOptions({ ...nodeBundle, ...shipped, metafile: measured }, dist).map((options) => esbuild.context(options)))),
  ];
  const contexts = [
    ...extensionFiles,
    // The `altinn-explorer` command (src/cli). keytar is a native optional dependency: kept external and
    // required lazily by src/cli/secrets.ts, which explains what to do when it is missing.
    await esbuild.context({
      ...nodeBundle,
      ...shipped,
      entryPoints: ['src/cli/main.ts'],
      outfile: path.join(dist, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      external: ['keytar'],
    }),
    // The instance overview's page (src/webview/overview): a browser bundle with bpmn-js and its CSS, loaded
    // by the webview only when an overview opens, so activation and dist/extension.js do not carry it.
    await esbuild.context({
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: watch ? 'silent' : 'warning',
      plugins,
      minify: true,
      sourcemap: !production,
      sourcesContent: false,
      entryPoints: { overview: 'src/webview/overview/main.ts' },
      outdir: 'dist/webview',
    }),
  ];
  if (tests) {
    contexts.push(
      await esbuild.context({
        ...nodeBundle,
        entryPoints: testEntryPoints(),
        sourcemap: 'inline',
        outdir: 'out',
        outbase: '.',
        external: ['vscode', 'mocha', 'playwright-core', 'ajv', 'ajv-formats', 'esbuild', '@vscode/test-electron', 'keytar', 'typescript'],
      }),
    );
  }
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    const results = await Promise.all(contexts.map((c) => c.rebuild()));
    const measures = results.slice(0, extensionFiles.length).map((r) => r.metafile);
    if (analyze) for (const m of measures) printBundleContents(m);
    if (metafileOut) fs.writeFileSync(metafileOut, JSON.stringify(measures));
    await Promise.all(contexts.map((c) => c.dispose()));
    fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
  }
}

main().catch((e) => {
  // esbuild has already printed its build errors; print anything else.
  if (!Array.isArray(e?.errors)) {
    console.error(e);
  }
  process.exit(1);
});
