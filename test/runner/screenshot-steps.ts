import type { Emulator } from '../emulator';
import type { ScreenshotUi } from './screenshot-ui';

/**
 * The named steps of `npm run screenshot`, in order; each step ends in one PNG named after it. The README
 * shows `tree.png`, `form-data.png`, `process-next.png`, `overview.png` and `instance-rows.png` (copied to `media/`). Steps act like a user
 * (clicks, hover actions, typing) and pick their instances from the emulator's default seed by state, so
 * they show real data rather than whatever happens to be first in the tree.
 */
export interface ScreenshotContext {
  ui: ScreenshotUi;
  emulator: Emulator;
}

export interface ScreenshotStep {
  name: string;
  /** Returns a note on what it showed, or throws when it could not. */
  run(ctx: ScreenshotContext): Promise<string>;
}

/** Tree levels of the demo host: environment 1, org 2, app 3, instance 4, data element 5. */
const ENVIRONMENT = { level: 1, label: 'Local emulator' };
const ORG = { level: 2, label: 'ttd' };
const BUILDING_PERMIT = { level: 3, label: 'Building permit', appId: 'ttd/building-permit' };
const INCOME_REPORT = { level: 3, label: 'Income report', appId: 'ttd/income-report' };
const INSTANCE_LEVEL = 4;
const DATA_ELEMENT_LEVEL = 5;
const PROCESS_NEXT_ACTION = 'Process Next';

type SeedInstance = ReturnType<Emulator['store']['listInstances']>[number];

const shortId = (instance: SeedInstance): string => (instance.id.split('/')[1] ?? instance.id).slice(0, 8);

function isActiveAt(instance: SeedInstance, taskId: string): boolean {
  return !instance.status.isSoftDeleted && !instance.status.isArchived && instance.process?.currentTask?.elementId === taskId;
}

function formXml(emulator: Emulator, instance: SeedInstance, dataType: string): string | undefined {
  const element = instance.data.find((d) => d.dataType === dataType);
  return element && emulator.store.getDataBytes(element.id)?.toString('utf8');
}

/** The newest instance of the app that `accept` takes; throws when the seed has none. */
function pickInstance(emulator: Emulator, appId: string, what: string, accept: (i: SeedInstance) => boolean): SeedInstance {
  const instance = emulator.store.listInstances(appId).find(accept);
  if (!instance) {
    throw new Error(`the emulator's seed has no ${what} in ${appId}`);
  }
  return instance;
}

/** An active building permit at Task_1 with a filled-in form (so process next would pass) and a drawing. */
function completeBuildingPermit(emulator: Emulator): SeedInstance {
  return pickInstance(emulator, BUILDING_PERMIT.appId, 'Task_1 instance with a form and a drawing', (i) =>
    isActiveAt(i, 'Task_1') && i.data.some((d) => d.dataType === 'drawing') && /<applicant>[^<]+</.test(formXml(emulator, i, 'model') ?? ''),
  );
}

/** An active building permit at Task_1 whose form lacks `applicant`: moving on fails validation. */
function incompleteBuildingPermit(emulator: Emulator): SeedInstance {
  return pickInstance(emulator, BUILDING_PERMIT.appId, 'Task_1 instance without an applicant', (i) =>
    isActiveAt(i, 'Task_1') && !/<applicant>[^<]+</.test(formXml(emulator, i, 'model') ?? ''),
  );
}

async function showApp(ui: ScreenshotUi, app: { level: number; label: string }, other: { level: number; label: string }): Promise<void> {
  await ui.expand(ENVIRONMENT.level, ENVIRONMENT.label);
  await ui.expand(ORG.level, ORG.label);
  await ui.collapse(other.level, other.label);
  await ui.expand(app.level, app.label);
}

