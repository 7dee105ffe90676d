// Checks every cited source against the Altinn mirrors: the file exists at the mirror's HEAD (or at the cited
// tag) and contains the cited symbol. CI has no mirrors, so this runs by hand; the commits it prints go into
// CHECKED_AT (provenance.ts). Usage: node out/test/emulator/provenance-sources.js [MIRROR_ROOT]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKED_AT, PROVENANCE, type Repo, type Source } from './provenance';

function gitDir(root: string, repo: Repo): string {
  return join(root, `Altinn+${repo}`, 'repo');
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function main(): number {
  const root = process.argv[2] ?? '/work/.mirror';
  const problems: string[] = [];
  const heads = new Map<Repo, string>();
  for (const repo of Object.keys(CHECKED_AT) as Repo[]) {
    const dir = gitDir(root, repo);
    if (!existsSync(dir)) {
      problems.push(`${repo}: no mirror at ${dir}`);
      continue;
    }
    const head = git(dir, ['rev-parse', 'HEAD'])?.trim() ?? '';
    heads.set(repo, head);
    const note = head === CHECKED_AT[repo] ? '' : `  (CHECKED_AT says ${CHECKED_AT[repo]})`;
    console.log(`${repo} @ ${head}${note}`);
    if (note) problems.push(`${repo}: mirror HEAD ${head} differs from CHECKED_AT`);
  }
  const files = new Map<string, string | undefined>();
  const cited: Array<{ owner: string; s: Source }> = [];
  for (const e of PROVENANCE.routes) for (const s of e.sources) cited.push({ owner: e.route, s });
  for (const e of PROVENANCE.rules) for (const s of e.sources) cited.push({ owner: e.id, s });
  for (const { owner, s } of cited) {
    const rev = s.at ?? CHECKED_AT[s.repo];
    const key = `${s.repo}@${rev}:${s.path}`;
    if (!files.has(key)) files.set(key, git(gitDir(root, s.repo), ['show', `${rev}:${s.path}`]));
    const text = files.get(key);
    if (text === undefined) problems.push(`${owner}: ${key} does not exist`);
    else if (!text.includes(s.symbol)) problems.push(`${owner}: ${key} has no "${s.symbol}"`);
  }
  console.log(`${cited.length} citations in ${files.size} files checked`);
  for (const p of problems) console.log(`PROBLEM ${p}`);
  return problems.length === 0 ? 0 : 1;
}

process.exit(main());
