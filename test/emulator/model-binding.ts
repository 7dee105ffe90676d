// ASP.NET Core model binding of a [FromBody] JSON parameter under [ApiController], as the App API does it
// with System.Text.Json (ALD src/Altinn.App.Api/Extensions/ServiceCollectionExtensions.cs AddJsonOptions):
// the first value that does not fit the C# type stops binding, and the automatic 400 is a
// ValidationProblemDetails naming the JSON path, plus "The {parameter} field is required." because the
// parameter is non-nullable (ALD src/Directory.Build.props <Nullable>enable</Nullable>).
import { randomBytes } from 'node:crypto';
import { HttpError } from './http';

/** What a JSON value must be: a C# type name for the message and a test of the JSON value's kind. */
export interface Expect {
  type: string;
  accepts: (v: JsonValue) => boolean;
}

export type JsonValue =
  | { kind: 'string'; text: string }
  | { kind: 'number' | 'true' | 'false' | 'null' }
  | { kind: 'object' | 'array' };

/** Expected type at a lower-cased JSON path (`$.prefill.*` matches any key); unlisted paths are not bound. */
export type Schema = (path: string[]) => Expect | undefined;

export function validationProblem(errors: Record<string, string[]>): HttpError {
  return new HttpError(400, {
    kind: 'problem',
    problem: {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors,
      traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
    },
  });
}

/**
 * Parses `body` and checks it against `schema`; throws the 400 ASP.NET answers for the first misfit.
 * Property names match case-insensitively (JsonSerializerDefaults.Web).
 */
export function bindJsonBody(body: Buffer, parameter: string, schema: Schema): unknown {
  const required = `The ${parameter} field is required.`;
  if (body.length === 0) throw validationProblem({ '': ['A non-empty request body is required.'], [parameter]: [required] });
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // System.Text.Json words syntax errors differently ("'x' is an invalid start of a value. Path: $ | …").
    throw validationProblem({ $: [`${(err as Error).message}. Path: $`], [parameter]: [required] });
  }
  const misfit = new Walker(body, schema).first();
  if (misfit) {
    const where = `Path: ${misfit.path} | LineNumber: ${misfit.line} | BytePositionInLine: ${misfit.column}.`;
    throw validationProblem({ [misfit.path]: [`The JSON value could not be converted to ${misfit.type}. ${where}`], [parameter]: [required] });
  }
  return parsed;
}

interface Misfit {
  path: string;
  type: string;
  line: number;
  column: number;
}

/** A byte-level walk over valid JSON that keeps the path and System.Text.Json's line/byte position. */
class Walker {
  private pos = 0;
  private lineStart = 0;
  private line = 0;

  constructor(private readonly buf: Buffer, private readonly schema: Schema) {}

  first(): Misfit | undefined {
    try {
      this.value([], '$');
      return undefined;
    } catch (m) {
      if (m instanceof MisfitFound) return m.misfit;
      throw m;
    }
  }

  private ws(): void {
    while (this.pos < this.buf.length && /\s/.test(String.fromCharCode(this.buf[this.pos]))) {
      if (this.buf[this.pos] === 0x0a) {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
  }

  private check(path: string[], shown: string, v: JsonValue): void {
    const expect = this.schema(path);
    if (expect && !expect.accepts(v)) {
      throw new MisfitFound({ path: shown, type: expect.type, line: this.line, column: this.pos - this.lineStart });
    }
  }

  private value(path: string[], shown: string): void {
    this.ws();
    const c = String.fromCharCode(this.buf[this.pos]);
    if (c === '{' || c === '[') {
      this.pos++;
      this.check(path, shown, { kind: c === '{' ? 'object' : 'array' });
      return c === '{' ? this.object(path, shown) : this.array(path, shown);
    }
    if (c === '"') {
      const text = this.string();
      return this.check(path, shown, { kind: 'string', text });
    }
    const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.buf.subarray(this.pos, this.pos + 64).toString('latin1'));
    const token = m ? m[1] : '';
    this.pos += token.length;
    const kind = token === 'true' || token === 'false' || token === 'null' ? token : 'number';
    this.check(path, shown, { kind });
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    while (this.buf[this.pos] !== 0x22) this.pos += this.buf[this.pos] === 0x5c ? 2 : 1;
    this.pos++;
    return JSON.parse(this.buf.subarray(start, this.pos).toString('utf8')) as string;
  }

  private object(path: string[], shown: string): void {
    this.ws();
    if (this.buf[this.pos] === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const name = this.string();
      this.ws();
      this.pos++; // ':'
      this.value([...path, name.toLowerCase()], `${shown}${pathPart(name)}`);
      this.ws();
      if (this.buf[this.pos++] === 0x7d) return;
    }
  }

  private array(path: string[], shown: string): void {
    this.ws();
    if (this.buf[this.pos] === 0x5d) {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.value([...path, '[]'], `${shown}[${i}]`);
      this.ws();
      if (this.buf[this.pos++] === 0x5d) return;
    }
  }
}

class MisfitFound {
  constructor(readonly misfit: Misfit) {}
}

/** System.Text.Json's JsonPath: `.name`, or `['name']` when the name has characters a dotted path cannot hold. */
function pathPart(name: string): string {
  return /[.\s'"[\]()\\]/.test(name) ? `['${name.replace(/'/g, "\\'")}']` : `.${name}`;
}

export const STRING: Expect = { type: 'System.String', accepts: (v) => v.kind === 'string' || v.kind === 'null' };
export const DATE_TIME: Expect = {
  type: 'System.Nullable`1[System.DateTime]',
  accepts: (v) => v.kind === 'null' || (v.kind === 'string' && ISO_8601.test(v.text) && !Number.isNaN(Date.parse(v.text))),
};
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function objectOf(type: string): Expect {
  return { type, accepts: (v) => v.kind === 'object' || v.kind === 'null' };
}
