import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fault rule (README.md, "Faults"): applied to requests whose method and pathname match. */
export interface FaultRule {
  method?: string;
  /** Regex source matched against the pathname. */
  path: string;
  kind: 'latency' | 'status' | 'reset' | 'truncate';
  latencyMs?: number;
  status?: number;
  retryAfterSeconds?: number;
  /** How many requests the rule applies to; unlimited when omitted. */
  times?: number;
}

export interface FaultController {
  add(rule: FaultRule): string;
  remove(id: string): void;
  reset(): void;
  list(): Array<FaultRule & { id: string }>;
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  regex: RegExp;
  remaining: number;
}

export function validateFaultRule(v: unknown): FaultRule {
  const r = v as Partial<FaultRule> | null;
  if (!r || typeof r.path !== 'string') throw new Error('fault rule needs a "path" regex');
  if (!['latency', 'status', 'reset', 'truncate'].includes(String(r.kind))) throw new Error('fault rule "kind" must be latency|status|reset|truncate');
  new RegExp(r.path);
  if (r.kind === 'status' && (typeof r.status !== 'number' || r.status < 100 || r.status > 599)) {
    throw new Error('status fault needs "status" 100..599');
  }
  return r as FaultRule;
}

export class Faults implements FaultController {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): string {
    const r = validateFaultRule(rule);
    const id = String(this.nextId++);
    this.rules.push({ id, rule: r, regex: new RegExp(r.path), remaining: r.times ?? Infinity });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  reset(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { id: string }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id }));
  }

  /** The rules that fire for this request (at most one of each kind), consuming their `times`. */
  take(method: string, path: string): FaultRule[] {
    if (this.rules.length === 0) return [];
    const fired: FaultRule[] = [];
    const kinds = new Set<string>();
    for (const r of this.rules) {
      if (r.remaining <= 0 || kinds.has(r.rule.kind)) continue;
      if (r.rule.method && r.rule.method.toUpperCase() !== method) continue;
      if (!r.regex.test(path)) continue;
      r.remaining--;
      kinds.add(r.rule.kind);
      fired.push(r.rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return fired;
  }
}

/**
 * Truncation: let the handler answer normally, then send its headers with the full Content-Length,
 * half the body, and destroy the socket, so the client sees a premature close.
 */
export function truncateResponse(res: ServerResponse): void {
  const chunks: Buffer[] = [];
  const origWrite = res.write.bind(res) as (chunk: Buffer, cb: () => void) => boolean;
  const origWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  let head: unknown[] | undefined;
  const toBuf = (c: unknown): Buffer => (Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  (res as unknown as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args: unknown[]) => {
    head = args;
    return res;
  };
  (res as unknown as { write: (c: unknown, ...rest: unknown[]) => boolean }).write = (c: unknown, ...rest: unknown[]) => {
    if (c !== undefined && c !== null) chunks.push(toBuf(c));
    const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    if (cb) process.nextTick(cb);
    return true;
  };
  (res as unknown as { end: (c?: unknown, ...rest: unknown[]) => ServerResponse }).end = (c?: unknown) => {
    if (c !== undefined && c !== null && typeof c !== 'function') chunks.push(toBuf(c));
    const body = Buffer.concat(chunks);
    const status = typeof head?.[0] === 'number' ? head[0] : res.statusCode;
    const hdrs = (head?.find((x, i) => i > 0 && typeof x === 'object') ?? {}) as Record<string, string | number>;
    for (const [k, v] of Object.entries(hdrs)) res.setHeader(k, v);
    res.removeHeader('Transfer-Encoding');
    res.setHeader('Content-Length', body.length);
    origWriteHead(status);
    const half = body.subarray(0, Math.floor(body.length / 2));
    origWrite(half, () => res.socket?.destroy());
    return res;
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Connection reset: drop the socket without answering. */
export function resetConnection(req: IncomingMessage): void {
  req.socket.destroy();
}
