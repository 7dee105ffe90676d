import type { Locator, Page } from 'playwright-core';
import type { WorkbenchDriver } from './workbench-driver';

/**
 * The workbench gestures the screenshot steps need beyond WorkbenchDriver: finding a tree row by its
 * level and label, expanding or collapsing it, an inline action on hover, editing the open editor, and
 * waiting for the quick pick. All through the workbench's DOM (aria attributes), as a user would act.
 */
export class ScreenshotUi {
  constructor(
    readonly driver: WorkbenchDriver,
    readonly page: Page = driver.page,
  ) {}

  /** The side-bar tree row at `level` (1 = root) whose aria-label contains `text`. */
  row(level: number, text: string): Locator {
    return this.page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"][aria-label*=${JSON.stringify(text)}]`).first();
  }

  async waitForRow(level: number, text: string, timeoutMs = 30_000): Promise<Locator> {
    const row = this.row(level, text);
    try {
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(`no tree row at level ${level} with ${JSON.stringify(text)}; rows: ${(await this.rowLabels()).join(' | ')}`);
    }
    return row;
  }

  /** Expands the row (if collapsed) and waits until its children are shown. */
  async expand(level: number, text: string): Promise<void> {
    const row = await this.waitForRow(level, text);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    await this.waitForChildren(row, level);
  }

  async collapse(level: number, text: string): Promise<void> {
    const row = await this.waitForRow(level, text);
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
      await this.driver.settle();
    }
  }

  /** Clicks an inline action of a row (shown on hover), e.g. "Process Next…". */
  async inlineAction(level: number, text: string, actionTitle: string): Promise<void> {
    const row = await this.waitForRow(level, text);
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label^=${JSON.stringify(actionTitle)}]`).first();
    await action.waitFor({ state: 'visible', timeout: 10_000 });
    await action.click();
  }

  /**
   * In the active text editor, puts the caret on the first line containing `lineText`, `fromEnd` characters
   * before its end, deletes `deleteCount` characters backwards and types `insert`: an unsaved edit.
   */
  async editLine(lineText: string, fromEnd: number, deleteCount: number, insert: string): Promise<void> {
    const line = this.page.locator('.part.editor .editor-instance .view-line', { hasText: lineText }).first();
    await line.waitFor({ state: 'visible', timeout: 10_000 });
    await line.click();
    await this.page.keyboard.press('End');
    for (let i = 0; i < fromEnd; i++) {
      await this.page.keyboard.press('ArrowLeft');
    }
    for (let i = 0; i < deleteCount; i++) {
      await this.page.keyboard.press('Backspace');
    }
    await this.page.keyboard.type(insert);
    await this.driver.settle();
  }

  /** Waits for the quick pick to show at least one item (the command's own, not a progress placeholder). */
  async waitForQuickPick(timeoutMs = 30_000): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.mouse.move(800, 890);
    await this.page.waitForTimeout(400);
    return widget;
  }

  /** Waits until no notification shows a progress bar (VS Code keeps a finished task's toast up ~800 ms). */
  async waitForProgressNotificationsToEnd(timeoutMs = 15_000): Promise<void> {
    const busy = this.page.locator('.notifications-toasts .notification-toast-container:has(.monaco-progress-container.active)');
    await busy.first().waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
    await this.driver.settle();
  }

  /** The labels of the quick pick's items, for the step's note. */
  async quickPickLabels(): Promise<string[]> {
    const rows = await this.page.locator('.quick-input-widget .monaco-list-row').all();
    return Promise.all(rows.map(async (r) => ((await r.getAttribute('aria-label')) ?? '').trim()));
  }

  private async waitForChildren(row: Locator, level: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // Rows are absolutely placed; data-index, not DOM order, says which row follows.
      const index = Number(await row.getAttribute('data-index'));
      const next = this.page.locator(`.part.sidebar .monaco-list-row[data-index="${index + 1}"]`);
      const expanded = (await row.getAttribute('aria-expanded')) === 'true';
      const childLevel = expanded && (await next.count()) > 0 ? Number(await next.first().getAttribute('aria-level')) : 0;
      if (childLevel > level) {
        await this.driver.settle();
        return;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`the row at level ${level} showed no children after ${timeoutMs / 1000} s`);
  }

  private async rowLabels(): Promise<string[]> {
    const rows = await this.page.locator('.part.sidebar .monaco-list-row').all();
    return Promise.all(rows.map(async (r) => `${await r.getAttribute('aria-level')}:${(await r.getAttribute('aria-label')) ?? ''}`));
  }
}
