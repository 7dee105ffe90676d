// Everything the CLI writes: results on stdout (text or JSON), messages and errors on stderr,
// colours only on a terminal and never when NO_COLOR is set.

export interface OutputStreams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export type Colour = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';

const CODES: Record<Colour, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** no-color.org: any non-empty NO_COLOR turns colours off; FORCE_COLOR=0 too. */
export function colourEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv, noColorFlag = false): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.FORCE_COLOR === '0') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export class Output {
  readonly json: boolean;
  private readonly outColour: boolean;
  private readonly errColour: boolean;

  constructor(readonly streams: OutputStreams, opts: { json?: boolean; noColor?: boolean } = {}) {
    this.json = opts.json === true;
    this.outColour = colourEnabled(streams.stdout, streams.env, opts.noColor);
    this.errColour = colourEnabled(streams.stderr, streams.env, opts.noColor);
  }

  get stderrIsTerminal(): boolean {
    return this.streams.stderr.isTTY === true;
  }

  /** Colours text meant for stdout. */
  paint(colour: Colour, text: string): string {
    return this.outColour ? wrap(colour, text) : text;
  }

  /** Colours text meant for stderr. */
  paintErr(colour: Colour, text: string): string {
    return this.errColour ? wrap(colour, text) : text;
  }

  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** One JSON document on stdout, for scripts. */
  data(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Notes for a person (progress, hints): stderr, so stdout stays clean for pipes. */
  note(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.streams.stderr.write(`${this.paintErr('yellow', 'warning:')} ${text}\n`);
  }

  error(text: string): void {
    this.streams.stderr.write(`${this.paintErr('red', 'error:')} ${text}\n`);
  }

  /** Left-aligned columns; the last column is not padded. */
  table(headers: string[], rows: string[][]): void {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
    const format = (cells: string[]): string =>
      cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - visibleLength(c)))).join('  ').trimEnd();
    this.line(this.paint('bold', format(headers)));
    for (const row of rows) this.line(format(row));
  }
}

function wrap(colour: Colour, text: string): string {
  const [open, close] = CODES[colour];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
