// File extension → MIME type, for the Content-Type of uploads. Altinn's apps compare the request's
// Content-Type with the type their own table gives the file's extension and refuse a mismatch (unless
// the request says application/octet-stream), so every entry here is the type app-lib gives that
// extension. Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/MimeTypeMap.cs (v8.x): their table has
// some 600 extensions; this one holds the office, media, archive, image, text and map formats people
// attach to forms. Extensions not listed are sent as application/octet-stream, which is also what
// app-lib falls back to. See docs/altinn-behaviour.md §1.3.
const TYPES: Record<string, readonly string[]> = {
  // Documents and office files
  'application/pdf': ['pdf'],
  'application/rtf': ['rtf'],
  'application/msword': ['doc', 'dot'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template': ['dotx'],
  'application/vnd.ms-word.document.macroEnabled.12': ['docm'],
  'application/vnd.ms-excel': ['xls', 'xlt', 'xla'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template': ['xltx'],
  'application/vnd.ms-excel.sheet.macroEnabled.12': ['xlsm'],
  'application/vnd.ms-excel.sheet.binary.macroEnabled.12': ['xlsb'],
  'application/vnd.ms-powerpoint': ['ppt', 'pps', 'pot'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.openxmlformats-officedocument.presentationml.slideshow': ['ppsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.template': ['potx'],
  'application/vnd.ms-powerpoint.presentation.macroEnabled.12': ['pptm'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/vnd.oasis.opendocument.graphics': ['odg'],
  'application/vnd.oasis.opendocument.formula': ['odf'],
  'application/vnd.oasis.opendocument.database': ['odb'],
  'application/vnd.oasis.opendocument.text-template': ['ott'],
  'application/vnd.ms-project': ['mpp'],
  'application/vnd.visio': ['vsd', 'vss', 'vst'],
  'application/onenote': ['one'],
  'application/vnd.ms-xpsdocument': ['xps'],
  'application/x-mspublisher': ['pub'],
  'application/vnd.ms-works': ['wks', 'wcm', 'wdb', 'wps'],
  'message/rfc822': ['eml', 'mht', 'mhtml', 'nws'],
  'application/postscript': ['ps', 'eps', 'ai'],
  // Text and data
  'text/plain': ['txt', 'def', 'ini'],
  'text/csv': ['csv'],
  'text/tab-separated-values': ['tsv'],
  'text/html': ['html', 'htm'],
  'text/css': ['css'],
  'application/xml': ['xml'],
  'text/xml': ['xsd', 'xsl', 'xslt', 'dtd'],
  'application/json': ['json'],
  'application/javascript': ['js'],
  'text/x-vcard': ['vcf'],
  'text/richtext': ['rtx'],
  // Images
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/pjpeg': ['jfif'],
  'image/gif': ['gif'],
  'image/bmp': ['bmp', 'dib'],
  'image/webp': ['webp'],
  'image/svg+xml': ['svg'],
  'image/tiff': ['tif', 'tiff'],
  'image/x-icon': ['ico'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'image/x-portable-anymap': ['pnm'],
  'image/x-portable-bitmap': ['pbm'],
  'image/x-portable-graymap': ['pgm'],
  'image/x-portable-pixmap': ['ppm'],
  'image/x-xbitmap': ['xbm'],
  'image/x-xpixmap': ['xpm'],
  'image/x-cmu-raster': ['ras'],
  'image/x-rgb': ['rgb'],
  'image/vnd.ms-photo': ['wdp'],
  'image/x-jg': ['art'],
  // Audio
  'audio/mpeg': ['mp3'],
  'audio/wav': ['wav', 'wave'],
  'audio/m4a': ['m4a'],
  'audio/ogg': ['ogg', 'oga', 'opus', 'spx'],
  'audio/aac': ['aac'],
  'audio/aiff': ['aif', 'aiff', 'aifc'],
  'audio/mid': ['mid', 'midi', 'rmi'],
  'audio/x-ms-wma': ['wma'],
  'audio/flac': ['flac'],
  'audio/basic': ['au', 'snd'],
  'audio/x-pn-realaudio': ['ra', 'ram'],
  // Video
  'video/mp4': ['mp4', 'mp4v'],
  'video/quicktime': ['mov', 'qt'],
  'video/x-msvideo': ['avi'],
  'video/x-ms-wmv': ['wmv'],
  'video/webm': ['webm'],
  'video/mpeg': ['mpeg', 'mpg', 'mpe', 'm1v', 'mpa'],
  'video/3gpp': ['3gp'],
  'video/3gpp2': ['3g2'],
  'video/x-m4v': ['m4v'],
  'video/x-flv': ['flv'],
  'video/ogg': ['ogv'],
  'video/vnd.dlna.mpeg-tts': ['ts', 'm2ts', 'mts'],
  'video/x-ms-asf': ['asf', 'asx'],
  'video/x-sgi-movie': ['movie'],
  // Archives
  'application/zip': ['zip'],
  'application/x-7z-compressed': ['7z'],
  'application/x-rar-compressed': ['rar'],
  'application/x-gzip': ['gz'],
  'application/x-compressed': ['tgz'],
  'application/x-tar': ['tar'],
  'application/x-gtar': ['gtar'],
  'application/x-compress': ['z'],
  'application/java-archive': ['jar'],
  // Geodata, CAD and building models
  'application/gml+xml': ['gml'],
  'application/x-step': ['ifc'],
  // Fonts
  'application/font-sfnt': ['ttf'],
  'application/font-woff': ['woff'],
};

const BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries(TYPES).flatMap(([type, extensions]) => extensions.map((ext) => [ext, type] as const)),
);

/** The type for an extension (with or without its dot, any case); undefined when the table has none. */
export function mimeTypeForExtension(extension: string): string | undefined {
  return BY_EXTENSION.get(extension.replace(/^\./, '').toLowerCase());
}

/** The extension of a file name without its dot (`a.tar.gz` → `gz`); empty when it has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot >= 0 && dot < filename.length - 1 ? filename.slice(dot + 1) : '';
}

/** Every extension the table knows, for tests and help texts. */
export function knownExtensions(): string[] {
  return [...BY_EXTENSION.keys()];
}
