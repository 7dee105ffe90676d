// The client's upload decisions without a server: extension → type as app-lib maps it, the upload route
// by app-lib version, and the Content-Type form data must have.
import * as assert from 'node:assert/strict';
import { contentTypeFor, firstUploadRoute, formDataContentType, knownExtensions, mimeTypeForExtension } from '../../src/api';

describe('api: upload types and routes', () => {
  it('maps common office, media and archive extensions to the types app-lib gives them', () => {
    // Values read from Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/MimeTypeMap.cs (v8.12.7).
    const expected: Record<string, string> = {
      'slides.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'notes.odt': 'application/vnd.oasis.opendocument.text',
      'photo.HEIC': 'image/heic',
      'archive.7z': 'application/x-7z-compressed',
      'clip.mp4': 'video/mp4',
      'clip.mov': 'video/quicktime',
      'mail.eml': 'message/rfc822',
      'model.xml': 'application/xml',
      'map.gml': 'application/gml+xml',
      'building.ifc': 'application/x-step',
    };
    for (const [name, type] of Object.entries(expected)) assert.equal(contentTypeFor(name), type, name);
    // app-lib has no entry for these, so only application/octet-stream passes its extension check.
    for (const name of ['mail.msg', 'server.log', 'noextension', 'trailing.']) assert.equal(contentTypeFor(name), 'application/octet-stream', name);
    assert.ok(knownExtensions().length > 100);
    assert.equal(mimeTypeForExtension('.PDF'), 'application/pdf');
  });

  it('takes POST data/{dataType} from app-lib 8.5.0 and POST data?dataType= before; an unknown version tries the newer', () => {
    assert.equal(firstUploadRoute('8.3.8.0'), 'legacy');
    assert.equal(firstUploadRoute('7.15.3.0'), 'legacy');
    assert.equal(firstUploadRoute('8.5.0.0'), 'byType');
    assert.equal(firstUploadRoute('8.12.7.0'), 'byType');
    assert.equal(firstUploadRoute('9.0.0'), 'byType');
    assert.equal(firstUploadRoute(undefined), 'byType');
  });

  it('sends form data as application/xml or application/json whatever the file is called', () => {
    assert.equal(formDataContentType('model.xml', undefined), 'application/xml');
    assert.equal(formDataContentType('model.txt', undefined), 'application/xml');
    assert.equal(formDataContentType('model.JSON', undefined), 'application/json');
    assert.equal(formDataContentType('x.xml', 'application/xml; charset=utf-8'), 'application/xml; charset=utf-8');
    assert.throws(() => formDataContentType('x.xml', 'text/xml'), /application\/xml or application\/json, not text\/xml/);
  });
});
