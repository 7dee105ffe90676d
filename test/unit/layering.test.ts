// The architecture table of the README, held by the import graph: which folder of src/ may import which,
// and which may import `vscode` at all. A wrong arrow fails here, not in a review.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

/**
 * What each part of src/ may import from the others: a folder, or one module of it (`commands/ids`).
 * Read from the bottom up: api knows nothing of the rest; the session core sits on api; the CLI on both;
 * the editor folders above them; extension.ts wires everything.
 */
const ALLOWED: Record<string, readonly string[]> = {
  api: [],
  session: ['api'],
  cli: ['api', 'session'],
  util: ['api'],
  environments: ['api', 'util'],
  // Auth's "Sign in" notice names the sign-in command; commands/ids is a leaf of constants.
  auth: ['api', 'session', 'environments', 'util', 'commands/ids'],
  fs: ['api', 'environments', 'util'],
  // Tree items carry command ids; commands/ids is a leaf of constants.
  tree: ['api', 'session', 'auth', 'environments', 'util', 'commands/ids'],
  commands: ['api', 'session', 'environments', 'util', 'fs', 'tree', 'overview'],
  // The instance overview sits beside the commands: it runs them by id and reuses the app events loader and the target type.
  overview: ['api', 'session', 'environments', 'util', 'tree', 'commands/ids', 'commands/appEvents', 'commands/targets'],
  // The overview's page runs in the webview: it shares only the message types with the extension.
  webview: ['overview/messages'],
  'extension.ts': ['*'],
};

/** Only these may import `vscode`: api, the session core and the CLI run in plain Node. */
const VSCODE_ALLOWED = new Set(['util', 'environments', 'auth', 'fs', 'tree', 'commands', 'overview', 'extension.ts']);

/**
 * Modules inside a folder that may import vscode which must not (issue 16): the rules return codes and the
 * edge (fs/ruleText.ts) renders them with vscode.l10n.t, so the rules are tested in plain Node (test/unit).
 */
// tree/instanceQuery.ts builds Storage queries; the plain-Node API tests use it.
const VSCODE_FREE_MODULES = new Set([
  'fs/classify.ts', 'fs/filenames.ts', 'fs/openedElements.ts', 'fs/readOnly.ts', 'fs/ruleMessages.ts', 'fs/uploadRules.ts', 'overview/links.ts', 'overview/messages.ts',
  'tree/instanceQuery.ts', 'util/ownerIds.ts', 'commands/recentInstances.ts',
]);

/**
 * Arrows that exist and are wrong, each to be deleted with its import. None today: the command-context
 * work (issue 16) moved the command targets out of src/fs and the PDF receipt's data type into src/api.
 */
const KNOWN_EXCEPTIONS: readonly { from: string; to: string }[] = [];

interface Arrow {
  /** Path under src/, e.g. `fs/dataTargets.ts`. */
  from: string;
  /** `vscode`, or the imported module under src/ without extension, e.g. `tree/base`. */
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Every import of a file that points into src/ or at `vscode`: static, type-only, re-exports, import(), require(). */
function importsOf(file: string, text: string): Arrow[] {
  const from = path.relative(SRC, file).split(path.sep).join('/');
  const arrows: Arrow[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (fileName === 'vscode' || fileName.startsWith('vscode/')) {
      arrows.push({ from, to: 'vscode' });
    } else if (fileName.startsWith('.')) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), fileName));
      if (!target.startsWith('..')) arrows.push({ from, to: target.split(path.sep).join('/').replace(/\.(ts|js)$/, '') });
    }
  }
  return arrows;
}

function isFolder(name: string): boolean {
  const full = path.join(SRC, name);
  return existsSync(full) && statSync(full).isDirectory();
}

/** The part of src/ a path belongs to: its first folder, or the file itself at the top (`extension.ts`). */
function partOf(p: string): string {
  const first = p.split('/')[0];
  if (p.includes('/') || isFolder(first)) return first;
  return p.endsWith('.ts') ? p : `${p}.ts`;
}

