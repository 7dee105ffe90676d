// Issue 8, faults on writes at the API level: saving (PUT data) and the state-changing requests (process
// next, create instance, upload, delete, complete) hit by a 503, a reset, a lost answer (truncated) or a
// time-out: reported with kind and status, sent exactly once, and the emulator confirms at most one effect.
import * as assert from 'node:assert/strict';
import type { AltinnClient, ApplicationMetadata, DataElement, Instance } from '../../src/api';
import { BUILDING_PERMIT, buildingPermitXml, type Fixture, PDF_BYTES, requestCount, startFixture, USER_PARTY } from '../api/helpers';
import { assertApiError, failureOf, faultRule, impatientClient, readyInstance, Tally } from './harness';

describe('reliability: faults on writes', function () {
  this.timeout(60_000);
  const tally = new Tally();
  let fx: Fixture;
  let inst: Instance;
  let model: DataElement;
  let impatient: AltinnClient;
  let permitMetadata: ApplicationMetadata;

  before(async () => {
    fx = await startFixture();
    // Given to uploads, which would otherwise read it first: only the upload itself is counted below.
    permitMetadata = await fx.owner.apps.metadata(BUILDING_PERMIT);
    inst = await readyInstance(fx);
    model = inst.data!.find((d) => d.dataType === 'model')!;
    impatient = await impatientClient(fx);
  });
  afterEach(() => fx.emulator.faults.reset());
  after(async () => {
    await fx?.close();
    console.log(tally.summary('writes'));
  });

  describe('save (replace form data)', () => {
    const op = 'save (replace)';
    const savePath = () => `/instances/\\d+/[0-9a-f-]+/data/${model.id}$`;
    async function stored(): Promise<string> {
      return String(await fx.owner.data.getFormData(inst, model.id, 'xml'));
    }
    async function save(client: AltinnClient, applicant: string): Promise<unknown> {
      return client.data.replace(inst, model.id, buildingPermitXml(applicant), { contentType: 'application/xml' });
    }

    for (const kind of ['429', '500', '503', 'reset'] as const) {
      it(`${kind}: reported, sent once, and the stored data is unchanged`, async () => {
        await save(fx.owner, 'Before Fault');
        tally.inject(fx, faultRule(kind, 'PUT', savePath(), 100), op);
        const before = requestCount(fx);
        const error = await failureOf(save(fx.owner, `After ${kind}`));
        assertApiError(error, kind === 'reset' ? { kind: 'network', method: 'PUT' } : { kind: 'http', status: Number(kind), method: 'PUT' });
        assert.equal(requestCount(fx) - before, 1, 'a PUT is never retried');
        fx.emulator.faults.reset();
        assert.match(await stored(), /Before Fault/);
      });
    }

    it('5 s latency past the timeout: reported as a time-out, sent once', async () => {
      tally.inject(fx, faultRule('latency', 'PUT', savePath()), op);
      const before = requestCount(fx);
      const error = await failureOf(save(impatient, 'Slow Save'));
      assertApiError(error, { kind: 'timeout', method: 'PUT' });
      assert.equal(requestCount(fx) - before, 1);
    });

    it('a lost answer (truncated): reported, sent once, and the change is stored exactly once', async () => {
      tally.inject(fx, faultRule('truncate', 'PUT', savePath(), 100), op);
      const before = requestCount(fx);
      const error = await failureOf(save(fx.owner, 'Lost Answer'));
      assertApiError(error, { kind: 'network', method: 'PUT' });
      assert.equal(requestCount(fx) - before, 1);
      fx.emulator.faults.reset();
      assert.match(await stored(), /Lost Answer/);
    });
  });

  describe('state-changing requests are reported, never retried, and take effect at most once', () => {
    type Change = {
      name: string;
      method: string;
      path: (i: Instance) => string;
      prepare(): Promise<Instance>;
      run(i: Instance): Promise<unknown>;
      /** How many times the change took effect, read from the emulator. */
      effects(i: Instance, before: Snapshot): Promise<number> | number;
    };
    interface Snapshot {
      instancesCreated: number;
      instances: number;
      drawings: number;
    }
    const snapshot = (i: Instance): Snapshot => ({
      instancesCreated: fx.emulator.store.stats.instancesCreated,
      instances: fx.emulator.store.countInstances(BUILDING_PERMIT),
      drawings: (fx.emulator.store.getInstance(i.id)?.data ?? []).filter((d) => d.dataType === 'drawing').length,
    });
    const taskIndex: Record<string, number> = { Task_1: 0, Task_2: 1 };

    const changes: Change[] = [
      {
        name: 'process next',
        method: 'PUT',
        path: () => '/process/next$',
        prepare: () => readyInstance(fx),
        run: (i) => fx.owner.process.next(i),
        effects: (i) => {
          const wire = fx.emulator.store.getInstance(i.id)!;
          const at = wire.process?.ended ? 2 : taskIndex[wire.process?.currentTask?.elementId ?? 'Task_1'];
          return at;
        },
      },
      {
        name: 'create instance',
        method: 'POST',
        path: () => '^/ttd/building-permit/instances$',
        prepare: () => readyInstance(fx),
        run: () => fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } }),
        effects: (_i, before) => {
          const created = fx.emulator.store.stats.instancesCreated - before.instancesCreated;
          assert.equal(fx.emulator.store.countInstances(BUILDING_PERMIT) - before.instances, created, 'stats and store agree');
          return created;
        },
      },
      {
        name: 'upload',
        method: 'POST',
        path: () => '/data/drawing$',
        prepare: () => readyInstance(fx),
        run: (i) => fx.owner.data.upload(i, 'drawing', PDF_BYTES, { filename: 'fault.pdf', metadata: permitMetadata }),
        effects: (i, before) => snapshot(i).drawings - before.drawings,
      },
      {
        name: 'delete instance',
        method: 'DELETE',
        path: (i) => `^/ttd/building-permit/instances/\\d+/${i.id.split('/')[1]}$`,
        prepare: () => readyInstance(fx),
        run: (i) => fx.owner.instances.delete(i),
        effects: (i) => (fx.emulator.store.getInstance(i.id)?.status?.isSoftDeleted ? 1 : 0),
      },
      {
        name: 'complete instance',
        method: 'POST',
        path: () => '/complete$',
        prepare: () => readyInstance(fx),
        run: (i) => fx.owner.instances.complete(i),
        effects: (i) => (fx.emulator.store.getInstance(i.id)?.completeConfirmations ?? []).length,
      },
    ];

    for (const change of changes) {
      for (const kind of ['503', 'reset', 'truncate'] as const) {
        it(`${change.name} hit by ${kind === 'truncate' ? 'a lost answer (truncated)' : kind}`, async () => {
          const target = await change.prepare();
          const before = snapshot(target);
          const nextCountBefore = fx.emulator.store.stats.processNextCount[target.id] ?? 0;
          tally.inject(fx, faultRule(kind, change.method, change.path(target), 100), change.name);
          const requestsBefore = requestCount(fx);
          const error = await failureOf(change.run(target));
          assertApiError(error, kind === '503' ? { kind: 'http', status: 503, method: change.method } : { kind: 'network', method: change.method });
          assert.equal(requestCount(fx) - requestsBefore, 1, 'sent exactly once: never retried');
          fx.emulator.faults.reset();
          const effects = await change.effects(target, before);
          // A 503 or reset from the fault layer comes before the handler; a truncated answer comes after it.
          assert.equal(effects, kind === 'truncate' ? 1 : 0, `${change.name} took effect ${effects} times`);
          assert.ok((fx.emulator.store.stats.processNextCount[target.id] ?? 0) - nextCountBefore <= 1, 'process/next reached the emulator at most once');
        });
      }
    }

    it('process next with a 5 s latency past the timeout: a time-out, sent once; the instance moves once', async () => {
      const target = await readyInstance(fx);
      tally.inject(fx, faultRule('latency', 'PUT', '/process/next$'), 'process next');
      const error = await failureOf(impatient.process.next(target));
      assertApiError(error, { kind: 'timeout', method: 'PUT' });
      // The emulator may still run the slow request after the client gave up: let its latency pass, then look.
      await new Promise((r) => setTimeout(r, 3_500));
      assert.equal(fx.emulator.store.stats.processNextCount[target.id], 1, 'sent once');
      const task = fx.emulator.store.getInstance(target.id)?.process?.currentTask?.elementId;
      assert.ok(task === 'Task_1' || task === 'Task_2', `moved at most one step, now at ${task}`);
    });
  });
});
