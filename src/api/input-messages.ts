// Sentences of AltinnInputError given as codes, so the extension can say them in the user's language
// (rendered at the edge; Error.message holds the English). The English templates are l10n keys.

export const INPUT_ERROR_MESSAGES = {
  localtestHost: 'A localtest environment must point at local.altinn.cloud or a loopback host, not {0}.',
  emulatorNeedsUrl: 'An emulator environment needs its base URL, like http://127.0.0.1:5101.',
  customNeedsUrl: 'A custom environment needs the apps URL, like https://{org}.apps.at22.altinn.cloud.',
  orgPlaceholderOnlyInHost: 'The apps URL may only contain the placeholder {org}, and only in its host name.',
  orgPatternNeedsPlatform: 'A custom environment with {org} in its apps URL also needs a platform URL.',
  unknownKind: 'Unknown environment kind {0}; expected one of {1}.',
  missingConfig: 'Missing environment configuration.',
  invalidUrl: 'The {0} {1} is not a valid URL.',
  urlScheme: 'The {0} {1} must start with https:// (or http:// for a local test host).',
  plainHttp:
    'The {0} {1} uses plain http, which would send tokens unencrypted. Use https://, or http:// only for localhost, 127.0.0.1 or local.altinn.cloud.',
  urlCredentials: 'The {0} must not contain a user name or password.',
  urlQueryOrFragment: 'The {0} {1} must not contain "?" or "#".',
  // Words that fill the sentences above ({0}).
  platformUrl: 'platform URL',
  localtestUrl: 'localtest URL',
  emulatorUrl: 'emulator URL',
  appsUrl: 'apps URL',
  maskinportenUrl: 'Maskinporten token URL',
} as const;

export type InputErrorCode = keyof typeof INPUT_ERROR_MESSAGES;

/** A value of an input error's sentence: as it is, or a word of the catalogue, translated with the sentence. */
export type InputErrorArg = string | number | { readonly word: InputErrorCode };

/** The kinds of URL an environment has, as words of the catalogue. */
export type UrlWord = 'platformUrl' | 'localtestUrl' | 'emulatorUrl' | 'appsUrl' | 'maskinportenUrl';
