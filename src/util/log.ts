import * as vscode from 'vscode';

export const LOG_CHANNEL_NAME = 'Altinn Explorer';

export interface RequestLogEntry {
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  error?: string;
}

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** One line per request. The api client keeps tokens out of urls and never passes headers here. */
export function logRequest(log: vscode.LogOutputChannel, envId: string, entry: RequestLogEntry): void {
  const line = `[${envId}] ${entry.method} ${entry.url} → ${entry.status ?? '-'} (${Math.round(entry.durationMs)} ms)`;
  if (entry.error) {
    log.warn(`${line} ${entry.error}`);
  } else if (entry.status !== undefined && entry.status >= 400) {
    log.warn(line);
  } else {
    log.info(line);
  }
}

