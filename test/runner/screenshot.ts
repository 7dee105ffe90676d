import * as fs from 'node:fs';
import * as path from 'node:path';
import { startDemoHost, type DemoHost } from './demo-host';
import { screenshotSteps } from './screenshot-steps';
import { ScreenshotUi } from './screenshot-ui';
import { makeTempDir, removeTempDir } from './temp-dir';
import { launchHeadlessChromium, type HeadlessBrowser } from './workbench';
import { WorkbenchDriver } from './workbench-driver';

/**
 * `npm run screenshot -- <folder>`: the `npm start` host (emulator + VS Code with the extension) in headless
 * Chromium at 1400x900; runs the named steps of screenshot-steps.ts and writes one PNG per step into <folder>
 * (`media/` holds the README's copies of tree.png, form-data.png and process-next.png).
 */
const OVERALL_TIMEOUT_MS = 5 * 60_000;

async function main(): Promise<number> {
  const folder = path.resolve(process.argv[2] ?? 'screenshots');
  fs.mkdirSync(folder, { recursive: true });
  const tempRoot = makeTempDir('altinn-screenshot');
  let host: DemoHost | undefined;
  let browser: HeadlessBrowser | undefined;
  const timer = setTimeout(() => {
    console.error(`screenshot: gave up after ${OVERALL_TIMEOUT_MS / 1000} s`);
    void Promise.all([browser?.close(), host?.close()]).finally(() => {
      removeTempDir(tempRoot);
      process.exit(1);
    });
  }, OVERALL_TIMEOUT_MS);
  let failed = false;
  try {
    host = await startDemoHost({ tempRoot });
    browser = await launchHeadlessChromium(path.join(tempRoot, 'chromium'), { width: 1400, height: 900 });
    const driver = new WorkbenchDriver(browser.page);
    await browser.page.goto(host.url);
    await driver.waitForWorkbench();
    const context = { ui: new ScreenshotUi(driver), emulator: host.emulator };
    for (const step of screenshotSteps) {
      try {
        const note = await step.run(context);
        const file = path.join(folder, `${step.name}.png`);
        await browser.page.screenshot({ path: file });
        console.log(`✔ ${step.name}: ${note} → ${file}`);
      } catch (err) {
        const message = (err as Error).message.split('\n')[0];
        console.error(`✘ ${step.name}: ${message}`);
        await browser.page.screenshot({ path: path.join(folder, `${step.name}-failed.png`) }).catch(() => undefined);
        failed = true;
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await host?.close();
    removeTempDir(tempRoot);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
