// Issue 12, "Provenance": every emulator route and rule names its Altinn source (or none, and why), in a
// table generated into README.md. Fails when a registered route has no entry, an entry names no route, a
// rule points at emulator code that is gone, or the README table is stale; prints the counts.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator, type Emulator } from './index';
import { CHECKED_AT, countProvenance, PROVENANCE, type Repo, type RouteEntry, type RuleEntry } from './provenance';
import { README_PATH, renderProvenanceSection, withProvenanceSection } from './provenance-table';
import { buildRouter } from './server';

const EMULATOR_DIR = resolve(__dirname, '../../../test/emulator');
const SECTIONS = /^(§[1-7](\.[1-5])?|—)$/;
const TAG = /^v\d+\.\d+\.\d+$/;
const VERSIONS = /^v\d+\.\d+\.\d+(\+| – v\d+\.\d+\.\d+)$/;

const { routes, rules } = PROVENANCE;
const registered = buildRouter().list();
const registeredKeys = registered.map((r) => `${r.method} ${r.pattern}`);

function allEntries(): Array<RouteEntry | RuleEntry> {
  return [...routes, ...rules];
}

function label(e: RouteEntry | RuleEntry): string {
  return 'route' in e ? e.route : e.id;
}

describe('emulator provenance', () => {
  after(() => {
    const c = countProvenance(routes, rules);
    const pending = allEntries().filter((e) => e.pending).map(label);
    console.log(`      provenance: ${c.routes} routes, ${c.rulesWithSource} rules with a source, ${c.rulesWithout} without ` +
      `(${c.routesWithSource}/${c.routes} routes with a source, ${c.divergences} divergences)`);
    if (pending.length > 0) console.log(`      provenance: pending (pre-populated, not registered yet): ${pending.join('; ')}`);
  });

  it('has exactly one entry for every registered route', () => {
    const keys = new Set(registeredKeys);
    assert.equal(keys.size, registeredKeys.length, 'the router registers a route twice');
    const missing = registeredKeys.filter((k) => !routes.some((r) => r.route === k));
    assert.deepEqual(missing, [], 'registered routes without a provenance entry (add them to provenance-routes.ts)');
    const twice = routes.map((r) => r.route).filter((k, i, all) => all.indexOf(k) !== i);
    assert.deepEqual(twice, [], 'routes with more than one provenance entry');
  });

  it('names only registered routes, and no pending route that is already registered', () => {
    const keys = new Set(registeredKeys);
    const stale = routes.filter((r) => !r.pending && !keys.has(r.route)).map((r) => r.route);
    assert.deepEqual(stale, [], 'provenance entries whose route is not registered');
    const landed = routes.filter((r) => r.pending && keys.has(r.route)).map((r) => `${r.route} (${r.pending})`);
    assert.deepEqual(landed, [], 'pre-populated routes that are now registered: review the entry and remove `pending`');
  });

  it('gives every route and rule a source, or a reason why it has none', () => {
    const bare = allEntries().filter((e) => e.sources.length === 0 && !e.reason?.trim()).map(label);
    assert.deepEqual(bare, []);
    const badSection = allEntries().filter((e) => !SECTIONS.test(e.section)).map((e) => `${label(e)}: ${e.section}`);
    assert.deepEqual(badSection, []);
  });

  it('cites sources in a form provenance-sources.js can check', () => {
    const known = new Set(Object.keys(CHECKED_AT) as Repo[]);
    const bad: string[] = [];
    for (const e of allEntries()) {
      for (const s of e.sources) {
        if (!known.has(s.repo)) bad.push(`${label(e)}: unknown repository ${s.repo}`);
        if (!s.path || s.path.startsWith('/') || !/\.\w+$/.test(s.path)) bad.push(`${label(e)}: path ${s.path}`);
        if (!s.symbol.trim()) bad.push(`${label(e)}: no symbol in ${s.path}`);
        if (s.at !== undefined && !TAG.test(s.at)) bad.push(`${label(e)}: tag ${s.at}`);
        if (s.versions !== undefined && !VERSIONS.test(s.versions)) bad.push(`${label(e)}: versions ${s.versions}`);
        if (s.versions !== undefined && s.repo !== 'app-lib-dotnet') bad.push(`${label(e)}: versions on ${s.repo}`);
      }
    }
    for (const sha of Object.values(CHECKED_AT)) if (!/^[0-9a-f]{40}$/.test(sha)) bad.push(`CHECKED_AT ${sha}`);
    assert.deepEqual(bad, []);
  });

  it('points every rule at emulator code that still has the named symbol', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate rule ids');
    const broken: string[] = [];
    for (const r of rules) {
      const [file, symbol] = r.where.split(' ');
      const path = resolve(EMULATOR_DIR, file);
      if (!symbol || !existsSync(path)) broken.push(`${r.id}: ${r.where}`);
      else if (!r.pending && !readFileSync(path, 'utf8').includes(symbol)) broken.push(`${r.id}: ${symbol} not in ${file}`);
    }
    assert.deepEqual(broken, []);
  });

  it('keeps the README provenance section generated from provenance.ts', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    const expected = withProvenanceSection(readme, renderProvenanceSection());
    assert.ok(readme === expected, 'test/emulator/README.md is out of date: run `node out/test/emulator/provenance-table.js --write`');
  });

  describe('against a running emulator', () => {
    let emu: Emulator;
    before(async () => (emu = await startEmulator()));
    after(async () => emu.close());

    /** A concrete path for a pattern, with ids of the seed so handlers run instead of "no route". */
    function concrete(pattern: string): string {
      const inst = emu.store.listInstances('ttd/building-permit').find((i) => i.data.length > 0)!;
      const [party, guid] = inst.id.split('/');
      const values: Record<string, string> = {
        org: 'ttd', app: 'building-permit', party, guid, dataGuid: inst.data[0].id, dataType: inst.data[0].dataType,
        provider: 'maskinporten', userId: '1337', language: 'nb', id: 'none',
      };
      return pattern.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? name);
    }

    it('serves every listed route (the dispatcher finds a handler for each)', async () => {
      const unrouted: string[] = [];
      for (const r of registered) {
        // userId= lets GET /Home/GetTestUserToken name a known user (an unknown one is localtest's empty 404).
        const res = await fetch(`${emu.url}${concrete(r.pattern)}?userId=1337`, { method: r.method });
        const body = await res.arrayBuffer();
        // The dispatcher answers a path or method with no route by an empty 404/405; with seed ids and no token,
        // every handler answers something else (401 before the handler, or the handler's own answer).
        if (res.status === 405 || (res.status === 404 && body.byteLength === 0)) unrouted.push(`${r.method} ${r.pattern} → ${res.status}`);
      }
      assert.deepEqual(unrouted, []);
    });
  });
});