/** Why an arrow breaks the layering, or undefined when it is allowed. */
function violation(arrow: Arrow): string | undefined {
  const part = partOf(arrow.from);
  const rules = ALLOWED[part];
  if (rules === undefined) return `src/${part} is not in the layering table (add it there and to the README's architecture table)`;
  if (arrow.to === 'vscode' && VSCODE_FREE_MODULES.has(arrow.from)) return `src/${arrow.from} must not import vscode (a rule returns codes; the edge renders them)`;
  if (arrow.to === 'vscode') return VSCODE_ALLOWED.has(part) ? undefined : `src/${part} must not import vscode`;
  const target = partOf(arrow.to);
  if (target === part || rules.includes('*')) return undefined;
  // A rule names a folder (any module of it) or one module (`commands/ids`).
  if (rules.some((r) => r === target || r === arrow.to)) return undefined;
  if (KNOWN_EXCEPTIONS.some((e) => e.from === arrow.from && e.to === arrow.to)) return undefined;
  return `src/${part} must not import src/${arrow.to} (allowed: ${rules.join(', ') || 'nothing of src/'})`;
}

function allArrows(): Arrow[] {
  return sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(file, 'utf8')));
}

describe('layering: the import graph of src/', () => {
  it('has only the arrows the architecture allows (api, session and cli never import vscode)', () => {
    const arrows = allArrows();
    assert.ok(arrows.length > 100, `read the imports (${arrows.length})`);
    const wrong = arrows.flatMap((a) => {
      const why = violation(a);
      return why === undefined ? [] : [`src/${a.from}: ${why}`];
    });
    assert.deepEqual(wrong, []);
  });

  it('lists only vscode-free modules that exist', () => {
    const missing = [...VSCODE_FREE_MODULES].filter((m) => !existsSync(path.join(SRC, m)));
    assert.deepEqual(missing, [], 'a module in VSCODE_FREE_MODULES that is gone');
  });

  it('lists only known exceptions that still exist', () => {
    const arrows = allArrows();
    const stale = KNOWN_EXCEPTIONS.filter((e) => !arrows.some((a) => a.from === e.from && a.to === e.to));
    assert.deepEqual(stale, [], 'an exception whose import is gone: remove it from KNOWN_EXCEPTIONS');
  });

  it('knows every folder of src/, and the README describes each one', () => {
    const parts = readdirSync(SRC);
    assert.deepEqual(parts.filter((p) => ALLOWED[p] === undefined), [], 'a part of src/ without layering rules');
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const folders = parts.filter(isFolder);
    assert.deepEqual(folders.filter((f) => !readme.includes(`| \`src/${f}/\` |`)), [], "a folder missing from the README's architecture table");
  });

  it('catches what it is meant to catch', () => {
    const api = path.join(SRC, 'api', 'example.ts');
    const fs = path.join(SRC, 'fs', 'example.ts');
    const tree = path.join(SRC, 'tree', 'example.ts');
    const bad = [
      ...importsOf(api, "import type * as vscode from 'vscode';"),
      ...importsOf(path.join(SRC, 'cli', 'example.ts'), "import { x } from '../auth/store';"),
      ...importsOf(path.join(SRC, 'session', 'example.ts'), "const v = require('vscode');"),
      ...importsOf(tree, "export { CommandIds } from '../commands/wrapper';"),
      ...importsOf(fs, "import type { AltinnNode } from '../tree/nodes';"),
      ...importsOf(path.join(SRC, 'commands', 'example.ts'), "const a = await import('../auth');"),
      ...importsOf(path.join(SRC, 'fs', 'uploadRules.ts'), "import * as vscode from 'vscode';"),
    ];
    assert.equal(bad.length, 7);
    assert.deepEqual(bad.filter((a) => violation(a) === undefined), []);
    const good = [...importsOf(tree, "import { CommandIds } from '../commands/ids';"), ...importsOf(api, "import { x } from './http';")];
    assert.deepEqual(good.map(violation), [undefined, undefined]);
  });
});
