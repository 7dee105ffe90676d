import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The overview page's shell: a strict Content Security Policy (no remote resources, scripts only with this
 * page's nonce) and the overview bundle (dist/webview), which the page loads only when an overview opens.
 */
export function overviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('overview.css')}">
<title>${escaped}</title>
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}" src="${asset('overview.js')}"></script>
</body>
</html>`;
}
