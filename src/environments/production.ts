// Which environments count as production and when a change there must be confirmed. Plain decisions, no
// vscode: tested in plain Node (test/unit/production.test.ts); the dialog is in writeGuard.ts.

/** The part of an `altinn.environments` entry that decides whether it is production. */
export interface ProductionFlags {
  readonly kind: string;
  /** Set by the user for an environment that reaches live Altinn by another kind (a proxy, a `custom` address). */
  readonly production?: boolean;
}

/** `production` kind always is (its flag cannot turn that off); any other kind only when flagged. */
export function isProduction(setting: ProductionFlags | undefined): boolean {
  return setting !== undefined && (setting.kind === 'production' || setting.production === true);
}

/**
 * Whether a state change must be confirmed first: always when the command asks in every environment
 * (`always`), otherwise when one of its environments is production and `altinn.confirmWritesInProduction`
 * is on.
 */
export function mustConfirm(settings: readonly (ProductionFlags | undefined)[], opts: { always: boolean; confirmInProduction: boolean }): boolean {
  return opts.always || (opts.confirmInProduction && settings.some(isProduction));
}

/** Where a setting write goes: where its value in force is read from (a workspace value wins over the user's). */
export type SettingsScope = 'global' | 'workspace';

export function scopeOf(inspected: { workspaceValue?: unknown } | undefined, opts: { applicationScoped: boolean }): SettingsScope {
  // An application-scoped setting is read from user settings only: VS Code ignores a workspace value.
  if (opts.applicationScoped) return 'global';
  return inspected?.workspaceValue !== undefined ? 'workspace' : 'global';
}

/** Whether a settings file's text defines `altinn.environments` (a comment mentioning it counts too: it is a warning only). */
export function definesEnvironments(settingsText: string): boolean {
  return /"altinn\.environments"\s*:/.test(settingsText);
}
