// Every user-visible string in English and Norwegian Bokmål (issue 5): package.json through package.nls*.json,
// the code's strings through vscode.l10n.t and l10n/bundle.l10n.nb.json. Reads the files as text; no VS Code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_ERROR_MESSAGES, INPUT_ERROR_MESSAGES } from '../../src/api';
import { FS_RULE_MESSAGES } from '../../src/fs/ruleMessages';

const root = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.nls.json'))) return dir;
    assert.notEqual(path.dirname(dir), dir, `no package.nls.json above ${from}`);
  }
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
}

function stringValues(file: string): Record<string, string> {
  const json = readJson(file);
  for (const [key, value] of Object.entries(json)) assert.equal(typeof value, 'string', `${file}: "${key}" is not a string`);
  return json as Record<string, string>;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Unescapes the body of a JS string literal the way the runtime would. */
function unescape(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (/^[ux]/.test(e) && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' } as Record<string, string>)[e] ?? e;
  });
}

const L10N_CALL = /\bl10n\.t\(\s*/g;
// A quoted string, or a template literal without substitutions, as the first argument.
const LITERAL_FIRST_ARGUMENT = /^(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)`)/;

interface Usage {
  readonly messages: Map<string, string[]>;
  /** `file:line` of calls whose message is not a literal, which no translation file can list. */
  readonly nonLiteral: string[];
}

/**
 * Catalogues of coded sentences (issue 16): modules that do not import vscode return codes, and the edge passes
 * these English templates to vscode.l10n.t, so they are messages like the literals of l10n.t calls.
 */
const CATALOGUES: Record<string, Readonly<Record<string, string>>> = {
  'src/api/error-messages.ts API_ERROR_MESSAGES': API_ERROR_MESSAGES,
  'src/api/input-messages.ts INPUT_ERROR_MESSAGES': INPUT_ERROR_MESSAGES,
  'src/fs/ruleMessages.ts FS_RULE_MESSAGES': FS_RULE_MESSAGES,
};

function l10nUsage(): Usage {
  const messages = new Map<string, string[]>();
  for (const [where, catalogue] of Object.entries(CATALOGUES)) {
    for (const message of Object.values(catalogue)) messages.set(message, [...(messages.get(message) ?? []), where]);
  }
  const nonLiteral: string[] = [];
  for (const file of sourceFiles('src')) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const call of text.matchAll(L10N_CALL)) {
      const at = (call.index ?? 0) + call[0].length;
      const where = `${file}:${text.slice(0, at).split('\n').length}`;
      const literal = LITERAL_FIRST_ARGUMENT.exec(text.slice(at));
      if (!literal) {
        nonLiteral.push(where);
        continue;
      }
      const message = unescape(literal[1] ?? literal[2] ?? literal[3] ?? '');
      messages.set(message, [...(messages.get(message) ?? []), where]);
    }
  }
  return { messages, nonLiteral };
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}

/** Translations that are empty, or lose or invent a `{n}` placeholder. */
function badTranslations(english: Record<string, string> | Map<string, unknown>, norwegian: Record<string, string>): string[] {
  const keys = english instanceof Map ? [...english.keys()] : Object.keys(english);
  return keys.flatMap((key) => {
    const source = english instanceof Map ? key : english[key];
    const nb = norwegian[key];
    if (nb === undefined) return [];
    if (nb.trim() === '') return [`"${key}" is empty`];
    return placeholders(nb).join() === placeholders(source).join() ? [] : [`"${key}": placeholders ${placeholders(source).join()} became ${placeholders(nb).join()}`];
  });
}

/** Most translations differ from the English; proper nouns (Maskinporten) and loanwords (App) may not. */
function assertMostlyTranslated(pairs: [string, string][], what: string): void {
  const same = pairs.filter(([english, nb]) => english === nb).map(([english]) => english);
  assert.ok(same.length <= Math.max(3, pairs.length * 0.05), `${what}: ${same.length} of ${pairs.length} are not translated: ${same.join(' | ')}`);
}

describe('l10n: English and Norwegian Bokmål', () => {
  const nls = stringValues('package.nls.json');
  const nlsNb = stringValues('package.nls.nb.json');
  const bundleNb = stringValues('l10n/bundle.l10n.nb.json');

  it('has every %key% of package.json in package.nls.json and package.nls.nb.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]))];
    assert.ok(keys.length > 0, 'package.json uses no %key%');
    assert.deepEqual(keys.filter((k) => !(k in nls)), [], 'missing in package.nls.json');
    assert.deepEqual(keys.filter((k) => !(k in nlsNb)), [], 'missing in package.nls.nb.json');
  });

  it('has the same keys in package.nls.json and package.nls.nb.json, translated', () => {
    assert.deepEqual(Object.keys(nls).filter((k) => !(k in nlsNb)), [], 'only in package.nls.json');
    assert.deepEqual(Object.keys(nlsNb).filter((k) => !(k in nls)), [], 'only in package.nls.nb.json');
    assert.deepEqual(badTranslations(nls, nlsNb), []);
    assertMostlyTranslated(Object.keys(nls).map((k) => [nls[k], nlsNb[k]]), 'package.nls.nb.json');
  });

  it('translates every vscode.l10n.t message of src/ in l10n/bundle.l10n.nb.json', () => {
    const { messages, nonLiteral } = l10nUsage();
    assert.ok(messages.size > 100, `only ${messages.size} messages found: is the scan broken?`);
    assert.deepEqual(nonLiteral, [], 'l10n.t calls whose message is not a string literal');
    const missing = [...messages].filter(([message]) => !(message in bundleNb)).map(([message, where]) => `${message}  (${where[0]})`);
    assert.deepEqual(missing, [], 'missing in l10n/bundle.l10n.nb.json');
    assert.deepEqual(badTranslations(messages, bundleNb), []);
    assertMostlyTranslated([...messages.keys()].map((m) => [m, bundleNb[m]]), 'l10n/bundle.l10n.nb.json');
  });

  it('keeps no translations the code no longer uses', () => {
    const { messages } = l10nUsage();
    assert.deepEqual(Object.keys(bundleNb).filter((k) => !messages.has(k)), []);
  });
});
