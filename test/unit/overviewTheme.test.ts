// The overview page takes every colour from the VS Code theme, so light, dark and high contrast all read:
// no colour literal in its stylesheet or script, and bpmn-js's own colour tokens re-pointed at theme colours.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|['":\s](?:white|black|red|green|blue|gray|grey)\b/gi;

describe('Overview page colours come from the theme', () => {
  it('its stylesheet and script name no colour of their own', () => {
    for (const file of ['src/webview/overview/overview.css', 'src/webview/overview/main.ts']) {
      const text = read(file).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/white-space/g, '');
      assert.deepEqual(text.match(COLOUR_LITERAL) ?? [], [], file);
    }
  });

  it("overrides each of bpmn-js's colour tokens with a VS Code colour", () => {
    const ours = read('src/webview/overview/overview.css');
    const theirs = read('node_modules/bpmn-js/dist/assets/diagram-js.css') + read('node_modules/bpmn-js/dist/assets/bpmn-js.css');
    // The tokens the viewer's drawing and its container use (the editor-only ones — palette, popups — are not shown).
    const used = ['--bio-surface', '--bio-text', '--bio-border', '--bio-primary', '--bio-focus', '--canvas-fill-color'];
    for (const token of used) {
      assert.ok(theirs.includes(`${token}:`), `bpmn-js still defines ${token}`);
      assert.match(ours, new RegExp(`${token}: var\\(--vscode-`), `${token} from the theme`);
    }
  });
});
