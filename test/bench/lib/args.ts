export interface BenchArgs {
  /** Where to write the figures as JSON. */
  json?: string;
  /** Figure numbers to run (1–7); all when empty. */
  only: Set<number>;
  /** Parts of a figure asked for by letter (`8b`); all parts when none of that figure is named. */
  onlyParts: Set<string>;
  /** Samples per side of each figure. */
  runs: number;
  /** Instances of the listed app (figures 3, 7, 8). */
  instances: number;
  /** Instances of the app figure 4 pages through (issue 14: 100,000). */
  treeInstances: number;
  downloadMB: number;
  uploadMB: number;
  /** Delay per request of figure 8's emulator. */
  latencyMs: number;
}

const USAGE = `usage: npm run bench [-- --json FILE] [--only 1,3,5] [--runs N] [--latency MS] [--tree-instances N] [--quick]
  --json FILE   also write the figures as JSON
  --only LIST   run only these figures (1 sizes, 2 activation, 3 listing, 4 tree, 5 download, 6 upload, 7 emulator,
                8 at real latency; 8a–8d for one of them)
  --latency MS  delay per request of figure 8's emulator (default 25)
  --runs N      samples per side of each figure (default 5, at least 3)
  --tree-instances N  instances of the app figure 4 pages through (default 100000)
  --quick       3 runs and smaller payloads (20 MB download, 10 MB upload, 2,000 instances); for trying the bench out`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { only: new Set(), onlyParts: new Set(), runs: 5, instances: 10_000, treeInstances: 100_000, downloadMB: 200, uploadMB: 50, latencyMs: 25 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${a} needs a value\n${USAGE}`);
      }
      return v;
    };
    if (a === '--json') {
      args.json = value();
    } else if (a === '--only') {
      for (const n of value().split(',')) {
        const part = /^(\d+)([a-z])?$/.exec(n.trim());
        const f = Number(part?.[1]);
        if (!part || !Number.isInteger(f) || f < 1 || f > 8) {
          throw new Error(`--only takes figure numbers 1–8 (or a part such as 8b), not ${JSON.stringify(n)}\n${USAGE}`);
        }
        args.only.add(f);
        if (part[2]) args.onlyParts.add(`${f}${part[2]}`);
      }
    } else if (a === '--runs') {
      args.runs = Math.max(3, Math.min(50, Number(value()) || 5));
    } else if (a === '--latency') {
      args.latencyMs = Math.max(0, Math.min(1000, Number(value()) || 0));
    } else if (a === '--tree-instances') {
      args.treeInstances = Math.max(1_000, Math.min(200_000, Number(value()) || 100_000));
    } else if (a === '--quick') {
      Object.assign(args, { runs: 3, instances: 2_000, treeInstances: 2_000, downloadMB: 20, uploadMB: 10 });
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${a}\n${USAGE}`);
    }
  }
  return args;
}

export function wants(args: BenchArgs, figure: number): boolean {
  return args.only.size === 0 || args.only.has(figure);
}

/** A part of a figure (`8b`): wanted when its figure is, unless other parts of it were named. */
export function wantsPart(args: BenchArgs, part: string): boolean {
  const figureNumber = Number(/^\d+/.exec(part)?.[0]);
  if (!wants(args, figureNumber)) return false;
  const named = [...args.onlyParts].filter((p) => p.startsWith(String(figureNumber)));
  return named.length === 0 || named.includes(part);
}
