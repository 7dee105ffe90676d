// A one-line progress bar on stderr, drawn only on a terminal and at most ten times a second.

export interface ProgressState {
  done: number;
  /** Unknown while still counting. */
  total?: number;
  text?: string;
}

const WIDTH = 24;
const MIN_REDRAW_MS = 100;

export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly label: string) {}

  update(state: ProgressState, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < MIN_REDRAW_MS) return;
    this.lastDraw = now;
    const known = state.total !== undefined && state.total > 0;
    const ratio = known ? Math.min(1, state.done / (state.total as number)) : 0;
    const filled = Math.round(ratio * WIDTH);
    const bar = known ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%` : '[counting…]';
    const line = `${this.label} ${bar} ${state.text ?? ''}`;
    const columns = this.stream.columns ?? 100;
    this.stream.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    this.drawn = true;
  }

  /** Clears the line, so what follows starts clean. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
