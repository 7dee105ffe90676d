/**
 * User settings every host we start gets (tests, demo, screenshots): no telemetry, no welcome page, no update
 * checks, no marketplace lookups on a closed network. No auto-save either: code-server saves after a second by
 * default, and saving an `altinn:` document writes it to Altinn, which the user should do on purpose.
 */
export const quietWorkbenchSettings: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
};
