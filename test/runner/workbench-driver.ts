import type { Locator, Page } from 'playwright-core';

/**
 * Drives the VS Code workbench in a page the way a person does (clicks, keys), through stable DOM hooks
 * of the workbench: the activity bar's aria-labels and the tree's aria-level/aria-expanded rows.
 */
export class WorkbenchDriver {
  constructor(readonly page: Page) {}

  async waitForWorkbench(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Clicks the activity-bar entry whose title starts with `title` (e.g. "Altinn"). */
  async openViewContainer(title: string): Promise<void> {
    const entry = this.page.locator(`.part.activitybar [aria-label^="${title}"]`).first();
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    await entry.click();
  }

  /** Tree rows of the side bar. */
  treeRows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row');
  }

  async waitForTreeRows(minimum = 1, timeoutMs = 30_000): Promise<void> {
    const enough = await this.poll(async () => (await this.treeRows().count()) >= minimum, timeoutMs);
    if (!enough) {
      throw new Error(`fewer than ${minimum} tree rows after ${timeoutMs / 1000} s`);
    }
    await this.settle();
  }

  /** Rows as (label, level, expanded) in display order; expanded is undefined for leaves. */
  private async rowStates(): Promise<{ row: Locator; label: string; level: number; expanded?: boolean }[]> {
    const states = [];
    for (const row of await this.treeRows().all()) {
      const expanded = await row.getAttribute('aria-expanded');
      states.push({
        row,
        label: ((await row.getAttribute('aria-label')) ?? '').trim(),
        level: Number(await row.getAttribute('aria-level')),
        expanded: expanded === null ? undefined : expanded === 'true',
      });
    }
    return states;
  }

  /** The children of the deepest expanded row (the last one, if several are at that depth). */
  private async childrenOfDeepestExpanded(): Promise<{ row: Locator; label: string; level: number; expanded?: boolean }[]> {
    const rows = await this.rowStates();
    let parent = -1;
    rows.forEach((r, i) => {
      if (r.expanded && (parent < 0 || r.level > rows[parent].level)) {
        parent = i;
      }
    });
    const level = parent < 0 ? 1 : rows[parent].level + 1;
    const children = [];
    for (let i = parent + 1; i < rows.length && (parent < 0 || rows[i].level > rows[parent].level); i++) {
      if (rows[i].level === level) {
        children.push(rows[i]);
      }
    }
    return children;
  }

  /**
   * Goes one level down: expands the first collapsed child of the deepest expanded row that `prefer` accepts
   * (else the first one) and waits for its children. Returns its label, or undefined when there is none.
   */
  async expandNextLevel(prefer: (label: string) => boolean = () => true, timeoutMs = 30_000): Promise<string | undefined> {
    const collapsed = (await this.childrenOfDeepestExpanded()).filter((c) => c.expanded === false);
    const child = collapsed.find((c) => prefer(c.label)) ?? collapsed[0];
    if (!child) {
      return undefined;
    }
    const before = await this.treeRows().count();
    await child.row.click();
    await this.poll(async () => (await this.treeRows().count()) > before, timeoutMs);
    await this.settle();
    return child.label;
  }

  /** Expands down the tree until a row at `level` (1 = root) is expanded. */
  async expandDownToLevel(level: number, prefer?: (label: string) => boolean): Promise<string[]> {
    const path: string[] = [];
    for (;;) {
      const deepest = Math.max(0, ...(await this.rowStates()).filter((r) => r.expanded).map((r) => r.level));
      if (deepest >= level) {
        return path;
      }
      const label = await this.expandNextLevel(prefer);
      if (label === undefined) {
        throw new Error(`the tree has no collapsed row at level ${deepest + 1} to expand`);
      }
      path.push(label);
    }
  }

  /** Clicks the first leaf child of the deepest expanded row, which runs the item's command. */
  async openFirstLeafOfDeepest(): Promise<string | undefined> {
    const leaf = (await this.childrenOfDeepestExpanded()).find((c) => c.expanded === undefined);
    if (!leaf) {
      return undefined;
    }
    await leaf.row.click();
    await this.settle();
    return leaf.label;
  }

  /** Drags the side bar's edge so that long tree labels fit. */
  async setSideBarWidth(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) {
      return;
    }
    const edge = box.x + box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(edge - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
    await this.settle();
  }

  /** Runs a command by its palette title through F1, as a user would. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.settle();
  }

  async waitForEditor(timeoutMs = 30_000): Promise<void> {
    await this.page.locator('.part.editor .editor-instance').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await this.settle();
  }

  /** Lets the side bar's progress bar finish and rendering settle before a screenshot. */
  async settle(): Promise<void> {
    // Park the pointer where it opens no hover or tooltip.
    await this.page.mouse.move(800, 890);
    await this.page
      .locator('.part.sidebar .monaco-progress-container.active')
      .first()
      .waitFor({ state: 'hidden', timeout: 15_000 })
      .catch(() => undefined);
    await this.page.waitForTimeout(400);
  }

  private async poll(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await condition()) {
        return true;
      }
      await this.page.waitForTimeout(200);
    }
    return condition();
  }
}
