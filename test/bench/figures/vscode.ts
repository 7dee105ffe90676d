import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureHostInstalled } from '../../runner/host-install';
import { startVsCodeServer } from '../../runner/host-server';
import { makeTempDir, removeTempDir } from '../../runner/temp-dir';
import { launchHeadlessChromium, workbenchUrl } from '../../runner/workbench';
import { wants, type BenchArgs } from '../lib/args';
import { benchScript, startService, type Service } from '../lib/child';
import type { EmulatorInfo } from '../lib/fixture';
import { figure, type FigureResult } from '../lib/report';
import { endExtensionHosts } from '../lib/proc';
import { bytesToMB, median } from '../lib/stats';
import { parseBenchLine, type BenchMessage, type PageLoad, type VsCodeBenchInput } from '../lib/vscode-protocol';
import type { EmulatorHostInput } from './plan';
import type { ExtensionUnderTest } from './sizes';

const EMPTY_EXTENSION = { publisher: 'altinn-bench', name: 'empty', version: '0.0.1' };
const ENV_ID = 'bench';
const SESSION_TIMEOUT_MS = 1_500_000;
/** Bounds the tree session (expansions and Load more) inside VS Code. */
const TREE_TIMEOUT_MS = 1_200_000;
/** Instances shown through "Load more…" before the measured pages (issue 14). */
const SHOW_TARGET = 10_000;

