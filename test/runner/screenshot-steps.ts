import type { WorkbenchDriver } from './workbench-driver';

/**
 * The named steps of `npm run screenshot`, in order; each step ends in one PNG named after it. A step that is
 * `optional` may find nothing to show yet (e.g. before the tree has instances): it is reported and skipped.
 * To add a picture, add a step; steps act like a user (clicks, F1 commands) through WorkbenchDriver.
 */
export interface ScreenshotStep {
  name: string;
  optional: boolean;
  /** Returns a note on what it showed, or throws when it could not. */
  run(driver: WorkbenchDriver): Promise<string>;
}

const quoted = (labels: string[]): string => labels.map((l) => JSON.stringify(l)).join(' › ');

/** Tree levels of the demo host: environment 1, org 2, app 3, instance 4, data element 5. */
const APP_LEVEL = 3;
const INSTANCE_LEVEL = 4;

export const screenshotSteps: ScreenshotStep[] = [
  {
    name: '01-altinn-view',
    optional: false,
    async run(driver) {
      await driver.openViewContainer('Altinn');
      await driver.waitForTreeRows(1);
      await driver.setSideBarWidth(520);
      return `${await driver.treeRows().count()} tree rows`;
    },
  },
  {
    // The first pinned app's instances.
    name: '02-app-instances',
    optional: true,
    async run(driver) {
      return `expanded ${quoted(await driver.expandDownToLevel(APP_LEVEL))}`;
    },
  },
  {
    // An active instance (not deleted or archived) with its data elements.
    name: '03-instance',
    optional: true,
    async run(driver) {
      const active = (label: string): boolean => !/deleted|slettet|archived|arkivert/i.test(label);
      return `expanded ${quoted(await driver.expandDownToLevel(INSTANCE_LEVEL, active))}`;
    },
  },
  {
    name: '04-data-element',
    optional: true,
    async run(driver) {
      const label = await driver.openFirstLeafOfDeepest();
      if (label === undefined) {
        throw new Error('the expanded instance shows no data element to open');
      }
      await driver.waitForEditor();
      return `opened ${JSON.stringify(label)}`;
    },
  },
];
