// Inside the extension host: times an extension's activation in its two phases (figure 2).
import Module from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchMessage } from './vscode-protocol';

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

interface Phases {
  loadMs?: number;
  callMs?: number;
}

/**
 * Times the two phases VS Code runs for an extension: loading its main module (the host requires it
 * through Node's loader) and calling its activate() until the returned promise settles. The module's
 * exports are esbuild getters that cannot be reassigned, so the host is handed a proxy with a timed activate.
 */
function watchActivation(main: string): { phases: Phases; restore(): void } {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._load;
  const phases: Phases = {};
  const target = main.replace(/\.js$/, '');
  internals._load = function (request: string, parent: unknown, isMain: boolean): unknown {
    if (request.replace(/\.js$/, '') !== target) {
      return original.call(this, request, parent, isMain);
    }
    const start = performance.now();
    const exports = original.call(this, request, parent, isMain) as Record<string, unknown>;
    phases.loadMs = performance.now() - start;
    const activate = exports.activate;
    if (typeof activate !== 'function') {
      return exports;
    }
    const timed = function (this: unknown, ...args: unknown[]): unknown {
      const begin = performance.now();
      const result: unknown = activate.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<unknown>).then((v) => {
          phases.callMs = performance.now() - begin;
          return v;
        });
      }
      phases.callMs = performance.now() - begin;
      return result;
    };
    return new Proxy(exports, { get: (t, p) => (p === 'activate' ? timed : t[p as string]) });
  };
  return { phases, restore: () => (internals._load = original) };
}

export async function timeActivation(id: string | undefined, which: 'extension' | 'empty', report: (m: BenchMessage) => void): Promise<void> {
  const ext = id ? vscode.extensions.getExtension(id) : undefined;
  if (!ext) {
    report({ kind: 'error', message: `extension ${id} is not loaded` });
    return;
  }
  if (ext.isActive) {
    report({ kind: 'activate', which, alreadyActive: true });
    return;
  }
  const main = path.resolve(ext.extensionPath, String((ext.packageJSON as { main?: string }).main ?? 'extension.js'));
  const watch = watchActivation(main);
  const start = performance.now();
  try {
    await ext.activate();
  } finally {
    watch.restore();
  }
  report({ kind: 'activate', which, ms: performance.now() - start, loadMs: watch.phases.loadMs, callMs: watch.phases.callMs });
}