/** A no-op extension installed beside ours: its activate() time is what VS Code itself costs. */
function installEmptyExtension(extensionsDir: string): string {
  const dir = path.join(extensionsDir, `${EMPTY_EXTENSION.publisher}.${EMPTY_EXTENSION.name}-${EMPTY_EXTENSION.version}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ ...EMPTY_EXTENSION, engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: [] }),
  );
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function () { return {}; };\n');
  return `${EMPTY_EXTENSION.publisher}.${EMPTY_EXTENSION.name}`;
}

function extensionId(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
}

/**
 * Figures 2a and 4 in the real VS Code (code-server's server, headless Chromium): one workbench session per
 * activation sample (a fresh extension host each), the tree figures in the last session against an emulator
 * in its own process.
 */
export async function measureVsCode(args: BenchArgs, extension: ExtensionUnderTest, onVersion: (v: string) => void): Promise<FigureResult[]> {
  await ensureHostInstalled((line) => console.log(`  ${line}`));
  const withTree = wants(args, 4);
  let emu: Service<EmulatorInfo> | undefined;
  const tempRoot = makeTempDir('altinn-bench-vscode');
  const messages: BenchMessage[][] = [];
  try {
    if (withTree) {
      const input: EmulatorHostInput = { instancesPerApp: args.treeInstances, upload: false };
      emu = await startService<EmulatorInfo>(benchScript('emulator-host'), input, { timeoutMs: 600_000 });
      console.log(`  emulator for figure 4: ${emu.info.instances} instances of ${emu.info.appId}, seeded in ${Math.round(emu.info.seedMs)} ms`);
    }
    const emptyId = installEmptyExtension(path.join(tempRoot, 'extensions'));
    const inputFile = path.join(tempRoot, 'bench-input.json');
    const workspace = path.join(tempRoot, 'workspace');
    fs.mkdirSync(workspace);
    const pageSize = 100;
    const server = await startVsCodeServer({
      tempRoot,
      smokeTestDriver: true,
      env: { ALTINN_BENCH_INPUT: inputFile },
      userSettings: emu
        ? {
            'altinn.environments': [
              {
                id: ENV_ID,
                name: 'Bench emulator',
                kind: 'emulator',
                url: emu.info.url,
                autoSignIn: { testOrg: 'ttd', orgNumber: '405003309', scopes: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write' },
              },
            ],
            'altinn.pinnedApps': [`${ENV_ID}:${emu.info.appId}`],
            'altinn.instancesPageSize': pageSize,
          }
        : {},
    });
    const browser = await launchHeadlessChromium(path.join(tempRoot, 'chromium'));
    try {
      let current: BenchMessage[] = [];
      let exited: (() => void) | undefined;
      await browser.page.exposeFunction('codeAutomationLog', (_level: string, message: unknown) => {
        for (const line of String(message).split('\n')) {
          const m = parseBenchLine(line);
          if (m) {
            current.push(m);
            if (process.env.ALTINN_BENCH_DEBUG) console.log(`  [vscode] ${JSON.stringify(m)}`);
          }
        }
      });
      await browser.page.exposeFunction('codeAutomationExit', () => exited?.());
      const sessions = args.runs;
      for (let s = 0; s < sessions; s++) {
        const input: VsCodeBenchInput = {
          extensionId: extensionId(extension.dir),
          emptyExtensionId: emptyId,
          emptyFirst: s % 2 === 1,
          tree:
            emu && s === sessions - 1
              ? { envId: ENV_ID, appId: emu.info.appId, pageSize, runs: args.runs, expectedInstances: emu.info.instances, showTarget: Math.min(SHOW_TARGET, emu.info.instances - pageSize * (args.runs + 2) * 2), timeoutMs: TREE_TIMEOUT_MS }
              : undefined,
        };
        fs.writeFileSync(inputFile, JSON.stringify(input));
        if (s > 0) {
          // Leave the previous workbench, then end its extension host so that it cannot compete for the CPU.
          await browser.page.goto('about:blank');
          endExtensionHosts(path.join(tempRoot, 'server-data'));
        }
        current = [];
        const done = new Promise<void>((resolve) => (exited = resolve));
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SESSION_TIMEOUT_MS)));
        await browser.page.goto(
          workbenchUrl({
            origin: server.origin,
            port: server.port,
            folder: workspace,
            extensionDevelopmentPath: extension.dir,
            extensionTestsPath: benchScript('vscode-bench'),
          }),
        );
        const ended = await Promise.race([done, timeout]);
        clearTimeout(timer);
        if (ended === 'timeout') {
          throw new Error(`VS Code session ${s + 1} did not finish within ${SESSION_TIMEOUT_MS / 1000} s\n${server.logTail(20)}`);
        }
        messages.push(current);
        const errors = current.filter((m): m is Extract<BenchMessage, { kind: 'error' }> => m.kind === 'error');
        if (errors.length > 0) {
          throw new Error(`in VS Code: ${errors.map((e) => e.message).join('; ')}`);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await emu?.stop();
    removeTempDir(tempRoot);
  }
  return figuresFrom(messages, withTree, onVersion);
}

function loadNote(m: Extract<BenchMessage, { kind: 'memory' }>): string {
  const seconds = Math.round(m.loadAllMs / 1000);
  const medianOf = (loads: PageLoad[], f: (l: PageLoad) => number) => Math.round(median(loads.map(f)));
  const fired = [...new Set(m.laterLoads.flatMap((l) => l.fired.map((id) => id.replace(/^.*\/a:[^/]+/, 'app'))))];
  return [
    `${m.instances} shown in ${seconds} s${m.complete ? '' : ' (stopped by the time limit)'}`,
    `the view had the rows after ${medianOf(m.laterLoads, (l) => l.fetchedMs)} ms (first pages: ${medianOf(m.firstLoads, (l) => l.fetchedMs)} ms) and fetched ${medianOf(m.laterLoads, (l) => l.rowsFetched)} rows per click (first pages: ${medianOf(m.firstLoads, (l) => l.rowsFetched)})`,
    `fired: ${fired.join(', ') || 'nothing'}`,
  ].join('; ');
}

function memoryNote(m: Extract<BenchMessage, { kind: 'memory' }>): string {
  return `RSS ${Math.round(bytesToMB(m.beforeRss))} → ${Math.round(median(m.afterRss.map(bytesToMB)))} MB, heap ${Math.round(bytesToMB(m.beforeHeap))} → ${Math.round(median(m.afterHeap.map(bytesToMB)))} MB after a full GC`;
}

function figuresFrom(sessions: BenchMessage[][], withTree: boolean, onVersion: (v: string) => void): FigureResult[] {
  const all = sessions.flat();
  const version = all.find((m): m is Extract<BenchMessage, { kind: 'version' }> => m.kind === 'version');
  if (version) onVersion(version.version);
  type Activation = Extract<BenchMessage, { kind: 'activate' }>;
  const activations = (which: Activation['which'], phase: 'ms' | 'loadMs' | 'callMs'): number[] =>
    all.flatMap((m) => (m.kind === 'activate' && m.which === which && m[phase] !== undefined ? [m[phase]] : []));
  const alreadyActive = all.filter((m) => m.kind === 'activate' && m.which === 'extension' && m.alreadyActive).length;
  const loads = activations('extension', 'loadMs');
  const results: FigureResult[] = [
    figure({
      id: '2a',
      title: `the extension's activate() in the VS Code ${version?.version ?? ''} extension host, fresh host per run`,
      unit: 'ms',
      better: 'lower',
      samples: activations('extension', 'callMs'),
      target: { of: 'value', limit: 20 },
      note: alreadyActive > 0 ? `${alreadyActive} sessions had activated it before the bench could` : undefined,
    }),
    figure({
      id: '2c',
      title: 'whole activation as VS Code does it (load dist/extension.js + activate())',
      unit: 'ms',
      better: 'lower',
      samples: activations('extension', 'ms'),
      baselineLabel: 'no-op extension, same host',
      baselineSamples: activations('empty', 'ms'),
      note: loads.length > 0 ? `loading the bundle in the host: median ${Math.round(median(loads) * 10) / 10} ms` : undefined,
    }),
  ];
  if (withTree) {
    const expand = all.find((m): m is Extract<BenchMessage, { kind: 'expand' }> => m.kind === 'expand');
    const memory = all.find((m): m is Extract<BenchMessage, { kind: 'memory' }> => m.kind === 'memory');
    if (!expand || !memory) {
      throw new Error('the VS Code session reported no tree figures');
    }
    results.push(
      figure({
        id: '4a',
        title: `expand the app node until its first page (${expand.firstPage} instances) is in the view`,
        unit: 'ms',
        better: 'lower',
        samples: expand.uiMs,
        baselineLabel: 'the API call alone, same host',
        baselineSamples: expand.apiMs,
        target: { of: 'value', limit: 150 },
        note:
          expand.childrenMs.length > 0
            ? `the workbench asked for the children after ${Math.round(median(expand.askMs))} ms; the extension's getChildren took ${Math.round(median(expand.childrenMs))} ms and its getTreeItem ${Math.round(median(expand.treeItemMs))} ms; the rest is VS Code; the same reveal once expanded takes ${Math.round(median(expand.roundTripMs))} ms`
            : undefined,
      }),
      figure({
        id: '4b',
        title: `the next page in the view after ${memory.instances} instances are shown (page size 100)`,
        unit: 'ms',
        better: 'lower',
        samples: memory.laterLoads.map((l) => l.ms),
        baselineLabel: 'the first pages (2, 3, …), same host',
        baselineSamples: memory.firstLoads.map((l) => l.ms),
        target: { of: 'value', limit: 150 },
        note: loadNote(memory),
      }),
      figure({
        id: '4c',
        title: `extension-host RSS growth over the first page with ${memory.instances} instances shown`,
        unit: 'MB',
        better: 'lower',
        samples: memory.afterRss.map((rss) => bytesToMB(rss - memory.beforeRss)),
        target: { of: 'value', limit: 100 },
        note: memoryNote(memory),
      }),
    );
  }
  return results;
}
