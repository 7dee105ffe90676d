// The filter and search dialogs, one lazy bundle (esbuild-lazy.js): read the first time either opens.
export { askFilter } from './filterDialogs';
export { askSearch } from './searchDialog';
