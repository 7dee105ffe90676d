// Bundles the extension (and, with --tests, the test suites, emulator and runners).
// got is ESM-only, so tests are bundled the same way the extension is: one loader, one behaviour.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

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

const plugins = watch ? [esbuildProblemMatcherPlugin] : [];

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

async function main() {
  /** What every bundle shares: one Node 20 CommonJS file with its dependencies (got is ESM-only) inside. */
  const nodeBundle = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: watch ? 'silent' : 'warning', plugins };
  /** What ships (the extension and the CLI): minified without source maps under --production. */
  const shipped = { minify: production, sourcemap: !production, sourcesContent: false };
  const contexts = [
    await esbuild.context({
      ...nodeBundle,
      ...shipped,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
    }),
    // The `altinn-explorer` command (src/cli). keytar is a native optional dependency: kept external and
    // required lazily by src/cli/secrets.ts, which explains what to do when it is missing.
    await esbuild.context({
      ...nodeBundle,
      ...shipped,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
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
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
    fs.chmodSync('dist/cli.js', 0o755);
  }
}

main().catch((e) => {
  // esbuild has already printed its build errors; print anything else.
  if (!Array.isArray(e?.errors)) {
    console.error(e);
  }
  process.exit(1);
});
