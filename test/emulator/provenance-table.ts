// Renders the provenance section of test/emulator/README.md from provenance.ts.
//   node out/test/emulator/provenance-table.js          exits 1 when the README is out of date
//   node out/test/emulator/provenance-table.js --write  rewrites the section
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKED_AT, countProvenance, PROVENANCE, type Repo, type RouteEntry, type RuleEntry, type Source } from './provenance';

export const BEGIN = '<!-- provenance:begin (generated from provenance.ts by `node out/test/emulator/provenance-table.js --write`; do not edit) -->';
export const END = '<!-- provenance:end -->';

/** out/test/emulator/ → test/emulator/README.md */
export const README_PATH = resolve(__dirname, '../../../test/emulator/README.md');

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

function source(s: Source): string {
  const at = s.at ? ` @ ${s.at}` : '';
  const versions = s.versions ? ` (${s.versions})` : '';
  return `${s.repo}${at} ${code(s.path)} ${code(s.symbol)}${versions}`;
}

function sources(e: RouteEntry | RuleEntry): string {
  return e.sources.length > 0 ? e.sources.map(source).join('<br>') : '**none**';
}

function note(e: RouteEntry | RuleEntry): string {
  const parts: string[] = [];
  if (e.pending) parts.push(`**pending** ${e.pending}`);
  if (e.sources.length === 0 && e.reason) parts.push(`no source: ${e.reason}`);
  else if (e.reason) parts.push(e.reason);
  if (e.divergence) parts.push(`**divergence:** ${e.divergence}`);
  return cell(parts.join(' '));
}

export function renderProvenanceSection(routes: readonly RouteEntry[] = PROVENANCE.routes,
  rules: readonly RuleEntry[] = PROVENANCE.rules): string {
  const c = countProvenance(routes, rules);
  const lines = [
    BEGIN,
    '## Provenance',
    '',
    `Every registered route and every rule, with the Altinn source it follows (github.com/Altinn/…), or none and why. ` +
      `${c.routes} routes (${c.routesWithSource} with a source), ${c.rules} rules: ${c.rulesWithSource} with a source, ` +
      `${c.rulesWithout} without; ${c.divergences} known divergences; ${c.pending} pre-populated entries pending another change. ` +
      'Paths and symbols were checked with `node out/test/emulator/provenance-sources.js` against:',
    '',
    '| Repository | Commit |',
    '| --- | --- |',
    ...(Object.entries(CHECKED_AT) as [Repo, string][]).map(([repo, sha]) => `| Altinn/${repo} | ${code(sha)} |`),
    '',
    'A source with `@ tag` was read at that app-lib tag. "pending" rows describe a route or rule another change is adding;',
    'provenance.test.ts fails once it is registered, so the mark is removed on purpose.',
    '',
    '### Routes',
    '',
    '| Route | § | Source | Note |',
    '| --- | --- | --- | --- |',
    ...routes.map((r) => `| ${code(r.route)} | ${r.section} | ${sources(r)} | ${note(r)} |`),
    '',
    '### Rules',
    '',
    '| Id | Rule | Emulator | § | Source | Note |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| ${r.id} | ${cell(r.rule)} | ${code(r.where)} | ${r.section} | ${sources(r)} | ${note(r)} |`),
    END,
  ];
  return lines.join('\n');
}

/** The README with its provenance section replaced (or appended when it has none). */
export function withProvenanceSection(readme: string, section: string): string {
  const b = readme.indexOf(BEGIN);
  const e = readme.indexOf(END);
  if (b < 0 || e < b) return `${readme.replace(/\n*$/, '\n\n')}${section}\n`;
  return readme.slice(0, b) + section + readme.slice(e + END.length);
}

if (require.main === module) {
  const readme = readFileSync(README_PATH, 'utf8');
  const next = withProvenanceSection(readme, renderProvenanceSection());
  if (process.argv.includes('--write')) {
    if (next !== readme) writeFileSync(README_PATH, next);
    console.log(`${README_PATH}: ${next === readme ? 'up to date' : 'written'}`);
  } else if (next !== readme) {
    console.error(`${README_PATH} is out of date: run node out/test/emulator/provenance-table.js --write`);
    process.exit(1);
  }
}
