import * as fs from 'node:fs';
import * as path from 'node:path';
import { exec, execOk, repoRoot } from '../lib/exec';
import { figure, type FigureResult } from '../lib/report';
import { bytesToKB } from '../lib/stats';

/**
 * The extension as users install it, in a folder of the bench's own: other engineers' builds rewrite dist/
 * in the shared working tree while the bench runs, so figures 2 and 4 load this copy instead.
 */
export interface ExtensionUnderTest {
  /** A folder with package.json and dist/extension.js (the unpacked .vsix when packaging worked). */
  dir: string;
  bundle: string;
  /** How it was made, for the report. */
  source: string;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PACKAGED_FILES = ['package.json', 'package.nls.json', 'package.nls.nb.json', 'l10n', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/** `npm run package` as the project defines it; its output, or the reason it failed. */
async function packageVsix(vsix: string): Promise<{ ok: true } | { ok: false; why: string }> {
  const r = await exec(npm, ['run', '--silent', 'package', '--', '--out', vsix], { timeoutMs: 300_000 });
  if (r.code === 0 && fs.existsSync(vsix)) {
    return { ok: true };
  }
  const why = (r.stderr || r.stdout).split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.code}`;
  return { ok: false, why: why.trim().slice(0, 300) };
}

/**
 * Figure 1: the production bundle as `node esbuild.js --production` writes it (copied away at once), and
 * the .vsix as `npm run package` makes it. Returns the extension the later figures measure.
 */
export async function measureSizes(tmpDir: string): Promise<{ figures: FigureResult[]; extension: ExtensionUnderTest }> {
  await execOk(process.execPath, ['esbuild.js', '--production'], { timeoutMs: 120_000 });
  const fallbackDir = path.join(tmpDir, 'extension-build');
  fs.mkdirSync(path.join(fallbackDir, 'dist'), { recursive: true });
  const built = path.join(fallbackDir, 'dist', 'extension.js');
  fs.copyFileSync(path.join(repoRoot, 'dist', 'extension.js'), built);
  fs.copyFileSync(path.join(repoRoot, 'dist', 'got.js'), path.join(fallbackDir, 'dist', 'got.js'));
  const bundleBytes = fs.statSync(built).size;
  const gotBytes = fs.statSync(path.join(fallbackDir, 'dist', 'got.js')).size;
  const gotNote = `got in dist/got.js, loaded on the first request: ${bytesToKB(gotBytes).toFixed(1)} KB; both ${bytesToKB(bundleBytes + gotBytes).toFixed(1)} KB`;
  const figures = [
    figure({ id: '1a', title: `size of dist/extension.js (production build) (${gotNote})`, unit: 'KB', better: 'lower', samples: [bytesToKB(bundleBytes)], target: { of: 'value', limit: 200 } }),
  ];

  const vsix = path.join(tmpDir, 'altinn-explorer.vsix');
  const packaged = await packageVsix(vsix);
  if (!packaged.ok) {
    for (const f of PACKAGED_FILES) {
      const from = path.join(repoRoot, f);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(fallbackDir, f), { recursive: true });
    }
    figures.push({ ...figure({ id: '1b', title: 'size of the .vsix', unit: 'KB', better: 'lower', samples: [], target: { of: 'value', limit: 300 } }), error: `npm run package failed: ${packaged.why}` });
    return { figures, extension: { dir: fallbackDir, bundle: built, source: 'production build (packaging failed)' } };
  }
  figures.push(
    figure({ id: '1b', title: 'size of the .vsix (npm run package)', unit: 'KB', better: 'lower', samples: [bytesToKB(fs.statSync(vsix).size)], target: { of: 'value', limit: 300 } }),
  );
  const unpacked = path.join(tmpDir, 'vsix');
  await execOk('unzip', ['-q', '-o', vsix, '-d', unpacked], { timeoutMs: 60_000 });
  const dir = path.join(unpacked, 'extension');
  return { figures, extension: { dir, bundle: path.join(dir, 'dist', 'extension.js'), source: 'the unpacked .vsix' } };
}
