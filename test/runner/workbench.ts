import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './paths';

export interface WorkbenchTarget {
  origin: string;
  port: number;
  /** Folder the workbench opens. */
  folder: string;
  extensionDevelopmentPath: string;
  /** Compiled test index exporting run(); omitted for the demo and screenshots. */
  extensionTestsPath?: string;
}

/** The workbench URL that loads an extension under development (and its tests) from the server's disk. */
export function workbenchUrl(target: WorkbenchTarget): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${target.port}${path.resolve(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]];
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  }
  const query = new URLSearchParams({ folder: path.resolve(target.folder), payload: JSON.stringify(payload) });
  return `${target.origin}/?${query.toString()}`;
}

export interface HeadlessBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, as root. The background-networking flags keep it from flooding the closed
 * network with refused connections.
 */
export async function launchHeadlessChromium(
  userDataDir: string,
  viewport = { width: 1400, height: 900 },
): Promise<HeadlessBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed: Promise<void> | undefined;
  return {
    context,
    page,
    close: () => (closed ??= context.close().catch(() => undefined)),
  };
}
