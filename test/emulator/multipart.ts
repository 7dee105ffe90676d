// Minimal multipart/form-data reader for instance creation (docs/altinn-behaviour.md §1.2 "Create, multipart").
import { problem } from './http';

export interface Part {
  /** Absent when the Content-Disposition names none (ALD MultipartRequestReader keeps such a part, Name = null). */
  name?: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function readingError(detail: string): Error {
  return problem(400, 'Error reading request', detail);
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) throw readingError('Multipart boundary not found');
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw readingError('Unexpected end of multipart section headers');
    const headerText = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headerEnd + 4);
    if (next < 0) throw readingError('Unexpected end of multipart body');
    const content = body.subarray(headerEnd + 4, next);
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const c = line.indexOf(':');
      if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
    }
    const disp = headers['content-disposition'];
    if (!disp) throw readingError('Part number ' + (parts.length + 1) + ' doesn\'t have a content disposition');
    const name = /(?:^|;)\s*name="?([^";]+)"?/i.exec(disp)?.[1];
    // ALD src/Altinn.App.Api/Helpers/RequestHandling/MultipartRequestReader.cs Read
    if (!headers['content-type']) throw readingError(`Part number ${parts.length + 1} doesn't have a content type`);
    const filename = /\bfilename="?([^";]+)"?/i.exec(disp)?.[1];
    parts.push({ name, filename, contentType: headers['content-type'], body: content });
    pos = next + 2;
  }
  return parts;
}
