/**
 * Every command id, for the modules that name a command without running it (tree items, the status bar,
 * auth's "Sign in" notice). A leaf of constants; src/commands/table.ts says what each command does.
 */
export const CommandIds = {
  refresh: 'altinn.refresh',
  refreshNode: 'altinn.refreshNode',
  loadMore: 'altinn.loadMore',
  addEnvironment: 'altinn.addEnvironment',
  removeEnvironment: 'altinn.removeEnvironment',
  signIn: 'altinn.signIn',
  signOut: 'altinn.signOut',
  showTokenClaims: 'altinn.showTokenClaims',
  pinApp: 'altinn.pinApp',
  pinOrg: 'altinn.pinOrg',
  unpin: 'altinn.unpin',
  filterInstances: 'altinn.filterInstances',
  clearInstanceFilter: 'altinn.clearInstanceFilter',
  goToInstance: 'altinn.goToInstance',
  createInstance: 'altinn.createInstance',
  processNext: 'altinn.processNext',
  confirmComplete: 'altinn.confirmComplete',
  setSubstatus: 'altinn.setSubstatus',
  deleteInstance: 'altinn.deleteInstance',
  copyInstanceId: 'altinn.copyInstanceId',
  copyInstanceUrl: 'altinn.copyInstanceUrl',
  showInstanceJson: 'altinn.showInstanceJson',
  showProcessHistory: 'altinn.showProcessHistory',
  showInstanceOverview: 'altinn.showInstanceOverview',
  openSettings: 'altinn.openSettings',
  openDataElement: 'altinn.openDataElement',
  uploadAttachment: 'altinn.uploadAttachment',
  downloadDataElement: 'altinn.downloadDataElement',
  downloadInstanceData: 'altinn.downloadInstanceData',
  deleteDataElement: 'altinn.deleteDataElement',
  showReadOnlyReason: 'altinn.showReadOnlyReason',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
