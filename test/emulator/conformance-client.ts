// Raw-fetch plumbing for the conformance test: one in-process emulator, test tokens as localtest
// hands them out, and `call` = send a request for an operation and check the answer against the spec.
// Deliberately not src/api: the conformance test looks at the wire, not at a client's interpretation.
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { ConformanceChecker, type CheckResult, type Exchange, type Expectation } from './conformance-checker';
import type { OperationRef } from './conformance-operations';

export interface Request {
  /** Path and query on the emulator, e.g. `/storage/api/v1/instances?appId=ttd/building-permit`. */
  path: string;
  /** Bearer token; omitted = anonymous. */
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Called extends CheckResult {
  exchange: Exchange;
}

export interface Tokens {
  /** ttd with instances.read + instances.write (docs/altinn-behaviour.md §3). */
  ttd: string;
  /** digdir with instances.read + instances.write. */
  digdir: string;
  /** ttd without any service-owner scope. */
  ttdNoScope: string;
  /** Test user 1337 → party 501337. */
  user1337: string;
  /** Test user 12345 → party 512345. */
  user12345: string;
}

export const ORG_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';
export const UNKNOWN_GUID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

export class ConformanceContext {
  readonly checker = new ConformanceChecker();
  private emulatorInstance?: Emulator;
  tokens!: Tokens;

  get emulator(): Emulator {
    assert.ok(this.emulatorInstance, 'emulator not started');
    return this.emulatorInstance;
  }

  async start(): Promise<void> {
    this.emulatorInstance = await startEmulator({ port: 0 });
    this.tokens = {
      ttd: await this.token(`/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=${encodeURIComponent(ORG_SCOPES)}`),
      digdir: await this.token(`/Home/GetTestOrgToken/digdir?orgNumber=991825827&scopes=${encodeURIComponent(ORG_SCOPES)}`),
      ttdNoScope: await this.token(`/Home/GetTestOrgToken/ttd?orgNumber=405003309&scopes=${encodeURIComponent('altinn:instances.read')}`),
      user1337: await this.token('/Home/GetTestUserToken/1337'),
      user12345: await this.token('/Home/GetTestUserToken/12345'),
    };
  }

  async stop(): Promise<void> {
    await this.emulatorInstance?.close();
  }

  async send(method: string, req: Request): Promise<Exchange> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    const res = await fetch(this.emulator.url + req.path, {
      method,
      headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { method, url: res.url || this.emulator.url + req.path, status: res.status, headers: res.headers, body };
  }

  /** Sends a request for `op` and checks the answer against the spec (and docs/altinn-behaviour.md). */
  async call(op: OperationRef, req: Request, expect: Expectation): Promise<Called> {
    const exchange = await this.send(op.method, req);
    return { ...this.checker.check(op, exchange, expect), exchange };
  }

  private async token(path: string): Promise<string> {
    const ex = await this.send('GET', { path });
    assert.equal(ex.status, 200, `token from ${path}: ${ex.body.toString('utf8')}`);
    return ex.body.toString('utf8').trim();
  }
}

/** A multipart/form-data body with explicit part headers (Altinn needs Content-Type on every part). */
export function multipart(parts: { name: string; contentType: string; body: string | Buffer; filename?: string }[]): {
  contentType: string;
  body: Buffer;
} {
  const boundary = 'conformance-boundary-7d1f';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const filename = p.filename ? `; filename="${p.filename}"` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${filename}\r\nContent-Type: ${p.contentType}\r\n\r\n`),
      typeof p.body === 'string' ? Buffer.from(p.body) : p.body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** A small valid PDF / PNG payload for attachment uploads. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export const json = (value: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});
