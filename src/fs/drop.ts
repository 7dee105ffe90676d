import * as vscode from 'vscode';

/**
 * Local files dropped onto the tree: from VS Code's Explorer they arrive as `text/uri-list`, from the
 * operating system as `files`. Anything that is not a local file is ignored.
 */
export async function uriListFromDrop(data: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const uris: vscode.Uri[] = [];
  const list = await data.get('text/uri-list')?.asString();
  for (const line of (list ?? '').split(/\r?\n/)) {
    const text = line.trim();
    if (!text || text.startsWith('#')) {
      continue;
    }
    try {
      const uri = vscode.Uri.parse(text, true);
      if (uri.scheme === 'file') {
        uris.push(uri);
      }
    } catch {
      // not a URI; skipped
    }
  }
  data.forEach((item) => {
    const file = item.asFile();
    if (file?.uri?.scheme === 'file' && !uris.some((u) => u.toString() === file.uri?.toString())) {
      uris.push(file.uri);
    }
  });
  return uris;
}
