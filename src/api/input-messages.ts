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
} as const;

export type InputErrorCode = keyof typeof INPUT_ERROR_MESSAGES;