export const screenshotSteps: ScreenshotStep[] = [
  {
    // Environment › org › app › instances in every state, one active instance open on its data elements.
    name: 'tree',
    async run({ ui, emulator }) {
      await ui.driver.openViewContainer('Altinn');
      await ui.driver.waitForTreeRows(1);
      await ui.driver.setSideBarWidth(560);
      const instance = completeBuildingPermit(emulator);
      await showApp(ui, BUILDING_PERMIT, INCOME_REPORT);
      await ui.expand(INSTANCE_LEVEL, shortId(instance));
      return `expanded ${instance.id} (${instance.data.map((d) => d.filename ?? d.dataType).join(', ')})`;
    },
  },
  {
    // The same instance's form data open beside the tree, editable, with an unsaved change.
    name: 'form-data',
    async run({ ui, emulator }) {
      const instance = completeBuildingPermit(emulator);
      const area = /<areaSquareMeters>(\d+)</.exec(formXml(emulator, instance, 'model') ?? '')?.[1];
      if (!area) {
        throw new Error(`${instance.id} has no areaSquareMeters to edit`);
      }
      // The demo host's settings turn auto-save off, so the edit stays unsaved for the picture.
      const row = await ui.waitForRow(DATA_ELEMENT_LEVEL, 'model');
      await row.click();
      await ui.driver.waitForEditor();
      if (await ui.page.locator('.part.editor .tab.active .codicon-lock, .part.statusbar [aria-label*="Read-only"]').count()) {
        throw new Error('the form data opened read-only');
      }
      const edited = String(Number(area) + 24);
      await ui.editLine('<areaSquareMeters>', '</areaSquareMeters>'.length, area.length, edited);
      return `opened model of ${instance.id}, areaSquareMeters ${area} → ${edited} (unsaved)`;
    },
  },
  {
    // Process next on an income report at its signing task: the quick pick with the task and its actions.
    name: 'process-next',
    async run({ ui, emulator }) {
      const instance = pickInstance(emulator, INCOME_REPORT.appId, 'instance at the signing task', (i) => isActiveAt(i, 'Task_2'));
      await showApp(ui, INCOME_REPORT, BUILDING_PERMIT);
      await ui.inlineAction(INSTANCE_LEVEL, shortId(instance), PROCESS_NEXT_ACTION);
      await ui.waitForQuickPick();
      // On a busy machine the request may outlast the progress delay; its toast then outlives it a little.
      await ui.waitForProgressNotificationsToEnd();
      const labels = await ui.quickPickLabels();
      return `process next on ${instance.id}: ${labels.join(' | ')}`;
    },
  },
  {
    // Moving on a building permit without an applicant: the validation issues in the Problems panel.
    name: 'validation-problems',
    async run({ ui, emulator }) {
      await ui.page.keyboard.press('Escape');
      const instance = incompleteBuildingPermit(emulator);
      await showApp(ui, BUILDING_PERMIT, INCOME_REPORT);
      await ui.inlineAction(INSTANCE_LEVEL, shortId(instance), PROCESS_NEXT_ACTION);
      await ui.waitForQuickPick();
      await ui.page.keyboard.press('Enter');
      const marker = ui.page.locator('.part.panel .markers-panel .monaco-list-row').first();
      await marker.waitFor({ state: 'visible', timeout: 30_000 });
      await ui.waitForProgressNotificationsToEnd();
      return `process next on ${instance.id} failed: ${(await marker.getAttribute('aria-label')) ?? ''}`;
    },
  },
  {
    // The instance overview of an income report at its signing task: the process drawn with Task_1 passed and
    // Task_2 current, the actions, status, data and timeline. Opened from the instance's context menu.
    name: 'overview',
    async run({ ui, emulator }) {
      await ui.driver.runCommand('View: Close Panel');
      await ui.driver.runCommand('Notifications: Clear All Notifications');
      const instance = pickInstance(emulator, INCOME_REPORT.appId, 'instance at the signing task', (i) => isActiveAt(i, 'Task_2'));
      await showApp(ui, INCOME_REPORT, BUILDING_PERMIT);
      const row = await ui.waitForRow(INSTANCE_LEVEL, shortId(instance));
      await row.click({ button: 'right' });
      await ui.page.locator('.monaco-menu .action-label', { hasText: 'Show Instance Overview' }).first().click();
      await ui.driver.setSideBarWidth(330);
      const page = ui.page.frameLocator('iframe.webview').frameLocator('#active-frame');
      const current = page.locator('#diagram .djs-element.ov-current[data-element-id="Task_2"]');
      await current.waitFor({ state: 'attached', timeout: 30_000 });
      await ui.waitForProgressNotificationsToEnd();
      await ui.driver.settle();
      const passed = await page.locator('#diagram .djs-element.ov-passed').count();
      return `overview of ${instance.id}: Task_2 current, ${passed} task(s) passed`;
    },
  },
  {
    // Building permits searched for active ones whose presentation text says "Nordmann": rows lead with task and
    // date, then the owner (person numbers masked by altinn.maskOwnerIds), the presentation text and the short id.
    // Last, as it leaves a search on the app.
    name: 'instance-rows',
    async run({ ui }) {
      await ui.driver.setSideBarWidth(520);
      await showApp(ui, BUILDING_PERMIT, INCOME_REPORT);
      await ui.inlineAction(BUILDING_PERMIT.level, BUILDING_PERMIT.label, 'Search Instances');
      // Owner, state, task, confirmation, created, last changed, text; picks are lists, the rest input boxes.
      const answers: [string, 'pick' | 'input'][] = [['', 'input'], ['Active', 'pick'], ['', 'pick'], ['', 'pick'], ['', 'input'], ['', 'input'], ['Nordmann', 'input']];
      for (const [answer, kind] of answers) {
        if (kind === 'pick') {
          await ui.waitForQuickPick();
        }
        const box = ui.page.locator('.quick-input-widget input');
        await box.waitFor({ state: 'visible', timeout: 10_000 });
        await ui.page.waitForTimeout(400);
        await box.fill(answer);
        await ui.page.waitForTimeout(300);
        await ui.page.keyboard.press('Enter');
        await ui.page.waitForTimeout(500);
      }
      const row = await ui.waitForRow(INSTANCE_LEVEL, 'Nordmann');
      await ui.page.mouse.move(900, 600);
      await ui.driver.settle();
      return `searched building permits: ${(await row.getAttribute('aria-label')) ?? ''}`;
    },
  },
];
