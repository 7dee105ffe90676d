// File extension → MIME type, for the Content-Type of uploads. Altinn's apps compare the request's
// Content-Type with the type their own table gives the file's extension and refuse a mismatch (unless
// the request says application/octet-stream), so every entry here is the type app-lib gives that
// extension. Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/MimeTypeMap.cs (v8.x): their table has
// some 600 extensions; this one holds the office, media, archive, image, text and map formats people
// attach to forms. Extensions not listed are sent as application/octet-stream, which is also what
// app-lib falls back to. See docs/altinn-behaviour.md §1.3.
// Type → its extensions, grouped by top-level type; `@` stands for Office Open XML's `vnd.openxmlformats-officedocument.`.
const TYPES: Record<string, Record<string, string>> = {
  application: {
    pdf: 'pdf',
    rtf: 'rtf',
    msword: 'doc dot',
    '@wordprocessingml.document': 'docx',
    '@wordprocessingml.template': 'dotx',
    'vnd.ms-word.document.macroEnabled.12': 'docm',
    'vnd.ms-excel': 'xls xlt xla',
    '@spreadsheetml.sheet': 'xlsx',
    '@spreadsheetml.template': 'xltx',
    'vnd.ms-excel.sheet.macroEnabled.12': 'xlsm',
    'vnd.ms-excel.sheet.binary.macroEnabled.12': 'xlsb',
    'vnd.ms-powerpoint': 'ppt pps pot',
    '@presentationml.presentation': 'pptx',
    '@presentationml.slideshow': 'ppsx',
    '@presentationml.template': 'potx',
    'vnd.ms-powerpoint.presentation.macroEnabled.12': 'pptm',
    'vnd.oasis.opendocument.text': 'odt',
    'vnd.oasis.opendocument.spreadsheet': 'ods',
    'vnd.oasis.opendocument.presentation': 'odp',
    'vnd.oasis.opendocument.graphics': 'odg',
    'vnd.oasis.opendocument.formula': 'odf',
    'vnd.oasis.opendocument.database': 'odb',
    'vnd.oasis.opendocument.text-template': 'ott',
    'vnd.ms-project': 'mpp',
    'vnd.visio': 'vsd vss vst',
    onenote: 'one',
    'vnd.ms-xpsdocument': 'xps',
    'x-mspublisher': 'pub',
    'vnd.ms-works': 'wks wcm wdb wps',
    postscript: 'ps eps ai',
    xml: 'xml',
    json: 'json',
    javascript: 'js',
    zip: 'zip',
    'x-7z-compressed': '7z',
    'x-rar-compressed': 'rar',
    'x-gzip': 'gz',
    'x-compressed': 'tgz',
    'x-tar': 'tar',
    'x-gtar': 'gtar',
    'x-compress': 'z',
    'java-archive': 'jar',
    'gml+xml': 'gml',
    'x-step': 'ifc',
    'font-sfnt': 'ttf',
    'font-woff': 'woff',
  },
  message: {
    rfc822: 'eml mht mhtml nws',
  },
  text: {
    plain: 'txt def ini',
    csv: 'csv',
    'tab-separated-values': 'tsv',
    html: 'html htm',
    css: 'css',
    xml: 'xsd xsl xslt dtd',
    'x-vcard': 'vcf',
    richtext: 'rtx',
  },
  image: {
    png: 'png',
    jpeg: 'jpg jpeg jpe',
    pjpeg: 'jfif',
    gif: 'gif',
    bmp: 'bmp dib',
    webp: 'webp',
    'svg+xml': 'svg',
    tiff: 'tif tiff',
    'x-icon': 'ico',
    heic: 'heic',
    heif: 'heif',
    'x-portable-anymap': 'pnm',
    'x-portable-bitmap': 'pbm',
    'x-portable-graymap': 'pgm',
    'x-portable-pixmap': 'ppm',
    'x-xbitmap': 'xbm',
    'x-xpixmap': 'xpm',
    'x-cmu-raster': 'ras',
    'x-rgb': 'rgb',
    'vnd.ms-photo': 'wdp',
    'x-jg': 'art',
  },
  audio: {
    mpeg: 'mp3',
    wav: 'wav wave',
    m4a: 'm4a',
    ogg: 'ogg oga opus spx',
    aac: 'aac',
    aiff: 'aif aiff aifc',
    mid: 'mid midi rmi',
    'x-ms-wma': 'wma',
    flac: 'flac',
    basic: 'au snd',
    'x-pn-realaudio': 'ra ram',
  },
  video: {
    mp4: 'mp4 mp4v',
    quicktime: 'mov qt',
    'x-msvideo': 'avi',
    'x-ms-wmv': 'wmv',
    webm: 'webm',
    mpeg: 'mpeg mpg mpe m1v mpa',
    '3gpp': '3gp',
    '3gpp2': '3g2',
    'x-m4v': 'm4v',
    'x-flv': 'flv',
    ogg: 'ogv',
    'vnd.dlna.mpeg-tts': 'ts m2ts mts',
    'x-ms-asf': 'asf asx',
    'x-sgi-movie': 'movie',
  },
};

const BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries(TYPES).flatMap(([top, subtypes]) =>
    Object.entries(subtypes).flatMap(([sub, extensions]) => {
      const type = `${top}/${sub.replace('@', 'vnd.openxmlformats-officedocument.')}`;
      return extensions.split(' ').map((ext) => [ext, type] as const);
    }),
  ),
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
