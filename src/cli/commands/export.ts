// `export APP --out DIR [filters]`: every matching instance's data, resumable, with a manifest.
import * as path from 'node:path';
import { type CommandSpec, flag, intOption, required, stringOption } from '../args';
import { CliError, EXIT_ERROR, EXIT_INTERRUPTED, UsageError } from '../errors';
import { type ExportProgress, type ExportResult, runExport } from '../export/engine';
import { MANIFEST_NAME, readManifest } from '../export/manifest';
import { verifyFiles } from '../export/verify';
import { appArgument, FILTER_OPTIONS, instanceFilter } from '../filters';
import { formatBytes, formatDuration, type Output } from '../output';
import { ProgressBar } from '../progress';
import type { CommandContext } from '../context';

export const exportCommand: CommandSpec = {
  name: 'export',
  summary: 'Download all data of every matching instance into a folder, with a manifest',
  positionals: [{ name: 'APP', description: 'App id, ORG/APP' }],
  options: {
    out: { type: 'string', value: 'DIR', description: 'Folder to write to (created if missing); required' },
    ...FILTER_OPTIONS,
    concurrency: { type: 'string', value: 'N', description: 'Downloads at a time, 1 to 32 (default 4)' },
    retries: { type: 'string', value: 'N', description: 'Extra attempts per file after a network failure or 5xx (default 3)' },
    'verify-only': { type: 'boolean', description: 'Only check the files in DIR against the manifest, download nothing' },
  },
  details: [
    'Layout: DIR/<partyId>/<instanceGuid>/instance.json and DIR/<partyId>/<instanceGuid>/<dataId>-<name>,',
    `plus DIR/${MANIFEST_NAME} with each file's size and SHA-256. Files are written as <file>.part and renamed`,
    'when complete. Run the same command again after an interruption or failure: files the manifest',
    'already holds (same element, unchanged since) are skipped. Every file is verified at the end.',
  ].join('\n'),
  async run(ctx, args) {
    const appId = appArgument(required(args, 'APP'), 'export');
    const out = stringOption(args, 'out');
    if (out === undefined || out.trim() === '') throw new UsageError('--out DIR is required.', 'export');
    const concurrency = intOption(args, 'concurrency', 1, 32) ?? 4;
    if (flag(args, 'verify-only')) return verifyOnly(ctx, appId, out, concurrency);
    const { filter, limit, description } = instanceFilter(appId, args, 'export');
    const retries = intOption(args, 'retries', 0, 20) ?? 3;
    const client = await ctx.client();
    const bar = ctx.out.stderrIsTerminal ? new ProgressBar(ctx.out.streams.stderr, `Exporting ${appId}`) : undefined;
    const result = await runExport({
      client,
      appId,
      filter,
      limit,
      filterDescription: description,
      outDir: out,
      concurrency,
      retries,
      signal: ctx.signal,
      onProgress: bar ? (p) => bar.update(progressLine(p)) : undefined,
    });
    bar?.finish();
    return summarise(ctx.out, appId, out, result);
  },
};

function progressLine(p: ExportProgress): { done: number; total?: number; text: string } {
  if (p.verifying) return { done: p.verifying.checked, total: p.verifying.total, text: `verifying ${p.verifying.checked}/${p.verifying.total}` };
  const done = p.downloaded + p.skipped + p.failed;
  const counts = `${done}/${p.planned}${p.listingDone ? '' : '+'} files · ${p.listed} instances · ${formatBytes(p.bytes)}`;
  const extra = [p.skipped && `${p.skipped} skipped`, p.retries && `${p.retries} retries`, p.failed && `${p.failed} failed`].filter(Boolean).join(' · ');
  return { done, total: p.listingDone ? p.planned : undefined, text: extra ? `${counts} · ${extra}` : counts };
}

function summarise(out: Output, appId: string, dir: string, r: ExportResult): number {
  const problems = r.verify?.problems ?? [];
  const ok = !r.interrupted && r.failures.length === 0 && problems.length === 0;
  if (out.json) {
    out.data({
      app: appId,
      out: path.resolve(dir),
      manifest: r.manifestPath,
      complete: ok,
      interrupted: r.interrupted,
      instances: r.listed,
      files: r.planned,
      downloaded: r.downloaded,
      skipped: r.skipped,
      failed: r.failed,
      retries: r.retries,
      repaired: r.repaired ?? 0,
      bytes: r.bytes,
      verified: r.verify ? r.verify.checked - problems.length : 0,
      verifyProblems: problems,
      failures: r.failures,
      durationMs: r.durationMs,
    });
    if (r.interrupted) out.note('Interrupted. Run the same command again to resume.');
  } else {
    const line = `${r.listed} instances, ${r.planned} files: ${r.downloaded} downloaded (${formatBytes(r.bytes)}), ${r.skipped} already complete, ${r.failed} failed, ${r.retries} retries, in ${formatDuration(r.durationMs)}.`;
    if (r.interrupted) {
      out.note(`Interrupted after ${line}`);
      out.note('Run the same command again to resume.');
    } else {
      out.line(line);
      if (r.repaired) out.line(`Downloaded ${r.repaired} files again that had changed on disk since they were saved.`);
      if (r.verify) out.line(`Verified ${r.verify.checked - problems.length} of ${r.verify.checked} files against ${r.manifestPath}.`);
    }
    for (const f of r.failures.slice(0, 20)) out.error(`${f.path}: ${f.error}`);
    if (r.failures.length > 20) out.error(`… and ${r.failures.length - 20} more failures (listed in the manifest).`);
    for (const p of problems.slice(0, 20)) out.error(`${p.path}: ${p.reason}`);
    if (!ok && !r.interrupted) out.note('Run the same command again to retry what is missing.');
  }
  return r.interrupted ? EXIT_INTERRUPTED : ok ? 0 : EXIT_ERROR;
}

async function verifyOnly(ctx: CommandContext, appId: string, dir: string, concurrency: number): Promise<number> {
  const manifest = await readManifest(path.join(dir, MANIFEST_NAME));
  if (!manifest) throw new CliError(`${dir} has no ${MANIFEST_NAME}: nothing to verify.`);
  if (manifest.app !== appId) throw new CliError(`${dir} holds an export of ${manifest.app}, not ${appId}.`);
  const result = await verifyFiles(path.resolve(dir), manifest.files, concurrency, { signal: ctx.signal });
  if (ctx.signal.aborted) return EXIT_INTERRUPTED;
  if (ctx.out.json) ctx.out.data({ app: appId, checked: result.checked, problems: result.problems, complete: manifest.complete });
  else {
    ctx.out.line(`Verified ${result.checked - result.problems.length} of ${result.checked} files against the manifest.`);
    for (const p of result.problems) ctx.out.error(`${p.path}: ${p.reason}`);
  }
  return result.problems.length === 0 ? 0 : EXIT_ERROR;
}
