// Reads the relaxed JSON-like notation of Verify's `.verified.txt` snapshots (app-lib-dotnet's tests):
// one member or element per line, strings unquoted, `{`/`[` at line ends, `}`/`]` alone. A top-level
// `Response:` whose value is not `{` is kept verbatim (a body Verify could not read into a model).

export type Node =
  | { kind: 'object'; members: Array<[string, Node]> }
  | { kind: 'array'; items: Node[] }
  | { kind: 'scalar'; text: string }
  | { kind: 'verbatim'; text: string };

interface Frame { node: Extract<Node, { kind: 'object' | 'array' }> }

const MEMBER = /^([^\s:]+): ?(.*)$/;

function stripComma(s: string): string {
  return s.endsWith(',') ? s.slice(0, -1) : s;
}

function opened(text: string): Node | undefined {
  if (text === '{') return { kind: 'object', members: [] };
  if (text === '[') return { kind: 'array', items: [] };
  if (text === '{}') return { kind: 'object', members: [] };
  if (text === '[]') return { kind: 'array', items: [] };
  return undefined;
}

/** Parses one snapshot; throws with the line number on anything it does not understand. */
export function parseVerified(source: string): Node {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let root: Node | undefined;
  const stack: Frame[] = [];
  const add = (key: string | undefined, node: Node, lineNo: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root) throw new Error(`line ${lineNo}: second root value`);
      root = node;
    } else if (top.node.kind === 'object') {
      if (key === undefined) throw new Error(`line ${lineNo}: member without a name`);
      top.node.members.push([key, node]);
    } else {
      top.node.items.push(node);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '') continue;
    const bare = stripComma(line);
    if (bare === '}' || bare === ']') {
      if (!stack.pop()) throw new Error(`line ${lineNo}: unbalanced ${bare}`);
      continue;
    }
    const top = stack[stack.length - 1];
    let key: string | undefined;
    let value = bare;
    const obj = top?.node.kind === 'object' ? top.node : undefined;
    if (obj) {
      const m = MEMBER.exec(line);
      if (!m) throw new Error(`line ${lineNo}: expected "Name: value", got ${line}`);
      key = m[1];
      value = stripComma(m[2]);
      if (key === 'Response' && stack.length === 1 && value !== '{' && value !== '[') {
        obj.members.push([key, { kind: 'verbatim', text: m[2] }]);
        continue;
      }
    }
    const block = opened(value);
    if (block) {
      add(key, block, lineNo);
      // `{}` and `[]` close on the same line; `{` and `[` open a block.
      if (value.length === 1) stack.push({ node: block as Frame['node'] });
    } else {
      add(key, { kind: 'scalar', text: value }, lineNo);
    }
  }
  if (!root) throw new Error('empty snapshot');
  if (stack.length > 0) throw new Error('unclosed block at end of snapshot');
  return root;
}

/** The member `name` of an object node (exact name), or undefined. */
export function member(node: Node | undefined, name: string): Node | undefined {
  return node?.kind === 'object' ? node.members.find(([k]) => k === name)?.[1] : undefined;
}

/** Follows a member path, e.g. `at(root, 'HttpResponse', 'Headers', 'Location')`. */
export function at(node: Node | undefined, ...path: string[]): Node | undefined {
  return path.reduce<Node | undefined>((n, k) => member(n, k), node);
}

/** The text of a scalar, or of the first element of an array of scalars (Verify's header lists). */
export function textOf(node: Node | undefined): string | undefined {
  if (node?.kind === 'scalar' || node?.kind === 'verbatim') return node.text;
  if (node?.kind === 'array' && node.items[0]?.kind === 'scalar') return node.items[0].text;
  return undefined;
}
