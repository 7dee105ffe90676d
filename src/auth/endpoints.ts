import * as vscode from 'vscode';
import { AuthApi, type Environment } from '../api';
import { logRequest } from '../util/log';
import type { TokenEndpoints } from '../session';

/** The token endpoints of one environment; their requests go to the log like every other (no tokens in URLs). */
export function authApiEndpoints(log: vscode.LogOutputChannel): (environment: Environment) => TokenEndpoints {
  return (environment) => new AuthApi(environment, { onRequest: (r) => logRequest(log, environment.id, r) });
}
