// Issue 3, "Must show" 1: the emulator's responses for every implemented operation, success and error,
// validated with ajv against test/emulator/openapi. The only deviations allowed are the runtime
// differences of docs/altinn-behaviour.md, listed by name in KNOWN_RUNTIME_DIFFERENCES (conformance-deviations.ts).
import * as assert from 'node:assert/strict';
import { appCases } from './conformance-app-cases';
import { ConformanceContext } from './conformance-client';
import { dataCases } from './conformance-data-cases';
import { KNOWN_RUNTIME_DIFFERENCES, type DifferenceId } from './conformance-deviations';
import { OPERATIONS, type OperationId } from './conformance-operations';
import { platformCases } from './conformance-platform-cases';
import { storageCases } from './conformance-storage-cases';

describe('emulator conformance with the Altinn OpenAPI documents', function () {
  this.timeout(30_000);
  const ctx = new ConformanceContext();

  before(async () => {
    await ctx.start();
  });
  after(async () => {
    await ctx.stop();
  });

  appCases(ctx);
  dataCases(ctx);
  storageCases(ctx);
  platformCases(ctx);

  describe('coverage', () => {
    it('checked a success and an error response for every implemented operation', () => {
      const missing: string[] = [];
      for (const [id, op] of Object.entries(OPERATIONS) as [OperationId, (typeof OPERATIONS)[OperationId]][]) {
        const records = ctx.checker.records.filter((r) => r.op === op);
        const noSuccess = 'noSuccessCase' in op && op.noSuccessCase;
        const noError = 'noErrorCase' in op && op.noErrorCase;
        if (!noSuccess && !records.some((r) => r.status < 400)) missing.push(`${id}: no success`);
        if (!noError && !records.some((r) => r.status >= 400)) missing.push(`${id}: no error`);
      }
      const total = ctx.checker.records.length;
      const validated = ctx.checker.records.filter((r) => r.schemaValidated).length;
      console.log(`      ${Object.keys(OPERATIONS).length} operations, ${total} responses checked, ${validated} validated against a schema`);
      if (process.env.CONFORMANCE_VERBOSE) {
        for (const r of ctx.checker.records) console.log(`        ${r.op.method} ${r.op.path} ${r.status} ${r.form ?? ''}`);
      }
      assert.deepEqual(missing, []);
    });

    it('every listed runtime difference was needed (the table holds nothing the emulator does not do)', () => {
      const used = ctx.checker.usedDifferences;
      const unused = (Object.keys(KNOWN_RUNTIME_DIFFERENCES) as DifferenceId[]).filter((d) => !used.has(d));
      for (const [id, n] of used) {
        console.log(`      ${n}× ${KNOWN_RUNTIME_DIFFERENCES[id].name} (${KNOWN_RUNTIME_DIFFERENCES[id].source})`);
        const details = ctx.checker.explained.get(id);
        if (details && process.env.CONFORMANCE_VERBOSE) console.log(`         ${[...details].join(', ')}`);
      }
      assert.deepEqual(unused, [], 'differences listed but never applied');
    });
  });
});
