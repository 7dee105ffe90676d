// The reliability suites' guard: no unhandled promise rejection may appear in the extension host while
// they run (issue 8). Call it inside a describe; it installs the capture for that describe only.
import * as assert from 'node:assert/strict';

export function failOnUnhandledRejections(): void {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  before(() => process.on('unhandledRejection', onRejection));
  after(() => process.off('unhandledRejection', onRejection));
  afterEach(async () => {
    // Rejections surface on a later turn of the event loop.
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(rejections.splice(0).map(String), [], 'no unhandled promise rejection in the extension host');
  });
}
